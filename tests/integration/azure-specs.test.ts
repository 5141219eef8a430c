/**
 * The loader on the whole of ../shared/azure-rest-api-specs (loaded once), checked against an
 * independent count written here with plain fs, JSON.parse and regular expressions (no loader
 * code), then `armkube specs --json` and `armkube model` end to end on the same tree.
 *
 * Where the loader and the simple count follow different rules, the rule is written down here:
 * - the loader also recognises `PUT /subscriptions/{id}/resourcegroups/{name}` (no `/providers/`
 *   segment) as the resource `Microsoft.Resources/resourceGroups`; the simple count adds those
 *   pairs separately (`resourceGroupPairs`) so that the two sets must then be equal.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadSpecs, type LoadResult } from '../../generator/loader/load.js';
import { summarize, type SpecsSummary } from '../../generator/loader/summary.js';
import { azureSpecsDir, hasAzureSpecs, repoRoot } from '../helpers.js';

// ---------------------------------------------------------------------------------------------
// The independent count.

interface SimpleCount {
  files: number;
  packages: Set<string>;
  namespaces: Set<string>;
  apiVersions: Set<string>;
  resourceTypes: Set<string>;
  resourceTypeVersions: Set<string>;
  /** `microsoft.resources/resourcegroups@<version>` for files with a PUT on the resource group path. */
  resourceGroupPairs: Set<string>;
  unparsable: number;
  notSwagger: number;
  /** Files (relative, forward slashes) with a `$ref` that does not resolve, `x-ms-examples` aside. */
  danglingRefFiles: Set<string>;
}

/** `.../resource-manager/.../<Namespace>/(stable|preview)/<version>/...`, the last such match in the path. */
const LAYOUT = /^(.*\/resource-manager\/(?:.*\/)?([^/]+)\/(stable|preview)\/(\d{4}-\d{2}-\d{2}[^/]*))\//;
/** The tail after the last `/providers/<Namespace>` is `<type>/<name>` pairs, types not parameters. */
const INSTANCE = /^.*\/providers\/([^/{}]+)((?:\/[^/{}]+\/[^/]+)+)$/i;
const RESOURCE_GROUP = /^\/subscriptions\/\{[^}]+\}\/resourcegroups\/\{[^}]+\}$/i;

function walkJson(dir: string, out: string[]): string[] {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      if (entry.name !== 'examples') walkJson(full, out);
    } else if (entry.name.endsWith('.json')) out.push(full);
  }
  return out;
}

/** Returns a function telling whether a document has a `$ref` (outside `x-ms-examples`) to a file or pointer that does not exist. */
function refChecker(root: string): (file: string, doc: unknown) => boolean {
  const cache = new Map<string, unknown>();
  const read = (file: string): unknown => {
    if (!cache.has(file)) {
      if (cache.size > 500) cache.clear(); // files are walked folder by folder: keep memory bounded
      let doc: unknown;
      try {
        doc = JSON.parse(readFileSync(file, 'utf8').replace(/^\uFEFF/, ''));
      } catch {
        doc = undefined;
      }
      cache.set(file, doc);
    }
    return cache.get(file);
  };
  const exists = (doc: unknown, pointer: string): boolean => {
    let node: any = doc;
    for (const raw of pointer.split('/').slice(1)) {
      const key = decodeURIComponent(raw).replace(/~1/g, '/').replace(/~0/g, '~');
      if (node === null || typeof node !== 'object' || !Object.prototype.hasOwnProperty.call(node, key)) return false;
      node = node[key];
    }
    return node !== undefined;
  };
  return (file, doc) => {
    cache.set(file, doc);
    let dangling = false;
    const visit = (node: unknown): void => {
      if (dangling || node === null || typeof node !== 'object') return;
      if (Array.isArray(node)) return node.forEach(visit);
      for (const [key, value] of Object.entries(node)) {
        if (key === 'x-ms-examples') continue;
        if (key === '$ref' && typeof value === 'string') {
          const [filePart, pointer = ''] = value.split('#');
          const target = filePart ? path.resolve(path.dirname(file), decodeURIComponent(filePart)) : file;
          const targetDoc = read(target);
          if (targetDoc === undefined || !exists(targetDoc, pointer)) dangling = true;
        } else visit(value);
      }
    };
    visit(doc);
    return dangling;
  };
}

