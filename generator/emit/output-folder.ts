/**
 * Whether armkube may replace a folder: only one it wrote (it holds the marker file listing what
 * armkube wrote, and nothing else), an empty one, or one that does not exist. Everything else is
 * refused with the path, the reason and what to do, before anything is touched.
 */
import { existsSync, lstatSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';

/** The file every run writes into the folder it replaces, listing the files it wrote. */
export const MARKER = '.armkube-output.json';

export interface Marker {
  writtenBy: 'armkube';
  about: string;
  /** Every file armkube wrote, relative forward-slash paths, sorted (the marker itself left out). */
  files: string[];
}

export function markerContent(files: readonly string[]): string {
  const marker: Marker = {
    writtenBy: 'armkube',
    about: 'armkube replaces this folder as a whole on its next run, and refuses to when it holds files not listed here',
    files: [...files].sort(),
  };
  return JSON.stringify(marker, null, 2) + '\n';
}

/** A folder armkube will not replace: which, why, and what the user can do. */
export class OutputRefusedError extends Error {
  constructor(
    readonly folder: string,
    readonly reason: string,
    readonly hint: string,
  ) {
    super(`refusing to replace ${folder}: ${reason}. ${hint}`);
    this.name = 'OutputRefusedError';
  }
}

export interface GuardOptions {
  /** The specs folder of the run: neither it nor a folder holding it is replaced. */
  specsDir?: string;
  /** The current folder: neither it nor an ancestor is replaced (default: process.cwd()). */
  cwd?: string;
}

/** How a replaceable folder was recognised. */
export type FolderState = 'absent' | 'empty' | 'marked' | 'legacy';

const MOVE = 'Choose a new or empty folder with --out (or "out" in the config), or move this one away first';

/**
 * Throws `OutputRefusedError` unless `folder` may be replaced as a whole; says how it was
 * recognised otherwise. Reads only, never writes.
 */
export function checkReplaceable(folder: string, options: GuardOptions = {}): FolderState {
  const target = path.resolve(folder);
  const refuse = (reason: string, hint = MOVE): never => {
    throw new OutputRefusedError(target, reason, hint);
  };
  const cwd = path.resolve(options.cwd ?? process.cwd());
  if (target === cwd) refuse('it is the current folder', 'Pass a sub-folder, e.g. --out ./output');
  if (isInside(cwd, target)) refuse('it holds the current folder', 'Pass a sub-folder of the current folder, e.g. --out ./output');
  if (options.specsDir !== undefined) {
    const specs = path.resolve(options.specsDir);
    if (specs === target) refuse('it is the specs folder', 'Choose an output folder outside the specs');
    if (isInside(specs, target)) refuse(`it holds the specs folder ${specs}`, 'Choose an output folder outside the specs');
  }
  const existing = firstExisting(target);
  if (existing !== target) {
    if (!statSync(existing).isDirectory()) refuse(`${existing} is a file, not a folder`, 'Choose a folder path');
    return 'absent';
  }
  const stat = lstatSync(target);
  if (stat.isSymbolicLink()) refuse('it is a symbolic link', 'Pass the folder it points to, or another path');
  if (!stat.isDirectory()) refuse('it is a file, not a folder', 'Choose a folder path for the output');
  if (present(path.join(target, '.git'))) refuse('it is the root of a git repository (it holds .git)');
  const entries = readdirSync(target);
  if (entries.length === 0) return 'empty';
  const listed = listedFiles(target);
  if (listed) {
    const foreign = unlisted(target, listed);
    if (foreign.length) {
      const shown = foreign.slice(0, 5).join(', ') + (foreign.length > 5 ? ` and ${foreign.length - 5} more` : '');
      refuse(`it holds ${foreign.length} file(s) armkube did not write: ${shown}`, 'Move or delete them, or choose another output folder');
    }
    return 'marked';
  }
  if (isLegacyOutput(target)) return 'legacy';
  refuse(`it was not written by armkube (no ${MARKER} in it, and it holds ${entries.length} entr${entries.length === 1 ? 'y' : 'ies'})`);
  return 'absent'; // not reached
}

/** The files armkube wrote into `dir` by its own marker, else by its parent's marker (`docs` inside `generate`'s output). */
function listedFiles(dir: string): Set<string> | undefined {
  const own = readMarker(dir);
  if (own) return new Set(own.files);
  const parent = readMarker(path.dirname(dir));
  if (!parent) return undefined;
  const prefix = path.basename(dir) + '/';
  const files = parent.files.filter((f) => f.startsWith(prefix)).map((f) => f.slice(prefix.length));
  return files.length ? new Set(files) : undefined;
}

/** The marker of `dir`, if it has a readable one; a marker that is not armkube's counts as none. */
export function readMarker(dir: string): Marker | undefined {
  const file = path.join(dir, MARKER);
  if (!existsSync(file)) return undefined;
  try {
    const value = JSON.parse(readFileSync(file, 'utf8')) as Partial<Marker>;
    if (value.writtenBy === 'armkube' && Array.isArray(value.files) && value.files.every((f) => typeof f === 'string')) return value as Marker;
  } catch {
    // unreadable or not JSON: not a marker
  }
  return undefined;
}

/** Files under `dir` that are not in `listed`; a sub-folder with a marker of its own is checked against that one. */
function unlisted(dir: string, listed: ReadonlySet<string>, prefix = ''): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(path.join(dir, prefix), { withFileTypes: true })) {
    const rel = prefix ? `${prefix}/${entry.name}` : entry.name;
    if (ARMKUBE_WORK.test(entry.name)) continue; // a staging folder or lock of armkube's own
    if (entry.isDirectory()) {
      const own = readMarker(path.join(dir, rel));
      if (own) out.push(...unlisted(path.join(dir, rel), new Set(own.files)).map((f) => `${rel}/${f}`));
      else out.push(...unlisted(dir, listed, rel));
    } else if (!(entry.name === MARKER) && !listed.has(rel)) out.push(rel);
  }
  return out.sort();
}

