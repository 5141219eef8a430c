/**
 * `armkube import`, `render` and `validate` as users run them: the built CLI, over output folders
 * generated from the real specs in beforeAll (Storage 2021-04-01, Network 2021-02-01,
 * DBforPostgreSQL 2021-06-01), so that the conversion code the commands run is the generated code.
 *
 * The round trip `import` → `render` of a real x-ms-examples request must give back the request
 * less what a spec cannot hold. What is left out is computed from the model the loader builds from
 * the same Swagger (before any stage): read-only properties, the body's own `id`/`name`/`type`,
 * null values; empty objects count as absent on both sides (an envelope with nothing left in it
 * is not written).
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { load, loadAll } from 'js-yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiPackage, Property, Type } from '../../generator/model/types.js';
import { parseArmId } from '../../generator/runtime/index.js';
import { azureSpecsDir, fixturesDir, hasAzureSpecs, loadAzure, repoRoot } from '../helpers.js';
import { aliasBomb } from '../alias-bomb.js';
import { runMeasured } from './measure.js';

const bin = path.join(repoRoot, 'dist', 'generator', 'cli', 'main.js');
const cliFixtures = path.join(fixturesDir, 'cli');
const TIMEOUT = 180_000;

interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
}

function armkube(...args: string[]): Run {
  return armkubeWithInput(undefined, ...args);
}

function armkubeWithInput(input: string | undefined, ...args: string[]): Run {
  return armkubeWith({ input }, ...args);
}

function armkubeWith(options: { input?: string; env?: NodeJS.ProcessEnv }, ...args: string[]): Run {
  const out = spawnSync(process.execPath, [bin, ...args], { encoding: 'utf8', cwd: repoRoot, input: options.input, env: { ...process.env, ...options.env } });
  return { status: out.status, stdout: out.stdout, stderr: out.stderr };
}

/** What must never reach a user: a JavaScript error or a stack trace. */
function expectNoJavaScriptError(run: Run, what: string) {
  const text = run.stdout + run.stderr;
  expect(text, what).not.toMatch(/Cannot read properties|TypeError|ReferenceError|RangeError|SyntaxError: |\n\s+at .+:\d+:\d+\)?\n|node:internal/);
}

function armkubeAsync(...args: string[]): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [bin, ...args], { cwd: repoRoot });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', reject);
    child.on('close', (status) => resolve({ status, stdout, stderr }));
  });
}

type Json = Record<string, unknown>;
const isObj = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

// --- What the round trip may leave out, from the loaded model -------------------------------------

function deref(pkg: ApiPackage, type: Type | undefined): Type | undefined {
  const seen = new Set<string>();
  while (type?.kind === 'ref' && !seen.has(type.name)) {
    seen.add(type.name);
    type = pkg.types[type.name]?.type;
  }
  return type;
}

/** The properties of an object type with those of its allOf bases. */
function propertiesOf(pkg: ApiPackage, type: Type | undefined, seen = new Set<Type>()): Property[] {
  const t = deref(pkg, type);
  if (t?.kind !== 'object' || seen.has(t)) return [];
  seen.add(t);
  return [...t.properties, ...(t.bases ?? []).flatMap((b) => propertiesOf(pkg, b, seen))];
}

/** The type of the values of a map, or of the extra keys of an object. */
function valuesOf(pkg: ApiPackage, type: Type | undefined): Type | undefined {
  const t = deref(pkg, type);
  return t?.kind === 'map' ? t.values : t?.kind === 'object' ? t.additionalProperties : undefined;
}

/**
 * The body less what the spec cannot hold, each left-out value's path in `dropped`: values
 * read-only in the PUT schema, keys the PUT schema has no place for (a GET response has many),
 * the top-level id/name/type, nulls.
 */
function withoutUnholdable(pkg: ApiPackage, type: Type | undefined, value: unknown, at: string, dropped: string[], top = false): unknown {
  const t = deref(pkg, type);
  if (Array.isArray(value)) return value.map((v, i) => withoutUnholdable(pkg, t?.kind === 'array' ? t.items : undefined, v, `${at}[${i}]`, dropped));
  if (!isObj(value)) return value;
  const properties = propertiesOf(pkg, t);
  const closed = t?.kind === 'object' && !valuesOf(pkg, t);
  const out: Json = {};
  for (const [key, child] of Object.entries(value)) {
    const property = properties.find((x) => x.armName === key);
    if (child === null || property?.readOnly || (top && ['id', 'name', 'type'].includes(key)) || (closed && !property)) {
      dropped.push(`${at}.${key}`);
      continue;
    }
    out[key] = withoutUnholdable(pkg, property?.type ?? valuesOf(pkg, t), child, `${at}.${key}`, dropped);
  }
  return out;
}

/** Empty objects removed, recursively: `{}` and absent are the same to the comparison. */
function withoutEmptyObjects(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutEmptyObjects);
  if (!isObj(value)) return value;
  const out: Json = {};
  for (const [key, child] of Object.entries(value)) {
    const kept = withoutEmptyObjects(child);
    if (!(isObj(kept) && Object.keys(kept).length === 0)) out[key] = kept;
  }
  return out;
}

