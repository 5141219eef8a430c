/**
 * The document store: every spec file is read and parsed at most once per run, whoever asks for
 * it first (its package, or a `$ref` from another file). Parse failures become diagnostics and
 * the file is remembered as missing so that nobody retries it.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Diagnostics } from '../diagnostics.js';

export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };
export type JsonObject = { [key: string]: JsonValue };

export class DocumentStore {
  private readonly docs = new Map<string, JsonValue | undefined>();
  private readonly relatives = new Map<string, string>();
  /** Number of files read from disk (each at most once). */
  filesRead = 0;
  bytesRead = 0;

  constructor(
    /** Root of the specs tree; locations are reported relative to it. */
    readonly root: string,
    private readonly diagnostics: Diagnostics,
  ) {}

  /** Path relative to the root, with forward slashes, for messages and ids. */
  relative(absPath: string): string {
    let rel = this.relatives.get(absPath);
    if (rel === undefined) {
      const r = path.relative(this.root, absPath);
      rel = (r.startsWith('..') ? absPath : r).split(path.sep).join('/');
      this.relatives.set(absPath, rel);
    }
    return rel;
  }

  has(absPath: string): boolean {
    return this.docs.has(absPath);
  }

  /** The parsed document, or undefined (with a diagnostic, once) when it cannot be read or parsed. */
  get(absPath: string): JsonValue | undefined {
    if (this.docs.has(absPath)) return this.docs.get(absPath);
    let doc: JsonValue | undefined;
    let text: string | undefined;
    try {
      text = readFileSync(absPath, 'utf8');
      this.filesRead++;
      this.bytesRead += text.length;
    } catch (e) {
      const reason = (e as NodeJS.ErrnoException).code === 'ENOENT' ? 'file not found' : (e as Error).message;
      this.diagnostics.error('file-unreadable', `cannot read file: ${reason}`, { file: this.relative(absPath), pointer: '' });
    }
    if (text !== undefined) {
      try {
        doc = JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text) as JsonValue;
      } catch (e) {
        this.diagnostics.error('invalid-json', `not valid JSON: ${(e as Error).message}`, { file: this.relative(absPath), pointer: '' });
      }
    }
    this.docs.set(absPath, doc);
    return doc;
  }
}

export function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
