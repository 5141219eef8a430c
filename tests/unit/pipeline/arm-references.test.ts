/**
 * arm-references: ARM-ID properties of spec types become Kubernetes references.
 *
 * Fixture `pipeline/arm-references`: Microsoft.Network 2023-04-01 with networkSecurityGroups,
 * routeTables, virtualNetworks and the child virtualNetworks/subnets (modelled on the real
 * network specs: writable `id`, `properties` envelopes with x-ms-client-flatten, SubResource links).
 * Most cases sit in SubnetPropertiesFormat, whose properties flattening lifts into two types of
 * the spec graph: Subnet (items of VirtualNetwork.subnets) and VirtualNetworksSubnet_Spec (the
 * emptied envelope itself is gone).
 */
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { ApiPackage, Model, ResourceReferenceType, Type } from '../../../generator/model/types.js';
import { walkType } from '../../../generator/model/walk.js';
import { armReferencesStage } from '../../../generator/pipeline/arm-references.js';
import { asoStagesThrough, fixtureThrough, loadFixture, onlyPackage, runStages } from '../../helpers.js';
import { names, prop, runStageAlone, type StageRunResult } from './stage-helpers.js';

const FIXTURE = 'pipeline/arm-references';
const SUBNET = 'VirtualNetworksSubnet_Spec';

const STRING: Type = { kind: 'primitive', primitive: 'string' };
const stringRef = (detectedBy: string, allowedTypes?: string[]): ResourceReferenceType =>
  allowedTypes ? { kind: 'resourceRef', armShape: 'string', detectedBy, allowedTypes } : { kind: 'resourceRef', armShape: 'string', detectedBy };
const subresourceRef = (detectedBy: string, allowedTypes?: string[]): ResourceReferenceType =>
  allowedTypes ? { kind: 'resourceRef', armShape: 'subresource', detectedBy, allowedTypes } : { kind: 'resourceRef', armShape: 'subresource', detectedBy };

/** The model as `arm-references` receives it in the `aso` pipeline. */
async function stageInput(): Promise<Model> {
  const before = (await asoStagesThrough(armReferencesStage.id)).slice(0, -1);
  return runStages(loadFixture(FIXTURE).model, before).model;
}

