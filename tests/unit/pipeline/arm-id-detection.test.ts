/**
 * arm-id-detection: does a string property hold an ARM resource ID? Pure functions, tested on
 * tables: `detectArmId`, `idStem`, `resourceNouns`, and `referenceName` (arm-references.ts), which
 * names the Kubernetes reference property after the detection.
 */
import { describe, expect, it } from 'vitest';
import type { PrimitiveType } from '../../../generator/model/types.js';
import { detectArmId, idStem, resourceNouns, type Detection } from '../../../generator/pipeline/arm-id-detection.js';
import { referenceName } from '../../../generator/pipeline/arm-references.js';

/** ARM types of a small corpus: the resource nouns come from their segments. */
const ARM_TYPES = [
  'Microsoft.Network/virtualNetworks',
  'Microsoft.Network/virtualNetworks/subnets',
  'Microsoft.Network/networkSecurityGroups',
  'Microsoft.Network/applicationGateways',
  'Microsoft.Network/firewallPolicies',
  'Microsoft.KeyVault/vaults',
  'Microsoft.Storage/storageAccounts',
  'Microsoft.Compute/proximityPlacementGroups',
  'Microsoft.Insights/dataCollectionRules',
  'Microsoft.Authorization/roleDefinitions',
];
const nouns = resourceNouns(ARM_TYPES);

const string = (extra: Partial<PrimitiveType> = {}): PrimitiveType => ({ kind: 'primitive', primitive: 'string', ...extra });
const notReference: Detection = { reference: false };

describe('resourceNouns', () => {
  it('holds every ARM type segment, singular and lower-cased, and the usual aliases', () => {
    expect([...nouns].sort()).toEqual(
      [
        // aliases
        'asg', 'nic', 'nsg', 'pip', 'udr', 'vmss', 'vnet',
        // segments
        'applicationgateway', 'datacollectionrule', 'firewallpolicy', 'networksecuritygroup', 'proximityplacementgroup',
        'roledefinition', 'storageaccount', 'subnet', 'vault', 'virtualnetwork',
      ].sort(),
    );
  });
});

