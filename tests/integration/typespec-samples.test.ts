/**
 * The loader on the Swagger that TypeSpec emits for its ARM samples (../shared/typespec-arm-samples:
 * `packages/samples/test/output/azure/resource-manager/<area>/<sample>/@azure-tools/typespec-autorest/<version>/openapi.json`,
 * with `$ref`s into `packages/samples/specs/resource-manager/common-types/v3..v5`). That tree is
 * not in the azure-rest-api-specs layout: each folder of an openapi.json is a package, its
 * api-version read from `info.version`.
 *
 * The expected resources are computed here from the PUT paths with simple string rules, then a few
 * samples are checked by hand. When one ARM type has several PUT paths in a document (the
 * `specific-extension` sample declares `employees` at nine scopes), the model keeps one: the
 * generic extension path (`/{scope}/providers/...`) if there is one, else the first in the file.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadSpecs, type LoadResult } from '../../generator/loader/load.js';
import type { ApiPackage, Resource } from '../../generator/model/types.js';
import { typespecSamplesDir } from '../helpers.js';

const hasSamples = existsSync(typespecSamplesDir);
const output = 'packages/samples/test/output/azure/resource-manager';

interface ExpectedResource {
  armType: string;
  urlTemplate: string;
  scope: string;
  scopeDetail?: string;
  fixedName?: string;
  nameParameter?: string;
  /** Scopes of every PUT path of this ARM type in the document, in file order. */
  allScopes: string[];
}

/** Simple string rules over a PUT path; undefined when it is not `<prefix>/providers/<Namespace>/<type>/<name>[/<type>/<name>...]`. */
function expectFromPath(urlTemplate: string): Omit<ExpectedResource, 'allScopes'> | undefined {
  const at = urlTemplate.lastIndexOf('/providers/');
  if (at < 0) return undefined;
  const prefix = urlTemplate.slice(0, at);
  const [namespace, ...rest] = urlTemplate.slice(at + '/providers/'.length).split('/');
  if (rest.length === 0 || rest.length % 2 === 1) return undefined;
  const types = rest.filter((_, i) => i % 2 === 0);
  if (types.some((t) => t.startsWith('{'))) return undefined;
  const last = rest[rest.length - 1];
  const param = /^\{[^}]+\}$/;
  const p = prefix.split('/').slice(1);
  let scope: string;
  let scopeDetail: string | undefined;
  if (prefix === '') scope = 'tenant';
  else if (p.length === 2 && p[0] === 'subscriptions' && param.test(p[1])) scope = 'subscription';
  else if (p.length === 4 && p[0] === 'subscriptions' && p[2].toLowerCase() === 'resourcegroups' && param.test(p[3])) scope = 'resourceGroup';
  else if (p.length === 4 && p[0] === 'providers' && p[1] === 'Microsoft.Management' && p[2] === 'managementGroups') scope = 'managementGroup';
  else {
    scope = 'extension';
    if (p.length === 1 && param.test(p[0])) scopeDetail = p[0];
  }
  if ((scope === 'subscription' || scope === 'resourceGroup') && types[0] === 'locations' && types.length > 1) {
    scopeDetail = scope;
    scope = 'location';
  }
  const out: Omit<ExpectedResource, 'allScopes'> = { armType: `${namespace}/${types.join('/')}`, urlTemplate, scope };
  if (scopeDetail) out.scopeDetail = scopeDetail;
  if (param.test(last)) out.nameParameter = last.slice(1, -1);
  else out.fixedName = last;
  return out;
}

function findOpenApi(dir: string, out: string[] = []): string[] {
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) findOpenApi(full, out);
    else if (e.name === 'openapi.json') out.push(full);
  }
  return out;
}

