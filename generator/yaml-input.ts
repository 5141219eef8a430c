/**
 * YAML that armkube reads from users (manifests, `--refs`, `--secrets`, config files, the CRDs of
 * an output folder), with limits, so that a hostile or broken file gives a clear error instead of
 * exhausting memory or time:
 *
 * - a size limit on the text, checked before it is read whole;
 * - an alias limit per document (js-yaml's `maxAliases`);
 * - an expansion limit: js-yaml shares the value of an anchor among its aliases, so parsing a
 *   "billion laughs" document is cheap, but everything that walks the value afterwards (schema
 *   checks, JSON output) pays for every path through it. The number of values that aliases add
 *   (the value as a tree, less the value as parsed) is counted without walking the tree, and a
 *   recursive alias (a value that contains itself) is refused.
 */
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { loadAll, YAMLException } from 'js-yaml';

export interface YamlLimits {
  /** Bytes of text. */
  maxBytes: number;
  /** Aliases (`*name`) per document. */
  maxAliases: number;
  /** Values that aliases add to one document, when the document is seen as a tree. */
  maxAliasedValues: number;
}

export const YAML_LIMITS: Readonly<YamlLimits> = Object.freeze({
  maxBytes: 64 * 1024 * 1024,
  maxAliases: 10_000,
  maxAliasedValues: 1_000_000,
});

/** `limit`: the text is too large or has too many aliases; `syntax`: it is not YAML. */
export type YamlResult = { ok: true; documents: unknown[] } | { ok: false; problem: 'syntax' | 'limit'; reason: string };

/** Why a text could not be read: too large, or unreadable (with the system's reason). */
export type TextResult = { ok: true; text: string } | { ok: false; problem: 'limit' | 'unreadable'; reason: string };

const MIB = 1024 * 1024;
const size = (bytes: number) => (bytes >= MIB ? `${(bytes / MIB).toFixed(bytes % MIB ? 1 : 0)} MiB` : `${bytes} bytes`);

/**
 * The UTF-8 text of `file` (`-`: stdin), or why not: larger than `maxBytes` (found before reading
 * it whole; stdin is read up to the limit), or a read error (EACCES, EISDIR, ...).
 */
export function readTextLimited(file: string, maxBytes = YAML_LIMITS.maxBytes): TextResult {
  let fd: number | undefined;
  try {
    fd = file === '-' ? 0 : openSync(file, 'r');
    const stat = fstatSync(fd);
    if (stat.isFile() && stat.size > maxBytes) return tooLarge(file, maxBytes, stat.size);
    const chunks: Buffer[] = [];
    let total = 0;
    const chunk = Buffer.alloc(1024 * 1024);
    for (;;) {
      let n: number;
      try {
        n = readSync(fd, chunk, 0, chunk.length, null);
      } catch (e) {
        // A non-blocking stdin with nothing to read yet: try again.
        if ((e as NodeJS.ErrnoException).code === 'EAGAIN') continue;
        throw e;
      }
      if (n === 0) break;
      total += n;
      if (total > maxBytes) return tooLarge(file, maxBytes);
      chunks.push(Buffer.from(chunk.subarray(0, n)));
    }
    return { ok: true, text: Buffer.concat(chunks, total).toString('utf8') };
  } catch (e) {
    const err = e as NodeJS.ErrnoException;
    return { ok: false, problem: 'unreadable', reason: `cannot be read (${err.code ?? err.message})` };
  } finally {
    if (fd !== undefined && fd !== 0) closeSync(fd);
  }
}

function tooLarge(file: string, maxBytes: number, actual?: number): TextResult {
  const what = file === '-' ? 'the standard input' : file;
  return { ok: false, problem: 'limit', reason: `${what} is larger than the limit of ${size(maxBytes)}${actual === undefined ? '' : ` (${size(actual)})`}` };
}

/**
 * The documents of a YAML stream (YAML 1.2 core schema), or why it cannot be read: a syntax error
 * (with line and column), too many aliases, too large an expansion, a recursive alias.
 */
export function loadYamlStream(text: string, options: { filename?: string; limits?: Partial<YamlLimits> } = {}): YamlResult {
  const limits = { ...YAML_LIMITS, ...options.limits };
  if (Buffer.byteLength(text, 'utf8') > limits.maxBytes) return { ok: false, problem: 'limit', reason: `the text is larger than the limit of ${size(limits.maxBytes)}` };
  let documents: unknown[];
  try {
    documents = loadAll(text, { filename: options.filename, maxAliases: limits.maxAliases });
  } catch (e) {
    if (e instanceof YAMLException) {
      const at = e.mark ? ` at line ${e.mark.line + 1}, column ${e.mark.column + 1}` : '';
      if (/exceeded maxAliases/.test(e.reason)) return { ok: false, problem: 'limit', reason: `more than ${limits.maxAliases.toLocaleString('en-US')} aliases (*name) in one document${at}` };
      return { ok: false, problem: 'syntax', reason: `${e.reason}${at}` };
    }
    return { ok: false, problem: 'syntax', reason: (e as Error).message };
  }
  for (const [i, document] of documents.entries()) {
    const problem = expansionProblem(document, limits.maxAliasedValues);
    if (problem) return { ok: false, problem: 'limit', reason: `${documents.length > 1 ? `document ${i + 1}: ` : ''}${problem}` };
  }
  return { ok: true, documents };
}

/**
 * Why a parsed value is too large as a tree (more than `maxExtra` values beyond those parsed), or
 * contains itself; undefined when neither. Each distinct array or object is visited once: its tree
 * size is computed from its children's, bottom-up, without recursion (aliases can nest deeper
 * than the stack).
 */
export function expansionProblem(root: unknown, maxExtra: number): string | undefined {
  if (!isContainer(root)) return undefined;
  const treeSize = new Map<object, number>();
  const open = new Set<object>();
  const stack: { node: object; children: unknown[]; next: number }[] = [];
  /** The values parsed so far: each distinct container, and its scalars. */
  let parsed = 0;
  const enter = (node: object) => {
    const children = childrenOf(node);
    parsed += 1 + children.filter((c) => !isContainer(c)).length;
    open.add(node);
    stack.push({ node, children, next: 0 });
  };
  enter(root);
  while (stack.length) {
    const top = stack[stack.length - 1];
    if (top.next < top.children.length) {
      const child = top.children[top.next++];
      if (!isContainer(child) || treeSize.has(child)) continue;
      if (open.has(child)) return 'a recursive alias: a value contains itself';
      enter(child);
      continue;
    }
    let total = 1;
    for (const child of top.children) total += isContainer(child) ? treeSize.get(child)! : 1;
    treeSize.set(top.node, total);
    open.delete(top.node);
    stack.pop();
    // Every value of this subtree was parsed by now, so what it holds beyond `parsed` is added by
    // aliases: checked at once, so that a bomb stops early (tree sizes grow exponentially).
    if (total - parsed > maxExtra) return `aliases expand the document by more than ${maxExtra.toLocaleString('en-US')} values (an alias bomb?)`;
  }
  return undefined;
}

const isContainer = (v: unknown): v is object => typeof v === 'object' && v !== null && !(v instanceof Date) && !ArrayBuffer.isView(v);
const childrenOf = (v: object): unknown[] => (Array.isArray(v) ? v : Object.values(v));
