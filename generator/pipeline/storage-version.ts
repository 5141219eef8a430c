/**
 * storage-version: a CRD stores its objects in exactly one version, so for each (group, kind),
 * across all packages, one resource version gets `kubernetes.storage = true` and the others
 * `false`. With the `latest-stable` policy (default) that is the latest stable api-version, else
 * the latest preview; with `latest`, the latest api-version of any stability. Api-versions are
 * compared by date, then a stable version after the previews of the same date (`2021-04-01` >
 * `2021-04-01-preview`); a version with any suffix after the date is a preview. Versions that
 * have no spec type are chosen only when no version of the kind has one.
 *
 * Runs after `resource-names` (it needs the final kinds) and after `select` (it picks among the
 * selected versions). It sits last: it looks across every package of a group, and nothing after
 * it changes which versions exist.
 */
import { compareApiVersions, isStable } from '../model/api-versions.js';
import type { Model, Resource } from '../model/types.js';
import type { PipelineOptions } from './options.js';
import type { Stage, StageContext } from './stage.js';

/**
 * The `storage-version` stage: marks one storage version per (group, kind), the latest stable
 * api-version, else the latest preview (`storageVersion` option).
 */
export const storageVersionStage: Stage = {
  id: 'storage-version',
  description: 'one storage version per (group, kind): the latest stable api-version, else the latest preview',
  requires: ['resource-names'],
  runsAfter: ['select'],
  run(model: Model, context: StageContext): Model {
    const versions = new Map<string, Resource[]>();
    for (const pkg of model.packages) {
      for (const r of pkg.resources) {
        if (!r.kubernetes) continue;
        const key = `${r.kubernetes.group}\0${r.kubernetes.kind}`;
        const list = versions.get(key);
        if (list) list.push(r);
        else versions.set(key, [r]);
      }
    }
    const stored = new Set<Resource>();
    for (const list of versions.values()) {
      const chosen = chooseStorage(list, context.options.storageVersion);
      stored.add(chosen);
      context.count('storageVersions');
      if (!isStable(chosen.apiVersion)) context.count('storageVersions.preview');
    }
    return {
      ...model,
      packages: model.packages.map((pkg) =>
        pkg.resources.some((r) => r.kubernetes)
          ? { ...pkg, resources: pkg.resources.map((r) => (r.kubernetes ? { ...r, kubernetes: { ...r.kubernetes, storage: stored.has(r) } } : r)) }
          : pkg,
      ),
    };
  },
};

/** The storage version among the versions of one kind (not empty). */
export function chooseStorage(versions: Resource[], policy: PipelineOptions['storageVersion']): Resource {
  const withSpec = versions.filter((r) => r.kubernetes?.specType !== undefined);
  let candidates = withSpec.length ? withSpec : versions;
  if (policy === 'latest-stable' && candidates.some((r) => isStable(r.apiVersion))) candidates = candidates.filter((r) => isStable(r.apiVersion));
  return candidates.reduce((best, r) => (compareApiVersions(r.apiVersion, best.apiVersion) > 0 ? r : best));
}
