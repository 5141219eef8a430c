/**
 * armkube/runtime: the small library that generated code imports. It holds the Kubernetes-side
 * shapes of references and secrets, the resolved values the caller supplies to `specToArm`, and
 * helpers for ARM resource IDs. It depends on nothing.
 */

import { parseArmId as parseArmIdForOwner } from './arm-id.js';

/** A reference to another resource: by Kubernetes name (group, kind, name), or by raw ARM ID. */
export type ResourceReference = { armId: string; group?: never; kind?: never; name?: never } | { group: string; kind: string; name: string; armId?: never };

/** The owner of a resource: a Kubernetes resource by name (its kind implied, or given), or an ARM ID. */
export type OwnerReference = { name: string; group?: string; kind?: string; armId?: never } | { armId: string; name?: never; group?: never; kind?: never };

/** A value kept in a Kubernetes Secret. */
export interface SecretReference {
  name: string;
  key: string;
}

/** What `collectReferences(spec)` lists: every reference and secret reference a spec holds, with where. */
export interface CollectedReferences {
  resources: { path: string; reference: ResourceReference }[];
  secrets: { path: string; reference: SecretReference }[];
}

/** What the caller resolved: ARM IDs for resource references, values for secret references. */
export interface ResolvedReferences {
  /** `referenceKey(reference)` → ARM ID. */
  resources: Map<string, string>;
  /** `secretKey(reference)` → the secret's value. */
  secrets: Map<string, string>;
}

/** A secret value found in an ARM body by `armToSpec`, for the caller to store in a Kubernetes Secret. */
export interface ExtractedSecret {
  reference: SecretReference;
  value: string;
}

/** A stable key for a resource reference (`armId:/subscriptions/...` or `group/kind/name`). */
export function referenceKey(reference: ResourceReference): string {
  return reference.armId !== undefined ? `armId:${reference.armId}` : `${reference.group}/${reference.kind}/${reference.name}`;
}

/** A stable key for a secret reference (`name/key`). */
export function secretKey(reference: SecretReference): string {
  return `${reference.name}/${reference.key}`;
}

/** ARM resource IDs: parse, build, a resource's ID from its owner's, case-insensitive comparisons. */
export {
  armIdEquals,
  armIdOf,
  armTypeEquals,
  buildArmId,
  parseArmId,
  parseArmType,
  type ArmIdError,
  type ArmIdOfInput,
  type ArmIdParts,
  type ArmIdResult,
  type ArmIdScope,
  type ArmIdSegment,
  type ParsedArmId,
} from './arm-id.js';

/** A Secret's `data` value (strict, padded base64 of UTF-8 text) decoded, or why it cannot be. */
export { decodeSecretData, type SecretDataResult } from './secret-data.js';

// --- Used by generated conversion code (specToArm, armToSpec) -----------------------------------

export { getOwn, hasOwn, setOwn } from './own-property.js';

/**
 * The ARM ID a resource reference stands for: its `armId` when it has one, else the ID the caller
 * resolved for it. Throws an Error naming `path` (where the reference sits in the spec) when it
 * was not resolved.
 */
export function resolveReference(resolved: ResolvedReferences, reference: ResourceReference, path: string): string {
  if (reference.armId !== undefined) return reference.armId;
  const id = resolved.resources.get(referenceKey(reference));
  if (id === undefined) throw new Error(`${path}: the reference ${referenceKey(reference)} is not resolved`);
  return id;
}

/** The value the caller resolved for a secret reference; throws an Error naming `path` when it was not. */
export function resolveSecret(resolved: ResolvedReferences, reference: SecretReference, path: string): string {
  const value = resolved.secrets.get(secretKey(reference));
  if (value === undefined) throw new Error(`${path}: the secret ${secretKey(reference)} is not resolved`);
  return value;
}

/** Where `armToSpec` puts the secret values it finds: all under one Kubernetes Secret, `name`. */
export interface SecretSink {
  name: string;
  secrets: ExtractedSecret[];
}

/**
 * The sink of one object's secrets: the Secret `<name>-<suffix>` for an ARM body named `armName`
 * (made a valid Kubernetes name), so that two objects of one kind never share a Secret; `suffix`
 * alone when the body has no name.
 */
export function secretSink(suffix: string, armName?: string | null): SecretSink {
  const base = typeof armName === 'string' ? armName.toLowerCase().replace(/[^a-z0-9.-]+/g, '-').replace(/^[^a-z0-9]+|[^a-z0-9]+$/g, '') : '';
  const name = base ? `${base.slice(0, 252 - suffix.length).replace(/[^a-z0-9]+$/, '')}-${suffix}` : suffix;
  return { name, secrets: [] };
}

/**
 * Records a secret value found at `path` (`credentials.clientSecret`, `apiKeys.0`) and returns the
 * reference that replaces it: the sink's Secret, with the path as key (characters a Secret key
 * cannot hold become `_`).
 */
export function extractSecret(sink: SecretSink, path: string, value: string): SecretReference {
  const reference: SecretReference = { name: sink.name, key: path.replace(/[^-._a-zA-Z0-9]/g, '_') || 'value' };
  sink.secrets.push({ reference, value });
  return reference;
}

/** The owner of a resource, by ARM ID, from the resource's own ARM ID: its parent (or its scope). Throws when there is no valid ID. */
export function ownerFromArmId(id: string | undefined): OwnerReference {
  if (id === undefined) throw new Error('the ARM body has no id, so its owner is unknown: pass the owner');
  const parsed = parseArmIdForOwner(id);
  if (!parsed.ok) throw new Error(`the ARM body's id is not an ARM ID (${parsed.reason}), so its owner is unknown: pass the owner`);
  return { armId: parsed.parentId };
}
