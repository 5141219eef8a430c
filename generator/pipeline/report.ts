/** The pipeline report: what the pipeline made of a model, for `armkube pipeline`. */
import { countByCode, type Diagnostic } from '../diagnostics.js';
import type { Model } from '../model/types.js';
import type { PipelineResult } from './runner.js';

export interface PipelineReport {
  packages: number;
  /** Resources that got a Kubernetes kind (one per kind and version). */
  kinds: number;
  /** Distinct (group, kind). */
  distinctKinds: number;
  /** References by detection method (`format`, `arm-id-details`, `name`, `description`, `config`, ...). */
  references: Record<string, number>;
  secrets: number;
  unions: number;
  cycles: number;
  freeForm: number;
  /** Every counter the stages reported. */
  counts: Record<string, number>;
  stages: { id: string; description: string; milliseconds: number; diagnostics: number }[];
  diagnostics: { code: string; severity: string; count: number }[];
  /** Reference detections the heuristics found ambiguous (left as strings). */
  ambiguousReferences: Diagnostic[];
}

export function pipelineReport(model: Model, result: PipelineResult): PipelineReport {
  let kinds = 0;
  const distinct = new Set<string>();
  for (const pkg of model.packages) {
    for (const r of pkg.resources) {
      if (!r.kubernetes) continue;
      kinds++;
      distinct.add(`${r.kubernetes.group}/${r.kubernetes.kind}`);
    }
  }
  const references: Record<string, number> = {};
  for (const [key, n] of Object.entries(result.counts)) {
    if (key.startsWith('references.')) references[key.slice('references.'.length)] = n;
  }
  return {
    packages: model.packages.length,
    kinds,
    distinctKinds: distinct.size,
    references,
    secrets: result.counts.secrets ?? 0,
    unions: result.counts.unions ?? 0,
    cycles: result.counts.cycles ?? 0,
    freeForm: result.counts.freeForm ?? 0,
    counts: result.counts,
    stages: result.stages.map((s) => ({ ...s, milliseconds: Math.round(s.milliseconds) })),
    diagnostics: countByCode(result.diagnostics),
    ambiguousReferences: result.diagnostics.filter((d) => d.code === 'reference-ambiguous'),
  };
}
