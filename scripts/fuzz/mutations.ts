/**
 * The mutation engine: 1–3 seeded mutations of real spec files per case. Each mutation says
 * what it did (kind, file, JSON pointer, detail) and whether the input is now broken in a way
 * the loader must report with a diagnostic naming the file (`mustReport`): truncated or empty
 * JSON, invalid UTF-8, dangling or cyclic `$ref`s and wrong types at places the loader reads,
 * schemas nested deeper than the loader's limit, an unsupported Swagger version. Other
 * mutations (deleted keys, huge strings, weird keys, property names inherited from
 * `Object.prototype`, duplicate keys, a BOM, odd but valid schemas) only must not crash or hang
 * the generator, and the TypeScript it writes must compile. The operators are in `operators/`; this
 * module picks them (seeded, weighted), applies them, and works out which expectations stand.
 */
import { pointerOf, RawSplices, type JsonPath } from './json-tree.js';
import { builtinName } from './operators/builtin-names.js';
import { bom, emptyFile, invalidUtf8, truncate } from './operators/bytes.js';
import { oddSchema } from './operators/odd-schema.js';
import type { ByteOperator, TreeOperator } from './operators/operator.js';
import { aliasCycle, allOfCycle, brokenRef, discriminator } from './operators/refs.js';
import { deepSchema, deepValue, hugeStringOp } from './operators/size.js';
import { deleteKey, duplicateKey, swaggerVersion, weirdKey, wrongType } from './operators/structure.js';
import type { Rng } from './prng.js';
import { parseSpec, stillValid } from './spec-bytes.js';

export { parseSpec };

export interface FuzzFile {
  /** Path relative to the specs root, forward slashes. */
  rel: string;
  bytes: Buffer;
  /** A file of the package under test (shared files, such as common-types, are never mutated). */
  mutable: boolean;
}

export interface Mutation {
  kind: string;
  file: string;
  /** JSON pointer of the mutated node; `''` for the root or for byte-level mutations. */
  pointer: string;
  detail: string;
  /** The loader must report this mutation with a diagnostic naming `file`, with one of `expectedCodes`. */
  mustReport: boolean;
  expectedCodes?: readonly string[];
  /** Why an expectation was dropped (a later mutation changed the same place). */
  superseded?: string;
}

interface Applied extends Mutation {
  /** Tree path of the mutated node; undefined for byte-level mutations (they touch the whole file). */
  path?: JsonPath;
  /** Other places the mutation touched. */
  also: JsonPath[];
  /** The loader now skips the file as a whole (not JSON, not Swagger, OpenAPI): other changes to it go unseen. */
  skipsFile: boolean;
}

interface FileState {
  file: FuzzFile;
  /** The file still parses and holds nothing JSON.stringify cannot write back (deep nesting). */
  treeOk: boolean;
}

const TREE_OPERATORS: Record<string, TreeOperator> = {
  'delete-key': deleteKey,
  'wrong-type': wrongType,
  'broken-ref': brokenRef,
  'alias-cycle': aliasCycle,
  'allof-cycle': allOfCycle,
  discriminator,
  'odd-schema': oddSchema,
  'huge-string': hugeStringOp,
  'deep-schema': deepSchema,
  'deep-value': deepValue,
  'duplicate-key': duplicateKey,
  'swagger-version': swaggerVersion,
  'weird-key': weirdKey,
  'builtin-name': builtinName,
};
const BYTE_OPERATORS: Record<string, ByteOperator> = {
  truncate,
  'empty-file': emptyFile,
  bom,
  'invalid-utf8': invalidUtf8,
};

/** Relative weights: tree mutations reach deeper into the generator than broken bytes do. */
const WEIGHTS: [string, number][] = [
  ['delete-key', 3], ['wrong-type', 4], ['broken-ref', 3], ['alias-cycle', 1], ['allof-cycle', 1], ['discriminator', 2], ['odd-schema', 4], ['huge-string', 2], ['deep-schema', 2],
  ['deep-value', 2], ['duplicate-key', 2], ['swagger-version', 1], ['weird-key', 3], ['builtin-name', 3], ['truncate', 2], ['empty-file', 1],
  ['bom', 1], ['invalid-utf8', 1],
];
export const MUTATION_KINDS: readonly string[] = WEIGHTS.map(([k]) => k);

function pickKind(rng: Rng, only?: readonly string[]): string {
  const weights = only ? WEIGHTS.filter(([k]) => only.includes(k)) : WEIGHTS;
  let roll = rng.float() * weights.reduce((n, [, w]) => n + w, 0);
  for (const [kind, w] of weights) if ((roll -= w) < 0) return kind;
  return weights[weights.length - 1][0];
}