describe('arm-references on the fixture', () => {
  let input: Model;
  let snapshot: Model;
  let result: StageRunResult;
  let pkg: ApiPackage;

  beforeAll(async () => {
    input = await stageInput();
    snapshot = structuredClone(input);
    result = runStageAlone(armReferencesStage, input);
    pkg = onlyPackage(result.model);
  });

  // Every test also checks that the stage left its input as it was.
  afterEach(() => expect(input).toEqual(snapshot));

  it('turns a string fooId into fooReference, keeping the ARM name and path', () => {
    const p = prop(pkg, SUBNET, 'routeTableReference');
    expect(p).toMatchObject({ armName: 'routeTableId', armPath: ['properties', 'routeTableId'] });
    expect(p.type).toEqual(stringRef('name'));
    expect(p.annotations).toEqual({ reference: 'name' });
    expect(p.renamedFrom).toBe('routeTableId');
    expect(p.declaredIn).toBe('SubnetPropertiesFormat');
    expect(names(pkg, SUBNET)).not.toContain('routeTableId');
  });

  it('turns fooIds: string[] into fooReferences, an array of references', () => {
    const p = prop(pkg, 'RouteTable_Spec', 'subnetReferences');
    expect(p).toMatchObject({ armName: 'subnetIds', armPath: ['properties', 'subnetIds'] });
    expect(p.type).toEqual({ kind: 'array', items: stringRef('name') });
  });

  it('turns a map of IDs into a map of references', () => {
    const p = prop(pkg, SUBNET, 'regionalRouteTableReferences');
    expect(p.armName).toBe('regionalRouteTableIds');
    expect(p.type).toEqual({ kind: 'map', values: stringRef('name') });
  });

  it('takes format arm-id, and the allowed types of x-ms-arm-id-details', () => {
    expect(prop(pkg, SUBNET, 'defaultRouteTableReference')).toMatchObject({
      armName: 'defaultRouteTable',
      type: stringRef('arm-id-details', ['Microsoft.Network/routeTables']),
      renamedFrom: 'defaultRouteTable',
      annotations: { reference: 'arm-id-details' },
    });
    expect(prop(pkg, SUBNET, 'flowLogWorkspaceReference').type).toEqual(stringRef('format'));
  });

  it('takes a description that calls the value a resource ID', () => {
    expect(prop(pkg, SUBNET, 'gatewayLoadBalancerReference')).toMatchObject({
      armName: 'gatewayLoadBalancerId',
      type: stringRef('description'),
    });
  });

  it('turns a SubResource ({id}) property into a reference of ARM shape subresource, keeping its name', () => {
    expect(prop(pkg, SUBNET, 'natGateway')).toMatchObject({
      armName: 'natGateway',
      type: subresourceRef('subresource'),
      declaredIn: 'SubnetPropertiesFormat',
      annotations: { reference: 'subresource' },
    });
    expect(prop(pkg, 'VirtualNetwork_Spec', 'ddosProtectionPlan').type).toEqual(subresourceRef('subresource'));
    expect(prop(pkg, 'VirtualNetwork_Spec', 'ipAllocations').type).toEqual({ kind: 'array', items: subresourceRef('subresource') });
    expect(prop(pkg, SUBNET, 'natGateway').renamedFrom).toBeUndefined();
  });

  it("turns an embedded resource (another resource's PUT body) into a reference to that ARM type", () => {
    expect(prop(pkg, SUBNET, 'networkSecurityGroup')).toMatchObject({
      armName: 'networkSecurityGroup',
      type: subresourceRef('embedded-resource', ['Microsoft.Network/networkSecurityGroups']),
      annotations: { reference: 'embedded-resource' },
    });
  });

  it('keeps a child collection (named like the child ARM type segment) inline', () => {
    expect(prop(pkg, 'VirtualNetwork_Spec', 'subnets').type).toEqual({ kind: 'array', items: { kind: 'ref', name: 'Subnet' } });
    expect(prop(pkg, 'VirtualNetwork_Spec', 'subnets').annotations).toBeUndefined();
    expect(prop(pkg, 'VirtualNetwork_Spec', 'subnets').declaredIn).toBe('VirtualNetworkPropertiesFormat');
    // ...and the inline subnets get their own references.
    expect(prop(pkg, 'Subnet', 'routeTableReference').type).toEqual(stringRef('name'));
    expect(prop(pkg, 'Subnet', 'networkSecurityGroup').type).toEqual(subresourceRef('embedded-resource', ['Microsoft.Network/networkSecurityGroups']));
  });

  it('keeps the id of a nested object that also has a name (a named inline child) a string', () => {
    expect(prop(pkg, 'Subnet', 'id')).toMatchObject({ armName: 'id', type: STRING });
    expect(prop(pkg, 'Subnet', 'name').type).toEqual(STRING);
  });

  it('turns the id of a nested object without a name into `reference`', () => {
    const targets = prop(pkg, SUBNET, 'trafficTargets').type;
    if (targets.kind !== 'array' || targets.items.kind !== 'object') throw new Error('trafficTargets is not an array of objects');
    expect(targets.items.properties.map((p) => [p.name, p.armName, p.type])).toEqual([
      ['reference', 'id', stringRef('subresource-id')],
      ['weight', 'weight', { kind: 'primitive', primitive: 'integer', format: 'int32' }],
    ]);
    expect(targets.items.properties[0].annotations).toEqual({ reference: 'subresource-id' });
    expect(targets.items.properties[0].renamedFrom).toBe('id');
  });

  it('does not convert the top-level id of a spec', () => {
    for (const spec of ['VirtualNetwork_Spec', 'NetworkSecurityGroup_Spec', 'RouteTable_Spec', SUBNET]) {
      expect(prop(pkg, spec, 'id').type).toEqual(STRING);
    }
  });

  it('leaves GUIDs, unknown IDs and plain strings alone', () => {
    expect(prop(pkg, 'VirtualNetwork_Spec', 'tenantId').type).toEqual(STRING);
    expect(prop(pkg, SUBNET, 'ownerTenantId').type).toEqual(STRING);
    expect(prop(pkg, SUBNET, 'egressGatewayId').type).toEqual(STRING);
    expect(prop(pkg, SUBNET, 'egressTarget').type).toEqual(STRING);
    expect(prop(pkg, SUBNET, 'addressPrefix').type).toEqual(STRING);
    expect(prop(pkg, SUBNET, 'egressGatewayId').annotations).toBeUndefined();
    expect(prop(pkg, SUBNET, 'egressGatewayId').declaredIn).toBe('SubnetPropertiesFormat');
  });

  it('keeps a nested id of format uuid a string (SubnetPropertiesFormat.maintenanceWindow.id)', () => {
    const window = prop(pkg, SUBNET, 'maintenanceWindow').type;
    expect(window.kind).toBe('object');
    const id = window.kind === 'object' ? window.properties.find((p) => p.armName === 'id') : undefined;
    expect(id?.name).toBe('id');
    expect(id?.type).toMatchObject({ kind: 'primitive', format: 'uuid' });
  });

  it('leaves status types untouched: IDs stay strings', () => {
    expect(prop(pkg, 'VirtualNetworksSubnet_STATUS', 'routeTableId').type).toEqual(STRING);
    // The nested copy, not the NetworkSecurityGroup kind's own status (which gets conditions).
    expect(prop(pkg, 'VirtualNetworksSubnet_STATUS', 'networkSecurityGroup').type).toEqual({ kind: 'ref', name: 'NetworkSecurityGroup_STATUS2' });
    expect(pkg.resources.find((r) => r.kubernetes?.kind === 'NetworkSecurityGroup')?.kubernetes?.statusType).toBe('NetworkSecurityGroup_STATUS');
    expect(prop(pkg, 'VirtualNetworksSubnet_STATUS', 'natGateway').type).toEqual({ kind: 'ref', name: 'SubResource_STATUS' });
    const statusRefs: string[] = [];
    for (const d of Object.values(pkg.types)) {
      if (d.side !== 'spec') {
        expect(d).toBe(input.packages[0].types[d.name]);
        walkType(d.type, (t) => void (t.kind === 'resourceRef' && statusRefs.push(d.name)));
      }
    }
    expect(statusRefs).toEqual([]);
  });

  it('reports the ambiguous ID once, at its declaration, though it appears in three types', () => {
    const ambiguous = result.diagnostics.filter((d) => d.code === 'reference-ambiguous');
    expect(ambiguous).toHaveLength(1);
    expect(new Set(ambiguous.map((d) => JSON.stringify([d.severity, d.message, d.location])))).toEqual(
      new Set([
        JSON.stringify([
          'info',
          'egressGatewayId: an ID whose description mentions a resource without calling it a resource ID; left as a string',
          { file: 'specification/network/resource-manager/Microsoft.Network/stable/2023-04-01/network.json', pointer: '/definitions/SubnetPropertiesFormat/properties/egressGatewayId' },
        ]),
      ]),
    );
    expect(result.diagnostics.filter((d) => d.code !== 'reference-ambiguous')).toEqual([]);
  });

  it('counts every conversion by detection method', () => {
    // Each SubnetPropertiesFormat property counts twice (see the header).
    expect(result.counts).toMatchObject({
      'references.name': 5, // routeTableId ×2, regionalRouteTableIds ×2, subnetIds
      'references.subresource': 4, // natGateway ×2, ddosProtectionPlan, ipAllocations
      'references.embedded-resource': 2,
      'references.arm-id-details': 2,
      'references.format': 2,
      'references.description': 2,
    });
    // subresource-id: SubResource.id, NetworkSecurityGroup.id (the nested spec copy), trafficTargets ×2;
    // not maintenanceWindow.id (a uuid).
    expect(result.counts['references.subresource-id']).toBe(4);
    expect(Object.keys(result.counts).sort()).toEqual([
      'references.arm-id-details', 'references.description', 'references.embedded-resource', 'references.format',
      'references.name', 'references.subresource', 'references.subresource-id',
    ]);
  });

  it('is what the aso pipeline produces at this stage', async () => {
    const { model, counts } = await fixtureThrough(FIXTURE, armReferencesStage.id);
    expect(model).toEqual(result.model);
    expect(counts['references.name']).toBe(5);
  });

  it('does not mutate its input', () => {
    expect(input).toEqual(snapshot);
    expect(names(input.packages[0], SUBNET)).toContain('routeTableId');
  });
});

