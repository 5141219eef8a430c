/**
 * `armkube generate` and `armkube list` as users run them: the built CLI, the repository's
 * armkube.yaml, the real specs. Byte-identical output across runs, `--check` catching a stale
 * output folder, the failure paths (a config typo, a missing specs folder, a spec file that is not
 * JSON) and a run killed mid-way that leaves the previous output intact.
 */
import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { load } from 'js-yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listFiles } from '../../generator/emit/write-output.js';
import { fixturesDir, hasAzureSpecs, repoRoot } from '../helpers.js';

const bin = path.join(repoRoot, 'dist', 'generator', 'cli', 'main.js');
const root = mkdtempSync(path.join(os.tmpdir(), 'armkube-e2e-generate-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

function armkube(args: string[], cwd = repoRoot) {
  return spawnSync(process.execPath, [bin, ...args], { encoding: 'utf8', cwd, env: { ...process.env, ARMKUBE_SPECS: '' }, maxBuffer: 1 << 26 });
}

/** Every file under `dir` with the hash of its bytes. */
function snapshot(dir: string): Record<string, string> {
  return Object.fromEntries(listFiles(dir).map((f) => [f, createHash('sha256').update(readFileSync(path.join(dir, f))).digest('hex')]));
}

describe('armkube generate: failure paths', () => {
  it('exits 2 on a config with a typo, naming the file, the key and the fix', () => {
    const config = path.join(root, 'typo.yaml');
    writeFileSync(config, 'versions: latest\nresources:\n  - armType: Microsoft.Storage/storageAccounts\n    verison: 2021-04-01\n');
    const out = armkube(['generate', '--config', config, '--out', path.join(root, 'typo-out')]);
    expect(out.status).toBe(2);
    expect(out.stderr).toContain(`${config}#/resources/0/verison`);
    expect(out.stderr).toContain('unknown key "verison" in resources[0] (did you mean "version"?)');
    expect(existsSync(path.join(root, 'typo-out'))).toBe(false);
  });

  it('exits 2 on a missing specs folder, saying where it looked and what to do', () => {
    const out = armkube(['generate', '--specs', path.join(root, 'no-such-specs'), '--out', path.join(root, 'x')]);
    expect(out.status).toBe(2);
    expect(out.stderr).toMatch(/no-such-specs.*does not exist/);
  });

  it('reports a spec file that is not JSON at its file, exits 1, and still writes the kinds it could generate', () => {
    const specs = path.join(fixturesDir, 'e2e', 'not-json');
    const out = path.join(root, 'not-json');
    const run = armkube(['generate', '--specs', specs, '--out', out, '--json'], root);
    expect(run.status, run.stderr).toBe(1);
    const summary = JSON.parse(run.stdout);
    expect(summary.errors.join('\n')).toMatch(/invalid-json.*gadgets\.json/);
    expect(summary.written).toBe(true);
    expect(listFiles(out)).toContain('crds/test.azure.com_widgets.yaml');
  });

  it('with --strict, exits 1 on warnings too', () => {
    const specs = path.join(fixturesDir, 'pipeline', 'owner-scope');
    // Run where there is no armkube.yaml: the fixture is the whole input.
    const lax = armkube(['generate', '--specs', specs, '--out', path.join(root, 'lax'), '--json'], root);
    const summary = JSON.parse(lax.stdout);
    expect(summary.warnings).toBeGreaterThan(0);
    expect(lax.status).toBe(summary.errors.length ? 1 : 0);
    expect(armkube(['generate', '--specs', specs, '--out', path.join(root, 'strict'), '--strict', '--quiet'], root).status).toBe(1);
  });

  it('leaves the previous output intact when killed mid-way, and the next run cleans up', async () => {
    const specs = path.join(fixturesDir, 'pipeline', 'arm-references');
    const out = path.join(root, 'killed');
    expect(armkube(['generate', '--specs', specs, '--out', out, '--quiet'], root).status).toBe(0);
    const before = snapshot(out);
    expect(Object.keys(before).some((f) => f.startsWith('crds/'))).toBe(true);
    // Kill a run once it is writing (its staging folder exists); a big input keeps it there long enough.
    const bigSpecs = hasAzureSpecs ? ['--specs', path.resolve(repoRoot, '../shared/azure-rest-api-specs/specification'), '--all', '--group', 'Microsoft.Network'] : ['--specs', specs];
    const child = spawn(process.execPath, [bin, 'generate', ...bigSpecs, '--out', out, '--quiet'], { cwd: root, stdio: 'ignore' });
    const staging = () => readdirSync(root).some((n) => n.startsWith('killed.armkube-tmp-'));
    const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()));
    let killedWhileWriting = false;
    const deadline = Date.now() + 120_000;
    while (Date.now() < deadline && child.exitCode === null) {
      if (staging()) {
        child.kill('SIGKILL');
        killedWhileWriting = true;
        break;
      }
      await new Promise((r) => setTimeout(r, 2));
    }
    await exited;
    if (hasAzureSpecs) expect(killedWhileWriting).toBe(true);
    expect(snapshot(out)).toEqual(before);
    // The next run removes what the killed one left and writes normally.
    expect(armkube(['generate', '--specs', specs, '--out', out, '--quiet'], root).status).toBe(0);
    expect(readdirSync(root).filter((n) => n.startsWith('killed.'))).toEqual([]);
    expect(snapshot(out)).toEqual(before);
  }, 180_000);
});

