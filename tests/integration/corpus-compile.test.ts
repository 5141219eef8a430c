/**
 * The whole corpus, as users get it: `armkube generate --all` (every resource type of the specs,
 * latest stable api-version of each) writes its output, and all of its TypeScript type-checks
 * with `tsc --strict` (scripts/compile-output). Prints the figures: resource types, CRDs, files,
 * the largest CRD, the compile time and the compiler's peak memory.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { azureSpecsDir, hasAzureSpecs, repoRoot } from '../helpers.js';

const bin = path.join(repoRoot, 'dist', 'generator', 'cli', 'main.js');
const script = path.join(repoRoot, 'dist', 'scripts', 'compile-output.js');

describe.skipIf(!hasAzureSpecs)('generate --all over the whole corpus', () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'armkube-corpus-'));
  const out = path.join(dir, 'output');
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('generates at least 99% of the resource types, every CRD checked, and the TypeScript compiles', () => {
    const generate = spawnSync(process.execPath, [bin, 'generate', '--all', '--specs', azureSpecsDir, '--out', out, '--json'], { encoding: 'utf8', cwd: dir, maxBuffer: 1 << 28 });
    expect(generate.status, generate.stderr).toBe(0);
    const summary = JSON.parse(generate.stdout) as {
      resourceTypes: { found: number; generated: number; notGenerated: { armType: string; reason: string }[] };
      crds: number;
      crdsFailingChecks: number;
      largestCrd: { path: string; bytes: number };
      crdLimits: { tooLarge: number };
      files: number;
      seconds: number;
    };
    const { found, generated, notGenerated } = summary.resourceTypes;
    expect(found).toBeGreaterThan(1200);
    expect(generated / found).toBeGreaterThanOrEqual(0.99);
    expect(notGenerated).toHaveLength(found - generated);
    for (const t of notGenerated) expect(t.reason, t.armType).toMatch(/\S/);
    expect(summary.crdsFailingChecks).toBe(0);
    expect(summary.crdLimits.tooLarge).toBe(0);
    const compile = spawnSync(process.execPath, [script, out, '--json'], { encoding: 'utf8', cwd: repoRoot, maxBuffer: 1 << 28 });
    const result = JSON.parse(compile.stdout) as { files: number; errors: number; seconds: number; peakRssMB?: number };
    expect(compile.status, compile.stdout.slice(0, 4000) + compile.stderr).toBe(0);
    expect(result.errors).toBe(0);
    expect(result.files).toBeGreaterThan(2000);
    process.stdout.write(
      `generate --all: ${generated}/${found} resource types, ${summary.crds} CRDs (largest ${summary.largestCrd.path} ${Math.round(summary.largestCrd.bytes / 1024)} KiB YAML), ${summary.files} files in ${summary.seconds} s; ` +
        `tsc --strict over ${result.files} files: ${result.errors} errors in ${result.seconds} s, peak ${result.peakRssMB ?? '?'} MB\n`,
    );
  }, 600_000);
});
