/** `parseArmPath` on real-looking PUT paths (most taken from azure-rest-api-specs): ARM type, scope, parent, name. */
import { describe, expect, it } from 'vitest';
import { parseArmPath, type ParsedArmPath } from '../../../generator/loader/arm-path.js';

const sub = '/subscriptions/{subscriptionId}';
const rg = '/subscriptions/{subscriptionId}/resourceGroups/{resourceGroupName}';

describe('parseArmPath: resource paths', () => {
  const table: [string, string, ParsedArmPath][] = [
    ['tenant', '/providers/Microsoft.Portal/consoles/{consoleName}', { namespace: 'Microsoft.Portal', armType: 'Microsoft.Portal/consoles', scope: 'tenant', nameParameter: 'consoleName' }],
    [
      'the management group resource itself is tenant-scoped',
      '/providers/Microsoft.Management/managementGroups/{groupId}',
      { namespace: 'Microsoft.Management', armType: 'Microsoft.Management/managementGroups', scope: 'tenant', nameParameter: 'groupId' },
    ],
    [
      'management group',
      '/providers/Microsoft.Management/managementGroups/{managementGroupId}/providers/Microsoft.Authorization/policyDefinitions/{policyDefinitionName}',
      { namespace: 'Microsoft.Authorization', armType: 'Microsoft.Authorization/policyDefinitions', scope: 'managementGroup', nameParameter: 'policyDefinitionName' },
    ],
    [
      'management group, lower-case namespace',
      '/providers/microsoft.management/managementGroups/{managementGroupId}/providers/microsoft.insights/diagnosticSettings/{name}',
      { namespace: 'microsoft.insights', armType: 'microsoft.insights/diagnosticSettings', scope: 'managementGroup', nameParameter: 'name' },
    ],
    [
      'management group with the namespace as a parameter (PolicyInsights)',
      '/providers/{managementGroupsNamespace}/managementGroups/{managementGroupId}/providers/Microsoft.PolicyInsights/remediations/{remediationName}',
      { namespace: 'Microsoft.PolicyInsights', armType: 'Microsoft.PolicyInsights/remediations', scope: 'managementGroup', nameParameter: 'remediationName' },
    ],
    ['subscription', `${sub}/providers/Microsoft.Security/pricings/{pricingName}`, { namespace: 'Microsoft.Security', armType: 'Microsoft.Security/pricings', scope: 'subscription', nameParameter: 'pricingName' }],
    [
      'resource group',
      `${rg}/providers/Microsoft.Storage/storageAccounts/{accountName}`,
      { namespace: 'Microsoft.Storage', armType: 'Microsoft.Storage/storageAccounts', scope: 'resourceGroup', nameParameter: 'accountName' },
    ],
    [
      'resource group, any casing of the fixed segments',
      '/Subscriptions/{subscriptionId}/resourcegroups/{resourceGroupName}/Providers/Microsoft.Web/sites/{name}',
      { namespace: 'Microsoft.Web', armType: 'Microsoft.Web/sites', scope: 'resourceGroup', nameParameter: 'name' },
    ],
    [
      'child',
      `${rg}/providers/Microsoft.Network/virtualNetworks/{virtualNetworkName}/subnets/{subnetName}`,
      { namespace: 'Microsoft.Network', armType: 'Microsoft.Network/virtualNetworks/subnets', scope: 'resourceGroup', parentArmType: 'Microsoft.Network/virtualNetworks', nameParameter: 'subnetName' },
    ],
    [
      'fixed-name singleton',
      `${rg}/providers/Microsoft.Storage/storageAccounts/{accountName}/blobServices/default`,
      { namespace: 'Microsoft.Storage', armType: 'Microsoft.Storage/storageAccounts/blobServices', scope: 'resourceGroup', parentArmType: 'Microsoft.Storage/storageAccounts', fixedName: 'default' },
    ],
    [
      'child of a singleton',
      `${rg}/providers/Microsoft.Storage/storageAccounts/{accountName}/blobServices/default/containers/{containerName}`,
      {
        namespace: 'Microsoft.Storage',
        armType: 'Microsoft.Storage/storageAccounts/blobServices/containers',
        scope: 'resourceGroup',
        parentArmType: 'Microsoft.Storage/storageAccounts/blobServices',
        nameParameter: 'containerName',
      },
    ],
    [
      'query string (x-ms-paths) ignored',
      `${rg}/providers/Microsoft.Web/sites/{name}/config/web?overload=true`,
      { namespace: 'Microsoft.Web', armType: 'Microsoft.Web/sites/config', scope: 'resourceGroup', parentArmType: 'Microsoft.Web/sites', fixedName: 'web' },
    ],
    [
      'trailing slash ignored',
      `${sub}/providers/Microsoft.Security/pricings/{pricingName}/`,
      { namespace: 'Microsoft.Security', armType: 'Microsoft.Security/pricings', scope: 'subscription', nameParameter: 'pricingName' },
    ],
    [
      'extension on {scope}',
      '/{scope}/providers/Microsoft.Authorization/roleAssignments/{roleAssignmentName}',
      { namespace: 'Microsoft.Authorization', armType: 'Microsoft.Authorization/roleAssignments', scope: 'extension', scopeDetail: '{scope}', nameParameter: 'roleAssignmentName' },
    ],
    [
      'extension on {resourceUri}',
      '/{resourceUri}/providers/Microsoft.Insights/diagnosticSettings/{name}',
      { namespace: 'Microsoft.Insights', armType: 'Microsoft.Insights/diagnosticSettings', scope: 'extension', scopeDetail: '{resourceUri}', nameParameter: 'name' },
    ],
    [
      'extension on a given resource type',
      `${rg}/providers/Microsoft.Compute/virtualMachines/{vmName}/providers/Microsoft.GuestConfiguration/guestConfigurationAssignments/{guestConfigurationAssignmentName}`,
      {
        namespace: 'Microsoft.GuestConfiguration',
        armType: 'Microsoft.GuestConfiguration/guestConfigurationAssignments',
        scope: 'extension',
        scopeDetail: 'Microsoft.Compute/virtualMachines',
        nameParameter: 'guestConfigurationAssignmentName',
      },
    ],
    [
      'extension on a tenant-level resource of another provider',
      '/providers/Microsoft.Billing/billingAccounts/{billingAccountId}/providers/Microsoft.Consumption/budgets/{budgetName}',
      { namespace: 'Microsoft.Consumption', armType: 'Microsoft.Consumption/budgets', scope: 'extension', scopeDetail: 'Microsoft.Billing/billingAccounts', nameParameter: 'budgetName' },
    ],
    [
      'extension on a parameterized parent: the prefix is kept as the detail',
      '/subscriptions/{subscriptionId}/resourcegroups/{resourceGroupName}/providers/{providerName}/{resourceType}/{resourceName}/providers/Microsoft.Maintenance/configurationAssignments/{configurationAssignmentName}',
      {
        namespace: 'Microsoft.Maintenance',
        armType: 'Microsoft.Maintenance/configurationAssignments',
        scope: 'extension',
        scopeDetail: '/subscriptions/{subscriptionId}/resourcegroups/{resourceGroupName}/providers/{providerName}/{resourceType}/{resourceName}',
        nameParameter: 'configurationAssignmentName',
      },
    ],
    [
      'location under a subscription',
      `${sub}/providers/Microsoft.IoTSecurity/locations/{iotDefenderLocation}/deviceGroups/{deviceGroupName}`,
      { namespace: 'Microsoft.IoTSecurity', armType: 'Microsoft.IoTSecurity/locations/deviceGroups', scope: 'location', scopeDetail: 'subscription', nameParameter: 'deviceGroupName' },
    ],
    [
      'location under a resource group',
      `${rg}/providers/Microsoft.Sql/locations/{locationName}/instanceFailoverGroups/{failoverGroupName}`,
      { namespace: 'Microsoft.Sql', armType: 'Microsoft.Sql/locations/instanceFailoverGroups', scope: 'location', scopeDetail: 'resourceGroup', nameParameter: 'failoverGroupName' },
    ],
    [
      'location given by a fixed name',
      `${sub}/providers/Microsoft.Deployment.Admin/locations/global/fileContainers/{fileContainerId}`,
      { namespace: 'Microsoft.Deployment.Admin', armType: 'Microsoft.Deployment.Admin/locations/fileContainers', scope: 'location', scopeDetail: 'subscription', nameParameter: 'fileContainerId' },
    ],
    [
      'a child of a location-scoped resource has a parent',
      `${sub}/providers/Microsoft.HybridNetwork/locations/{locationName}/vendors/{vendorName}/networkFunctions/{serviceKey}`,
      {
        namespace: 'Microsoft.HybridNetwork',
        armType: 'Microsoft.HybridNetwork/locations/vendors/networkFunctions',
        scope: 'location',
        scopeDetail: 'subscription',
        parentArmType: 'Microsoft.HybridNetwork/locations/vendors',
        nameParameter: 'serviceKey',
      },
    ],
    [
      'a `locations` resource itself is not location-scoped',
      `${sub}/providers/Microsoft.Subscriptions.Admin/locations/{location}`,
      { namespace: 'Microsoft.Subscriptions.Admin', armType: 'Microsoft.Subscriptions.Admin/locations', scope: 'subscription', nameParameter: 'location' },
    ],
    [
      'tenant-level locations stay tenant-scoped (only subscription and resource-group locations are `location`)',
      '/providers/Microsoft.Portal/locations/{location}/consoles/{consoleName}',
      { namespace: 'Microsoft.Portal', armType: 'Microsoft.Portal/locations/consoles', scope: 'tenant', parentArmType: 'Microsoft.Portal/locations', nameParameter: 'consoleName' },
    ],
    [
      'resource groups',
      '/subscriptions/{subscriptionId}/resourcegroups/{resourceGroupName}',
      { namespace: 'Microsoft.Resources', armType: 'Microsoft.Resources/resourceGroups', scope: 'subscription', nameParameter: 'resourceGroupName' },
    ],
  ];

  it.each(table)('%s: %s', (_what, path, expected) => {
    expect(parseArmPath(path)).toEqual(expected);
  });
});

describe('parseArmPath: not resource paths', () => {
  it.each([
    [`${sub}/providers/Microsoft.Advisor/configurations`, 'path does not end with a <type>/<name> pair'],
    [`${rg}/providers/Microsoft.Web/sites/{name}/migrate`, 'path does not end with a <type>/<name> pair'],
    ['/{roleAssignmentId}', 'no /providers/<Namespace> segment'],
    [`${sub}/tagNames/{tagName}`, 'no /providers/<Namespace> segment'],
    [`${rg}/Microsoft.MachineLearningServices/workspaces/{workspaceName}/linkedWorkspaces/{linkName}`, 'no /providers/<Namespace> segment'],
    [`${rg}/providers/{resourceProviderNamespace}/{parentResourcePath}/{resourceType}/{resourceName}`, 'no /providers/<Namespace> segment'],
    [`${rg}/providers/Microsoft.Network/dnsZones/{zoneName}/{recordType}/{relativeRecordSetName}`, 'resource type segment {recordType} is a parameter'],
    ['/providers/Microsoft.SaaS', 'path does not end with a <type>/<name> pair'],
  ])('%s', (path, reason) => {
    expect(parseArmPath(path)).toBe(reason);
  });
});