describe('arm-references with config overrides', () => {
  it('reference: false keeps a detected ID a string; reference: true makes a plain string a reference', async () => {
    const input = await stageInput();
    const snapshot = structuredClone(input);
    const { model, counts, overrides } = runStageAlone(armReferencesStage, input, {
      propertyOverrides: [
        { property: 'routeTableId', reference: false },
        { property: 'egressTarget', reference: true },
      ],
    });
    const pkg = onlyPackage(model);
    expect(prop(pkg, SUBNET, 'routeTableId')).toMatchObject({ armName: 'routeTableId', type: STRING });
    expect(names(pkg, SUBNET)).not.toContain('routeTableReference');
    expect(prop(pkg, SUBNET, 'egressTargetReference')).toMatchObject({
      armName: 'egressTarget',
      armPath: ['properties', 'egressTarget'],
      type: stringRef('config'),
      declaredIn: 'SubnetPropertiesFormat',
      renamedFrom: 'egressTarget',
      annotations: { reference: 'config' },
    });
    // Other detections are unaffected.
    expect(prop(pkg, SUBNET, 'regionalRouteTableReferences').type).toEqual({ kind: 'map', values: stringRef('name') });
    expect(counts).toMatchObject({ 'references.config-off': 2, 'references.config': 2, 'references.name': 3 });
    expect(overrides.unused()).toEqual([]);
    expect(input).toEqual(snapshot);
  });

  it('matches an override on the declaring type of a flattened property', async () => {
    const input = await stageInput();
    const { model } = runStageAlone(armReferencesStage, input, {
      propertyOverrides: [{ type: 'SubnetPropertiesFormat', property: 'routeTableId', reference: false }],
    });
    const pkg = onlyPackage(model);
    for (const type of ['Subnet', SUBNET]) expect(prop(pkg, type, 'routeTableId').type).toEqual(STRING);
    // An override for another type does not apply.
    const other = runStageAlone(armReferencesStage, input, { propertyOverrides: [{ type: 'RouteTable*', property: 'routeTableId', reference: false }] });
    expect(prop(onlyPackage(other.model), SUBNET, 'routeTableReference').type).toEqual(stringRef('name'));
    expect(other.overrides.unused()).toHaveLength(1);
  });

  it('works the same through the pipeline runner (no unused-override report)', async () => {
    const { model, diagnostics } = await fixtureThrough(FIXTURE, armReferencesStage.id, {
      options: { propertyOverrides: [{ property: 'routeTableId', reference: false }, { property: 'egressTarget', reference: true }] },
    });
    const pkg = onlyPackage(model);
    expect(prop(pkg, SUBNET, 'routeTableId').type).toEqual(STRING);
    expect(prop(pkg, SUBNET, 'egressTargetReference').type).toEqual(stringRef('config'));
    expect(diagnostics.filter((d) => d.code === 'override-unused')).toEqual([]);
  });
});
