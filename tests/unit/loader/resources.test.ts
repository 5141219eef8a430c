/**
 * Resource finding (fixture `loader/resources`): every PUT on an instance path becomes a resource
 * with its ARM type, scope, parent, name parameter or fixed name, PUT body type and GET 200 type
 * (else the PUT 200, else the PUT 201); other PUTs are reported and skipped.
 */
import { describe, expect, it } from 'vitest';
import { loadFixture } from '../../helpers.js';
import { packageOf, pathPointer, resourceOf, withCode } from './util.js';

const file = 'specification/res/resource-manager/Contoso.Res/stable/2021-03-01/res.json';
const rg = '/subscriptions/{subscriptionId}/resourceGroups/{resourceGroupName}';

describe('resources', () => {
  const { model, diagnostics } = loadFixture('loader/resources');
  const pkg = packageOf(model, 'Contoso.Res', '2021-03-01');
  const res = (armType: string) => resourceOf(pkg, armType);

  it('finds one resource per PUT instance path, in file order', () => {
    expect(pkg.resources.map((r) => r.armType)).toEqual([
      'Contoso.Res/tenantThings',
      'Contoso.Res/policies',
      'Contoso.Res/subThings',
      'Contoso.Res/servers',
      'Contoso.Res/servers/databases',
      'Contoso.Res/servers/databases/settings',
      'Contoso.Res/servers/blobServices',
      'Contoso.Res/vaults',
      'Contoso.Res/locks',
      'Contoso.Res/diagnosticSettings',
      'Contoso.Res/guestConfigs',
      'Contoso.Res/locations/quotas',
      'Contoso.Res/locations/jobs',
      'Contoso.Res/servers/keys',
    ]);
    expect(pkg.resources.every((r) => r.apiVersion === '2021-03-01')).toBe(true);
  });

  it.each([
    ['Contoso.Res/tenantThings', 'tenant', undefined],
    ['Contoso.Res/policies', 'managementGroup', undefined],
    ['Contoso.Res/subThings', 'subscription', undefined],
    ['Contoso.Res/servers', 'resourceGroup', undefined],
    ['Contoso.Res/vaults', 'resourceGroup', undefined], // lower-case `resourcegroups`
    ['Contoso.Res/locks', 'extension', '{scope}'],
    ['Contoso.Res/diagnosticSettings', 'extension', '{resourceUri}'],
    ['Contoso.Res/guestConfigs', 'extension', 'Microsoft.Compute/virtualMachines'],
    ['Contoso.Res/locations/quotas', 'location', 'subscription'],
    ['Contoso.Res/locations/jobs', 'location', 'resourceGroup'],
  ])('%s is %s-scoped (%s)', (armType, scope, scopeDetail) => {
    expect(res(armType).scope).toBe(scope);
    expect(res(armType).scopeDetail).toBe(scopeDetail);
  });

  it('records the parent ARM type of child resources, and none for top-level or location-scoped ones', () => {
    expect(res('Contoso.Res/servers/databases').parentArmType).toBe('Contoso.Res/servers');
    expect(res('Contoso.Res/servers/databases/settings').parentArmType).toBe('Contoso.Res/servers/databases');
    expect(res('Contoso.Res/servers/blobServices').parentArmType).toBe('Contoso.Res/servers');
    expect(res('Contoso.Res/servers').parentArmType).toBeUndefined();
    expect(res('Contoso.Res/locations/quotas').parentArmType).toBeUndefined();
  });

  it('records the name parameter, or the fixed name of singletons', () => {
    expect(res('Contoso.Res/servers')).toMatchObject({ nameParameter: 'serverName' });
    expect(res('Contoso.Res/diagnosticSettings')).toMatchObject({ nameParameter: 'name' });
    expect(res('Contoso.Res/servers/blobServices')).toMatchObject({ fixedName: 'default' });
    expect(res('Contoso.Res/servers/blobServices').nameParameter).toBeUndefined();
    expect(res('Contoso.Res/servers/databases/settings')).toMatchObject({ fixedName: 'current' });
  });

  it('keeps the URL template and the source location of the PUT', () => {
    const url = `${rg}/providers/Contoso.Res/servers/{serverName}`;
    expect(res('Contoso.Res/servers').urlTemplate).toBe(url);
    expect(res('Contoso.Res/servers').source).toEqual({ file, pointer: pathPointer('paths', url, 'put') });
  });

  it('takes the PUT body type, and the GET 200 type over the PUT responses', () => {
    expect(res('Contoso.Res/servers').putType).toEqual({ kind: 'ref', name: 'ServerCreate' });
    expect(res('Contoso.Res/servers').getType).toEqual({ kind: 'ref', name: 'Server' });
  });

  it('without a GET: the PUT 200 response (through a #/responses $ref), else the PUT 201', () => {
    expect(res('Contoso.Res/subThings').getType).toEqual({ kind: 'ref', name: 'SubThingOk' });
    expect(res('Contoso.Res/tenantThings').getType).toEqual({ kind: 'ref', name: 'TenantThingCreated' });
    expect(res('Contoso.Res/tenantThings').putType).toEqual({ kind: 'ref', name: 'Thing' });
  });

  it('a PUT without a body is a resource without putType, with a warning', () => {
    const url = `${rg}/providers/Contoso.Res/servers/{serverName}/keys/{keyName}`;
    expect(res('Contoso.Res/servers/keys').putType).toBeUndefined();
    expect(res('Contoso.Res/servers/keys').getType).toEqual({ kind: 'ref', name: 'Thing' });
    expect(withCode(diagnostics, 'missing-put-body')).toMatchObject([{ severity: 'info', location: { file, pointer: pathPointer('paths', url, 'put') } }]);
  });

  it('a PUT on an action path is not a resource, with an info diagnostic', () => {
    const url = `${rg}/providers/Contoso.Res/servers/{serverName}/restart`;
    const found = withCode(diagnostics, 'not-a-resource-path');
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ severity: 'info', location: { file, pointer: pathPointer('paths', url, 'put') } });
    expect(found[0].message).toContain('does not end with a <type>/<name> pair');
    expect(diagnostics).toHaveLength(2);
  });
});

