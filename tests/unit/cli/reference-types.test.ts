/** What render checks of the resource types a spec points at: references against their allowed types, the owner against its kind. */
import { describe, expect, it } from 'vitest';
import type { CollectedReferences, ResourceReference } from '../../../generator/runtime/index.js';
import { allowedArmTypes, armTypeAllowed, armTypesOfKind, ownerProblems, referenceTypeProblems, schemaAt } from '../../../generator/cli/reference-types.js';

const reference = (allowed?: string) => ({
  type: 'object',
  description: `The subnet. A reference to another resource: group, kind and name of a Kubernetes resource in the same namespace, or armId.${allowed ? ` Allowed ARM types: ${allowed}.` : ''}`,
  properties: { armId: { type: 'string' }, group: { type: 'string' }, kind: { type: 'string' }, name: { type: 'string' } },
});
const owner = (group: string, kind: string) => ({ type: 'object', properties: { armId: { type: 'string' }, group: { type: 'string', enum: [group] }, kind: { type: 'string', enum: [kind] }, name: { type: 'string' } } });
const schema = {
  type: 'object',
  properties: {
    spec: {
      type: 'object',
      properties: {
        owner: owner('network.azure.com', 'VirtualNetwork'),
        subnet: reference('Microsoft.Network/virtualNetworks/subnets'),
        anything: reference(),
        ipConfigurations: { type: 'array', items: { type: 'object', properties: { gateway: reference('Microsoft.Network/natGateways, Microsoft.Network/*') } } },
      },
    },
  },
};
const entries = [
  { group: 'network.azure.com', kind: 'VirtualNetwork', armType: 'Microsoft.Network/virtualNetworks' },
  { group: 'network.azure.com', kind: 'VirtualNetworksSubnet', armType: 'Microsoft.Network/virtualNetworks/subnets' },
  { group: 'network.azure.com', kind: 'NatGateway', armType: 'Microsoft.Network/natGateways' },
  { group: 'storage.azure.com', kind: 'StorageAccount', armType: 'Microsoft.Storage/storageAccounts' },
];
const rg = '/subscriptions/0/resourceGroups/rg';
const vnet = `${rg}/providers/Microsoft.Network/virtualNetworks/vnet1`;

describe('reading the schema', () => {
  it('finds the node of a path and the allowed types of its description', () => {
    expect(allowedArmTypes(schemaAt(schema, '/spec/subnet'))).toEqual(['Microsoft.Network/virtualNetworks/subnets']);
    expect(allowedArmTypes(schemaAt(schema, '/spec/ipConfigurations/3/gateway'))).toEqual(['Microsoft.Network/natGateways', 'Microsoft.Network/*']);
    expect(allowedArmTypes(schemaAt(schema, '/spec/anything'))).toBeUndefined();
    expect(schemaAt(schema, '/spec/nothing')).toBeUndefined();
  });

  it('compares ARM types case-insensitively, * matching one segment', () => {
    expect(armTypeAllowed('microsoft.network/VIRTUALNETWORKS/subnets', ['Microsoft.Network/virtualNetworks/subnets'])).toBe(true);
    expect(armTypeAllowed('Microsoft.Network/publicIPAddresses', ['Microsoft.Network/*'])).toBe(true);
    expect(armTypeAllowed('Microsoft.Network/virtualNetworks/subnets', ['Microsoft.Network/*'])).toBe(false);
    expect(armTypesOfKind(entries, undefined, 'ResourceGroup')).toEqual(['Microsoft.Resources/resourceGroups']);
  });
});

describe('referenceTypeProblems', () => {
  const collected = (resources: { path: string; reference: ResourceReference }[]): CollectedReferences => ({ resources, secrets: [] });

  it('accepts references of the allowed types, and any type where the schema does not say', () => {
    expect(
      referenceTypeProblems(
        collected([
          { path: 'spec.subnet', reference: { armId: `${vnet}/subnets/default` } },
          { path: 'spec.anything', reference: { armId: `${rg}/providers/Microsoft.Storage/storageAccounts/a` } },
          { path: 'spec.ipConfigurations[0].gateway', reference: { armId: `${rg}/providers/Microsoft.Network/publicIPAddresses/ip` } },
          { path: 'spec.subnet', reference: { group: 'network.azure.com', kind: 'VirtualNetworksSubnet', name: 's' } },
        ]),
        schema,
        entries,
      ),
    ).toEqual([]);
  });

  it('refuses an armId of another type, a kind of another type and an armId that is no ARM ID', () => {
    expect(
      referenceTypeProblems(
        collected([
          { path: 'spec.subnet', reference: { armId: vnet } },
          { path: 'spec.subnet', reference: { group: 'storage.azure.com', kind: 'StorageAccount', name: 'a' } },
          { path: 'spec.ipConfigurations[1].gateway', reference: { armId: 'not-an-id' } },
        ]),
        schema,
        entries,
      ),
    ).toEqual([
      { path: 'spec.subnet.armId', message: `names a Microsoft.Network/virtualNetworks (${vnet}), but spec.subnet takes a Microsoft.Network/virtualNetworks/subnets` },
      { path: 'spec.subnet.kind', message: 'a StorageAccount is a Microsoft.Storage/storageAccounts, but spec.subnet takes a Microsoft.Network/virtualNetworks/subnets' },
      { path: 'spec.ipConfigurations[1].gateway.armId', message: 'is not an ARM ID: an ARM ID starts with "/" (/subscriptions/... or /providers/...)' },
    ]);
  });
});

describe('ownerProblems', () => {
  const subnet = { kind: 'VirtualNetworksSubnet', armType: 'Microsoft.Network/virtualNetworks/subnets' };

  it('accepts an owner of the owner kind, and an owner by name', () => {
    expect(ownerProblems({ owner: { armId: vnet } }, schema, subnet, 'default', entries)).toEqual([]);
    expect(ownerProblems({ owner: { name: 'vnet1' } }, schema, subnet, 'default', entries)).toEqual([]);
  });

  it('refuses an owner of another type, naming the kind and type it must be', () => {
    expect(ownerProblems({ owner: { armId: rg } }, schema, subnet, 'default', entries)).toEqual([
      { path: 'spec.owner.armId', message: `names a Microsoft.Resources/resourceGroups (${rg}), but the owner of a VirtualNetworksSubnet (Microsoft.Network/virtualNetworks/subnets) is a VirtualNetwork (Microsoft.Network/virtualNetworks)` },
    ]);
  });

  it('knows a ResourceGroup owner without a ResourceGroup kind in the output, and checks the ID it makes', () => {
    const accountSchema = { type: 'object', properties: { spec: { type: 'object', properties: { owner: owner('resources.azure.com', 'ResourceGroup') } } } };
    const account = { kind: 'StorageAccount', armType: 'Microsoft.Storage/storageAccounts' };
    expect(ownerProblems({ owner: { armId: rg } }, accountSchema, account, 'acct', entries)).toEqual([]);
    expect(ownerProblems({ owner: { armId: vnet } }, accountSchema, account, 'acct', entries)[0].message).toMatch(/^names a Microsoft\.Network\/virtualNetworks .* is a ResourceGroup \(Microsoft\.Resources\/resourceGroups\)$/);
    expect(ownerProblems({ owner: { armId: rg } }, accountSchema, account, 'a/b', entries)).toEqual([{ path: 'spec.owner.armId', message: 'the name "a/b" contains "/", "?" or "#"' }]);
  });
});
