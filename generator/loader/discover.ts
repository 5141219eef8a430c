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
import { readdirSync } from 'node:fs';
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

/** Lists every `.json` file below `root` outside skipped folders, sorted. */
export function listJsonFiles(root: string): { files: string[]; shared: string[] } {
  const files: string[] = [];
  const shared: string[] = [];
  const walk = (dir: string, inShared: boolean) => {
    let entries;
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch {
      return;
    }
    for (const entry of entries) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) {
        if (!SKIPPED_DIRS.has(entry.name)) walk(full, inShared || SHARED_DIRS.has(entry.name));
      } else if (entry.name.endsWith('.json')) {
        (inShared ? shared : files).push(full);
      }
    }
  };
  walk(root, false);
  files.sort();
  shared.sort();
  return { files, shared };
}

/** Groups spec files into packages. `root` must be absolute. */
export function discoverPackages(root: string): { packages: DiscoveredPackage[]; shared: string[] } {
  const { files, shared } = listJsonFiles(root);
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
  return { packages, shared };
}
