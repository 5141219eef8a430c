/**
 * armkube/runtime: the small library that generated code imports. It holds the Kubernetes-side
 * shapes of references and secrets, the resolved values the caller supplies to `specToArm`, and
 * helpers for ARM resource IDs. It depends on nothing.
 */

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
