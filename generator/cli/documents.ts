/**
 * The files `import`, `render` and `validate` read and write: YAML streams (JSON is YAML too) of
 * Kubernetes objects, read with the YAML 1.2 core schema as Kubernetes reads them (a date stays a
 * string), and written back as a `---`-separated stream that YAML 1.1 readers read the same way.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { dump, loadAll, YAMLException } from 'js-yaml';
import type { Diagnostic } from '../diagnostics.js';
import { usageError } from './output.js';

export interface InputDocument {
  /** 1-based, as people count documents. */
  number: number;
  value: unknown;
}

export type Json = Record<string, unknown>;
export const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The non-empty documents of a file (`-`: stdin); a usage error when the file does not exist, a diagnostic when it does not parse. */
export function readDocuments(file: string, what = 'input file'): { documents: InputDocument[] } | { error: Diagnostic } {
  if (file !== '-' && (!existsSync(file) || statSync(file).isDirectory())) usageError(`the ${what} ${file} does not exist or is a folder`);
  const text = readFileSync(file === '-' ? 0 : file, 'utf8');
  try {
    const documents = loadAll(text, { filename: file })
      .map((value, i) => ({ number: i + 1, value }))
      .filter((d) => d.value !== null && d.value !== undefined);
    return { documents };
  } catch (e) {
    const reason = e instanceof YAMLException ? `${e.reason}${e.mark ? ` at line ${e.mark.line + 1}, column ${e.mark.column + 1}` : ''}` : (e as Error).message;
    return { error: { code: 'invalid-yaml', severity: 'error', message: `${file} is not valid YAML or JSON: ${reason}`, location: { file, pointer: '' } } };
  }
}

/** A `---`-separated YAML stream, one document per value (JSON round-tripped first: no `undefined`). */
export function yamlStream(values: readonly unknown[]): string {
  return values.map((v) => dump(JSON.parse(JSON.stringify(v)), { lineWidth: -1, noRefs: true })).join('---\n');
}

/** `spec.subnets[0].natGateway` → `/spec/subnets/0/natGateway`, the JSON pointer of a path `collectReferences` gives. */
export function pointerOfPath(dotted: string): string {
  const segments: string[] = [];
  for (const m of dotted.matchAll(/([^.[\]]+)|\[(\d+)\]|\["((?:[^"\\]|\\.)*)"\]/g)) segments.push(m[1] ?? m[2] ?? JSON.parse(`"${m[3]}"`));
  return segments.map((s) => '/' + s.replace(/~/g, '~0').replace(/\//g, '~1')).join('');
}

/** Where an object is, for messages: `file` or `file (document 2)` when the file holds several. */
export function whereIn(file: string, document: InputDocument, count: number): string {
  return count > 1 ? `${file} (document ${document.number})` : file;
}
