/**
 * ARM resource IDs: parsing, building, and a resource's ID from its owner's. No function here
 * throws on bad input: each returns `{ ok: false, reason }` saying what is wrong, because the
 * input usually comes from users (an `armId` in a spec) or from ARM itself.
 *
 * The shapes understood (keywords `subscriptions`, `resourceGroups`, `providers` in any case, as
 * ARM accepts them):
 *
 *   /subscriptions/{sub}                                               subscription
 *   /subscriptions/{sub}/resourceGroups/{rg}                           resource group
 *   /providers/Microsoft.Management/managementGroups/{mg}              management group
 *   [scope]/providers/{Namespace}/{type}/{name}[/{type}/{name}]...     a resource in a scope,
 *       with scope one of: nothing (tenant), a subscription, a resource group, a management
 *       group, or another resource's ID (an extension resource)
 *
 * ARM compares IDs, types and names case-insensitively; `armIdEquals` and `armTypeEquals` do too.
 * Parsing keeps the casing it was given, except for the implicit `Microsoft.Resources` types.
 */

/** Where a resource sits: what precedes its last `/providers/{Namespace}` segment. */
export type ArmIdScope = 'tenant' | 'managementGroup' | 'subscription' | 'resourceGroup' | 'extension';

/** One `{type}/{name}` pair of an ARM ID. */
export interface ArmIdSegment {
  type: string;
  name: string;
}

/** A parsed ARM ID. */
export interface ParsedArmId {
  ok: true;
  /** The ID as given (or as built). */
  id: string;
  /**
   * `tenant` (nothing before `/providers`), `managementGroup`, `subscription`, `resourceGroup`,
   * or `extension` (the resource extends another resource: `scopeId` is that resource's ID).
   * A subscription's own scope is `tenant`; a resource group's is `subscription`.
   */
  scope: ArmIdScope;
  /** The ID of the scope: `/`, a management group, subscription or resource group ID, or the extended resource's ID. */
  scopeId: string;
  subscriptionId?: string;
  resourceGroup?: string;
  managementGroup?: string;
  /** The provider namespace of the resource (of its last `/providers/` segment): `Microsoft.Network`. `Microsoft.Resources` for subscriptions and resource groups. */
  namespace: string;
  /** The `{type}/{name}` pairs after the namespace, outermost first; at least one. */
  types: ArmIdSegment[];
  /** `Microsoft.Network/virtualNetworks/subnets`. */
  armType: string;
  /** The resource's own name (the last pair's name). */
  name: string;
  /** The ID of the ARM parent: the parent resource for a child, else `scopeId`. */
  parentId: string;
}

/** Why a string is not an ARM ID, or why an ID could not be built. */
export interface ArmIdError {
  ok: false;
  reason: string;
  /** The input that was rejected (the ID, or the ID being built, when there is one). */
  input?: string;
}

export type ArmIdResult = ParsedArmId | ArmIdError;

/** The parts `buildArmId` assembles. */
export interface ArmIdParts {
  /**
   * The ID of what the resource sits in: `/` (tenant), a subscription, resource group or
   * management group ID, or, for an extension resource, the ID of the resource it extends. When
   * given, `subscriptionId`, `resourceGroup` and `managementGroup` are not used.
   */
  scopeId?: string;
  subscriptionId?: string;
  resourceGroup?: string;
  managementGroup?: string;
  /** The provider namespace; without it (and without types) the ID built is the scope's own. */
  namespace?: string;
  types?: readonly ArmIdSegment[];
}

const RESOURCES = 'Microsoft.Resources';
const SUBSCRIPTIONS = 'subscriptions';
const RESOURCE_GROUPS = 'resourceGroups';
const MANAGEMENT = 'microsoft.management';
const MANAGEMENT_GROUPS = 'managementgroups';

const is = (segment: string, keyword: string) => segment.toLowerCase() === keyword.toLowerCase();
const fail = (reason: string, input?: string): ArmIdError => (input === undefined ? { ok: false, reason } : { ok: false, reason, input });

