/**
 * `$ref` parsing: `other.json#/definitions/Foo`, `#/parameters/Bar`, percent-encoded paths and
 * JSON pointers with `~0`/`~1` escapes (RFC 6901, RFC 3986).
 */
import path from 'node:path';
import type { JsonValue } from './documents.js';

export interface RefTarget {
  /** Absolute path of the target file. */
  file: string;
  /** JSON pointer inside it, `''` for the whole document. */
  pointer: string;
}

/** Resolves a `$ref` string written in `fromFile`. Returns undefined for remote (http) refs. */
export function parseRef(ref: string, fromFile: string): RefTarget | undefined {
  const hash = ref.indexOf('#');
  const filePart = hash < 0 ? ref : ref.slice(0, hash);
  const pointer = hash < 0 ? '' : ref.slice(hash + 1);
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(filePart)) return undefined;
  const file = filePart === '' ? fromFile : resolveFile(fromFile, filePart);
  return { file, pointer };
}

const resolved = new Map<string, string>();

/** Memoized: the same relative `$ref` file part is written thousands of times in a folder. */
function resolveFile(fromFile: string, filePart: string): string {
  const dir = path.dirname(fromFile);
  const key = dir + '\0' + filePart;
  let file = resolved.get(key);
  if (file === undefined) {
    file = path.resolve(dir, safeDecode(filePart));
    resolved.set(key, file);
  }
  return file;
}

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

/** Splits a JSON pointer into unescaped segments. `''` is the root. */
export function pointerSegments(pointer: string): string[] {
  if (pointer === '' || pointer === '/') return pointer === '/' ? [''] : [];
  const body = pointer.startsWith('/') ? pointer.slice(1) : pointer;
  const segments = body.split('/');
  for (let i = 0; i < segments.length; i++) {
    let s = segments[i];
    if (s.indexOf('%') >= 0) s = safeDecode(s);
    if (s.indexOf('~') >= 0) s = s.replace(/~1/g, '/').replace(/~0/g, '~');
    segments[i] = s;
  }
  return segments;
}

/** The value at a JSON pointer, or undefined. */
export function getAtPointer(doc: JsonValue | undefined, pointer: string): JsonValue | undefined {
  let node: JsonValue | undefined = doc;
  for (const segment of pointerSegments(pointer)) {
    if (node === null || typeof node !== 'object') return undefined;
    if (Array.isArray(node)) {
      const index = Number(segment);
      node = Number.isInteger(index) ? node[index] : undefined;
    } else {
      node = Object.prototype.hasOwnProperty.call(node, segment) ? node[segment] : undefined;
    }
  }
  return node;
}

/** The definition name when a pointer is exactly `/definitions/<name>`. */
export function definitionName(pointer: string): string | undefined {
  const segments = pointerSegments(pointer);
  return segments.length === 2 && segments[0] === 'definitions' ? segments[1] : undefined;
}
