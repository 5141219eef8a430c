/**
 * `armkube render`: a Kubernetes object → the ARM PUT body of its kind (JSON), with the generated
 * `collectReferences` and `specToArm` of the output folder. The object is first checked as
 * `validate` checks it (its CRD's schema and CEL rules: check-object.ts), then the resource types
 * of its references and owner (reference-types.ts); the spec converted is the one the API server
 * would store (nulls pruned, defaults applied). References by Kubernetes name come from a `--refs`
 * file, secret references from Secret manifests (in the same file or `--secrets`). Every problem
 * is reported with its path and what to do.
 */
import type { CodeOfSeverity } from '../diagnostic-codes.js';
import type { Command } from 'commander';
import type { Diagnostic } from '../diagnostics.js';
import { findByKubernetes } from '../output-reader/find-kind.js';
import type { GeneratedCodeIndex, GeneratedResource } from '../output-reader/load.js';
import { prepareObject, type FieldError } from '../output-reader/validate-object.js';
import { armIdOf, parseArmId, referenceKey, secretKey, type CollectedReferences, type ResolvedReferences } from '../runtime/index.js';
import { ObjectChecker } from './check-object.js';
import { isObject, pointerOfPath, readDocuments, type InputDocument, type Json } from './documents.js';
import { CONFIG_OPTION, crdsDirOf, error, fail, openOutput, outputDirOf, OUT_ALIAS, OUTPUT_OPTION } from './generated-output.js';
import { guarded } from './guard.js';
import { ownerProblems, referenceTypeProblems } from './reference-types.js';
import { EXIT_OK, printJson } from './output.js';
import { readRefsFile, refsKeysOf, type RefsMap } from './refs-file.js';
import { isSecretManifest, secretValues } from './secret-manifests.js';

interface RenderOpts {
  output?: string;
  config?: string;
  refs?: string;
  secrets?: string[];
  json?: boolean;
}

const EXAMPLES = `
Examples:
  armkube render subnet.yaml --refs refs.yaml
  armkube import server.json > server.yaml && armkube render server.yaml
  armkube render server.yaml --secrets server-secrets.yaml --json

refs.yaml maps the references a spec makes by Kubernetes name to ARM IDs; keys are
<Kind>/<name>, or <group>/<Kind>/<name> where two groups have a kind of that name:
  NetworkSecurityGroup/my-nsg: /subscriptions/<sub>/resourceGroups/rg/providers/Microsoft.Network/networkSecurityGroups/my-nsg
References given as {armId: ...} need no entry. Secret references {name, key} are read from the
v1 Secrets of the input file and of every --secrets file (stringData or base64 data).`;

export function registerRenderCommand(program: Command): void {
  program
    .command('render')
    .description('Turn a Kubernetes object of a generated kind into its ARM PUT body (JSON), references and secrets resolved')
    .argument('<file>', 'the Kubernetes object (YAML or JSON; - reads stdin); Secrets in the same file resolve its secret references')
    .option(...OUTPUT_OPTION)
    .addOption(OUT_ALIAS)
    .option(...CONFIG_OPTION)
    .option('--refs <file>', 'YAML mapping "<Kind>/<name>" → ARM ID for references by Kubernetes name')
    .option('--secrets <file>', 'a YAML file of v1 Secrets holding the secret values (repeat for several files)', (value: string, previous: string[] | undefined) => [...(previous ?? []), value])
    .option('--json', 'print { kind, armType, apiVersion, name, id, body } instead of the body alone')
    .addHelpText('after', EXAMPLES)
    .action(guarded('render', async (file: string, opts: RenderOpts) => {
      const read = readDocuments(file);
      if ('error' in read) return fail([read.error], opts.json);
      const objects = read.documents.filter((d) => !isSecretManifest(d.value));
      if (objects.length !== 1) {
        const names = objects.map((d) => describe(d.value));
        return fail([error('not-one-object', objects.length ? `${file} holds ${objects.length} objects (${names.join(', ')}); render takes one` : `${file} holds no Kubernetes object besides Secrets`, file)], opts.json);
      }
      const given = resolutionInputs(file, read.documents, opts);
      if ('errors' in given) return fail(given.errors, opts.json);
      const outDir = outputDirOf(opts);
      const checker = new ObjectChecker(crdsDirOf(outDir));
      const code = await openOutput(outDir);
      try {
        const prefix = read.documents.length > 1 ? `document ${objects[0].number}: ` : '';
        const result = await render(code, checker, prefix, file, objects[0], given.refs, given.secrets, opts);
        if ('errors' in result) return fail(result.errors, opts.json);
        for (const w of result.warnings) process.stderr.write(`armkube render: warning: ${w.path ? `${w.path}: ` : ''}${w.message}\n`);
        printJson(opts.json ? result.rendered : result.rendered.body);
        process.exitCode = EXIT_OK;
      } finally {
        code.dispose();
      }
    }));
}