function expectation(codes: readonly string[] | undefined): { mustReport: boolean; expectedCodes?: readonly string[] } {
  return codes ? { mustReport: true, expectedCodes: codes } : { mustReport: false };
}

function applyTree(rng: Rng, kind: string, state: FileState): Applied | undefined {
  const doc = parseSpec(state.file.bytes);
  if (doc === undefined) return undefined;
  const splices = new RawSplices();
  const result = TREE_OPERATORS[kind](rng, doc, splices);
  if (!result) return undefined;
  let text = splices.serialize(result.root);
  if (result.after) text = result.after(text);
  state.file.bytes = Buffer.from(text, 'utf8');
  state.treeOk = !result.deep;
  return { kind, file: state.file.rel, pointer: pointerOf(result.path), path: result.path, also: result.also ?? [], detail: result.detail, skipsFile: result.skipsFile ?? false, ...expectation(result.expect) };
}

function applyBytes(rng: Rng, kind: string, state: FileState): Applied | undefined {
  const result = BYTE_OPERATORS[kind](rng, state.file.bytes);
  if (!result) return undefined;
  state.file.bytes = result.bytes;
  const valid = stillValid(result.bytes);
  state.treeOk = state.treeOk && valid;
  return { kind, file: state.file.rel, pointer: '', also: [], detail: result.detail, skipsFile: !valid || kind === 'invalid-utf8', ...expectation(result.expect) };
}

function isPrefix(prefix: JsonPath, path: JsonPath): boolean {
  return prefix.length <= path.length && prefix.every((s, i) => String(s) === String(path[i]));
}

/** A later mutation `later` may undo or hide `earlier` (same file, and it touched an ancestor, a sibling of one, or a descendant). */
function overwrites(earlier: Applied, later: Applied): boolean {
  if (!earlier.path || !later.path) return true;
  const laterPaths = [later.path, ...later.also];
  return [earlier.path, ...earlier.also].some((e) => laterPaths.some((l) => isPrefix(l.slice(0, -1), e) || isPrefix(e, l)));
}

/** Mutation `i` of `applied` may go unseen because of another one on the same file, before or after it. */
function hiddenBy(applied: readonly Applied[], i: number): Applied | undefined {
  const m = applied[i];
  return applied.find((other, j) => {
    if (j === i || other.file !== m.file) return false;
    // A file the loader skips hides every other change to it, except an earlier skip (still reported as such).
    if (other.skipsFile && (!m.skipsFile || j > i)) return true;
    return j > i && overwrites(m, other);
  });
}

export interface MutateOptions {
  /** How many mutations (each may fail to apply when nothing fits it; then another kind is tried). */
  count: number;
  /** Only these kinds (default: all of MUTATION_KINDS). */
  kinds?: readonly string[];
  /** The kind of the first mutation, when it applies (campaigns rotate it so every kind leads some case). */
  lead?: string;
}

/**
 * Applies mutations to the mutable files (replacing their bytes) and returns what was done,
 * with the expectations later mutations of the same place leave standing. Deterministic for a
 * given generator state.
 */
export function mutate(rng: Rng, files: FuzzFile[], options: MutateOptions): Mutation[] {
  const states = files.filter((f) => f.mutable).map((file): FileState => ({ file, treeOk: parseSpec(file.bytes) !== undefined }));
  if (!states.length) throw new Error('no mutable file');
  const applied: Applied[] = [];
  for (let n = 0; n < options.count; n++) {
    for (let attempt = 0; attempt < 50; attempt++) {
      const kind = n === 0 && options.lead && attempt < 10 ? options.lead : pickKind(rng, options.kinds);
      const state = rng.pick(states);
      const isTree = kind in TREE_OPERATORS;
      if (isTree && !state.treeOk) continue;
      const done = isTree ? applyTree(rng, kind, state) : applyBytes(rng, kind, state);
      if (done) {
        applied.push(done);
        break;
      }
    }
  }
  return applied.map((m, i) => {
    const hider = hiddenBy(applied, i);
    const { path: _path, also: _also, skipsFile: _skips, ...mutation } = m;
    if (mutation.mustReport && hider) {
      const { expectedCodes: _codes, ...rest } = mutation;
      return { ...rest, mustReport: false, superseded: `${hider.kind} ${hider.pointer}` };
    }
    return mutation;
  });
}