/** Package folder (relative, forward slashes) → expected resources, from each openapi.json. */
function expectations(): Map<string, { version: string; resources: ExpectedResource[] }> {
  const out = new Map<string, { version: string; resources: ExpectedResource[] }>();
  for (const file of findOpenApi(path.join(typespecSamplesDir, output))) {
    const doc = JSON.parse(readFileSync(file, 'utf8'));
    const byType = new Map<string, ExpectedResource>();
    for (const section of ['paths', 'x-ms-paths']) {
      for (const [urlTemplate, item] of Object.entries<any>(doc[section] ?? {})) {
        if (!item.put) continue;
        const e = expectFromPath(urlTemplate);
        if (!e) continue;
        const key = e.armType.toLowerCase();
        const earlier = byType.get(key);
        if (!earlier) byType.set(key, { ...e, allScopes: [e.scope] });
        else {
          earlier.allScopes.push(e.scope);
          const generic = (x: { scope: string; scopeDetail?: string }) => x.scope === 'extension' && x.scopeDetail !== undefined;
          if (generic(e) && !generic(earlier)) byType.set(key, { ...e, allScopes: earlier.allScopes });
        }
      }
    }
    const id = path.relative(typespecSamplesDir, path.dirname(file)).split(path.sep).join('/');
    out.set(id, { version: doc.info.version, resources: [...byType.values()] });
  }
  return out;
}

