/** The built-in targets: a target is a list of stages (and, later, the emitters it runs). */
import type { Emitter } from '../emit/emitter.js';
import type { Stage } from '../pipeline/stage.js';
import { asoEmitters, asoStages } from './aso.js';

export interface Target {
  name: string;
  description: string;
  stages: readonly Stage[];
  /** What `armkube generate` writes, in order. */
  emitters: readonly Emitter[];
}

export const targets: Record<string, Target> = {
  aso: {
    name: 'aso',
    description: 'Azure Service Operator shape: spec.owner, azureName, references by Kubernetes name',
    stages: asoStages,
    emitters: asoEmitters,
  },
};

export function targetNames(): string[] {
  return Object.keys(targets).sort();
}
