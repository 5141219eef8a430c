/**
 * The emitter contract. An emitter is a value: an id, a one-line description, the emitters whose
 * files it needs, and a function (sync or async) from the final model to files (paths relative to
 * the output folder, and their text). Emitters never write to disk themselves: `writeOutput` does,
 * all or nothing, so that a failed run never leaves half-written output. Problems are diagnostics,
 * as in the pipeline. `generate` runs them (generator/generate/).
 */
import type { Diagnostics } from '../diagnostics.js';
import type { Model } from '../model/types.js';

/** One output file: its path under the output folder and its text. */
export interface EmittedFile {
  /** Relative to the output folder, forward slashes (`crds/storage.azure.com_storageaccounts.yaml`). */
  path: string;
  content: string;
}

/**
 * What an emitter gets besides the model: where to report problems, and counters for the generate
 * summary.
 */
export interface EmitContext {
  diagnostics: Diagnostics;
  /** Counters for the generate summary (`crds`, `crdBytes.max`, ...). */
  count(key: string, by?: number): void;
  /** The emitters' options; every one has a default. */
  options?: EmitOptions;
  /** The specs root the model was loaded from (the docs emitter reads the examples there). */
  specsDir?: string;
  /** The files of the emitters this one `needs`, by emitter id. */
  inputs?: ReadonlyMap<string, readonly EmittedFile[]>;
}

/** Options of the emitters (each has a default, so none is required). */
export interface EmitOptions {
  /**
   * The webhook a CRD with more than one version names for converting between them
   * (`spec.conversion`, strategy `Webhook`, ConversionReview `v1`). Default service:
   * `armkube-webhook-service` in namespace `armkube-system`, path `/convert`, port 443; a given
   * service without `path` or `port` gets those defaults. CRDs with one version have no stanza.
   */
  conversionWebhook?: { service: ConversionWebhookService };
}

/** A Kubernetes Service that serves a webhook. */
export interface ConversionWebhookService {
  name: string;
  namespace: string;
  /** Default `/convert`. */
  path?: string;
  /** Default 443. */
  port?: number;
}

/**
 * An emitter: an id, a one-line description, the ids of the emitters whose files it reads, and
 * `emit`, a function from the final model to files. It never writes: `writeOutput` does.
 */
export interface Emitter {
  /** Kebab-case, unique among the emitters of a target, e.g. `crd`. */
  id: string;
  description: string;
  /** Emitters that must run first; their files are `context.inputs`. Without them this one is skipped. */
  needs?: readonly string[];
  emit(model: Model, context: EmitContext): EmittedFile[] | Promise<EmittedFile[]>;
}

/** An emitter whose `emit` returns its files at once (every built-in one but docs). */
export interface SyncEmitter extends Emitter {
  emit(model: Model, context: EmitContext): EmittedFile[];
}
