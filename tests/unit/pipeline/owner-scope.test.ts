/**
 * owner-scope: `owner` and `azureName` on each spec; the ARM `id`, `name` and `type` leave it.
 *
 * Fixture `pipeline/owner-scope`:
 *   Microsoft.Storage 2023-01-01     storageAccounts (resource group; the PUT body has a writable
 *                                    id and name, and a flattened properties.type), the singleton
 *                                    blobServices/default, its containers, fileServices/default/shares
 *                                    (no PUT for fileServices), locations/localUsers under a resource
 *                                    group, locations/deletedAccounts under a subscription
 *   Microsoft.Authorization 2020-05-01  locks at /{scope} (extension), policyDefinitions
 *                                    (subscription), policySetDefinitions (management group)
 *   Microsoft.Insights 2021-05-01-preview  diagnosticSettings at /{resourceUri} (extension)
 *   Microsoft.Subscription 2021-10-01  aliases (tenant)
 */
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { ApiPackage, Model, Property, Resource } from '../../../generator/model/types.js';
import type { PipelineOptions } from '../../../generator/pipeline/options.js';
import { ownerScopeStage } from '../../../generator/pipeline/owner-scope.js';
import { asoStagesThrough, fixtureThrough, loadFixture, runStages } from '../../helpers.js';
import { def, propertiesOf, runStageAlone, type StageRunResult } from './stage-helpers.js';

const FIXTURE = 'pipeline/owner-scope';
const RESOURCE_GROUP = { group: 'resources.azure.com', kind: 'ResourceGroup' };

/** The model as `owner-scope` receives it in the `aso` pipeline. */
async function stageInput(options: Partial<PipelineOptions> = {}): Promise<Model> {
  const before = (await asoStagesThrough(ownerScopeStage.id)).slice(0, -1);
  return runStages(loadFixture(FIXTURE).model, before, { options }).model;
}

/** The package and resource of an ARM type, anywhere in the model. */
function find(model: Model, armType: string): { pkg: ApiPackage; resource: Resource } {
  for (const pkg of model.packages) {
    const resource = pkg.resources.find((r) => r.armType === armType);
    if (resource) return { pkg, resource };
  }
  throw new Error(`no resource ${armType}`);
}

/** The spec properties of an ARM type's resource. */
function spec(model: Model, armType: string): Property[] {
  const { pkg, resource } = find(model, armType);
  return propertiesOf(pkg, resource.kubernetes!.specType!);
}

const names = (properties: Property[]) => properties.map((p) => p.name);
const byName = (properties: Property[], name: string) => {
  const p = properties.find((x) => x.name === name);
  if (!p) throw new Error(`no property ${name}; there are ${names(properties).join(', ')}`);
  return p;
};

const AZURE_NAME: Property = {
  name: 'azureName',
  armName: 'name',
  role: 'azureName',
  type: { kind: 'primitive', primitive: 'string' },
  required: false,
  readOnly: false,
  description: 'The name of the resource in Azure. Defaults to metadata.name when not set.',
};

