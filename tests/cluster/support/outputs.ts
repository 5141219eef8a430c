/**
 * Output folders for the suite, each made by the built CLI (`armkube generate`) into a fresh
 * temporary folder (generate replaces only folders it wrote), and the CRDs read back from them.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadAll } from 'js-yaml';
import { repoRoot } from '../../helpers.js';

const bin = path.join(repoRoot, 'dist', 'generator', 'cli', 'main.js');

export interface Output {
  dir: string;
  seconds: number;
  remove(): void;
}

export function generate(args: string[], timeoutMs = 15 * 60_000): Promise<Output> {
  const root = mkdtempSync(path.join(os.tmpdir(), 'armkube-cluster-out-'));
  const dir = path.join(root, 'out');
  const started = Date.now();
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [bin, 'generate', ...args, '--out', dir, '--quiet'], { cwd: repoRoot, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d) => (stderr = (stderr + d).slice(-5000)));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      const remove = () => rmSync(root, { recursive: true, force: true });
      if (code === 0) resolve({ dir, seconds: (Date.now() - started) / 1000, remove });
      else {
        remove();
        reject(new Error(`armkube generate ${args.join(' ')} failed (${signal ?? `exit ${code}`}): ${stderr.trim().split('\n').slice(-5).join(' | ')}`));
      }
    });
  });
}

/** Every CRD of `<out>/crds`, sorted by file name. */
export function readCrds(outDir: string): any[] {
  const dir = path.join(outDir, 'crds');
  return readdirSync(dir)
    .filter((f) => f.endsWith('.yaml'))
    .sort()
    .flatMap((f) => loadAll(readFileSync(path.join(dir, f), 'utf8')).filter((d: any) => d?.kind === 'CustomResourceDefinition'));
}
