/**
 * resource-names: gives every resource its Kubernetes identity (group, version, kind, plural).
 *
 *   group    `Microsoft.Storage` → `storage.<groupSuffix>`, always a valid DNS subdomain
 *   version  `2021-04-01` → `v20210401`, `2021-04-01-preview` → `v20210401preview`
 *   kind     last ARM type segment singular, parent segments in front (`VirtualNetworksSubnet`)
 *
 * A kind must mean the same ARM type in every version of a group, so kinds are chosen once per
 * group over all packages (the spelling of the ARM type is taken from its latest api-version),
 * and collisions between different ARM types are resolved in a fixed order and reported.
 * It runs before `select` (selectors name kinds, and a kind must not depend on what is selected)
 * and before `spec-status` (the kind names the spec and status types).
 */
import type { ApiPackage, KubernetesResourceInfo, Model, Resource } from '../model/types.js';
import { pascalCase, singular } from '../naming/words.js';
import type { Stage, StageContext } from './stage.js';

const MAX_LABEL = 63;
const MAX_SUBDOMAIN = 253;

/** `Microsoft.Storage` → `storage.azure.com`; `Dynatrace.Observability` → `dynatrace.observability.azure.com`. */
export function kubernetesGroup(namespace: string, suffix: string): string {
  const base = namespace.replace(/^microsoft\./i, '');
  const labels = [...base.split('.'), ...suffix.split('.')]
    .map((label) => label.toLowerCase().replace(/[^a-z0-9-]/g, '').replace(/^-+|-+$/g, '').slice(0, MAX_LABEL))
    .filter(Boolean);
  return labels.join('.').slice(0, MAX_SUBDOMAIN).replace(/[.-]+$/, '');
}

/** `2021-04-01-preview` → `v20210401preview`. */
export function kubernetesVersion(apiVersion: string): string {
  return 'v' + apiVersion.toLowerCase().replace(/[^a-z0-9]/g, '');
}

/** The segments of an ARM type that name the kind: after the namespace, without a leading `locations` for location-scoped types. */
function kindSegments(resource: Pick<Resource, 'armType' | 'scope'>): string[] {
  const segments = resource.armType.split('/').slice(1);
  if (resource.scope === 'location' && segments.length > 1 && segments[0].toLowerCase() === 'locations') segments.shift();
  return segments;
}

/** Kubernetes names are at most 63 characters; `listKind` is the kind plus `List`. */
const MAX_KIND = 63 - 'List'.length;
const MAX_PLURAL = 63;

/**
 * `Microsoft.Network/virtualNetworks/subnets` → kind `VirtualNetworksSubnet`, plural
 * `virtualnetworkssubnets`. A name too long for Kubernetes keeps fewer parent segments (the
 * nearest ones), and `shortenedFrom` says what it would have been.
 */
export function kindAndPlural(resource: Pick<Resource, 'armType' | 'scope'>): { kind: string; plural: string; shortenedFrom?: string } {
  const segments = kindSegments(resource);
  const last = pascalCase(segments[segments.length - 1] ?? 'Resource');
  const parents = segments.slice(0, -1).map(pascalCase);
  const build = (kept: string[]) => {
    let kind = kept.join('') + pascalCase(singular(last));
    if (!/^[A-Z]/.test(kind)) kind = 'R' + kind;
    // Singular and plural may be the same word (`redis`), as Kubernetes allows.
    return { kind, plural: (kept.join('') + last).toLowerCase() };
  };
  const full = build(parents);
  for (let drop = 0; drop <= parents.length; drop++) {
    const names = build(parents.slice(drop));
    if (names.kind.length <= MAX_KIND && names.plural.length <= MAX_PLURAL) return drop === 0 ? names : { ...names, shortenedFrom: full.kind };
  }
  const names = build([]);
  return { kind: names.kind.slice(0, MAX_KIND), plural: names.plural.slice(0, MAX_PLURAL), shortenedFrom: full.kind };
}

/**
 * The `resource-names` stage: fills `resource.kubernetes` with the group, version, kind and plural
 * of every resource, kinds unique within each group.
 */
export const resourceNamesStage: Stage = {
  id: 'resource-names',
  description: 'Kubernetes group, version, kind and plural for every resource, unique within each group',
  runsBefore: ['select', 'spec-status'],
  run(model: Model, context: StageContext): Model {
    const kinds = chooseKinds(model, context);
    const seen = new Map<string, Resource>();
    const packages = model.packages.map((pkg): ApiPackage => {
      const group = kubernetesGroup(pkg.namespace, context.options.groupSuffix);
      const version = kubernetesVersion(pkg.apiVersion);
      const resources = pkg.resources.map((resource): Resource => {
        const names = kinds.get(`${group}\0${resource.armType.toLowerCase()}`)!;
        const key = `${group}/${version}/${names.kind}`;
        const earlier = seen.get(key);
        if (earlier) {
          context.diagnostics.warning(
            'duplicate-kind-version',
            `${resource.armType} ${resource.apiVersion} is also declared at ${earlier.source.file}; this one gets no Kubernetes kind`,
            resource.source,
          );
          return resource;
        }
        seen.set(key, resource);
        const kubernetes: KubernetesResourceInfo = { group, version, kind: names.kind, plural: names.plural };
        context.count('kinds');
        return { ...resource, kubernetes };
      });
      return { ...pkg, resources };
    });
    return { ...model, packages };
  },
};

/** One kind per (group, ARM type), over every package; collisions resolved in ARM type order. */
function chooseKinds(model: Model, context: StageContext): Map<string, { kind: string; plural: string }> {
  const spelling = new Map<string, { group: string; resource: Resource }>();
  for (const pkg of model.packages) {
    // Packages are sorted by api-version within a namespace: the latest spelling wins.
    const group = kubernetesGroup(pkg.namespace, context.options.groupSuffix);
    for (const resource of pkg.resources) spelling.set(`${group}\0${resource.armType.toLowerCase()}`, { group, resource });
  }
  const out = new Map<string, { kind: string; plural: string }>();
  const taken = new Map<string, string>();
  for (const key of [...spelling.keys()].sort()) {
    const { group, resource } = spelling.get(key)!;
    let { kind, plural, shortenedFrom } = kindAndPlural(resource);
    if (shortenedFrom) {
      context.diagnostics.info('kind-shortened', `${resource.armType}: kind ${shortenedFrom} is too long for Kubernetes (63 characters with "List"); it is ${kind}`, resource.source);
    }
    const first = kind;
    for (let i = 2; taken.has(`${group}\0${kind.toLowerCase()}`); i++) {
      kind = `${first}${i}`;
      plural = `${kind.toLowerCase()}s`;
    }
    if (kind !== first) {
      context.diagnostics.warning(
        'kind-collision',
        `${resource.armType} would be kind ${first} in ${group}, which already names ${taken.get(`${group}\0${first.toLowerCase()}`)}; it is kind ${kind}`,
        resource.source,
      );
    }
    taken.set(`${group}\0${kind.toLowerCase()}`, resource.armType);
    out.set(key, { kind, plural });
  }
  return out;
}
