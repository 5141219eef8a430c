/**
 * `node dist/scripts/compile-output.js [output] [--split auto|none|group] [--budget-mb N] [--jobs N] [--errors N] [--json]`:
 * type-checks the generated TypeScript of an output folder (`<output>/ts`) with `tsc --strict`
 * (the TypeScript 7 compiler of devDependencies), `armkube/runtime` and `armkube/runtime/client`
 * mapped to the declarations of this repository's built runtime (`npm run build`),
 * `@kubernetes/client-node` to its installed types.
 * Prints the files checked, the errors (the first `--errors`, default 20), the wall time and the
 * peak memory of the compiler; exits 1 when there is an error.
 *
 * One program holds everything unless the TypeScript is over `--budget-mb` (default 48 MB:
 * the whole corpus at every api-version is about 160 MB, one program then peaks at about 5 GB).
 * Split (`--split group`, or `auto` over the budget), the group folders (`ts/<group>/`, whose
 * files import only their siblings and the runtime) are packed in name order into programs of
 * at most the budget, run `--jobs` at a time (default 1: tsc uses every core itself). Each also
 * writes declarations to a temporary folder, and the registry `ts/index.ts`, which imports
 * every kind, is checked last against those declarations instead of the sources.
 *
 * Peak memory is the compiler process's high-water mark (VmHWM in /proc, sampled every 100 ms
 * while it runs; Linux only, else "unknown"); with several jobs the largest single program's.
 */
import { spawn } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { packageRoot } from '../generator/package-root.js';
import { generatedCodeCompilerOptions, tscCommand } from './tsc.js';

interface Args {
  out: string;
  split: 'auto' | 'none' | 'group';
  budgetBytes: number;
  jobs: number;
  errors: number;
  json: boolean;
}

interface Program {
  name: string;
  include: string[];
  files: number;
  bytes: number;
}

interface Run {
  program: string;
  ms: number;
  peakRssMB?: number;
  errors: string[];
}

function parseArgs(argv: string[]): Args {
  const value = (name: string) => {
    const i = argv.indexOf(`--${name}`);
    return i >= 0 ? argv[i + 1] : undefined;
  };
  const split = value('split') ?? 'auto';
  if (split !== 'auto' && split !== 'none' && split !== 'group') usage(`--split must be auto, none or group, not ${split}`);
  const values = new Set(['--split', '--budget-mb', '--jobs', '--errors'].map((f) => argv.indexOf(f) + 1).filter((i) => i > 0));
  const positional = argv.filter((a, i) => !a.startsWith('--') && !values.has(i));
  return {
    out: path.resolve(positional[0] ?? 'output'),
    split,
    budgetBytes: Number(value('budget-mb') ?? 48) * 1024 * 1024,
    jobs: Math.max(1, Number(value('jobs') ?? 1)),
    errors: Number(value('errors') ?? 20),
    json: argv.includes('--json'),
  };
}

function usage(message: string): never {
  process.stderr.write(`compile-output: ${message}\n`);
  process.exit(2);
}

/** The `.ts` files under `dir` and their bytes. */
function tsFiles(dir: string): { files: number; bytes: number } {
  let files = 0;
  let bytes = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile() || !entry.name.endsWith('.ts')) continue;
    files++;
    bytes += statSync(path.join(entry.parentPath, entry.name)).size;
  }
  return { files, bytes };
}

/** One program for everything, or the group folders packed into programs of at most `budget` bytes. */
function plan(tsRoot: string, split: boolean, budget: number): Program[] {
  const groups = readdirSync(tsRoot, { withFileTypes: true })
    .filter((e) => e.isDirectory())
    .map((e) => e.name)
    .sort();
  if (!split) {
    const { files, bytes } = tsFiles(tsRoot);
    return [{ name: 'all', include: [path.join(tsRoot, '**', '*.ts')], files, bytes }];
  }
  const programs: Program[] = [];
  let current: Program | undefined;
  for (const group of groups) {
    const { files, bytes } = tsFiles(path.join(tsRoot, group));
    if (!current || current.bytes + bytes > budget) programs.push((current = { name: group, include: [], files: 0, bytes: 0 }));
    else current.name = `${current.name.split(' … ')[0]} … ${group}`;
    current.include.push(path.join(tsRoot, group, '**', '*.ts'));
    current.files += files;
    current.bytes += bytes;
  }
  return programs;
}

/** The runtime as the build declares it (`dist/generator/runtime`): checked against, never compiled again. */
function runtimeDeclarations(repo: string): { runtime: string; client: string } {
  const dir = path.join(repo, 'dist', 'generator', 'runtime');
  const runtime = path.join(dir, 'index.d.ts');
  if (!existsSync(runtime)) usage(`${runtime} does not exist: run npm run build first`);
  return { runtime, client: path.join(dir, 'client.d.ts') };
}

function compilerOptions(repo: string, extra: Record<string, unknown>): Record<string, unknown> {
  const { runtime, client } = runtimeDeclarations(repo);
  return generatedCodeCompilerOptions({
    types: ['node'],
    typeRoots: [path.join(repo, 'node_modules', '@types')],
    paths: {
      'armkube/runtime': [runtime],
      'armkube/runtime/client': [client],
      '@kubernetes/client-node': [path.join(repo, 'node_modules', '@kubernetes', 'client-node', 'dist', 'index.d.ts')],
    },
    ...extra,
  });
}


/** The high-water mark of a process's resident memory, in kB (undefined without /proc). */
function highWaterKB(pid: number): number | undefined {
  try {
    const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) : undefined;
  } catch {
    return undefined;
  }
}

