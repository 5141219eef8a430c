/**
 * Plain JSON trees for the mutation engine: listing every node with its path, reading, setting,
 * deleting and renaming at a path, and serializing with raw text spliced in (for text JSON can
 * hold but JSON.stringify cannot produce: 10,000 levels of nesting, duplicate keys).
 * Keys such as `__proto__` are set as own properties, never through the prototype setter.
 */
import { escapePointerSegment } from '../../generator/diagnostics.js';

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
export type JsonPath = (string | number)[];

export function isJsonObject(value: unknown): value is { [key: string]: Json } {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A node of a tree: its value, and its path (built on first use from the parent chain). */
export interface TreeNode {
  readonly value: Json;
  readonly path: JsonPath;
}

class Node implements TreeNode {
  private cached: JsonPath | undefined;

  constructor(
    readonly value: Json,
    private readonly parent: Node | undefined,
    private readonly key: string | number | undefined,
  ) {}

  get path(): JsonPath {
    if (this.cached) return this.cached;
    const segments: JsonPath = [];
    for (let n: Node | undefined = this; n?.parent; n = n.parent) segments.push(n.key!);
    return (this.cached = segments.reverse());
  }
}

/**
 * Every node of the tree in pre-order, the root first (path `[]`). Iterative, and paths are
 * built only when asked for, so a document nested 100,000 levels deep is listed in linear time.
 */
export function listNodes(root: Json): TreeNode[] {
  const out: TreeNode[] = [];
  const stack: Node[] = [new Node(root, undefined, undefined)];
  while (stack.length) {
    const node = stack.pop()!;
    out.push(node);
    const { value } = node;
    if (Array.isArray(value)) {
      for (let i = value.length - 1; i >= 0; i--) stack.push(new Node(value[i], node, i));
    } else if (isJsonObject(value)) {
      const keys = Object.keys(value);
      for (let i = keys.length - 1; i >= 0; i--) stack.push(new Node(value[keys[i]], node, keys[i]));
    }
  }
  return out;
}

export function getAt(root: Json, path: JsonPath): Json | undefined {
  let node: Json | undefined = root;
  for (const segment of path) {
    if (Array.isArray(node)) node = node[Number(segment)];
    else if (isJsonObject(node) && Object.prototype.hasOwnProperty.call(node, segment)) node = node[segment];
    else return undefined;
  }
  return node;
}

function defineOwn(target: object, key: string | number, value: Json): void {
  Object.defineProperty(target, key, { value, writable: true, enumerable: true, configurable: true });
}

/** Sets the value at `path` (which must have a parent); returns the root (a new one when `path` is `[]`). */
export function setAt(root: Json, path: JsonPath, value: Json): Json {
  if (path.length === 0) return value;
  const parent = getAt(root, path.slice(0, -1));
  const key = path[path.length - 1];
  if (Array.isArray(parent)) parent[Number(key)] = value;
  else if (isJsonObject(parent)) defineOwn(parent, key, value);
  else throw new Error(`no container at ${pointerOf(path.slice(0, -1))}`);
  return root;
}

/** Removes the key (or array element) at `path`. */
export function deleteAt(root: Json, path: JsonPath): void {
  const parent = getAt(root, path.slice(0, -1));
  const key = path[path.length - 1];
  if (Array.isArray(parent)) parent.splice(Number(key), 1);
  else if (isJsonObject(parent)) delete parent[key];
}

/** Renames the key at `path`, keeping the key order of its object. */
export function renameAt(root: Json, path: JsonPath, newKey: string): void {
  const parent = getAt(root, path.slice(0, -1));
  const oldKey = String(path[path.length - 1]);
  if (!isJsonObject(parent)) throw new Error(`no object at ${pointerOf(path.slice(0, -1))}`);
  const entries = Object.entries(parent).map(([k, v]): [string, Json] => [k === oldKey ? newKey : k, v]);
  for (const k of Object.keys(parent)) delete parent[k];
  for (const [k, v] of entries) defineOwn(parent, k, v);
}

/** The JSON pointer of a path (RFC 6901). */
export function pointerOf(path: JsonPath): string {
  return path.map((s) => '/' + escapePointerSegment(String(s))).join('');
}

/** Raw JSON text to splice in at serialization: a placeholder string value stands for it in the tree. */
export class RawSplices {
  private readonly texts: string[] = [];

  placeholder(text: string): string {
    this.texts.push(text);
    return `\u0000fuzz-raw:${this.texts.length - 1}`;
  }

  /** `JSON.stringify(root, null, 2)` with every placeholder replaced by its raw text. */
  serialize(root: Json): string {
    let text = JSON.stringify(root, null, 2);
    this.texts.forEach((raw, i) => {
      const quoted = JSON.stringify(`\u0000fuzz-raw:${i}`);
      const at = text.indexOf(quoted);
      if (at >= 0) text = text.slice(0, at) + raw + text.slice(at + quoted.length);
    });
    return text;
  }
}