describe.skipIf(!hasAzureSpecs)('armkube generate with the default config (armkube.yaml)', () => {
  const a = path.join(root, 'default-a');
  const b = path.join(root, 'default-b');
  let summary: { resourceTypes: { found: number; generated: number; notGenerated: unknown[] }; crds: number; written: boolean };

  beforeAll(() => {
    const first = armkube(['generate', '--out', a, '--json']);
    expect(first.status, first.stderr).toBe(0);
    summary = JSON.parse(first.stdout);
    const second = armkube(['generate', '--out', b, '--quiet']);
    expect(second.status, second.stderr).toBe(0);
  }, 300_000);

  it('generates every resource of the default set', () => {
    expect(summary.written).toBe(true);
    const listed = armkube(['list', '--json']);
    expect(listed.status).toBe(0);
    const resources = JSON.parse(listed.stdout).resources as { group: string; kind: string }[];
    expect(resources.length).toBeGreaterThanOrEqual(32);
    expect(summary.resourceTypes).toMatchObject({ found: resources.length, generated: resources.length, notGenerated: [] });
    const files = listFiles(a);
    for (const r of resources) expect(files.some((f) => f.startsWith(`crds/${r.group}_`)), `${r.group}/${r.kind}`).toBe(true);
    expect(files.filter((f) => f.startsWith('crds/')).length).toBe(summary.crds);
  });

  it('gives byte-identical output on a second run', () => {
    const first = snapshot(a);
    expect(Object.keys(first).length).toBeGreaterThan(60);
    expect(snapshot(b)).toEqual(first);
  });

  it('--check passes on a fresh output and catches a changed, a removed and an extra file', () => {
    const ok = armkube(['generate', '--out', a, '--check']);
    expect(ok.status, ok.stdout).toBe(0);
    expect(ok.stdout).toContain('output is up to date');
    // `--output` is accepted too, as import, render and validate spell it.
    expect(armkube(['generate', '--output', a, '--check', '--quiet']).status).toBe(0);
    const files = listFiles(b);
    const changed = files.find((f) => f.startsWith('crds/'))!;
    const removed = files.find((f) => f.startsWith('ts/'))!;
    writeFileSync(path.join(b, changed), readFileSync(path.join(b, changed), 'utf8') + '# edited\n');
    rmSync(path.join(b, removed));
    writeFileSync(path.join(b, 'stray.txt'), 'x');
    const before = snapshot(b);
    const stale = armkube(['generate', '--out', b, '--check', '--json']);
    expect(stale.status).toBe(1);
    expect(JSON.parse(stale.stdout).stale).toEqual({ changed: [changed], added: [removed], removed: ['stray.txt'] });
    expect(snapshot(b)).toEqual(before); // --check writes nothing
  });

  it('list prints the selected resources as a table', () => {
    const out = armkube(['list']);
    expect(out.status).toBe(0);
    const lines = out.stdout.trim().split('\n');
    expect(lines[0]).toMatch(/^ARM TYPE\s+API-VERSION\s+GROUP\s+VERSION\s+KIND$/);
    expect(out.stdout).toMatch(/Microsoft\.Network\/virtualNetworks\/subnets\s+2021-02-01\s+network\.azure\.com\s+v20210201\s+VirtualNetworksSubnet/);
    expect(lines[lines.length - 1]).toMatch(/^\d+ resources \(\d+ kinds\)$/);
  });

  it('list --all --versions all selects every version of a namespace', () => {
    const latest = JSON.parse(armkube(['list', '--all', '--group', 'Microsoft.Storage', '--json']).stdout).resources as { apiVersion: string; kind: string }[];
    const all = JSON.parse(armkube(['list', '--all', '--group', 'Microsoft.Storage', '--versions', 'all', '--json']).stdout).resources as { kind: string }[];
    expect(new Set(latest.map((r) => r.kind)).size).toBe(latest.length);
    expect(all.length).toBeGreaterThan(latest.length * 3);
    expect(new Set(all.map((r) => r.kind))).toEqual(new Set(latest.map((r) => r.kind)));
    expect(armkube(['list', '--versions', 'newest']).status).toBe(2);
  });
});

