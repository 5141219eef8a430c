/**
 * select: keeps the resources the config asks for, at the api-versions its version policy picks,
 * and drops the rest (and packages left without resources), so every later stage works only on
 * what will be generated.
 *
 * A resource is a candidate when any selector matches it (all when `resources` is absent); per
 * (group, kind), the candidates' api-versions go through the selector's policy (else the
 * top-level one): `latest-stable` keeps the latest stable version, else the latest preview;
 * `latest` the latest of any stability; `all` every one; a list those listed. A selector that
 * matches nothing is reported.
 *
 * It runs right after `resource-names` (selectors name kinds, and a kind must be the same whatever
 * is selected, so names are chosen over the whole model first) and before `storage-version`, which
 * picks the stored version among the selected ones.
 */
import type { ApiPackage, Model, Resource } from '../model/types.js';
import type { ResourceSelector, VersionPolicy } from './options.js';
import { globMatch } from './overrides.js';
import { kubernetesGroup } from './resource-names.js';
import type { Stage, StageContext } from './stage.js';
import { compareApiVersions, isStable } from '../model/api-versions.js';

/**
 * The `select` stage: keeps the resources the `resources` option selects, at the api-versions its
 * version policy picks (`versions`), and drops the rest and packages left empty; reports selectors
 * that match nothing.
 */
export const selectStage: Stage = {
  id: 'select',
  description: 'keeps the selected resources at the api-versions of the version policy',
  requires: ['resource-names'],
  runsBefore: ['storage-version'],
  run(model: Model, context: StageContext): Model {
    const { resources: selectors, versions: policy } = context.options;
    if (selectors === undefined && policy === 'all') return model;
    const hits = selectors?.map(() => 0);
    // (group, kind) → the candidate resources, each with the policies of the selectors that matched it.
    const candidates = new Map<string, { resource: Resource; policies: VersionPolicy[] }[]>();
    for (const pkg of model.packages) {
      for (const resource of pkg.resources) {
        if (!resource.kubernetes) continue;
        const policies: VersionPolicy[] = [];
        if (selectors === undefined) policies.push(policy);
        else {
          selectors.forEach((s, i) => {
            if (!matches(s, pkg, resource)) return;
            hits![i]++;
            policies.push(s.versions ?? policy);
          });
        }
        if (policies.length === 0) continue;
        const key = `${resource.kubernetes.group}\0${resource.kubernetes.kind}`;
        const list = candidates.get(key);
        if (list) list.push({ resource, policies });
        else candidates.set(key, [{ resource, policies }]);
      }
    }
    const kept = new Set<Resource>();
    for (const list of candidates.values()) {
      for (const p of new Set(list.flatMap((c) => c.policies))) {
        for (const r of applyPolicy(p, list.filter((c) => c.policies.includes(p)).map((c) => c.resource))) kept.add(r);
      }
      context.count('select.kinds');
    }
    context.count('select.versions', kept.size);
    selectors?.forEach((s, i) => {
      if (hits![i] === 0) context.diagnostics.warning('selector-unmatched', `resources entry ${describe(s)} matches no resource in the specs`, s.source);
    });
    // Resources not kept stay in their package without a kind: other stages still recognise
    // them (a subnet's `routeTable` is a reference to a route table whether or not route tables
    // are generated). Packages left without a kind go; `armTypes` remembers what they declared.
    const packages: ApiPackage[] = [];
    for (const pkg of model.packages) {
      if (!pkg.resources.some((r) => kept.has(r))) continue;
      packages.push(pkg.resources.every((r) => kept.has(r)) ? pkg : { ...pkg, resources: pkg.resources.map((r) => (kept.has(r) || !r.kubernetes ? r : withoutKind(r))) });
    }
    const armTypes = model.armTypes ?? [...new Set(model.packages.flatMap((p) => p.resources.map((r) => r.armType)))].sort();
    return { ...model, packages, armTypes };
  },
};

function withoutKind(r: Resource): Resource {
  const { kubernetes: _kind, ...rest } = r;
  return rest;
}

function matches(s: ResourceSelector, pkg: ApiPackage, r: Resource): boolean {
  const k = r.kubernetes!;
  return (
    (s.group === undefined || globMatch(s.group, pkg.namespace) || globMatch(s.group, k.group)) &&
    globMatch(s.kind, k.kind) &&
    globMatch(s.armType, r.armType) &&
    globMatch(s.version, r.apiVersion)
  );
}

/** The versions of one kind that a policy keeps. */
export function applyPolicy(policy: VersionPolicy, versions: readonly Resource[]): Resource[] {
  if (policy === 'all') return [...versions];
  if (typeof policy !== 'string') return versions.filter((r) => policy.includes(r.apiVersion));
  // A version without a PUT body cannot be generated: prefer those that have one.
  let pool = versions.some((r) => r.putType) ? versions.filter((r) => r.putType) : versions;
  if (policy === 'latest-stable' && pool.some((r) => isStable(r.apiVersion))) pool = pool.filter((r) => isStable(r.apiVersion));
  return [pool.reduce((best, r) => (compareApiVersions(r.apiVersion, best.apiVersion) > 0 ? r : best))];
}

/**
 * Whether a selector could match resources of a package: lets the loader skip the packages no
 * selector can reach (the kind is not known before loading, so only `group`, the namespace part
 * of `armType` and `version` narrow it).
 */
export function packageSelected(selectors: readonly ResourceSelector[] | undefined, namespace: string, apiVersion: string, groupSuffix: string): boolean {
  if (selectors === undefined) return true;
  return selectors.some((s) => {
    if (s.version !== undefined && !globMatch(s.version, apiVersion)) return false;
    if (s.group !== undefined && !globMatch(s.group, namespace) && !globMatch(s.group, kubernetesGroup(namespace, groupSuffix))) return false;
    if (s.armType !== undefined) {
      const slash = s.armType.indexOf('/');
      const ns = slash < 0 ? s.armType : s.armType.slice(0, slash);
      if (!globMatch(ns, namespace)) return false;
    }
    return true;
  });
}

function describe(s: ResourceSelector): string {
  const fields = (['group', 'kind', 'armType', 'version'] as const).filter((k) => s[k] !== undefined).map((k) => `${k}: ${s[k]}`);
  return `{${fields.join(', ')}}`;
}
