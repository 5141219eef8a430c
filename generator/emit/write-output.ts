/**
 * Writes emitted files into the output folder, all or nothing: the files go to a fresh sibling
 * folder first, which then replaces the output folder (two renames). A failure or an interrupt
 * on the way leaves the previous output as it was; folders a killed run left behind are cleaned
 * (or, if it died between the two renames, the previous output is put back) by the next run.
 * Output is deterministic: files are written in path order, and the same model gives
 * byte-identical files.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { EmittedFile } from './emitter.js';

const STAGING = '.armkube-tmp-';
const PREVIOUS = '.armkube-old-';

/**
 * Writes `files` as the whole content of `outDir`, all or nothing (see above): the previous content
 * is replaced only once every file is written. Throws on an unsafe or duplicate path. Returns how
 * many files and bytes were written.
 */
export function writeOutput(outDir: string, files: readonly EmittedFile[]): { files: number; bytes: number } {
  const target = path.resolve(outDir);
  recoverInterrupted(target);
  const staging = `${target}${STAGING}${process.pid}`;
  const previous = `${target}${PREVIOUS}${process.pid}`;
  let bytes = 0;
  try {
    const seen = new Set<string>();
    for (const file of sortedFiles(files)) {
      checkPath(file.path);
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

export interface OutputDifference {
  /** Files whose content would change. */
  changed: string[];
  /** Files that would be written and do not exist. */
  added: string[];
  /** Files in the output folder that would be gone. */
  removed: string[];
}

/** What `writeOutput(outDir, files)` would change, without writing anything (`generate --check`). */
export function compareOutput(outDir: string, files: readonly EmittedFile[]): OutputDifference {
  const target = path.resolve(outDir);
  const existing = new Set(existsSync(target) ? listFiles(target) : []);
  const difference: OutputDifference = { changed: [], added: [], removed: [] };
  for (const file of sortedFiles(files)) {
    checkPath(file.path);
    if (!existing.has(file.path)) difference.added.push(file.path);
    else if (!readFileSync(path.join(target, file.path)).equals(Buffer.from(file.content))) difference.changed.push(file.path);
    existing.delete(file.path);
  }
  difference.removed = [...existing].sort();
  return difference;
}

/** Every file under `dir`, as sorted forward-slash paths relative to it. */
export function listFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => path.relative(dir, path.join(e.parentPath, e.name)).split(path.sep).join('/'))
    .sort();
}

/** Cleans up after a run that was killed: staging folders go; a previous output left renamed comes back. */
function recoverInterrupted(target: string): void {
  const parent = path.dirname(target);
  if (!existsSync(parent)) return;
  const base = path.basename(target);
  for (const name of readdirSync(parent)) {
    if (!name.startsWith(base)) continue;
    const rest = name.slice(base.length);
    const full = path.join(parent, name);
    const pid = Number(rest.slice(rest.lastIndexOf('-') + 1));
    if (pid !== process.pid && isAlive(pid)) continue; // another run, still going
    if (rest.startsWith(STAGING)) rmSync(full, { recursive: true, force: true });
    else if (rest.startsWith(PREVIOUS)) {
      if (existsSync(target)) rmSync(full, { recursive: true, force: true });
      else renameSync(full, target);
    }
  }
}

function isAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function sortedFiles(files: readonly EmittedFile[]): EmittedFile[] {
  return [...files].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

function checkPath(p: string): void {
  if (p.startsWith('/') || p.split('/').includes('..')) throw new Error(`emitted path ${p} leaves the output folder`);
}
