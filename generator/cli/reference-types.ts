/**
 * What `render` checks of the resource types a spec points at, before it builds an ARM body: the
 * API server cannot (an ARM ID is a string to it), and ARM would refuse the body, or worse, link
 * the wrong resource.
 *
 * - A reference (`{armId}` or `{group, kind, name}`) whose CRD schema names its allowed ARM types
 *   (the CRD emitter's "Allowed ARM types: A, B." in the description, from the Swagger's
 *   `x-ms-arm-id-details` or the embedded resource's type) must point at one of them: the type of
 *   the `armId`, or the ARM type of the referenced kind in the output's registry.
 * - `spec.owner.armId` must name a resource of the owner's kind (the `kind` enum of the CRD's
 *   owner schema, its ARM type from the registry; `ResourceGroup` is
 *   `Microsoft.Resources/resourceGroups`), and together with the resource's ARM type and name make
 *   a valid ARM ID (a child type's owner is its parent type).
 *
 * ARM types compare case-insensitively; a `*` segment in an allowed type matches any segment.
 */
import type { RegistryEntry } from '../output-reader/registry-index.js';
import type { FieldError } from '../output-reader/validate-object.js';
import { armIdOf, parseArmId, type CollectedReferences } from '../runtime/index.js';
import { isObject, pointerOfPath, type Json } from './documents.js';

type Entry = Pick<RegistryEntry, 'group' | 'kind' | 'armType'>;

/** The kinds whose ARM type the registry of an output need not have. */
const WELL_KNOWN: Record<string, string> = { ResourceGroup: 'Microsoft.Resources/resourceGroups' };

/** The schema node at a JSON pointer of the object (`/spec/subnets/0/natGateway`); undefined where the schema says nothing. */
export function schemaAt(schema: unknown, pointer: string): Json | undefined {
  let node: unknown = schema;
  for (const raw of pointer.split('/').slice(1)) {
    const segment = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    if (!isObject(node)) return undefined;
    const properties = isObject(node.properties) ? node.properties : undefined;
    if (properties && Object.hasOwn(properties, segment)) node = properties[segment];
    else if (isObject(node.items) && /^\d+$/.test(segment)) node = node.items;
    else if (isObject(node.additionalProperties)) node = node.additionalProperties;
    else return undefined;
  }
  return isObject(node) ? node : undefined;
}

const ALLOWED = /Allowed ARM types: (.+?)\.\s*$/;

/** The ARM types a reference's schema allows, from its description; undefined when it does not say. */
export function allowedArmTypes(node: Json | undefined): string[] | undefined {
  const description = typeof node?.description === 'string' ? node.description : undefined;
  const found = description === undefined ? null : ALLOWED.exec(description);
  if (!found) return undefined;
  const types = found[1].split(',').map((t) => t.trim()).filter((t) => t.includes('/'));
  return types.length ? types : undefined;
}

/** Whether `armType` is one of `allowed` (case-insensitive, `*` matching a whole segment). */
export function armTypeAllowed(armType: string, allowed: readonly string[]): boolean {
  const segments = armType.toLowerCase().split('/');
  return allowed.some((a) => {
    const pattern = a.toLowerCase().split('/');
    return pattern.length === segments.length && pattern.every((p, i) => p === '*' || p === segments[i]);
  });
}

/** The ARM types of a kind in the registry (all versions), or its well-known type. */
export function armTypesOfKind(entries: readonly Entry[], group: string | undefined, kind: string): string[] {
  const found = entries.filter((e) => e.kind === kind && (group === undefined || e.group === group)).map((e) => e.armType);
  const types = found.length ? found : WELL_KNOWN[kind] ? [WELL_KNOWN[kind]] : [];
  const seen = new Map<string, string>();
  for (const t of types) if (!seen.has(t.toLowerCase())) seen.set(t.toLowerCase(), t);
  return [...seen.values()];
}

const either = (types: readonly string[]) => types.join(' or ');

/** The references of a spec that point at a resource type their schema does not allow. */
export function referenceTypeProblems(collected: CollectedReferences, schema: unknown, entries: readonly Entry[]): FieldError[] {
  const problems: FieldError[] = [];
  for (const { path, reference } of collected.resources) {
    const allowed = allowedArmTypes(schemaAt(schema, pointerOfPath(path)));
    if (reference.armId !== undefined) {
      const parsed = parseArmId(reference.armId);
      if (!parsed.ok) problems.push({ path: `${path}.armId`, message: `is not an ARM ID: ${parsed.reason}` });
      else if (allowed && !armTypeAllowed(parsed.armType, allowed)) problems.push({ path: `${path}.armId`, message: `names a ${parsed.armType} (${reference.armId}), but ${path} takes a ${either(allowed)}` });
      continue;
    }
    if (!allowed) continue;
    const types = armTypesOfKind(entries, reference.group, reference.kind);
    if (types.length && !types.some((t) => armTypeAllowed(t, allowed))) {
      problems.push({ path: `${path}.kind`, message: `a ${reference.kind} is a ${either(types)}, but ${path} takes a ${either(allowed)}` });
    }
  }
  return problems;
}

/**
 * What is wrong with `spec.owner.armId` for a resource of `armType` named `name`: not an ARM ID,
 * not of the owner kind's ARM type, or not a possible owner of the type (`armIdOf`).
 */
export function ownerProblems(spec: Json, schema: unknown, resource: { kind: string; armType: string }, name: string | undefined, entries: readonly Entry[]): FieldError[] {
  const { armType } = resource;
  const owner = spec.owner;
  if (!isObject(owner) || typeof owner.armId !== 'string') return [];
  const path = 'spec.owner.armId';
  const parsed = parseArmId(owner.armId);
  if (!parsed.ok) return [{ path, message: `is not an ARM ID: ${parsed.reason}` }];
  const ownerSchema = schemaAt(schema, '/spec/owner');
  const kinds = enumOf(schemaAt(ownerSchema, '/kind'));
  const groups = enumOf(schemaAt(ownerSchema, '/group'));
  if (kinds) {
    const expected = kinds.flatMap((kind) => (groups ?? [undefined]).flatMap((group) => armTypesOfKind(entries, group, kind)));
    if (expected.length && !armTypeAllowed(parsed.armType, expected)) {
      return [{ path, message: `names a ${parsed.armType} (${owner.armId}), but the owner of a ${resource.kind} (${armType}) is a ${kinds.join(' or ')} (${either([...new Set(expected)])})` }];
    }
  }
  if (name === undefined) return [];
  const id = armIdOf({ ownerArmId: owner.armId, armType, name });
  return id.ok ? [] : [{ path, message: id.reason }];
}

function enumOf(node: Json | undefined): string[] | undefined {
  return Array.isArray(node?.enum) && node.enum.every((v) => typeof v === 'string') ? (node.enum as string[]) : undefined;
}
