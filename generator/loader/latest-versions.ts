/**
 * Load-time pruning for a "latest" version policy: when only the latest (stable) api-version of
 * each resource type will be generated, a package whose every resource type already came with a
 * body from a newer package need not be converted at all. Packages are visited newest first
 * (stable before preview for `latest-stable`); each package's PUT paths are read from the parsed
 * documents (no schema work) and its types claimed. The `select` stage still decides exactly:
 * pruning only skips packages it would never pick, because a type is claimed only by a version
 * whose PUT certainly has a body (select prefers those) and that is newer in the policy's order.
 */
import { compareApiVersions, isStable } from '../model/api-versions.js';
import { parseArmPath } from './arm-path.js';
import type { DiscoveredPackage } from './discover.js';
import { isObject, type JsonObject } from './documents.js';

export type LatestPolicy = 'latest' | 'latest-stable';

/** The packages in the order the policy claims types: newest first; for `latest-stable`, stable ones before previews. */
export function policyOrder(packages: readonly DiscoveredPackage[], policy: LatestPolicy): DiscoveredPackage[] {
  const rank = (p: DiscoveredPackage) => (policy === 'latest-stable' && p.apiVersion !== undefined && !isStable(p.apiVersion) ? 1 : 0);
  return [...packages].sort((a, b) => rank(a) - rank(b) || compareApiVersions(b.apiVersion ?? '', a.apiVersion ?? '') || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/**
 * The resource types a package's documents declare, and those with a PUT that has a body. Keys
 * are the package's namespace and the ARM type, lower-cased: the Kubernetes group comes from the
 * package's namespace, so one ARM type under two namespace folders is two kinds.
 */
export function typesWithBody(namespace: string, docs: readonly JsonObject[]): { all: Set<string>; withBody: Set<string> } {
  const all = new Set<string>();
  const withBody = new Set<string>();
  for (const doc of docs) {
    for (const section of ['paths', 'x-ms-paths']) {
      const paths = doc[section];
      if (!isObject(paths)) continue;
      for (const [url, item] of Object.entries(paths)) {
        if (!isObject(item) || !isObject(item.put)) continue;
        const parsed = parseArmPath(url);
        if (typeof parsed === 'string') continue;
        const type = `${namespace}\0${parsed.armType}`.toLowerCase();
        all.add(type);
        if (hasBody(doc, item) || hasBody(doc, item.put)) withBody.add(type);
      }
    }
  }
  return { all, withBody };
}

/** A body parameter written inline or as a reference into the same document's `parameters`. */
function hasBody(doc: JsonObject, op: JsonObject): boolean {
  if (!Array.isArray(op.parameters)) return false;
  return op.parameters.some((p) => {
    if (!isObject(p)) return false;
    if (typeof p.$ref === 'string' && p.$ref.startsWith('#/parameters/') && isObject(doc.parameters)) {
      const target = doc.parameters[decodeURIComponent(p.$ref.slice('#/parameters/'.length))];
      return isObject(target) && target.in === 'body';
    }
    return p.in === 'body';
  });
}

/** Tracks claimed types over the packages visited in `policyOrder`. */
export class LatestVersionClaims {
  private readonly claimed = new Set<string>();
  skipped = 0;

  /** Whether the package is needed: it declares a type no newer package claimed. Claims its types with a body. */
  needs(types: { all: Set<string>; withBody: Set<string> }): boolean {
    let needed = false;
    for (const t of types.all) if (!this.claimed.has(t)) needed = true;
    for (const t of types.withBody) this.claimed.add(t);
    if (!needed) this.skipped++;
    return needed;
  }
}
