/**
 * The contract of a mutation operator: a tree operator changes a parsed document (and may splice
 * raw text in); a byte operator changes a file's bytes. Each says what it did and which
 * diagnostic codes the loader owes for it (`expect`; undefined when none is owed).
 */
import type { Json, JsonPath, RawSplices } from '../json-tree.js';
import type { Rng } from '../prng.js';

export interface TreeResult {
  /** The document after the change (a new root when the root itself was replaced). */
  root: Json;
  /** Where the change is. */
  path: JsonPath;
  /** Other places the same change touched (the other end of a cycle, subtypes). */
  also?: JsonPath[];
  detail: string;
  expect?: readonly string[];
  /** Raw text nested too deep for JSON.stringify was spliced in: the file cannot be rewritten as a tree again. */
  deep?: boolean;
  /** The loader now skips the file as a whole (no longer Swagger 2.0). */
  skipsFile?: boolean;
  /** A final edit of the serialized text (renaming `$ref`s). */
  after?: (text: string) => string;
}

export type TreeOperator = (rng: Rng, doc: Json, splices: RawSplices) => TreeResult | undefined;

export type ByteOperator = (rng: Rng, bytes: Buffer) => { bytes: Buffer; detail: string; expect?: readonly string[] } | undefined;
