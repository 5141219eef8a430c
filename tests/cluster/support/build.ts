/**
 * Builds the kube-server program (scripts/kube-server) or reuses the binary built from the same
 * sources: the binary is kept under node_modules/.cache, named by a hash of the Go sources,
 * go.mod, go.sum and the Go version, so a second run starts at once. Go's own module and build
 * caches make a rebuild after a source change cheap; the first build on a fresh machine is long
 * (docs/cluster-tests.md has the measured time).
 */
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync } from 'node:fs';
import path from 'node:path';
import { repoRoot } from '../../helpers.js';

export const serverSourceDir = path.join(repoRoot, 'scripts', 'kube-server');
const cacheDir = path.join(repoRoot, 'node_modules', '.cache', 'armkube-kube-server');

/** A hash of everything the binary is built from. */
export function sourceHash(goVersion: string): string {
  const hash = createHash('sha256').update(goVersion);
  for (const name of readdirSync(serverSourceDir).sort()) {
    if (name.endsWith('.go') || name === 'go.mod' || name === 'go.sum') hash.update(name).update(readFileSync(path.join(serverSourceDir, name)));
  }
  return hash.digest('hex').slice(0, 16);
}

export interface BuiltServer {
  binary: string;
  /** False when an earlier build was reused. */
  built: boolean;
  seconds: number;
}

/** The binary for these sources, building it when missing. Rejects with one clear message on a failed or timed-out build. */
export async function buildServer(goVersion: string, timeoutMs = 45 * 60_000): Promise<BuiltServer> {
  const dir = path.join(cacheDir, sourceHash(goVersion));
  const binary = path.join(dir, 'kube-server');
  if (existsSync(binary)) return { binary, built: false, seconds: 0 };
  mkdirSync(dir, { recursive: true });
  const started = Date.now();
  const partial = `${binary}.partial-${process.pid}`;
  const { code, output } = await run('go', ['build', '-o', partial, '.'], serverSourceDir, timeoutMs);
  if (code !== 0) {
    const tail = output.trim().split('\n').slice(-15).join('\n');
    throw new Error(code === null ? `kube-server: go build did not finish within ${timeoutMs / 60_000} minutes` : `kube-server: go build failed (exit ${code}):\n${tail}`);
  }
  renameSync(partial, binary);
  return { binary, built: true, seconds: (Date.now() - started) / 1000 };
}

function run(command: string, args: string[], cwd: string, timeoutMs: number): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    const keep = (d: Buffer) => (output = (output + d.toString()).slice(-20_000));
    child.stdout.on('data', keep);
    child.stderr.on('data', keep);
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('error', (e) => {
      clearTimeout(timer);
      resolve({ code: -1, output: `${output}\n${e.message}` });
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code: signal ? null : code, output });
    });
  });
}
