/** `armkube model`: the model of one namespace and api-version, for people to inspect. */
import type { Command } from 'commander';
import { formatDiagnostic } from '../diagnostics.js';
import { loadSpecs } from '../loader/load.js';
import { printPackage } from '../model/print.js';
import { runPipeline } from '../pipeline/runner.js';
import { targetNames, targets } from '../targets/index.js';
import { EXIT_DIAGNOSTICS, EXIT_OK, printJson, usageError } from './output.js';
import { resolveInputs } from './inputs.js';

export function registerModelCommand(program: Command): void {
  program
    .command('model')
    .description('Show the model of one provider namespace at one API version')
    .requiredOption('--group <namespace>', 'provider namespace, e.g. Microsoft.Storage')
    .requiredOption('--version <api-version>', 'API version, e.g. 2021-04-01')
    .option('--config <file>', 'the config file (default: ./armkube.yaml when it exists)')
    .option('--specs <dir>', 'the specs folder')
    .option('--json', 'print the model as JSON')
    .option('--target <name>', `show the model after the stages of a target (${targetNames().join(', ')}): kinds, spec and status`)
    .addHelpText(
      'after',
      '\nExamples:\n  armkube model --group Microsoft.Storage --version 2021-04-01\n  armkube model --group Microsoft.Network --version 2021-02-01 --target aso\n  armkube model --group Microsoft.Network --version 2021-02-01 --json > network.json',
    )
    .action((opts: { group: string; version: string; specs?: string; config?: string; json?: boolean; target?: string }) => {
      const target = opts.target === undefined ? undefined : targets[opts.target];
      if (opts.target !== undefined && !target) usageError(`unknown target "${opts.target}"; known: ${targetNames().join(', ')}`);
      const inputs = resolveInputs(opts);
      const specs = { dir: inputs.specsDir, from: inputs.specsFrom };
      const ns = opts.group.toLowerCase();
      const result = loadSpecs({
        specsDir: specs.dir,
        filter: (p) => p.namespace === undefined || (p.namespace.toLowerCase() === ns && p.apiVersion === opts.version),
      });
      const loaded = result.model.packages.filter((p) => p.namespace.toLowerCase() === ns && p.apiVersion === opts.version);
      // The whole package is shown: the config's selection and version policy do not apply here.
      const { resources: _resources, versions: _versions, ...shaping } = inputs.config.pipeline;
      const run = target ? runPipeline({ packages: loaded }, target.stages, { options: shaping }) : undefined;
      const packages = run ? run.model.packages : loaded;
      if (packages.length === 0) {
        process.stderr.write(`armkube: no package for ${opts.group} at ${opts.version} in ${specs.dir}\n`);
        process.exitCode = EXIT_DIAGNOSTICS;
        return;
      }
      const files = new Set(packages.flatMap((p) => p.files));
      const diagnostics = [...result.diagnostics, ...(run?.diagnostics ?? [])].filter((d) => d.location && files.has(d.location.file));
      if (opts.json) {
        printJson({ packages, diagnostics });
      } else {
        process.stdout.write(packages.map(printPackage).join('\n\n') + '\n');
        if (diagnostics.length) process.stdout.write(`\ndiagnostics:\n${diagnostics.map((d) => '  ' + formatDiagnostic(d)).join('\n')}\n`);
      }
      process.exitCode = EXIT_OK;
    });
}
