/**
 * The stage contract. A stage is a value: an id, a one-line description, the ids of the stages
 * that must have run before it, and a pure function from model to model. Stages never mutate
 * their input; they report problems through `context.diagnostics`.
 */
import type { Diagnostics } from '../diagnostics.js';
import type { Model } from '../model/types.js';
import type { PipelineOptions } from './options.js';
import type { OverrideTracker } from './overrides.js';

/**
 * What the runner hands a stage besides the model: where to report problems, the pipeline options,
 * the config's property overrides and the counters of the pipeline report.
 */
export interface StageContext {
  /** Diagnostics reported by this stage (the runner sets their `source` to the stage id). */
  diagnostics: Diagnostics;
  options: PipelineOptions;
  /** Per-property overrides from the config, with a record of which ones matched. */
  overrides: OverrideTracker;
  /** Counters a stage reports for the pipeline report (`references.format`, `cycles`, ...). */
  count(key: string, by?: number): void;
}

/**
 * A pipeline stage: an id, a one-line description, the ids of the stages it `requires` earlier, and
 * `run`, a pure function from model to model that never mutates its input.
 */
export interface Stage {
  /** Kebab-case, unique in a pipeline, e.g. `arm-references`. */
  id: string;
  description: string;
  /** Ids of stages that must run earlier in the same pipeline. */
  requires?: string[];
  run(model: Model, context: StageContext): Model;
}
