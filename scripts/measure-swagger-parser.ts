/**
 * Measures @apidevtools/swagger-parser on a specs tree against the floor and against our loader,
 * for docs/design.md ("Notes on the implementation", "Why not @apidevtools/swagger-parser for
 * loading").
 *
 *   npm run build
 *   node dist/scripts/measure-swagger-parser.js [--specs DIR] [--runs 3] [--sample 10]
 *        [--tasks floor,validate,dereference,bundle,validate-schema,load] [--json]
 *
 * Tasks, each run in a fresh process under `/usr/bin/time -f '%e s %M KB'` (wall time and peak
 * RSS of the whole process, Node start-up included), interleaved and repeated `--runs` times:
 *   floor            read and JSON.parse every .json file once (as scripts/bench-task.ts)
 *   validate         SwaggerParser.validate(file, options) on each package file, one at a time:
 *                    default options (external $refs resolved, dereferenced, Swagger 2.0 schema
 *                    and spec checks), except that `$ref`s into an `examples/` folder resolve to
 *                    `{}`: the corpus keeps example files only for the latest stable version of
 *                    each namespace, and swagger-parser resolves the `$ref`s of `x-ms-examples`
 *                    too, so with the plain defaults most files fail early on a missing example
 *   validate-default the same with the plain defaults (shows the missing-example failures)
 *   dereference      SwaggerParser.dereference(file, options) on each package file, same resolver
 *   bundle           SwaggerParser.bundle(file, options) on each package file, same resolver
 *   validate-schema  `armkube specs --validate`'s check (generator/loader/validate.ts): each file
 *                    (shared ones included) against the Swagger 2.0 schema as written, whole tree
 *   validate-schema-sp  the same check through SwaggerParser.validate on each package file
 *                    (validate.ts with engine 'swagger-parser': nothing resolved, schema only)
 *   load             our loader, loadSpecs({ specsDir }) over the whole tree
 * `--sample N` runs the swagger-parser tasks (validate, validate-default, dereference, bundle,
 * validate-schema-sp) on every Nth package file in sorted order (deterministic; default 10,
 * 1 = all of them) and extrapolates their time to all package files (time × files / sampled
 * files); the report says so, and which share of the bytes the sample holds. The other tasks
 * always cover the whole tree. The machine may be noisy: compare each task with the floor of
 * the same run; the "× floor" column is the median over the runs of (task time / floor time
 * of that run), the times are in-process (Node start-up excluded), peak RSS is the highest.
 *
 * The figures in docs/design.md came from (about 26 and 5 minutes on a shared 2-core machine):
 *   node dist/scripts/measure-swagger-parser.js --sample 1
 *   node dist/scripts/measure-swagger-parser.js --sample 10 --tasks floor,validate,validate-default,validate-schema-sp
 *
 * Internally: `node measure-swagger-parser.js --task NAME --specs DIR [--sample N]` runs one task
 * and prints one JSON line ({ task, ms, files, ... }) on stdout.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import SwaggerParser from '@apidevtools/swagger-parser';
import { resolveSpecsDir } from '../generator/cli/specs-dir.js';
import { discoverPackages, listJsonFiles } from '../generator/loader/discover.js';
import { loadSpecs } from '../generator/loader/load.js';
import { swaggerFilesOf, validateSwaggerFiles } from '../generator/loader/validate.js';

interface Sample {
  task: string;
  /** In-process time of the task (Node start-up excluded). */
  ms: number;
  /** Wall time and peak RSS of the process, from /usr/bin/time (else from the process). */
  wallS: number;
  maxRssMB: number;
  files: number;
  /** Package files in the tree, for the extrapolation of sampled tasks. */
  totalFiles?: number;
  [key: string]: unknown;
}

const SAMPLED = new Set(['validate', 'validate-default', 'dereference', 'bundle', 'validate-schema-sp']);

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

/** `$ref`s into examples/ resolve to an empty object instead of failing on a missing file. */
const examplesStub = {
  order: 1,
  canRead: (file: { url: string }) => /[\\/]examples[\\/]/i.test(file.url),
  read: () => '{}',
};

function parserOptions(task: string): object {
  if (task === 'validate-default') return {};
  return { resolve: { examples: examplesStub } };
}

