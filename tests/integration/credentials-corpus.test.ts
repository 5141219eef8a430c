/**
 * The credential rule over the whole corpus, as users get it: `armkube generate --all` writes its
 * CRDs, and no status schema of any of them holds a property the rule calls a credential (a
 * string named like a password, a secret, an access key or a connection string), while the spec
 * side has secret references in their place. The cases issue 18 found are checked by path: Redis
 * `status.accessKeys.primaryKey`/`secondaryKey`, ManagedCluster
 * `status.servicePrincipalProfile.secret`, `status.windowsProfile.adminPassword`,
 * `status.aadProfile.serverAppSecret`, VirtualMachine and VirtualMachineScaleSet
 * `status.osProfile.adminPassword`, SQL Server `status.administratorLoginPassword`; and the
 * VirtualMachine's `spec.osProfile.adminPassword` is a secret reference. Prints how many
 * properties the rule took on each side (`armkube pipeline --all --json` counts).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { load } from 'js-yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isCredentialName } from '../../generator/pipeline/credential-rule.js';
import { azureSpecsDir, hasAzureSpecs, repoRoot } from '../helpers.js';

const bin = path.join(repoRoot, 'dist', 'generator', 'cli', 'main.js');

interface Schema {
  type?: string;
  format?: string;
  description?: string;
  enum?: unknown[];
  properties?: Record<string, Schema>;
  items?: Schema;
  additionalProperties?: Schema | boolean;
  required?: string[];
}

interface Crd {
  spec: { group: string; names: { kind: string }; versions: { name: string; schema: { openAPIV3Schema: Schema } }[] };
}

/** Text a credential can be (the type part of the rule, on a CRD schema). */
function isText(s: Schema | undefined): boolean {
  if (!s) return false;
  if (s.type === 'string') return !s.enum && (s.format === undefined || s.format === 'byte' || s.format === 'password');
  if (s.type === 'array') return isText(s.items);
  if (s.type === 'object' && !s.properties && typeof s.additionalProperties === 'object') return isText(s.additionalProperties);
  return false;
}

/** Every property of a schema, with its path, depth first. */
function* properties(s: Schema | undefined, at: string): Generator<[string, Schema]> {
  if (!s) return;
  for (const [name, sub] of Object.entries(s.properties ?? {})) {
    yield [`${at}.${name}`, sub];
    yield* properties(sub, `${at}.${name}`);
  }
  if (s.items) yield* properties(s.items, `${at}[]`);
  if (s.additionalProperties && typeof s.additionalProperties === 'object') yield* properties(s.additionalProperties, `${at}{}`);
}

/** The schema at a dotted path (`status.osProfile.adminPassword`), through arrays. */
function at(root: Schema, dotted: string): Schema | undefined {
  let s: Schema | undefined = root;
  for (const key of dotted.split('.')) {
    while (s?.type === 'array') s = s.items;
    s = s?.properties?.[key];
  }
  return s;
}

