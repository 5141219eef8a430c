/**
 * Writes emitted files into the output folder, all or nothing: the files go to a fresh sibling
 * folder first, which then replaces the output folder (two renames). Only a folder armkube wrote
 * (its marker file lists what), an empty one or none is replaced (see output-folder.ts). A failure or an interrupt
 * on the way leaves the previous output as it was; folders a killed run left behind are cleaned
 * (or, if it died between the two renames, the previous output is put back) by the next run.
 * Output is deterministic: files are written in path order, and the same model gives
 * byte-identical files.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { EmittedFile } from './emitter.js';
import { checkReplaceable, MARKER, markerContent, type FolderState, type GuardOptions } from './output-folder.js';

const STAGING = '.armkube-tmp-';
const PREVIOUS = '.armkube-old-';
/** Files written between two checks for an interrupt (`writeOutputAsync`). */
const BATCH = 64;

export interface WriteResult {
  files: number;
  bytes: number;
  /** How the folder replaced was recognised (see `checkReplaceable`). */
  replaced: FolderState;
  /** The previous output, when it could not be removed after the new one was in place. */
  leftover?: { folder: string; error: string };
}

/** A write that failed: the first error, what cleaning up after it failed on, and where the previous output is. */
export class OutputWriteError extends Error {
  constructor(
    readonly folder: string,
    readonly failure: unknown,
    readonly cleanup: readonly unknown[],
    /** Where the previous output is now: the folder itself unless restoring it failed. */
    readonly previousAt: string | undefined,
  ) {
    const kept = previousAt === undefined ? 'nothing was there before' : previousAt === folder ? 'the previous output is intact' : `the previous output is at ${previousAt}`;
    const also = cleanup.length ? `; cleaning up also failed: ${cleanup.map(describeError).join('; ')}` : '';
    super(`cannot write ${folder}: ${describeError(failure)} (${kept})${also}`);
    this.name = 'OutputWriteError';
  }
}

/** A write stopped on purpose (SIGINT, SIGTERM): the staging folder is gone, the previous output is as it was. */
export class OutputInterruptedError extends Error {
  constructor(readonly reason: string) {
    super(`interrupted (${reason}) before the output was replaced: nothing written, the previous output is intact`);
    this.name = 'OutputInterruptedError';
  }
}

/**
 * Writes `files` as the whole content of `outDir`, all or nothing (see above), with the marker
 * file listing them. Throws `OutputRefusedError` when the folder may not be replaced (see
 * `checkReplaceable`), `OutputWriteError` when writing fails (the previous output kept), and on
 * an unsafe or duplicate path.
 */
export function writeOutput(outDir: string, files: readonly EmittedFile[], options: GuardOptions = {}): WriteResult {
  const steps = writeSteps(outDir, files, options);
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}

/**
 * `writeOutput` that lets the event loop run every few files, so that a signal handler can stop
 * it: when `signal` is aborted the write stops with `OutputInterruptedError` and the previous
 * output stays as it was.
 */
export async function writeOutputAsync(outDir: string, files: readonly EmittedFile[], options: GuardOptions & { signal?: AbortSignal } = {}): Promise<WriteResult> {
  const steps = writeSteps(outDir, files, options);
  let step = steps.next();
  while (!step.done) {
    await new Promise((resolve) => setImmediate(resolve));
    step = options.signal?.aborted ? steps.throw(new OutputInterruptedError(String(options.signal.reason ?? 'aborted'))) : steps.next();
  }
  return step.value;
}

/** The write, as steps: it yields every `BATCH` files, and cleans up when an error is thrown in at a yield. */
function* writeSteps(outDir: string, files: readonly EmittedFile[], options: GuardOptions): Generator<void, WriteResult> {
  const target = path.resolve(outDir);
  const replaced = checkReplaceable(target, options);
  const sorted = sortedFiles(files);
  const seen = new Set<string>();
  for (const file of sorted) {
    checkPath(file.path);
    if (seen.has(file.path)) throw new Error(`two emitted files have the path ${file.path}`);
    seen.add(file.path);
  }
  recoverInterrupted(target);
  const staging = `${target}${STAGING}${process.pid}`;
  const previous = `${target}${PREVIOUS}${process.pid}`;
  const hadPrevious = existsSync(target);
  let bytes = 0;
  try {
    mkdirSync(staging, { recursive: true });
    let n = 0;
    for (const file of sorted) {
      const full = path.join(staging, file.path);
      try {
        mkdirSync(path.dirname(full), { recursive: true });
        writeFileSync(full, file.content);
      } catch (e) {
        // A failed write() names no file: say which one.
        if (isFsError(e) && e.path === undefined) e.path = full;
        throw e;
      }
      bytes += Buffer.byteLength(file.content);
      if (++n % BATCH === 0) yield;
    }
    writeFileSync(path.join(staging, MARKER), markerContent(sorted.map((f) => f.path)));
    yield;
    if (hadPrevious) renameSync(target, previous);
    renameSync(staging, target);
  } catch (e) {
    const cleanup: unknown[] = [];
    const attempt = (f: () => void) => {
      try {
        f();
      } catch (c) {
        cleanup.push(c);
      }
    };
    attempt(() => rmSync(staging, { recursive: true, force: true }));
    attempt(() => {
      if (!existsSync(target) && existsSync(previous)) renameSync(previous, target);
    });
    if (e instanceof OutputInterruptedError && cleanup.length === 0) throw e;
    const previousAt = !hadPrevious ? undefined : existsSync(target) ? target : previous;
    throw isFsError(e) || cleanup.length ? new OutputWriteError(target, e, cleanup, previousAt) : e;
  }
  // The new output is in place: failing to remove the old one is reported, not a failed write.
  let leftover: WriteResult['leftover'];
  try {
    rmSync(previous, { recursive: true, force: true });
  } catch (e) {
    leftover = { folder: previous, error: describeError(e) };
  }
  return { files: files.length, bytes, replaced, ...(leftover ? { leftover } : {}) };
}

const FS_REASONS: Record<string, string> = {
  ENOSPC: 'no space left on device',
  EDQUOT: 'disk quota exceeded',
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  EROFS: 'read-only file system',
  EMFILE: 'too many open files',
  ENOTDIR: 'a path component is a file, not a folder',
  EISDIR: 'is a folder',
  ENAMETOOLONG: 'file name too long',
  EIO: 'input/output error',
};

function isFsError(e: unknown): e is NodeJS.ErrnoException {
  return e instanceof Error && typeof (e as NodeJS.ErrnoException).code === 'string' && typeof (e as NodeJS.ErrnoException).syscall === 'string';
}

/** One line for an error: `<reason> (<CODE>, <syscall> <path>)` for file-system errors, the message otherwise. */
export function describeError(e: unknown): string {
  if (isFsError(e)) {
    const reason = FS_REASONS[e.code!] ?? e.message.replace(/^[A-Z]+: /, '').replace(/, .*$/, '');
    return `${reason} (${e.code}, ${e.syscall}${e.path ? ` ${e.path}` : ''})`;
  }
  return e instanceof Error ? e.message : String(e);
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
  const existing = new Set(existsSync(target) ? listFiles(target).filter((f) => path.posix.basename(f) !== MARKER) : []);
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
  if (p === MARKER) throw new Error(`emitted path ${p} is the marker file armkube writes itself`);
}