/** One line of a failure message with names and locations blanked out, to group failures. */
function category(message: string): string {
  return message
    .split('\n')[0]
    .replace(/'[^']*'/g, "'…'")
    .replace(/"[^"]*"/g, '"…"')
    .replace(/(\/[\w.{}~\-]+)+(\.json)?/g, '/…')
    .replace(/\d+/g, 'N')
    .slice(0, 160);
}

async function runTask(task: string, specsDir: string, sample: number): Promise<Omit<Sample, 'wallS' | 'maxRssMB'>> {
  const started = performance.now();
  const extra: Record<string, unknown> = {};
  let files = 0;
  let ms: number | undefined;
  if (task === 'floor') {
    const { files: list, shared } = listJsonFiles(specsDir);
    let bytes = 0;
    for (const file of [...list, ...shared]) {
      const text = readFileSync(file, 'utf8');
      bytes += text.length;
      JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
    }
    files = list.length + shared.length;
    extra.mb = Math.round(bytes / 1e6);
  } else if (task === 'load') {
    const loaded = loadSpecs({ specsDir });
    files = loaded.stats.filesRead;
    extra.packages = loaded.model.packages.length;
  } else if (task === 'validate-schema') {
    const list = swaggerFilesOf(specsDir);
    const result = await validateSwaggerFiles(list, { specsDir });
    files = list.length;
    extra.invalid = result.invalid;
    extra.diagnostics = result.diagnostics.length;
    extra.examples = result.diagnostics.slice(0, 5).map((d) => `${d.location?.file}#${d.location?.pointer}: ${d.message}`);
  } else if (SAMPLED.has(task)) {
    const all = discoverPackages(path.resolve(specsDir)).packages.flatMap((p) => p.files).sort();
    const list = all.filter((_, i) => i % sample === 0);
    const options = parserOptions(task);
    const failures: { file: string; message: string }[] = [];
    if (task === 'validate-schema-sp') {
      const result = await validateSwaggerFiles(list, { specsDir, engine: 'swagger-parser', concurrency: 1 });
      for (const d of result.diagnostics) failures.push({ file: d.location?.file ?? '', message: `${d.location?.pointer}: ${d.message}` });
    } else {
      for (const file of list) {
        try {
          if (task === 'dereference') await SwaggerParser.dereference(file, options as never);
          else if (task === 'bundle') await SwaggerParser.bundle(file, options as never);
          else await SwaggerParser.validate(file, options as never);
        } catch (err) {
          failures.push({ file: path.relative(specsDir, file), message: err instanceof Error ? err.message : String(err) });
        }
      }
    }
    ms = performance.now() - started;
    // The sample's share of the bytes of all package files (outside the measured time).
    const size = (f: string) => statSync(f, { throwIfNoEntry: false })?.size ?? 0;
    extra.sampleShareOfBytes = Math.round((list.reduce((n, f) => n + size(f), 0) / all.reduce((n, f) => n + size(f), 0)) * 1000) / 1000;
    files = list.length;
    extra.totalFiles = all.length;
    extra.failed = failures.length;
    const byCategory = new Map<string, number>();
    for (const f of failures) byCategory.set(category(f.message), (byCategory.get(category(f.message)) ?? 0) + 1);
    extra.failureKinds = Object.fromEntries([...byCategory.entries()].sort((a, b) => b[1] - a[1]));
    extra.failureExamples = failures.slice(0, 8).map((f) => `${f.file}: ${f.message.split('\n').slice(0, 2).join(' ').slice(0, 240)}`);
  } else {
    throw new Error(`unknown task ${task}`);
  }
  return { task, ms: Math.round(ms ?? performance.now() - started), files, ...extra };
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

async function main(): Promise<void> {
  const specs = resolveSpecsDir(arg('specs'));
  if ('error' in specs) {
    process.stderr.write(`measure-swagger-parser: ${specs.error}\n`);
    process.exit(2);
  }
  const sample = Math.max(1, Number(arg('sample') ?? 10));
  const task = arg('task');
  if (task) {
    const result = await runTask(task, specs.dir, sample);
    process.stdout.write(JSON.stringify({ ...result, maxRssMB: Math.round(process.resourceUsage().maxRSS / 1024) }) + '\n');
    return;
  }

  const runs = Number(arg('runs') ?? 3);
  const tasks = (arg('tasks') ?? 'floor,validate,dereference,bundle,validate-schema,load').split(',');
  const json = process.argv.includes('--json');
  const script = fileURLToPath(import.meta.url);
  const timeBin = existsSync('/usr/bin/time') ? '/usr/bin/time' : undefined;
  const samples = new Map<string, Sample[]>(tasks.map((t) => [t, []]));
  for (let run = 1; run <= runs; run++) {
    for (const t of tasks) {
      const node = [process.execPath, script, '--task', t, '--specs', specs.dir, '--sample', String(sample)];
      const child = timeBin
        ? spawnSync(timeBin, ['-f', '%e s %M KB', ...node], { encoding: 'utf8', maxBuffer: 1 << 26 })
        : spawnSync(node[0], node.slice(1), { encoding: 'utf8', maxBuffer: 1 << 26 });
      if (child.status !== 0) throw new Error(`task ${t} failed (${child.status}): ${child.stderr}`);
      const parsed = JSON.parse(child.stdout.trim().split('\n').pop()!) as Sample;
      const timed = /([\d.]+) s (\d+) KB\s*$/.exec(child.stderr);
      const s: Sample = { ...parsed, wallS: timed ? Number(timed[1]) : parsed.ms / 1000, maxRssMB: timed ? Math.round(Number(timed[2]) / 1024) : parsed.maxRssMB };
      samples.get(t)!.push(s);
      if (!json) process.stderr.write(`run ${run}/${runs} ${t}: ${s.ms} ms in process, ${s.wallS} s wall, ${s.maxRssMB} MB peak RSS\n`);
    }
  }

  const floor = samples.has('floor') ? median(samples.get('floor')!.map((s) => s.ms)) : undefined;
  const report = tasks.map((t) => {
    const list = samples.get(t)!;
    const last = list[list.length - 1];
    const factor = SAMPLED.has(t) && last.totalFiles ? last.totalFiles / last.files : 1;
    // Ratio to the floor of the same run, then the median of those ratios.
    const ratios = floor === undefined ? [] : list.map((s, i) => (s.ms * factor) / samples.get('floor')![i].ms);
    return {
      task: t,
      files: last.files,
      sampled: factor !== 1 ? `${last.files} of ${last.totalFiles} package files (every ${sample}th), time × ${Math.round(factor * 100) / 100}` : undefined,
      medianMs: median(list.map((s) => s.ms)),
      wholeCorpusMs: Math.round(median(list.map((s) => s.ms)) * factor),
      ratioToFloor: ratios.length ? Math.round(median(ratios) * 10) / 10 : undefined,
      peakRssMB: Math.max(...list.map((s) => s.maxRssMB)),
      runsMs: list.map((s) => s.ms),
      wallS: list.map((s) => s.wallS),
      last,
    };
  });
  if (json) {
    process.stdout.write(JSON.stringify({ specsDir: specs.dir, runs, sample, floorMs: floor, report }, null, 2) + '\n');
    return;
  }
  process.stdout.write(`\nswagger-parser over ${specs.dir}, median of ${runs} runs\n`);
  process.stdout.write(`${'task'.padEnd(16)} ${'files'.padStart(6)} ${'median'.padStart(10)} ${'whole tree'.padStart(11)} ${'× floor'.padStart(8)} ${'peak RSS'.padStart(9)}  runs (ms)\n`);
  for (const r of report) {
    process.stdout.write(
      `${r.task.padEnd(16)} ${String(r.files).padStart(6)} ${(r.medianMs + ' ms').padStart(10)} ${(r.wholeCorpusMs + ' ms').padStart(11)} ${(r.ratioToFloor !== undefined ? r.ratioToFloor + '×' : '-').padStart(8)} ${(r.peakRssMB + ' MB').padStart(9)}  ${r.runsMs.join(', ')}\n`,
    );
  }
  for (const r of report) {
    if (r.sampled) process.stdout.write(`${r.task}: sampled ${r.sampled}; the sample holds ${String(r.last.sampleShareOfBytes)} of the bytes\n`);
    if (r.last.failed !== undefined) {
      process.stdout.write(`${r.task}: ${String(r.last.failed)} of ${r.last.files} files rejected; kinds: ${JSON.stringify(r.last.failureKinds)}\n`);
      for (const e of (r.last.failureExamples as string[]) ?? []) process.stdout.write(`  ${e}\n`);
    }
    if (r.last.invalid !== undefined) process.stdout.write(`${r.task}: ${String(r.last.invalid)} of ${r.last.files} files invalid\n`);
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`measure-swagger-parser: ${err instanceof Error ? err.stack ?? err.message : String(err)}\n`);
  process.exit(1);
});
