/** What every command needs first: the config file and the specs folder, or a usage error. */
import { loadConfig, type ArmkubeConfig } from '../config/config-file.js';
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