// --- The real specs ---------------------------------------------------------------------------------

interface Package {
  namespace: string;
  apiVersion: string;
  rp: string;
  out: string;
  model?: ApiPackage;
}

const packages: Record<string, Package> = {
  storage: { namespace: 'Microsoft.Storage', apiVersion: '2021-04-01', rp: 'storage', out: '' },
  network: { namespace: 'Microsoft.Network', apiVersion: '2021-02-01', rp: 'network', out: '' },
  postgres: { namespace: 'Microsoft.DBforPostgreSQL', apiVersion: '2021-06-01', rp: 'postgresql', out: '' },
  // Its containerServices resource has the pattern of windowsProfile.adminUsername that hangs a backtracking engine.
  containerService: { namespace: 'Microsoft.ContainerService', apiVersion: '2017-07-01', rp: 'containerservice', out: '' },
};

const exampleFile = (p: Package, name: string) => path.join(azureSpecsDir, p.rp, 'resource-manager', p.namespace, 'stable', p.apiVersion, 'examples', name);

function modelOf(p: Package): ApiPackage {
  if (!p.model) {
    const packs = loadAzure(p.namespace, p.apiVersion).model.packages;
    // One package per folder; a namespace with several Swagger folders at one version would need more.
    p.model = { ...packs[0], types: Object.assign({}, ...packs.map((k) => k.types)), resources: packs.flatMap((k) => k.resources) };
  }
  return p.model;
}

/** The PUT request body of an example: its one object-valued parameter. */
function requestOf(file: string): { body: Json; response?: Json; apiVersion: unknown } {
  const example = JSON.parse(readFileSync(file, 'utf8')) as { parameters: Json; responses: Record<string, { body?: unknown }> };
  const objects = Object.values(example.parameters).filter(isObj);
  expect(objects.length, `${file} has one object parameter`).toBe(1);
  const response = [example.responses['200']?.body, example.responses['201']?.body].find(isObj);
  return { body: objects[0], response, apiVersion: example.parameters['api-version'] };
}

