/**
 * Golden files: the CRDs and TypeScript `armkube generate` writes for each spec fixture, committed
 * under `tests/golden/<area>/<fixture>/` so that a change to the output shows up as a diff.
 *
 *   npm run update-golden   regenerates them (then review `git diff tests/golden`)
 *   tests/golden.test.ts    checks them with `generate --check`
 *
 * Each fixture folder of `specs/fixtures/<area>/<fixture>/` with spec files is generated with
 * `--all` and the config `tests/golden/armkube.yaml`; the `crossplane-*` fixtures with the
 * crossplane target, the others with aso. It runs the real `generate` command, in this process.
 */
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { Command } from 'commander';
import { packageRoot } from '../generator/package-root.js';

/** Fixtures left out, with the reason: their output is too large to review as a diff. */
export const EXCLUDED: Readonly<Record<string, string>> = {
  'fuzz/long-names': 'names of thousands of characters: 474 KB of output',
};

export interface GoldenCase {
  /** `<area>/<fixture>`, as under `specs/fixtures`. */
  name: string;
  specsDir: string;
  target: 'aso' | 'crossplane';
  /** The committed output folder. */
  goldenDir: string;
}

export interface GoldenResult {
  name: string;
  kinds: number;
  files: number;
  /** Only with `check`: what differs from the committed files. */
  stale?: { changed: string[]; added: string[]; removed: string[] };
}

const root = packageRoot();
export const goldenRoot = path.join(root, 'tests', 'golden');
export const goldenConfig = path.join(goldenRoot, 'armkube.yaml');

function hasSpecFiles(dir: string): boolean {
  return readdirSync(dir, { withFileTypes: true, recursive: true }).some((e) => e.isFile() && /\.json$/.test(e.name));
}

/** The fixtures with golden files, sorted. */
export function goldenCases(): GoldenCase[] {
  const fixtures = path.join(root, 'specs', 'fixtures');
  const cases: GoldenCase[] = [];
  for (const area of readdirSync(fixtures, { withFileTypes: true }).filter((e) => e.isDirectory())) {
    for (const fixture of readdirSync(path.join(fixtures, area.name), { withFileTypes: true }).filter((e) => e.isDirectory())) {
      const name = `${area.name}/${fixture.name}`;
      const specsDir = path.join(fixtures, area.name, fixture.name);
      if (EXCLUDED[name] !== undefined || !hasSpecFiles(specsDir)) continue;
      cases.push({ name, specsDir, target: fixture.name.startsWith('crossplane-') ? 'crossplane' : 'aso', goldenDir: path.join(goldenRoot, area.name, fixture.name) });
    }
  }
  return cases.sort((a, b) => (a.name < b.name ? -1 : 1));
}

/** Runs `armkube generate --json` in this process with `args`; returns the summary it prints. */
async function generateJson(args: string[]): Promise<Record<string, unknown>> {
  const { registerGenerateCommand } = await import('../generator/cli/generate.js');
  const program = new Command().exitOverride();
  registerGenerateCommand(program);
  let printed = '';
  const write = process.stdout.write.bind(process.stdout);
  const exitCode = process.exitCode;
  process.stdout.write = ((chunk: string | Uint8Array) => ((printed += String(chunk)), true)) as typeof process.stdout.write;
  try {
    await program.parseAsync(['generate', ...args, '--json', '--quiet'], { from: 'user' });
  } finally {
    process.stdout.write = write;
    process.exitCode = exitCode;
  }
  return JSON.parse(printed) as Record<string, unknown>;
}

/** Writes (or, with `check`, compares) the golden files of every case. */
export async function runGolden(check: boolean, cases = goldenCases()): Promise<GoldenResult[]> {
  const results: GoldenResult[] = [];
  for (const c of cases) {
    const summary = await generateJson(['--config', goldenConfig, '--specs', c.specsDir, '--all', '--target', c.target, '--out', c.goldenDir, ...(check ? ['--check'] : [])]);
    if (!check && summary.written !== true) throw new Error(`${c.name}: generate wrote nothing: ${String(summary.exitReason)}`);
    results.push({ name: c.name, kinds: summary.kinds as number, files: summary.files as number, ...(check && { stale: summary.stale as GoldenResult['stale'] }) });
  }
  return results;
}

/** The golden folders no case writes any more (a fixture removed or excluded). */
export function orphanGoldenDirs(cases = goldenCases()): string[] {
  if (!existsSync(goldenRoot)) return [];
  const wanted = new Set(cases.map((c) => c.name));
  return readdirSync(goldenRoot, { withFileTypes: true })
    .filter((e) => e.isDirectory())
    .flatMap((area) => readdirSync(path.join(goldenRoot, area.name), { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => `${area.name}/${e.name}`))
    .filter((name) => !wanted.has(name));
}
