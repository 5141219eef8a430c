/** armkube/runtime ARM IDs: parseArmId, buildArmId, armIdOf, case-insensitive comparisons. */
import { describe, expect, it } from 'vitest';
import {
  armIdEquals,
  armIdOf,
  armTypeEquals,
  buildArmId,
  parseArmId,
  parseArmType,
  type ArmIdResult,
  type ParsedArmId,
} from '../../../generator/runtime/index.js';

const SUB = '00000000-1111-2222-3333-444444444444';
const RG = `/subscriptions/${SUB}/resourceGroups/rg-app`;
const VNET = `${RG}/providers/Microsoft.Network/virtualNetworks/vnet-hub`;
const SUBNET = `${VNET}/subnets/default`;
const STORAGE = `${RG}/providers/Microsoft.Storage/storageAccounts/stapp001`;

function ok(result: ArmIdResult): ParsedArmId {
  if (!result.ok) throw new Error(`expected an ARM ID, got: ${result.reason}`);
  return result;
}

function reason(result: ArmIdResult): string {
  if (result.ok) throw new Error(`expected an error, got ${result.id}`);
  return result.reason;
}

describe('parseArmId', () => {
  it('parses a subscription', () => {
    expect(parseArmId(`/subscriptions/${SUB}`)).toEqual({
      ok: true,
      id: `/subscriptions/${SUB}`,
      scope: 'tenant',
      scopeId: '/',
      subscriptionId: SUB,
      namespace: 'Microsoft.Resources',
      types: [{ type: 'subscriptions', name: SUB }],
      armType: 'Microsoft.Resources/subscriptions',
      name: SUB,
      parentId: '/',
    });
  });

  it('parses a resource group, whatever the case of the keywords', () => {
    const id = `/SUBSCRIPTIONS/${SUB}/resourcegroups/rg-app`;
    expect(parseArmId(id)).toEqual({
      ok: true,
      id,
      scope: 'subscription',
      scopeId: `/SUBSCRIPTIONS/${SUB}`,
      subscriptionId: SUB,
      resourceGroup: 'rg-app',
      namespace: 'Microsoft.Resources',
      types: [{ type: 'resourceGroups', name: 'rg-app' }],
      armType: 'Microsoft.Resources/resourceGroups',
      name: 'rg-app',
      parentId: `/SUBSCRIPTIONS/${SUB}`,
    });
  });

  it('parses a resource-group resource', () => {
    expect(parseArmId(VNET)).toEqual({
      ok: true,
      id: VNET,
      scope: 'resourceGroup',
      scopeId: RG,
      subscriptionId: SUB,
      resourceGroup: 'rg-app',
      namespace: 'Microsoft.Network',
      types: [{ type: 'virtualNetworks', name: 'vnet-hub' }],
      armType: 'Microsoft.Network/virtualNetworks',
      name: 'vnet-hub',
      parentId: RG,
    });
  });

  it('parses a child resource, its parent being the parent resource', () => {
    const p = ok(parseArmId(SUBNET));
    expect(p.types).toEqual([
      { type: 'virtualNetworks', name: 'vnet-hub' },
      { type: 'subnets', name: 'default' },
    ]);
    expect(p.armType).toBe('Microsoft.Network/virtualNetworks/subnets');
    expect(p.name).toBe('default');
    expect(p.parentId).toBe(VNET);
    expect(p.scope).toBe('resourceGroup');
    expect(p.scopeId).toBe(RG);
  });

  it('parses a grandchild whose name is a keyword', () => {
    const id = `${STORAGE}/blobServices/default/containers/providers`;
    const p = ok(parseArmId(id));
    expect(p.armType).toBe('Microsoft.Storage/storageAccounts/blobServices/containers');
    expect(p.name).toBe('providers');
    expect(p.parentId).toBe(`${STORAGE}/blobServices/default`);
  });

  it('parses a subscription-scoped resource', () => {
    const id = `/subscriptions/${SUB}/providers/Microsoft.Authorization/roleDefinitions/acdd72a7-3385-48ef-bd42-f606fba81ae7`;
    const p = ok(parseArmId(id));
    expect(p).toMatchObject({ scope: 'subscription', scopeId: `/subscriptions/${SUB}`, subscriptionId: SUB, namespace: 'Microsoft.Authorization' });
    expect(p.resourceGroup).toBeUndefined();
    expect(p.armType).toBe('Microsoft.Authorization/roleDefinitions');
  });

  it('parses a tenant resource', () => {
    const id = '/providers/Microsoft.Billing/billingAccounts/1234567:abcdef_2019-05-31/billingProfiles/ABCD-EFGH';
    expect(parseArmId(id)).toEqual({
      ok: true,
      id,
      scope: 'tenant',
      scopeId: '/',
      namespace: 'Microsoft.Billing',
      types: [
        { type: 'billingAccounts', name: '1234567:abcdef_2019-05-31' },
        { type: 'billingProfiles', name: 'ABCD-EFGH' },
      ],
      armType: 'Microsoft.Billing/billingAccounts/billingProfiles',
      name: 'ABCD-EFGH',
      parentId: '/providers/Microsoft.Billing/billingAccounts/1234567:abcdef_2019-05-31',
    });
  });

  it('parses a management group and a resource in it', () => {
    const mg = '/providers/Microsoft.Management/managementGroups/mg-platform';
    expect(ok(parseArmId(mg))).toMatchObject({ scope: 'tenant', managementGroup: 'mg-platform', armType: 'Microsoft.Management/managementGroups', name: 'mg-platform' });
    const policy = `${mg}/providers/Microsoft.Authorization/policyDefinitions/deny-public-ip`;
    const p = ok(parseArmId(policy));
    expect(p).toMatchObject({ scope: 'managementGroup', scopeId: mg, managementGroup: 'mg-platform', namespace: 'Microsoft.Authorization', name: 'deny-public-ip', parentId: mg });
    expect(p.subscriptionId).toBeUndefined();
    // Lower case works too.
    expect(ok(parseArmId(policy.toLowerCase())).scope).toBe('managementGroup');
  });

  it('parses an extension resource: its scope is the resource it extends', () => {
    const id = `${STORAGE}/providers/Microsoft.Authorization/roleAssignments/3f2a1c7e-0000-4000-8000-000000000001`;
    expect(parseArmId(id)).toEqual({
      ok: true,
      id,
      scope: 'extension',
      scopeId: STORAGE,
      subscriptionId: SUB,
      resourceGroup: 'rg-app',
      namespace: 'Microsoft.Authorization',
      types: [{ type: 'roleAssignments', name: '3f2a1c7e-0000-4000-8000-000000000001' }],
      armType: 'Microsoft.Authorization/roleAssignments',
      name: '3f2a1c7e-0000-4000-8000-000000000001',
      parentId: STORAGE,
    });
  });

  it('parses an extension of a child resource, and a child of an extension resource', () => {
    const diag = `${SUBNET}/providers/Microsoft.Insights/diagnosticSettings/to-law`;
    expect(ok(parseArmId(diag))).toMatchObject({ scope: 'extension', scopeId: SUBNET, armType: 'Microsoft.Insights/diagnosticSettings' });
    const child = `${VNET}/providers/Microsoft.Foo/bars/b1/bazzes/z1`;
    expect(ok(parseArmId(child))).toMatchObject({ scope: 'extension', scopeId: VNET, armType: 'Microsoft.Foo/bars/bazzes', parentId: `${VNET}/providers/Microsoft.Foo/bars/b1` });
    const onTenant = '/providers/Microsoft.Billing/billingAccounts/ba1/providers/Microsoft.Foo/bars/b1';
    expect(ok(parseArmId(onTenant))).toMatchObject({ scope: 'extension', scopeId: '/providers/Microsoft.Billing/billingAccounts/ba1' });
    const onMgResource = '/providers/Microsoft.Management/managementGroups/mg/providers/Microsoft.Authorization/policyAssignments/pa/providers/Microsoft.Foo/bars/b';
    expect(ok(parseArmId(onMgResource))).toMatchObject({ scope: 'extension', managementGroup: 'mg' });
  });

  it('rejects bad input with a reason, without throwing', () => {
    const cases: [unknown, RegExp][] = [
      ['', /empty/],
      [' /subscriptions/x', /white space/],
      ['subscriptions/x', /starts with "\/"/],
      ['https://management.azure.com/subscriptions/x', /starts with "\/"/],
      ['/', /tenant root/],
      ['/subscriptions', /not followed by a subscription ID/],
      [`/subscriptions/${SUB}/`, /ends with "\/"/],
      [`/subscriptions//resourceGroups/rg`, /empty segment/],
      [`/subscriptions/${SUB}/resourceGroups`, /not followed by a resource group name/],
      [`/subscriptions/${SUB}/locations/westus`, /expected "providers" or "resourceGroups" after \/subscriptions\/\{id\}, found "locations"/],
      [`${RG}/virtualNetworks/vnet`, /expected "providers" after \/resourceGroups\/\{name\}, found "virtualNetworks"/],
      [`${RG}/providers`, /not followed by a provider namespace/],
      [`${RG}/providers/Microsoft.Network`, /"Microsoft.Network" is not followed by a \{type\}\/\{name\} pair/],
      [`${VNET}/subnets`, /resource type "subnets" is not followed by a name/],
      [`${STORAGE}/providers/Microsoft.Authorization`, /not followed by a \{type\}\/\{name\} pair/],
      [`${VNET}?api-version=2023-09-01`, /query string/],
      ['/resourceGroups/rg', /starts with \/subscriptions\/ or \/providers\/, not \/resourceGroups\//],
      [null, /must be a string, got null/],
      [42, /must be a string, got number/],
    ];
    for (const [input, expected] of cases) {
      const result = parseArmId(input as string);
      expect(result.ok, String(input)).toBe(false);
      expect(reason(result), String(input)).toMatch(expected);
    }
  });
});

describe('buildArmId', () => {
  it('builds the scope IDs', () => {
    expect(ok(buildArmId({ subscriptionId: SUB })).id).toBe(`/subscriptions/${SUB}`);
    expect(ok(buildArmId({ subscriptionId: SUB, resourceGroup: 'rg-app' })).id).toBe(RG);
    expect(ok(buildArmId({ managementGroup: 'mg1' })).id).toBe('/providers/Microsoft.Management/managementGroups/mg1');
  });

  it('builds resources in each scope', () => {
    expect(ok(buildArmId({ subscriptionId: SUB, resourceGroup: 'rg-app', namespace: 'Microsoft.Network', types: [{ type: 'virtualNetworks', name: 'vnet-hub' }, { type: 'subnets', name: 'default' }] })).id).toBe(SUBNET);
    expect(ok(buildArmId({ subscriptionId: SUB, namespace: 'Microsoft.Authorization', types: [{ type: 'roleDefinitions', name: 'r1' }] })).id).toBe(`/subscriptions/${SUB}/providers/Microsoft.Authorization/roleDefinitions/r1`);
    expect(ok(buildArmId({ namespace: 'Microsoft.Billing', types: [{ type: 'billingAccounts', name: 'ba' }] })).id).toBe('/providers/Microsoft.Billing/billingAccounts/ba');
    expect(ok(buildArmId({ scopeId: '/', namespace: 'Microsoft.Billing', types: [{ type: 'billingAccounts', name: 'ba' }] })).id).toBe('/providers/Microsoft.Billing/billingAccounts/ba');
    expect(ok(buildArmId({ managementGroup: 'mg1', namespace: 'Microsoft.Authorization', types: [{ type: 'policyDefinitions', name: 'p' }] })).scope).toBe('managementGroup');
    const ext = ok(buildArmId({ scopeId: STORAGE, namespace: 'Microsoft.Authorization', types: [{ type: 'roleAssignments', name: 'ra1' }] }));
    expect(ext.id).toBe(`${STORAGE}/providers/Microsoft.Authorization/roleAssignments/ra1`);
    expect(ext.scope).toBe('extension');
  });

  it('round-trips what parseArmId gives, keywords in their usual case', () => {
    const ids = [
      `/subscriptions/${SUB}`,
      RG,
      VNET,
      SUBNET,
      `/subscriptions/${SUB}/providers/Microsoft.Authorization/roleDefinitions/r1`,
      '/providers/Microsoft.Billing/billingAccounts/ba/billingProfiles/bp',
      '/providers/Microsoft.Management/managementGroups/mg1',
      '/providers/Microsoft.Management/managementGroups/mg1/providers/Microsoft.Authorization/policyDefinitions/p',
      `${STORAGE}/providers/Microsoft.Authorization/roleAssignments/ra1`,
      `${RG}/providers/Microsoft.Resources/deployments/deploy-1`,
    ];
    for (const id of ids) expect(ok(buildArmId(ok(parseArmId(id)))).id).toBe(id);
    const lower = ok(buildArmId(ok(parseArmId(SUBNET.replace('resourceGroups', 'RESOURCEGROUPS').replace('providers', 'Providers')))));
    expect(lower.id).toBe(SUBNET);
  });

  it('rejects inconsistent or unsafe parts with a reason', () => {
    expect(reason(buildArmId({ resourceGroup: 'rg' }))).toMatch(/needs a subscription ID/);
    expect(reason(buildArmId({ managementGroup: 'mg', subscriptionId: SUB }))).toMatch(/cannot both be the scope/);
    expect(reason(buildArmId({}))).toMatch(/nothing to build/);
    expect(reason(buildArmId({ subscriptionId: SUB, types: [{ type: 'x', name: 'y' }] }))).toMatch(/without a provider namespace/);
    expect(reason(buildArmId({ subscriptionId: SUB, namespace: 'Microsoft.Network' }))).toMatch(/at least one \{type\}\/\{name\} pair/);
    expect(reason(buildArmId({ subscriptionId: SUB, namespace: 'Microsoft.Network', types: [{ type: 'virtualNetworks', name: 'a/b' }] }))).toMatch(/name of the virtualNetworks "a\/b" contains "\/"/);
    expect(reason(buildArmId({ subscriptionId: SUB, namespace: 'Microsoft.Network', types: [{ type: 'virtualNetworks', name: '' }] }))).toMatch(/is empty/);
    expect(reason(buildArmId({ subscriptionId: 'a/b' }))).toMatch(/subscription ID "a\/b"/);
    expect(reason(buildArmId({ scopeId: 'not-an-id', namespace: 'Microsoft.Foo', types: [{ type: 'bars', name: 'b' }] }))).toMatch(/scope ID is not an ARM ID/);
    expect(reason(buildArmId({ scopeId: VNET, namespace: 'Microsoft.Resources', types: [{ type: 'resourceGroups', name: 'rg' }] }))).toMatch(/resource group sits in a subscription/);
  });
});

describe('armIdOf', () => {
  it('builds a child from its parent', () => {
    expect(ok(armIdOf({ ownerArmId: VNET, armType: 'Microsoft.Network/virtualNetworks/subnets', name: 'default' })).id).toBe(SUBNET);
    // The owner's type is compared case-insensitively; the owner's ID is kept as given.
    const lowerVnet = VNET.toLowerCase();
    expect(ok(armIdOf({ ownerArmId: lowerVnet, armType: 'microsoft.network/VIRTUALNETWORKS/subnets', name: 'default' })).id).toBe(`${lowerVnet}/subnets/default`);
    expect(ok(armIdOf({ ownerArmId: `${STORAGE}/blobServices/default`, armType: 'Microsoft.Storage/storageAccounts/blobServices/containers', name: 'logs' })).id).toBe(
      `${STORAGE}/blobServices/default/containers/logs`,
    );
  });

  it('builds a top-level resource in its resource group, subscription, management group or tenant', () => {
    expect(ok(armIdOf({ ownerArmId: RG, armType: 'Microsoft.Network/virtualNetworks', name: 'vnet-hub' })).id).toBe(VNET);
    expect(ok(armIdOf({ ownerArmId: `/subscriptions/${SUB}`, armType: 'Microsoft.Authorization/roleDefinitions', name: 'r1' })).id).toBe(
      `/subscriptions/${SUB}/providers/Microsoft.Authorization/roleDefinitions/r1`,
    );
    expect(ok(armIdOf({ ownerArmId: '/providers/Microsoft.Management/managementGroups/mg1', armType: 'Microsoft.Authorization/policyDefinitions', name: 'p' })).scope).toBe('managementGroup');
    expect(ok(armIdOf({ armType: 'Microsoft.Billing/billingAccounts', name: 'ba' })).id).toBe('/providers/Microsoft.Billing/billingAccounts/ba');
    expect(ok(armIdOf({ ownerArmId: '/', armType: 'Microsoft.Billing/billingAccounts', name: 'ba' })).id).toBe('/providers/Microsoft.Billing/billingAccounts/ba');
  });

  it('builds a resource group in its subscription', () => {
    expect(ok(armIdOf({ ownerArmId: `/subscriptions/${SUB}`, armType: 'Microsoft.Resources/resourceGroups', name: 'rg-app' })).id).toBe(RG);
    expect(reason(armIdOf({ ownerArmId: RG, armType: 'Microsoft.Resources/resourceGroups', name: 'rg2' }))).toMatch(/owned by a subscription/);
  });

  it('builds an extension resource on any owner', () => {
    const ra = ok(armIdOf({ ownerArmId: STORAGE, armType: 'Microsoft.Authorization/roleAssignments', name: 'ra1' }));
    expect(ra.id).toBe(`${STORAGE}/providers/Microsoft.Authorization/roleAssignments/ra1`);
    expect(ra).toMatchObject({ scope: 'extension', scopeId: STORAGE });
    expect(ok(armIdOf({ ownerArmId: SUBNET, armType: 'Microsoft.Insights/diagnosticSettings', name: 'd' })).id).toBe(`${SUBNET}/providers/Microsoft.Insights/diagnosticSettings/d`);
    // On a resource group, an extension looks like any resource-group resource.
    expect(ok(armIdOf({ ownerArmId: RG, armType: 'Microsoft.Authorization/roleAssignments', name: 'ra2' })).scope).toBe('resourceGroup');
  });

  it('rejects a child whose owner is not of the parent type', () => {
    expect(reason(armIdOf({ ownerArmId: RG, armType: 'Microsoft.Network/virtualNetworks/subnets', name: 'default' }))).toBe(
      `a Microsoft.Network/virtualNetworks/subnets is owned by a Microsoft.Network/virtualNetworks, but the owner ${RG} is a Microsoft.Resources/resourceGroups`,
    );
    expect(reason(armIdOf({ ownerArmId: STORAGE, armType: 'Microsoft.Network/virtualNetworks/subnets', name: 'default' }))).toMatch(/owner .* is a Microsoft.Storage\/storageAccounts/);
    expect(reason(armIdOf({ armType: 'Microsoft.Network/virtualNetworks/subnets', name: 'default' }))).toMatch(/but the owner is the tenant/);
  });

  it('rejects bad names, types and owners with a reason', () => {
    expect(reason(armIdOf({ ownerArmId: VNET, armType: 'Microsoft.Network/virtualNetworks/subnets', name: 'a/b' }))).toMatch(/name "a\/b" contains "\/"/);
    expect(reason(armIdOf({ ownerArmId: VNET, armType: 'Microsoft.Network/virtualNetworks/subnets', name: '' }))).toMatch(/name is empty/);
    expect(reason(armIdOf({ ownerArmId: VNET, armType: 'subnets', name: 'x' }))).toMatch(/not \{Namespace\}\/\{type\}/);
    expect(reason(armIdOf({ ownerArmId: VNET, armType: 'Microsoft.Network//subnets', name: 'x' }))).toMatch(/ARM type segment is empty/);
    const bad = armIdOf({ ownerArmId: `${VNET}/`, armType: 'Microsoft.Network/virtualNetworks/subnets', name: 'x' });
    expect(reason(bad)).toMatch(/owner's ARM ID is not valid: the ARM ID ends with "\/"/);
    expect(bad.ok === false && bad.input).toBe(`${VNET}/`);
  });
});

describe('comparisons and ARM types', () => {
  it('compares IDs and types case-insensitively', () => {
    expect(armIdEquals(SUBNET, SUBNET.toUpperCase())).toBe(true);
    expect(armIdEquals(SUBNET, VNET)).toBe(false);
    expect(armIdEquals(`${VNET}/subnets/default`, `${VNET}/subnets/default2`)).toBe(false);
    expect(armTypeEquals('Microsoft.Network/virtualNetworks', 'microsoft.network/VirtualNetworks')).toBe(true);
    expect(armTypeEquals('Microsoft.Network/virtualNetworks', 'Microsoft.Network/virtualNetworks/subnets')).toBe(false);
  });

  it('splits ARM types', () => {
    expect(parseArmType('Microsoft.Network/virtualNetworks/subnets')).toEqual({ ok: true, namespace: 'Microsoft.Network', types: ['virtualNetworks', 'subnets'] });
    expect(parseArmType('Microsoft.Network').ok).toBe(false);
  });
});
