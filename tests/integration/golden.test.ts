/**
 * The committed golden files (`tests/golden/`) are what `armkube generate` writes today for each
 * spec fixture. When this fails on purpose, run `npm run update-golden` and review
 * `git diff tests/golden`.
 */
import { describe, expect, it } from 'vitest';
import { EXCLUDED, goldenCases, orphanGoldenDirs, runGolden } from '../../scripts/golden.js';

describe('golden files', () => {
  const cases = goldenCases();

  it('cover the spec fixtures, except the excluded ones', () => {
    expect(cases.length).toBeGreaterThan(25);
    expect(cases.map((c) => c.name)).toContain('pipeline/spec-status');
    expect(cases.filter((c) => c.target === 'crossplane').map((c) => c.name)).toEqual([
      'pipeline/crossplane-managed',
      'pipeline/crossplane-owner',
      'pipeline/crossplane-references',
      'pipeline/crossplane-secrets',
    ]);
    for (const name of Object.keys(EXCLUDED)) expect(cases.map((c) => c.name)).not.toContain(name);
    expect(orphanGoldenDirs(cases)).toEqual([]);
  });

  it('match what generate writes (else: npm run update-golden, then review git diff tests/golden)', async () => {
    const results = await runGolden(true, cases);
    const stale = results
      .filter((r) => r.stale && r.stale.changed.length + r.stale.added.length + r.stale.removed.length > 0)
      .map((r) => `${r.name}: changed ${r.stale!.changed.join(', ') || '-'}; added ${r.stale!.added.join(', ') || '-'}; removed ${r.stale!.removed.join(', ') || '-'}`);
    expect(stale).toEqual([]);
    expect(results.every((r) => r.kinds > 0 && r.files > 0)).toBe(true);
  });
});
