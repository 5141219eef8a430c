/**
 * The emitter contract. An emitter is a value: an id, a one-line description, and a pure
 * function from the final model to files (paths relative to the output folder, and their text).
 * Emitters never write to disk themselves: `writeOutput` does, all or nothing, so that a failed
 * run never leaves half-written output. Problems are diagnostics, as in the pipeline.
 */
import type { Diagnostics } from '../diagnostics.js';
import type { Model } from '../model/types.js';

export interface EmittedFile {
  /** Relative to the output folder, forward slashes (`crds/storage.azure.com_storageaccounts.yaml`). */
  path: string;
  content: string;
}

export interface EmitContext {
  diagnostics: Diagnostics;
  /** Counters for the generate summary (`crds`, `crdBytes.max`, ...). */
  count(key: string, by?: number): void;
}

export interface Emitter {
  /** Kebab-case, unique among the emitters of a target, e.g. `crd`. */
  id: string;
  description: string;
  emit(model: Model, context: EmitContext): EmittedFile[];
}