describe('owner-scope on the fixture', () => {
  let input: Model;
  let snapshot: Model;
  let result: StageRunResult;

  beforeAll(async () => {
    input = await stageInput();
    snapshot = structuredClone(input);
    result = runStageAlone(ownerScopeStage, input);
  });

  // Every test also checks that the stage left its input as it was.
  afterEach(() => expect(input).toEqual(snapshot));

  it('gives a resource-group resource a required ResourceGroup owner and an azureName', () => {
    const account = spec(result.model, 'Microsoft.Storage/storageAccounts');
    expect(account.slice(0, 2)).toEqual([
      AZURE_NAME,
      {
        name: 'owner',
        armName: 'owner',
        role: 'owner',
        type: { kind: 'ownerRef', kinds: [RESOURCE_GROUP] },
        required: true,
        readOnly: false,
        description: 'The owner of the resource: a reference to a ResourceGroup.',
      },
    ]);
    expect(find(result.model, 'Microsoft.Storage/storageAccounts').resource.kubernetes).toMatchObject({
      kind: 'StorageAccount',
      owner: RESOURCE_GROUP,
      hasAzureName: true,
    });
  });

  it('gives a child resource its parent kind as owner', () => {
    expect(byName(spec(result.model, 'Microsoft.Storage/storageAccounts/blobServices'), 'owner').type).toEqual({
      kind: 'ownerRef',
      kinds: [{ group: 'storage.azure.com', kind: 'StorageAccount' }],
    });
    const container = find(result.model, 'Microsoft.Storage/storageAccounts/blobServices/containers');
    expect(byName(spec(result.model, container.resource.armType), 'owner')).toMatchObject({
      required: true,
      type: { kind: 'ownerRef', kinds: [{ group: 'storage.azure.com', kind: 'StorageAccountsBlobService' }] },
      description: 'The owner of the resource: a reference to a StorageAccountsBlobService.',
    });
    expect(container.resource.kubernetes?.owner).toEqual({ group: 'storage.azure.com', kind: 'StorageAccountsBlobService' });
  });

  it('gives a fixed-name singleton no azureName', () => {
    const blobService = find(result.model, 'Microsoft.Storage/storageAccounts/blobServices');
    expect(blobService.resource.fixedName).toBe('default');
    expect(names(spec(result.model, blobService.resource.armType))).toEqual(['owner', 'isVersioningEnabled']);
    expect(blobService.resource.kubernetes?.hasAzureName).toBe(false);
  });

  it('gives extension resources (/{scope}, /{resourceUri}) and management-group ones an owner of any kind', () => {
    for (const armType of ['Microsoft.Authorization/locks', 'Microsoft.Insights/diagnosticSettings', 'Microsoft.Authorization/policySetDefinitions']) {
      const { resource } = find(result.model, armType);
      const owner = byName(spec(result.model, armType), 'owner');
      expect(owner.type).toEqual({ kind: 'ownerRef' });
      expect(owner.required).toBe(true);
      expect(owner.description).toBe('The owner of the resource: a reference to a resource of any kind (group, kind, name) or an ARM ID.');
      expect(resource.kubernetes?.owner).toEqual({ any: true });
    }
    expect(find(result.model, 'Microsoft.Authorization/locks').resource.scope).toBe('extension');
    expect(find(result.model, 'Microsoft.Insights/diagnosticSettings').resource.scopeDetail).toBe('{resourceUri}');
    expect(names(spec(result.model, 'Microsoft.Authorization/locks'))).toEqual(['azureName', 'owner', 'level', 'notes']);
  });

  it('gives subscription- and tenant-scoped resources no owner', () => {
    for (const armType of ['Microsoft.Authorization/policyDefinitions', 'Microsoft.Subscription/aliases', 'Microsoft.Storage/locations/deletedAccounts']) {
      const { resource } = find(result.model, armType);
      const properties = spec(result.model, armType);
      expect(properties.some((p) => p.role === 'owner')).toBe(false);
      expect(properties[0]).toEqual(AZURE_NAME);
      expect(resource.kubernetes?.owner).toBeUndefined();
      expect(resource.kubernetes?.hasAzureName).toBe(true);
    }
    expect(names(spec(result.model, 'Microsoft.Subscription/aliases'))).toEqual(['azureName', 'displayName', 'billingScope']);
  });

  it('gives a location-scoped resource under a resource group a ResourceGroup owner', () => {
    const { resource } = find(result.model, 'Microsoft.Storage/locations/localUsers');
    expect([resource.scope, resource.scopeDetail]).toEqual(['location', 'resourceGroup']);
    expect(byName(spec(result.model, resource.armType), 'owner').type).toEqual({ kind: 'ownerRef', kinds: [RESOURCE_GROUP] });
  });

  it('removes the ARM id, name and type from the top of the spec, and only those', () => {
    // The create parameters declare a writable id and name: they were in the input spec.
    const account = find(input, 'Microsoft.Storage/storageAccounts');
    expect(names(propertiesOf(account.pkg, 'StorageAccount_Spec'))).toEqual(['id', 'name', 'location', 'kind', 'identity', 'accessTier', 'type']);
    const after = spec(result.model, 'Microsoft.Storage/storageAccounts');
    expect(names(after)).toEqual(['azureName', 'owner', 'location', 'kind', 'identity', 'accessTier', 'type']);
    // The remaining `type` is the flattened properties.type, not the ARM resource type.
    expect(byName(after, 'type').armPath).toEqual(['properties', 'type']);
    // A nested `type` (the identity type) is untouched.
    const { pkg } = find(result.model, 'Microsoft.Storage/storageAccounts');
    expect(names(propertiesOf(pkg, 'Identity'))).toEqual(['type']);
    expect(def(pkg, 'Identity')).toBe(account.pkg.types.Identity);
  });

  it('keeps id, name and type in the status', () => {
    const { pkg, resource } = find(result.model, 'Microsoft.Storage/storageAccounts');
    expect(names(propertiesOf(pkg, resource.kubernetes!.statusType!)).slice(0, 3)).toEqual(['id', 'name', 'type']);
    for (const p of result.model.packages) {
      for (const r of p.resources) {
        const status = r.kubernetes?.statusType;
        if (status) expect(p.types[status]).toBe(input.packages.find((q) => q.id === p.id)!.types[status]);
      }
    }
  });

  it('reports a parent without a PUT (owner-unknown) and lets the owner be anything', () => {
    const share = find(result.model, 'Microsoft.Storage/storageAccounts/fileServices/shares');
    expect(result.diagnostics).toEqual([
      {
        code: 'owner-unknown',
        severity: 'warning',
        source: 'owner-scope',
        message:
          'the parent Microsoft.Storage/storageAccounts/fileServices of Microsoft.Storage/storageAccounts/fileServices/shares has no kind (no PUT in the specs); its owner is given by ARM ID',
        location: share.resource.source,
      },
    ]);
    expect(byName(spec(result.model, share.resource.armType), 'owner').type).toEqual({ kind: 'ownerRef' });
    expect(share.resource.kubernetes?.owner).toEqual({ any: true });
    expect(share.resource.kubernetes?.hasAzureName).toBe(true);
  });

  it('counts owners by kind', () => {
    // kind: storageAccounts, blobServices, containers, localUsers; any: locks, policySetDefinitions,
    // diagnosticSettings, shares.
    expect(result.counts).toEqual({ 'owners.kind': 4, 'owners.any': 4 });
  });

  it('is what the aso pipeline produces at this stage', async () => {
    const { model } = await fixtureThrough(FIXTURE, ownerScopeStage.id);
    expect(model).toEqual(result.model);
  });

  it('does not mutate its input', () => {
    expect(input).toEqual(snapshot);
    expect(find(input, 'Microsoft.Storage/storageAccounts').resource.kubernetes?.owner).toBeUndefined();
  });
});

describe('owner-scope with a groupSuffix', () => {
  it('puts ResourceGroup in the resources group of that suffix', async () => {
    const input = await stageInput({ groupSuffix: 'example.org' });
    const snapshot = structuredClone(input);
    const { model } = runStageAlone(ownerScopeStage, input, { groupSuffix: 'example.org' });
    const owner = { group: 'resources.example.org', kind: 'ResourceGroup' };
    expect(byName(spec(model, 'Microsoft.Storage/storageAccounts'), 'owner').type).toEqual({ kind: 'ownerRef', kinds: [owner] });
    expect(find(model, 'Microsoft.Storage/storageAccounts').resource.kubernetes?.owner).toEqual(owner);
    expect(byName(spec(model, 'Microsoft.Storage/storageAccounts/blobServices'), 'owner').type).toEqual({
      kind: 'ownerRef',
      kinds: [{ group: 'storage.example.org', kind: 'StorageAccount' }],
    });
    expect(input).toEqual(snapshot);
  });
});
