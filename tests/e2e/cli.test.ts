/** The CLI as users run it: the built `armkube` binary, its exit codes, its text and JSON output. */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { fixturesDir, hasAzureSpecs, repoRoot } from '../helpers.js';

const bin = path.join(repoRoot, 'dist', 'generator', 'cli', 'main.js');

function armkube(...args: string[]) {
  return spawnSync(process.execPath, [bin, ...args], { encoding: 'utf8', cwd: repoRoot, env: { ...process.env, ARMKUBE_SPECS: '' } });
}

describe('armkube CLI', () => {
  it('prints help with every command', () => {
    const out = armkube('--help');
    expect(out.status).toBe(0);
    for (const command of ['specs', 'model', 'pipeline']) expect(out.stdout).toContain(command);
  });

  it('exits 2 with a clear message on a missing specs folder', () => {
    const out = armkube('specs', '--specs', path.join(repoRoot, 'no-such-folder'));
    expect(out.status).toBe(2);
    expect(out.stderr).toMatch(/no-such-folder.*does not exist/);
  });

  it('exits 2 on an unknown target', () => {
    const out = armkube('pipeline', '--specs', fixturesDir, '--target', 'nope');
    expect(out.status).toBe(2);
    expect(out.stderr).toContain('unknown target "nope"');
  });

  it('takes the specs folder from ARMKUBE_SPECS when no flag is given', () => {
    const dir = path.join(fixturesDir, 'pipeline', 'owner-scope');
    const out = spawnSync(process.execPath, [bin, 'specs', '--json'], { encoding: 'utf8', cwd: repoRoot, env: { ...process.env, ARMKUBE_SPECS: dir } });
    expect(out.status).toBe(0);
    expect(JSON.parse(out.stdout).specsDir).toBe(dir);
  });
});

describe('armkube generate', () => {
  it('writes CRDs, TypeScript and clients for a fixture, the same bytes every time', () => {
    const root = mkdtempSync(path.join(os.tmpdir(), 'armkube-generate-'));
    const specs = path.join(fixturesDir, 'pipeline', 'arm-references');
    const run = (out: string) => armkube('generate', '--all', '--specs', specs, '--out', out, '--json');
    const first = run(path.join(root, 'a'));
    expect(first.status, first.stderr).toBe(0);
    const summary = JSON.parse(first.stdout);
    expect(summary).toMatchObject({ target: 'aso', written: true, crdLimits: { tooLarge: 0 } });
    expect(summary.crds).toBeGreaterThan(0);
    const files = (dir: string) => readdirSync(dir, { recursive: true, withFileTypes: true }).filter((e) => e.isFile()).map((e) => path.relative(dir, path.join(e.parentPath, e.name))).sort();
    const a = files(path.join(root, 'a'));
    expect(a).toContain('ts/index.ts');
    expect(a.filter((f) => f.startsWith('crds/')).length).toBe(summary.crds);
    expect(a.some((f) => f.endsWith('.client.ts'))).toBe(true);
    expect(run(path.join(root, 'b')).status).toBe(0);
    expect(files(path.join(root, 'b'))).toEqual(a);
    for (const f of a) expect(readFileSync(path.join(root, 'b', f), 'utf8'), f).toBe(readFileSync(path.join(root, 'a', f), 'utf8'));
  });
});

describe.skipIf(!hasAzureSpecs)('armkube pipeline on the real specs', () => {
  it('reports kinds, references by method, secrets, unions, cycles and free-form properties as JSON', () => {
    const out = execFileSync(process.execPath, [bin, 'pipeline', '--all', '--group', 'Microsoft.Network', '--version', '2021-02-01', '--json'], { encoding: 'utf8', cwd: repoRoot });
    const report = JSON.parse(out);
    expect(report.target).toBe('aso');
    expect(report.kinds).toBeGreaterThan(50);
    expect(report.references.subresource).toBeGreaterThan(0);
    for (const key of ['secrets', 'unions', 'cycles', 'freeForm']) expect(typeof report[key]).toBe('number');
    expect(report.stages.map((s: { id: string }) => s.id)).toContain('arm-references');
  });

  it('shows one package after the aso stages with model --target aso', () => {
    const out = armkube('model', '--group', 'Microsoft.Network', '--version', '2021-02-01', '--target', 'aso');
    expect(out.status).toBe(0);
    const subnet = out.stdout.slice(out.stdout.indexOf('resource Microsoft.Network/virtualNetworks/subnets\n'));
    expect(subnet).toMatch(/kubernetes network\.azure\.com\/v20210201 VirtualNetworksSubnet \(plural virtualnetworkssubnets, storage version, owner: VirtualNetwork\)/);
    expect(subnet).toMatch(/networkSecurityGroup: reference to Microsoft\.Network\/networkSecurityGroups \(embedded-resource\) \[arm=properties\.networkSecurityGroup\]/);
    expect(armkube('model', '--group', 'Microsoft.Network', '--version', '2021-02-01', '--target', 'nope').status).toBe(2);
  });

  it('prints the same report as text', () => {
    const out = armkube('pipeline', '--all', '--group', 'Microsoft.Network', '--version', '2021-02-01');
    expect(out.status).toBe(0);
    expect(out.stdout).toMatch(/target aso: 1 packages, \d+ kinds/);
    expect(out.stdout).toMatch(/references: .*subresource \d+/);
  });
});
