/**
 * `npm run fuzz`: mutates real spec files and runs the whole generator on them (load → aso
 * stages → aso emitters → write), checking that nothing crashes or hangs, that broken input is
 * reported, and that the previous output survives a failed run. See scripts/fuzz/.
 *
 *   npm run fuzz -- [--seed N] [--cases N] [--timeout-ms N] [--case K] [--concurrency N]
 *                   [--mutations kind,kind] [--packages dir,dir] [--specs DIR] [--no-compile] [--keep] [--json]
 *
 * Every case whose output is written is type-checked with `tsc --strict` (its TypeScript,
 * clients aside); `--no-compile` skips that.
 *
 * Exit code 0 when every case passes, 1 when some case fails (each printed with its seed and
 * case index, and the command that replays it), 2 on bad usage.
 */
import { resolveSpecsDir } from '../generator/cli/specs-dir.js';
import { replayCommand, runCampaign, type CaseReport } from './fuzz/campaign.js';
import { MUTATION_KINDS } from './fuzz/mutations.js';

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

function usage(message: string): never {
  process.stderr.write(`fuzz: ${message}\n`);
  process.exit(2);
}

function intArg(name: string, fallback: number): number {
  const value = arg(name);
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) usage(`--${name} needs a whole number, got ${JSON.stringify(value)}`);
  return n;
}

const specs = resolveSpecsDir(arg('specs'));
if ('error' in specs) usage(specs.error);
const single = arg('case') === undefined ? undefined : intArg('case', 0);
const seed = intArg('seed', Date.now() % 2 ** 31);
const cases = single === undefined ? intArg('cases', 200) : 1;
const timeoutMs = intArg('timeout-ms', 60_000);
const json = process.argv.includes('--json');
const mutationKinds = arg('mutations')?.split(',');
const unknown = mutationKinds?.filter((k) => !MUTATION_KINDS.includes(k));
if (unknown?.length) usage(`unknown mutation kind(s) ${unknown.join(', ')}; known: ${MUTATION_KINDS.join(', ')}`);

function describe(r: CaseReport): string {
  const status = r.violations.length ? `FAIL ${r.violations.map((v) => v.rule).join(',')}` : 'ok';
  const mutations = r.mutations.map((m) => `${m.kind}${m.mustReport ? '!' : ''} ${m.file.split('/').pop()} ${m.detail.slice(0, 100)}`).join('; ');
  const codes = Object.entries(r.codes).map(([code, n]) => `${code}×${n}`).join(' ');
  const tsc = r.compile ? ` tsc ${(r.compile.milliseconds / 1000).toFixed(1)}s` : '';
  return `case ${r.index} ${status} ${(r.milliseconds / 1000).toFixed(1)}s${tsc} [${codes}] ${r.written ? 'written' : 'not written'} — ${mutations}`;
}

if (!json) process.stderr.write(`fuzz: seed ${seed}, ${cases} case(s) from ${single ?? 0}, timeout ${timeoutMs} ms, specs ${specs.dir}\n`);
const report = await runCampaign({
  specsRoot: specs.dir,
  seed,
  cases,
  first: single ?? 0,
  timeoutMs,
  concurrency: arg('concurrency') === undefined ? undefined : Math.max(1, intArg('concurrency', 2)),
  packages: arg('packages')?.split(','),
  mutationKinds,
  compile: !process.argv.includes('--no-compile'),
  keep: process.argv.includes('--keep'),
  keepFailures: true,
  onCase: (r) => {
    if (!json) process.stderr.write(describe(r) + '\n');
  },
});

if (json) {
  process.stdout.write(JSON.stringify(report, null, 2) + '\n');
} else {
  const lines = [
    `fuzz: seed ${report.seed}: ${report.cases} case(s) in ${report.seconds} s, ${report.failures.length} failing; ${report.mustReport} breaking mutation(s) reported; ${report.compiled} output(s) type-checked with tsc --strict`,
    `mutations: ${Object.entries(report.mutationKinds).sort().map(([k, n]) => `${k} ${n}`).join(', ')}`,
  ];
  if (process.argv.includes('--keep')) lines.push(`kept: ${report.workDir}`);
  for (const f of report.failures) {
    lines.push('', `FAIL seed ${f.seed} case ${f.index} (${f.packageId}); replay: ${replayCommand(f.seed, f.index)}`);
    for (const m of f.mutations) lines.push(`  mutation ${m.kind}${m.mustReport ? ' (must be reported)' : ''}: ${m.file} ${m.detail.slice(0, 300)}`);
    for (const v of f.violations) lines.push(`  ${v.rule}: ${v.message.split('\n').join('\n    ')}`);
    if (f.dir) lines.push(`  kept: ${f.dir}`);
  }
  process.stdout.write(lines.join('\n') + '\n');
}
process.exitCode = report.failures.length ? 1 : 0;
