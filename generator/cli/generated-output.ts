/** What `import`, `render` and `validate` share: the output folder `generate` wrote, and how they fail. */
import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { loadConfig } from '../config/config-file.js';
import type { CodeOfSeverity } from '../diagnostic-codes.js';
import { formatDiagnostic, type Diagnostic } from '../diagnostics.js';
import type { GeneratedCodeIndex } from '../output-reader/load.js';
import { Option } from 'commander';
import { EXIT_DIAGNOSTICS, printDiagnostics, printJson, usageError } from './output.js';

const DEFAULT_OUTPUT = 'output';
const HINT = '(--output names the folder "armkube generate" wrote; the default is the config\'s "out", else ./output)';

/** The `--output` and `--config` options of the commands that read an output folder. */
export const OUTPUT_OPTION = ['--output <dir>', 'the output folder "armkube generate" wrote (default: the config\'s "out", else ./output)'] as const;
/** `--out`, as `generate` and `docs` name the same folder: accepted here too, not listed in the help. */
export const OUT_ALIAS = new Option('--out <dir>', 'same as --output').hideHelp();
export const CONFIG_OPTION = ['--config <file>', 'the config file whose "out" is the default output folder (default: ./armkube.yaml when it exists)'] as const;

/** `--output`, else the config file's `out`, else `output`; a usage error when the config is broken. */
export function outputDirOf(opts: { output?: string; out?: string; config?: string }): string {
  if (opts.output !== undefined) return opts.output;
  if (opts.out !== undefined) return opts.out;
  const loaded = loadConfig(opts.config);
  const errors = loaded.diagnostics.filter((d) => d.severity === 'error');
  if (errors.length) {
    printDiagnostics(errors);
    usageError(`the config file ${loaded.file ?? opts.config} has ${errors.length} error(s)`);
  }
  return loaded.config.out ?? DEFAULT_OUTPUT;
}

/**
 * The generated registry of `outDir`, or a usage error saying how to make one. The loader (and
 * ts-morph, esbuild with it) is imported only here, once the input has been read and checked:
 * `validate` never needs it, and a bad input is refused without paying for it.
 */
export async function openOutput(outDir: string): Promise<GeneratedCodeIndex> {
  const { GeneratedCodeError, openGeneratedCode } = await import('../output-reader/load.js');
  try {
    return openGeneratedCode(outDir);
  } catch (e) {
    if (e instanceof GeneratedCodeError) usageError(`${e.message} ${HINT}`);
    throw e;
  }
}

/** `<outDir>/crds`, or a usage error saying how to make it. */
export function crdsDirOf(outDir: string): string {
  const dir = path.join(outDir, 'crds');
  if (!existsSync(dir) || !statSync(dir).isDirectory()) usageError(`no CRDs in ${outDir} (${dir} is missing): run "armkube generate --out ${outDir}" first ${HINT}`);
  return dir;
}

/** Prints the errors (on stdout as `{ errors }` with --json, else on stderr) and sets exit code 1. */
export function fail(diagnostics: readonly Diagnostic[], json: boolean | undefined): void {
  if (json) printJson({ errors: diagnostics.map((d) => ({ ...d, text: formatDiagnostic(d) })) });
  else printDiagnostics(diagnostics, 50);
  process.exitCode = EXIT_DIAGNOSTICS;
}

export function error(code: CodeOfSeverity<'error'>, message: string, file?: string, pointer = ''): Diagnostic {
  return file === undefined ? { code, severity: 'error', message } : { code, severity: 'error', message, location: { file, pointer } };
}
