/** `armkube list`: the resources the config (or `--all`) selects, at the api-versions of the version policy. */
import type { Command } from 'commander';
import type { Stage } from '../pipeline/stage.js';
import { loadAndRun, resolveInputs, resolveTarget, selectionOptions, type SelectionFlags } from './inputs.js';
import { endProgress, EXIT_OK, printJson, progress } from './output.js';

interface ListOpts extends SelectionFlags {
  json?: boolean;
  quiet?: boolean;
}

export function registerListCommand(program: Command): void {
  selectionOptions(program.command('list').description('List the resources that the config selects: ARM type, api-version, Kubernetes group, version and kind'))
    .option('--json', 'print the list as JSON')
    .option('--quiet', 'no progress output')
    .addHelpText('after', '\nExamples:\n  armkube list\n  armkube list --all --json\n  armkube list --group Microsoft.Storage --versions all')
    .action((opts: ListOpts) => {
      const inputs = resolveInputs(opts);
      const target = resolveTarget(opts.target, inputs.config);
      // Only naming and selection are needed: the stages of the target up to `select`.
      const upToSelect = target.stages.findIndex((s: Stage) => s.id === 'select');
      const stages = upToSelect < 0 ? target.stages : target.stages.slice(0, upToSelect + 1);
      const { result } = loadAndRun(inputs, stages, opts, progress(opts));
      endProgress(opts);
      const rows = result.model.packages
        .flatMap((p) => p.resources)
        .filter((r) => r.kubernetes)
        .map((r) => ({ armType: r.armType, apiVersion: r.apiVersion, group: r.kubernetes!.group, version: r.kubernetes!.version, kind: r.kubernetes!.kind }))
        .sort((a, b) => cmp(a.group, b.group) || cmp(a.kind, b.kind) || cmp(a.apiVersion, b.apiVersion));
      if (opts.json) {
        printJson({ resources: rows, warnings: result.diagnostics.filter((d) => d.severity !== 'info') });
      } else {
        const header = { armType: 'ARM TYPE', apiVersion: 'API-VERSION', group: 'GROUP', version: 'VERSION', kind: 'KIND' };
        const cols = ['armType', 'apiVersion', 'group', 'version', 'kind'] as const;
        const widths = cols.map((c) => Math.max(header[c].length, ...rows.map((r) => r[c].length)));
        const line = (r: Record<(typeof cols)[number], string>) => cols.map((c, i) => r[c].padEnd(widths[i])).join('  ').trimEnd();
        const out = [line(header), ...rows.map(line), `${rows.length} resources (${new Set(rows.map((r) => `${r.group}/${r.kind}`)).size} kinds)`];
        for (const d of result.diagnostics.filter((d) => d.code === 'selector-unmatched')) out.push(`warning: ${d.message}`);
        process.stdout.write(out.join('\n') + '\n');
      }
      process.exitCode = EXIT_OK;
    });
}

const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
