/**
 * flatten-properties: the `properties` envelope of specs and statuses, and every
 * `x-ms-client-flatten` property, are lifted into their parent with their ARM path.
 *
 * Fixture `pipeline/flatten-properties`: Microsoft.Network 2023-04-01 (modelled on the real
 * virtualNetwork.json):
 *   VirtualNetwork.properties (required, client-flatten) → VirtualNetworkPropertiesFormat, which has
 *     addressSpace (required), kind and type (colliding with the top-level kind / read-only type),
 *     ddosSettings (optional, client-flatten, protectionMode required inside), and encryption
 *     whose own `properties` is not client-flatten;
 *   Subnet.properties (client-flatten, inside the subnets array);
 *   VirtualNetworkPeering with an inline, optional `properties` envelope (remoteAddressSpace required).
 */
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { ApiPackage, Model } from '../../../generator/model/types.js';
import { flattenPropertiesStage } from '../../../generator/pipeline/flatten-properties.js';
import { asoStagesThrough, fixtureThrough, loadFixture, onlyPackage, runStages } from '../../helpers.js';
import { def, names, prop, ref, runStageAlone, type StageRunResult } from './stage-helpers.js';

const FIXTURE = 'pipeline/flatten-properties';

describe('flatten-properties on the fixture', () => {
  let input: Model;
  let snapshot: Model;
  let result: StageRunResult;
  let pkg: ApiPackage;

  beforeAll(async () => {
    const before = (await asoStagesThrough(flattenPropertiesStage.id)).slice(0, -1);
    input = runStages(loadFixture(FIXTURE).model, before).model;
    snapshot = structuredClone(input);
    result = runStageAlone(flattenPropertiesStage, input);
    pkg = onlyPackage(result.model);
  });

  // Every test also checks that the stage left its input as it was.
  afterEach(() => expect(input).toEqual(snapshot));

  it('lifts the properties envelope of the spec in place, with its ARM path', () => {
    expect(names(pkg, 'VirtualNetwork_Spec')).toEqual([
      'id', 'location', 'tags', 'kind',
      'addressSpace', 'dhcpOptions', 'subnets', 'propertiesKind', 'type', 'protectionMode', 'planName', 'encryption',
    ]);
    const addressSpace = prop(pkg, 'VirtualNetwork_Spec', 'addressSpace');
    expect(addressSpace).toMatchObject({
      armName: 'addressSpace',
      armPath: ['properties', 'addressSpace'],
      type: ref('AddressSpace'),
      declaredIn: 'VirtualNetworkPropertiesFormat',
    });
    expect(prop(pkg, 'VirtualNetwork_Spec', 'subnets').armPath).toEqual(['properties', 'subnets']);
    // Properties that were already at the top keep no ARM path.
    expect(prop(pkg, 'VirtualNetwork_Spec', 'location').armPath).toBeUndefined();
    expect(prop(pkg, 'VirtualNetwork_Spec', 'id').armPath).toBeUndefined();
  });

  it('lifts x-ms-client-flatten properties at any depth, composing the ARM path', () => {
    expect(prop(pkg, 'VirtualNetwork_Spec', 'protectionMode')).toMatchObject({
      armName: 'protectionMode',
      armPath: ['properties', 'ddosSettings', 'protectionMode'],
      declaredIn: 'DdosSettings',
    });
    expect(prop(pkg, 'VirtualNetwork_Spec', 'planName').armPath).toEqual(['properties', 'ddosSettings', 'planName']);
    // The envelopes whose properties were all lifted are reached by nothing now, and are gone;
    // their ARM originals (no side) stay for tidy.
    for (const envelope of ['VirtualNetworkPropertiesFormat', 'DdosSettings', 'VirtualNetworkPropertiesFormat_STATUS', 'DdosSettings_STATUS']) {
      expect(pkg.types[envelope]?.side, envelope).toBeUndefined();
    }
    expect(result.counts.envelopesRemoved).toBe(6);
    // Subnet is only reached through the subnets array: its client-flatten envelope is lifted too.
    expect(names(pkg, 'Subnet')).toEqual(['id', 'name', 'addressPrefix']);
    expect(prop(pkg, 'Subnet', 'addressPrefix')).toMatchObject({ armPath: ['properties', 'addressPrefix'], declaredIn: 'SubnetPropertiesFormat' });
  });

  it('leaves a nested `properties` without x-ms-client-flatten where it is', () => {
    expect(names(pkg, 'VirtualNetworkEncryption')).toEqual(['enabled', 'properties']);
    expect(prop(pkg, 'VirtualNetworkEncryption', 'properties')).toMatchObject({ type: ref('EncryptionDetails') });
    expect(prop(pkg, 'VirtualNetworkEncryption', 'properties').armPath).toBeUndefined();
  });

  it('renames a lifted property whose name is taken, and reports it', () => {
    // spec: top-level `kind` is writable, so properties.kind becomes propertiesKind; the
    // top-level `type` is read-only (not in the spec), so properties.type keeps its name.
    expect(prop(pkg, 'VirtualNetwork_Spec', 'propertiesKind')).toMatchObject({ armName: 'kind', armPath: ['properties', 'kind'] });
    expect(prop(pkg, 'VirtualNetwork_Spec', 'kind')).toMatchObject({ armName: 'kind', type: { kind: 'primitive', primitive: 'string' } });
    expect(prop(pkg, 'VirtualNetwork_Spec', 'type')).toMatchObject({ armName: 'type', armPath: ['properties', 'type'] });
    // status: both collide.
    expect(prop(pkg, 'VirtualNetwork_STATUS', 'propertiesType')).toMatchObject({ armName: 'type', armPath: ['properties', 'type'] });
    expect(prop(pkg, 'VirtualNetwork_STATUS', 'type')).toMatchObject({ armName: 'type', readOnly: true });
    expect(result.diagnostics.map((d) => [d.code, d.severity, d.message, d.location?.pointer])).toEqual([
      ['flatten-collision', 'info', 'VirtualNetwork_Spec: properties.kind collides with a property named kind; it is named propertiesKind', '/definitions/VirtualNetworkPropertiesFormat/properties/kind'],
      ['flatten-collision', 'info', 'VirtualNetwork_STATUS: properties.kind collides with a property named kind; it is named propertiesKind', '/definitions/VirtualNetworkPropertiesFormat/properties/kind'],
      ['flatten-collision', 'info', 'VirtualNetwork_STATUS: properties.type collides with a property named type; it is named propertiesType', '/definitions/VirtualNetworkPropertiesFormat/properties/type'],
    ]);
  });

  it('makes a lifted property required only if both the envelope and the property are', () => {
    // envelope required, property required
    expect(prop(pkg, 'VirtualNetwork_Spec', 'addressSpace').required).toBe(true);
    // envelope required, property optional
    expect(prop(pkg, 'VirtualNetwork_Spec', 'dhcpOptions').required).toBe(false);
    // envelope (ddosSettings) optional, property required
    expect(prop(input.packages[0], 'DdosSettings', 'protectionMode').required).toBe(true);
    expect(prop(pkg, 'VirtualNetwork_Spec', 'protectionMode').required).toBe(false);
    // inline optional envelope of the peering, property required inside
    expect(prop(pkg, 'VirtualNetworksVirtualNetworkPeering_Spec', 'remoteAddressSpace').required).toBe(false);
  });

  it('records, for a property required inside an optional envelope, which envelope (a prefix of its ARM path)', () => {
    // required in the optional `properties` of the peering: required whenever `properties` is sent
    expect(prop(pkg, 'VirtualNetworksVirtualNetworkPeering_Spec', 'remoteAddressSpace').requiredInEnvelope).toBe(1);
    // required in the optional ddosSettings, inside the required `properties`: whenever ddosSettings is sent
    expect(prop(pkg, 'VirtualNetwork_Spec', 'protectionMode')).toMatchObject({ armPath: ['properties', 'ddosSettings', 'protectionMode'], requiredInEnvelope: 2 });
    // required outright, or optional: nothing to record
    expect(prop(pkg, 'VirtualNetwork_Spec', 'addressSpace').requiredInEnvelope).toBeUndefined();
    expect(prop(pkg, 'VirtualNetwork_Spec', 'dhcpOptions').requiredInEnvelope).toBeUndefined();
    expect(prop(pkg, 'VirtualNetwork_Spec', 'planName').requiredInEnvelope).toBeUndefined();
    // the status is all optional: nothing recorded there
    expect(prop(pkg, 'VirtualNetwork_STATUS', 'protectionMode').requiredInEnvelope).toBeUndefined();
  });

  it('flattens the status too, read-only properties included', () => {
    expect(names(pkg, 'VirtualNetwork_STATUS')).toEqual([
      'id', 'name', 'type', 'location', 'tags', 'etag', 'kind',
      'addressSpace', 'dhcpOptions', 'subnets', 'propertiesKind', 'propertiesType', 'provisioningState',
      'protectionMode', 'planName', 'detectedAttacks', 'encryption',
    ]);
    expect(prop(pkg, 'VirtualNetwork_STATUS', 'addressSpace')).toMatchObject({ type: ref('AddressSpace_STATUS'), armPath: ['properties', 'addressSpace'] });
    // The declaring type is named without its _STATUS suffix.
    expect(prop(pkg, 'VirtualNetwork_STATUS', 'detectedAttacks')).toMatchObject({
      readOnly: true,
      armPath: ['properties', 'ddosSettings', 'detectedAttacks'],
      declaredIn: 'DdosSettings',
    });
    expect(names(pkg, 'Subnet_STATUS')).toEqual(['id', 'name', 'addressPrefix', 'provisioningState']);
    expect(prop(pkg, 'Subnet_STATUS', 'provisioningState').armPath).toEqual(['properties', 'provisioningState']);
  });

  it('lifts an inline envelope without declaredIn', () => {
    expect(names(pkg, 'VirtualNetworksVirtualNetworkPeering_Spec')).toEqual(['id', 'name', 'remoteAddressSpace', 'allowForwardedTraffic']);
    expect(prop(pkg, 'VirtualNetworksVirtualNetworkPeering_Spec', 'allowForwardedTraffic')).toMatchObject({ armPath: ['properties', 'allowForwardedTraffic'] });
    expect(prop(pkg, 'VirtualNetworksVirtualNetworkPeering_Spec', 'allowForwardedTraffic').declaredIn).toBeUndefined();
    expect(names(pkg, 'VirtualNetworksVirtualNetworkPeering_STATUS')).toEqual(['id', 'name', 'remoteAddressSpace', 'allowForwardedTraffic', 'peeringState']);
  });

  it('leaves the types that are neither spec nor status alone', () => {
    for (const name of ['VirtualNetwork', 'VirtualNetworkPeering']) {
      expect(def(pkg, name).side).toBeUndefined();
      expect(def(pkg, name)).toBe(input.packages[0].types[name]);
    }
    expect(names(pkg, 'VirtualNetwork')).toContain('properties');
    // Unchanged spec types are shared, not copied.
    expect(def(pkg, 'AddressSpace')).toBe(input.packages[0].types.AddressSpace);
    expect(pkg.resources).toBe(input.packages[0].resources);
  });

  it('counts every flattened envelope', () => {
    // Spec and status each: VirtualNetwork_*, VirtualNetworkPropertiesFormat* (ddosSettings), Subnet*, the peering.
    expect(result.counts).toEqual({ flattened: 8, envelopesRemoved: 6 });
  });

  it('is what the aso pipeline produces at this stage', async () => {
    const { model } = await fixtureThrough(FIXTURE, flattenPropertiesStage.id);
    expect(model).toEqual(result.model);
  });

  it('does not mutate its input', () => {
    expect(input).toEqual(snapshot);
    expect(input.packages[0].types.VirtualNetwork_Spec.type).toMatchObject({ kind: 'object' });
    expect(names(input.packages[0], 'VirtualNetwork_Spec')).toEqual(['id', 'location', 'tags', 'kind', 'properties']);
  });
});
