/**
 * Size limits of a CRD. Both limits are about the JSON form of the object, not the YAML file:
 * kubectl sends JSON, the API server stores the CRD as one etcd object (JSON or protobuf, never
 * larger than the compact JSON), which must stay under etcd's request limit (1.5 MiB by default),
 * and client-side `kubectl apply` copies the whole object, as JSON, into the
 * `last-applied-configuration` annotation, whose limit is 256 KiB. The YAML file is about twice the
 * JSON (indentation); its size is what the emitter counts and lists, the JSON size is what it
 * checks.
 *
 * Over the etcd limit, descriptions are dropped deepest first (all descriptions at the deepest
 * schema level, then the next level up ...) until the CRD fits: the levels to drop are estimated
 * from the JSON bytes each level's descriptions take, and the result is measured again. The
 * versions other than the storage version lose theirs first (a kind with every api-version of
 * the corpus has up to 37, so they make most of the bytes); only if the CRD is still too large
 * without any of those does the storage version, the one `kubectl explain` shows, lose its own,
 * deepest first again. The YAML is rendered once, at the end.
 */
import type { CustomResourceDefinition } from './crd.js';
import { setOwn, type CrdSchema } from './openapi.js';
import { renderYaml } from './yaml.js';

/** etcd's default `--max-request-bytes`: 1.5 MiB. */
export const ETCD_OBJECT_LIMIT_BYTES = 1_572_864;
/** The limit of all annotations of an object, which client-side `kubectl apply` fills with the object. */
export const KUBECTL_APPLY_LIMIT_BYTES = 262_144;

export interface RenderedCrd {
  crd: CustomResourceDefinition;
  yaml: string;
  yamlBytes: number;
  /** Bytes of the compact JSON form: what kubectl sends, what etcd and the kubectl annotation hold. */
  jsonBytes: number;
}

export interface DescriptionsDropped {
  /**
   * Which versions lost descriptions: `other-versions`, only versions other than the storage
   * version (those at `fromDepth` and deeper); `all-versions`, every description of the other
   * versions and the storage version's at `fromDepth` and deeper.
   */
  versions: 'other-versions' | 'all-versions';
  /** Descriptions of schema nodes at this depth (the version's root schema is 0) or deeper were dropped. */
  fromDepth: number;
  count: number;
  /** JSON sizes before and after. */
  before: number;
  after: number;
}

/** A CRD made to fit: rendered when it fits, only measured when it does not. */
export type FittedCrd =
  | (RenderedCrd & { fits: true; dropped?: DescriptionsDropped })
  | { crd: CustomResourceDefinition; jsonBytes: number; fits: false; dropped: DescriptionsDropped };

export function jsonBytesOf(crd: CustomResourceDefinition): number {
  return Buffer.byteLength(JSON.stringify(crd));
}

export function renderCrd(crd: CustomResourceDefinition, jsonBytes = jsonBytesOf(crd)): RenderedCrd {
  const yaml = renderYaml(crd);
  return { crd, yaml, yamlBytes: Buffer.byteLength(yaml), jsonBytes };
}

/** The CRD rendered, with descriptions dropped (other versions first, deepest first) when its JSON is over `limit`. */
export function fitCrd(crd: CustomResourceDefinition, limit = ETCD_OBJECT_LIMIT_BYTES): FittedCrd {
  const before = jsonBytesOf(crd);
  if (before <= limit) return { ...renderCrd(crd, before), fits: true };

  const isStorage = crd.spec.versions.map((v) => v.storage);
  let fitted: Stripped | undefined;
  if (crd.spec.versions.length > 1 && isStorage.some(Boolean)) {
    fitted = dropDeepestFirst(crd, (i) => !isStorage[i], before, limit);
    if (fitted.bytes <= limit) return done(fitted, 'other-versions', before, limit);
  }
  // Nothing left to drop in the other versions: the storage version's descriptions too.
  const base = fitted?.crd ?? crd;
  const more = dropDeepestFirst(base, () => true, fitted?.bytes ?? before, limit);
  return done({ ...more, count: (fitted?.count ?? 0) + more.count }, 'all-versions', before, limit);
}

