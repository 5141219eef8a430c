/** `armkube generate`: loader → a target's stages → its emitters → the output folder, all or nothing. */
import type { Command } from 'commander';
import { Diagnostics, formatDiagnostic } from '../diagnostics.js';
import type { EmittedFile } from '../emit/emitter.js';
import { writeOutput } from '../emit/write-output.js';
import { loadSpecs } from '../loader/load.js';
import { runPipeline } from '../pipeline/runner.js';
import { targetNames, targets } from '../targets/index.js';
import { resolveInputs } from './inputs.js';
import { endProgress, EXIT_DIAGNOSTICS, EXIT_OK, printJson, progress, usageError } from './output.js';

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
      const target = targets[opts.target];
      if (!target) usageError(`unknown target "${opts.target}"; known: ${targetNames().join(', ')}`);
      const report = progress(opts);
      const ns = opts.group?.toLowerCase();
      const keep = (p: { namespace?: string; apiVersion?: string }) =>
        (ns === undefined || p.namespace?.toLowerCase() === ns) && (opts.version === undefined || p.apiVersion === opts.version);
      const started = performance.now();
      const loaded = loadSpecs({
        specsDir: inputs.specsDir,
        filter: (p) => p.namespace === undefined || keep(p),
        onPackage: (done, total, id) => report(`loading ${done}/${total} ${id}`),
      });
      const pipeline = runPipeline({ packages: loaded.model.packages.filter(keep) }, target.stages, {
        options: inputs.config.pipeline,
        onStage: (stage, i, total) => report(`stage ${i + 1}/${total} ${stage.id}`),
      });
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
      const failed = [...pipeline.diagnostics, ...emitDiagnostics.items].filter((d) => d.severity === 'error' && d.source !== 'loader');
      let written: { files: number; bytes: number } | undefined;
      if (failed.length === 0) written = writeOutput(opts.out, files);
      const crds = files
        .filter((f) => f.path.startsWith('crds/'))
        .map((f) => ({ path: f.path, bytes: Buffer.byteLength(f.content) }))
        .sort((a, b) => b.bytes - a.bytes || (a.path < b.path ? -1 : 1));
      const summary = {
        target: target.name,
        out: opts.out,
        written: written !== undefined,
        kinds: pipeline.model.packages.reduce((n, p) => n + p.resources.filter((r) => r.kubernetes?.specType).length, 0),
        files: files.length,
        bytes: written?.bytes ?? 0,
        crds: crds.length,
        largestCrds: crds.slice(0, 10),
        crdsOver1_5MB: crds.filter((c) => c.bytes > 1.5 * MB).map((c) => c.path),
        counts,
        errors: failed.map(formatDiagnostic),
        seconds: Math.round((performance.now() - started) / 10) / 100,
      };
      if (opts.json) {
        printJson({ ...summary, crdSizes: crds });
      } else {
        const lines = [
          `target ${summary.target}: ${summary.kinds} kinds × versions, ${summary.files} files (${(summary.bytes / MB).toFixed(1)} MB) ${summary.written ? `written to ${opts.out}` : 'NOT written'} in ${summary.seconds} s`,
          `CRDs: ${summary.crds}; largest:`,
          ...summary.largestCrds.map((c) => `  ${(c.bytes / 1024).toFixed(1).padStart(8)} KiB  ${c.path}`),
          ...summary.errors.slice(0, 20).map((e) => `  ${e}`),
        ];
        process.stdout.write(lines.join('\n') + '\n');
      }
      process.exitCode = failed.length ? EXIT_DIAGNOSTICS : EXIT_OK;
    });
}
