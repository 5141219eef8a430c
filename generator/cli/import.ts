/**
 * `armkube import`: an ARM resource body (or an x-ms-examples file) → the Kubernetes object of its
 * kind, as YAML, with a `v1 Secret` for the secret values the body held. Runs the generated
 * `armToSpec` of the output folder: the conversion users get.
 */
import type { CodeOfSeverity } from '../diagnostic-codes.js';
import type { Command } from 'commander';
import type { Diagnostic } from '../diagnostics.js';
import { findByArmType } from '../output-reader/find-kind.js';
import type { GeneratedCodeIndex } from '../output-reader/load.js';
import { armIdOf, armTypeEquals, ownerFromArmId, parseArmId, type ExtractedSecret, type OwnerReference } from '../runtime/index.js';
import { armInputOf, type ArmInput } from './arm-input.js';
import { readDocuments, yamlStream, type Json } from './documents.js';
import { CONFIG_OPTION, error, fail, openOutput, outputDirOf, OUT_ALIAS, OUTPUT_OPTION } from './generated-output.js';
import { isKubernetesLabel, isKubernetesName, kubernetesNameOf } from './kubernetes-names.js';
import { guarded } from './guard.js';
import { EXIT_OK, printJson, usageError } from './output.js';
import { secretManifests } from './secret-manifests.js';

export interface ImportOpts {
  output?: string;
  config?: string;
  apiVersion?: string;
  armType?: string;
  name?: string;
  namespace?: string;
  owner?: string;
  parameter?: string;
  base64?: boolean;
  json?: boolean;
}

const EXAMPLES = `
Examples:
  az resource show --ids <id> > account.json && armkube import account.json
  armkube import .../Microsoft.Storage/stable/2021-04-01/examples/StorageAccountCreate.json --api-version 2021-04-01 --output /tmp/out
  armkube import subnet.json --api-version 2021-02-01 --namespace prod --owner my-vnet > subnet.yaml

The ARM type comes from the body's "type" (or its id, or --arm-type); the api-version from
--api-version, the example's "api-version" parameter or the body's "apiVersion", else the latest
the output has for that type. Secret values go to a v1 Secret (first in the stream), which the
object refers to; "armkube render" reads both back.`;

export function registerImportCommand(program: Command): void {
  program
    .command('import')
    .description('Turn an ARM resource body (az resource show, or an x-ms-examples file) into the Kubernetes object of its kind (YAML), with a Secret for its secret values')
    .argument('<file>', 'ARM JSON: a resource body, or an x-ms-examples file of the specs; - reads stdin')
    .option(...OUTPUT_OPTION)
    .addOption(OUT_ALIAS)
    .option(...CONFIG_OPTION)
    .option('--api-version <version>', 'the ARM api-version of the body (default: the example\'s, else the latest the output has)')
    .option('--arm-type <type>', 'the ARM type, when the body has neither "type" nor "id"')
    .option('--name <name>', 'metadata.name (default: the ARM name, made a valid Kubernetes name)')
    .option('--namespace <namespace>', 'metadata.namespace of the object and of its Secret')
    .option('--owner <owner>', 'the owner: an ARM ID (starts with /) or the Kubernetes name of the owner (default: the parent of the body\'s id)')
    .option('--parameter <name>', 'the request body parameter of an x-ms-examples file that has several object parameters')
    .option('--base64', 'Secret values base64-encoded under "data" instead of "stringData"')
    .option('--json', 'print a v1 List of the manifests as JSON instead of YAML')
    .addHelpText('after', EXAMPLES)
    .action(guarded('import', async (file: string, opts: ImportOpts) => {
      if (opts.name !== undefined && !isKubernetesName(opts.name)) usageError(`--name ${opts.name} is not a valid Kubernetes name (lower case letters, digits, "-" and ".", at most 253 characters)`);
      if (opts.namespace !== undefined && !isKubernetesLabel(opts.namespace)) usageError(`--namespace ${opts.namespace} is not a valid namespace (lower case letters, digits and "-", at most 63 characters)`);
      const owner = opts.owner === undefined ? undefined : ownerOf(opts.owner);
      const read = readDocuments(file, 'ARM JSON file');
      if ('error' in read) return fail([read.error], opts.json);
      if (read.documents.length !== 1) return fail([error('invalid-arm-body', `${file} holds ${read.documents.length} documents; import takes one ARM body`, file)], opts.json);
      const input = armInputOf(read.documents[0].value, file, opts.parameter);
      if ('code' in input) return fail([input], opts.json);
      const result = await importBody(input, file, owner, opts);
      if ('errors' in result) return fail(result.errors, opts.json);
      for (const note of result.notes) process.stderr.write(`armkube import: ${note}\n`);
      if (opts.json) printJson({ apiVersion: 'v1', kind: 'List', items: result.manifests });
      else process.stdout.write(yamlStream(result.manifests));
      process.exitCode = EXIT_OK;
    }));
}