describe.skipIf(!hasAzureSpecs)('armkube import, render, validate on outputs generated from the real specs', () => {
  let root: string;
  const timing: Record<string, number> = {};

  beforeAll(async () => {
    root = mkdtempSync(path.join(os.tmpdir(), 'armkube-irv-'));
    const started = performance.now();
    const runs = await Promise.all(
      Object.entries(packages).map(([key, p]) => {
        p.out = path.join(root, key);
        // --all: every resource type of the package, whatever ./armkube.yaml selects.
        return armkubeAsync('generate', '--all', '--versions', 'all', '--group', p.namespace, '--version', p.apiVersion, '--out', p.out, '--quiet');
      }),
    );
    for (const run of runs) expect(run.status, run.stderr + run.stdout).toBe(0);
    timing.generate = performance.now() - started;
  }, TIMEOUT);

  afterAll(() => {
    if (root) rmSync(root, { recursive: true, force: true });
    console.log(`import-render-validate: generate (${Object.keys(packages).length} outputs in parallel) ${(timing.generate / 1000).toFixed(1)} s; round trips ${((timing.roundTrips ?? 0) / 1000).toFixed(1)} s`);
  });

  const work = () => {
    const dir = path.join(root, 'work');
    mkdirSync(dir, { recursive: true });
    return dir;
  };

  /** import → render of one ARM file: the imported manifests (as YAML too) and the rendered body. */
  function roundTrip(p: Package, file: string, ...importArgs: string[]) {
    const imported = armkube('import', file, '--output', p.out, ...importArgs);
    expect(imported.status, imported.stderr).toBe(0);
    const manifests = loadAll(imported.stdout) as Json[];
    const yamlFile = path.join(work(), `${path.basename(file)}.yaml`);
    writeFileSync(yamlFile, imported.stdout);
    const rendered = armkube('render', yamlFile, '--output', p.out);
    expect(rendered.status, rendered.stderr).toBe(0);
    return { manifests, yaml: imported.stdout, body: JSON.parse(rendered.stdout) as Json };
  }

  /** `validate` of every imported stream of an output at once (a stream of streams is a stream). */
  function expectValid(p: Package, yamls: string[]) {
    const file = path.join(work(), `imported-${path.basename(p.out)}.yaml`);
    writeFileSync(file, yamls.join('---\n'));
    const validated = armkube('validate', file, '--output', p.out);
    expect(validated.status, validated.stdout + validated.stderr).toBe(0);
    expect(validated.stdout).not.toMatch(/: \d+ errors?$/m);
  }

  /** The body `render` must give back for `body` (a request, or a response) of `armType`, and what may be left out. */
  function expectedOf(p: Package, armType: string, body: Json) {
    const model = modelOf(p);
    const resource = model.resources.find((r) => r.armType.toLowerCase() === armType.toLowerCase() && r.putType);
    expect(resource, `${armType} in the model`).toBeDefined();
    const dropped: string[] = [];
    const expected = withoutEmptyObjects(withoutUnholdable(model, resource!.putType, body, '$', dropped, true));
    return { expected, dropped };
  }

  const examples: [keyof typeof packages, string][] = [
    ['storage', 'StorageAccountCreate.json'],
    ['storage', 'BlobContainersPut.json'],
    ['storage', 'StorageAccountPutEncryptionScope.json'],
    ['storage', 'StorageAccountSetManagementPolicy.json'],
    ['network', 'NetworkInterfaceCreate.json'],
    ['network', 'VirtualNetworkPeeringCreate.json'],
    ['network', 'NetworkSecurityGroupCreateWithRule.json'],
    ['postgres', 'ServerCreate.json'],
  ];
  const responseExamples: [keyof typeof packages, string][] = [
    ['network', 'NetworkInterfaceCreate.json'],
    ['storage', 'StorageAccountCreate.json'],
  ];

  it(
    'import then render gives back each example request, less what a spec cannot hold',
    () => {
      const started = performance.now();
      const allDropped: string[] = [];
      let stale = 0;
      const imported = new Map<Package, string[]>();
      for (const [key, name] of examples) {
        const p = packages[key];
        const file = exampleFile(p, name);
        const { body, response, apiVersion } = requestOf(file);
        // Some examples keep the api-version of the folder they were copied from: the flag then says which.
        const args = apiVersion === p.apiVersion ? [] : ['--api-version', p.apiVersion];
        if (args.length) stale++;
        const id = (response?.id ?? body.id) as string | undefined;
        const parsed = id === undefined ? undefined : parseArmId(id);
        const armType = (response?.type ?? body.type ?? (parsed?.ok ? parsed.armType : undefined)) as string;
        expect(armType, `${name}: the ARM type`).toBeDefined();
        const { manifests, yaml, body: rendered } = roundTrip(p, file, ...args);
        imported.set(p, [...(imported.get(p) ?? []), yaml]);
        const object = manifests[manifests.length - 1];
        expect(object.apiVersion, name).toMatch(/^[a-z0-9.]+\/v\d+/);
        expect((object.metadata as Json).name, name).toMatch(/^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$/);
        const { expected, dropped } = expectedOf(p, armType, body);
        allDropped.push(...dropped.map((d) => `${name}: ${d}`));
        expect(withoutEmptyObjects(rendered), name).toEqual(expected);
      }
      // A response body (what `az resource show` prints) is full of read-only values: they go.
      for (const [key, name] of responseExamples) {
        const p = packages[key];
        const { response } = requestOf(exampleFile(p, name));
        const file = path.join(work(), `response-${name}`);
        writeFileSync(file, JSON.stringify(response));
        const { yaml, body: rendered } = roundTrip(p, file);
        imported.set(p, [...(imported.get(p) ?? []), yaml]);
        const { expected, dropped } = expectedOf(p, response!.type as string, response!);
        expect(dropped.length, `${name}: read-only values in the response`).toBeGreaterThan(2);
        allDropped.push(...dropped.map((d) => `${name} (response): ${d}`));
        expect(withoutEmptyObjects(rendered), `${name} (response)`).toEqual(expected);
      }
      // What import writes is valid against the CRDs.
      for (const [p, yamls] of imported) expectValid(p, yamls);
      timing.roundTrips = performance.now() - started;
      console.log(`round trips: ${examples.length} example requests, ${responseExamples.length} responses (${stale} with --api-version: their own is not the folder's); ${allDropped.length} values left out (read-only, not in the PUT schema, id/name/type, null), such as ${allDropped.slice(-4).join(', ')}`);
    },
    TIMEOUT,
  );

  it(
    'imports an az resource show body of a subnet: references become armId, read-only values go, render gives the IDs back',
    () => {
      const p = packages.network;
      const file = path.join(cliFixtures, 'subnet-az-show.json');
      const body = JSON.parse(readFileSync(file, 'utf8')) as Json;
      const { manifests, yaml, body: rendered } = roundTrip(p, file);
      expectValid(p, [yaml]);
      expect(manifests).toHaveLength(1);
      const object = manifests[0];
      // The ARM name Front_End is not a Kubernetes name; the spec keeps it as azureName.
      expect(object.metadata).toEqual({ name: 'front-end' });
      const spec = object.spec as Json;
      expect(spec.azureName).toBe('Front_End');
      expect(spec.owner).toEqual({ armId: (body.id as string).split('/subnets/')[0] });
      const nsgId = ((body.properties as Json).networkSecurityGroup as Json).id;
      expect(spec.networkSecurityGroup).toEqual({ armId: nsgId });
      const { expected, dropped } = expectedOf(p, body.type as string, body);
      expect(dropped).toEqual(expect.arrayContaining(['$.id', '$.name', '$.type', '$.etag', '$.properties.provisioningState', '$.properties.purpose']));
      // `resourceGroup` is az's own addition, not of the ARM schema: the spec has nowhere to keep it.
      expect(dropped).toContain('$.resourceGroup');
      expect(withoutEmptyObjects(rendered)).toEqual(expected);
    },
    TIMEOUT,
  );

  it(
    'writes secret values to a v1 Secret (stringData, or data with --base64) that render reads back',
    () => {
      const p = packages.postgres;
      const file = exampleFile(p, 'ServerCreate.json');
      const password = ((requestOf(file).body.properties as Json).administratorLoginPassword as string);
      const plain = armkube('import', file, '--output', p.out, '--namespace', 'db');
      expect(plain.status, plain.stderr).toBe(0);
      const [secret, object] = loadAll(plain.stdout) as Json[];
      expect(secret).toMatchObject({ apiVersion: 'v1', kind: 'Secret', type: 'Opaque', metadata: { namespace: 'db' } });
      expect(object.metadata).toMatchObject({ namespace: 'db' });
      const reference = (object.spec as Json).administratorLoginPassword as { name: string; key: string };
      expect(reference.name).toBe((secret.metadata as Json).name);
      expect((secret.stringData as Json)[reference.key]).toBe(password);
      expect(JSON.stringify(object)).not.toContain(password);

      const encoded = armkube('import', file, '--output', p.out, '--base64');
      const [secret64] = loadAll(encoded.stdout) as Json[];
      expect(secret64.stringData).toBeUndefined();
      expect(Buffer.from((secret64.data as Record<string, string>)[reference.key], 'base64').toString('utf8')).toBe(password);

      // The object alone: its secret reference is unresolved until the Secret is passed.
      const objectFile = path.join(work(), 'server-object.yaml');
      const secretFile = path.join(work(), 'server-secret.yaml');
      writeFileSync(objectFile, plain.stdout.split(/^---$/m)[1]);
      writeFileSync(secretFile, encoded.stdout.split(/^---$/m)[0]);
      const missing = armkube('render', objectFile, '--output', p.out);
      expect(missing.status).toBe(1);
      expect(missing.stderr).toContain('spec.administratorLoginPassword: the secret');
      expect(missing.stderr).toContain('--secrets');
      expect(missing.stderr).toContain(`${objectFile}#/spec/administratorLoginPassword`);
      const given = armkube('render', objectFile, '--output', p.out, '--secrets', secretFile);
      expect(given.status, given.stderr).toBe(0);
      expect((JSON.parse(given.stdout).properties as Json).administratorLoginPassword).toBe(password);
    },
    TIMEOUT,
  );

  it(
    'resolves references by Kubernetes name from --refs, and names each unresolved one with its path',
    () => {
      const p = packages.network;
      const cr = path.join(cliFixtures, 'subnet-by-name.yaml');
      const refsFile = path.join(cliFixtures, 'subnet-refs.yaml');
      const refs = load(readFileSync(refsFile, 'utf8')) as Record<string, string>;

      const unresolved = armkube('render', cr, '--output', p.out);
      expect(unresolved.status).toBe(1);
      expect(unresolved.stdout).toBe('');
      expect(unresolved.stderr).toContain('spec.networkSecurityGroup: the reference to NetworkSecurityGroup "nsg1"');
      expect(unresolved.stderr).toContain('spec.natGateway: the reference to NatGateway "nat1"');
      expect(unresolved.stderr).toContain('--refs');

      const resolved = armkube('render', cr, '--output', p.out, '--refs', refsFile, '--json');
      expect(resolved.status, resolved.stderr).toBe(0);
      const out = JSON.parse(resolved.stdout) as { armType: string; name: string; body: { properties: Record<string, { id: string }> } };
      expect(out).toMatchObject({ kind: 'VirtualNetworksSubnet', armType: 'Microsoft.Network/virtualNetworks/subnets', apiVersion: '2021-02-01', name: 'Front_End' });
      expect(out.body.properties.networkSecurityGroup.id).toBe(refs['NetworkSecurityGroup/nsg1']);
      expect(out.body.properties.natGateway.id).toBe(refs['network.azure.com/NatGateway/nat1']);
      expect(out.body.properties.addressPrefix).toBe('10.0.1.0/24');

      // A key mapped to an ID of another ARM type is refused.
      const wrong = path.join(work(), 'wrong-refs.yaml');
      writeFileSync(wrong, `NetworkSecurityGroup/nsg1: ${refs['network.azure.com/NatGateway/nat1']}\nNatGateway/nat1: ${refs['network.azure.com/NatGateway/nat1']}\n`);
      const mistyped = armkube('render', cr, '--output', p.out, '--refs', wrong);
      expect(mistyped.status).toBe(1);
      expect(mistyped.stderr).toMatch(/spec\.networkSecurityGroup: .* maps "NetworkSecurityGroup\/nsg1" to a Microsoft\.Network\/natGateways/);
    },
    TIMEOUT,
  );

  it(
    'import picks the api-version, and lists the available ones when the asked one is not generated',
    () => {
      const p = packages.storage;
      const file = exampleFile(p, 'StorageAccountCreate.json');
      const declared = (JSON.parse(readFileSync(file, 'utf8')) as { parameters: Json }).parameters['api-version'];
      const out = armkube('import', file, '--output', p.out);
      expect(out.status).toBe(1);
      expect(out.stderr).toContain(`at api-version ${declared}; it has api-versions ${p.apiVersion}`);
      expect(out.stderr).toContain('StorageAccountCreate.json#/parameters/parameters');
      // An az resource show body has no api-version: the only one generated is taken.
      const body = { ...requestOf(file).body, id: '/subscriptions/0/resourceGroups/rg/providers/Microsoft.Storage/storageAccounts/acct1', name: 'acct1', type: 'Microsoft.Storage/storageAccounts' };
      const bodyFile = path.join(work(), 'account.json');
      writeFileSync(bodyFile, JSON.stringify(body));
      const taken = armkube('import', bodyFile, '--output', p.out, '--owner', 'my-rg', '--name', 'account-one', '--json');
      expect(taken.status, taken.stderr).toBe(0);
      const list = JSON.parse(taken.stdout) as { kind: string; items: Json[] };
      expect(list.kind).toBe('List');
      expect(list.items[0]).toMatchObject({ apiVersion: 'storage.azure.com/v20210401', kind: 'StorageAccount', metadata: { name: 'account-one' }, spec: { owner: { name: 'my-rg' }, azureName: 'acct1' } });
      const unknown = armkube('import', bodyFile, '--output', p.out, '--arm-type', 'Microsoft.Storage/nothings');
      expect(unknown.status).toBe(1);
      expect(unknown.stderr).toContain('no kind for the ARM type Microsoft.Storage/nothings');
      expect(unknown.stderr).toContain('Microsoft.Storage/storageAccounts');
    },
    TIMEOUT,
  );

  it(
    'validate accepts a good object and reports each broken field of a bad one with its path',
    () => {
      const p = packages.storage;
      const good = armkube('validate', path.join(cliFixtures, 'storage-account.yaml'), '--output', p.out);
      expect(good.status, good.stdout).toBe(0);
      expect(good.stdout).toMatch(/StorageAccount account1 \(storage\.azure\.com\/v20210401\): valid/);
      const piped = armkubeWithInput(readFileSync(path.join(cliFixtures, 'storage-account-broken.yaml'), 'utf8'), 'validate', '-', '--output', p.out);
      expect(piped.status).toBe(1);
      expect(piped.stdout).toContain('-: StorageAccount account1 (storage.azure.com/v20210401): 4 errors');

      const bad = armkube('validate', path.join(cliFixtures, 'storage-account-broken.yaml'), '--output', p.out);
      expect(bad.status).toBe(1);
      expect(bad.stdout).toContain('4 errors');
      expect(bad.stdout).toContain('spec.sku.name: required field is missing');
      expect(bad.stdout).toContain('spec.accessTier: must be one of "Hot", "Cool" (got "Lukewarm")');
      expect(bad.stdout).toContain('spec.isHnsEnabled: must be boolean (got string "yes")');
      expect(bad.stdout).toContain('spec.networkAcls.ipRules[0].color: unknown field');

      const json = armkube('validate', path.join(cliFixtures, 'storage-account-broken.yaml'), '--output', p.out, '--json');
      expect(json.status).toBe(1);
      const result = JSON.parse(json.stdout) as { valid: boolean; documents: { result: string; errors: { path: string }[] }[] };
      expect(result.valid).toBe(false);
      expect(result.documents[0].errors.map((e) => e.path).sort()).toEqual(['spec.accessTier', 'spec.isHnsEnabled', 'spec.networkAcls.ipRules[0].color', 'spec.sku.name']);
    },
    TIMEOUT,
  );

  it(
    'validate checks every document of a stream, skips core objects, and names what exists for an unknown kind or version',
    () => {
      const p = packages.storage;
      const good = readFileSync(path.join(cliFixtures, 'storage-account.yaml'), 'utf8');
      const stream = path.join(work(), 'stream.yaml');
      const secret = 'apiVersion: v1\nkind: Secret\nmetadata:\n  name: s\nstringData:\n  k: v\n';
      writeFileSync(stream, [secret, good, good.replace('kind: StorageAccount', 'kind: StorageAcount'), good.replace('v20210401', 'v20990101')].join('---\n'));
      const out = armkube('validate', stream, '--output', p.out);
      expect(out.status).toBe(1);
      expect(out.stdout).toContain(`${stream} (document 1): Secret s (v1): skipped`);
      expect(out.stdout).toContain(`${stream} (document 2): StorageAccount account1 (storage.azure.com/v20210401): valid`);
      expect(out.stdout).toMatch(/\(document 3\).*\n {2}apiVersion: the group storage\.azure\.com has no kind StorageAcount in .*; its kinds are: .*StorageAccount\b/);
      expect(out.stdout).toMatch(/\(document 4\).*\n {2}apiVersion: StorageAccount \(storage\.azure\.com\) has no version v20990101 .*; its versions are: v20210401/);
      expect(out.stdout).toContain('4 documents: 1 valid, 2 invalid, 1 skipped');
    },
    TIMEOUT,
  );

  it(
    'render checks the object as validate does before converting it: the broken fixture gives exit 1 and the same field errors',
    () => {
      const p = packages.storage;
      const fixture = path.join(cliFixtures, 'storage-account-broken.yaml');
      const rendered = armkube('render', fixture, '--output', p.out);
      expect(rendered.status).toBe(1);
      expect(rendered.stdout).toBe('');
      expectNoJavaScriptError(rendered, 'render');
      const validated = JSON.parse(armkube('validate', fixture, '--output', p.out, '--json').stdout) as { documents: { errors: { path: string; message: string }[] }[] };
      const errors = validated.documents[0].errors;
      expect(errors).toHaveLength(4);
      for (const e of errors) expect(rendered.stderr).toContain(`error invalid-object: ${e.path}: ${e.message} (${fixture}#/${e.path.replace(/\[(\d+)\]/g, '.$1').split('.').join('/')})`);
      expect(rendered.stderr).toContain('spec.accessTier: must be one of "Hot", "Cool" (got "Lukewarm")');
      expect(rendered.stderr).toContain('spec.networkAcls.ipRules[0].color: unknown field');
      const json = armkube('render', fixture, '--output', p.out, '--json');
      expect(json.status).toBe(1);
      expect((JSON.parse(json.stdout) as { errors: { code: string }[] }).errors.map((e) => e.code)).toEqual(['invalid-object', 'invalid-object', 'invalid-object', 'invalid-object']);
    },
    TIMEOUT,
  );

  it(
    'render never shows a JavaScript error: missing required fields, wrong types where objects go, a spec that is a list',
    () => {
      const p = packages.storage;
      const good = load(readFileSync(path.join(cliFixtures, 'storage-account.yaml'), 'utf8')) as Json;
      const spec = good.spec as Json;
      const cases: [string, Json, string][] = [
        ['no sku', { ...spec, sku: undefined }, 'spec.sku: required field is missing'],
        ['no owner', { ...spec, owner: undefined }, 'spec.owner: required field is missing'],
        ['networkAcls a string', { ...spec, networkAcls: 'open' }, 'spec.networkAcls: must be object (got string "open")'],
        ['sku a list', { ...spec, sku: ['Standard_LRS'] }, 'spec.sku: must be object (got array'],
        ['a list as spec', ['a'] as unknown as Json, 'spec: must be object (got array'],
        ['a null owner armId', { ...spec, owner: { armId: null } }, 'spec.owner'],
      ];
      for (const [what, broken, message] of cases) {
        const file = path.join(work(), `broken-${what.replace(/\W+/g, '-')}.yaml`);
        writeFileSync(file, JSON.stringify({ ...good, spec: broken }));
        const out = armkube('render', file, '--output', p.out);
        expect(out.status, `${what}: ${out.stderr}`).toBe(1);
        expect(out.stdout, what).toBe('');
        expect(out.stderr, what).toContain(message);
        expectNoJavaScriptError(out, what);
      }
    },
    TIMEOUT,
  );

  it(
    'render checks the resource type of inline armIds and of the owner',
    () => {
      const p = packages.network;
      const rg = '/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg1';
      const vnet = `${rg}/providers/Microsoft.Network/virtualNetworks/vnet1`;
      const nat = `${rg}/providers/Microsoft.Network/natGateways/nat1`;
      const nsg = `${rg}/providers/Microsoft.Network/networkSecurityGroups/nsg1`;
      const subnet = (owner: string, networkSecurityGroup: string) => {
        const file = path.join(work(), 'subnet-types.yaml');
        writeFileSync(file, JSON.stringify({ apiVersion: 'network.azure.com/v20210201', kind: 'VirtualNetworksSubnet', metadata: { name: 'front-end' }, spec: { owner: { armId: owner }, addressPrefix: '10.0.1.0/24', networkSecurityGroup: { armId: networkSecurityGroup } } }));
        return armkube('render', file, '--output', p.out, '--json');
      };
      const wrong = subnet(rg, nat);
      expect(wrong.status).toBe(1);
      const messages = (JSON.parse(wrong.stdout) as { errors: { code: string; message: string }[] }).errors;
      expect(messages.map((m) => m.code)).toEqual(['wrong-resource-type', 'wrong-resource-type']);
      expect(messages[0].message).toBe(`spec.owner.armId: names a Microsoft.Resources/resourceGroups (${rg}), but the owner of a VirtualNetworksSubnet (Microsoft.Network/virtualNetworks/subnets) is a VirtualNetwork (Microsoft.Network/virtualNetworks)`);
      // The allowed type comes from the Swagger (an embedded NetworkSecurityGroup), through the CRD.
      expect(messages[1].message).toBe(`spec.networkSecurityGroup.armId: names a Microsoft.Network/natGateways (${nat}), but spec.networkSecurityGroup takes a Microsoft.Network/networkSecurityGroups`);
      const right = subnet(vnet, nsg);
      expect(right.status, right.stdout + right.stderr).toBe(0);
      const out = JSON.parse(right.stdout) as { id: string; body: { properties: { networkSecurityGroup: { id: string } } } };
      expect(out.id).toBe(`${vnet}/subnets/front-end`);
      expect(out.body.properties.networkSecurityGroup.id).toBe(nsg);
    },
    TIMEOUT,
  );

  it(
    'import refuses a body whose id names another resource type than its type (or --arm-type)',
    () => {
      const p = packages.network;
      const body = JSON.parse(readFileSync(path.join(cliFixtures, 'subnet-az-show.json'), 'utf8')) as Json;
      const file = path.join(work(), 'subnet-mistyped.json');
      writeFileSync(file, JSON.stringify({ ...body, type: 'Microsoft.Network/networkSecurityGroups' }));
      const out = armkube('import', file, '--output', p.out);
      expect(out.status).toBe(1);
      expect(out.stdout).toBe('');
      expect(out.stderr).toContain(`error arm-type-mismatch: the "id" of the resource body names a Microsoft.Network/virtualNetworks/subnets (${body.id as string}), but its "type" Microsoft.Network/networkSecurityGroups is another resource type`);
      const flag = armkube('import', path.join(cliFixtures, 'subnet-az-show.json'), '--output', p.out, '--arm-type', 'Microsoft.Network/routeTables');
      expect(flag.status).toBe(1);
      expect(flag.stderr).toContain('but --arm-type Microsoft.Network/routeTables is another resource type');
      // The same body with its own type imports; the type compares case-insensitively.
      writeFileSync(file, JSON.stringify({ ...body, type: 'microsoft.network/VIRTUALNETWORKS/subnets' }));
      expect(armkube('import', file, '--output', p.out).status).toBe(0);
    },
    TIMEOUT,
  );

  it(
    'validate runs the corpus pattern of windowsProfile.adminUsername on RE2: 10,000 characters in well under a second',
    () => {
      const p = packages.containerService;
      const crd = readFileSync(path.join(p.out, 'crds', 'containerservice.azure.com_containerservices.yaml'), 'utf8');
      const pattern = '^[a-zA-Z0-9]+([._]?[a-zA-Z0-9]+)*$';
      expect(crd).toContain(`pattern: ${pattern}`);
      const version = /^ {4}- name: (v\d+)/m.exec(crd)![1];
      const object = (adminUsername: string) =>
        JSON.stringify({ apiVersion: `containerservice.azure.com/${version}`, kind: 'ContainerService', metadata: { name: 'acs1' }, spec: { windowsProfile: { adminUsername, adminPassword: { name: 's', key: 'k' } } } });
      const long = 'a'.repeat(9_999) + '!';
      const run = runMeasured(['validate', '-', '--output', p.out, '--json'], { input: object(long) });
      expect(run.status, run.stderr).toBe(1);
      const errors = (JSON.parse(run.stdout) as { documents: { errors: { path: string; message: string }[] }[] }).documents[0].errors;
      expect(errors).toContainEqual({ path: 'spec.windowsProfile.adminUsername', message: expect.stringMatching(/^must match pattern "\^\[a-zA-Z0-9\]\+/) });
      console.log(`validate, the adminUsername pattern on 10,000 characters: ${run.cpuMs!.toFixed(0)} ms CPU (the whole command), ${run.wallMs.toFixed(0)} ms wall`);
      expect(run.cpuMs).toBeLessThan(1000);
      // A name that matches passes the pattern (the other errors are the required fields left out).
      const fine = JSON.parse(armkubeWithInput(object('azure.user_1'), 'validate', '-', '--output', p.out, '--json').stdout) as { documents: { errors: { path: string }[] }[] };
      expect(fine.documents[0].errors.map((e) => e.path)).not.toContain('spec.windowsProfile.adminUsername');
    },
    TIMEOUT,
  );

  it(
    'import and render remove their temporary folders, also when they fail',
    () => {
      const tmp = mkdtempSync(path.join(os.tmpdir(), 'armkube-irv-tmpdir-'));
      const env = { TMPDIR: tmp };
      try {
        const p = packages.network;
        const imported = armkubeWith({ env }, 'import', path.join(cliFixtures, 'subnet-az-show.json'), '--output', p.out);
        expect(imported.status, imported.stderr).toBe(0);
        const yamlFile = path.join(work(), 'tmpdir-subnet.yaml');
        writeFileSync(yamlFile, imported.stdout);
        const runs: [string, Run, number][] = [
          ['import', imported, 0],
          ['render', armkubeWith({ env }, 'render', yamlFile, '--output', p.out), 0],
          // Fails after the generated code was loaded: the reference is not resolved.
          ['render unresolved', armkubeWith({ env }, 'render', path.join(cliFixtures, 'subnet-by-name.yaml'), '--output', p.out), 1],
          ['import of an unknown type', armkubeWith({ env }, 'import', path.join(cliFixtures, 'subnet-az-show.json'), '--output', p.out, '--arm-type', 'Microsoft.Network/virtualNetworks/nothings', '--owner', 'x'), 1],
          ['import with a wrong owner', armkubeWith({ env }, 'import', path.join(cliFixtures, 'subnet-az-show.json'), '--output', p.out, '--owner', '/subscriptions/0/resourceGroups/rg'), 1],
        ];
        for (const [what, run, status] of runs) expect(run.status, `${what}: ${run.stderr}`).toBe(status);
        expect(runs[2][1].stderr).toContain('is not resolved');
        expect(runs[4][1].stderr).toContain('error wrong-owner');
        expect(readdirSync(tmp)).toEqual([]);
      } finally {
        rmSync(tmp, { recursive: true, force: true });
      }
    },
    TIMEOUT,
  );

  it('every command exits 2 with a hint when the output folder is missing', () => {
    const missing = path.join(root, 'no-output-here');
    for (const [command, file] of [
      ['import', path.join(cliFixtures, 'subnet-az-show.json')],
      ['render', path.join(cliFixtures, 'subnet-by-name.yaml')],
      ['validate', path.join(cliFixtures, 'storage-account.yaml')],
    ]) {
      const out = armkube(command, file, '--output', missing);
      expect(out.status, `${command}: ${out.stderr}`).toBe(2);
      expect(out.stderr, command).toContain(`armkube generate --out ${missing}`);
      expect(out.stderr, command).toContain('--output');
    }
  }, TIMEOUT);
});

describe('armkube import, render, validate: usage', () => {
  it('have --help with examples', () => {
    for (const command of ['import', 'render', 'validate']) {
      const out = armkube(command, '--help');
      expect(out.status, command).toBe(0);
      expect(out.stdout, command).toContain('Examples:');
      expect(out.stdout, command).toContain(`armkube ${command} `);
      expect(out.stdout, command).toContain('--output <dir>');
    }
  });

  it('exit 2 naming the input file when it does not exist', () => {
    const missing = path.join(repoRoot, 'no-such-file.yaml');
    for (const command of ['import', 'render', 'validate']) {
      const out = armkube(command, missing, '--output', path.join(repoRoot, 'no-such-output'));
      expect(out.status, command).toBe(2);
      expect(out.stderr, command).toContain(`${missing} does not exist`);
    }
  });

  it('refuse a YAML alias bomb with exit 1 in under 2 s and under 200 MB (validate, render, import)', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'armkube-irv-bomb-'));
    try {
      mkdirSync(path.join(dir, 'out', 'crds'), { recursive: true });
      const file = path.join(dir, 'bomb.yaml');
      // 9 levels of 9 aliases: 387 million values as a tree, 90 aliases in the text.
      writeFileSync(file, `apiVersion: storage.azure.com/v20210401\nkind: StorageAccount\nmetadata:\n  name: bomb\nspec:\n  tags:\n${aliasBomb(9, 9).replace(/^/gm, '    ')}`);
      for (const command of ['validate', 'render', 'import']) {
        const run = runMeasured([command, file, '--output', path.join(dir, 'out')], { timeoutMs: 30_000 });
        console.log(`${command} of an alias bomb: exit ${run.status}, ${run.wallMs.toFixed(0)} ms wall, ${run.cpuMs?.toFixed(0)} ms CPU, ${run.maxRssMb?.toFixed(0)} MB max RSS`);
        expect(run.status, `${command}: ${run.stderr}`).toBe(1);
        expect(run.stderr, command).toContain(`error yaml-limit: ${file} cannot be read safely: aliases expand the document by more than 1,000,000 values (an alias bomb?)`);
        expect(run.wallMs, command).toBeLessThan(2000);
        expect(run.maxRssMb, command).toBeLessThan(200);
        expectNoJavaScriptError(run, command);
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('refuse an input over the size limit before reading it, and one with too many aliases', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'armkube-irv-large-'));
    try {
      mkdirSync(path.join(dir, 'out', 'crds'), { recursive: true });
      const large = path.join(dir, 'large.yaml');
      writeFileSync(large, Buffer.alloc(64 * 1024 * 1024 + 1, 0x20));
      const run = armkube('validate', large, '--output', path.join(dir, 'out'));
      expect(run.status).toBe(1);
      expect(run.stderr).toContain(`error input-too-large: ${large} is larger than the limit of 64 MiB (64.0 MiB): pass a smaller file`);
      const many = path.join(dir, 'many.yaml');
      writeFileSync(many, `a: &a 1\nb: [${Array(10_001).fill('*a').join(', ')}]\n`);
      const aliases = armkube('render', many, '--output', path.join(dir, 'out'));
      expect(aliases.status).toBe(1);
      expect(aliases.stderr).toMatch(/error yaml-limit: .* more than 10,000 aliases \(\*name\) in one document at line 2/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('exit 1 naming the file and line of invalid YAML', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'armkube-irv-yaml-'));
    const file = path.join(dir, 'broken.yaml');
    writeFileSync(file, 'apiVersion: v1\nkind: [\n');
    const crds = path.join(dir, 'out', 'crds');
    mkdirSync(crds, { recursive: true });
    const out = armkube('validate', file, '--output', path.join(dir, 'out'));
    expect(out.status).toBe(1);
    expect(out.stderr).toMatch(new RegExp(`${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} is not valid YAML or JSON: .* at line \\d+`));
    rmSync(dir, { recursive: true, force: true });
  });
});
