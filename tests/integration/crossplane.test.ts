/**
 * The `crossplane` target on the real specs: Microsoft.Network 2021-02-01, Microsoft.Compute
 * 2021-03-01 and Microsoft.Storage 2021-04-01 through its stages and emitters. A Subnet refers to
 * its resource group and VirtualNetwork and to a NetworkSecurityGroup in the Crossplane way, a
 * VirtualMachine's admin password is a secret key selector and stays out of `atProvider`, every
 * CRD is a cluster-scoped managed resource the API server accepts, and the TypeScript compiles
 * with `tsc --strict`.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { load } from 'js-yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Diagnostics } from '../../generator/diagnostics.js';
import { checkCrd, crdEmitter, type CustomResourceDefinition } from '../../generator/emit/crd/index.js';
import type { CrdSchema } from '../../generator/emit/crd/openapi.js';
import { crossplaneTypesEmitter } from '../../generator/emit/crossplane-types/index.js';
import type { EmittedFile } from '../../generator/emit/emitter.js';
import type { ApiPackage, Model, Property, Type } from '../../generator/model/types.js';
import { reachableNames, walkType } from '../../generator/model/walk.js';
import { crossplaneStages } from '../../generator/targets/crossplane.js';
import { hasAzureSpecs, loadAzure, repoRoot, runStages } from '../helpers.js';
import { removeDir, tempDir, typeCheck, writeFiles } from '../unit/emit/typescript/support.js';

const PACKAGES: [string, string][] = [
  ['Microsoft.Network', '2021-02-01'],
  ['Microsoft.Compute', '2021-03-01'],
  ['Microsoft.Storage', '2021-04-01'],
];

function pipeline(namespace: string, apiVersion: string): Model {
  return runStages(loadAzure(namespace, apiVersion).model, [...crossplaneStages]).model;
}

function packageOf(model: Model, namespace: string): ApiPackage {
  const pkg = model.packages.find((p) => p.namespace === namespace);
  if (!pkg) throw new Error(`no package ${namespace}`);
  return pkg;
}

function kindOf(pkg: ApiPackage, kind: string) {
  const r = pkg.resources.find((x) => x.kubernetes?.kind === kind);
  if (!r?.kubernetes) throw new Error(`no kind ${kind}`);
  return r.kubernetes;
}

/** The properties of the object a type names (through refs). */
function propertiesOf(pkg: ApiPackage, t: Type): Property[] {
  while (t.kind === 'ref') t = pkg.types[t.name].type;
  if (t.kind !== 'object') throw new Error(`not an object but ${t.kind}`);
  return t.properties;
}

function named(properties: Property[], name: string): Property {
  const p = properties.find((x) => x.name === name);
  if (!p) throw new Error(`no property ${name}; there are ${properties.map((x) => x.name).join(', ')}`);
  return p;
}

/** The `forProvider` properties of a kind. */
function forProvider(pkg: ApiPackage, kind: string): Property[] {
  const spec = propertiesOf(pkg, { kind: 'ref', name: kindOf(pkg, kind).specType! });
  return propertiesOf(pkg, named(spec, 'forProvider').type);
}

function crdOf(files: EmittedFile[], path: string): CustomResourceDefinition {
  const file = files.find((f) => f.path === path);
  if (!file) throw new Error(`no file ${path}`);
  return load(file.content) as CustomResourceDefinition;
}

/** Every property name under a schema. */
function schemaKeys(s: CrdSchema, out = new Set<string>()): Set<string> {
  for (const [name, child] of Object.entries(s.properties ?? {})) {
    out.add(name);
    schemaKeys(child, out);
  }
  if (s.items) schemaKeys(s.items, out);
  if (s.additionalProperties) schemaKeys(s.additionalProperties, out);
  return out;
}

