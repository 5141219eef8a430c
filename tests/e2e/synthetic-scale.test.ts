/**
 * Scale: `armkube generate` end to end (the built CLI, in a fresh process) on synthetic specs of
 * 10,000 and 50,000 definitions (scripts/synthetic-spec.ts: one resource whose `properties` has
 * one property per definition, each a distinct object with an ARM-ID string and a password), so
 * one type has 50,000 properties and the package 100,000 spec and status types. The
 * `arm-references` stage was quadratic in the properties of a type (50,000 definitions: 187 s),
 * and so were the TypeScript emitter's placement of types, its ARM layout and its flag
 * propagation. Prints both times; asserts, robust to a loaded machine, that five times the
 * definitions take well under 25 times as long (the ratio a quadratic would give), and a loose
 * absolute bound. The target of 10 s is not met by this shape: its output is 122 MB of
 * TypeScript (twice the whole corpus's), 30 s of CPU on the 2-core test machine.
 *
 * The resource's CRD is over the etcd limit (50,000 properties cannot fit in 1.5 MB): generate
 * reports that one error, exits 1, and writes everything else.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { writeSyntheticSpec } from '../../scripts/synthetic-spec.js';
import { repoRoot } from '../helpers.js';

const bin = path.join(repoRoot, 'dist', 'generator', 'cli', 'main.js');
const root = mkdtempSync(path.join(os.tmpdir(), 'armkube-e2e-scale-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

function generate(definitions: number): { seconds: number; status: number | null; stdout: string; stderr: string; out: string } {
  const specs = path.join(root, `specs-${definitions}`);
  const out = path.join(root, `out-${definitions}`);
  writeSyntheticSpec(specs, definitions);
  const started = performance.now();
  const run = spawnSync(process.execPath, [bin, 'generate', '--all', '--specs', specs, '--out', out, '--no-docs', '--json'], {
    encoding: 'utf8',
    cwd: root,
    env: { ...process.env, ARMKUBE_SPECS: '' },
    maxBuffer: 1 << 28,
  });
  const seconds = (performance.now() - started) / 1000;
  if (run.error) throw run.error;
  return { seconds, status: run.status, stdout: run.stdout, stderr: run.stderr, out };
}

describe('armkube generate on a synthetic spec of 50,000 definitions', () => {
  it('runs in linear time: 5× the definitions in well under 25× the time, and under 90 s', () => {
    const small = generate(10_000);
    const large = generate(50_000);
    const ratio = large.seconds / small.seconds;
    process.stdout.write(
      `synthetic spec: 10,000 definitions ${small.seconds.toFixed(1)} s, 50,000 definitions ${large.seconds.toFixed(1)} s (ratio ${ratio.toFixed(1)}; linear 5, quadratic 25)\n`,
    );
    for (const run of [small, large]) {
      // The one error: the resource's CRD is over the etcd limit; the TypeScript is written.
      const summary = JSON.parse(run.stdout) as { written?: boolean; diagnosticsByCode?: { code: string; severity: string }[] };
      expect(run.status, run.stderr.slice(0, 2000)).toBe(1);
      expect(summary.written).toBe(true);
      expect(summary.diagnosticsByCode?.filter((d) => d.severity === 'error').map((d) => d.code)).toEqual(['crd-too-large']);
      const file = path.join(run.out, 'ts', 'contoso.synthetic.azure.com', 'v20210101', 'Widget.ts');
      expect(existsSync(file)).toBe(true);
    }
    expect(statSync(path.join(large.out, 'ts', 'contoso.synthetic.azure.com', 'v20210101', 'Widget.ts')).size).toBeGreaterThan(50_000 * 1000);
    // Before the fix, arm-references alone took 12 s of this shape at 8,000 definitions: about 8
    // minutes at 50,000 by extrapolation. The bound is loose for loaded CI machines.
    expect(large.seconds).toBeLessThan(90);
    expect(ratio).toBeLessThan(10);
  }, 300_000);
});
