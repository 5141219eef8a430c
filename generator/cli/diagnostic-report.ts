/**
 * Diagnostics as `generate` prints them: errors then warnings (then infos with --verbose), grouped
 * by code, each with its file and JSON pointer; a few per code unless --verbose, then a line
 * saying how many more and how to see them.
 */
import { formatLocation, type Diagnostic, type Severity } from '../diagnostics.js';

const PER_CODE = 5;

export function diagnosticLines(diagnostics: readonly Diagnostic[], verbose: boolean | undefined): string[] {
  const severities: Severity[] = verbose ? ['error', 'warning', 'info'] : ['error', 'warning'];
  const lines: string[] = [];
  let hidden = 0;
  for (const severity of severities) {
    const byCode = new Map<string, Diagnostic[]>();
    for (const d of diagnostics) {
      if (d.severity !== severity) continue;
      const list = byCode.get(d.code);
      if (list) list.push(d);
      else byCode.set(d.code, [d]);
    }
    for (const [code, list] of [...byCode].sort((a, b) => b[1].length - a[1].length || (a[0] < b[0] ? -1 : 1))) {
      lines.push(`${severity} ${code} (${list.length}):`);
      const shown = verbose ? list : list.slice(0, PER_CODE);
      for (const d of shown) {
        const where = formatLocation(d.location);
        lines.push(`  ${d.message}${where ? ` (${where})` : ''}`);
      }
      if (shown.length < list.length) {
        lines.push(`  ... and ${list.length - shown.length} more`);
        hidden += list.length - shown.length;
      }
    }
  }
  const infos = diagnostics.filter((d) => d.severity === 'info').length;
  if (hidden || (!verbose && infos)) lines.push(`(${[hidden && `${hidden} more shown`, !verbose && infos && `${infos} infos`].filter(Boolean).join(', ')} with --verbose; --json lists them all)`);
  return lines;
}
