/**
 * A fuzz campaign: `cases` cases of one seed, run on a few worker processes at once, each case
 * checked against the invariants of check.ts. Before the first case of a package, the package
 * is generated unmutated; that good output is what every case of the package starts from. The
 * TypeScript a case writes is type-checked with `tsc --strict` (unless `compile: false`).
 * Shared by `npm run fuzz` (scripts/fuzz.ts) and the CI test (tests/fuzz/fuzz.test.ts).
 */
import { cpSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { checkCase, type Violation } from './check.js';
import { compileOutput, type CompileResult } from './compile.js';
import { FUZZ_PACKAGES, readBasePackage, type BasePackage } from './corpus.js';
import { folderDigest, leftoversBeside } from './folder-state.js';
import { buildCase, packageOfCase, writeSpecs } from './fuzz-case.js';
import type { Mutation } from './mutations.js';
import { WorkerSlot } from './worker-slot.js';

export interface CampaignOptions {
  /** The `specification/` folder of the Azure specs. */
  specsRoot: string;
  seed: number;
  /** Runs cases `first` … `first + cases - 1` of the seed. */
  cases: number;
  first?: number;
  timeoutMs: number;
  /** Worker processes running at once (default: 2, or 1 on a one-core machine). */
  concurrency?: number;
  /** Package folders to draw from (default FUZZ_PACKAGES). */
  packages?: readonly string[];
  /** Only these mutation kinds. */
  mutationKinds?: readonly string[];
  /** Type-check the TypeScript each case writes with `tsc --strict` (default true). */
  compile?: boolean;
  /** Keep every case's folder (specs and output) in the work folder. */
  keep?: boolean;
  /** Keep the folders of failing cases (the others are removed as soon as they pass). */
  keepFailures?: boolean;
  /** The compiled worker script (default: dist/scripts/fuzz/worker.js). */
  workerScript?: string;
  onCase?: (report: CaseReport) => void;
}

export interface CaseReport {
  seed: number;
  index: number;
  packageId: string;
  mutations: Mutation[];
  /** How many diagnostics, and how many of each code; whether the output was written; the run's time. */
  diagnostics: number;
  codes: Record<string, number>;
  written: boolean;
  milliseconds: number;
  /** The type check of the written TypeScript: how long it took and how many errors (when one ran). */
  compile?: { milliseconds: number; errors: number };
  violations: Violation[];
  /** The case's folder, when kept. */
  dir?: string;
}

export interface CampaignReport {
  seed: number;
  cases: number;
  seconds: number;
  /** Cases by mutation kind (a case with several mutations counts for each). */
  mutationKinds: Record<string, number>;
  /** Mutations that had to be reported, and were. */
  mustReport: number;
  /** Cases whose written TypeScript was type-checked. */
  compiled: number;
  failures: CaseReport[];
  workDir: string;
}

interface Baseline {
  outDir: string;
}

/** Generates a package unmutated: the previous good output every case of that package starts from. */
async function makeBaseline(slot: WorkerSlot, base: BasePackage, dir: string, timeoutMs: number): Promise<Baseline> {
  const specsDir = path.join(dir, 'specs');
  const outDir = path.join(dir, 'out');
  writeSpecs(specsDir, base.files);
  const result = await slot.run(specsDir, outDir, timeoutMs * 2);
  const problem =
    result.kind !== 'done' ? result.kind
    : result.outcome.uncaught ? `exception: ${result.outcome.uncaught.error}`
    : !result.outcome.written ? 'nothing written'
    : result.outcome.emitted.files === 0 ? 'no files emitted' : undefined;
  if (problem) throw new Error(`fuzz baseline for ${base.id} failed: ${problem}`);
  return { outDir };
}

export async function runCampaign(options: CampaignOptions): Promise<CampaignReport> {
  const started = performance.now();
  const first = options.first ?? 0;
  const workDir = mkdtempSync(path.join(os.tmpdir(), 'armkube-fuzz-'));
  const bases = (options.packages ?? FUZZ_PACKAGES).map((id) => readBasePackage(options.specsRoot, id));
  const concurrency = Math.max(1, Math.min(options.concurrency ?? Math.min(2, os.availableParallelism()), options.cases));
  const slots = Array.from({ length: concurrency }, () => new WorkerSlot(options.workerScript));
  const baselines = new Map<string, Promise<Baseline>>();
  const baselineOf = (slot: WorkerSlot, base: BasePackage) => {
    let b = baselines.get(base.id);
    if (!b) {
      b = makeBaseline(slot, base, path.join(workDir, `baseline-${baselines.size}`), options.timeoutMs);
      baselines.set(base.id, b);
    }
    return b;
  };
  const failures: CaseReport[] = [];
  const mutationKinds: Record<string, number> = {};
  let mustReport = 0;
  let compiled = 0;
  let next = first;

  const runOne = async (slot: WorkerSlot, index: number) => {
    const baseline = await baselineOf(slot, packageOfCase(options.seed, index, bases));
    const fuzzCase = buildCase(options.seed, index, bases, options.mutationKinds);
    const dir = path.join(workDir, `case-${index}`);
    const specsDir = path.join(dir, 'specs');
    const outDir = path.join(dir, 'out');
    mkdirSync(dir, { recursive: true });
    writeSpecs(specsDir, fuzzCase.files);
    fuzzCase.files.length = 0; // the bytes (huge strings among them) are on disk now
    cpSync(baseline.outDir, outDir, { recursive: true });
    const before = folderDigest(outDir);
    const result = await slot.run(specsDir, outDir, options.timeoutMs);
    const outcome = result.kind === 'done' ? result.outcome : undefined;
    const after = folderDigest(outDir);
    const leftovers = leftoversBeside(outDir);
    let compile: CompileResult | undefined;
    if (options.compile !== false && outcome?.written) {
      compile = await compileOutput(outDir, path.join(workDir, `tsconfig-${index}.json`), options.timeoutMs);
      rmSync(path.join(workDir, `tsconfig-${index}.json`), { force: true });
      if (compile.kind !== 'skipped') compiled++;
    }
    const violations = checkCase({ mutations: fuzzCase.mutations, result, before, after, leftovers, compile });
    const keep = options.keep || (options.keepFailures && violations.length > 0);
    if (!keep) rmSync(dir, { recursive: true, force: true });
    const report: CaseReport = {
      seed: options.seed,
      index,
      packageId: fuzzCase.packageId,
      mutations: fuzzCase.mutations,
      diagnostics: outcome?.diagnostics.length ?? 0,
      codes: countCodes(outcome?.diagnostics ?? []),
      written: outcome?.written ?? false,
      milliseconds: outcome?.milliseconds ?? (result.kind === 'hang' ? result.milliseconds : 0),
      compile: compile?.kind === 'checked' ? { milliseconds: compile.milliseconds, errors: compile.errors.length } : undefined,
      violations,
      dir: keep ? dir : undefined,
    };
    for (const [i, m] of fuzzCase.mutations.entries()) {
      mutationKinds[m.kind] = (mutationKinds[m.kind] ?? 0) + 1;
      if (m.mustReport && result.kind === 'done' && !violations.some((v) => v.mutation === i)) mustReport++;
    }
    if (violations.length) failures.push(report);
    options.onCase?.(report);
  };

  try {
    await Promise.all(
      slots.map(async (slot) => {
        while (next < first + options.cases) await runOne(slot, next++);
      }),
    );
  } finally {
    for (const slot of slots) slot.stop();
    if (!options.keep && !failures.some((f) => f.dir)) rmSync(workDir, { recursive: true, force: true });
  }
  failures.sort((a, b) => a.index - b.index);
  return { seed: options.seed, cases: options.cases, seconds: Math.round((performance.now() - started) / 100) / 10, mutationKinds, mustReport, compiled, failures, workDir };
}

function countCodes(diagnostics: readonly { code: string }[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const d of diagnostics) counts[d.code] = (counts[d.code] ?? 0) + 1;
  return counts;
}

/** The command that replays one case alone. */
export function replayCommand(seed: number, index: number): string {
  return `npm run fuzz -- --seed ${seed} --case ${index} --keep`;
}
