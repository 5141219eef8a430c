/**
 * Runs the built CLI in a child process and measures it from the inside: a preloaded module
 * writes the child's `process.resourceUsage()` (CPU time, max RSS) when it exits, so that the
 * figures are the child's own, not the test runner's and not those of a shell around it.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { repoRoot } from '../helpers.js';

export const bin = path.join(repoRoot, 'dist', 'generator', 'cli', 'main.js');

export interface MeasuredRun {
  status: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  /** Wall time seen by the parent, ms. */
  wallMs: number;
  /** The child's user + system CPU time, ms; undefined when it died without exiting (a signal, out of memory). */
  cpuMs?: number;
  /** The child's maximum resident set size, MB. */
  maxRssMb?: number;
}

export function runMeasured(args: readonly string[], options: { input?: string; env?: NodeJS.ProcessEnv; timeoutMs?: number } = {}): MeasuredRun {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'armkube-measure-'));
  try {
    const preload = path.join(dir, 'preload.mjs');
    const usageFile = path.join(dir, 'usage.json');
    writeFileSync(preload, `import { writeFileSync } from 'node:fs';\nprocess.on('exit', () => writeFileSync(${JSON.stringify(usageFile)}, JSON.stringify(process.resourceUsage())));\n`);
    const started = performance.now();
    const out = spawnSync(process.execPath, ['--import', pathToFileURL(preload).href, bin, ...args], {
      cwd: repoRoot,
      encoding: 'utf8',
      input: options.input,
      env: { ...process.env, ...options.env },
      timeout: options.timeoutMs ?? 60_000,
      maxBuffer: 64 * 1024 * 1024,
    });
    const wallMs = performance.now() - started;
    let usage: { userCPUTime: number; systemCPUTime: number; maxRSS: number } | undefined;
    try {
      usage = JSON.parse(readFileSync(usageFile, 'utf8')) as typeof usage;
    } catch {
      usage = undefined;
    }
    return {
      status: out.status,
      signal: out.signal,
      stdout: out.stdout,
      stderr: out.stderr,
      wallMs,
      ...(usage && { cpuMs: (usage.userCPUTime + usage.systemCPUTime) / 1000, maxRssMb: usage.maxRSS / 1024 }),
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