interface Stripped {
  crd: CustomResourceDefinition;
  bytes: number;
  fromDepth: number;
  count: number;
}

function done(stripped: Stripped, versions: DescriptionsDropped['versions'], before: number, limit: number): FittedCrd {
  const dropped: DescriptionsDropped = { versions, fromDepth: stripped.fromDepth, count: stripped.count, before, after: stripped.bytes };
  return stripped.bytes <= limit ? { ...renderCrd(stripped.crd, stripped.bytes), fits: true, dropped } : { crd: stripped.crd, jsonBytes: stripped.bytes, fits: false, dropped };
}

/**
 * The descriptions of the versions `which` selects dropped from the deepest level up, until the
 * CRD fits in `limit` or they are all gone (depth 0).
 */
function dropDeepestFirst(crd: CustomResourceDefinition, which: (index: number) => boolean, bytes: number, limit: number): Stripped {
  const savings: number[] = [];
  crd.spec.versions.forEach((v, i) => {
    if (which(i)) measureDescriptions(v.schema.openAPIV3Schema, 0, savings);
  });
  // The shallowest depth whose dropping (with every deeper level) is estimated to be enough.
  let from = savings.length - 1;
  for (let saved = 0; from > 0; from--) {
    saved += savings[from] ?? 0;
    if (bytes - saved <= limit) break;
  }
  for (;;) {
    const counter = { count: 0 };
    const stripped = withoutDescriptions(crd, Math.max(from, 0), which, counter);
    const after = jsonBytesOf(stripped);
    if (after <= limit || from <= 0) return { crd: stripped, bytes: after, fromDepth: Math.max(from, 0), count: counter.count };
    from--;
  }
}

/** JSON bytes of the descriptions at each schema depth (`"description":"...",`). */
function measureDescriptions(s: CrdSchema, depth: number, savings: number[]): void {
  if (s.description !== undefined) savings[depth] = (savings[depth] ?? 0) + Buffer.byteLength(JSON.stringify(s.description)) + 15;
  if (s.properties) for (const child of Object.values(s.properties)) measureDescriptions(child, depth + 1, savings);
  if (s.items) measureDescriptions(s.items, depth + 1, savings);
  if (s.additionalProperties) measureDescriptions(s.additionalProperties, depth + 1, savings);
  if (s.oneOf) for (const child of s.oneOf) measureDescriptions(child, depth + 1, savings);
}

function withoutDescriptions(crd: CustomResourceDefinition, from: number, which: (index: number) => boolean, counter: { count: number }): CustomResourceDefinition {
  return {
    ...crd,
    spec: {
      ...crd.spec,
      versions: crd.spec.versions.map((v, i) => (which(i) ? { ...v, schema: { openAPIV3Schema: strip(v.schema.openAPIV3Schema, 0, from, counter) } } : v)),
    },
  };
}

/** A copy of `s` without the descriptions at depth ≥ `from` (unchanged subtrees shared). */
function strip(s: CrdSchema, depth: number, from: number, counter: { count: number }): CrdSchema {
  let out = s;
  const copy = () => (out === s ? (out = { ...s }) : out);
  if (depth >= from && s.description !== undefined) {
    delete copy().description;
    counter.count++;
  }
  if (s.properties) {
    let properties: Record<string, CrdSchema> | undefined;
    const entries = Object.entries(s.properties);
    for (const [name, child] of entries) {
      const next = strip(child, depth + 1, from, counter);
      if (next !== child && !properties) {
        properties = {};
        for (const [n, c] of entries) setOwn(properties, n, c);
      }
      if (properties) setOwn(properties, name, next);
    }
    if (properties) copy().properties = properties;
  }
  if (s.items) {
    const items = strip(s.items, depth + 1, from, counter);
    if (items !== s.items) copy().items = items;
  }
  if (s.additionalProperties) {
    const extra = strip(s.additionalProperties, depth + 1, from, counter);
    if (extra !== s.additionalProperties) copy().additionalProperties = extra;
  }
  if (s.oneOf) {
    const oneOf = s.oneOf.map((c) => strip(c, depth + 1, from, counter));
    if (oneOf.some((c, i) => c !== s.oneOf![i])) copy().oneOf = oneOf;
  }
  return out;
}
