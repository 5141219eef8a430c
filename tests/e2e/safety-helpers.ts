/** What the CLI-safety e2e tests share: the built CLI, a fixture to generate, and a folder snapshot. */
import { spawn, spawnSync, type SpawnSyncOptions } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, lstatSync, readdirSync, readFileSync, readlinkSync } from 'node:fs';
import path from 'node:path';
import { fixturesDir, repoRoot } from '../helpers.js';

export const bin = path.join(repoRoot, 'dist', 'generator', 'cli', 'main.js');
/** A small fixture (one namespace, a few kinds) that generates in about a second. */
export const fixture = path.join(fixturesDir, 'pipeline', 'arm-references');

export function armkube(args: string[], options: { cwd: string; env?: Record<string, string>; uid?: number; gid?: number }) {
  const spawnOptions: SpawnSyncOptions = { encoding: 'utf8', cwd: options.cwd, env: { ...process.env, ARMKUBE_SPECS: '', ...options.env }, maxBuffer: 1 << 26 };
  if (options.uid !== undefined) Object.assign(spawnOptions, { uid: options.uid, gid: options.gid });
  const run = spawnSync(process.execPath, [bin, ...args], spawnOptions);
  return { status: run.status, signal: run.signal, stdout: String(run.stdout), stderr: String(run.stderr) };
}

/** Starts the CLI without waiting; resolves its exit code and output when it ends. */
export function start(args: string[], options: { cwd: string; env?: Record<string, string> }) {
  const child = spawn(process.execPath, [bin, ...args], { cwd: options.cwd, env: { ...process.env, ARMKUBE_SPECS: '', ...options.env } });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d) => (stdout += d));
  child.stderr.on('data', (d) => (stderr += d));
  const done = new Promise<{ status: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string }>((resolve) =>
    child.on('close', (status, signal) => resolve({ status, signal, stdout, stderr })),
  );
  return { child, done };
}

/** Every entry under `p` (dotfiles and .git included): files with a hash of their bytes, folders, links; `p` itself when it is a file. */
export function tree(p: string): Record<string, string> {
  if (!existsSync(p)) return { '': 'absent' };
  const out: Record<string, string> = {};
  const visit = (full: string, rel: string) => {
    const stat = lstatSync(full);
    if (stat.isSymbolicLink()) out[rel] = `link ${readlinkSync(full)}`;
    else if (stat.isDirectory()) {
      out[rel] = 'dir';
      for (const name of readdirSync(full).sort()) visit(path.join(full, name), rel ? `${rel}/${name}` : name);
    } else out[rel] = createHash('sha256').update(readFileSync(full)).digest('hex');
  };
  visit(p, '');
  return out;
}

export async function until(condition: () => boolean, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (condition()) return true;
    await new Promise((r) => setTimeout(r, 2));
  }
  return condition();
}
