/** Counts over a loaded specs tree, for `armkube specs`. */
import { countByCode, type Diagnostic } from '../diagnostics.js';
import type { Model } from '../model/types.js';
import type { LoadStats } from './load.js';

export interface SpecsSummary {
  /** Swagger files in packages (package candidates found by discovery). */
  files: number;
  /** Files read in all, shared ones reached by `$ref` included. */
  filesRead: number;
  packages: number;
  /** Distinct provider namespaces of the packages (case-insensitive). */
  namespaces: number;
  /** Distinct (namespace, api-version) pairs. */
  apiVersions: number;
  /** Distinct ARM resource types (case-insensitive). */
  resourceTypes: number;
  /** Distinct (ARM resource type, api-version) pairs. */
  resourceTypeVersions: number;
  /** Named types in the model. */
  types: number;
  diagnostics: { code: string; severity: string; count: number }[];
}

export function summarize(model: Model, stats: LoadStats, diagnostics: readonly Diagnostic[]): SpecsSummary {
  const namespaces = new Set<string>();
  const versions = new Set<string>();
  const types = new Set<string>();
  const pairs = new Set<string>();
  let typeCount = 0;
  for (const pkg of model.packages) {
    namespaces.add(pkg.namespace.toLowerCase());
    versions.add(`${pkg.namespace.toLowerCase()}@${pkg.apiVersion}`);
    typeCount += Object.keys(pkg.types).length;
    for (const r of pkg.resources) {
      types.add(r.armType.toLowerCase());
      pairs.add(`${r.armType.toLowerCase()}@${r.apiVersion}`);
    }
  }
  return {
    files: stats.files,
    filesRead: stats.filesRead,
    packages: model.packages.length,
    namespaces: namespaces.size,
    apiVersions: versions.size,
    resourceTypes: types.size,
    resourceTypeVersions: pairs.size,
    types: typeCount,
    diagnostics: countByCode(diagnostics),
  };
}
