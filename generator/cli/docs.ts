/**
 * `armkube docs`: the Markdown API reference of the selected kinds into `<out>/docs/`, all or
 * nothing. The library's `generate` with the TypeScript and docs emitters: the TypeScript stays in
 * memory and runs (samples are made with the generated `armToSpec`), the docs pages are written.
 * Only `<out>/docs/` is replaced; the rest of the output folder is left as it is.
 */
import path from 'node:path';
import type { Command } from 'commander';
import { formatDiagnostic } from '../diagnostics.js';
import { DOCS_FOLDER, docsEmitter } from '../emit/docs/index.js';
import { typescriptEmitter } from '../emit/typescript/index.js';
import { writeOutputAsync } from '../emit/write-output.js';
import { generate } from '../generate/index.js';
import type { Target } from '../targets/index.js';
import { explainEmptySelection } from './empty-selection.js';
import { OUTPUT_ALIAS, resolveInputs, resolveOut, resolveTarget, runOptions, selectionOptions, type Inputs, type SelectionFlags } from './inputs.js';
import type { OutputLock } from './output-lock.js';
import { endProgress, EXIT_DIAGNOSTICS, EXIT_OK, printJson, progress } from './output.js';
import { checkOutFolder, Interrupts, lockOut, reportRunFailure } from './run-safety.js';

interface DocsOpts extends SelectionFlags {
  out?: string;
  json?: boolean;
  quiet?: boolean;
}

export function registerDocsCommand(program: Command): void {
  selectionOptions(program.command('docs').description('Write a Markdown API reference (one page per Kubernetes group, samples from the specs\' examples) into <out>/docs'))
    .option('--out <dir>', "the output folder; only its docs/ folder is replaced (default: the config's, else output)")
    .addOption(OUTPUT_ALIAS)
    .option('--json', 'print the summary as JSON')
    .option('--quiet', 'no progress output')
    .addHelpText(
      'after',
      [
        '',
        'Examples:',
        '  armkube docs                                                    # the resources of ./armkube.yaml into ./output/docs',
        '  armkube docs --all --group Microsoft.Storage --version 2021-04-01 --out /tmp/storage',
      ].join('\n'),
    )
    .action(async (opts: DocsOpts) => {
      const inputs = resolveInputs(opts);
      const target = resolveTarget(opts.target, inputs.config);
      const out = resolveOut(opts.out ?? opts.output, inputs.config, inputs.configFile);
      const docsFolder = path.join(out, DOCS_FOLDER);
      // Refused before anything runs: <out> must be a folder (or absent), <out>/docs armkube's.
      checkOutFolder(docsFolder, { specsDir: inputs.specsDir, json: opts.json });
      const interrupts = new Interrupts();
      let lock: OutputLock | undefined;
      const partial: Record<string, unknown> = { target: target.name, out: docsFolder };
      try {
        // The lock of the output folder: a `generate` into it replaces docs/ too.
        lock = await lockOut(out, 'docs', interrupts);
        await run(opts, inputs, target, out, interrupts);
      } catch (e) {
        endProgress(opts);
        if (!reportRunFailure(e, opts.json, partial)) throw e;
      } finally {
        for (const note of lock?.release() ?? []) process.stderr.write(`armkube: note: ${note}\n`);
        interrupts.dispose();
      }
    });
}

async function run(opts: DocsOpts, inputs: Inputs, target: Target, out: string, interrupts: Interrupts): Promise<void> {
  const report = progress(opts);
  const started = performance.now();
  const options = runOptions(inputs, opts);
  // The TypeScript emitter's files stay in memory: docs run their conversion code for the samples.
  const { files: emitted, diagnostics: all, report: run } = await generate({
    specsDir: inputs.specsDir,
    target,
    options,
    group: opts.group,
    version: opts.version,
    emitters: [typescriptEmitter, docsEmitter],
    onProgress: report,
    checkpoint: () => interrupts.check(),
  });
  if (run.selected === 0) {
    endProgress(opts);
    const why = explainEmptySelection(inputs, opts, options, run.loaded);
    if (opts.json) printJson({ target: target.name, out: path.join(out, DOCS_FOLDER), written: false, errors: [formatDiagnostic(why)] });
    else process.stdout.write(`error ${why.code}: ${why.message}\n`);
    process.exitCode = EXIT_DIAGNOSTICS;
    return;
  }
  const files = emitted.filter((f) => f.path.startsWith(`${DOCS_FOLDER}/`));
  const counts = run.counts;
  const broken = run.crashed;
  let written: { files: number; bytes: number } | undefined;
  if (!broken) {
    report(`writing ${files.length} files`);
    // Paths relative to the docs folder: writeOutput replaces that folder only.
    written = await writeOutputAsync(
      path.join(out, DOCS_FOLDER),
      files.map((f) => ({ ...f, path: path.posix.relative(DOCS_FOLDER, f.path) })),
      { specsDir: inputs.specsDir, signal: interrupts.signal },
    );
  }
  endProgress(opts);
  const failing = all.filter((d) => d.severity === 'error' && d.source !== 'loader');
  const summary = {
    target: target.name,
    out: path.join(out, DOCS_FOLDER),
    written: written !== undefined,
    groups: counts['docs.groups'] ?? 0,
    kinds: counts['docs.kinds'] ?? 0,
    samples: counts['docs.samples'] ?? 0,
    withoutSample: counts['docs.withoutSample'] ?? 0,
    files: written?.files ?? 0,
    bytes: written?.bytes ?? 0,
    warnings: all.filter((d) => d.severity === 'warning' && d.source === 'docs').map(formatDiagnostic),
    errors: failing.map(formatDiagnostic),
    seconds: Math.round((performance.now() - started) / 10) / 100,
  };
  if (opts.json) printJson(summary);
  else {
    const lines = [
      `docs: ${summary.groups} groups, ${summary.kinds} kinds (${summary.samples} with a sample, ${summary.withoutSample} without), ${summary.files} files ${summary.written ? `written to ${summary.out}` : 'NOT written'} in ${summary.seconds} s`,
      `docs warnings: ${summary.warnings.length}`,
      ...summary.warnings.slice(0, 20).map((w) => `  ${w}`),
      `errors: ${summary.errors.length}`,
      ...summary.errors.slice(0, 20).map((e) => `  ${e}`),
    ];
    process.stdout.write(lines.join('\n') + '\n');
  }
  process.exitCode = failing.length ? EXIT_DIAGNOSTICS : EXIT_OK;
}
