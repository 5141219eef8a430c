/**
 * `scripts/compile-output.ts` (built): the output of `armkube generate` over a fixture type-checks
 * in one program and split by group (the registry then against the declarations); an error in a
 * generated file is printed with its path under the output folder and makes the exit code 1.
 */
import { spawnSync } from 'node:child_process';
import { appendFileSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixturesDir, repoRoot } from '../helpers.js';

const bin = path.join(repoRoot, 'dist', 'generator', 'cli', 'main.js');
const script = path.join(repoRoot, 'dist', 'scripts', 'compile-output.js');

function compileOutput(...args: string[]) {
  return spawnSync(process.execPath, [script, ...args], { encoding: 'utf8', cwd: repoRoot });
}

describe('compile-output', () => {
  let dir: string;
  let out: string;

  beforeAll(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'armkube-compile-output-'));
    out = path.join(dir, 'output');
    const run = spawnSync(process.execPath, [bin, 'generate', '--specs', path.join(fixturesDir, 'emit', 'crd'), '--all', '--versions', 'all', '--out', out, '--quiet'], {
      encoding: 'utf8',
      cwd: repoRoot,
      env: { ...process.env, ARMKUBE_SPECS: '' },
    });
    expect(run.status, run.stderr + run.stdout).toBe(0);
  });

  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('type-checks the generated TypeScript in one program and reports files, time and memory', () => {
    const run = compileOutput(out, '--json');
    expect(run.status, run.stdout + run.stderr).toBe(0);
    const summary = JSON.parse(run.stdout) as { files: number; programs: number; split: boolean; errors: number; seconds: number; peakRssMB?: number };
    const tsFiles = readdirSync(path.join(out, 'ts'), { recursive: true }).filter((f) => String(f).endsWith('.ts'));
    expect(summary).toMatchObject({ files: tsFiles.length, programs: 1, split: false, errors: 0 });
    expect(summary.seconds).toBeGreaterThan(0);
    if (process.platform === 'linux') expect(summary.peakRssMB).toBeGreaterThan(10);
  });

  it('split by group, checks the registry against the declarations', () => {
    const run = compileOutput(out, '--split', 'group', '--json');
    expect(run.status, run.stdout + run.stderr).toBe(0);
    const summary = JSON.parse(run.stdout) as { split: boolean; runs: { program: string; errors: number }[] };
    expect(summary.split).toBe(true);
    expect(summary.runs.map((r) => r.program)).toEqual(['test.azure.com', 'registry']);
  });

  it('prints an error in a generated file with its path and exits 1, split or not', () => {
    const versions = readdirSync(path.join(out, 'ts', 'test.azure.com')).sort();
    const file = path.join('ts', 'test.azure.com', versions[0], 'Widget.ts');
    appendFileSync(path.join(out, file), "\nexport const broken: number = 'not a number';\n");
    for (const split of ['none', 'group']) {
      const run = compileOutput(out, '--split', split);
      expect(run.status, run.stdout).toBe(1);
      expect(run.stdout).toContain('errors: 1');
      expect(run.stdout).toMatch(new RegExp(`${file.replace(/[.\\/]/g, '\\$&')}\\(\\d+,\\d+\\): error TS2322`));
    }
  });
});