describe.skipIf(!hasSamples)('typespec-arm-samples', () => {
  let loaded: LoadResult;
  let expected: Map<string, { version: string; resources: ExpectedResource[] }>;
  const sample = (name: string): ApiPackage => {
    const found = loaded.model.packages.filter((p) => p.id.startsWith(`${output}/${name}/`));
    if (found.length !== 1) throw new Error(`expected one package for ${name}, got ${found.length}`);
    return found[0];
  };
  const only = (pkg: ApiPackage): Resource => {
    expect(pkg.resources).toHaveLength(1);
    return pkg.resources[0];
  };

  beforeAll(() => {
    loaded = loadSpecs({ specsDir: typespecSamplesDir });
    expected = expectations();
  });

  it('the expectation covers the samples (guards the test itself)', () => {
    expect(expected.size).toBeGreaterThanOrEqual(30);
    const all = [...expected.values()].flatMap((e) => e.resources);
    expect(new Set(all.flatMap((r) => r.allScopes))).toEqual(new Set(['tenant', 'managementGroup', 'subscription', 'resourceGroup', 'extension', 'location']));
    expect(all.some((r) => r.fixedName !== undefined)).toBe(true);
  });

  it('reports no error', () => {
    expect(loaded.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  });

  it('makes one package per openapi.json that has a PUT resource, with its info.version', () => {
    const withResources = [...expected].filter(([, e]) => e.resources.length > 0);
    const packages = new Map(loaded.model.packages.map((p) => [p.id, p]));
    for (const [id, e] of withResources) {
      expect(packages.get(id)?.apiVersion, id).toBe(e.version);
    }
  });

  it('finds every sample resource with the scope, detail, name parameter or fixed name the paths say', () => {
    let checked = 0;
    for (const [id, e] of expected) {
      const resources = loaded.model.packages.find((p) => p.id === id)?.resources ?? [];
      expect(resources.map((r) => r.armType).sort(), id).toEqual(e.resources.map((r) => r.armType).sort());
      for (const want of e.resources) {
        const got = resources.find((r) => r.armType === want.armType)!;
        const picked: Record<string, unknown> = { armType: got.armType, urlTemplate: got.urlTemplate, scope: got.scope, nameParameter: got.nameParameter, fixedName: got.fixedName };
        // the simple rule names the scope detail of locations and of `{param}` extension prefixes only
        if (want.scopeDetail !== undefined) picked.scopeDetail = got.scopeDetail;
        const { allScopes: _, ...rest } = want;
        expect(dropUndefined(picked), `${id} ${want.armType}`).toEqual(dropUndefined(rest));
        checked++;
      }
    }
    expect(checked).toBeGreaterThanOrEqual(30);
  });

  it('keeps, for an ARM type declared at several scopes, one of those scopes', () => {
    let multi = 0;
    for (const [id, e] of expected) {
      for (const r of e.resources.filter((x) => x.allScopes.length > 1)) {
        multi++;
        const got = loaded.model.packages.find((p) => p.id === id)!.resources.find((x) => x.armType === r.armType)!;
        expect(r.allScopes, `${id} ${r.armType}`).toContain(got.scope);
      }
    }
    expect(multi).toBeGreaterThanOrEqual(2);
  });

  describe('by hand', () => {
    it('tenant: resource-types/tenant', () => {
      const pkg = sample('resource-types/tenant');
      expect(pkg).toMatchObject({ namespace: 'Microsoft.ContosoProviderHub', apiVersion: '2021-10-01-preview', stability: 'preview' });
      expect(only(pkg)).toMatchObject({
        armType: 'Microsoft.ContosoProviderHub/employees',
        scope: 'tenant',
        nameParameter: 'employeeName',
        urlTemplate: '/providers/Microsoft.ContosoProviderHub/employees/{employeeName}',
        putType: { kind: 'ref', name: 'Employee' },
        getType: { kind: 'ref', name: 'Employee' },
      });
    });

    it('extension: resource-types/extension on {resourceUri}', () => {
      expect(only(sample('resource-types/extension'))).toMatchObject({
        armType: 'Microsoft.ContosoProviderHub/roleAssignments',
        scope: 'extension',
        scopeDetail: '{resourceUri}',
        nameParameter: 'roleAssignmentName',
        putType: { kind: 'ref', name: 'RoleAssignment' },
      });
    });

    it('singleton: resource-types/singleton at employees/default', () => {
      const r = only(sample('resource-types/singleton'));
      expect(r).toMatchObject({ armType: 'Microsoft.ContosoProviderHub/employees', scope: 'resourceGroup', fixedName: 'default' });
      expect(r.nameParameter).toBeUndefined();
    });

    it('location: resource-types/location under a resource group', () => {
      expect(only(sample('resource-types/location'))).toMatchObject({
        armType: 'Microsoft.ContosoProviderHub/locations/employees',
        scope: 'location',
        scopeDetail: 'resourceGroup',
        nameParameter: 'employeeName',
      });
    });

    it('specific-extension: nine scopes for one type, the {scope} path is kept and the eight others reported', () => {
      const pkg = sample('resource-types/specific-extension');
      expect(only(pkg)).toMatchObject({ armType: 'Microsoft.ContosoProviderHub/employees', scope: 'extension', scopeDetail: '{scope}' });
      const others = loaded.diagnostics.filter((d) => d.code === 'duplicate-resource' && d.location?.file === pkg.files[0]);
      expect(others).toHaveLength(8);
    });

    it('virtual-resource: a child of a parent that has no PUT of its own', () => {
      expect(only(sample('resource-types/virtual-resource'))).toMatchObject({
        armType: 'Microsoft.ContosoProviderHub/divisions/groups/employees',
        parentArmType: 'Microsoft.ContosoProviderHub/divisions/groups',
        scope: 'resourceGroup',
      });
    });

    it('arm-library: tenant, extension, tracked and child resources in one document', () => {
      const pkg = sample('arm-library');
      const byType = Object.fromEntries(pkg.resources.map((r) => [r.armType, r]));
      expect(byType['Microsoft.LibraryTest/tenantResources'].scope).toBe('tenant');
      expect(byType['Microsoft.LibraryTest/extensionResources']).toMatchObject({ scope: 'extension', scopeDetail: '{resourceUri}' });
      expect(byType['Microsoft.LibraryTest/trackedResources/children']).toMatchObject({ scope: 'resourceGroup', parentArmType: 'Microsoft.LibraryTest/trackedResources', nameParameter: 'childName' });
    });

    it('copies the common-types definitions the samples reference (v5 TrackedResource)', () => {
      const pkg = sample('resource-types/tracked');
      const employee = pkg.types.Employee.type;
      expect(employee.kind).toBe('object');
      expect(employee.kind === 'object' && employee.bases).toEqual([{ kind: 'ref', name: 'TrackedResource' }]);
      expect(pkg.types.TrackedResource.source?.file).toBe('packages/samples/specs/resource-manager/common-types/v5/types.json');
    });
  });
});

function dropUndefined<T extends object>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;
}