function simpleCount(root: string): SimpleCount {
  const count: SimpleCount = {
    files: 0,
    packages: new Set(),
    namespaces: new Set(),
    apiVersions: new Set(),
    resourceTypes: new Set(),
    resourceTypeVersions: new Set(),
    resourceGroupPairs: new Set(),
    unparsable: 0,
    notSwagger: 0,
    danglingRefFiles: new Set(),
  };
  const checkRefs = refChecker(root);
  for (const file of walkJson(root, [])) {
    const rel = '/' + path.relative(root, file).split(path.sep).join('/');
    const m = LAYOUT.exec(rel);
    if (!m) {
      // a shared file (common-types, common/): only its $refs are checked
      if (checkRefs(file, JSON.parse(readFileSync(file, 'utf8').replace(/^\uFEFF/, '')))) count.danglingRefFiles.add(rel.slice(1));
      continue;
    }
    const [, folder, namespace, , version] = m;
    count.files++;
    let doc: any;
    try {
      doc = JSON.parse(readFileSync(file, 'utf8').replace(/^\uFEFF/, ''));
    } catch {
      count.unparsable++;
      continue;
    }
    if (typeof doc !== 'object' || doc === null || Array.isArray(doc) || doc.swagger === undefined) {
      count.notSwagger++;
      continue;
    }
    if (checkRefs(file, doc)) count.danglingRefFiles.add(rel.slice(1));
    count.packages.add(folder);
    count.namespaces.add(namespace.toLowerCase());
    count.apiVersions.add(`${namespace.toLowerCase()}@${version}`);
    for (const section of ['paths', 'x-ms-paths']) {
      for (const [p, item] of Object.entries<any>(doc[section] ?? {})) {
        if (!item || typeof item !== 'object' || !item.put || typeof item.put !== 'object') continue;
        const clean = p.split('?')[0].replace(/\/+$/, '');
        if (RESOURCE_GROUP.test(clean)) count.resourceGroupPairs.add(`microsoft.resources/resourcegroups@${version}`);
        const i = INSTANCE.exec(clean);
        if (!i) continue;
        const types = i[2].split('/').filter((_, k) => k % 2 === 1);
        const armType = `${i[1]}/${types.join('/')}`.toLowerCase();
        count.resourceTypes.add(armType);
        count.resourceTypeVersions.add(`${armType}@${version}`);
      }
    }
  }
  return count;
}

// ---------------------------------------------------------------------------------------------
// The CLI, built from the current sources.

const cli = path.join(repoRoot, 'dist', 'generator', 'cli', 'main.js');

function newestSource(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestSource(full));
    else if (entry.name.endsWith('.ts')) newest = Math.max(newest, statSync(full).mtimeMs);
  }
  return newest;
}

/** Builds dist/ when it is missing or older than a source file (`npm test` builds first anyway). */
function ensureBuilt(): void {
  if (existsSync(cli) && statSync(cli).mtimeMs >= newestSource(path.join(repoRoot, 'generator'))) return;
  execFileSync('npm', ['run', 'build', '--silent'], { cwd: repoRoot, stdio: 'pipe' });
}

function armkube(...args: string[]): string {
  return execFileSync(process.execPath, [cli, ...args], { cwd: repoRoot, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024, env: { ...process.env, ARMKUBE_SPECS: '' } });
}

// ---------------------------------------------------------------------------------------------

