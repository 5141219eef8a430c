/** What every command needs first: the config file, the specs folder, the target and the selection, or a usage error. */
import path from 'node:path';
import { Option, type Command } from 'commander';
import { loadConfig, type ArmkubeConfig } from '../config/config-file.js';
import { loadSelected } from '../generate/load-selected.js';
import { pipelineOptions, type PipelineOptions, type ResourceSelector, type VersionPolicy } from '../pipeline/options.js';
import { globMatch } from '../pipeline/overrides.js';
import { kubernetesGroup } from '../pipeline/resource-names.js';
import type { Stage } from '../pipeline/stage.js';
import { targetNames, targets, type Target } from '../targets/index.js';
import { printDiagnostics, usageError } from './output.js';
import { resolveSpecsDir } from './specs-dir.js';

export interface Inputs {
  specsDir: string;
  /** Where the specs folder came from: `--specs`, the environment, the config, the default. */
  specsFrom: string;
  config: ArmkubeConfig;
  /** The config file read, if any. */
  configFile?: string;
}

/** The flags of the commands that select resources (generate, list, pipeline, docs). */
export interface SelectionFlags {
  /** `--output`, the hidden spelling of `--out`. */
  output?: string;
  specs?: string;
  config?: string;
  target?: string;
  group?: string;
  version?: string;
  all?: boolean;
  versions?: string;
}

/** The version policy the CLI uses when neither `--versions` nor the config sets one. */
export const DEFAULT_CLI_VERSIONS: VersionPolicy = 'latest-stable';

export function resolveInputs(opts: { specs?: string; config?: string }): Inputs {
  const loaded = loadConfig(opts.config);
  const errors = loaded.diagnostics.filter((d) => d.severity === 'error');
  if (errors.length) {
    printDiagnostics(errors);
    usageError(`the config file ${loaded.file ?? opts.config} has ${errors.length} error(s): fix them (the JSON Schema is generator/config/armkube.schema.json)`);
  }
  const specs = resolveSpecsDir(opts.specs, loaded.config.specs);
  if ('error' in specs) usageError(specs.error);
  return { specsDir: specs.dir, specsFrom: specs.from, config: loaded.config, configFile: loaded.file };
}

/** The target named by `--target`, else by the config, else `aso`; a usage error listing the known ones. */
export function resolveTarget(flag: string | undefined, config?: ArmkubeConfig): Target {
  const name = flag ?? config?.target ?? 'aso';
  const target = targets[name];
  if (!target) usageError(`unknown target "${name}"; known: ${targetNames().join(', ')}`);
  return target;
}

/** `--output`, as `import`, `render` and `validate` name the output folder: accepted here too, not listed in the help. */
export const OUTPUT_ALIAS = new Option('--output <dir>', 'same as --out').hideHelp();

/** The output folder: `--out`, else the config's `out`, else `./output`; an empty path (an unset variable) is a usage error. */
export function resolveOut(flag: string | undefined, config: ArmkubeConfig, configFile?: string): string {
  const value = flag ?? config.out ?? 'output';
  if (value.trim() === '') {
    usageError(`the output folder is an empty path (${flag !== undefined ? '--out ""' : `"out" in ${configFile ?? 'the config'}`}): an unset variable? Name the folder, e.g. --out ./output`);
  }
  return path.resolve(value);
}

/** `--versions latest-stable|latest|all|2021-04-01,2020-06-01` → a policy, or a usage error. */
export function parseVersionsFlag(value: string): VersionPolicy {
  if (value === 'latest-stable' || value === 'latest' || value === 'all') return value;
  const list = value.split(',').map((v) => v.trim()).filter(Boolean);
  if (list.length === 0 || list.some((v) => !/^\d{4}-\d{2}-\d{2}(-[A-Za-z0-9.]+)?$/.test(v))) {
    usageError(`--versions must be latest-stable, latest, all, or a comma-separated list of api-versions, not "${value}"`);
  }
  return list;
}

/**
 * The pipeline options of a run: the config's, with `--all` (every resource type) and `--versions`
 * on top. `--group`/`--version` drop the config entries they rule out, so that those are not
 * reported as matching nothing.
 */
export function runOptions(inputs: Inputs, flags: SelectionFlags): Partial<PipelineOptions> {
  const options = { ...inputs.config.pipeline };
  if (flags.all) delete options.resources;
  if (options.resources) options.resources = options.resources.filter((s) => withinNarrowing(s, flags, pipelineOptions(options).groupSuffix));
  options.versions = flags.versions !== undefined ? parseVersionsFlag(flags.versions) : (options.versions ?? DEFAULT_CLI_VERSIONS);
  return options;
}

/** Whether a config entry can select anything inside `--group` and `--version`. */
export function withinNarrowing(s: ResourceSelector, flags: SelectionFlags, groupSuffix: string): boolean {
  if (flags.group !== undefined) {
    const group = flags.group;
    if (s.group !== undefined && !globMatch(s.group, group) && !globMatch(s.group, kubernetesGroup(group, groupSuffix))) return false;
    if (s.armType !== undefined) {
      const slash = s.armType.indexOf('/');
      if (!globMatch(slash < 0 ? s.armType : s.armType.slice(0, slash), group)) return false;
    }
  }
  if (flags.version !== undefined) {
    if (s.version !== undefined && !globMatch(s.version, flags.version)) return false;
    if (Array.isArray(s.versions) && !s.versions.includes(flags.version)) return false;
  }
  return true;
}

/** Adds the selection flags to a command. */
export function selectionOptions(command: Command): Command {
  return command
    .option('--config <file>', 'the config file (default: ./armkube.yaml when it exists)')
    .option('--specs <dir>', 'the specs folder (default: $ARMKUBE_SPECS, the config, ../shared/azure-rest-api-specs)')
    .option('--target <name>', `target: ${targetNames().join(', ')} (default: the config's, else aso)`)
    .option('--all', "every resource type in the specs, not only the config's resources")
    .option('--versions <policy>', `api-versions per resource type: latest-stable, latest, all, or a list (default: the config's, else ${String(DEFAULT_CLI_VERSIONS)})`)
    .option('--group <namespace>', 'only this provider namespace')
    .option('--version <api-version>', 'only this api-version');
}

/** Loads what the selection can reach (pruned at load time, see `loadSelected`) and runs `stages` over it, reporting progress. */
export function loadAndRun(inputs: Inputs, stages: readonly Stage[], flags: SelectionFlags, report: (message: string) => void) {
  const options = runOptions(inputs, flags);
  const { loaded, result } = loadSelected({ specsDir: inputs.specsDir, stages, options, group: flags.group, version: flags.version, onProgress: report });
  return { loaded, result, options };
}
