/**
 * The heart of the aso pipeline on the real specs: ARM IDs that users would otherwise paste
 * become Kubernetes references, and GUIDs that look like IDs stay strings.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { ApiPackage, Property, Type } from '../../generator/model/types.js';
import type { PipelineOptions } from '../../generator/pipeline/options.js';
import { asoStages } from '../../generator/targets/aso.js';
import { hasAzureSpecs, loadAzure, runStages } from '../helpers.js';

function pipeline(namespace: string, apiVersion: string, options?: Partial<PipelineOptions>): ApiPackage {
  const { model } = loadAzure(namespace, apiVersion);
  const result = runStages(model, [...asoStages], { options });
  const pkg = result.model.packages.find((p) => p.namespace.toLowerCase() === namespace.toLowerCase() && p.apiVersion === apiVersion);
  if (!pkg) throw new Error(`no package ${namespace} ${apiVersion}`);
  return pkg;
}

function specOf(pkg: ApiPackage, kind: string) {
  const resource = pkg.resources.find((r) => r.kubernetes?.kind === kind);
  if (!resource) throw new Error(`no kind ${kind}; kinds: ${pkg.resources.map((r) => r.kubernetes?.kind).join(', ')}`);
  return pkg.types[resource.kubernetes!.specType!].type;
}

/** The property at a path of ARM names through objects, arrays and named types of the package. */
function property(pkg: ApiPackage, root: Type, ...armNames: string[]): Property {
  let type: Type = root;
  let found: Property | undefined;
  for (const armName of armNames) {
    while (type.kind === 'ref' || type.kind === 'array') type = type.kind === 'ref' ? pkg.types[type.name].type : type.items;
    if (type.kind !== 'object') throw new Error(`${armName}: not an object but ${type.kind}`);
    found = type.properties.find((p) => p.armName === armName && !p.role);
    if (!found) throw new Error(`no property ${armName}; have ${type.properties.map((p) => p.armName).join(', ')}`);
    type = found.type;
  }
  return found!;
}

function elementKind(t: Type): string {
  return t.kind === 'array' ? elementKind(t.items) : t.kind;
}

describe.skipIf(!hasAzureSpecs)('ARM references on the real specs', () => {
  let network: ApiPackage;
  let compute: ApiPackage;
  let containers: ApiPackage;
  let keyVault: ApiPackage;
  beforeAll(() => {
    network = pipeline('Microsoft.Network', '2021-02-01');
    compute = pipeline('Microsoft.Compute', '2021-03-01');
    containers = pipeline('Microsoft.ContainerService', '2021-05-01');
    keyVault = pipeline('Microsoft.KeyVault', '2019-09-01');
  });

  it("turns a Subnet's networkSecurityGroup, routeTable and natGateway into references", () => {
    const spec = specOf(network, 'VirtualNetworksSubnet');
    for (const name of ['networkSecurityGroup', 'routeTable', 'natGateway']) {
      const p = property(network, spec, name);
      expect(p.type.kind, name).toBe('resourceRef');
      expect(p.armPath).toEqual(['properties', name]);
      if (p.type.kind === 'resourceRef') expect(p.type.armShape).toBe('subresource');
    }
    const nsg = property(network, spec, 'networkSecurityGroup').type;
    expect(nsg.kind === 'resourceRef' && nsg.allowedTypes).toEqual(['Microsoft.Network/networkSecurityGroups']);
  });

  it('detects the same references when only subnets are selected (route tables and NSGs are not generated)', () => {
    const alone = pipeline('Microsoft.Network', '2021-02-01', { versions: 'latest-stable', resources: [{ armType: 'Microsoft.Network/virtualNetworks/subnets' }] });
    expect(alone.resources.filter((r) => r.kubernetes).map((r) => r.kubernetes!.kind)).toEqual(['VirtualNetworksSubnet']);
    const spec = specOf(alone, 'VirtualNetworksSubnet');
    const full = specOf(network, 'VirtualNetworksSubnet');
    for (const name of ['networkSecurityGroup', 'routeTable', 'natGateway']) expect(property(alone, spec, name).type, name).toEqual(property(network, full, name).type);
  });

  it("turns a VirtualMachine's network interfaces into references", () => {
    const spec = specOf(compute, 'VirtualMachine');
    const nics = property(compute, spec, 'networkProfile', 'networkInterfaces');
    expect(nics.type.kind).toBe('array');
    const reference = property(compute, spec, 'networkProfile', 'networkInterfaces', 'id');
    expect(reference.name).toBe('reference');
    expect(reference.type.kind).toBe('resourceRef');
  });

  it("turns an agent pool's vnetSubnetID into a reference", () => {
    const spec = specOf(containers, 'ManagedClustersAgentPool');
    const subnet = property(containers, spec, 'vnetSubnetID');
    expect(subnet.type.kind).toBe('resourceRef');
    expect(subnet.name).toBe('vnetSubnetReference');
    expect(subnet.armPath).toEqual(['properties', 'vnetSubnetID']);
  });

  it('keeps GUIDs such as tenantId and principalId as strings, in every spec and status (subscriptionId: see aso-corpus)', () => {
    const guids = new Set(['tenantId', 'principalId', 'subscriptionId', 'clientId', 'objectId']);
    const seen = new Map<string, number>();
    for (const pkg of [network, compute, containers, keyVault]) {
      for (const def of Object.values(pkg.types)) {
        if (!def.side || def.type.kind !== 'object') continue;
        for (const p of def.type.properties) {
          if (!guids.has(p.armName)) continue;
          seen.set(p.armName, (seen.get(p.armName) ?? 0) + 1);
          expect(elementKind(p.type), `${pkg.id} ${def.name}.${p.armName}`).not.toBe('resourceRef');
        }
      }
    }
    // The check above only means something if those properties are there to check.
    expect([...seen.keys()].sort()).toEqual(expect.arrayContaining(['principalId', 'tenantId']));
    expect(property(keyVault, specOf(keyVault, 'Vault'), 'tenantId').type).toMatchObject({ kind: 'primitive', primitive: 'string' });
  });

  it('composes the ARM path of a `properties` envelope nested in the top one (ApiManagement backends)', () => {
    const apim = pipeline('Microsoft.ApiManagement', '2020-12-01');
    for (const side of [specOf(apim, 'ServiceBackend'), apim.types.ServiceBackend_STATUS.type]) {
      if (side.kind !== 'object') throw new Error('not an object');
      const cluster = side.properties.find((p) => p.armName === 'serviceFabricCluster');
      expect(cluster?.armPath).toEqual(['properties', 'properties', 'serviceFabricCluster']);
    }
  });

  it("keeps a named open enum's description beside its known values (StorageAccount sku.name)", () => {
    const storage = pipeline('Microsoft.Storage', '2021-04-01');
    const name = property(storage, specOf(storage, 'StorageAccount'), 'sku', 'name');
    expect(name.description).toMatch(/^The SKU name\..*\n\nKnown values: "Standard_LRS", /s);
  });

  it('leaves the status side as plain strings', () => {
    const subnet = network.resources.find((r) => r.kubernetes?.kind === 'VirtualNetworksSubnet')!;
    const status = network.types[subnet.kubernetes!.statusType!].type;
    const nsg = property(network, status, 'networkSecurityGroup');
    expect(nsg.type.kind).toBe('ref');
    const id = property(network, status, 'networkSecurityGroup', 'id');
    expect(id.type).toMatchObject({ kind: 'primitive', primitive: 'string' });
  });
});