describe.skipIf(!hasAzureSpecs)('armkube generate with a config of its own', () => {
  it('selects by ARM type with every version, and names the configured conversion webhook in a multi-version CRD', () => {
    const config = path.join(root, 'webhook.yaml');
    writeFileSync(
      config,
      [
        `specs: ${path.resolve(repoRoot, '../shared/azure-rest-api-specs/specification')}`,
        'versions: all',
        'docs: false',
        'resources:',
        '  - armType: Microsoft.Storage/storageAccounts/blobServices',
        'conversionWebhook:',
        '  service: { name: my-webhook, namespace: ops, port: 9443 }',
      ].join('\n'),
    );
    const out = path.join(root, 'webhook-out');
    const run = armkube(['generate', '--config', config, '--out', out, '--json'], root);
    expect(run.status, run.stderr).toBe(0);
    const crd = load(readFileSync(path.join(out, 'crds', 'storage.azure.com_storageaccountsblobservices.yaml'), 'utf8')) as {
      spec: { versions: { name: string; storage: boolean }[]; conversion?: unknown };
    };
    expect(crd.spec.versions.length).toBeGreaterThan(3);
    expect(crd.spec.versions.filter((v) => v.storage)).toHaveLength(1);
    expect(crd.spec.conversion).toEqual({
      strategy: 'Webhook',
      webhook: { conversionReviewVersions: ['v1'], clientConfig: { service: { name: 'my-webhook', namespace: 'ops', path: '/convert', port: 9443 } } },
    });
    expect(listFiles(out).some((f) => f.startsWith('docs/'))).toBe(false);
  });
});

describe('help and version', () => {
  it('every command has --help with examples; --version prints the package version', () => {
    const version = JSON.parse(readFileSync(path.join(repoRoot, 'package.json'), 'utf8')).version;
    expect(armkube(['--version']).stdout.trim()).toBe(version);
    const help = armkube(['--help']).stdout;
    const commands = [...help.matchAll(/^ {2}([a-z]+) /gm)].map((m) => m[1]).filter((c) => c !== 'help');
    expect(commands).toEqual(expect.arrayContaining(['generate', 'list', 'specs', 'model', 'pipeline']));
    for (const command of commands) {
      const out = armkube([command, '--help']);
      expect(out.status, command).toBe(0);
      expect(out.stdout, command).toContain('Examples:');
    }
  });
});