describe('one ARM type at several paths (fixture loader/multi-scope)', () => {
  const { model, diagnostics } = loadFixture('loader/multi-scope');
  const pkg = packageOf(model, 'Contoso.Multi', '2021-05-01');
  const multi = 'specification/multi/resource-manager/Contoso.Multi/stable/2021-05-01/multi.json';

  it('keeps one resource per ARM type', () => {
    expect(pkg.resources.map((r) => r.armType)).toEqual(['Contoso.Multi/notes', 'Contoso.Multi/budgets']);
  });

  it('prefers the generic extension path (/{scope}/...) even when a specific scope comes first in the file', () => {
    expect(resourceOf(pkg, 'Contoso.Multi/notes')).toMatchObject({ scope: 'extension', scopeDetail: '{scope}', urlTemplate: '/{scope}/providers/Contoso.Multi/notes/{noteName}' });
  });

  it('otherwise keeps the first path in file order', () => {
    expect(resourceOf(pkg, 'Contoso.Multi/budgets')).toMatchObject({ scope: 'subscription', urlTemplate: '/subscriptions/{subscriptionId}/providers/Contoso.Multi/budgets/{budgetName}' });
  });

  it('reports each path left out, at that path', () => {
    const left = withCode(diagnostics, 'duplicate-resource');
    expect(left.map((d) => d.location)).toEqual([
      { file: multi, pointer: pathPointer('paths', '/subscriptions/{subscriptionId}/providers/Contoso.Multi/notes/{noteName}', 'put') },
      { file: multi, pointer: pathPointer('paths', `${rg}/providers/Contoso.Multi/notes/{noteName}`, 'put') },
      { file: multi, pointer: pathPointer('paths', `${rg}/providers/Contoso.Multi/budgets/{budgetName}`, 'put') },
    ]);
    expect(left.every((d) => d.severity === 'info')).toBe(true);
    expect(diagnostics).toHaveLength(3);
  });
});
