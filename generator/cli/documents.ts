/**
 * The files `import`, `render` and `validate` read and write: YAML streams (JSON is YAML too) of
 * Kubernetes objects, read with the YAML 1.2 core schema as Kubernetes reads them (a date stays a
 * string), and written back as a `---`-separated stream that YAML 1.1 readers read the same way.
 */
import type { CodeOfSeverity } from '../diagnostic-codes.js';
import { existsSync, statSync } from 'node:fs';
import { dump } from 'js-yaml';
import type { Diagnostic } from '../diagnostics.js';
import { loadYamlStream, readTextLimited } from '../yaml-input.js';
import { usageError } from './output.js';

export interface InputDocument {
  /** 1-based, as people count documents. */
  number: number;
  value: unknown;
}

export type Json = Record<string, unknown>;
export const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * The non-empty documents of a file (`-`: stdin); a usage error when the file does not exist, a
 * diagnostic when it cannot be read, is over the size limit, does not parse, or has too many aliases.
 */
export function readDocuments(file: string, what = 'input file'): { documents: InputDocument[] } | { error: Diagnostic } {
  if (file !== '-' && (!existsSync(file) || statSync(file).isDirectory())) usageError(`the ${what} ${file} does not exist or is a folder`);
  const fault = (code: CodeOfSeverity<'error'>, message: string): { error: Diagnostic } => ({ error: { code, severity: 'error', message, location: { file, pointer: '' } } });
  const read = readTextLimited(file);
  if (!read.ok) return read.problem === 'limit' ? fault('input-too-large', `${read.reason}: pass a smaller file`) : fault('input-unreadable', `the ${what} ${file} ${read.reason}`);
  const loaded = loadYamlStream(read.text, { filename: file });
  if (!loaded.ok) {
    return loaded.problem === 'limit'
      ? fault('yaml-limit', `${file} cannot be read safely: ${loaded.reason}`)
      : fault('invalid-yaml', `${file} is not valid YAML or JSON: ${loaded.reason}`);
  }
  return { documents: loaded.documents.map((value, i) => ({ number: i + 1, value })).filter((d) => d.value !== null && d.value !== undefined) };
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
