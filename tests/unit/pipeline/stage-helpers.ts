/**
 * Shared helpers of the pipeline stage tests: running one stage alone, the way the runner would
 * (`runStageAlone` on a given model, `stageAlone` on a fixture brought to just before the stage in
 * the `aso` target), and looking up types, properties and resources of a package with errors that
 * say what is there instead.
 */
import { Diagnostics, type Diagnostic } from '../../../generator/diagnostics.js';
import type { ApiPackage, Model, ObjectType, Property, Resource, Type, TypeDefinition } from '../../../generator/model/types.js';
import { pipelineOptions, type PipelineOptions } from '../../../generator/pipeline/options.js';
import { OverrideTracker } from '../../../generator/pipeline/overrides.js';
import type { Stage } from '../../../generator/pipeline/stage.js';
import { asoStages } from '../../../generator/targets/aso.js';
import { fixtureThrough } from '../../helpers.js';

export interface StageRunResult {
  model: Model;
  diagnostics: Diagnostic[];
  counts: Record<string, number>;
  overrides: OverrideTracker;
}

/**
 * Runs one stage on a model, as the runner does, without the runner's `requires` check: a fresh
 * Diagnostics, the options resolved with `pipelineOptions`, an OverrideTracker over their
 * `propertyOverrides`, and the counts the stage records.
 */
export function runStageAlone(stage: Stage, model: Model, options: Partial<PipelineOptions> = {}): StageRunResult {
  const diagnostics = new Diagnostics(stage.id);
  const counts: Record<string, number> = {};
  const resolved = pipelineOptions(options);
  const overrides = new OverrideTracker(resolved.propertyOverrides);
  const out = stage.run(model, {
    diagnostics,
    options: resolved,
    overrides,
    count: (key, by = 1) => {
      counts[key] = (counts[key] ?? 0) + by;
    },
  });
  return { model: out, diagnostics: diagnostics.items, counts, overrides };
}

export interface StageAloneResult extends StageRunResult {
  /** The model the stage was given (after the earlier `aso` stages). */
  input: Model;
  /** A deep copy of `input` taken before the stage ran. */
  inputCopy: Model;
}

/**
 * Runs one stage alone on the model a fixture has just before that stage in the `aso` target:
 * tests of a stage see its own effect (and can check it does not mutate its input), whatever the
 * later stages do.
 */
export async function stageAlone(fixture: string, stage: Stage, options: Partial<PipelineOptions> = {}): Promise<StageAloneResult> {
  const i = asoStages.findIndex((s) => s.id === stage.id);
  if (i < 1) throw new Error(`${stage.id} is not an aso stage with a predecessor`);
  const { model: input } = await fixtureThrough(fixture, asoStages[i - 1].id, { options });
  const inputCopy = structuredClone(input);
  return { input, inputCopy, ...runStageAlone(stage, input, options) };
}

/** The type definition `name` of a package. */
export function def(pkg: ApiPackage, name: string): TypeDefinition {
  const d = pkg.types[name];
  if (!d) throw new Error(`no type ${name}; there are ${Object.keys(pkg.types).join(', ')}`);
  return d;
}

/** The object type of definition `typeName`. */
export function objectOf(pkg: ApiPackage, typeName: string): ObjectType {
  const t = def(pkg, typeName).type;
  if (t.kind !== 'object') throw new Error(`${typeName} is a ${t.kind}, not an object`);
  return t;
}

/** The properties of object type `typeName`. */
export function propertiesOf(pkg: ApiPackage, typeName: string): Property[] {
  return objectOf(pkg, typeName).properties;
}

/** The (Kubernetes) names of the properties of object type `typeName`, in order. */
export const names = (pkg: ApiPackage, typeName: string): string[] => propertiesOf(pkg, typeName).map((p) => p.name);

/** The property of object type `typeName` whose (Kubernetes) name is `name`. */
export function prop(pkg: ApiPackage, typeName: string, name: string): Property {
  const p = propertiesOf(pkg, typeName).find((x) => x.name === name);
  if (!p) throw new Error(`${typeName} has no property ${name}; it has ${names(pkg, typeName).join(', ')}`);
  return p;
}

/** A reference to the type definition `name`. */
export const ref = (name: string): Type => ({ kind: 'ref', name });

/** The resource of a package with ARM type `armType`. */
export function resourceOf(pkg: ApiPackage, armType: string): Resource {
  const r = pkg.resources.find((x) => x.armType === armType);
  if (!r) throw new Error(`no resource ${armType} in ${pkg.id}; there are ${pkg.resources.map((x) => x.armType).join(', ')}`);
  return r;
}