/** The secret values (from the Secrets of the input file and of every --secrets file) and the --refs map. */
function resolutionInputs(file: string, documents: readonly InputDocument[], opts: RenderOpts): { secrets: Map<string, string>; refs: RefsMap } | { errors: Diagnostic[] } {
  const secrets = new Map<string, string>();
  const errors = secretValues(file, documents, secrets);
  for (const secretsFile of opts.secrets ?? []) {
    const more = readDocuments(secretsFile, '--secrets file');
    if ('error' in more) {
      errors.push(more.error);
      continue;
    }
    for (const doc of more.documents) if (!isSecretManifest(doc.value)) errors.push(error('invalid-secret', `document ${doc.number} is a ${describe(doc.value)}, not a v1 Secret`, secretsFile));
    errors.push(...secretValues(secretsFile, more.documents, secrets));
  }
  let refs: RefsMap = new Map();
  if (opts.refs !== undefined) {
    const loaded = readRefsFile(opts.refs);
    if ('errors' in loaded) errors.push(...loaded.errors);
    else refs = loaded.refs;
  }
  return errors.length ? { errors } : { secrets, refs };
}

const describe = (v: unknown) => (isObject(v) ? `${String(v.kind ?? '?')} ${String((v.metadata as Json | undefined)?.name ?? '')}`.trim() : typeof v);

interface Rendered {
  kind: string;
  group: string;
  version: string;
  armType: string;
  apiVersion: string;
  name?: string;
  /** The resource's ARM ID, when its owner is given by ARM ID. */
  id?: string;
  body: unknown;
}

type RenderResult = { rendered: Rendered; warnings: FieldError[] } | { errors: Diagnostic[] };

async function render(code: GeneratedCodeIndex, checker: ObjectChecker, prefix: string, file: string, doc: InputDocument, refs: RefsMap, secrets: Map<string, string>, opts: RenderOpts): Promise<RenderResult> {
  const fault = (id: CodeOfSeverity<'error'>, message: string, pointer = '') => ({ errors: [error(id, message, file, pointer)] });
  const fieldFaults = (id: CodeOfSeverity<'error'>, problems: readonly FieldError[]) => ({ errors: problems.map((p) => error(id, `${prefix}${p.path ? `${p.path}: ` : ''}${p.message}`, file, pointerOfPath(p.path))) });
  if (!isObject(doc.value)) return fault('not-an-object', `${prefix}not a Kubernetes object`);
  const found = findByKubernetes(code.entries, doc.value.apiVersion, doc.value.kind);
  if (!found.ok) return fault('unknown-kind', `${prefix}${found.message}`, '/apiVersion');
  // As the API server would on create: refused with the field errors, or stored pruned and defaulted.
  const checked = checker.checkWithSchema(doc);
  if (checked.result.result !== 'valid' || checked.schema === undefined) return fieldFaults('invalid-object', checked.result.errors);
  const object = prepareObject(doc.value, checked.schema) as Json;
  if (!isObject(object.spec)) return fault('no-spec', `${prefix}the object has no spec`, '/spec');
  const resource = await code.load(found.entry);
  const spec = object.spec;
  let collected: CollectedReferences;
  try {
    collected = resource.collectReferences(spec);
  } catch (e) {
    return fault('invalid-spec', `${prefix}the spec is not a ${resource.kind} spec (${(e as Error).message}); "armkube validate" says where`, '/spec');
  }
  const { name, id } = identity(resource, object);
  const typeProblems = [...ownerProblems(spec, checked.schema, resource, name, code.entries), ...referenceTypeProblems(collected, checked.schema, code.entries)];
  if (typeProblems.length) return fieldFaults('wrong-resource-type', typeProblems);
  const resolved = resolveAll(code, collected, refs, secrets, opts, (message, path) => error('unresolved', `${prefix}${message}`, file, pointerOfPath(path)));
  if ('errors' in resolved) return resolved;
  let body: unknown;
  try {
    body = resource.specToArm(spec, resolved);
  } catch (e) {
    return fault('conversion-failed', `${prefix}${resource.kind} specToArm failed: ${(e as Error).message}`, '/spec');
  }
  const rendered: Rendered = { kind: resource.kind, group: resource.group, version: resource.version, armType: resource.armType, apiVersion: resource.armApiVersion, ...(name !== undefined && { name }), ...(id !== undefined && { id }), body };
  return { rendered, warnings: checked.result.warnings ?? [] };
}

