/** The built-in targets: a target is a list of stages (and, later, the emitters it runs). */
import type { Stage } from '../pipeline/stage.js';
import { asoStages } from './aso.js';

export interface Target {
  name: string;
  description: string;
  stages: readonly Stage[];
}

export const targets: Record<string, Target> = {
  aso: { name: 'aso', description: 'Azure Service Operator shape: spec.owner, azureName, references by Kubernetes name', stages: asoStages },
};

export function targetNames(): string[] {
  return Object.keys(targets).sort();
}