describe.skipIf(!hasAzureSpecs)('the crossplane target on the real specs', () => {
  const models = new Map<string, Model>();
  const files: EmittedFile[] = [];
  const diagnostics = new Diagnostics('emit');
  let kinds = 0;
  let dir: string | undefined;

  beforeAll(() => {
    for (const [namespace, apiVersion] of PACKAGES) {
      const model = pipeline(namespace, apiVersion);
      models.set(namespace, model);
      kinds += model.packages.reduce((n, p) => n + p.resources.filter((r) => r.kubernetes).length, 0);
      for (const emitter of [crdEmitter, crossplaneTypesEmitter]) {
        // One registry per package: keep them apart.
        const out = emitter.emit(model, { diagnostics, count: () => {} });
        files.push(...out.map((f) => (f.path === 'ts/index.ts' ? { ...f, path: `ts/index-${namespace}.ts` } : f)));
      }
    }
  });

  afterAll(() => removeDir(dir));

  it("gives a Subnet its resource group and VirtualNetwork by name, Ref or Selector, in forProvider and not in initProvider", () => {
    const network = packageOf(models.get('Microsoft.Network')!, 'Microsoft.Network');
    const subnet = forProvider(network, 'VirtualNetworksSubnet');
    expect(subnet.slice(0, 6).map((p) => p.name)).toEqual(['resourceGroupName', 'resourceGroupNameRef', 'resourceGroupNameSelector', 'virtualNetworkName', 'virtualNetworkNameRef', 'virtualNetworkNameSelector']);
    expect(named(subnet, 'virtualNetworkName')).toMatchObject({ type: { kind: 'primitive', primitive: 'string' }, annotations: { crossplane: 'identity', urlParameter: 'virtualNetworkName' } });
    expect(named(subnet, 'virtualNetworkNameRef')).toMatchObject({ type: { kind: 'ref', name: 'CrossplaneReference' }, annotations: { populates: 'virtualNetworkName', referencedKinds: 'network.azure.com/VirtualNetwork' } });
    expect(named(subnet, 'virtualNetworkNameSelector').type).toEqual({ kind: 'ref', name: 'CrossplaneSelector' });
    expect(named(subnet, 'resourceGroupNameRef').annotations?.referencedKinds).toBe('resources.azure.com/ResourceGroup');

    const crd = crdOf(files, 'crds/network.azure.com_virtualnetworkssubnets.yaml');
    const spec = crd.spec.versions[0].schema.openAPIV3Schema.properties!.spec;
    const schema = spec.properties!.forProvider.properties!;
    expect(schema.virtualNetworkNameRef).toMatchObject({ type: 'object', required: ['name'], properties: { name: { type: 'string' }, policy: { properties: { resolution: { enum: ['Required', 'Optional'], default: 'Required' }, resolve: { enum: ['Always', 'IfNotPresent'] } } } } });
    expect(Object.keys(schema.virtualNetworkNameSelector.properties!)).toEqual(['matchControllerRef', 'matchLabels', 'policy']);
    const init = Object.keys(spec.properties!.initProvider.properties!);
    expect(init.some((name) => /^(resourceGroup|virtualNetwork)Name/.test(name) || name.endsWith('Ref') || name.endsWith('Selector'))).toBe(false);
  });

  it("turns a Subnet's networkSecurityGroup into networkSecurityGroupId with Ref and Selector to the NetworkSecurityGroup kind", () => {
    const network = packageOf(models.get('Microsoft.Network')!, 'Microsoft.Network');
    const subnet = forProvider(network, 'VirtualNetworksSubnet');
    expect(subnet.map((p) => p.name)).not.toContain('networkSecurityGroup');
    expect(named(subnet, 'networkSecurityGroupId')).toMatchObject({
      armName: 'networkSecurityGroup',
      armPath: ['properties', 'networkSecurityGroup'],
      type: { kind: 'primitive', primitive: 'string' },
      annotations: { reference: 'embedded-resource', armShape: 'subresource' },
    });
    for (const [name, role] of [['networkSecurityGroupIdRef', 'ref'], ['networkSecurityGroupIdSelector', 'selector']]) {
      expect(named(subnet, name).annotations).toMatchObject({ crossplane: role, populates: 'networkSecurityGroupId', referencedKinds: 'network.azure.com/NetworkSecurityGroup' });
    }
    // A list of {id} links: a NIC's ipConfigurations[].loadBalancerBackendAddressPools.
    const nic = forProvider(network, 'NetworkInterface');
    const ipConfiguration = propertiesOf(network, (named(nic, 'ipConfigurations').type as { items: Type }).items);
    expect(named(ipConfiguration, 'loadBalancerBackendAddressPoolIdsRefs').type).toEqual({ kind: 'array', items: { kind: 'ref', name: 'CrossplaneReference' } });
    // The observation keeps the ARM shape.
    const observation = propertiesOf(network, named(propertiesOf(network, { kind: 'ref', name: kindOf(network, 'VirtualNetworksSubnet').statusType! }), 'atProvider').type);
    expect(named(observation, 'networkSecurityGroup').type.kind).toBe('ref');
  });

  it("makes a VirtualMachine's admin password a key of a Secret and keeps passwords out of atProvider", () => {
    const compute = packageOf(models.get('Microsoft.Compute')!, 'Microsoft.Compute');
    const osProfile = propertiesOf(compute, named(forProvider(compute, 'VirtualMachine'), 'osProfile').type);
    expect(osProfile.map((p) => p.name)).not.toContain('adminPassword');
    expect(named(osProfile, 'adminPasswordSecretRef')).toMatchObject({ armName: 'adminPassword', type: { kind: 'ref', name: 'CrossplaneSecretKeySelector' } });
    expect(propertiesOf(compute, { kind: 'ref', name: 'CrossplaneSecretKeySelector' }).map((p) => [p.name, p.required])).toEqual([
      ['name', true],
      ['namespace', true],
      ['key', true],
    ]);

    const status = propertiesOf(compute, { kind: 'ref', name: kindOf(compute, 'VirtualMachine').statusType! });
    const observation = named(status, 'atProvider').type as { name: string };
    const reached = reachableNames(compute, [observation.name]);
    expect(reached.has('OSProfile_STATUS')).toBe(true);
    expect(propertiesOf(compute, { kind: 'ref', name: 'OSProfile_STATUS' }).map((p) => p.name)).toContain('adminUsername');
    const passwords: string[] = [];
    for (const name of reached) {
      walkType(compute.types[name].type, (t) => {
        if (t.kind === 'object') for (const p of t.properties) if (/password$/i.test(p.armName)) passwords.push(`${name}.${p.armName}`);
      });
    }
    expect(passwords).toEqual([]);

    const crd = crdOf(files, 'crds/compute.azure.com_virtualmachines.yaml');
    const schema = crd.spec.versions[0].schema.openAPIV3Schema;
    expect(schema.properties!.spec.properties!.forProvider.properties!.osProfile.properties!.adminPasswordSecretRef).toMatchObject({ type: 'object', required: ['name', 'namespace', 'key'] });
    const observed = schemaKeys(schema.properties!.status.properties!.atProvider);
    expect(observed.has('adminUsername')).toBe(true);
    expect([...observed].filter((k) => /password$/i.test(k))).toEqual([]);
  });

  it('writes every kind as a cluster-scoped managed resource CRD the API server accepts', () => {
    const crds = files.filter((f) => f.path.startsWith('crds/')).map((f) => load(f.content) as CustomResourceDefinition);
    expect(crds.length).toBe(kinds);
    expect(diagnostics.items.filter((d) => d.severity === 'error')).toEqual([]);
    for (const crd of crds) {
      expect(checkCrd(crd), crd.metadata.name).toEqual([]);
      expect(crd.spec.scope).toBe('Cluster');
      expect(crd.spec.names.categories).toEqual(['crossplane', 'managed', 'azure']);
      for (const v of crd.spec.versions) {
        expect(v.additionalPrinterColumns.map((c) => [c.name, c.jsonPath])).toEqual([
          ['SYNCED', ".status.conditions[?(@.type=='Synced')].status"],
          ['READY', ".status.conditions[?(@.type=='Ready')].status"],
          ['EXTERNAL-NAME', '.metadata.annotations.crossplane\\.io/external-name'],
          ['AGE', '.metadata.creationTimestamp'],
        ]);
        const spec = v.schema.openAPIV3Schema.properties!.spec;
        expect(Object.keys(spec.properties!)).toEqual(['forProvider', 'initProvider', 'managementPolicies', 'providerConfigRef', 'deletionPolicy', 'writeConnectionSecretToRef']);
        expect(spec.properties!.providerConfigRef.default).toEqual({ name: 'default' });
        expect(spec.properties!.deletionPolicy.default).toBe('Delete');
        expect(spec.properties!.managementPolicies.default).toEqual(['*']);
        const status = v.schema.openAPIV3Schema.properties!.status;
        expect(status.properties!.conditions.items!.required).toEqual(['type', 'status', 'lastTransitionTime', 'reason']);
      }
    }
  });

  it('leaves none of the aso reference shapes (resourceRef, secretRef, ownerRef) in the model', () => {
    const left = new Set<string>();
    for (const model of models.values()) for (const pkg of model.packages) for (const def of Object.values(pkg.types)) walkType(def.type, (t) => void (['resourceRef', 'secretRef', 'ownerRef'].includes(t.kind) && left.add(`${pkg.namespace} ${def.name}`)));
    expect([...left]).toEqual([]);
  });

  it('runs from the CLI with the repository config (docs on: none for this target), writing cluster-scoped CRDs and the types', () => {
    const out = tempDir('armkube-crossplane-cli-');
    try {
      const cli = path.join(repoRoot, 'dist', 'generator', 'cli', 'main.js');
      const run = spawnSync(process.execPath, [cli, 'generate', '--target', 'crossplane', '--group', 'Microsoft.Storage', '--version', '2021-04-01', '--out', out], { cwd: repoRoot, encoding: 'utf8' });
      expect(run.status, run.stderr + run.stdout).toBe(0);
      const crd = load(readFileSync(path.join(out, 'crds', 'storage.azure.com_storageaccounts.yaml'), 'utf8')) as CustomResourceDefinition;
      expect(crd.spec.scope).toBe('Cluster');
      expect(existsSync(path.join(out, 'ts', 'index.ts'))).toBe(true);
      expect(existsSync(path.join(out, 'docs'))).toBe(false);
    } finally {
      removeDir(out);
    }
  });

  it('emits TypeScript that compiles with tsc --strict', () => {
    dir = tempDir('armkube-crossplane-');
    writeFiles(dir, files.filter((f) => f.path.startsWith('ts/')));
    const { errors, ms } = typeCheck(dir);
    console.log(`tsc --strict on ${files.filter((f) => f.path.endsWith('.ts')).length} crossplane files: ${Math.round(ms)} ms`);
    expect(errors).toEqual([]);
  });
});