describe.skipIf(!hasAzureSpecs)('azure-rest-api-specs: the whole tree', () => {
  let loaded: LoadResult;
  let summary: SpecsSummary;
  let simple: SimpleCount;
  const loaderTypes = new Set<string>();
  const loaderPairs = new Set<string>();

  beforeAll(() => {
    loaded = loadSpecs({ specsDir: azureSpecsDir });
    summary = summarize(loaded.model, loaded.stats, loaded.diagnostics);
    for (const pkg of loaded.model.packages) {
      for (const r of pkg.resources) {
        loaderTypes.add(r.armType.toLowerCase());
        loaderPairs.add(`${r.armType.toLowerCase()}@${r.apiVersion}`);
      }
    }
    simple = simpleCount(azureSpecsDir);
  });

  it('the simple count finds a real tree (guards the regular expressions)', () => {
    expect(simple.files).toBeGreaterThan(3000);
    expect(simple.resourceTypes.has('microsoft.storage/storageaccounts')).toBe(true);
    expect(simple.resourceTypes.has('microsoft.network/virtualnetworks/subnets')).toBe(true);
    expect(simple.resourceTypeVersions.has('microsoft.storage/storageaccounts/blobservices@2021-04-01')).toBe(true);
  });

  it('files: every JSON file of the resource-manager layout outside examples/', () => {
    expect(summary.files).toBe(simple.files);
  });

  it('invalid-json and not-swagger diagnostics match the files that do not parse or are not Swagger', () => {
    const byCode = (code: string) => summary.diagnostics.filter((d) => d.code === code).reduce((n, d) => n + d.count, 0);
    expect(byCode('invalid-json')).toBe(simple.unparsable);
    expect(byCode('not-swagger')).toBe(simple.notSwagger);
  });

  it('packages, namespaces and api-versions', () => {
    expect(summary.packages).toBe(simple.packages.size);
    expect(new Set(loaded.model.packages.map((p) => p.id))).toEqual(new Set([...simple.packages].map((f) => f.slice(1))));
    expect(summary.namespaces).toBe(simple.namespaces.size);
    expect(summary.apiVersions).toBe(simple.apiVersions.size);
  });

  it('resource types: the same set, plus Microsoft.Resources/resourceGroups which the loader recognises without /providers/', () => {
    expect(simple.resourceGroupPairs.size).toBeGreaterThan(0);
    expect([...loaderTypes].filter((t) => !simple.resourceTypes.has(t))).toEqual(['microsoft.resources/resourcegroups']);
    expect([...simple.resourceTypes].filter((t) => !loaderTypes.has(t))).toEqual([]);
    expect(summary.resourceTypes).toBe(simple.resourceTypes.size + 1);
  });

  it('resource type versions: the same set, resource group pairs included', () => {
    const expected = new Set([...simple.resourceTypeVersions, ...simple.resourceGroupPairs]);
    expect([...loaderPairs].filter((t) => !expected.has(t))).toEqual([]);
    expect([...expected].filter((t) => !loaderPairs.has(t))).toEqual([]);
    expect(summary.resourceTypeVersions).toBe(expected.size);
  });

  it('reports dangling $refs only in files where the simple check finds one', () => {
    const reported = loaded.diagnostics.filter((d) => d.code === 'dangling-ref').map((d) => d.location!.file);
    expect(reported.filter((f) => !simple.danglingRefFiles.has(f))).toEqual([]);
  });

  it('reports no other error on the real tree (no alias cycle, no remote or non-string $ref)', () => {
    const errors = loaded.diagnostics.filter((d) => d.severity === 'error' && d.code !== 'dangling-ref' && d.code !== 'file-unreadable');
    expect(errors.map((d) => `${d.code} ${d.location?.file}#${d.location?.pointer}`)).toEqual([]);
  });

  describe('armkube specs --json', () => {
    let cliSummary: Record<string, unknown>;

    beforeAll(() => {
      ensureBuilt();
      cliSummary = JSON.parse(armkube('specs', '--json', '--specs', azureSpecsDir)) as Record<string, unknown>;
    });

    it('prints the summary keys', () => {
      for (const key of ['files', 'namespaces', 'apiVersions', 'resourceTypes', 'resourceTypeVersions', 'diagnostics']) {
        expect(cliSummary, key).toHaveProperty(key);
      }
      expect(cliSummary.specsDir).toBe(azureSpecsDir);
    });

    it('with the same counts as the library and as the simple count', () => {
      expect(cliSummary).toMatchObject({
        files: summary.files,
        packages: summary.packages,
        namespaces: summary.namespaces,
        apiVersions: summary.apiVersions,
        resourceTypes: summary.resourceTypes,
        resourceTypeVersions: summary.resourceTypeVersions,
        diagnostics: summary.diagnostics,
      });
      expect(cliSummary.files).toBe(simple.files);
      expect(cliSummary.namespaces).toBe(simple.namespaces.size);
      expect(cliSummary.resourceTypes).toBe(simple.resourceTypes.size + 1);
    });
  });
});