export type ImportResult = { manifests: object[]; notes: string[] } | { errors: Diagnostic[] };

/**
 * The manifests of one ARM body. `opened` is the output folder's registry when the caller imports
 * many bodies from one folder (the cluster tests); else the folder of `opts` is opened and closed.
 */
export async function importBody(input: ArmInput, file: string, givenOwner: OwnerReference | undefined, opts: ImportOpts, opened?: GeneratedCodeIndex): Promise<ImportResult> {
  const fault = (code: CodeOfSeverity<'error'>, message: string, pointer = input.pointer) => ({ errors: [error(code, message, file, pointer)] });
  const armType = opts.armType ?? input.armType;
  if (armType === undefined) return fault('no-arm-type', `${input.what} has no "type" and no "id": pass the ARM type with --arm-type`);
  const notes: string[] = [];
  const code = opened ?? (await openOutput(outputDirOf(opts)));
  try {
    const found = findByArmType(code.entries, armType, opts.apiVersion ?? input.apiVersion);
    if (!found.ok) return fault('unknown-kind', found.message);
    // After the kind is found: a mistyped --arm-type is best answered with the types there are.
    const mismatch = idTypeMismatch(input, armType, opts.armType !== undefined);
    if (mismatch) return fault('arm-type-mismatch', mismatch);
    if (found.note) notes.push(found.note);
    const resource = await code.load(found.entry);

    let owner: OwnerReference;
    try {
      owner = givenOwner ?? ownerFromArmId(input.id);
    } catch (e) {
      return fault('no-owner', `${(e as Error).message.replace(/pass the owner$/, 'pass --owner (an ARM ID, or the Kubernetes name of the owner)')}`);
    }
    // An ARM template names a child `parent/child`; the resource's own name is the last part.
    const armName = input.name?.includes('/') && input.id === undefined ? input.name.split('/').pop() : input.name;
    if (givenOwner?.armId !== undefined && armName !== undefined) {
      const id = armIdOf({ ownerArmId: givenOwner.armId, armType: resource.armType, name: armName });
      if (!id.ok) return fault('wrong-owner', `--owner ${givenOwner.armId} cannot own ${input.what}: ${id.reason}`);
    }
    const body: Json = { ...input.body };
    if (armName !== undefined) body.name = armName;
    let converted: { spec: unknown; secrets: ExtractedSecret[] };
    try {
      converted = resource.armToSpec(body, owner);
    } catch (e) {
      return fault('conversion-failed', `${resource.kind} armToSpec failed on ${input.what}: ${(e as Error).message}`);
    }
    const spec = converted.spec as Json;
    const name = opts.name ?? kubernetesNameOf(typeof spec.azureName === 'string' ? spec.azureName : (armName ?? ''));
    if (name === undefined) return fault('no-name', `${input.what} has no name a Kubernetes name can be made of${armName ? ` ("${armName}")` : ''}: pass --name`);
    const metadata: Json = { name };
    if (opts.namespace !== undefined) metadata.namespace = opts.namespace;
    const object = { apiVersion: `${resource.group}/${resource.version}`, kind: resource.kind, metadata, spec };
    // Secrets first, so that `kubectl apply -f` creates them before the object that refers to them.
    return { manifests: [...secretManifests(converted.secrets, opts.namespace, opts.base64 ?? false), object], notes };
  } finally {
    if (!opened) code.dispose();
  }
}

/**
 * Why the body's `id` contradicts its ARM type (its `type`, or `--arm-type`): an `id` of another
 * resource type means the body is not what it says, and its owner (taken from the `id`) would be
 * wrong too. Undefined when they agree, or when there is no valid `id`.
 */
function idTypeMismatch(input: ArmInput, armType: string, fromFlag: boolean): string | undefined {
  if (input.id === undefined) return undefined;
  const parsed = parseArmId(input.id);
  if (!parsed.ok || armTypeEquals(parsed.armType, armType)) return undefined;
  const named = fromFlag ? `--arm-type ${armType}` : `its "type" ${armType}`;
  return `the "id" of ${input.what} names a ${parsed.armType} (${input.id}), but ${named} is another resource type: fix the body, or import the body of a ${armType}`;
}

/** `--owner`: an ARM ID when it starts with `/`, else the Kubernetes name of the owner (its kind implied). */
function ownerOf(value: string): OwnerReference {
  if (!value.startsWith('/')) {
    if (!isKubernetesName(value)) usageError(`--owner ${value} is neither an ARM ID (starting with /) nor a valid Kubernetes name`);
    return { name: value };
  }
  const parsed = parseArmId(value);
  if (!parsed.ok) usageError(`--owner ${value} is not an ARM ID: ${parsed.reason}`);
  return { armId: value };
}