describe('detectArmId', () => {
  describe('format', () => {
    it('format arm-id is a reference, with the allowed types when x-ms-arm-id-details names them', () => {
      expect(detectArmId('backendPool', string({ format: 'arm-id' }), undefined, nouns)).toEqual({ reference: true, detectedBy: 'format' });
      expect(
        detectArmId('subnet', string({ format: 'arm-id', allowedResourceTypes: ['Microsoft.Network/virtualNetworks/subnets'] }), undefined, nouns),
      ).toEqual({ reference: true, detectedBy: 'arm-id-details', allowedTypes: ['Microsoft.Network/virtualNetworks/subnets'] });
      // An empty allowedResources list is no detail.
      expect(detectArmId('target', string({ format: 'arm-id', allowedResourceTypes: [] }), undefined, nouns)).toEqual({ reference: true, detectedBy: 'format' });
    });

    it('format arm-id wins over a GUID-looking name or description', () => {
      expect(detectArmId('tenantId', string({ format: 'arm-id' }), 'The GUID of the tenant.', nouns)).toEqual({ reference: true, detectedBy: 'format' });
    });

    it('a string that is not a string is never a reference', () => {
      expect(detectArmId('subnetId', { kind: 'primitive', primitive: 'integer' }, 'The resource ID of the subnet.', nouns)).toEqual(notReference);
      expect(detectArmId('resourceId', { kind: 'primitive', primitive: 'boolean' }, undefined, nouns)).toEqual(notReference);
    });
  });

  describe('name', () => {
    it.each([
      ['subnetId', undefined, 'name'],
      ['vnetSubnetID', undefined, 'name'], // alias + noun, upper-case ID
      ['keyVaultId', undefined, 'name'], // last word `vault` is a noun, `key` alone would not be
      ['storageAccountResourceId', undefined, 'name'], // ...ResourceId
      ['resourceId', undefined, 'name'],
      ['subnetIds', undefined, 'name'], // plural
      ['applicationGatewayId', undefined, 'name'], // two-word noun
      ['virtualNetworkId', undefined, 'name'], // `network` alone is not ARM, `virtualnetwork` is a noun
      ['firewallPolicyId', undefined, 'name'], // `policy` alone is not ARM, `firewallpolicy` is a noun
      ['roleDefinitionId', undefined, 'name'],
      ['nsgId', undefined, 'name'],
      ['subnetId', 'The ARM resource ID of the subnet.', 'name+description'],
    ])('%s (%s) → reference by %s', (name, description, detectedBy) => {
      expect(detectArmId(name, string(), description, nouns)).toEqual({ reference: true, detectedBy });
    });

    it.each([
      ['networkSecurityGroupId', undefined],
      ['proximityPlacementGroupID', 'The ID for Proximity Placement Group.'],
      ['dataCollectionRuleId', undefined],
    ])('%s is a reference by name through a three-word noun', (name, description) => {
      expect(detectArmId(name, string(), description, nouns)).toEqual({ reference: true, detectedBy: 'name' });
    });
  });

  describe('description', () => {
    it.each([
      ['targetId', 'The ARM resource ID of the target.'],
      ['gatewayId', 'Fully qualified resource ID of the gateway.'],
      ['siteId', 'The id of the site resource.'],
      ['linkedId', 'Format: /subscriptions/{subscriptionId}/resourceGroups/{rg}/providers/...'],
      ['backendId', 'The Azure resource id of the backend.'],
    ])('%s ("%s") → reference by description', (name, description) => {
      expect(detectArmId(name, string(), description, nouns)).toEqual({ reference: true, detectedBy: 'description' });
    });

    it('needs a name ending in Id: a description alone does not make a reference', () => {
      expect(detectArmId('sourceResource', string(), 'Fully qualified resource ID of the source.', nouns)).toEqual(notReference);
    });
  });

  describe('GUIDs and other identifiers stay strings', () => {
    it.each([
      ['tenantId', undefined],
      ['principalId', undefined],
      ['subscriptionId', undefined],
      ['clientId', undefined],
      ['objectId', undefined],
      ['applicationId', undefined],
      ['vmId', undefined], // the VM's unique GUID, not its ARM ID
      ['correlationId', undefined],
      ['keyVaultKeyId', undefined], // a key URL; `vaultkey` is not a noun
      ['widgetId', undefined], // not a resource noun, no description
      ['workspaceId', 'The workspace GUID.'],
      ['subnetId', 'The unique identifier (UUID) of the subnet delegation.'],
      ['storageAccountId', 'The object ID of the storage principal.'],
      ['id', 'The resource ID.'], // not ID-ish: no stem
      ['paid', undefined],
    ])('%s (%s) → not a reference', (name, description) => {
      expect(detectArmId(name, string(), description, nouns)).toEqual(notReference);
    });

    it('format uuid is never a reference, whatever the name', () => {
      expect(detectArmId('subnetId', string({ format: 'uuid' }), undefined, nouns)).toEqual(notReference);
      expect(detectArmId('resourceId', string({ format: 'uuid' }), 'The resource ID.', nouns)).toEqual(notReference);
    });
  });

  describe('ambiguous', () => {
    it('a GUID-like name whose description calls it a resource ID is ambiguous', () => {
      expect(detectArmId('tenantId', string(), 'The resource ID of the tenant.', nouns)).toEqual({
        reference: false,
        ambiguous: 'tenantId: the name suggests a non-ARM identifier but the description calls it a resource ID',
      });
    });

    it('an ID whose description mentions a resource without calling it a resource ID is ambiguous', () => {
      expect(detectArmId('egressGatewayId', string(), 'Identifier of the egress gateway resource.', nouns)).toEqual({
        reference: false,
        ambiguous: 'egressGatewayId: an ID whose description mentions a resource without calling it a resource ID',
      });
    });

    it('an unknown ID without any evidence is simply not a reference (nothing to report)', () => {
      expect(detectArmId('gatewayId', string(), 'Identifier of the gateway.', nouns)).toEqual(notReference);
    });
  });
});

describe('idStem', () => {
  it.each([
    ['fooId', { stem: 'foo', plural: false }],
    ['fooIds', { stem: 'foo', plural: true }],
    ['fooID', { stem: 'foo', plural: false }],
    ['fooIDs', { stem: 'foo', plural: true }],
    ['vnetSubnetID', { stem: 'vnetSubnet', plural: false }],
    ['storageAccountResourceId', { stem: 'storageAccountResource', plural: false }],
    ['api2Id', { stem: 'api2', plural: false }],
  ])('%s → %j', (name, expected) => {
    expect(idStem(name)).toEqual(expected);
  });

  it.each(['id', 'Id', 'ID', 'Ids', 'valid', 'paid', 'guid', 'fooIdentity', 'foo_Id', 'foo-Id'])('%s is not ID-ish', (name) => {
    expect(idStem(name)).toBeUndefined();
  });
});

describe('referenceName', () => {
  it.each([
    ['id', 'reference'],
    ['ID', 'reference'],
    ['Id', 'reference'],
    ['subnetId', 'subnetReference'],
    ['fooId', 'fooReference'],
    ['fooID', 'fooReference'],
    ['fooIds', 'fooReferences'],
    ['fooIDs', 'fooReferences'],
    ['vnetSubnetID', 'vnetSubnetReference'],
    ['storageAccountResourceId', 'storageAccountResourceReference'],
    ['natGateway', 'natGatewayReference'],
    ['defaultRouteTable', 'defaultRouteTableReference'],
  ])('%s → %s', (name, expected) => {
    expect(referenceName(name)).toBe(expected);
  });
});
