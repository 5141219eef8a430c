/**
 * The fuzzer in CI mode: a fixed seed and a bounded number of cases (every mutation kind leads
 * at least six of them), each running the whole generator (load → aso stages → aso emitters
 * → write) on mutated real specs in a worker process. Fails with the seed, the case and the
 * command that replays it on any crash, hang, unreported broken input, output damage, or
 * written TypeScript that `tsc --strict` refuses.
 * Needs the build (`npm test` builds first): the workers run dist/scripts/fuzz/worker.js.
 */
import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { replayCommand, runCampaign, type CampaignReport } from '../../scripts/fuzz/campaign.js';
import { MUTATION_KINDS } from '../../scripts/fuzz/mutations.js';
import { defaultWorkerScript } from '../../scripts/fuzz/worker-slot.js';
import { azureSpecsDir, hasAzureSpecs } from '../helpers.js';

const SEED = 20_240_601;
const CASES = MUTATION_KINDS.length * 6;

function describeFailures(report: CampaignReport): string[] {
  return report.failures.map((f) =>
    [
      `seed ${f.seed} case ${f.index} (${f.packageId}) — replay: ${replayCommand(f.seed, f.index)}`,
      ...f.mutations.map((m) => `  ${m.kind}: ${m.file} ${m.detail.slice(0, 200)}`),
      ...f.violations.map((v) => `  ${v.rule}: ${v.message}`),
    ].join('\n'),
  );
}

describe.skipIf(!hasAzureSpecs)('fuzz (CI mode)', () => {
  it('the fuzz worker is built', () => {
    expect(existsSync(defaultWorkerScript()), 'run `npm run build` first').toBe(true);
  });

  it(`${CASES} mutated real spec packages: no crash, no hang, broken input reported, previous output kept`, async () => {
    const report = await runCampaign({ specsRoot: azureSpecsDir, seed: SEED, cases: CASES, timeoutMs: 45_000, keepFailures: true });
    expect(describeFailures(report)).toEqual([]);
    // The campaign really mutated: every kind ran, and many mutations had to be (and were) reported.
    expect(Object.keys(report.mutationKinds).sort()).toEqual([...MUTATION_KINDS].sort());
    expect(report.mustReport).toBeGreaterThanOrEqual(CASES / 3);
    // Most cases write output, and what they write was type-checked with tsc --strict.
    expect(report.compiled).toBeGreaterThanOrEqual(CASES / 2);
  }, 240_000);
});
