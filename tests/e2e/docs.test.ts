/** `armkube docs` as users run it: the built CLI, on the docs fixture and on Microsoft.Storage 2021-04-01 of the real specs. */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { load } from 'js-yaml';
import { describe, expect, it } from 'vitest';
import { fixturesDir, hasAzureSpecs, repoRoot } from '../helpers.js';

const bin = path.join(repoRoot, 'dist', 'generator', 'cli', 'main.js');

function armkube(...args: string[]) {
  return spawnSync(process.execPath, [bin, ...args], { encoding: 'utf8', cwd: repoRoot, env: { ...process.env, ARMKUBE_SPECS: '' } });
}

const filesUnder = (dir: string) =>
  readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => path.relative(dir, path.join(e.parentPath, e.name)))
    .sort();

describe('armkube docs', () => {
  it('has help with an example', () => {
    const out = armkube('docs', '--help');
    expect(out.status).toBe(0);
    expect(out.stdout).toContain('--out <dir>');
    expect(out.stdout).toMatch(/Examples:\n\s+armkube docs/);
  });

  it('replaces only <out>/docs, reports the broken example, and writes the same bytes twice', () => {
    const root = mkdtempSync(path.join(os.tmpdir(), 'armkube-docs-'));
    const specs = path.join(fixturesDir, 'emit', 'docs');
    const other = path.join(root, 'a', 'crds', 'kept.yaml');
    mkdirSync(path.dirname(other), { recursive: true });
    writeFileSync(other, 'kept: true\n');
    const run = (out: string) => armkube('docs', '--specs', specs, '--all', '--versions', 'all', '--out', out, '--json', '--quiet');
    const first = run(path.join(root, 'a'));
    expect(first.status, first.stderr).toBe(0);
    const summary = JSON.parse(first.stdout);
    expect(summary).toMatchObject({ written: true, groups: 1 });
    expect(summary.samples + summary.withoutSample).toBe(summary.kinds);
    expect(summary.warnings.some((w: string) => w.includes('docs-example-invalid') && w.includes('PartBroken.json'))).toBe(true);
    const docs = filesUnder(path.join(root, 'a', 'docs'));
    // The marker lists what armkube wrote, so that the next run may replace the folder.
    expect(docs).toEqual(['.armkube-output.json', 'gadgets.azure.com.md', 'index.md']);
    expect(summary.files).toBe(docs.length - 1);
    expect(readFileSync(other, 'utf8')).toBe('kept: true\n');
    const page = readFileSync(path.join(root, 'a', 'docs', 'gadgets.azure.com.md'), 'utf8');
    expect([...page.matchAll(/```yaml\n/g)].length).toBe(summary.samples);

    expect(run(path.join(root, 'b')).status).toBe(0);
    for (const f of docs) expect(readFileSync(path.join(root, 'b', 'docs', f), 'utf8'), f).toBe(readFileSync(path.join(root, 'a', 'docs', f), 'utf8'));
  });
});

describe.skipIf(!hasAzureSpecs)('armkube docs on the real specs', () => {
  it('documents Microsoft.Storage 2021-04-01 with samples that parse', () => {
    const out = mkdtempSync(path.join(os.tmpdir(), 'armkube-docs-storage-'));
    const started = performance.now();
    const run = armkube('docs', '--all', '--group', 'Microsoft.Storage', '--version', '2021-04-01', '--out', out, '--json');
    const seconds = (performance.now() - started) / 1000;
    expect(run.status, run.stderr).toBe(0);
    const summary = JSON.parse(run.stdout);
    console.log(`armkube docs Microsoft.Storage 2021-04-01: ${summary.kinds} kinds, ${summary.samples} with a sample, ${summary.files} files, ${summary.bytes} bytes in ${seconds.toFixed(1)} s (CLI process)`);
    expect(filesUnder(path.join(out, 'docs'))).toEqual(['.armkube-output.json', 'index.md', 'storage.azure.com.md']);
    expect(summary.samples).toBeGreaterThan(0);
    const page = readFileSync(path.join(out, 'docs', 'storage.azure.com.md'), 'utf8');
    const blocks = [...page.matchAll(/```yaml\n([\s\S]*?)```/g)].map((m) => load(m[1]) as { apiVersion: string; kind: string });
    expect(blocks.length).toBe(summary.samples);
    for (const b of blocks) expect(b.apiVersion).toBe('storage.azure.com/v20210401');
    expect(blocks.map((b) => b.kind)).toContain('StorageAccount');
    expect(readFileSync(path.join(out, 'docs', 'index.md'), 'utf8')).toContain('[StorageAccount](storage.azure.com.md#storageaccount)');
  });
});
