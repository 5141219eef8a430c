/**
 * spec-status: `<Kind>_Spec` from the writable PUT body, `<Kind>_STATUS` from the GET body.
 *
 * Fixture `pipeline/spec-status`, package Contoso.Vaults 2022-03-01 (modelled on Key Vault):
 *   vaults          PUT VaultCreateOrUpdateParameters, GET Vault
 *   vaults/secrets  no GET, no schema on the PUT responses: the status comes from the PUT body
 *   vaults/locks    a PUT without a body
 * and Microsoft.Resources 2020-10-01, whose deploymentScripts PUT body is a discriminated type.
 */
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { ApiPackage, Model, Property, Type } from '../../../generator/model/types.js';
import { isWritable, specStatusStage } from '../../../generator/pipeline/spec-status.js';
import { asoStagesThrough, fixtureThrough, loadFixture, runStages } from '../../helpers.js';
import { def, names, prop, ref, resourceOf, runStageAlone, type StageRunResult } from './stage-helpers.js';

const FIXTURE = 'pipeline/spec-status';

describe('isWritable', () => {
  const base: Property = { name: 'x', armName: 'x', type: { kind: 'primitive', primitive: 'string' }, required: false, readOnly: false };
  it.each([
    [{}, true],
    [{ readOnly: true }, false],
    [{ mutability: ['read'] }, false],
    [{ mutability: ['create', 'read'] }, true],
    [{ mutability: ['update'] }, true],
    [{ mutability: ['read', 'create', 'update'] }, true],
    [{ mutability: [] }, true],
  ] as [Partial<Property>, boolean][])('%j → %s', (extra, expected) => {
    expect(isWritable({ ...base, ...extra })).toBe(expected);
  });
});

