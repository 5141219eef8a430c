/**
 * crossplane-owner: the URL parameters of each resource (but the subscription and its own name)
 * become spec properties, with Ref and Selector when they name a resource with a kind; the ARM
 * `id`, `name` and `type` leave the spec.
 *
 * Fixture `pipeline/crossplane-owner` (Microsoft.Test 2021-01-01): widgets in a resource group,
 * their parts, entries under the singleton widgets/settings/default (no PUT for it),
 * locations/quotas under a subscription, locks at /{scope}, plans under a subscription, and
 * gizmos whose body has a property `resourceGroupName` of its own, and folders/folders/files
 * (the type segment `folders` twice in the URL).
 */
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { ApiPackage } from '../../../generator/model/types.js';
import { crossplaneOwnerStage, identityParameters } from '../../../generator/pipeline/crossplane-owner.js';
import { onlyPackage } from '../../helpers.js';
import { crossplaneStageAlone, named, specProperties } from './crossplane-helpers.js';
import type { StageAloneResult } from './stage-helpers.js';

const RG = '/subscriptions/{subscriptionId}/resourceGroups/{resourceGroupName}/providers';
const names = (pkg: ApiPackage, kind: string) => specProperties(pkg, kind).map((p) => p.name);

describe('identityParameters', () => {
  it('names the resource group, each named parent after its type, and skips the subscription and the own name', () => {
    expect(identityParameters({ urlTemplate: `${RG}/Microsoft.Network/virtualNetworks/{virtualNetworkName}/subnets/{subnetName}`, nameParameter: 'subnetName' })).toEqual([
      { parameter: 'resourceGroupName', name: 'resourceGroupName', armType: 'Microsoft.Resources/resourceGroups' },
      { parameter: 'virtualNetworkName', name: 'virtualNetworkName', armType: 'Microsoft.Network/virtualNetworks' },
    ]);
  });

  it('names a parent by its type segment whatever the parameter is called, and skips fixed-name singletons', () => {
    expect(identityParameters({ urlTemplate: `${RG}/Microsoft.Storage/storageAccounts/{accountName}/blobServices/default/containers/{containerName}`, nameParameter: 'containerName' })).toEqual([
      { parameter: 'resourceGroupName', name: 'resourceGroupName', armType: 'Microsoft.Resources/resourceGroups' },
      { parameter: 'accountName', name: 'storageAccountName', armType: 'Microsoft.Storage/storageAccounts' },
    ]);
  });

  it('keeps a location, an extension scope, a management group and a query string apart', () => {
    expect(identityParameters({ urlTemplate: '/subscriptions/{subscriptionId}/providers/Microsoft.Test/locations/{location}/quotas/{quotaName}', nameParameter: 'quotaName' })).toEqual([
      { parameter: 'location', name: 'location' },
    ]);
    expect(identityParameters({ urlTemplate: '/{resourceUri}/providers/Microsoft.Insights/diagnosticSettings/{name}?api-version=2021-05-01', nameParameter: 'name' })).toEqual([
      { parameter: 'resourceUri', name: 'resourceUri' },
    ]);
    expect(identityParameters({ urlTemplate: '/providers/Microsoft.Management/managementGroups/{groupId}/providers/Microsoft.Authorization/policyDefinitions/{policyDefinitionName}', nameParameter: 'policyDefinitionName' })).toEqual([
      { parameter: 'groupId', name: 'managementGroupName' },
    ]);
    expect(identityParameters({ urlTemplate: '/subscriptions/{subscriptionId}/resourcegroups/{resourceGroupName}', nameParameter: 'resourceGroupName' })).toEqual([]);
  });
});