/** The ARM name (`azureName`, else `metadata.name`) and, when the owner is an ARM ID, the resource's ARM ID. */
function identity(resource: GeneratedResource, object: Json): { name?: string; id?: string } {
  const spec = object.spec as Json;
  const metadata = isObject(object.metadata) ? object.metadata : {};
  const name = typeof spec.azureName === 'string' ? spec.azureName : typeof metadata.name === 'string' ? metadata.name : undefined;
  const owner = spec.owner;
  if (name === undefined || !isObject(owner) || typeof owner.armId !== 'string') return name === undefined ? {} : { name };
  const id = armIdOf({ ownerArmId: owner.armId, armType: resource.armType, name });
  return id.ok ? { name, id: id.id } : { name };
}

/** The ARM IDs and secret values of every collected reference, or an error for each one missing. */
function resolveAll(
  code: GeneratedCodeIndex,
  collected: CollectedReferences,
  refs: RefsMap,
  secrets: Map<string, string>,
  opts: RenderOpts,
  problem: (message: string, path: string) => Diagnostic,
): ResolvedReferences | { errors: Diagnostic[] } {
  const errors: Diagnostic[] = [];
  const resolved: ResolvedReferences = { resources: new Map(), secrets: new Map() };
  for (const { path, reference } of collected.resources) {
    // An inline armId was checked with the reference types.
    if (reference.armId !== undefined) continue;
    const keys = refsKeysOf(reference);
    const key = keys.find((k) => refs.has(k));
    if (key === undefined) {
      const todo = opts.refs === undefined ? 'pass --refs FILE with the line' : `${opts.refs} has no key ${keys.map((k) => `"${k}"`).join(' or ')}: add the line`;
      errors.push(problem(`${path}: the reference to ${reference.kind} "${reference.name}" (${reference.group}) is not resolved: ${todo} "${keys[1]}: <ARM ID>"`, path));
      continue;
    }
    const id = refs.get(key)!;
    const expected = [...new Set(code.entries.filter((e) => e.group === reference.group && e.kind === reference.kind).map((e) => e.armType.toLowerCase()))];
    const parsed = parseArmId(id);
    if (parsed.ok && expected.length && !expected.includes(parsed.armType.toLowerCase())) {
      errors.push(problem(`${path}: ${opts.refs} maps "${key}" to a ${parsed.armType} (${id}), but a ${reference.kind} is a ${expected.join(' or ')}`, path));
      continue;
    }
    resolved.resources.set(referenceKey(reference), id);
  }
  for (const { path, reference } of collected.secrets) {
    const key = secretKey(reference);
    const value = secrets.get(key);
    if (value !== undefined) resolved.secrets.set(key, value);
    else {
      const known = [...secrets.keys()].some((k) => k.startsWith(`${reference.name}/`));
      errors.push(problem(`${path}: the secret "${reference.name}" key "${reference.key}" is not resolved: ${known ? `the Secret ${reference.name} has no key ${reference.key}` : `pass the v1 Secret ${reference.name} with --secrets (or in the same file)`}`, path));
    }
  }
  return errors.length ? { errors } : resolved;
}
