/**
 * One measured task of the benchmark, run in a fresh process by `bench.ts`:
 *   floor     read and JSON.parse every .json spec file once (outside examples/)
 *   load      the loader over the whole tree
 *   pipeline  the loader, then the aso pipeline
 *   generate  `armkube generate --all` end to end (load, stages, every emitter, files written)
 *   generate-all-versions  the same with `--versions all`
 * Prints one JSON line: { task, ms, maxRssMB, ... }.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { listJsonFiles } from '../generator/loader/discover.js';
import { loadSpecs } from '../generator/loader/load.js';
import { runPipeline } from '../generator/pipeline/runner.js';
import { asoStages } from '../generator/targets/aso.js';

const [task, specsDir] = process.argv.slice(2);
if (!task || !specsDir) {
  process.stderr.write('usage: bench-task <floor|load|pipeline|generate|generate-all-versions> <specs dir>\n');
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
} else if (task === 'generate' || task === 'generate-all-versions') {
  // The CLI itself, in this process: the figures are what a user's `armkube generate --all` costs.
  const out = mkdtempSync(path.join(os.tmpdir(), 'armkube-bench-'));
  const versions = task === 'generate' ? [] : ['--versions', 'all'];
  process.argv = [process.argv[0], 'armkube', 'generate', '--all', ...versions, '--specs', specsDir, '--out', path.join(out, 'output'), '--quiet', '--json'];
  const write = process.stdout.write.bind(process.stdout);
  let summary = '';
  process.stdout.write = ((chunk: string) => ((summary += chunk), true)) as typeof process.stdout.write;
  await import('../generator/cli/main.js');
  process.stdout.write = write;
  const s = JSON.parse(summary) as { kinds: number; files: number; bytes: number; crds: number; largestCrd?: { bytes: number }; resourceTypes: { found: number; generated: number } };
  Object.assign(extra, { kinds: s.kinds, files: s.files, mb: Math.round(s.bytes / 1e6), crds: s.crds, largestCrdKB: Math.round((s.largestCrd?.bytes ?? 0) / 1024), typesFound: s.resourceTypes.found, typesGenerated: s.resourceTypes.generated });
  rmSync(out, { recursive: true, force: true });
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
