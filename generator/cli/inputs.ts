/** What every command needs first: the config file and the specs folder, or a usage error. */
import { loadConfig, type ArmkubeConfig } from '../config/config-file.js';
import { loadSpecs } from '../loader/load.js';
import { runPipeline } from '../pipeline/runner.js';
import { targetNames, targets, type Target } from '../targets/index.js';
import { printDiagnostics, usageError } from './output.js';
import { resolveSpecsDir } from './specs-dir.js';

export interface Inputs {
  specsDir: string;
  /** Where the specs folder came from: `--specs`, the environment, the config, the default. */
  specsFrom: string;
  config: ArmkubeConfig;
}

export function resolveInputs(opts: { specs?: string; config?: string }): Inputs {
  const loaded = loadConfig(opts.config);
  const errors = loaded.diagnostics.filter((d) => d.severity === 'error');
  if (errors.length) {
    printDiagnostics(errors);
    usageError(`the config file ${loaded.file ?? opts.config} has ${errors.length} error(s)`);
  }
  const specs = resolveSpecsDir(opts.specs, loaded.config.specs);
  if ('error' in specs) usageError(specs.error);
  return { specsDir: specs.dir, specsFrom: specs.from, config: loaded.config };
}

/** The target named by `--target`, or a usage error listing the known ones. */
export function resolveTarget(name: string): Target {
  const target = targets[name];
  if (!target) usageError(`unknown target "${name}"; known: ${targetNames().join(', ')}`);
  return target;
}

/**
 * Loads the packages `--group` / `--version` select (all when absent) and runs a target's stages
 * over them, reporting progress. Packages outside the standard layout are loaded, then filtered
 * by the namespace and api-version read from their documents.
 */
export function loadAndRun(inputs: Inputs, target: Target, opts: { group?: string; version?: string }, report: (message: string) => void) {
  const ns = opts.group?.toLowerCase();
  const keep = (p: { namespace?: string; apiVersion?: string }) =>
    (ns === undefined || p.namespace?.toLowerCase() === ns) && (opts.version === undefined || p.apiVersion === opts.version);
  const loaded = loadSpecs({
    specsDir: inputs.specsDir,
    filter: (p) => p.namespace === undefined || keep(p),
    onPackage: (done, total, id) => report(`loading ${done}/${total} ${id}`),
  });
  const result = runPipeline({ packages: loaded.model.packages.filter(keep) }, target.stages, {
    options: inputs.config.pipeline,
    onStage: (stage, i, total) => report(`stage ${i + 1}/${total} ${stage.id}: ${stage.description}`),
  });
  return { loaded, result };
}
