/**
 * Writes emitted files into the output folder, all or nothing: the files go to a fresh sibling
 * folder first, which then replaces the output folder in one rename. A failure on the way leaves
 * the previous output as it was. Output is deterministic: files are written in path order, and
 * the same model gives byte-identical files.
 */
import { mkdirSync, renameSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import type { EmittedFile } from './emitter.js';

export function writeOutput(outDir: string, files: readonly EmittedFile[]): { files: number; bytes: number } {
  const target = path.resolve(outDir);
  const staging = `${target}.armkube-tmp-${process.pid}`;
  const previous = `${target}.armkube-old-${process.pid}`;
  rmSync(staging, { recursive: true, force: true });
  let bytes = 0;
  try {
    const seen = new Set<string>();
    for (const file of [...files].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0))) {
      if (file.path.startsWith('/') || file.path.split('/').includes('..')) throw new Error(`emitted path ${file.path} leaves the output folder`);
      if (seen.has(file.path)) throw new Error(`two emitted files have the path ${file.path}`);
      seen.add(file.path);
      const full = path.join(staging, file.path);
      mkdirSync(path.dirname(full), { recursive: true });
      writeFileSync(full, file.content);
      bytes += Buffer.byteLength(file.content);
    }
    mkdirSync(staging, { recursive: true });
    if (existsSync(target)) renameSync(target, previous);
    renameSync(staging, target);
    rmSync(previous, { recursive: true, force: true });
  } catch (e) {
    rmSync(staging, { recursive: true, force: true });
    if (!existsSync(target) && existsSync(previous)) renameSync(previous, target);
    throw e;
  }
  return { files: files.length, bytes };
}
