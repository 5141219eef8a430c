/**
 * resource-names: Kubernetes group, version, kind and plural of every resource.
 *
 * Fixture `pipeline/resource-names`: Contoso.Widgets at 2021-04-01 (stable), 2021-04-01-preview
 * and 2023-05-01 (where `widgetfactories` is spelled `widgetFactories`), a second folder
 * declaring Contoso.Widgets/widgets at 2021-04-01 again, and Microsoft.Storage 2021-04-01 with a
 * singleton child and a grand-child.
 */
import path from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { loadSpecs } from '../../../generator/loader/load.js';
import type { ApiPackage, Model } from '../../../generator/model/types.js';
import { kindAndPlural, kubernetesGroup, kubernetesVersion, resourceNamesStage } from '../../../generator/pipeline/resource-names.js';
import { asoStagesThrough, fixturesDir, fixtureThrough, loadFixture, runStages } from '../../helpers.js';
import { resourceOf, runStageAlone, type StageRunResult } from './stage-helpers.js';

const FIXTURE = 'pipeline/resource-names';

/** The model as `resource-names` receives it in the `aso` pipeline. */
async function stageInput(model: Model): Promise<Model> {
  return runStages(model, (await asoStagesThrough(resourceNamesStage.id)).slice(0, -1)).model;
}

function pkgOf(model: Model, namespace: string, apiVersion: string, folder = ''): ApiPackage {
  const pkg = model.packages.find((p) => p.namespace === namespace && p.apiVersion === apiVersion && p.id.startsWith(`specification/${folder}`));
  if (!pkg) throw new Error(`no package ${namespace} ${apiVersion} in ${folder || 'any folder'}`);
  return pkg;
}

describe('kubernetesGroup', () => {
  it.each([
    ['Microsoft.Storage', 'azure.com', 'storage.azure.com'],
    ['Microsoft.DBforPostgreSQL', 'azure.com', 'dbforpostgresql.azure.com'],
    ['microsoft.network', 'azure.com', 'network.azure.com'],
    ['Contoso.Widgets', 'azure.com', 'contoso.widgets.azure.com'],
    ['Dynatrace.Observability', 'example.org', 'dynatrace.observability.example.org'],
    ['Contoso_Widgets.V2', 'azure.com', 'contosowidgets.v2.azure.com'],
    ['Microsoft.-Odd-', 'azure.com', 'odd.azure.com'],
  ])('%s with suffix %s → %s', (namespace, suffix, expected) => {
    expect(kubernetesGroup(namespace, suffix)).toBe(expected);
  });

  it('keeps every label of the group within 63 characters', () => {
    const group = kubernetesGroup(`Contoso.${'a'.repeat(80)}`, 'azure.com');
    expect(group).toBe(`contoso.${'a'.repeat(63)}.azure.com`);
  });
});

describe('kubernetesVersion', () => {
  it.each([
    ['2021-04-01', 'v20210401'],
    ['2021-04-01-preview', 'v20210401preview'],
    ['2017-03-01-PREVIEW', 'v20170301preview'],
    ['2023-10-01-beta', 'v20231001beta'],
  ])('%s → %s', (apiVersion, expected) => {
    expect(kubernetesVersion(apiVersion)).toBe(expected);
  });
});

describe('kindAndPlural', () => {
  it.each([
    ['Microsoft.Network/virtualNetworks', 'resourceGroup', 'VirtualNetwork', 'virtualnetworks'],
    ['Microsoft.Network/virtualNetworks/subnets', 'resourceGroup', 'VirtualNetworksSubnet', 'virtualnetworkssubnets'],
    ['Microsoft.Storage/storageAccounts/blobServices/containers', 'resourceGroup', 'StorageAccountsBlobServicesContainer', 'storageaccountsblobservicescontainers'],
    ['Microsoft.Network/publicIPAddresses', 'resourceGroup', 'PublicIPAddress', 'publicipaddresses'],
    // location-scoped types skip `locations`; other types keep it
    ['Contoso.Widgets/locations/quotas', 'location', 'Quota', 'quotas'],
    ['Contoso.Widgets/locations/quotas', 'subscription', 'LocationsQuota', 'locationsquotas'],
  ] as const)('%s (%s) → %s / %s', (armType, scope, kind, plural) => {
    expect(kindAndPlural({ armType, scope })).toEqual({ kind, plural });
  });
});

