/** The built-in targets: a target is a list of stages (and, later, the emitters it runs). */
import type { Emitter } from '../emit/emitter.js';
import type { Stage } from '../pipeline/stage.js';
import { asoEmitters, asoStages } from './aso.js';
import { crossplaneEmitters, crossplaneStages } from './crossplane.js';

/** A target: a named list of stages, and the emitters `armkube generate` runs on their result. */
export interface Target {
  name: string;
  description: string;
  stages: readonly Stage[];
  /** What `armkube generate` writes, in order. */
  emitters: readonly Emitter[];
}

/** The built-in targets by name (`--target <name>` of the CLI). */
export const targets: Record<string, Target> = {
  aso: {
    name: 'aso',
    description: 'Azure Service Operator shape: spec.owner, azureName, references by Kubernetes name',
    stages: asoStages,
    emitters: asoEmitters,
  },
  crossplane: {
    name: 'crossplane',
    description: 'Crossplane managed resource shape: cluster-scoped, spec.forProvider/initProvider, <field>Ref/Selector, <field>SecretRef, status.atProvider',
    stages: crossplaneStages,
    emitters: crossplaneEmitters,
  },
};

export function targetNames(): string[] {
  return Object.keys(targets).sort();
}
