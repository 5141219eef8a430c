/**
 * The stage contract. A stage is a value: an id, a one-line description, its place declared
 * against other stages (as ASO's pipeline stages declare their prerequisites and postrequisites),
 * and a pure function from model to model. Stages never mutate their input; they report problems
 * through `context.diagnostics`. The runner refuses a stage list that breaks a declared order
 * (`validatePipeline`), and a test holds each stage file's header to its declarations.
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
 * A pipeline stage: an id, a one-line description, its order against other stages (`requires`,
 * `runsAfter`, `runsBefore`), and `run`, a pure function from model to model that never mutates
 * its input.
 */
export interface Stage {
  /** Kebab-case, unique in a pipeline, e.g. `arm-references`. */
  id: string;
  description: string;
  /** Ids of stages that must be in the pipeline and run earlier: this stage needs what they make. */
  requires?: readonly string[];
  /** Ids of stages that, when they are in the pipeline, must run earlier (what they change must be there first). */
  runsAfter?: readonly string[];
  /** Ids of stages that, when they are in the pipeline, must run later (they must see what this stage makes). */
  runsBefore?: readonly string[];
  run(model: Model, context: StageContext): Model;
}
