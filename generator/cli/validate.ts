/**
 * `armkube validate`: checks Kubernetes objects (every document of a YAML stream) against the
 * `openAPIV3Schema` of their generated CRD version (`<output>/crds`), as the API server would on
 * `kubectl apply` (create): types, enums, required fields, patterns (RE2) and bounds, unknown
 * fields, CEL rules (`x-kubernetes-validations`); see check-object.ts. Core Kubernetes objects
 * (`v1 Secret`) are skipped.
 */
import type { Command } from 'commander';
import { ObjectChecker, type DocumentResult } from './check-object.js';
import { readDocuments, whereIn, type InputDocument } from './documents.js';
import { CONFIG_OPTION, crdsDirOf, fail, outputDirOf, OUT_ALIAS, OUTPUT_OPTION } from './generated-output.js';
import { guarded } from './guard.js';
import { EXIT_DIAGNOSTICS, EXIT_OK, printJson } from './output.js';

interface ValidateOpts {
  output?: string;
  config?: string;
  json?: boolean;
}

export type { DocumentResult } from './check-object.js';

const EXAMPLES = `
Examples:
  armkube validate storage-account.yaml
  armkube import StorageAccountCreate.json --api-version 2021-04-01 | armkube validate -
  armkube validate objects.yaml --json

Each error names the field: "spec.accessTier: must be one of "Hot", "Cool" (got "Lukewarm")".
Unknown fields are errors (as with kubectl's default strict field validation); null values of
fields that are not nullable are dropped and defaults applied first, as the API server does on
create. Patterns run on RE2; the CRDs' CEL rules (x-kubernetes-validations) are evaluated, a
failed one gives its message. Exit code 1 when an object is invalid or of a kind the output has
no CRD for.`;

export function registerValidateCommand(program: Command): void {
  program
    .command('validate')
    .description("Check Kubernetes objects against their generated CRD's schema (each document of a YAML stream)")
    .argument('<file>', 'Kubernetes objects: YAML (several documents allowed) or JSON; - reads stdin')
    .option(...OUTPUT_OPTION)
    .addOption(OUT_ALIAS)
    .option(...CONFIG_OPTION)
    .option('--json', 'print the result of each document as JSON')
    .addHelpText('after', EXAMPLES)
    .action(guarded('validate', (file: string, opts: ValidateOpts) => {
      const read = readDocuments(file);
      const crdsDir = crdsDirOf(outputDirOf(opts));
      if ('error' in read) return fail([read.error], opts.json);
      const checker = new ObjectChecker(crdsDir);
      const results = read.documents.map((doc) => checker.check(doc));
      const invalid = results.filter((r) => r.result === 'invalid').length;
      if (opts.json) printJson({ file, valid: invalid === 0, documents: results });
      else process.stdout.write(report(file, read.documents, results));
      process.exitCode = invalid || results.length === 0 ? EXIT_DIAGNOSTICS : EXIT_OK;
    }));
}

function report(file: string, documents: readonly InputDocument[], results: readonly DocumentResult[]): string {
  if (!results.length) return `${file}: no Kubernetes object\n`;
  const lines: string[] = [];
  for (const [i, r] of results.entries()) {
    const what = [r.kind ?? 'object', r.name, r.apiVersion ? `(${r.apiVersion})` : undefined].filter(Boolean).join(' ');
    const verdict = r.result === 'skipped' ? `skipped: ${r.note}` : r.result === 'valid' ? 'valid' : `${r.errors.length} error${r.errors.length === 1 ? '' : 's'}`;
    lines.push(`${whereIn(file, documents[i], documents.length)}: ${what}: ${verdict}`);
    for (const e of r.errors) lines.push(`  ${e.path ? `${e.path}: ` : ''}${e.message}`);
    for (const w of r.warnings ?? []) lines.push(`  warning: ${w.path ? `${w.path}: ` : ''}${w.message}`);
  }
  if (results.length > 1) {
    const count = (kind: DocumentResult['result']) => results.filter((r) => r.result === kind).length;
    lines.push(`${results.length} documents: ${count('valid')} valid, ${count('invalid')} invalid, ${count('skipped')} skipped`);
  }
  return lines.join('\n') + '\n';
}
