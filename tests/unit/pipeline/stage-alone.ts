/**
 * Runs one stage alone, the way the runner would, on the model a fixture has just before that
 * stage in the `aso` target: tests of a stage see its own effect (and can check it does not
 * mutate its input), whatever the later stages do.
 */
import { Diagnostics, type Diagnostic } from '../../../generator/diagnostics.js';
import type { Model } from '../../../generator/model/types.js';
import { pipelineOptions, type PipelineOptions } from '../../../generator/pipeline/options.js';
import { OverrideTracker } from '../../../generator/pipeline/overrides.js';
import type { Stage } from '../../../generator/pipeline/stage.js';
import { asoStages } from '../../../generator/targets/aso.js';
import { fixtureThrough } from '../../helpers.js';

export interface StageAloneResult {
  /** The model the stage was given (after the earlier `aso` stages). */
  input: Model;
  /** A deep copy of `input` taken before the stage ran. */
  inputCopy: Model;
  model: Model;
  diagnostics: Diagnostic[];
  counts: Record<string, number>;
  overrides: OverrideTracker;
}

export async function stageAlone(fixture: string, stage: Stage, options: Partial<PipelineOptions> = {}): Promise<StageAloneResult> {
  const i = asoStages.findIndex((s) => s.id === stage.id);
  if (i < 1) throw new Error(`${stage.id} is not an aso stage with a predecessor`);
  const { model: input } = await fixtureThrough(fixture, asoStages[i - 1].id, { options });
  const inputCopy = structuredClone(input);
  const resolved = pipelineOptions(options);
  const diagnostics = new Diagnostics(stage.id);
  const overrides = new OverrideTracker(resolved.propertyOverrides);
  const counts: Record<string, number> = {};
  const model = stage.run(input, {
    diagnostics,
    options: resolved,
    overrides,
    count: (key, by = 1) => {
      counts[key] = (counts[key] ?? 0) + by;
    },
  });
  return { input, inputCopy, model, diagnostics: diagnostics.items, counts, overrides };
}
