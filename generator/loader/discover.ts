/**
 * Spec discovery: finds the Swagger files of a specs tree and groups them into API packages.
 *
 * In the azure-rest-api-specs layout a package is a folder
 * `.../resource-manager/[...]/<Namespace>/(stable|preview)/<api-version>/` (its sub-folders
 * included); namespace, stability and api-version come from the path. Any other `.json` file
 * outside `examples/` and shared folders (`common-types`, `common`) is a package candidate of
 * its own folder; whether it is Swagger, and its namespace and api-version, are read from the
 * document by the loader (TypeSpec output uses this layout).
 */
import { readdirSync, realpathSync, statSync, type Dirent } from 'node:fs';
import path from 'node:path';

export interface DiscoveredPackage {
  /** Folder relative to the specs root, forward slashes. */
  id: string;
  /** Absolute folder. */
  dir: string;
  /** From the path, in the standard layout. */
  namespace?: string;
  apiVersion?: string;
  stability?: 'stable' | 'preview';
  /** Absolute paths, sorted. */
  files: string[];
}

const SKIPPED_DIRS = new Set(['examples', 'node_modules', '.git', 'scenarios', 'test-scenarios']);
const SHARED_DIRS = new Set(['common-types', 'common']);
const STANDARD = /^(.*\/([^/]+)\/(stable|preview)\/(\d{4}-\d{2}-\d{2}[^/]*))\/[^]*$/;

/** A folder of the specs tree that could not be listed, and why (`EACCES: permission denied` ...). */
export interface UnreadableFolder {
  /** Absolute. */
  dir: string;
  reason: string;
}

/** How `listJsonFiles` reads a folder; replaceable in tests. */
export type ReadFolder = (dir: string) => Dirent[];

const readFolder: ReadFolder = (dir) => readdirSync(dir, { withFileTypes: true });

/**
 * Lists every `.json` file below `root` outside skipped folders, sorted. A folder that cannot be
 * listed is returned in `unreadable`, never skipped silently. A symbolic link to a folder outside
 * the tree is followed (once); one into the tree or to an ancestor is not (the folder is read
 * directly, or it would loop); a broken link is unreadable.
 */
export function listJsonFiles(root: string, read: ReadFolder = readFolder): { files: string[]; shared: string[]; unreadable: UnreadableFolder[] } {
  const files: string[] = [];
  const shared: string[] = [];
  const unreadable: UnreadableFolder[] = [];
  /** Real paths of the folders outside the tree that links led to. */
  const visited = new Set<string>();
  const walk = (dir: string, inShared: boolean) => {
    let entries: Dirent[];
    try {
      entries = read(dir);
    } catch (e) {
      unreadable.push({ dir, reason: reasonOf(e) });
      return;
    }
    for (const entry of entries) {
      const full = path.join(dir, entry.name);
      let isDirectory = entry.isDirectory();
      if (entry.isSymbolicLink()) {
        if (SKIPPED_DIRS.has(entry.name)) continue;
        try {
          isDirectory = statSync(full).isDirectory();
        } catch (e) {
          // A broken link named *.json is listed: the loader reports the file it cannot read.
          if (!entry.name.endsWith('.json')) {
            unreadable.push({ dir: full, reason: reasonOf(e) });
            continue;
          }
        }
      }
      if (isDirectory) {
        if (SKIPPED_DIRS.has(entry.name)) continue;
        if (entry.isSymbolicLink()) {
          // A link into the tree (read directly anyway) or to an ancestor (a loop) is not followed;
          // one out of the tree is, once.
          const real = realpathOrSelf(full);
          if (real === rootReal || within(real, rootReal) || within(rootReal, real) || visited.has(real)) continue;
          visited.add(real);
        }
        walk(full, inShared || SHARED_DIRS.has(entry.name));
      } else if (entry.name.endsWith('.json')) {
        (inShared ? shared : files).push(full);
      }
    }
  };
  const rootReal = realpathOrSelf(root);
  walk(root, false);
  files.sort();
  shared.sort();
  unreadable.sort((a, b) => (a.dir < b.dir ? -1 : a.dir > b.dir ? 1 : 0));
  return { files, shared, unreadable };
}

function within(inner: string, outer: string): boolean {
  const rel = path.relative(outer, inner);
  return rel !== '' && !rel.startsWith('..') && !path.isAbsolute(rel);
}

function realpathOrSelf(p: string): string {
  try {
    return realpathSync(p);
  } catch {
    return p;
  }
}

function reasonOf(e: unknown): string {
  const err = e as NodeJS.ErrnoException;
  return err.code ? `${err.code}: ${err.message.replace(/^[A-Z]+: /, '').replace(/, \w+ '.*'$/, '')}` : String(e);
}

/** Groups spec files into packages. `root` must be absolute. */
export function discoverPackages(root: string, read?: ReadFolder): { packages: DiscoveredPackage[]; shared: string[]; unreadable: UnreadableFolder[] } {
  const { files, shared, unreadable } = listJsonFiles(root, read);
  const byDir = new Map<string, DiscoveredPackage>();
  for (const file of files) {
    const rel = path.relative(root, file).split(path.sep).join('/');
    const match = STANDARD.exec('/' + rel);
    let id: string;
    let pkg: Partial<DiscoveredPackage> = {};
    if (match && /\/resource-manager\//.test('/' + rel)) {
      id = match[1].slice(1);
      pkg = { namespace: match[2], stability: match[3] as 'stable' | 'preview', apiVersion: match[4] };
    } else {
      id = path.posix.dirname(rel);
    }
    let entry = byDir.get(id);
    if (!entry) {
      entry = { id, dir: path.join(root, id), files: [], ...pkg };
      byDir.set(id, entry);
    }
    entry.files.push(file);
  }
  const packages = [...byDir.values()].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return { packages, shared, unreadable };
}
