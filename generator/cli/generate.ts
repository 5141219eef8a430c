/** `armkube generate`: loader → a target's stages → its emitters → the output folder, all or nothing. */
import type { Command } from 'commander';
import { Diagnostics, formatDiagnostic } from '../diagnostics.js';
import type { EmittedFile } from '../emit/emitter.js';
import { writeOutput } from '../emit/write-output.js';
import { targetNames } from '../targets/index.js';
import { loadAndRun, resolveInputs, resolveTarget } from './inputs.js';
import { endProgress, EXIT_DIAGNOSTICS, EXIT_OK, printJson, progress } from './output.js';

interface GenerateOpts {
  specs?: string;
  config?: string;
  out: string;
  target: string;
  group?: string;
  version?: string;
  json?: boolean;
  quiet?: boolean;
}

const MB = 1024 * 1024;
/** Diagnostics that mean armkube itself failed, not the specs. */
const BUGS = new Set(['stage-failed', 'pipeline-order', 'emitter-failed']);

export function registerGenerateCommand(program: Command): void {
  program
    .command('generate')
    .description("Generate the target's output (CRDs, TypeScript, clients) from the specs into the output folder")
    .option('--config <file>', 'the config file (default: ./armkube.yaml when it exists)')
    .option('--specs <dir>', 'the specs folder')
    .option('--out <dir>', 'the output folder (replaced as a whole, only when generation succeeds)', 'output')
    .option('--target <name>', `target: ${targetNames().join(', ')}`, 'aso')
    .option('--group <namespace>', 'only this provider namespace (default: all)')
    .option('--version <api-version>', 'only this API version (default: all)')
    .option('--json', 'print the summary as JSON')
    .option('--quiet', 'no progress output')
    .addHelpText('after', '\nExamples:\n  armkube generate --group Microsoft.Network --version 2021-02-01\n  armkube generate --out /tmp/out --json')
    .action((opts: GenerateOpts) => {
      const inputs = resolveInputs(opts);
      const target = resolveTarget(opts.target);
      const report = progress(opts);
      const started = performance.now();
      const { result: pipeline } = loadAndRun(inputs, target, opts, report);
      const files: EmittedFile[] = [];
      const counts: Record<string, number> = {};
      const emitDiagnostics = new Diagnostics('emit');
      for (const emitter of target.emitters) {
        report(`emitting ${emitter.id}`);
        const diagnostics = new Diagnostics(emitter.id);
        try {
          files.push(...emitter.emit(pipeline.model, { diagnostics, count: (key, by = 1) => void (counts[key] = (counts[key] ?? 0) + by) }));
        } catch (e) {
          diagnostics.error('emitter-failed', `emitter ${emitter.id} failed: ${(e as Error).stack ?? String(e)}`);
        }
        for (const d of diagnostics.items) emitDiagnostics.add(d);
      }
      endProgress(opts);
      const all = [...pipeline.diagnostics, ...emitDiagnostics.items];
      // A stage or emitter that crashed is a bug: its output would be incomplete, so nothing is
      // written. Kinds an emitter had to leave out are errors too, but the rest is written.
      const broken = all.filter((d) => BUGS.has(d.code));
      const failed = all.filter((d) => d.severity === 'error' && d.source !== 'loader');
      let written: { files: number; bytes: number } | undefined;
      if (broken.length === 0) written = writeOutput(opts.out, files);
      const limits = (code: string) => all.filter((d) => d.code === code).length;
      const crds = files
        .filter((f) => f.path.startsWith('crds/'))
        .map((f) => ({ path: f.path, bytes: Buffer.byteLength(f.content) }))
        .sort((a, b) => b.bytes - a.bytes || (a.path < b.path ? -1 : 1));
      const summary = {
        target: target.name,
        out: opts.out,
        written: written !== undefined,
        exitReason: broken.length ? 'a stage or emitter failed: nothing written' : failed.length ? 'some kinds could not be generated (see errors)' : undefined,
        kinds: pipeline.model.packages.reduce((n, p) => n + p.resources.filter((r) => r.kubernetes?.specType).length, 0),
        files: files.length,
        bytes: written?.bytes ?? 0,
        crds: crds.length,
        largestCrds: crds.slice(0, 10),
        // Limits are checked by the CRD emitter on the JSON the API server stores (YAML is larger).
        crdLimits: {
          tooLarge: limits('crd-too-large'),
          descriptionsDropped: limits('crd-descriptions-dropped'),
          overKubectlApplyLimit: limits('crd-over-kubectl-apply-limit'),
        },
        counts,
        errors: failed.map(formatDiagnostic),
        seconds: Math.round((performance.now() - started) / 10) / 100,
      };
      if (opts.json) {
        printJson({ ...summary, crdSizes: crds });
      } else {
        const lines = [
          `target ${summary.target}: ${summary.kinds} kinds × versions, ${summary.files} files (${(summary.bytes / MB).toFixed(1)} MB) ${summary.written ? `written to ${opts.out}` : 'NOT written'} in ${summary.seconds} s`,
          `CRDs: ${summary.crds} (over 1.5 MB as JSON: ${summary.crdLimits.tooLarge}; descriptions dropped to fit: ${summary.crdLimits.descriptionsDropped}; over the kubectl apply limit: ${summary.crdLimits.overKubectlApplyLimit}); size of each (YAML), largest first:`,
          ...crds.map((c) => `  ${(c.bytes / 1024).toFixed(1).padStart(8)} KiB  ${c.path}`),
          `errors: ${summary.errors.length}`,
          ...summary.errors.slice(0, 20).map((e) => `  ${e}`),
        ];
        process.stdout.write(lines.join('\n') + '\n');
      }
      process.exitCode = failed.length ? EXIT_DIAGNOSTICS : EXIT_OK;
    });
}
