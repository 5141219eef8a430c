/**
 * `x-ms-arm-id-details.allowedResources`, on fixture `pipeline/readonly-required` (a TypeSpec-style
 * standby pool): the allowed types reach the reference wherever the ID sits (a string, the `id`
 * of an `{id}` object, a list of `{id}` objects, a map of strings), and a type no loaded spec
 * declares (`Microsoft.Compute/virtualMachineScaleSet`, while Microsoft.Compute is loaded) is
 * reported with its file and JSON pointer; types of providers that are not loaded are not judged.
 */
import { describe, expect, it } from 'vitest';
import { checkAllowedTypes } from '../../../generator/loader/allowed-types.js';
import { Diagnostics } from '../../../generator/diagnostics.js';
import type { ApiPackage, Property, Type } from '../../../generator/model/types.js';
import { asoStages } from '../../../generator/targets/aso.js';
import { loadFixture, runStages } from '../../helpers.js';

const FILE = 'specification/standbypool/resource-manager/Microsoft.StandbyPool/stable/2025-03-01/StandbyPool.json';

describe('allowed ARM types', () => {
  const loaded = loadFixture('pipeline/readonly-required');
  const result = runStages(loaded.model, [...asoStages]);
  const pkg = result.model.packages.find((p) => p.namespace === 'Microsoft.StandbyPool')!;
  const spec = pkg.types[pkg.resources[0].kubernetes!.specType!].type;
  const property = (name: string): Property => (spec.kind === 'object' ? spec.properties.find((p) => p.name === name) : undefined)!;
  const element = (t: Type): Type => (t.kind === 'array' ? t.items : t.kind === 'map' ? t.values : t);

  it('reach the reference from a string, an {id} object, a list of {id} objects and a map of strings', () => {
    const refs = Object.fromEntries(
      ['attachedVirtualMachineScaleSetReference', 'containerGroupProfile', 'subnetIds', 'diskEncryptionSetsReference'].map((name) => {
        const t = element(property(name).type);
        return [name, t.kind === 'resourceRef' ? [t.detectedBy, t.armShape, t.allowedTypes] : t.kind];
      }),
    );
    expect(refs).toEqual({
      attachedVirtualMachineScaleSetReference: ['arm-id-details', 'string', ['Microsoft.Compute/virtualMachineScaleSet']],
      containerGroupProfile: ['subresource', 'subresource', ['Microsoft.ContainerInstance/containerGroupProfiles']],
      subnetIds: ['subresource', 'subresource', ['Microsoft.Network/virtualNetworks/subnets']],
      diskEncryptionSetsReference: ['arm-id-details', 'string', ['Microsoft.Compute/diskEncryptionSets']],
    });
  });

  it('warns, with file and pointer, for the one type no loaded spec declares', () => {
    const found = loaded.diagnostics.filter((d) => d.code === 'arm-id-unknown-type');
    expect(found.map((d) => [d.severity, d.location])).toEqual([
      ['warning', { file: FILE, pointer: '/definitions/StandbyVirtualMachinePoolResourceProperties/properties/attachedVirtualMachineScaleSetId/x-ms-arm-id-details/allowedResources/0/resourceType' }],
    ]);
    expect(found[0].message).toContain('Microsoft.Compute/virtualMachineScaleSet');
  });

  it('judges parents of declared types declared, compares case-insensitively, and skips unloaded providers and patterns', () => {
    const pkgs = [{ resources: [{ armType: 'Microsoft.Network/virtualNetworks/subnets' }] }] as unknown as ApiPackage[];
    const site = (type: string) => ({ type, location: { file: 'f.json', pointer: `/${type}` } });
    const diagnostics = new Diagnostics();
    checkAllowedTypes(
      ['Microsoft.Network/virtualNetworks', 'microsoft.network/VIRTUALNETWORKS/subnets', 'Microsoft.Storage/storageAccounts', 'Microsoft.Network/*', 'Microsoft.Network/virtualNetwork'].map(site),
      pkgs,
      diagnostics,
    );
    expect(diagnostics.items.map((d) => d.location?.pointer)).toEqual(['/Microsoft.Network/virtualNetwork']);
  });
});
