/**
 * One run at a time per output folder: `generate` and `docs` hold `<out>.armkube-lock` (created
 * with O_EXCL, holding the pid) from before loading until the output is written. A second run
 * waits a little (ARMKUBE_LOCK_WAIT seconds, default 10), then is refused; a lock whose pid is
 * dead is stale and taken over. Waiting and refused runs leave a note beside the lock so the
 * holder says, when it finishes, that another run wanted the folder.
 */
import { closeSync, existsSync, mkdirSync, openSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describeError } from '../emit/write-output.js';

export interface LockHolder {
  pid: number;
  command: string;
  started: string;
}

/** A run could not take the lock: another one holds it, or the lock file cannot be created. */
export class OutputLockError extends Error {
  constructor(
    message: string,
    readonly holder?: LockHolder,
  ) {
    super(message);
    this.name = 'OutputLockError';
  }
}

export interface OutputLock {
  file: string;
  /** Whether this run waited for another one first. */
  waitedFor?: LockHolder;
  /** Removes the lock; returns what the holder should tell the user about other runs. */
  release(): string[];
}

const DEFAULT_WAIT_SECONDS = 10;
const POLL_MS = 100;

export function lockFileOf(outDir: string): string {
  return `${path.resolve(outDir)}.armkube-lock`;
}

/** Takes the lock of `outDir`, waiting up to `waitSeconds` for a live holder; throws `OutputLockError` when it cannot. */
export async function acquireOutputLock(
  outDir: string,
  options: { command: string; waitSeconds?: number; onWait?: (holder: LockHolder) => void; signal?: AbortSignal },
): Promise<OutputLock> {
  const file = lockFileOf(outDir);
  const waitSeconds = options.waitSeconds ?? waitFromEnvironment();
  const deadline = Date.now() + waitSeconds * 1000;
  const note = (kind: 'waiting' | 'refused', pid = process.pid) => `${file}.${kind}-${pid}`;
  try {
    mkdirSync(path.dirname(file), { recursive: true });
  } catch (e) {
    throw new OutputLockError(`cannot create the folder of ${file}: ${describeError(e)}`);
  }
  let waitedFor: LockHolder | undefined;
  for (;;) {
    try {
      const fd = openSync(file, 'wx');
      try {
        writeFileSync(fd, JSON.stringify({ pid: process.pid, command: options.command, started: new Date().toISOString() }) + '\n');
      } finally {
        closeSync(fd);
      }
      if (waitedFor) rmSync(note('waiting'), { force: true });
      else clearNotes(file); // notes of an earlier holder's run
      return { file, ...(waitedFor ? { waitedFor } : {}), release: () => safeRelease(file) };
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw new OutputLockError(`cannot create the lock file ${file}: ${describeError(e)}`);
    }
    const holder = readHolder(file);
    if (holder === 'stale') {
      rmSync(file, { force: true });
      continue;
    }
    if (holder !== undefined && !waitedFor) {
      waitedFor = holder;
      writeFileSync(note('waiting'), '');
      options.onWait?.(holder);
    }
    if (Date.now() >= deadline || options.signal?.aborted) {
      if (waitedFor) renameSync(note('waiting'), note('refused'));
      else writeFileSync(note('refused'), '');
      const who = holder ? `another armkube run (pid ${holder.pid}, ${holder.command}, started ${holder.started})` : 'another armkube run';
      throw new OutputLockError(
        `${who} is writing ${path.resolve(outDir)} (lock file ${file}); waited ${waitSeconds} s. Wait for it to finish, or use another --out. ` +
          `If no armkube run is going, remove ${file}`,
        holder,
      );
    }
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
}

/** The lock's holder; `'stale'` when its pid is dead; undefined while it is still being written. */
function readHolder(file: string): LockHolder | 'stale' | undefined {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    return undefined; // removed meanwhile: try again
  }
  try {
    const holder = JSON.parse(text) as LockHolder;
    return isAlive(holder.pid) ? holder : 'stale';
  } catch {
    // Being written right now, or left half-written by a crash (then stale after a few seconds).
    try {
      return Date.now() - statSync(file).mtimeMs > 5000 ? 'stale' : undefined;
    } catch {
      return undefined;
    }
  }
}

/** `release`, whose own failure is a note: it never hides how the run went. */
function safeRelease(file: string): string[] {
  try {
    return release(file);
  } catch (e) {
    return [`could not remove the lock file ${file}: ${describeError(e)}; remove it by hand if no armkube run is going`];
  }
}

function release(file: string): string[] {
  rmSync(file, { force: true });
  const notes: string[] = [];
  const dir = path.dirname(file);
  const prefix = path.basename(file) + '.';
  if (!existsSync(dir)) return notes;
  for (const name of readdirSync(dir).sort()) {
    if (!name.startsWith(prefix)) continue;
    const match = /^(waiting|refused)-(\d+)$/.exec(name.slice(prefix.length));
    if (!match) continue;
    const pid = Number(match[2]);
    if (match[1] === 'refused') {
      notes.push(`another armkube run (pid ${pid}) wanted to write this output folder meanwhile and was refused`);
      rmSync(path.join(dir, name), { force: true });
    } else if (isAlive(pid)) notes.push(`another armkube run (pid ${pid}) is waiting to write this output folder: it will replace this output`);
    else rmSync(path.join(dir, name), { force: true });
  }
  return notes;
}

function clearNotes(file: string): void {
  const dir = path.dirname(file);
  const prefix = path.basename(file) + '.refused-';
  for (const name of readdirSync(dir)) if (name.startsWith(prefix)) rmSync(path.join(dir, name), { force: true });
}

function waitFromEnvironment(): number {
  const value = Number(process.env.ARMKUBE_LOCK_WAIT);
  return process.env.ARMKUBE_LOCK_WAIT !== undefined && Number.isFinite(value) && value >= 0 ? value : DEFAULT_WAIT_SECONDS;
}

export function isAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}
