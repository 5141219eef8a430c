/**
 * Helpers of the `crossplane-*` stage tests: a fixture brought to just before a stage of the
 * `crossplane` target, then that stage run alone (as `stageAlone` does for the `aso` target).
 */
import type { ApiPackage, Property } from '../../../generator/model/types.js';
import type { PipelineOptions } from '../../../generator/pipeline/options.js';
import type { Stage } from '../../../generator/pipeline/stage.js';
import { crossplaneStages } from '../../../generator/targets/crossplane.js';
import { loadFixture, runStages } from '../../helpers.js';
import { propertiesOf, runStageAlone, type StageAloneResult } from './stage-helpers.js';

export async function crossplaneStageAlone(fixture: string, stage: Stage, options: Partial<PipelineOptions> = {}): Promise<StageAloneResult> {
  const i = crossplaneStages.findIndex((s) => s.id === stage.id);
  if (i < 1) throw new Error(`${stage.id} is not a crossplane stage with a predecessor`);
  const { model: input } = runStages(loadFixture(fixture).model, crossplaneStages.slice(0, i), { options });
  const inputCopy = structuredClone(input);
  return { input, inputCopy, ...runStageAlone(stage, input, options) };
}

/** The property `name` of `properties`, with an error listing what is there. */
export function named(properties: Property[], name: string): Property {
  const p = properties.find((x) => x.name === name);
  if (!p) throw new Error(`no property ${name}; there are ${properties.map((x) => x.name).join(', ')}`);
  return p;
}

/** The spec properties of the kind `kind` of a package. */
export function specProperties(pkg: ApiPackage, kind: string): Property[] {
  const r = pkg.resources.find((x) => x.kubernetes?.kind === kind);
  if (!r?.kubernetes?.specType) throw new Error(`no kind ${kind} with a spec`);
  return propertiesOf(pkg, r.kubernetes.specType);
}