describe('crossplane-owner on the fixture', () => {
  let result: StageAloneResult;
  let pkg: ApiPackage;

  beforeAll(async () => {
    result = await crossplaneStageAlone('pipeline/crossplane-owner', crossplaneOwnerStage);
    pkg = onlyPackage(result.model);
  });

  afterEach(() => expect(result.input).toEqual(result.inputCopy));

  it('gives a resource-group resource resourceGroupName with Ref and Selector to a ResourceGroup, in front; id, name, type leave', () => {
    expect(names(pkg, 'Widget')).toEqual(['resourceGroupName', 'resourceGroupNameRef', 'resourceGroupNameSelector', 'size']);
    const widget = specProperties(pkg, 'Widget');
    expect(named(widget, 'resourceGroupName')).toEqual({
      name: 'resourceGroupName',
      armName: 'resourceGroupName',
      type: { kind: 'primitive', primitive: 'string' },
      required: false,
      readOnly: false,
      description: 'The name of the ResourceGroup this Widget belongs to. Set it, or fill it with resourceGroupNameRef or resourceGroupNameSelector.',
      kubernetesOnly: true,
      annotations: { crossplane: 'identity', urlParameter: 'resourceGroupName' },
    });
    expect(named(widget, 'resourceGroupNameRef').kubernetesOnly).toBe(true);
    expect(named(widget, 'resourceGroupNameRef').annotations).toEqual({ crossplane: 'ref', populates: 'resourceGroupName', referencedKinds: 'resources.azure.com/ResourceGroup' });
  });

  it('gives a child its parent by name, with Ref and Selector to the parent kind, and records the nearest parent as owner', () => {
    expect(names(pkg, 'WidgetsPart')).toEqual(['resourceGroupName', 'resourceGroupNameRef', 'resourceGroupNameSelector', 'widgetName', 'widgetNameRef', 'widgetNameSelector', 'size']);
    expect(named(specProperties(pkg, 'WidgetsPart'), 'widgetNameRef')).toMatchObject({
      description: 'Reference to a Widget (test.azure.com) to populate widgetName.',
      annotations: { populates: 'widgetName', referencedKinds: 'test.azure.com/Widget' },
    });
    expect(pkg.resources.find((r) => r.kubernetes?.kind === 'WidgetsPart')?.kubernetes?.owner).toEqual({ group: 'test.azure.com', kind: 'Widget' });
  });

  it('skips a fixed-name singleton between a resource and its named ancestor', () => {
    expect(names(pkg, 'WidgetsSettingsEntry')).toEqual(['resourceGroupName', 'resourceGroupNameRef', 'resourceGroupNameSelector', 'widgetName', 'widgetNameRef', 'widgetNameSelector', 'size']);
  });

  it('gives a location and an extension scope plain strings, and a subscription resource nothing', () => {
    expect(names(pkg, 'Quota')).toEqual(['location', 'size']);
    expect(named(specProperties(pkg, 'Quota'), 'location').description).toBe('The location parameter of the ARM URL of this Quota.');
    expect(names(pkg, 'Lock')).toEqual(['scope', 'size']);
    expect(names(pkg, 'Plan')).toEqual(['size']);
    expect(result.counts).toMatchObject({ 'crossplane.identity.referenced': 12, 'crossplane.identity.plain': 2 });
  });

  it('numbers a parent name the URL repeats, each with Ref and Selector to its own kind', () => {
    const file = specProperties(pkg, 'FoldersFoldersFile');
    expect(file.map((p) => p.name).slice(3, 9)).toEqual(['folderName', 'folderNameRef', 'folderNameSelector', 'folderName2', 'folderName2Ref', 'folderName2Selector']);
    expect(named(file, 'folderName').annotations).toMatchObject({ urlParameter: 'folderName' });
    expect(named(file, 'folderName2').annotations).toMatchObject({ urlParameter: 'subfolderName' });
    expect(named(file, 'folderNameRef').annotations?.referencedKinds).toBe('test.azure.com/Folder');
    expect(named(file, 'folderName2Ref').annotations?.referencedKinds).toBe('test.azure.com/FoldersFolder');
  });

  it('renames a URL parameter whose name the body already uses, and says so', () => {
    expect(names(pkg, 'Gizmo')).toEqual(['resourceGroupNameParameter', 'resourceGroupNameParameterRef', 'resourceGroupNameParameterSelector', 'size', 'resourceGroupName']);
    expect(result.diagnostics.map((d) => [d.severity, d.code])).toEqual([['warning', 'crossplane-identity-renamed']]);
  });
});
