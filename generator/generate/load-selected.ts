/**
 * Loading what a selection can reach, then running stages over it. Packages are skipped at load
 * time when `group`/`version` or the selectors of `options.resources` rule out their namespace, and
 * older api-versions are not even read under a `latest`/`latest-stable` policy; packages outside
 * the standard layout are loaded, then filtered the same way.
 */
import type { LatestPolicy } from '../loader/latest-versions.js';
import { loadSpecs, type LoadResult } from '../loader/load.js';
import type { Model } from '../model/types.js';
import { pipelineOptions, type PipelineOptions } from '../pipeline/options.js';
import { runPipeline, type PipelineResult } from '../pipeline/runner.js';
import { packageSelected } from '../pipeline/select.js';
import type { Stage } from '../pipeline/stage.js';

/** What `loadSelected` needs: the specs root, the stages, the pipeline options and the narrowing. */
export interface SelectedLoad {
  specsDir: string;
  stages: readonly Stage[];
  options: Partial<PipelineOptions>;
  /** Only this provider namespace (case-insensitive). */
  group?: string;
  /** Only this api-version. */
  version?: string;
  /** Progress: `loading 12/1083 <package>`, `stage 3/15 <id>`. */
  onProgress?: (message: string, step: 'load' | 'stages') => void;
}

/** Loads the packages the selection can reach and runs the stages over them. */
export function loadSelected(input: SelectedLoad): { loaded: LoadResult; result: PipelineResult } {
  const { options } = input;
  const suffix = pipelineOptions(options).groupSuffix;
  const ns = input.group?.toLowerCase();
  const keep = (p: { namespace?: string; apiVersion?: string }) =>
    (ns === undefined || p.namespace?.toLowerCase() === ns) &&
    (input.version === undefined || p.apiVersion === input.version) &&
    (p.namespace === undefined || p.apiVersion === undefined || packageSelected(options.resources, p.namespace, p.apiVersion, suffix));
  const loaded = loadSpecs({
    specsDir: input.specsDir,
    latestOnly: latestOnly(options),
    filter: (p) => p.namespace === undefined || keep(p),
    onPackage: (done, total, id) => input.onProgress?.(`loading ${done}/${total} ${id}`, 'load'),
  });
  const model: Model = { packages: loaded.model.packages.filter(keep) };
  const result = runPipeline(model, input.stages, {
    options,
    onStage: (stage, i, total) => input.onProgress?.(`stage ${i + 1}/${total} ${stage.id}`, 'stages'),
  });
  return { loaded, result };
}

/** The load-time pruning that gives the same result as `select` with these options, if any. */
function latestOnly(options: Partial<PipelineOptions>): LatestPolicy | undefined {
  const policy = options.versions;
  if (policy !== 'latest' && policy !== 'latest-stable') return undefined;
  // A selector's own version glob or policy can pick a version older than the latest.
  if (options.resources?.some((r) => r.version !== undefined || r.versions !== undefined)) return undefined;
  return policy;
}
