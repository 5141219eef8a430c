/**
 * Finding a kind in a generated registry: by ARM type and api-version (for `import`), or by
 * Kubernetes `apiVersion` and `kind` (for `render`). When nothing matches, the message says what
 * the output has instead, so that the user can pick a version or generate what is missing.
 */
import { compareApiVersions } from '../model/api-versions.js';
import type { RegistryEntry } from './registry-index.js';

export type FindResult<T> = { ok: true; entry: T; note?: string } | { ok: false; message: string };

type Entry = Pick<RegistryEntry, 'group' | 'version' | 'kind' | 'armType' | 'armApiVersion'>;

/** `a, b, c` or `a, b, ... and 12 more`. */
export function listSome(items: readonly string[], max = 20): string {
  return items.length > max ? `${items.slice(0, max).join(', ')} ... and ${items.length - max} more` : items.join(', ');
}

const unique = (items: string[]) => [...new Set(items)];

/**
 * The kind of an ARM type (case-insensitive) at `apiVersion`; without one, at the latest
 * api-version the output has for that type (`note` says which, when there was a choice).
 */
export function findByArmType<T extends Entry>(entries: readonly T[], armType: string, apiVersion?: string): FindResult<T> {
  const type = armType.toLowerCase();
  const candidates = entries.filter((e) => e.armType.toLowerCase() === type).sort((a, b) => compareApiVersions(a.armApiVersion, b.armApiVersion));
  if (!candidates.length) {
    const namespace = type.split('/')[0];
    const sameNamespace = unique(entries.filter((e) => e.armType.toLowerCase().split('/')[0] === namespace).map((e) => e.armType)).sort();
    return {
      ok: false,
      message: sameNamespace.length
        ? `the output has no kind for the ARM type ${armType}; its ${sameNamespace[0].split('/')[0]} types are: ${listSome(sameNamespace)}`
        : `the output has no kind of the namespace ${armType.split('/')[0]}: generate it with "armkube generate --group ${armType.split('/')[0]}"`,
    };
  }
  const versions = unique(candidates.map((e) => e.armApiVersion));
  if (apiVersion !== undefined) {
    const entry = candidates.find((e) => e.armApiVersion === apiVersion);
    if (entry) return { ok: true, entry };
    return { ok: false, message: `the output has no kind for ${armType} at api-version ${apiVersion}; it has api-versions ${versions.join(', ')} (pass one with --api-version)` };
  }
  const entry = candidates[candidates.length - 1];
  return versions.length > 1 ? { ok: true, entry, note: `api-version ${entry.armApiVersion}, the latest of ${versions.join(', ')} for ${entry.armType} (pass --api-version to choose)` } : { ok: true, entry };
}

/** The kind of a Kubernetes object: `apiVersion` (`group/version`) and `kind`. */
export function findByKubernetes<T extends Entry>(entries: readonly T[], apiVersion: unknown, kind: unknown): FindResult<T> {
  if (typeof apiVersion !== 'string' || !apiVersion.includes('/')) return { ok: false, message: `apiVersion must be "<group>/<version>", got ${JSON.stringify(apiVersion)}` };
  if (typeof kind !== 'string' || !kind) return { ok: false, message: `kind must be a string, got ${JSON.stringify(kind)}` };
  const [group, version] = apiVersion.split('/', 2);
  const inGroup = entries.filter((e) => e.group === group);
  if (!inGroup.length) {
    const groups = unique(entries.map((e) => e.group)).sort();
    return { ok: false, message: `the output has no kind of the group ${group}; its groups are: ${listSome(groups)}` };
  }
  const ofKind = inGroup.filter((e) => e.kind === kind);
  if (!ofKind.length) return { ok: false, message: `the group ${group} has no kind ${kind}; its kinds are: ${listSome(unique(inGroup.map((e) => e.kind)).sort())}` };
  const entry = ofKind.find((e) => e.version === version);
  if (!entry) return { ok: false, message: `${kind} (${group}) has no version ${version}; its versions are: ${unique(ofKind.map((e) => e.version)).join(', ')}` };
  return { ok: true, entry };
}
