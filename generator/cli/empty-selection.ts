/**
 * A run that selects nothing is an error, never an empty output: this says why (the specs folder
 * holds no Swagger, `--group`/`--version` name nothing there, the config's entries match nothing)
 * with a "did you mean" for a typo'd namespace, api-version or kind.
 */
import type { CodeOfSeverity } from '../diagnostic-codes.js';
import { hint } from '../config/config-file.js';
import type { Diagnostic } from '../diagnostics.js';
import { discoverPackages } from '../loader/discover.js';
import type { LoadResult } from '../loader/load.js';
import type { PipelineOptions } from '../pipeline/options.js';
import { resourceNamesStage } from '../pipeline/resource-names.js';
import { runPipeline } from '../pipeline/runner.js';
import type { Inputs, SelectionFlags } from './inputs.js';


/** Why nothing was selected, as an error diagnostic (computed only when that happens). */
export function explainEmptySelection(inputs: Inputs, flags: SelectionFlags, options: Partial<PipelineOptions>, loaded: LoadResult): Diagnostic {
  const error = (code: CodeOfSeverity<'error'>, message: string): Diagnostic => ({ code, severity: 'error', message, source: 'cli' });
  const specs = inputs.specsDir;
  const discovered = discoverPackages(specs).packages;
  const namespaces = new Map<string, string>(); // lower case → spelling
  for (const p of discovered) if (p.namespace) namespaces.set(p.namespace.toLowerCase(), p.namespace);
  for (const p of loaded.model.packages) namespaces.set(p.namespace.toLowerCase(), p.namespace);
  if (discovered.length === 0) return error('no-swagger', `the specs folder ${specs} holds no Swagger file (no .json outside examples/ and common folders): nothing to generate. Pass the folder of the specs with --specs`);
  if (namespaces.size === 0 && flags.group === undefined) return error('no-swagger', `the specs folder ${specs} holds no Swagger 2.0 document with resources: nothing to generate`);
  const nothing = 'nothing selected, nothing written';
  if (flags.group !== undefined && !namespaces.has(flags.group.toLowerCase())) {
    return error('nothing-selected', `--group ${flags.group} names no provider namespace in ${specs}${hint(flags.group, [...namespaces.values()])}: ${nothing}`);
  }
  if (flags.version !== undefined) {
    const group = flags.group?.toLowerCase();
    const versions = [...new Set(discovered.filter((p) => group === undefined || p.namespace?.toLowerCase() === group).map((p) => p.apiVersion).filter((v): v is string => v !== undefined))].sort();
    if (!versions.includes(flags.version)) {
      const latest = versions.slice(-5).join(', ');
      return error('nothing-selected', `--version ${flags.version} is not an api-version of ${flags.group ?? 'the specs'}${hint(flags.version, versions)}${latest ? ` (the latest: ${latest})` : ''}: ${nothing}`);
    }
  }
  const configured = flags.all ? undefined : inputs.config.pipeline?.resources;
  if (configured?.length && options.resources?.length === 0) {
    return error('nothing-selected', `${[flags.group && `--group ${flags.group}`, flags.version && `--version ${flags.version}`].filter(Boolean).join(' ')} rules out every entry of the config's resources (add --all for every resource type there): ${nothing}`);
  }
  if (options.resources?.length) {
    const named = runPipeline(loaded.model, [resourceNamesStage], { options }).model;
    const kinds = [...new Set(named.packages.flatMap((p) => p.resources.map((r) => r.kubernetes?.kind).filter((k): k is string => k !== undefined)))];
    const armTypes = [...new Set(named.packages.flatMap((p) => p.resources.map((r) => r.armType)))];
    const entries = options.resources.map((s) => {
      const fields = (['group', 'kind', 'armType', 'version'] as const).filter((k) => s[k] !== undefined).map((k) => `${k}: ${s[k]}`);
      const suggestion = s.kind !== undefined ? hint(s.kind, kinds) : s.armType !== undefined ? hint(s.armType, armTypes) : '';
      return `{${fields.join(', ')}}${suggestion}`;
    });
    return error('nothing-selected', `no entry of the config's resources matches a resource in ${specs}: ${entries.slice(0, 5).join('; ')}${entries.length > 5 ? ` and ${entries.length - 5} more` : ''}: ${nothing}`);
  }
  return error('nothing-selected', `the selection holds no resource type in ${specs}${flags.group ? ` (--group ${flags.group})` : ''}${flags.version ? ` (--version ${flags.version})` : ''}: ${nothing}`);
}
