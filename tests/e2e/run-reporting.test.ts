/**
 * Nothing fails silently: a run that selects nothing is an error that keeps the old output and
 * says why (with "did you mean"); every diagnostic is reachable (text with file and pointer,
 * --verbose, --json); `specs` follows the exit-code rule; narrowing a run with --group does not
 * warn about the config entries it ruled out.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { azureSpecsDir, fixturesDir, hasAzureSpecs, repoRoot } from '../helpers.js';
import { armkube, fixture, tree } from './safety-helpers.js';

const root = mkdtempSync(path.join(os.tmpdir(), 'armkube-e2e-reporting-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** An output armkube wrote from the fixture, in a fresh folder. */
function previousOutput(name: string): string {
  const out = path.join(root, name);
  expect(armkube(['generate', '--specs', fixture, '--all', '--out', out, '--quiet'], { cwd: root }).status).toBe(0);
  return out;
}

describe('a run that selects nothing is an error, and the old output stays', () => {
  it('an empty specs folder', () => {
    const out = previousOutput('empty-specs-out');
    const before = tree(out);
    const specs = path.join(root, 'empty-specs');
    mkdirSync(specs);
    const run = armkube(['generate', '--specs', specs, '--all', '--out', out], { cwd: root });
    expect(run.status).toBe(1);
    expect(run.stdout).toContain(`error no-swagger: the specs folder ${specs} holds no Swagger file`);
    expect(run.stdout).toContain('nothing to generate');
    expect(tree(out)).toEqual(before);
  });

  it('a typo in --group: did you mean', () => {
    const out = previousOutput('typo-group-out');
    const before = tree(out);
    const run = armkube(['generate', '--specs', fixture, '--all', '--group', 'Microsoft.Netwrk', '--out', out, '--json'], { cwd: root });
    expect(run.status).toBe(1);
    const summary = JSON.parse(run.stdout);
    expect(summary.written).toBe(false);
    expect(summary.errors[0]).toContain('--group Microsoft.Netwrk names no provider namespace');
    expect(summary.errors[0]).toContain('(did you mean "Microsoft.Network"?)');
    expect(tree(out)).toEqual(before);
  });

  it('a typo in --version: did you mean, and the latest versions', () => {
    const run = armkube(['generate', '--specs', fixture, '--all', '--group', 'Microsoft.Network', '--version', '2023-04-1', '--out', path.join(root, 'v')], { cwd: root });
    expect(run.status).toBe(1);
    expect(run.stdout).toMatch(/--version 2023-04-1 is not an api-version of Microsoft\.Network \(did you mean "2023-04-01"\?\)/);
  });

  it('a typo in a kind of the config: did you mean', () => {
    const config = path.join(root, 'kind-typo.yaml');
    writeFileSync(config, 'resources:\n  - kind: VirtualNetwrok\n');
    const run = armkube(['generate', '--config', config, '--specs', fixture, '--out', path.join(root, 'k')], { cwd: root });
    expect(run.status).toBe(1);
    expect(run.stdout).toMatch(/no entry of the config's resources matches a resource .*\{kind: VirtualNetwrok\} \(did you mean "VirtualNetwork"\?\)/);
  });

  it.skipIf(!hasAzureSpecs)('--group Microsoft.Storag on the real specs: did you mean Microsoft.Storage', () => {
    const out = previousOutput('storag-out');
    const before = tree(out);
    const run = armkube(['generate', '--specs', azureSpecsDir, '--all', '--group', 'Microsoft.Storag', '--out', out], { cwd: root });
    expect(run.status).toBe(1);
    expect(run.stdout).toContain('(did you mean "Microsoft.Storage"?)');
    expect(tree(out)).toEqual(before);
  });
});

describe('every diagnostic is reachable', () => {
  const specs = path.join(fixturesDir, 'pipeline', 'owner-scope');

  it('generate prints warnings grouped by code with file and JSON pointer; --json lists every diagnostic', () => {
    const text = armkube(['generate', '--specs', specs, '--all', '--out', path.join(root, 'diag-text')], { cwd: root });
    expect(text.status, text.stderr).toBe(0);
    expect(text.stdout).toMatch(/^warning owner-unknown \(1\):\n {2}the parent .* has no kind .*\(specification\/.*\.json#\/paths\/.*\/put\)$/m);
    const json = armkube(['generate', '--specs', specs, '--all', '--out', path.join(root, 'diag-json'), '--json'], { cwd: root });
    const summary = JSON.parse(json.stdout);
    const byCode = (summary.diagnosticsByCode as { count: number }[]).reduce((n, d) => n + d.count, 0);
    expect(summary.diagnostics).toHaveLength(byCode);
    const warning = summary.diagnostics.find((d: { code: string }) => d.code === 'owner-unknown');
    expect(warning).toMatchObject({ severity: 'warning', location: { file: expect.stringMatching(/\.json$/), pointer: expect.stringMatching(/^\/paths\//) } });
    expect(warning.text).toContain('warning owner-unknown: ');
  });

  it('without --verbose a few per code and how many more; --verbose prints all, infos too', () => {
    const json = JSON.parse(armkube(['generate', '--specs', azureOr(specs), ...narrowed(), '--out', path.join(root, 'verbose-json'), '--json'], { cwd: root }).stdout);
    const infos = (json.diagnostics as { severity: string }[]).filter((d) => d.severity === 'info').length;
    expect(infos).toBeGreaterThan(0);
    const quiet = armkube(['generate', '--specs', azureOr(specs), ...narrowed(), '--out', path.join(root, 'verbose-a')], { cwd: root }).stdout;
    expect(quiet).not.toMatch(/^info /m);
    expect(quiet).toContain(`${infos} infos with --verbose`);
    const verbose = armkube(['generate', '--specs', azureOr(specs), ...narrowed(), '--out', path.join(root, 'verbose-b'), '--verbose'], { cwd: root }).stdout;
    const shown = verbose.split('\n').filter((l) => /^(info|warning|error) [a-z0-9-]+ \(\d+\):$/.test(l));
    expect(shown.some((l) => l.startsWith('info '))).toBe(true);
    // Every diagnostic's message is printed once under its code.
    const printed = verbose.split('\n').filter((l) => l.startsWith('  ') && !l.startsWith('  ... and')).length;
    expect(printed).toBeGreaterThanOrEqual(json.diagnostics.length);
    expect(verbose).not.toContain('... and');
  });

  it('specs exits 1 when there are errors, 0 when there are none', () => {
    const broken = armkube(['specs', '--specs', path.join(fixturesDir, 'e2e', 'not-json')], { cwd: root });
    expect(broken.status).toBe(1);
    expect(broken.stdout).toMatch(/^error invalid-json \(1\):\n {2}not valid JSON: .*\(specification\/.*gadgets\.json\)$/m);
    const json = JSON.parse(armkube(['specs', '--specs', path.join(fixturesDir, 'e2e', 'not-json'), '--json'], { cwd: root }).stdout);
    expect(json.diagnosticsList.map((d: { code: string }) => d.code)).toEqual(['invalid-json']);
    expect(armkube(['specs', '--specs', fixture], { cwd: root }).status).toBe(0);
  });
});

describe('narrowing a run does not warn about the config entries it ruled out', () => {
  it('a config with several groups narrowed to one: no selector-unmatched warning; a typo inside the narrowing still warns', () => {
    const specs = path.join(fixturesDir, 'pipeline', 'owner-scope');
    const config = path.join(root, 'several.yaml');
    const entries = ['Microsoft.Storage/storageAccounts', 'Microsoft.Authorization/locks', 'Microsoft.Insights/diagnosticSettings', 'Microsoft.Subscription/aliases'];
    writeFileSync(config, `resources:\n${entries.map((t) => `  - armType: ${t}\n`).join('')}`);
    const narrow = (extra: string[]) =>
      JSON.parse(armkube(['generate', '--config', config, '--specs', specs, '--group', 'Microsoft.Storage', '--out', path.join(root, `narrow-${extra.length}`), '--json', ...extra], { cwd: root }).stdout);
    const summary = narrow([]);
    expect(summary.resourceTypes.found).toBe(1);
    expect(summary.diagnostics.filter((d: { code: string }) => d.code === 'selector-unmatched')).toEqual([]);
    writeFileSync(config, `resources:\n${[...entries, 'Microsoft.Storage/storageAcounts'].map((t) => `  - armType: ${t}\n`).join('')}`);
    const typo = narrow(['--quiet']);
    expect(typo.diagnostics.filter((d: { code: string }) => d.code === 'selector-unmatched').map((d: { message: string }) => d.message)).toEqual([
      'resources entry {armType: Microsoft.Storage/storageAcounts} matches no resource in the specs',
    ]);
  });

  it.skipIf(!hasAzureSpecs)("the README's crossplane example with the default config: zero selector-unmatched warnings", () => {
    const run = armkube(['generate', '--target', 'crossplane', '--group', 'Microsoft.Network', '--version', '2021-02-01', '--out', path.join(root, 'xp'), '--json'], { cwd: repoRoot });
    expect(run.status, run.stderr).toBe(0);
    const summary = JSON.parse(run.stdout);
    expect(summary.resourceTypes.found).toBe(7); // the seven Microsoft.Network entries of armkube.yaml
    expect(summary.diagnostics.filter((d: { code: string }) => d.code === 'selector-unmatched')).toEqual([]);
  });
});

/** The real specs when present (more diagnostics, infos among them), else the fixture. */
function azureOr(specs: string): string {
  return hasAzureSpecs ? azureSpecsDir : specs;
}

function narrowed(): string[] {
  return hasAzureSpecs ? ['--all', '--group', 'Microsoft.Storage', '--version', '2021-04-01', '--no-docs'] : ['--all'];
}
