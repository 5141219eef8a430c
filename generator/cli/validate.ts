/**
 * `armkube validate`: checks Kubernetes objects (every document of a YAML stream) against the
 * `openAPIV3Schema` of their generated CRD version (`<output>/crds`), as the API server would on
 * `kubectl apply`: types, enums, required fields, patterns and bounds, unknown fields. Core
 * Kubernetes objects (`v1 Secret`) are skipped.
 */
import type { Command } from 'commander';
import { findCrdVersion } from '../generated/crds.js';
import { compileValidator, type FieldError, type ObjectValidator } from '../generated/validate-object.js';
import { isObject, readDocuments, whereIn, type InputDocument, type Json } from './documents.js';
import { CONFIG_OPTION, crdsDirOf, fail, outputDirOf, OUT_ALIAS, OUTPUT_OPTION } from './generated-output.js';
import { isKubernetesName } from './kubernetes-names.js';
import { EXIT_DIAGNOSTICS, EXIT_OK, printJson } from './output.js';

interface ValidateOpts {
  output?: string;
  config?: string;
  json?: boolean;
}

export interface DocumentResult {
  /** 1-based document number in the file. */
  document: number;
  apiVersion?: string;
  kind?: string;
  name?: string;
  result: 'valid' | 'invalid' | 'skipped';
  /** The CRD file the object was checked against. */
  crd?: string;
  errors: FieldError[];
  /** Why the document was skipped. */
  note?: string;
}

const EXAMPLES = `
Examples:
  armkube validate storage-account.yaml
  armkube import StorageAccountCreate.json --api-version 2021-04-01 | armkube validate -
  armkube validate objects.yaml --json

Each error names the field: "spec.accessTier: must be one of "Hot", "Cool" (got "Lukewarm")".
Unknown fields are errors (as with kubectl's default strict field validation); null values of
fields that are not nullable are dropped first, as the API server does. Exit code 1 when an
object is invalid or of a kind the output has no CRD for.`;

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
    .action((file: string, opts: ValidateOpts) => {
      const read = readDocuments(file);
      const crdsDir = crdsDirOf(outputDirOf(opts));
      if ('error' in read) return fail([read.error], opts.json);
      const validators = new Map<string, ObjectValidator>();
      const results = read.documents.map((doc) => validateDocument(doc, crdsDir, validators));
      const invalid = results.filter((r) => r.result === 'invalid').length;
      if (opts.json) printJson({ file, valid: invalid === 0, documents: results });
      else process.stdout.write(report(file, read.documents, results));
      process.exitCode = invalid || results.length === 0 ? EXIT_DIAGNOSTICS : EXIT_OK;
    });
}

export function validateDocument(doc: InputDocument, crdsDir: string, validators: Map<string, ObjectValidator>): DocumentResult {
  const object = doc.value;
  if (!isObject(object)) return { document: doc.number, result: 'invalid', errors: [{ path: '', message: `must be a Kubernetes object (a mapping), got ${Array.isArray(object) ? 'an array' : typeof object}` }] };
  const { apiVersion, kind } = object;
  const name = (object.metadata as Json | undefined)?.name;
  const result: DocumentResult = {
    document: doc.number,
    ...(typeof apiVersion === 'string' && { apiVersion }),
    ...(typeof kind === 'string' && { kind }),
    ...(typeof name === 'string' && { name }),
    result: 'invalid',
    errors: [],
  };
  if (typeof apiVersion !== 'string' || typeof kind !== 'string') {
    const errors = [];
    if (typeof apiVersion !== 'string') errors.push({ path: 'apiVersion', message: 'must be a string "<group>/<version>"' });
    if (typeof kind !== 'string') errors.push({ path: 'kind', message: 'must be a string' });
    return { ...result, errors };
  }
  if (!apiVersion.includes('/')) return { ...result, result: 'skipped', note: `${apiVersion} ${kind} is a core Kubernetes object, not a generated kind` };
  const [group, version] = apiVersion.split('/', 2);
  const found = findCrdVersion(crdsDir, group, kind, version);
  if (!found.ok) return { ...result, errors: [{ path: 'apiVersion', message: found.message }] };
  const key = `${found.entry.file}#${version}`;
  let validate = validators.get(key);
  if (!validate) validators.set(key, (validate = compileValidator(found.entry.openAPIV3Schema)));
  const errors = [...metadataErrors(object.metadata), ...validate(object)];
  return { ...result, crd: found.entry.file, result: errors.length ? 'invalid' : 'valid', errors };
}

/** The API server's own checks of `metadata.name` (the CRD schema says nothing about metadata). */
function metadataErrors(metadata: unknown): FieldError[] {
  if (!isObject(metadata)) return [{ path: 'metadata', message: 'required field is missing' }];
  const name = metadata.name;
  if (name === undefined && metadata.generateName === undefined) return [{ path: 'metadata.name', message: 'required field is missing' }];
  if (name !== undefined && (typeof name !== 'string' || !isKubernetesName(name))) {
    return [{ path: 'metadata.name', message: `must be a valid Kubernetes name: lower case letters, digits, "-" and ".", at most 253 characters (got ${JSON.stringify(name)})` }];
  }
  return [];
}

function report(file: string, documents: readonly InputDocument[], results: readonly DocumentResult[]): string {
  if (!results.length) return `${file}: no Kubernetes object\n`;
  const lines: string[] = [];
  for (const [i, r] of results.entries()) {
    const what = [r.kind ?? 'object', r.name, r.apiVersion ? `(${r.apiVersion})` : undefined].filter(Boolean).join(' ');
    const verdict = r.result === 'skipped' ? `skipped: ${r.note}` : r.result === 'valid' ? 'valid' : `${r.errors.length} error${r.errors.length === 1 ? '' : 's'}`;
    lines.push(`${whereIn(file, documents[i], documents.length)}: ${what}: ${verdict}`);
    for (const e of r.errors) lines.push(`  ${e.path ? `${e.path}: ` : ''}${e.message}`);
  }
  if (results.length > 1) {
    const count = (kind: DocumentResult['result']) => results.filter((r) => r.result === kind).length;
    lines.push(`${results.length} documents: ${count('valid')} valid, ${count('invalid')} invalid, ${count('skipped')} skipped`);
  }
  return lines.join('\n') + '\n';
}
