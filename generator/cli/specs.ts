/** `armkube specs`: a summary of a specs tree. */
import type { Command } from 'commander';
import { loadSpecs } from '../loader/load.js';
import { summarize } from '../loader/summary.js';
import { swaggerFilesOf, validateSwaggerFiles, type ValidateResult } from '../loader/validate.js';
import { formatDiagnostic } from '../diagnostics.js';
import { diagnosticLines } from './diagnostic-report.js';
import { endProgress, EXIT_DIAGNOSTICS, EXIT_OK, printJson, progress } from './output.js';
import { resolveInputs } from './inputs.js';

export function registerSpecsCommand(program: Command): void {
  program
    .command('specs')
    .description('Summarize a specs tree: files, namespaces, API versions, resource types and diagnostics')
    .option('--config <file>', 'the config file (default: ./armkube.yaml when it exists)')
    .option('--specs <dir>', 'the specs folder (default: $ARMKUBE_SPECS, else ../shared/azure-rest-api-specs/specification)')
    .option('--json', 'print one JSON object')
    .option('--quiet', 'no progress output')
    .option('--verbose', 'print every diagnostic, infos included (without it: a few per code)')
    .option('--validate', 'also validate each Swagger file against the Swagger 2.0 schema (swagger-parser; slower)')
    .addHelpText('after', '\nExamples:\n  armkube specs\n  armkube specs --validate\n  armkube specs --specs ../shared/typespec-arm-samples --json')
    .action(async (opts: { specs?: string; config?: string; json?: boolean; quiet?: boolean; validate?: boolean; verbose?: boolean }) => {
      const inputs = resolveInputs(opts);
      const specs = { dir: inputs.specsDir, from: inputs.specsFrom };
      const report = progress(opts);
      const started = performance.now();
      const result = loadSpecs({ specsDir: specs.dir, onPackage: (done, total, id) => report(`loading ${done}/${total} ${id}`) });
      let validation: (ValidateResult & { files: number; seconds: number }) | undefined;
      let diagnostics = result.diagnostics;
      if (opts.validate) {
        const validateStarted = performance.now();
        const files = swaggerFilesOf(specs.dir);
        const validated = await validateSwaggerFiles(files, { specsDir: specs.dir, onFile: (done, total, file) => report(`validating ${done}/${total} ${file}`) });
        diagnostics = [...diagnostics, ...validated.diagnostics];
        validation = { files: files.length, ...validated, seconds: round((performance.now() - validateStarted) / 1000) };
      }
      endProgress(opts);
      const summary = summarize(result.model, result.stats, diagnostics);
      if (opts.json) {
        printJson({
          specsDir: specs.dir,
          ...summary,
          ...(validation ? { validation } : {}),
          diagnosticsList: diagnostics.map((d) => ({ ...d, text: formatDiagnostic(d) })),
          seconds: round((performance.now() - started) / 1000),
        });
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
          ...(validation
            ? [`validated (Swagger 2.0):  ${validation.validated} files, ${validation.invalid} invalid, ${validation.skipped} not Swagger 2.0 (${validation.seconds} s)`]
            : []),
          `diagnostics:              ${summary.diagnostics.reduce((n, d) => n + d.count, 0)}`,
          ...summary.diagnostics.map((d) => `  ${d.severity.padEnd(7)} ${d.code.padEnd(28)} ${d.count}`),
          ...diagnosticLines(diagnostics, opts.verbose),
          `time:                     ${round((performance.now() - started) / 1000)} s`,
        ];
        process.stdout.write(lines.join('\n') + '\n');
      }
      // The exit-code rule of every command: 1 when there are errors (broken specs included).
      process.exitCode = diagnostics.some((d) => d.severity === 'error') ? EXIT_DIAGNOSTICS : EXIT_OK;
    });
}

function round(n: number): number {
  return Math.round(n * 100) / 100;
}