describe('spec-status on the fixture', () => {
  let input: Model;
  let snapshot: Model;
  let result: StageRunResult;
  let vaults: ApiPackage;

  beforeAll(async () => {
    const loaded = loadFixture(FIXTURE).model;
    const before = (await asoStagesThrough(specStatusStage.id)).slice(0, -1);
    const prepared = runStages(loaded, before).model;
    input = { packages: prepared.packages.filter((p) => p.namespace === 'Contoso.Vaults') };
    snapshot = structuredClone(input);
    result = runStageAlone(specStatusStage, input);
    vaults = result.model.packages[0];
  });

  // Every test also checks that the stage left its input as it was.
  afterEach(() => expect(input).toEqual(snapshot));

  it('names the spec and status types after the kind and records them on the resource', () => {
    expect(vaults.resources.map((r) => [r.armType, r.kubernetes?.specType, r.kubernetes?.statusType])).toEqual([
      ['Contoso.Vaults/vaults', 'Vault_Spec', 'Vault_STATUS'],
      ['Contoso.Vaults/vaults/secrets', 'VaultsSecret_Spec', 'VaultsSecret_STATUS'],
      ['Contoso.Vaults/vaults/locks', 'VaultsLock_Spec', 'VaultsLock_STATUS'],
    ]);
    expect(resourceOf(vaults, 'Contoso.Vaults/vaults').kubernetes).toMatchObject({ group: 'contoso.vaults.azure.com', kind: 'Vault' });
  });

  it('builds the spec from the PUT body, the status from the GET body', () => {
    // PUT body VaultCreateOrUpdateParameters has no id/name/type/systemData; GET body Vault has them.
    expect(names(vaults, 'Vault_Spec')).toEqual(['location', 'tags', 'properties']);
    expect(names(vaults, 'Vault_STATUS')).toEqual(['id', 'name', 'type', 'location', 'tags', 'systemData', 'properties']);
    expect(def(vaults, 'Vault_Spec')).toMatchObject({ side: 'spec', description: 'Parameters for creating or updating a vault.' });
    expect(def(vaults, 'Vault_Spec').source).toEqual(resourceOf(vaults, 'Contoso.Vaults/vaults').source);
    expect(def(vaults, 'Vault_STATUS').side).toBe('status');
  });

  it('leaves read-only properties (readOnly, or x-ms-mutability read) out of the spec', () => {
    const spec = names(vaults, 'VaultProperties');
    expect(spec).toEqual(expect.arrayContaining(['tenantId', 'sku', 'createMode', 'enableSoftDelete', 'networkAcls', 'accessPolicies', 'rootFolder']));
    expect(spec).not.toContain('vaultUri'); // x-ms-mutability: [read]
    expect(spec).not.toContain('hsmPoolResourceId'); // readOnly
    expect(spec).not.toContain('provisioningState'); // readOnly
    expect(names(vaults, 'IPRule')).toEqual(['value']); // addedAt is readOnly
    // The status keeps all of them, read-only flags included.
    expect(names(vaults, 'VaultProperties_STATUS')).toEqual([
      'tenantId', 'sku', 'vaultUri', 'hsmPoolResourceId', 'createMode', 'enableSoftDelete', 'provisioningState',
      'networkAcls', 'accessPolicies', 'health', 'rootFolder', 'replicas',
    ]);
    expect(prop(vaults, 'VaultProperties_STATUS', 'provisioningState').readOnly).toBe(true);
    expect(prop(vaults, 'IPRule_STATUS', 'addedAt').readOnly).toBe(true);
  });

  it('drops a nested property whose type has only read-only properties', () => {
    // VaultHealth: status is readOnly, lastCheckedAt is x-ms-mutability [read].
    expect(names(vaults, 'VaultProperties')).not.toContain('health');
    expect(names(vaults, 'VaultHealth_STATUS')).toEqual(['status', 'lastCheckedAt']);
    expect(prop(vaults, 'VaultProperties_STATUS', 'health').type).toEqual(ref('VaultHealth_STATUS'));
  });

  it('drops an array property whose item type has only read-only properties (VaultProperties.replicas)', () => {
    expect(names(vaults, 'VaultProperties')).not.toContain('replicas');
    expect(names(vaults, 'VaultProperties_STATUS')).toContain('replicas');
  });

  it('annotates create-only properties immutable, and only those', () => {
    expect(prop(vaults, 'VaultProperties', 'createMode').annotations).toEqual({ immutable: 'true' });
    expect(prop(vaults, 'Vault_Spec', 'location').annotations).toEqual({ immutable: 'true' });
    expect(prop(vaults, 'VaultProperties', 'enableSoftDelete').annotations).toBeUndefined();
    expect(prop(vaults, 'VaultProperties', 'tenantId').annotations).toBeUndefined();
    expect(prop(vaults, 'VaultProperties_STATUS', 'createMode').annotations).toBeUndefined();
  });

  it('keeps required in the spec and makes every status property optional', () => {
    expect(prop(vaults, 'Vault_Spec', 'location').required).toBe(true);
    expect(prop(vaults, 'Vault_Spec', 'properties').required).toBe(true);
    expect(prop(vaults, 'VaultProperties', 'tenantId').required).toBe(true);
    expect(prop(vaults, 'Sku', 'family').required).toBe(true);
    expect(prop(vaults, 'AccessPolicyEntry', 'permissions').required).toBe(true);
    const status = Object.values(vaults.types).filter((d) => d.side === 'status');
    expect(status.length).toBe(13);
    for (const d of status) {
      if (d.type.kind !== 'object') throw new Error(`${d.name} is not an object`);
      expect(d.type.properties.filter((p) => p.required).map((p) => `${d.name}.${p.name}`)).toEqual([]);
    }
  });

  it('copies nested named types: spec copies under their own name, status copies as <Name>_STATUS', () => {
    const specSide = Object.values(vaults.types).filter((d) => d.side === 'spec').map((d) => d.name).sort();
    expect(specSide).toEqual(
      ['AccessPolicyEntry', 'Folder', 'IPRule', 'NetworkRuleSet', 'SecretProperties', 'Sku', 'VaultHealth', 'VaultProperties', 'VaultReplica', 'VaultsLock_Spec', 'VaultsSecret_Spec', 'Vault_Spec'].sort(),
    );
    const statusSide = Object.values(vaults.types).filter((d) => d.side === 'status').map((d) => d.name).sort();
    expect(statusSide).toEqual(
      [
        'AccessPolicyEntry_STATUS', 'Folder_STATUS', 'IPRule_STATUS', 'NetworkRuleSet_STATUS', 'SecretProperties_STATUS', 'Sku_STATUS',
        'SystemData_STATUS', 'VaultHealth_STATUS', 'VaultProperties_STATUS', 'VaultReplica_STATUS', 'VaultsLock_STATUS', 'VaultsSecret_STATUS', 'Vault_STATUS',
      ].sort(),
    );
    expect(prop(vaults, 'Vault_Spec', 'properties').type).toEqual(ref('VaultProperties'));
    expect(prop(vaults, 'Vault_STATUS', 'properties').type).toEqual(ref('VaultProperties_STATUS'));
    expect(prop(vaults, 'VaultProperties', 'sku').type).toEqual(ref('Sku'));
    expect(prop(vaults, 'VaultProperties_STATUS', 'sku').type).toEqual(ref('Sku_STATUS'));
    expect(prop(vaults, 'NetworkRuleSet', 'ipRules').type).toEqual({ kind: 'array', items: ref('IPRule') });
    expect(prop(vaults, 'NetworkRuleSet_STATUS', 'ipRules').type).toEqual({ kind: 'array', items: ref('IPRule_STATUS') });
    expect(prop(vaults, 'Vault_STATUS', 'systemData').type).toEqual(ref('SystemData_STATUS'));
    expect(def(vaults, 'Sku_STATUS')).toMatchObject({ name: 'Sku_STATUS', description: 'SKU details.' });
  });

  it('leaves the ARM-shaped types nobody claimed without a side, unchanged', () => {
    for (const name of ['VaultCreateOrUpdateParameters', 'Vault', 'Secret', 'Lock', 'SystemData']) {
      expect(def(vaults, name).side).toBeUndefined();
      expect(def(vaults, name)).toBe(input.packages[0].types[name]);
    }
    expect(names(vaults, 'Vault')).toEqual(['id', 'name', 'type', 'location', 'tags', 'systemData', 'properties']);
  });

  it('copies a recursive type once per side, pointing at itself', () => {
    expect(names(vaults, 'Folder')).toEqual(['name', 'subfolders', 'parent']);
    expect(prop(vaults, 'Folder', 'subfolders').type).toEqual({ kind: 'array', items: ref('Folder') });
    expect(prop(vaults, 'Folder', 'parent').type).toEqual(ref('Folder'));
    expect(prop(vaults, 'Folder_STATUS', 'subfolders').type).toEqual({ kind: 'array', items: ref('Folder_STATUS') });
    expect(prop(vaults, 'Folder_STATUS', 'parent').type).toEqual(ref('Folder_STATUS'));
  });

  it('uses the PUT body for the status when there is no GET and no PUT response schema', () => {
    const secret = resourceOf(vaults, 'Contoso.Vaults/vaults/secrets');
    expect(secret.getType).toBeUndefined();
    expect(names(vaults, 'VaultsSecret_Spec')).toEqual(['properties']);
    expect(names(vaults, 'SecretProperties')).toEqual(['value', 'contentType']);
    expect(prop(vaults, 'SecretProperties', 'value').required).toBe(true);
    expect(names(vaults, 'VaultsSecret_STATUS')).toEqual(['id', 'name', 'properties']);
    expect(prop(vaults, 'VaultsSecret_STATUS', 'properties').type).toEqual(ref('SecretProperties_STATUS'));
    expect(names(vaults, 'SecretProperties_STATUS')).toEqual(['value', 'contentType', 'secretUri']);
  });

  it('gives a resource whose PUT has no body an empty spec (the PUT still creates it), and a status from the GET', () => {
    const locks = resourceOf(vaults, 'Contoso.Vaults/vaults/locks');
    expect(locks.kubernetes?.specType).toBe('VaultsLock_Spec');
    expect(names(vaults, 'VaultsLock_Spec')).toEqual([]);
    expect(result.diagnostics).toEqual([]);
    expect(names(vaults, 'VaultsLock_STATUS')).toEqual(['id', 'level']);
  });

  it('counts the specs made, and those without a PUT body', () => {
    expect(result.counts).toEqual({ specs: 3, 'specs.noBody': 1 });
  });

  it('is what the aso pipeline produces at this stage', async () => {
    const { model } = await fixtureThrough(FIXTURE, specStatusStage.id);
    expect(model.packages.find((p) => p.namespace === 'Contoso.Vaults')).toEqual(vaults);
  });

  it('does not mutate its input', () => {
    expect(input).toEqual(snapshot);
    expect(input.packages[0].types.Vault_Spec).toBeUndefined();
    expect(input.packages[0].types.VaultProperties.side).toBeUndefined();
  });
});

