/**
 * Helpers of the docs tests: run the docs emitter on a final model (the TypeScript emitted and
 * loaded in memory, as `armkube docs` does), and read the rendered Markdown back: a section under
 * a heading, the rows of its first table, its YAML block.
 */
import { Diagnostics } from '../../../../generator/diagnostics.js';
import { emitDocs, type DocsContext } from '../../../../generator/emit/docs/index.js';
import type { EmittedFile } from '../../../../generator/emit/emitter.js';
import { typescriptEmitter } from '../../../../generator/emit/typescript/index.js';
import { loadGeneratedFiles, type GeneratedCode } from '../../../../generator/output-reader/load.js';
import type { Model } from '../../../../generator/model/types.js';

export interface RenderedDocs {
  files: EmittedFile[];
  diagnostics: Diagnostics;
  counts: Record<string, number>;
  /** The generated code the samples were made with; call `code.dispose()` when done. */
  code: GeneratedCode;
  /** The text of `docs/<name>` (throws when there is none). */
  page(name: string): string;
}

export async function renderDocs(model: Model, specsDir: string, extra: Partial<DocsContext> = {}): Promise<RenderedDocs> {
  const counts: Record<string, number> = {};
  const count = (key: string, by = 1) => void (counts[key] = (counts[key] ?? 0) + by);
  const tsFiles = typescriptEmitter.emit(model, { diagnostics: new Diagnostics('typescript'), count: () => {} });
  const code = await loadGeneratedFiles(tsFiles);
  const diagnostics = new Diagnostics('docs');
  const files = await emitDocs(model, code, { diagnostics, specsDir, count, ...extra });
  return {
    files,
    diagnostics,
    counts,
    code,
    page(name) {
      const found = files.find((f) => f.path === `docs/${name}`);
      if (!found) throw new Error(`no docs/${name}; have ${files.map((f) => f.path).join(', ')}`);
      return found.content;
    },
  };
}

/** The text under a Markdown heading (its exact line), up to the next heading of the same or a higher level. */
export function section(markdown: string, heading: string): string {
  const lines = markdown.split('\n');
  const start = lines.indexOf(heading);
  if (start < 0) throw new Error(`no heading "${heading}"`);
  const level = heading.match(/^#+/)![0].length;
  let end = start + 1;
  let inFence = false;
  for (; end < lines.length; end++) {
    if (lines[end].startsWith('```')) inFence = !inFence;
    const m = !inFence && lines[end].match(/^(#+) /);
    if (m && m[1].length <= level) break;
  }
  return lines.slice(start + 1, end).join('\n');
}

/** The cells of the body rows of the first table in `text` (`\|` kept as `|`). */
export function tableRows(text: string): string[][] {
  const lines = text.split('\n');
  const start = lines.findIndex((l) => l.startsWith('| '));
  if (start < 0) return [];
  const rows: string[][] = [];
  for (let i = start + 2; i < lines.length && lines[i].startsWith('|'); i++) {
    rows.push(
      lines[i]
        .slice(1, -1)
        .split(/(?<!\\)\|/)
        .map((c) => c.trim().replace(/\\\|/g, '|')),
    );
  }
  return rows;
}

/** The first fenced YAML block in `text`, or undefined. */
export function yamlBlock(text: string): string | undefined {
  return text.match(/```yaml\n([\s\S]*?)```/)?.[1];
}

/** `\`name\`` → `name`. */
export function unquote(cell: string): string {
  return cell.replace(/^`|`$/g, '');
}