describe('resource-names on the fixture', () => {
  let input: Model;
  let snapshot: Model;
  let result: StageRunResult;

  beforeAll(async () => {
    input = await stageInput(loadFixture(FIXTURE).model);
    snapshot = structuredClone(input);
    result = runStageAlone(resourceNamesStage, input);
  });

  // Every test also checks that the stage left its input as it was.
  afterEach(() => expect(input).toEqual(snapshot));

  it('gives each resource its group, version, kind and plural', () => {
    const widgets = pkgOf(result.model, 'Contoso.Widgets', '2021-04-01', 'widgets/');
    const table = Object.fromEntries(widgets.resources.map((r) => [r.armType, r.kubernetes && [r.kubernetes.kind, r.kubernetes.plural]]));
    expect(table).toEqual({
      'Contoso.Widgets/widgets': ['Widget', 'widgets'],
      'Contoso.Widgets/widgets/gadgets': ['WidgetsGadget', 'widgetsgadgets'],
      'Contoso.Widgets/policies': ['Policy', 'policies'],
      'Contoso.Widgets/addresses': ['Address', 'addresses'],
      'Contoso.Widgets/redis': ['Redis', 'redis'],
      'Contoso.Widgets/indexes': ['Index', 'indexes'],
      'Contoso.Widgets/locations/quotas': ['Quota', 'quotas'],
      'Contoso.Widgets/widgetfactories': ['WidgetFactory', 'widgetfactories'],
      'Contoso.Widgets/widgets/policies': ['WidgetsPolicy', 'widgetspolicies'],
      'Contoso.Widgets/widgetsPolicies': ['WidgetsPolicy2', 'widgetspolicy2s'],
    });
    expect(new Set(widgets.resources.map((r) => r.kubernetes!.group))).toEqual(new Set(['contoso.widgets.azure.com']));
    expect(new Set(widgets.resources.map((r) => r.kubernetes!.version))).toEqual(new Set(['v20210401']));
    expect(resourceOf(widgets, 'Contoso.Widgets/locations/quotas').scope).toBe('location');
  });

  it('names child and grand-child resources after their parents, in a Microsoft namespace', () => {
    const storage = pkgOf(result.model, 'Microsoft.Storage', '2021-04-01');
    expect(storage.resources.map((r) => r.kubernetes)).toEqual([
      { group: 'storage.azure.com', version: 'v20210401', kind: 'StorageAccount', plural: 'storageaccounts' },
      { group: 'storage.azure.com', version: 'v20210401', kind: 'StorageAccountsBlobService', plural: 'storageaccountsblobservices' },
      { group: 'storage.azure.com', version: 'v20210401', kind: 'StorageAccountsBlobServicesContainer', plural: 'storageaccountsblobservicescontainers' },
    ]);
    expect(resourceOf(storage, 'Microsoft.Storage/storageAccounts/blobServices').fixedName).toBe('default');
  });

  it('turns a preview api-version into a preview Kubernetes version of the same kind', () => {
    const preview = pkgOf(result.model, 'Contoso.Widgets', '2021-04-01-preview');
    expect(resourceOf(preview, 'Contoso.Widgets/widgets').kubernetes).toEqual({
      group: 'contoso.widgets.azure.com',
      version: 'v20210401preview',
      kind: 'Widget',
      plural: 'widgets',
    });
  });

  it('gives an ARM type one kind in every version, spelled as in its latest api-version', () => {
    const old = resourceOf(pkgOf(result.model, 'Contoso.Widgets', '2021-04-01', 'widgets/'), 'Contoso.Widgets/widgetfactories');
    const latest = resourceOf(pkgOf(result.model, 'Contoso.Widgets', '2023-05-01'), 'Contoso.Widgets/widgetFactories');
    expect([old.kubernetes?.kind, old.kubernetes?.version]).toEqual(['WidgetFactory', 'v20210401']);
    expect([latest.kubernetes?.kind, latest.kubernetes?.version]).toEqual(['WidgetFactory', 'v20230501']);
    expect(old.kubernetes?.plural).toBe(latest.kubernetes?.plural);
  });

  it('spells the kind from the old casing when the old version is all there is', async () => {
    const only2021 = loadSpecs({
      specsDir: path.join(fixturesDir, FIXTURE),
      filter: (p) => p.apiVersion === '2021-04-01' && p.id.startsWith('specification/widgets/'),
    });
    const alone = runStageAlone(resourceNamesStage, await stageInput(only2021.model));
    const factory = resourceOf(onlyOne(alone.model), 'Contoso.Widgets/widgetfactories');
    expect(factory.kubernetes?.kind).toBe('Widgetfactory');
  });

  it('resolves a kind collision between two ARM types in ARM type order, and reports it', () => {
    const collisions = result.diagnostics.filter((d) => d.code === 'kind-collision');
    expect(collisions).toHaveLength(1);
    expect(collisions[0]).toMatchObject({
      severity: 'warning',
      source: 'resource-names',
      message:
        'Contoso.Widgets/widgetsPolicies would be kind WidgetsPolicy in contoso.widgets.azure.com, which already names Contoso.Widgets/widgets/policies; it is kind WidgetsPolicy2',
      location: { file: 'specification/widgets/resource-manager/Contoso.Widgets/stable/2021-04-01/widgets.json' },
    });
    expect(collisions[0].location?.pointer).toContain('widgetsPolicies');
  });

  it('resolves the collision the same way whatever the order of the resources', () => {
    const reversed: Model = structuredClone(input);
    for (const pkg of reversed.packages) pkg.resources.reverse();
    const again = runStageAlone(resourceNamesStage, reversed);
    const widgets = pkgOf(again.model, 'Contoso.Widgets', '2021-04-01', 'widgets/');
    expect(resourceOf(widgets, 'Contoso.Widgets/widgets/policies').kubernetes?.kind).toBe('WidgetsPolicy');
    expect(resourceOf(widgets, 'Contoso.Widgets/widgetsPolicies').kubernetes?.kind).toBe('WidgetsPolicy2');
    expect(again.diagnostics.filter((d) => d.code === 'kind-collision').map((d) => d.message)).toEqual(
      result.diagnostics.filter((d) => d.code === 'kind-collision').map((d) => d.message),
    );
  });

  it('gives no kind to a second declaration of a kind at the same version, and reports it', () => {
    const legacy = pkgOf(result.model, 'Contoso.Widgets', '2021-04-01', 'widgetsextra/');
    expect(resourceOf(legacy, 'Contoso.Widgets/widgets').kubernetes).toBeUndefined();
    const main = pkgOf(result.model, 'Contoso.Widgets', '2021-04-01', 'widgets/');
    expect(resourceOf(main, 'Contoso.Widgets/widgets').kubernetes?.kind).toBe('Widget');
    const duplicates = result.diagnostics.filter((d) => d.code === 'duplicate-kind-version');
    expect(duplicates).toHaveLength(1);
    expect(duplicates[0]).toMatchObject({
      severity: 'warning',
      message: expect.stringContaining('specification/widgets/resource-manager/Contoso.Widgets/stable/2021-04-01/widgets.json'),
      location: { file: 'specification/widgetsextra/resource-manager/Contoso.Widgets/stable/2021-04-01/legacy.json' },
    });
  });

  it('reports nothing else and counts the kinds given', () => {
    expect(result.diagnostics.map((d) => d.code).sort()).toEqual(['duplicate-kind-version', 'kind-collision']);
    expect(result.counts).toEqual({ kinds: 16 });
  });

  it('is what the aso pipeline produces at this stage', async () => {
    const { model } = await fixtureThrough(FIXTURE, resourceNamesStage.id);
    expect(model).toEqual(result.model);
  });

  it('does not mutate its input', () => {
    expect(input).toEqual(snapshot);
    expect(input.packages.every((p) => p.resources.every((r) => r.kubernetes === undefined))).toBe(true);
  });

  it('uses the groupSuffix option', async () => {
    const { model, diagnostics } = await fixtureThrough(FIXTURE, resourceNamesStage.id, { options: { groupSuffix: 'example.org' } });
    expect(diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    const groups = new Set(model.packages.flatMap((p) => p.resources.flatMap((r) => (r.kubernetes ? [r.kubernetes.group] : []))));
    expect(groups).toEqual(new Set(['contoso.widgets.example.org', 'storage.example.org']));
  });

});

function onlyOne(model: Model): ApiPackage {
  expect(model.packages).toHaveLength(1);
  return model.packages[0];
}

describe('kind names Kubernetes can hold', () => {
  it('keeps fewer parent segments when the kind (with "List") or the plural would pass 63 characters', () => {
    const long = kindAndPlural({
      armType: 'Microsoft.M365SecurityAndCompliance/privateLinkServicesForM365ComplianceCenter/privateEndpointConnections',
      scope: 'resourceGroup',
    });
    expect(long).toEqual({
      kind: 'PrivateEndpointConnection',
      plural: 'privateendpointconnections',
      shortenedFrom: 'PrivateLinkServicesForM365ComplianceCenterPrivateEndpointConnection',
    });
    const nested = kindAndPlural({ armType: 'Microsoft.DocumentDB/databaseAccounts/mongodbDatabases/collections/throughputSettings', scope: 'resourceGroup' });
    expect(nested.kind).toBe('MongodbDatabasesCollectionsThroughputSetting');
    expect(nested.kind.length + 'List'.length).toBeLessThanOrEqual(63);
    expect(kindAndPlural({ armType: 'Microsoft.Network/virtualNetworks/subnets', scope: 'resourceGroup' }).shortenedFrom).toBeUndefined();
  });
});
