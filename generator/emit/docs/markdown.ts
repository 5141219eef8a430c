/** Markdown text helpers: table cells, inline code, heading anchors. Templates run with `noEscape`, so escaping is done here. */

/** Spec text as Markdown: `<` outside code spans escaped, so that `<name>` is not taken for an HTML tag. */
export function markdownText(text: string | undefined): string {
  if (!text) return '';
  return text
    .split(/(`[^`]*`)/)
    .map((part, i) => (i % 2 ? part : part.replace(/</g, '&lt;')))
    .join('');
}

/** A table cell: one line, `|` escaped (GitHub applies that inside code spans too), at most about `max` characters. */
export function tableCell(text: string | undefined, max = 300): string {
  if (!text) return '';
  let line = text.replace(/\s*\r?\n\s*/g, ' ').trim();
  if (line.length > max) {
    line = line.slice(0, max - 1).trimEnd();
    // Close a code span the cut left open.
    if ((line.match(/`/g) ?? []).length % 2) line += '`';
    line += '…';
  }
  return markdownText(line).replace(/\|/g, '\\|');
}

/** Inline code that survives backticks in the text. */
export function inlineCode(text: string): string {
  return text.includes('`') ? `\`\` ${text} \`\`` : `\`${text}\``;
}

/** The anchor GitHub gives a heading: lower case, punctuation dropped, spaces to dashes. */
export function headingAnchor(heading: string): string {
  return heading
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s_-]/gu, '')
    .trim()
    .replace(/\s/g, '-');
}
