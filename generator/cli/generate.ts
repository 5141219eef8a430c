/** `armkube generate`: loader → a target's stages → its emitters → the output folder, all or nothing. */
import type { Command } from 'commander';
import { countByCode, formatDiagnostic, type Diagnostic } from '../diagnostics.js';
import { docsEmitter } from '../emit/docs/index.js';
import { MARKER } from '../emit/output-folder.js';
import { compareOutput, writeOutputAsync, type WriteResult } from '../emit/write-output.js';
import type { Target } from '../targets/index.js';
import { coverage } from './coverage.js';
import { diagnosticLines } from './diagnostic-report.js';
import { explainEmptySelection } from './empty-selection.js';
import { OUTPUT_ALIAS, resolveInputs, resolveOut, resolveTarget, runOptions, selectionOptions, type Inputs, type SelectionFlags } from './inputs.js';
import type { OutputLock } from './output-lock.js';
import { endProgress, EXIT_DIAGNOSTICS, EXIT_OK, printJson, progress } from './output.js';
import { generate } from '../generate/index.js';
import { checkOutFolder, Interrupts, lockOut, reportRunFailure } from './run-safety.js';

interface GenerateOpts extends SelectionFlags {
  out?: string;
  docs?: boolean;
  check?: boolean;
  json?: boolean;
  quiet?: boolean;
  strict?: boolean;
  verbose?: boolean;
}

const MB = 1024 * 1024;

export function registerGenerateCommand(program: Command): void {
  selectionOptions(
    program
      .command('generate')
      .description("Generate the target's output (CRDs, TypeScript, clients, docs) for the resources the config selects"),
  )
    .option('--out <dir>', "the output folder, replaced as a whole only when generation succeeds, and only if armkube wrote it or it is empty (default: the config's, else output)")
    .addOption(OUTPUT_ALIAS)
    .option('--docs', 'write the Markdown API reference (docs/); the default, except with --all')
    .option('--no-docs', 'do not write docs/')
    .option('--check', 'write nothing; exit 1 and list the files that would change when the output folder is stale')
    .option('--strict', 'exit 1 on warnings too')
    .option('--verbose', 'print every diagnostic, infos included (without it: a few per code)')
    .option('--json', 'print the summary as JSON')
    .option('--quiet', 'no progress output')
    .addHelpText(
      'after',
      [
        '',
        'Examples:',
        '  armkube generate                                   # the resources of ./armkube.yaml into ./output',
        '  armkube generate --all                             # every resource type, latest stable api-version of each',
        '  armkube generate --all --versions all              # every api-version of every resource type',
        '  armkube generate --group Microsoft.Network --version 2021-02-01 --out /tmp/net',
        '  armkube generate --check                           # in CI: fail when the committed output is stale',
      ].join('\n'),
    )
    .action(async (opts: GenerateOpts) => {
      const inputs = resolveInputs(opts);
      const target = resolveTarget(opts.target, inputs.config);
      const out = resolveOut(opts.out ?? opts.output, inputs.config, inputs.configFile);
      // Refused before anything runs: a folder armkube did not write is never replaced.
      if (!opts.check) checkOutFolder(out, { specsDir: inputs.specsDir, json: opts.json });
      const interrupts = new Interrupts();
      let lock: OutputLock | undefined;
      const partial: Record<string, unknown> = { target: target.name, out };
      try {
        if (!opts.check) lock = await lockOut(out, 'generate', interrupts);
        await run(opts, inputs, target, out, interrupts, partial);
      } catch (e) {
        endProgress(opts);
        if (!reportRunFailure(e, opts.json, partial)) throw e;
      } finally {
        for (const note of lock?.release() ?? []) process.stderr.write(`armkube: note: ${note}\n`);
        interrupts.dispose();
      }
    });
}

