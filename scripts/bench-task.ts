/**
 * One measured task of the benchmark, run in a fresh process by `bench.ts`:
 *   floor     read and JSON.parse every .json spec file once (outside examples/)
 *   load      the loader over the whole tree
 *   pipeline  the loader, then the aso pipeline
 * Prints one JSON line: { task, ms, maxRssMB, ... }.
 */
import { readFileSync } from 'node:fs';
import { listJsonFiles } from '../generator/loader/discover.js';
import { loadSpecs } from '../generator/loader/load.js';
import { runPipeline } from '../generator/pipeline/runner.js';
import { asoStages } from '../generator/targets/aso.js';

const [task, specsDir] = process.argv.slice(2);
if (!task || !specsDir) {
  process.stderr.write('usage: bench-task <floor|load|pipeline> <specs dir>\n');
  process.exit(2);
}

const started = performance.now();
const extra: Record<string, unknown> = {};
if (task === 'floor') {
  const { files, shared } = listJsonFiles(specsDir);
  let bytes = 0;
  for (const file of [...files, ...shared]) {
    const text = readFileSync(file, 'utf8');
    bytes += text.length;
    JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  }
  extra.files = files.length + shared.length;
  extra.mb = Math.round(bytes / 1e6);
} else {
  const loaded = loadSpecs({ specsDir });
  extra.files = loaded.stats.filesRead;
  extra.packages = loaded.model.packages.length;
  extra.loadMs = Math.round(performance.now() - started);
  if (task === 'pipeline') {
    const result = runPipeline(loaded.model, asoStages);
    extra.kinds = result.model.packages.reduce((n, p) => n + p.resources.filter((r) => r.kubernetes).length, 0);
    extra.stages = Object.fromEntries(result.stages.map((s) => [s.id, Math.round(s.milliseconds)]));
  }
}
const ms = Math.round(performance.now() - started);
const maxRssMB = Math.round(process.resourceUsage().maxRSS / 1024);
process.stdout.write(JSON.stringify({ task, ms, maxRssMB, ...extra }) + '\n');