describe.skipIf(!hasAzureSpecs)('the credential rule over generate --all', () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'armkube-credentials-'));
  const out = path.join(dir, 'output');
  const crds = new Map<string, Crd>();
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  beforeAll(() => {
    const generate = spawnSync(process.execPath, [bin, 'generate', '--all', '--no-docs', '--specs', azureSpecsDir, '--out', out, '--quiet'], { encoding: 'utf8', cwd: dir, maxBuffer: 1 << 28 });
    if (generate.status !== 0) throw new Error(`generate --all failed (${generate.status}): ${generate.stderr.slice(0, 4000)}`);
    for (const file of readdirSync(path.join(out, 'crds'))) {
      const crd = load(readFileSync(path.join(out, 'crds', file), 'utf8')) as Crd;
      crds.set(`${crd.spec.group}/${crd.spec.names.kind}`, crd);
    }
  }, 600_000);

  /** The root schema of the (last) version of a kind's CRD. */
  const schemaOf = (group: string, kind: string): Schema => {
    const crd = crds.get(`${group}/${kind}`);
    if (!crd) throw new Error(`no CRD for ${group}/${kind}; have ${crds.size}`);
    return crd.spec.versions[crd.spec.versions.length - 1].schema.openAPIV3Schema;
  };

  it('no status schema holds a credential; the spec side holds secret references in their place', () => {
    const inStatus: string[] = [];
    let statusProperties = 0;
    let specSecrets = 0;
    let enums = 0;
    for (const [kind, crd] of crds) {
      for (const version of crd.spec.versions) {
        const root = version.schema.openAPIV3Schema;
        for (const [where, s] of properties(root.properties?.status, 'status')) {
          statusProperties++;
          const name = where.slice(where.lastIndexOf('.') + 1);
          if (!isCredentialName(name) || !isText(s)) continue;
          // The rule does not take an enum (`syncNtlmPasswords: Enabled`, `permissions.secrets: [get]`).
          // Status schemas drop closed enums (`validations`) but the spec schema of the same path keeps
          // them; an open enum (x-ms-enum modelAsString) is a plain string whose description lists
          // its "Known values" on both sides.
          const inSpec = at(root, `spec${where.slice('status'.length).replace(/\[\]/g, '')}`);
          if (inSpec?.enum || inSpec?.items?.enum || /\bKnown values: /.test(s.description ?? '')) {
            enums++;
            continue;
          }
          inStatus.push(`${kind} ${version.name} ${where}`);
        }
        for (const [where, s] of properties(root.properties?.spec, 'spec')) {
          const name = where.slice(where.lastIndexOf('.') + 1);
          if (isCredentialName(name) && s.type === 'object' && s.properties?.name && s.properties?.key) specSecrets++;
        }
      }
    }
    const pipeline = spawnSync(process.execPath, [bin, 'pipeline', '--all', '--specs', azureSpecsDir, '--json'], { encoding: 'utf8', cwd: dir, maxBuffer: 1 << 28 });
    expect(pipeline.status, pipeline.stderr.slice(0, 2000)).toBe(0);
    const counts = (JSON.parse(pipeline.stdout) as { counts: Record<string, number> }).counts;
    process.stdout.write(
      `credential rule over generate --all: ${counts['secrets.byName'] ?? 0} spec properties made secret references by the rule, ` +
        `${counts['secrets.byName.removedFromStatus'] ?? 0} status properties removed by it; in the ${crds.size} CRDs: ` +
        `${specSecrets} credential-named secret references in specs, ${statusProperties} status properties, ${inStatus.length} credentials among them ` +
        `(${enums} credential-named strings whose spec is an enum, not credentials)\n`,
    );
    expect(inStatus).toEqual([]);
    expect(statusProperties).toBeGreaterThan(50_000);
    expect(counts['secrets.byName']).toBeGreaterThan(100);
    expect(counts['secrets.byName.removedFromStatus']).toBeGreaterThan(100);
    expect(specSecrets).toBeGreaterThan(100);
  });

  it('the cases of issue 18 are gone from the status (their neighbours stay)', () => {
    const gone: [string, string, string[], string][] = [
      ['cache.azure.com', 'Redis', ['status.accessKeys.primaryKey', 'status.accessKeys.secondaryKey'], 'status.hostName'],
      ['containerservice.azure.com', 'ManagedCluster', ['status.servicePrincipalProfile.secret', 'status.windowsProfile.adminPassword', 'status.aadProfile.serverAppSecret'], 'status.windowsProfile.adminUsername'],
      ['compute.azure.com', 'VirtualMachine', ['status.osProfile.adminPassword'], 'status.osProfile.adminUsername'],
      ['compute.azure.com', 'VirtualMachineScaleSet', ['status.virtualMachineProfile.osProfile.adminPassword'], 'status.virtualMachineProfile.osProfile.adminUsername'],
      ['sql.azure.com', 'Server', ['status.administratorLoginPassword'], 'status.administratorLogin'],
    ];
    for (const [group, kind, paths, kept] of gone) {
      const root = schemaOf(group, kind);
      for (const p of paths) expect(at(root, p), `${kind} ${p}`).toBeUndefined();
      expect(at(root, kept), `${kind} ${kept}`).toMatchObject({ type: 'string' });
    }
  });

  it('VirtualMachine spec.osProfile.adminPassword is a secret reference {name, key}', () => {
    const adminPassword = at(schemaOf('compute.azure.com', 'VirtualMachine'), 'spec.osProfile.adminPassword');
    expect(adminPassword?.type).toBe('object');
    expect(Object.keys(adminPassword?.properties ?? {}).sort()).toEqual(['key', 'name']);
    expect(at(schemaOf('sql.azure.com', 'Server'), 'spec.administratorLoginPassword')?.properties?.key).toMatchObject({ type: 'string' });
  });
});