async function run(opts: GenerateOpts, inputs: Inputs, target: Target, out: string, interrupts: Interrupts, partial: Record<string, unknown>): Promise<void> {
  const report = progress(opts);
  const started = performance.now();
  const options = runOptions(inputs, opts);
  // Docs run the generated conversion code on the specs' examples: every kind of the whole
  // corpus takes long, so `--all` leaves them to `armkube docs --all` unless asked.
  const docs = opts.docs ?? (opts.all ? false : (inputs.config.docs ?? true));
  const { files, diagnostics: all, report: run } = await generate({
    specsDir: inputs.specsDir,
    target,
    options,
    group: opts.group,
    version: opts.version,
    emitters: docs ? [...target.emitters, docsEmitter] : target.emitters,
    emitOptions: inputs.config.conversionWebhook ? { conversionWebhook: inputs.config.conversionWebhook } : {},
    onProgress: report,
    checkpoint: () => interrupts.check(),
  });
  if (run.selected === 0) {
    endProgress(opts);
    const why = explainEmptySelection(inputs, opts, options, run.loaded);
    if (opts.json) printJson({ ...partial, written: false, exitReason: why.message, errors: [formatDiagnostic(why)], diagnostics: [why, ...all].map(jsonDiagnostic) });
    else process.stdout.write([...diagnosticLines(all, opts.verbose), `error ${why.code}: ${why.message}`].join('\n') + '\n');
    process.exitCode = EXIT_DIAGNOSTICS;
    return;
  }
  const model = run.model;
  const counts = run.counts;
  // A stage or emitter that crashed is a bug: its output would be incomplete, so nothing is
  // written. Kinds an emitter had to leave out are errors too, but the rest is written.
  const broken = run.crashed;
  const failing = all.filter((d) => d.severity === 'error' || (opts.strict && d.severity === 'warning'));
  const types = coverage(model, files, all);
  partial.resourceTypes = { found: types.found, generated: types.generated, notGenerated: types.notGenerated };
  partial.errors = failing.map(formatDiagnostic);
  partial.diagnostics = all.map(jsonDiagnostic);
  let written: WriteResult | undefined;
  let stale: ReturnType<typeof compareOutput> | undefined;
  if (opts.check) {
    report('comparing with the output folder');
    stale = compareOutput(out, files);
  } else if (!broken) {
    report(`writing ${files.length} files`);
    written = await writeOutputAsync(out, files, { specsDir: inputs.specsDir, signal: interrupts.signal });
  }
  endProgress(opts);
  const limits = (code: string) => all.filter((d) => d.code === code).length;
  const crds = files
    .filter((f) => f.path.startsWith('crds/'))
    .map((f) => ({ path: f.path, bytes: Buffer.byteLength(f.content) }))
    .sort((a, b) => b.bytes - a.bytes || (a.path < b.path ? -1 : 1));
  const summary = {
    target: target.name,
    out,
    written: written !== undefined,
    exitReason: broken ? 'a stage or emitter failed: nothing written' : failing.length ? 'diagnostics at error level (see errors)' : undefined,
    resourceTypes: { found: types.found, generated: types.generated, notGenerated: types.notGenerated },
    kinds: model.packages.reduce((n, p) => n + p.resources.filter((r) => r.kubernetes?.specType).length, 0),
    files: files.length,
    bytes: written?.bytes ?? files.reduce((n, f) => n + Buffer.byteLength(f.content), 0),
    crds: crds.length,
    crdsFailingChecks: counts['crd.notWritten'] ?? 0,
    largestCrd: crds[0],
    // Limits are checked by the CRD emitter on the JSON the API server stores (YAML is larger).
    crdLimits: {
      tooLarge: limits('crd-too-large'),
      descriptionsDropped: limits('crd-descriptions-dropped'),
      overKubectlApplyLimit: limits('crd-over-kubectl-apply-limit'),
    },
    stale: stale && { changed: stale.changed, added: stale.added, removed: stale.removed },
    counts,
    warnings: all.filter((d) => d.severity === 'warning').length,
    diagnosticsByCode: countByCode(all),
    errors: failing.map(formatDiagnostic),
    ...(written?.leftover ? { leftover: written.leftover } : {}),
    seconds: Math.round((performance.now() - started) / 10) / 100,
  };
  if (written?.leftover) process.stderr.write(`armkube: warning: the output is written, but the previous one could not be removed: ${written.leftover.folder}: ${written.leftover.error}\n`);
  if (written?.replaced === 'legacy') process.stderr.write(`armkube: note: ${out} was written by an armkube without the ${MARKER} marker (it held only crds/, ts/ and docs/ files): replaced, and marked now\n`);
  if (opts.json) {
    printJson({ ...summary, crdSizes: crds, diagnostics: all.map(jsonDiagnostic) });
  } else {
    const pct = types.found ? ((100 * types.generated) / types.found).toFixed(1) : '100.0';
    const what = opts.check ? 'checked against' : summary.written ? 'written to' : 'NOT written to';
    const lines = [
      `target ${summary.target}: ${summary.kinds} kinds × versions, ${summary.files} files (${(summary.bytes / MB).toFixed(1)} MB) ${what} ${out} in ${summary.seconds} s`,
      `resource types: ${types.found} found, ${types.generated} generated (${pct}%), ${types.notGenerated.length} not generated${types.notGenerated.length ? ':' : ''}`,
      ...types.notGenerated.map((t) => `  ${t.armType} ${t.apiVersions.join(', ')}: ${t.reason}`),
      `CRDs: ${summary.crds} passed the structural and CRD checks, ${counts['crd.notWritten'] ?? 0} failed them (not written); largest ${crds[0] ? `${crds[0].path} ${(crds[0].bytes / 1024).toFixed(1)} KiB` : '-'}; over 1.5 MB as JSON: ${summary.crdLimits.tooLarge}; descriptions dropped to fit: ${summary.crdLimits.descriptionsDropped}; over the kubectl apply limit: ${summary.crdLimits.overKubectlApplyLimit}`,
      ...(crds.length <= 100 ? crds.map((c) => `  ${(c.bytes / 1024).toFixed(1).padStart(8)} KiB  ${c.path}`) : []),
      ...(stale ? staleLines(stale) : []),
      ...diagnosticLines(all, opts.verbose),
      `warnings: ${summary.warnings}, errors: ${summary.errors.length}${opts.strict && failing.some((d) => d.severity === 'warning') ? ' (--strict: warnings fail the run)' : ''}`,
    ];
    process.stdout.write(lines.join('\n') + '\n');
  }
  const isStale = stale !== undefined && stale.changed.length + stale.added.length + stale.removed.length > 0;
  process.exitCode = failing.length || isStale || broken ? EXIT_DIAGNOSTICS : EXIT_OK;
}

/** A diagnostic in `--json`: its fields and the line `generate` prints for it. */
function jsonDiagnostic(d: Diagnostic): Diagnostic & { text: string } {
  return { ...d, text: formatDiagnostic(d) };
}

function staleLines(stale: ReturnType<typeof compareOutput>): string[] {
  const total = stale.changed.length + stale.added.length + stale.removed.length;
  if (total === 0) return ['output is up to date'];
  return [
    `output is stale: ${total} file(s) would change (run armkube generate to update):`,
    ...stale.changed.map((f) => `  changed  ${f}`),
    ...stale.added.map((f) => `  new      ${f}`),
    ...stale.removed.map((f) => `  removed  ${f}`),
  ];
}
