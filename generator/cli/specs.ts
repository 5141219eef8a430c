/** `armkube specs`: a summary of a specs tree. */
import type { Command } from 'commander';
import { loadSpecs } from '../loader/load.js';
import { summarize } from '../loader/summary.js';
import { endProgress, EXIT_OK, printJson, progress, usageError } from './output.js';
import { resolveSpecsDir } from './specs-dir.js';

export function registerSpecsCommand(program: Command): void {
  program
    .command('specs')
    .description('Summarize a specs tree: files, namespaces, API versions, resource types and diagnostics')
    .option('--specs <dir>', 'the specs folder (default: $ARMKUBE_SPECS, else ../shared/azure-rest-api-specs/specification)')
    .option('--json', 'print one JSON object')
    .option('--quiet', 'no progress output')
    .addHelpText('after', '\nExamples:\n  armkube specs\n  armkube specs --specs ../shared/typespec-arm-samples --json')
    .action((opts: { specs?: string; json?: boolean; quiet?: boolean }) => {
      const specs = resolveSpecsDir(opts.specs);
      if ('error' in specs) usageError(specs.error);
      const report = progress(opts);
      const started = performance.now();
      const result = loadSpecs({ specsDir: specs.dir, onPackage: (done, total, id) => report(`loading ${done}/${total} ${id}`) });
      endProgress(opts);
      const summary = summarize(result.model, result.stats, result.diagnostics);
      if (opts.json) {
        printJson({ specsDir: specs.dir, ...summary, seconds: round((performance.now() - started) / 1000) });
      } else {
        const lines = [
          `specs: ${specs.dir} (${specs.from})`,
          `files:                    ${summary.files} (${summary.filesRead} read, shared files included)`,
          `packages:                 ${summary.packages}`,
          `provider namespaces:      ${summary.namespaces}`,
          `API versions:             ${summary.apiVersions}`,
          `resource types:           ${summary.resourceTypes}`,
          `resource type × version:  ${summary.resourceTypeVersions}`,
          `named types:              ${summary.types}`,
          `diagnostics:              ${summary.diagnostics.reduce((n, d) => n + d.count, 0)}`,
          ...summary.diagnostics.map((d) => `  ${d.severity.padEnd(7)} ${d.code.padEnd(28)} ${d.count}`),
          `time:                     ${round((performance.now() - started) / 1000)} s`,
        ];
        process.stdout.write(lines.join('\n') + '\n');
      }
      process.exitCode = EXIT_OK;
    });
}

function round(n: number): number {
  return Math.round(n * 100) / 100;
}