/** Parses an ARM resource ID. Never throws: a bad input gives `{ ok: false, reason }`. */
export function parseArmId(id: string): ArmIdResult {
  if (typeof id !== 'string') return fail(`an ARM ID must be a string, got ${id === null ? 'null' : typeof id}`);
  if (id.length === 0) return fail('the ARM ID is empty', id);
  if (id !== id.trim()) return fail('the ARM ID has leading or trailing white space', id);
  if (!id.startsWith('/')) return fail('an ARM ID starts with "/" (/subscriptions/... or /providers/...)', id);
  if (id === '/') return fail('"/" is the tenant root, not a resource', id);
  if (/[?#]/.test(id)) return fail('an ARM ID has no query string or fragment ("?" or "#")', id);
  const segments = id.slice(1).split('/');
  const empty = segments.indexOf('');
  if (empty >= 0) return fail(empty === segments.length - 1 ? 'the ARM ID ends with "/"' : 'the ARM ID has an empty segment ("//")', id);

  let i = 0;
  let subscriptionId: string | undefined;
  let resourceGroup: string | undefined;
  if (is(segments[0], SUBSCRIPTIONS)) {
    if (segments.length < 2) return fail('"subscriptions" is not followed by a subscription ID', id);
    subscriptionId = segments[1];
    i = 2;
    if (i < segments.length && is(segments[i], RESOURCE_GROUPS)) {
      if (i + 1 >= segments.length) return fail('"resourceGroups" is not followed by a resource group name', id);
      resourceGroup = segments[i + 1];
      i += 2;
    }
    if (i === segments.length) {
      const base = { ok: true as const, id, subscriptionId, namespace: RESOURCES };
      if (resourceGroup === undefined) {
        return { ...base, scope: 'tenant', scopeId: '/', types: [{ type: SUBSCRIPTIONS, name: subscriptionId }], armType: `${RESOURCES}/${SUBSCRIPTIONS}`, name: subscriptionId, parentId: '/' };
      }
      const scopeId = `/${segments[0]}/${subscriptionId}`;
      return { ...base, resourceGroup, scope: 'subscription', scopeId, types: [{ type: RESOURCE_GROUPS, name: resourceGroup }], armType: `${RESOURCES}/${RESOURCE_GROUPS}`, name: resourceGroup, parentId: scopeId };
    }
    if (!is(segments[i], 'providers')) {
      const after = resourceGroup === undefined ? '/subscriptions/{id}' : '/resourceGroups/{name}';
      return fail(`expected "providers"${resourceGroup === undefined ? ' or "resourceGroups"' : ''} after ${after}, found "${segments[i]}"`, id);
    }
  } else if (!is(segments[0], 'providers')) {
    return fail(`an ARM ID starts with /subscriptions/ or /providers/, not /${segments[0]}/`, id);
  }

  // One block per `/providers/{Namespace}/{type}/{name}...`; a later block extends what precedes it.
  const blocks: { start: number; namespace: string; pairs: ArmIdSegment[] }[] = [];
  while (i < segments.length) {
    const start = i;
    if (i + 1 >= segments.length) return fail('"providers" is not followed by a provider namespace', id);
    const namespace = segments[i + 1];
    i += 2;
    const pairs: ArmIdSegment[] = [];
    while (i < segments.length && !is(segments[i], 'providers')) {
      if (i + 1 >= segments.length) return fail(`the resource type "${segments[i]}" is not followed by a name`, id);
      pairs.push({ type: segments[i], name: segments[i + 1] });
      i += 2;
    }
    if (pairs.length === 0) return fail(`the provider namespace "${namespace}" is not followed by a {type}/{name} pair`, id);
    blocks.push({ start, namespace, pairs });
  }

  const first = blocks[0];
  const last = blocks[blocks.length - 1];
  const managementGroup =
    subscriptionId === undefined && is(first.namespace, MANAGEMENT) && is(first.pairs[0].type, MANAGEMENT_GROUPS) ? first.pairs[0].name : undefined;
  let scope: ArmIdScope;
  if (blocks.length === 1) scope = resourceGroup !== undefined ? 'resourceGroup' : subscriptionId !== undefined ? 'subscription' : 'tenant';
  else if (blocks.length === 2 && managementGroup !== undefined && first.pairs.length === 1) scope = 'managementGroup';
  else scope = 'extension';
  const scopeId = last.start === 0 ? '/' : '/' + segments.slice(0, last.start).join('/');
  const parsed: ParsedArmId = {
    ok: true,
    id,
    scope,
    scopeId,
    namespace: last.namespace,
    types: last.pairs,
    armType: `${last.namespace}/${last.pairs.map((p) => p.type).join('/')}`,
    name: last.pairs[last.pairs.length - 1].name,
    parentId: last.pairs.length > 1 ? '/' + segments.slice(0, -2).join('/') : scopeId,
  };
  if (subscriptionId !== undefined) parsed.subscriptionId = subscriptionId;
  if (resourceGroup !== undefined) parsed.resourceGroup = resourceGroup;
  if (managementGroup !== undefined) parsed.managementGroup = managementGroup;
  return parsed;
}

/** Why a value cannot be one segment of an ARM ID, or undefined when it can. */
function segmentProblem(what: string, value: unknown): string | undefined {
  if (typeof value !== 'string') return `the ${what} must be a string, got ${value === null ? 'null' : typeof value}`;
  if (value.length === 0) return `the ${what} is empty`;
  if (value !== value.trim()) return `the ${what} "${value}" has leading or trailing white space`;
  if (/[/?#]/.test(value)) return `the ${what} "${value}" contains "/", "?" or "#"`;
  return undefined;
}

/** An ARM type split into its namespace and its types: `Microsoft.Network/virtualNetworks/subnets`. */
export function parseArmType(armType: string): { ok: true; namespace: string; types: string[] } | ArmIdError {
  if (typeof armType !== 'string') return fail(`an ARM type must be a string, got ${armType === null ? 'null' : typeof armType}`);
  const parts = armType.split('/');
  if (parts.length < 2) return fail(`the ARM type "${armType}" is not {Namespace}/{type}[/{type}...]`, armType);
  for (const part of parts) {
    const problem = segmentProblem('ARM type segment', part);
    if (problem) return fail(`${problem} (in the ARM type "${armType}")`, armType);
  }
  return { ok: true, namespace: parts[0], types: parts.slice(1) };
}

/**
 * Builds an ARM ID from its parts and returns it parsed (`.id` is the string). Keywords get their
 * usual casing (`resourceGroups`, `providers`); everything else is used as given.
 */
export function buildArmId(parts: ArmIdParts): ArmIdResult {
  let scope: string;
  if (parts.scopeId !== undefined) {
    if (parts.scopeId === '/' || parts.scopeId === '') scope = '';
    else {
      const parsed = parseArmId(parts.scopeId);
      if (!parsed.ok) return fail(`the scope ID is not an ARM ID: ${parsed.reason}`, parts.scopeId);
      // Rebuilt, so that its keywords get their usual casing too (ends: each scope is shorter).
      const rebuilt = buildArmId(parsed);
      scope = rebuilt.ok ? rebuilt.id : parsed.id;
    }
  } else if (parts.managementGroup !== undefined) {
    if (parts.subscriptionId !== undefined || parts.resourceGroup !== undefined) return fail('a management group and a subscription or resource group cannot both be the scope');
    const problem = segmentProblem('management group name', parts.managementGroup);
    if (problem) return fail(problem);
    scope = `/providers/Microsoft.Management/managementGroups/${parts.managementGroup}`;
  } else if (parts.subscriptionId !== undefined) {
    const problem = segmentProblem('subscription ID', parts.subscriptionId) ?? (parts.resourceGroup !== undefined ? segmentProblem('resource group name', parts.resourceGroup) : undefined);
    if (problem) return fail(problem);
    scope = `/subscriptions/${parts.subscriptionId}` + (parts.resourceGroup !== undefined ? `/resourceGroups/${parts.resourceGroup}` : '');
  } else if (parts.resourceGroup !== undefined) {
    return fail('a resource group needs a subscription ID');
  } else {
    scope = '';
  }

  const types = parts.types ?? [];
  if (parts.namespace === undefined) {
    if (types.length > 0) return fail('resource types are given without a provider namespace');
    if (scope === '') return fail('nothing to build: no scope, provider namespace or resource types');
    return parseArmId(scope);
  }
  const problem = segmentProblem('provider namespace', parts.namespace);
  if (problem) return fail(problem);
  if (types.length === 0) return fail(`the provider namespace "${parts.namespace}" needs at least one {type}/{name} pair`);
  for (const { type, name } of types) {
    const p = segmentProblem('resource type', type) ?? segmentProblem(`name of the ${String(type)}`, name);
    if (p) return fail(p);
  }
  if (is(parts.namespace, RESOURCES) && types.length === 1) {
    // Subscriptions and resource groups have IDs without `/providers/Microsoft.Resources`.
    const [{ type, name }] = types;
    if (is(type, SUBSCRIPTIONS) && scope === '') return parseArmId(`/subscriptions/${name}`);
    if (is(type, RESOURCE_GROUPS) && scope !== '') {
      const owner = parseArmId(scope);
      if (owner.ok && armTypeEquals(owner.armType, `${RESOURCES}/${SUBSCRIPTIONS}`)) return parseArmId(`${scope}/resourceGroups/${name}`);
      return fail(`a resource group sits in a subscription, not in ${scope}`);
    }
  }
  return parseArmId(`${scope}/providers/${parts.namespace}/${types.map((t) => `${t.type}/${t.name}`).join('/')}`);
}

/** What `armIdOf` needs: the owner's ARM ID, the resource's ARM type and its name (`azureName`). */
export interface ArmIdOfInput {
  /**
   * The ARM ID of the owner: the parent resource for a child type, the resource group or
   * subscription (or management group) for a top-level type, any resource for an extension
   * type. `/` or absent for tenant-scoped resources.
   */
  ownerArmId?: string;
  /** `Microsoft.Network/virtualNetworks/subnets`. */
  armType: string;
  /** The resource's ARM name. */
  name: string;
}

/**
 * A resource's ARM ID from its owner's:
 *
 *   - a child type (`Microsoft.Network/virtualNetworks/subnets`) appends `/{type}/{name}` to its
 *     owner, which must be of the parent type (`.../virtualNetworks/vnet/subnets/default`);
 *   - a resource group (`Microsoft.Resources/resourceGroups`) appends `/resourceGroups/{name}` to
 *     its owner, which must be a subscription;
 *   - a top-level type appends `/providers/{Namespace}/{type}/{name}` to its owner: a resource
 *     group, a subscription, a management group, the tenant (`/`), or, for an extension resource,
 *     any other resource.
 */
export function armIdOf(input: ArmIdOfInput): ArmIdResult {
  const type = parseArmType(input.armType);
  if (!type.ok) return type;
  const nameProblem = segmentProblem('name', input.name);
  if (nameProblem) return fail(nameProblem);
  const ownerArmId = input.ownerArmId;
  const tenant = ownerArmId === undefined || ownerArmId === '/' || ownerArmId === '';
  const owner = tenant ? undefined : parseArmId(ownerArmId);
  if (owner && !owner.ok) return fail(`the owner's ARM ID is not valid: ${owner.reason}`, ownerArmId);
  const ownerType = owner ? owner.armType : 'tenant';
  const ownerId = owner ? owner.id : '';

  if (armTypeEquals(input.armType, `${RESOURCES}/${SUBSCRIPTIONS}`)) {
    if (owner) return fail(`a subscription has no owner, but ${ownerId} was given`);
    return buildArmId({ subscriptionId: input.name });
  }
  if (armTypeEquals(input.armType, `${RESOURCES}/${RESOURCE_GROUPS}`)) {
    if (!owner || !armTypeEquals(owner.armType, `${RESOURCES}/${SUBSCRIPTIONS}`)) return fail(`a resource group is owned by a subscription, not by ${owner ? ownerId : 'the tenant'}`);
    return parseArmId(`${ownerId}/resourceGroups/${input.name}`);
  }
  if (type.types.length > 1) {
    const parentType = `${type.namespace}/${type.types.slice(0, -1).join('/')}`;
    if (!owner || !armTypeEquals(owner.armType, parentType)) {
      return fail(`a ${input.armType} is owned by a ${parentType}, but the owner ${owner ? `${ownerId} is a ${ownerType}` : 'is the tenant'}`);
    }
    return parseArmId(`${ownerId}/${type.types[type.types.length - 1]}/${input.name}`);
  }
  return parseArmId(`${ownerId}/providers/${type.namespace}/${type.types[0]}/${input.name}`);
}

/** Whether two ARM IDs name the same resource (ARM IDs are case-insensitive). */
export function armIdEquals(a: string, b: string): boolean {
  return a.toLowerCase() === b.toLowerCase();
}

/** Whether two ARM types are the same (case-insensitive). */
export function armTypeEquals(a: string, b: string): boolean {
  return a.toLowerCase() === b.toLowerCase();
}