/** tsc over one tsconfig, run in `cwd` (the paths in its errors are relative to it). */
function runTsc(command: string[], tsconfig: string, name: string, cwd: string): Promise<Run> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(command[0], [...command.slice(1), '-p', tsconfig, '--pretty', 'false'], { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr.on('data', (d: Buffer) => (output += d.toString()));
    let peakKB: number | undefined;
    const sample = () => {
      const kb = child.pid === undefined ? undefined : highWaterKB(child.pid);
      if (kb !== undefined) peakKB = Math.max(peakKB ?? 0, kb);
    };
    const timer = setInterval(sample, 100);
    child.on('error', reject);
    child.on('exit', () => sample());
    child.on('close', (status) => {
      clearInterval(timer);
      const errors = output.split('\n').filter((line) => /error TS\d+/.test(line));
      if (status !== 0 && errors.length === 0) reject(new Error(`tsc failed without diagnostics (status ${status}): ${output.slice(0, 2000)}`));
      resolve({ program: name, ms: Math.round(performance.now() - started), peakRssMB: peakKB === undefined ? undefined : Math.round(peakKB / 1024), errors });
    });
  });
}

/** Runs the tasks `jobs` at a time, results in task order. */
async function pooled<T>(tasks: (() => Promise<T>)[], jobs: number): Promise<T[]> {
  const results: T[] = new Array(tasks.length);
  let next = 0;
  const worker = async () => {
    while (next < tasks.length) {
      const i = next++;
      results[i] = await tasks[i]();
    }
  };
  await Promise.all(Array.from({ length: Math.min(jobs, tasks.length) }, worker));
  return results;
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  const tsRoot = path.join(args.out, 'ts');
  if (!existsSync(tsRoot)) usage(`${tsRoot} does not exist: give the output folder of armkube generate`);
  const repo = packageRoot();
  const command = tscCommand(repo);
  const total = tsFiles(tsRoot);
  const split = args.split === 'group' || (args.split === 'auto' && total.bytes > args.budgetBytes);
  const programs = plan(tsRoot, split, args.budgetBytes);
  const work = mkdtempSync(path.join(os.tmpdir(), 'armkube-compile-'));
  const declarations = path.join(work, 'declarations');
  const started = performance.now();
  try {
    const tasks = programs.map((p, i) => () => {
      const extra = split ? { declaration: true, emitDeclarationOnly: true, rootDir: tsRoot, outDir: declarations } : { noEmit: true };
      const tsconfig = path.join(work, `tsconfig.${i}.json`);
      writeFileSync(tsconfig, JSON.stringify({ compilerOptions: compilerOptions(repo, extra), include: p.include }, null, 2));
      if (!args.json) process.stderr.write(`checking ${p.name}: ${p.files} files, ${(p.bytes / 1e6).toFixed(1)} MB\n`);
      return runTsc(command, tsconfig, p.name, args.out);
    });
    const runs = await pooled(tasks, args.jobs);
    const registry = path.join(tsRoot, 'index.ts');
    if (split && existsSync(registry)) {
      // The registry against the declarations of every kind: its imports resolve to the .d.ts files beside it.
      mkdirSync(declarations, { recursive: true });
      copyFileSync(registry, path.join(declarations, 'index.ts'));
      const tsconfig = path.join(work, 'tsconfig.registry.json');
      writeFileSync(tsconfig, JSON.stringify({ compilerOptions: compilerOptions(repo, { noEmit: true }), files: [path.join(declarations, 'index.ts')] }, null, 2));
      if (!args.json) process.stderr.write('checking the registry ts/index.ts against the declarations\n');
      const run = await runTsc(command, tsconfig, 'registry', args.out);
      runs.push({ ...run, errors: run.errors.map((e) => e.split(path.relative(args.out, declarations)).join('ts')) });
    }
    report(args, total, split, runs, Math.round(performance.now() - started));
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

function report(args: Args, total: { files: number; bytes: number }, split: boolean, runs: Run[], ms: number): void {
  const errors = runs.flatMap((r) => r.errors);
  const peaks = runs.map((r) => r.peakRssMB).filter((p): p is number => p !== undefined);
  const summary = {
    out: args.out,
    files: total.files,
    megabytes: Math.round(total.bytes / 1e5) / 10,
    programs: runs.length,
    split,
    errors: errors.length,
    firstErrors: errors.slice(0, args.errors),
    seconds: Math.round(ms / 100) / 10,
    peakRssMB: peaks.length ? Math.max(...peaks) : undefined,
    runs: runs.map(({ program, ms: runMs, peakRssMB, errors: e }) => ({ program, seconds: Math.round(runMs / 100) / 10, peakRssMB, errors: e.length })),
  };
  if (args.json) process.stdout.write(JSON.stringify(summary, null, 2) + '\n');
  else {
    const lines = [
      `tsc --strict over ${summary.files} files (${summary.megabytes} MB) of ${args.out}/ts in ${summary.programs} program(s)${split ? ' (split by group)' : ''}`,
      ...summary.runs.map((r) => `  ${r.program}: ${r.seconds} s, peak ${r.peakRssMB ?? 'unknown'} MB, ${r.errors} error(s)`),
      `errors: ${summary.errors}`,
      ...summary.firstErrors.map((e) => `  ${e}`),
      `wall time: ${summary.seconds} s; peak memory of tsc: ${summary.peakRssMB ?? 'unknown'} MB${args.jobs > 1 ? ` (largest single program; ${args.jobs} ran at a time)` : ''}`,
    ];
    process.stdout.write(lines.join('\n') + '\n');
  }
  process.exitCode = errors.length ? 1 : 0;
}

main().catch((e: unknown) => {
  process.stderr.write(`compile-output: ${(e as Error).stack ?? String(e)}\n`);
  process.exitCode = 2;
});
