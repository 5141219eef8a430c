/**
 * `npm run bench`: the scale benchmark. In one run it measures, each in a fresh process, the
 * floor (read + JSON.parse of every spec file) and `armkube generate --all` end to end (every
 * emitter, files written), with the latest version of each resource type and with
 * `--versions all`; repeats them (default 3 times, interleaved so that machine noise hits all
 * alike) and prints medians, ratios to the floor and peak memory (max RSS). `load` (the loader
 * alone) and `pipeline` (loader + aso stages) can be added with --tasks.
 *
 *   npm run bench -- [--specs DIR] [--runs N] [--tasks floor,generate,generate-all-versions,load,pipeline] [--json]
 */
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { resolveSpecsDir } from '../generator/cli/specs-dir.js';

interface Sample {
  task: string;
  ms: number;
  maxRssMB: number;
  [key: string]: unknown;
}

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

const specs = resolveSpecsDir(arg('specs'));
if ('error' in specs) {
  process.stderr.write(`bench: ${specs.error}\n`);
  process.exit(2);
}
const runs = Number(arg('runs') ?? 3);
const tasks = (arg('tasks') ?? 'floor,generate,generate-all-versions').split(',');
const json = process.argv.includes('--json');
const taskScript = path.join(path.dirname(fileURLToPath(import.meta.url)), 'bench-task.js');

const samples = new Map<string, Sample[]>(tasks.map((t) => [t, []]));
for (let run = 1; run <= runs; run++) {
  for (const task of tasks) {
    const out = execFileSync(process.execPath, [taskScript, task, specs.dir], { encoding: 'utf8', maxBuffer: 1 << 26 });
    const sample = JSON.parse(out.trim().split('\n').pop()!) as Sample;
    samples.get(task)!.push(sample);
    if (!json) process.stderr.write(`run ${run}/${runs} ${task}: ${sample.ms} ms, ${sample.maxRssMB} MB\n`);
  }
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const floor = samples.has('floor') ? median(samples.get('floor')!.map((s) => s.ms)) : undefined;
const report = tasks.map((task) => {
  const list = samples.get(task)!;
  const ms = median(list.map((s) => s.ms));
  return {
    task,
    medianMs: ms,
    ratioToFloor: floor ? Math.round((ms / floor) * 100) / 100 : undefined,
    peakMemoryMB: Math.max(...list.map((s) => s.maxRssMB)),
    runsMs: list.map((s) => s.ms),
    last: list[list.length - 1],
  };
});

if (json) {
  process.stdout.write(JSON.stringify({ specsDir: specs.dir, runs, report }, null, 2) + '\n');
} else {
  process.stdout.write(`\nbenchmark over ${specs.dir}, median of ${runs} runs\n`);
  process.stdout.write(`${'task'.padEnd(22)} ${'median'.padStart(9)} ${'ratio'.padStart(7)} ${'peak RSS'.padStart(9)}  runs\n`);
  for (const r of report) {
    process.stdout.write(
      `${r.task.padEnd(22)} ${(r.medianMs + ' ms').padStart(9)} ${(r.ratioToFloor !== undefined ? r.ratioToFloor + 'x' : '-').padStart(7)} ${(r.peakMemoryMB + ' MB').padStart(9)}  ${r.runsMs.join(', ')}\n`,
    );
  }
  for (const r of report.filter((r) => r.task.startsWith('generate'))) {
    const l = r.last as Record<string, unknown>;
    process.stdout.write(`${r.task}: ${l.typesGenerated}/${l.typesFound} resource types, ${l.kinds} kinds × versions, ${l.crds} CRDs (largest ${l.largestCrdKB} KiB), ${l.files} files, ${l.mb} MB\n`);
  }
  const pipeline = report.find((r) => r.task === 'pipeline');
  if (pipeline?.last.stages) process.stdout.write(`pipeline stages (last run, ms): ${JSON.stringify(pipeline.last.stages)}\n`);
}