/** The staging and backup folders, and the lock files, armkube keeps beside a folder it writes. */
const ARMKUBE_WORK = /\.armkube-(tmp|old)-\d+$|\.armkube-lock($|\.)/;

/** Top-level folders of outputs written before the marker existed, and the only file type each held. */
const LEGACY_FOLDERS: Record<string, string> = { crds: '.yaml', ts: '.ts', docs: '.md' };

/**
 * An output written by armkube before the marker existed: nothing but its folders (`crds/` of
 * `.yaml`, `ts/` of `.ts`, `docs/` of `.md`), or a `docs/` folder of `.md` pages with `index.md`.
 * Anything else in it (another file, a file type armkube does not write) means it is not.
 */
function isLegacyOutput(dir: string): boolean {
  const entries = readdirSync(dir, { withFileTypes: true });
  if (path.basename(dir) === 'docs' && entries.some((e) => e.name === 'index.md')) return entries.every((e) => e.isFile() && e.name.endsWith('.md'));
  return entries.every((e) => e.isDirectory() && LEGACY_FOLDERS[e.name] !== undefined && onlyFilesEndingWith(path.join(dir, e.name), LEGACY_FOLDERS[e.name]));
}

function onlyFilesEndingWith(dir: string, ext: string): boolean {
  return readdirSync(dir, { withFileTypes: true }).every((e) => (e.isDirectory() ? onlyFilesEndingWith(path.join(dir, e.name), ext) : e.isFile() && e.name.endsWith(ext)));
}

/** Whether anything (a dangling symbolic link too) is at `p`. */
function present(p: string): boolean {
  try {
    lstatSync(p);
    return true;
  } catch {
    return false;
  }
}

/** Whether `inner` is strictly inside `outer` (both absolute). */
function isInside(inner: string, outer: string): boolean {
  const rel = path.relative(outer, inner);
  return rel !== '' && !rel.startsWith('..') && !path.isAbsolute(rel);
}

/** `p` if it exists, else its nearest existing ancestor. */
function firstExisting(p: string): string {
  let current = p;
  while (!present(current)) {
    const parent = path.dirname(current);
    if (parent === current) return current;
    current = parent;
  }
  return current;
}
