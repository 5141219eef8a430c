/**
 * The view models the docs templates render: one per Kubernetes group, one per kind in it. A kind
 * lists all its versions; its fields, status and sample are those of one documented version (the
 * storage version, else the newest), so that a page stays the size of its kinds, not of their
 * history. The sample falls back to the newest other version with a usable example.
 */
import type { ApiPackage, Model, Resource, Scope } from '../../model/types.js';
import { DEFAULT_FIELD_LIMITS, fieldTable, type FieldLimits, type FieldTable } from './fields.js';
import { headingAnchor } from './markdown.js';
import { parametersEnvelope } from './envelope.js';
import { sampleOf, type Sample, type SampleInputs } from './sample.js';

export interface VersionView {
  version: string;
  apiVersion: string;
  storage: boolean;
  documented: boolean;
}

export interface KindView {
  kind: string;
  anchor: string;
  armType: string;
  plural: string;
  description: string | null;
  scope: string;
  /** Markdown: the owner kind (linked when documented), `any`, or none. */
  owner: string;
  versions: VersionView[];
  documented: VersionView;
  spec: FieldTable;
  status: FieldTable;
  sample: Sample | null;
  /** Why there is no sample. */
  noSample: string | null;
}

export interface GroupView {
  group: string;
  /** `storage.azure.com.md`, relative to the docs folder. */
  page: string;
  namespaces: string[];
  kinds: KindView[];
  samples: number;
}

interface Entry {
  pkg: ApiPackage;
  resource: Resource;
}

export interface TableLimits {
  spec: FieldLimits;
  status: FieldLimits;
}

export function groupViews(model: Model, inputs: SampleInputs, limits: TableLimits = DEFAULT_FIELD_LIMITS): GroupView[] {
  const groups = new Map<string, Map<string, Entry[]>>();
  for (const pkg of model.packages) {
    for (const resource of pkg.resources) {
      const k = resource.kubernetes;
      if (!k?.specType) continue;
      const kinds = groups.get(k.group) ?? groups.set(k.group, new Map()).get(k.group)!;
      (kinds.get(k.kind) ?? kinds.set(k.kind, []).get(k.kind)!).push({ pkg, resource });
    }
  }
  const linkOf: LinkOf = (group, kind) => (groups.get(group)?.has(kind) ? `${pageOf(group)}#${headingAnchor(kind)}` : undefined);
  const views: GroupView[] = [];
  for (const group of [...groups.keys()].sort(byString)) {
    const entries = [...groups.get(group)!].sort(([a], [b]) => byString(a, b));
    const kinds = entries.map(([, versions]) => kindView(versions, linkOf, inputs, limits));
    const namespaces = new Set(entries.flatMap(([, versions]) => versions.map((e) => e.pkg.namespace)));
    views.push({ group, page: pageOf(group), namespaces: [...namespaces].sort(byString), kinds, samples: kinds.filter((k) => k.sample).length });
  }
  return views;
}

export function pageOf(group: string): string {
  return `${group}.md`;
}

/** The page and anchor of a documented kind, relative to the docs folder. */
type LinkOf = (group: string, kind: string) => string | undefined;

function kindView(entries: Entry[], linkOf: LinkOf, inputs: SampleInputs, limits: TableLimits): KindView {
  // Newest first; the storage version is the one documented in full.
  const sorted = [...entries].sort((a, b) => byString(b.resource.apiVersion, a.resource.apiVersion) || byString(b.pkg.id, a.pkg.id));
  const main = sorted.find((e) => e.resource.kubernetes!.storage) ?? sorted[0];
  const k = main.resource.kubernetes!;
  const versions = sorted.map((e) => ({ version: e.resource.kubernetes!.version, apiVersion: e.resource.apiVersion, storage: e.resource.kubernetes!.storage === true, documented: e === main }));
  let sample: Sample | null = null;
  let noSample: string | null = null;
  for (const e of [main, ...sorted.filter((x) => x !== main)]) {
    const result = sampleOf(e.resource, inputs, parametersEnvelope(e.pkg, e.resource)?.property);
    if ('sample' in result) {
      sample = result.sample;
      break;
    }
    noSample ??= result.none;
  }
  return {
    kind: k.kind,
    anchor: headingAnchor(k.kind),
    armType: main.resource.armType,
    plural: k.plural ?? k.kind.toLowerCase(),
    description: main.pkg.types[k.specType!]?.description ?? null,
    scope: scopeText(main.resource.scope, main.resource.scopeDetail),
    owner: ownerText(main.resource, linkOf),
    versions,
    documented: versions[sorted.indexOf(main)],
    spec: fieldTable(main.pkg, k.specType, limits.spec),
    status: fieldTable(main.pkg, k.statusType, limits.status),
    sample,
    noSample: sample ? null : noSample,
  };
}

function scopeText(scope: Scope, detail: string | undefined): string {
  switch (scope) {
    case 'resourceGroup':
      return 'resource group';
    case 'managementGroup':
      return 'management group';
    case 'location':
      return detail === 'resourceGroup' ? 'location, in a resource group' : 'location, in a subscription';
    case 'extension':
      return detail ? `extension (of \`${detail}\`)` : 'extension';
    default:
      return scope;
  }
}

function ownerText(resource: Resource, linkOf: LinkOf): string {
  const owner = resource.kubernetes!.owner;
  if (!owner) return `none (${scopeText(resource.scope, resource.scopeDetail)} scope)`;
  if ('any' in owner) return 'any resource, by `{group, kind, name}` or `{armId}`';
  const link = linkOf(owner.group, owner.kind);
  // Links within the page keep only the anchor.
  const href = link && owner.group === resource.kubernetes!.group ? link.slice(link.indexOf('#')) : link;
  return href ? `[${owner.kind}](${href}) (\`${owner.group}\`)` : `${owner.kind} (\`${owner.group}\`)`;
}

function byString(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
