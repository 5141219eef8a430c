/**
 * Temporary folders that are removed however the process ends: by their owner (`removeTempDir`,
 * in a `finally`), at exit (also after `process.exit`, which skips `finally` blocks), and on
 * SIGINT, SIGTERM or SIGHUP (the folders go, then the signal takes its default course unless
 * someone else handles it).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const live = new Set<string>();
const SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;

function removeAll(): void {
  for (const dir of live) removeQuietly(dir);
  live.clear();
}

function removeQuietly(dir: string): void {
  try {
    rmSync(dir, { recursive: true, force: true });
  } catch {
    // Nothing more can be done for a folder that cannot be removed while the process ends.
  }
}

function onSignal(signal: NodeJS.Signals): void {
  removeAll();
  uninstall();
  // With no other handler, end as the signal would have: the parent sees the signal, not an exit code.
  if (process.listenerCount(signal) === 0) process.kill(process.pid, signal);
}

let installed = false;
function install(): void {
  if (installed) return;
  installed = true;
  process.on('exit', removeAll);
  for (const signal of SIGNALS) process.on(signal, onSignal);
}

function uninstall(): void {
  if (!installed) return;
  installed = false;
  process.off('exit', removeAll);
  for (const signal of SIGNALS) process.off(signal, onSignal);
}

/** A new folder under the system's temporary folder (`<prefix>XXXXXX`), removed at the latest when the process ends. */
export function makeTempDir(prefix: string): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), prefix));
  live.add(dir);
  install();
  return dir;
}

/** Removes a folder made by `makeTempDir` (once the last one is gone, the signal handlers go too). */
export function removeTempDir(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
  live.delete(dir);
  if (live.size === 0) uninstall();
}

/** The folders made and not yet removed (for tests). */
export function liveTempDirs(): readonly string[] {
  return [...live];
}
