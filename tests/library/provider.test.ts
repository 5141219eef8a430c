/**
 * armkube as another package sees it. `tests/library/provider/` is a small provider package of its
 * own (`"type": "module"`, depending on `armkube`): its own stages (inserted with `insertBefore`
 * and `insertAfter`), its own emitter (the `Emitter` contract), and a generator that runs
 * `loadSpecs` + `runPipeline` + the built-in CRD emitter + its emitter over real specs, and the
 * generated conversion code through `loadGeneratedFiles`. It imports armkube only as `armkube`
 * and `armkube/runtime`, so it sees exactly what the `exports` map of package.json publishes: the
 * built `dist/` (run `npm run build` first; `npm test` does).
 *
 * The package is copied to a temporary folder whose `node_modules/armkube` is a link to this
 * repository, which is what `npm install` of `"armkube": "file:../../.."` would create, without
 * npm or the network. Its files are `.mts` so the repository's own `tsconfig.json` (which cannot
 * resolve `armkube` from inside the repository) leaves them alone.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { load as parseYaml } from 'js-yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { azureSpecsDir, hasAzureSpecs, repoRoot } from '../helpers.js';

const providerDir = path.join(repoRoot, 'tests', 'library', 'provider');
const tsc = path.join(repoRoot, 'node_modules', 'typescript', 'bin', 'tsc');
const GROUP_SUFFIX = 'azure.example.org';

function run(command: string, args: string[], cwd: string) {
  const r = spawnSync(command, args, { cwd, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr, output: `${r.stdout}${r.stderr}`.trim() };
}

interface Report {
  stages: string[];
  packages: string[];
  counts: Record<string, number>;
  errors: string[];
  deletionPolicy: Record<'storageAccount' | 'vault', { name: string; type: { kind: string; values: { value: string }[] }; annotations?: Record<string, string> } | undefined>;
  files: string[];
  written: { files: number; bytes: number };
  armBody: Record<string, unknown>;
}

interface Crd {
  spec: { versions: { name: string; schema: { openAPIV3Schema: { properties: { spec: { properties: Record<string, { type?: string; enum?: string[] }> } } } } }[] };
}

describe('a provider package built on armkube', () => {
  let work: string;

  beforeAll(() => {
    for (const built of ['dist/generator/index.js', 'dist/generator/index.d.ts', 'dist/generator/runtime/index.d.ts']) {
      if (!existsSync(path.join(repoRoot, built))) throw new Error(`${built} is missing: run npm run build first`);
    }
    work = mkdtempSync(path.join(os.tmpdir(), 'armkube-provider-'));
    cpSync(providerDir, work, { recursive: true, filter: (from) => !/[\\/](node_modules|dist|out)$/.test(from) });
    mkdirSync(path.join(work, 'node_modules'));
    symlinkSync(repoRoot, path.join(work, 'node_modules', 'armkube'), 'dir');
    // The provider's own dev dependency (its tsconfig has `types: ["node"]`).
    symlinkSync(path.join(repoRoot, 'node_modules', '@types'), path.join(work, 'node_modules', '@types'), 'dir');
  });

  afterAll(() => {
    if (work) rmSync(work, { recursive: true, force: true });
  });

  it('imports armkube only through its public entry points', () => {
    const sources = readdirSync(path.join(providerDir, 'src')).filter((f) => f.endsWith('.mts'));
    expect(sources.length).toBeGreaterThanOrEqual(3);
    const specifiers = new Set<string>();
    for (const file of sources) {
      for (const m of readFileSync(path.join(providerDir, 'src', file), 'utf8').matchAll(/^\s*(?:import|export)\s[^;]*?from\s+'([^']+)'/gms)) specifiers.add(m[1]);
    }
    const external = [...specifiers].filter((s) => !s.startsWith('.')).sort();
    expect(external).toEqual(['armkube', 'armkube/runtime']);
  });

  it('type-checks against the published .d.ts files (tsc --noEmit, strict, skipLibCheck off)', () => {
    const r = run(process.execPath, [tsc, '-p', path.join(work, 'tsconfig.json'), '--noEmit'], work);
    expect(r.output).toBe('');
    expect(r.status).toBe(0);
  });

  it('cannot reach armkube internals: the exports map publishes only ".", "./runtime" and "./runtime/client"', () => {
    const script = [
      "const ok = [await import('armkube'), await import('armkube/runtime'), await import('armkube/runtime/client')].map((m) => Object.keys(m).length > 0);",
      "let internal = 'importable';",
      "try { await import('armkube/dist/generator/model/print.js'); } catch (e) { internal = e.code; }",
      'console.log(JSON.stringify({ ok, internal }));',
    ].join('\n');
    const r = run(process.execPath, ['--input-type=module', '-e', script], work);
    expect(r.stderr).toBe('');
    expect(JSON.parse(r.stdout)).toEqual({ ok: [true, true, true], internal: 'ERR_PACKAGE_PATH_NOT_EXPORTED' });
  });

  describe.skipIf(!hasAzureSpecs)('over Microsoft.Storage 2021-04-01 and the latest stable Microsoft.KeyVault', () => {
    let report: Report;
    let out: string;
    const keyVaultStable = path.join(azureSpecsDir, 'keyvault', 'resource-manager', 'Microsoft.KeyVault', 'stable');
    const latestKeyVault = () => readdirSync(keyVaultStable).filter((v) => /^\d{4}-\d{2}-\d{2}$/.test(v)).sort().at(-1);

    beforeAll(() => {
      const compiled = run(process.execPath, [tsc, '-p', path.join(work, 'tsconfig.json')], work);
      if (compiled.status !== 0) throw new Error(`tsc failed:\n${compiled.output}`);
      out = path.join(work, 'out');
      const r = run(process.execPath, [path.join(work, 'dist', 'main.mjs'), azureSpecsDir, out], work);
      if (r.status !== 0) throw new Error(`the provider failed (${r.status}):\n${r.stderr}`);
      report = JSON.parse(r.stdout) as Report;
    });

    it('runs its stages where it inserted them, with no error diagnostics', () => {
      const at = (id: string) => report.stages.indexOf(id);
      expect(at('latest-stable')).toBe(at('merge-allof') - 1);
      expect(at('deletion-policy')).toBe(at('owner-scope') + 1);
      expect(report.errors).toEqual([]);
      expect(report.packages).toEqual([`Microsoft.KeyVault ${latestKeyVault()}`, 'Microsoft.Storage 2021-04-01']);
      expect(report.counts['latestStable.dropped']).toBeGreaterThan(0);
    });

    it("its stage's property is in the final model, named and typed as it wrote it", () => {
      for (const property of [report.deletionPolicy.storageAccount, report.deletionPolicy.vault]) {
        expect(property).toMatchObject({ name: 'deletionPolicy', type: { kind: 'enum' }, kubernetesOnly: true });
        expect(property!.type.values.map((v) => v.value)).toEqual(['Delete', 'Orphan']);
      }
      expect(report.counts['deletionPolicy.added']).toBe(report.counts['summary.kinds']);
    });

    it('the built-in CRD emitter writes it into the spec schema of every CRD', () => {
      const crds = report.files.filter((f) => f.startsWith('crds/'));
      expect(crds).toContain(`crds/storage.${GROUP_SUFFIX}_storageaccounts.yaml`);
      expect(crds).toContain(`crds/keyvault.${GROUP_SUFFIX}_vaults.yaml`);
      expect(crds.length).toBe(report.counts.crds);
      for (const file of crds) {
        const crd = parseYaml(readFileSync(path.join(out, file), 'utf8')) as Crd;
        for (const version of crd.spec.versions) {
          expect(version.schema.openAPIV3Schema.properties.spec.properties.deletionPolicy, `${file} ${version.name}`).toEqual({
            description: expect.any(String),
            type: 'string',
            enum: ['Delete', 'Orphan'],
          });
        }
      }
    });

    it('its own emitter wrote the summary beside the CRDs', () => {
      expect(report.files.filter((f) => f.startsWith('summary/'))).toEqual([
        'summary/README.md',
        `summary/keyvault.${GROUP_SUFFIX}.md`,
        'summary/kinds.json',
        `summary/storage.${GROUP_SUFFIX}.md`,
      ]);
      expect(report.written.files).toBe(report.files.length);
      const kinds = JSON.parse(readFileSync(path.join(out, 'summary', 'kinds.json'), 'utf8')) as { kind: string; group: string; parents: number; specProperties: string[] }[];
      expect(kinds.length).toBe(report.counts['summary.kinds']);
      expect(kinds.find((k) => k.kind === 'StorageAccount')).toMatchObject({ group: `storage.${GROUP_SUFFIX}`, parents: 0 });
      expect(kinds.find((k) => k.kind === 'VaultsSecret')).toMatchObject({ group: `keyvault.${GROUP_SUFFIX}`, parents: 1 });
      for (const k of kinds) expect(k.specProperties).toContain('deletionPolicy');
      expect(readFileSync(path.join(out, 'summary', `storage.${GROUP_SUFFIX}.md`), 'utf8')).toContain('| StorageAccount |');
    });

    it('the generated conversion code leaves the Kubernetes-only property out of the ARM body', () => {
      expect(report.armBody).toEqual({ location: 'westeurope', kind: 'StorageV2', sku: { name: 'Standard_LRS' } });
    });
  });
});