describe.skipIf(!hasAzureSpecs)('armkube model --group Microsoft.Storage --version 2021-04-01', () => {
  const folder = path.join(azureSpecsDir, 'storage/resource-manager/Microsoft.Storage/stable/2021-04-01');
  // What the spec says, read here: the nested `properties` of the create parameters, the read-only
  // members of the account properties, and the x-ms-enum names.
  let spec: any;
  let createProperties: string[];
  let readOnlyStatus: string[];
  let text: string;
  let json: any;

  beforeAll(() => {
    spec = JSON.parse(readFileSync(path.join(folder, 'storage.json'), 'utf8')).definitions;
    createProperties = Object.keys(spec.StorageAccountPropertiesCreateParameters.properties);
    readOnlyStatus = Object.entries<any>(spec.StorageAccountProperties.properties).filter(([, s]) => s.readOnly === true).map(([k]) => k);
    ensureBuilt();
    const args = ['model', '--group', 'Microsoft.Storage', '--version', '2021-04-01', '--specs', azureSpecsDir];
    text = armkube(...args);
    json = JSON.parse(armkube(...args, '--json'));
  });

  it('reads the spec as expected (guards the test itself)', () => {
    expect(createProperties).toEqual(expect.arrayContaining(['encryption', 'networkAcls']));
    expect(readOnlyStatus).toEqual(expect.arrayContaining(['provisioningState', 'primaryEndpoints']));
    expect(spec.StorageAccount.properties.kind['x-ms-enum'].name).toBe('Kind');
  });

  describe('text', () => {
    const section = () => {
      const start = text.indexOf('\nresource Microsoft.Storage/storageAccounts\n');
      expect(start).toBeGreaterThanOrEqual(0);
      const end = text.indexOf('\nresource ', start + 1);
      return text.slice(start, end < 0 ? undefined : end);
    };
    const lines = (from: string, to?: string) => {
      const s = section();
      const a = s.indexOf(from);
      expect(a, from).toBeGreaterThanOrEqual(0);
      const b = to ? s.indexOf(to, a) : -1;
      return s.slice(a, b < 0 ? undefined : b).split('\n');
    };

    it('shows the storage account resource with its scope, name and PUT path', () => {
      expect(text).toMatch(/^package storage\/resource-manager\/Microsoft\.Storage\/stable\/2021-04-01\n  namespace Microsoft\.Storage, api-version 2021-04-01 \(stable\)/);
      expect(section()).toContain('\n  scope resourceGroup\n  name {accountName}\n  PUT /subscriptions/{subscriptionId}/resourceGroups/{resourceGroupName}/providers/Microsoft.Storage/storageAccounts/{accountName}\n');
    });

    it('shows the spec properties, those under `properties` included', () => {
      const spec = lines('  spec (PUT body: StorageAccountCreateParameters):', '  status (');
      expect(spec).toContain('    properties: StorageAccountPropertiesCreateParameters [flatten]');
      for (const name of createProperties) expect(spec.some((l) => l.startsWith(`      ${name}: `)), name).toBe(true);
      expect(spec.some((l) => l.startsWith('        services: EncryptionServices'))).toBe(true); // encryption → services
    });

    it('shows the read-only status properties', () => {
      const status = lines('  status (GET response: StorageAccount), read-only properties:');
      expect(status).toContain('    properties: StorageAccountProperties [flatten]');
      for (const name of readOnlyStatus) {
        expect(status.some((l) => l.startsWith(`      ${name}: `) && l.includes('read-only')), name).toBe(true);
      }
      expect(status.some((l) => /^ {6}provisioningState: enum ProvisioningState \[.*"Succeeded".*\] \[read-only\]$/.test(l))).toBe(true);
    });

    it('shows the named enums: SkuName in the list, Kind inline on the property', () => {
      const enums = text.slice(text.indexOf('\nnamed enums:\n'));
      expect(enums).toMatch(/\n {2}SkuName: enum SkuName \(open\) \["Standard_LRS", /);
      expect(section()).toMatch(/\n {4}kind: enum Kind \(open\) \["Storage", "StorageV2", "BlobStorage", "FileStorage", "BlockBlobStorage"\] \[required\]\n/);
    });
  });

  describe('--json', () => {
    const pkg = () => json.packages[0];
    const def = (name: string) => {
      const t = pkg().types[name];
      expect(t, name).toBeDefined();
      return t.type;
    };
    const prop = (t: any, name: string) => {
      const p = t.properties.find((x: any) => x.armName === name);
      expect(p, name).toBeDefined();
      return p;
    };

    it('is one package with its diagnostics', () => {
      expect(json.packages).toHaveLength(1);
      expect(pkg()).toMatchObject({ namespace: 'Microsoft.Storage', apiVersion: '2021-04-01', stability: 'stable' });
      expect(Array.isArray(json.diagnostics)).toBe(true);
    });

    it('has the storage account resource, PUT body and GET type', () => {
      const r = pkg().resources.find((x: any) => x.armType === 'Microsoft.Storage/storageAccounts');
      expect(r).toMatchObject({ scope: 'resourceGroup', nameParameter: 'accountName', putType: { kind: 'ref', name: 'StorageAccountCreateParameters' }, getType: { kind: 'ref', name: 'StorageAccount' } });
    });

    it('has the spec properties under `properties`', () => {
      const flattened = prop(def('StorageAccountCreateParameters'), 'properties');
      expect(flattened).toMatchObject({ clientFlatten: true, type: { kind: 'ref', name: 'StorageAccountPropertiesCreateParameters' } });
      const inner = def('StorageAccountPropertiesCreateParameters');
      expect(inner.properties.map((p: any) => p.armName)).toEqual(createProperties);
      expect(prop(inner, 'encryption').type).toEqual({ kind: 'ref', name: 'Encryption' });
      expect(prop(inner, 'networkAcls').type).toEqual({ kind: 'ref', name: 'NetworkRuleSet' });
    });

    it('has the read-only status properties', () => {
      const status = def('StorageAccountProperties');
      expect(status.properties.filter((p: any) => p.readOnly).map((p: any) => p.armName)).toEqual(readOnlyStatus);
      expect(prop(status, 'primaryEndpoints').type).toEqual({ kind: 'ref', name: 'Endpoints' });
    });

    it('has the named enums SkuName (a definition, from common.json) and Kind (inline)', () => {
      expect(def('SkuName')).toMatchObject({ kind: 'enum', enumName: 'SkuName', open: true });
      expect(pkg().types.SkuName.source.file).toBe('storage/resource-manager/Microsoft.Storage/stable/2021-04-01/common.json');
      expect(prop(def('StorageAccount'), 'kind').type).toMatchObject({ kind: 'enum', enumName: 'Kind', open: true });
      expect(prop(def('StorageAccount'), 'kind').type.values.map((v: any) => v.value)).toEqual(spec.StorageAccount.properties.kind.enum);
    });
  });
});
