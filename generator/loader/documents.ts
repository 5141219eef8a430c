/**
 * The document store: every spec file is read and parsed at most once per run, whoever asks for
 * it first (its package, or a `$ref` from another file). Parse failures become diagnostics and
 * the file is remembered as missing so that nobody retries it.
 */
import { isUtf8 } from 'node:buffer';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Diagnostics } from '../diagnostics.js';

export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };
export type JsonObject = { [key: string]: JsonValue };

export class DocumentStore {
  private readonly docs = new Map<string, JsonValue | undefined>();
  private readonly relatives = new Map<string, string>();
  /** The package that first read each file, and files read by more than one package. */
  private readonly readers = new Map<string, string>();
  private readonly shared = new Set<string>();
  private readonly released = new Set<string>();
  /** The package being loaded; set by the loader. */
  currentPackage = '';
  /** Number of files read from disk. */
  filesRead = 0;
  bytesRead = 0;
  /** Files read a second time because a package reached them after their own package released them. */
  rereads = 0;

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

  /**
   * Drops the parsed documents that only `packageId` used, to keep the live heap (and so the
   * garbage collector's work) proportional to one package rather than to the whole corpus.
   * Files another package also reached stay: they are the shared ones (common-types, ...).
   */
  release(packageId: string, files: readonly string[]): void {
    for (const file of files) {
      if (this.readers.get(file) === packageId && !this.shared.has(file) && this.docs.get(file) !== undefined && this.docs.delete(file)) this.released.add(file);
    }
  }

  /** The parsed document, or undefined (with a diagnostic, once) when it cannot be read or parsed. */
  get(absPath: string): JsonValue | undefined {
    const reader = this.readers.get(absPath);
    if (reader === undefined) this.readers.set(absPath, this.currentPackage);
    else if (reader !== this.currentPackage) this.shared.add(absPath);
    if (this.docs.has(absPath)) return this.docs.get(absPath);
    if (this.released.delete(absPath)) {
      this.rereads++;
      this.shared.add(absPath);
      return this.parse(absPath, true);
    }
    return this.parse(absPath, false);
  }

  private parse(absPath: string, again: boolean): JsonValue | undefined {
    let doc: JsonValue | undefined;
    let text: string | undefined;
    try {
      const bytes = readFileSync(absPath);
      if (!again && !isUtf8(bytes)) {
        this.diagnostics.warning('invalid-utf8', 'file is not valid UTF-8; the invalid bytes are read as U+FFFD', { file: this.relative(absPath), pointer: '' });
      }
      text = bytes.toString('utf8');
      if (!again) this.filesRead++;
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