describe('spec-status with a discriminated PUT body', () => {
  it('gives Microsoft.Resources/deploymentScripts (PUT body a union on `kind`) a spec and a status with one property per variant', async () => {
    const { model } = await fixtureThrough(FIXTURE, 'spec-status');
    const pkg = model.packages.find((p) => p.resources.some((r) => r.armType === 'Microsoft.Resources/deploymentScripts'))!;
    const script = pkg.resources.find((r) => r.armType === 'Microsoft.Resources/deploymentScripts')!;
    expect(script.kubernetes).toMatchObject({ specType: 'DeploymentScript_Spec', statusType: 'DeploymentScript_STATUS' });
    const spec = pkg.types.DeploymentScript_Spec.type;
    const status = pkg.types.DeploymentScript_STATUS.type;
    expect(spec).toMatchObject({ kind: 'object', discriminator: 'kind' });
    const variants = (t: Type) => (t.kind === 'object' ? t.properties.map((p) => [p.name, p.type, p.variant, p.required]) : []);
    expect(variants(spec)).toEqual([
      ['azureCliScript', { kind: 'ref', name: 'AzureCliScript' }, 'AzureCLI', false],
      ['azurePowerShellScript', { kind: 'ref', name: 'AzurePowerShellScript' }, 'AzurePowerShell', false],
    ]);
    expect(variants(status)).toEqual([
      ['azureCliScript', { kind: 'ref', name: 'AzureCliScript_STATUS' }, 'AzureCLI', false],
      ['azurePowerShellScript', { kind: 'ref', name: 'AzurePowerShellScript_STATUS' }, 'AzurePowerShell', false],
    ]);
    expect(pkg.types.AzureCliScript.side).toBe('spec');
  });
});
