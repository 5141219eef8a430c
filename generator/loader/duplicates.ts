/**
 * One resource type at one api-version defined in two package folders (the same namespace and
 * api-version under two service folders, or under both `stable/` and `preview/`): the first
 * folder in path order is the one used (both the loader's latest-version pruning and the
 * `resource-names` stage keep the first package in that order), and each other definition is
 * reported with both files. Only packages whose namespace and api-version collide are scanned.
 */
import { joinPointer, type Diagnostics } from '../diagnostics.js';
import { parseArmPath } from './arm-path.js';
import type { DiscoveredPackage } from './discover.js';
import { isObject, type DocumentStore } from './documents.js';

export function reportDuplicateTypes(packages: readonly DiscoveredPackage[], store: DocumentStore, diagnostics: Diagnostics): void {
  const byVersion = new Map<string, DiscoveredPackage[]>();
  for (const p of packages) {
    if (p.namespace === undefined || p.apiVersion === undefined) continue; // outside the standard layout: known only once loaded
    const key = `${p.namespace}@${p.apiVersion}`.toLowerCase();
    const list = byVersion.get(key);
    if (list) list.push(p);
    else byVersion.set(key, [p]);
  }
  for (const group of byVersion.values()) {
    if (group.length < 2) continue;
    const first = new Map<string, { packageId: string; file: string }>();
    const reported = new Set<string>();
    for (const pkg of [...group].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))) {
      store.currentPackage = pkg.id;
      for (const file of pkg.files) {
        for (const { armType, pointer } of putTypes(store.get(file))) {
          const key = armType.toLowerCase();
          const earlier = first.get(key);
          if (!earlier) first.set(key, { packageId: pkg.id, file });
          else if (earlier.packageId !== pkg.id && !reported.has(`${key}\0${pkg.id}`)) {
            reported.add(`${key}\0${pkg.id}`);
            diagnostics.warning(
              'duplicate-resource-type',
              `${armType} ${pkg.apiVersion} is defined in two folders: ${store.relative(earlier.file)} (used: first in path order) and ${store.relative(file)} (ignored)`,
              { file: store.relative(file), pointer },
            );
          }
        }
      }
    }
  }
}

/** The ARM types of a document's PUT operations, each with the pointer of its first PUT. */
function putTypes(doc: unknown): { armType: string; pointer: string }[] {
  if (!isObject(doc)) return [];
  const out: { armType: string; pointer: string }[] = [];
  for (const section of ['paths', 'x-ms-paths']) {
    const paths = doc[section];
    if (!isObject(paths)) continue;
    for (const [url, item] of Object.entries(paths)) {
      if (!isObject(item) || !isObject(item.put)) continue;
      const parsed = parseArmPath(url);
      if (typeof parsed !== 'string') out.push({ armType: parsed.armType, pointer: joinPointer('', section, url, 'put') });
    }
  }
  return out;
}
