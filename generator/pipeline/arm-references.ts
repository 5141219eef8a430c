/**
 * arm-references: in spec types, properties that hold ARM resource IDs become Kubernetes
 * references (`{armId}` or `{group, kind, name}`), so that users link resources by name.
 *
 * Three shapes are rewritten:
 *   - string IDs (and arrays and maps of them): `subnetId` → `subnetReference`, `id` →
 *     `reference`, `fooIds` → `fooReferences` (see arm-id-detection.ts for how they are found);
 *   - sub-resource objects whose only writable property is `id` (`natGateway: SubResource`):
 *     the property becomes a reference whose ARM form is `{ "id": ... }`;
 *   - embedded resources: a property whose type is the PUT body of another resource of the
 *     package (`networkSecurityGroup: NetworkSecurityGroup` on a subnet) is a link to that
 *     resource, not a copy of it, and becomes a reference to it. An array named like a child
 *     collection of the resource type (`subnets` of a virtual network, `rules` of a route filter)
 *     stays inline.
 * Config overrides (`reference: true | false`) come last and win. Status types keep strings.
 * Every detection is counted by method; ambiguous ones are reported as `reference-ambiguous`.
 *
 * Runs after `flatten-properties` (most IDs sit in the `properties` envelope) and before
 * `secrets` (a secret that looks like an ID must end up a secret), `owner-scope` and
 * `property-names`.
 */
import type { ApiPackage, Model, ObjectType, Property, ResourceReferenceType, Type, TypeDefinition } from '../model/types.js';
import { mapType, resolve } from '../model/walk.js';
import { detectArmId, idStem, isGuid, resourceNouns } from './arm-id-detection.js';
import { findOverride, oncePerSource } from './sides.js';
import type { Stage, StageContext } from './stage.js';

/**
 * The `arm-references` stage: properties of spec types that hold an ARM resource ID become
 * Kubernetes references (`resourceRef`, `fooId` renamed `fooReference`); statuses keep the strings.
 */
export const armReferencesStage: Stage = {
  id: 'arm-references',
  description: 'ARM resource ID properties in specs become Kubernetes references (armId or group/kind/name)',
  requires: ['flatten-properties'],
  runsBefore: ['secrets', 'owner-scope', 'property-names'],
  run(model: Model, context: StageContext): Model {
    const nouns = resourceNouns(model.armTypes ?? model.packages.flatMap((p) => p.resources.map((r) => r.armType)));
    return { ...model, packages: model.packages.map((pkg) => referencePackage(pkg, nouns, context)) };
  },
};

/** `id` → `reference`, `subnetId` → `subnetReference`, `fooIDs` → `fooReferences`, `subnet` → `subnetReference`. */
export function referenceName(name: string): string {
  if (name === 'id' || name === 'ID' || name === 'Id') return 'reference';
  const id = idStem(name);
  if (id) return `${id.stem}${id.plural ? 'References' : 'Reference'}`;
  return `${name}Reference`;
}

interface EmbeddedTarget {
  armType: string;
  /** Last ARM type segment, lower-cased, for child resources: an array property named like it is the child collection. */
  childSegment?: string;
}

function referencePackage(pkg: ApiPackage, nouns: ReadonlySet<string>, context: StageContext): ApiPackage {
  if (!Object.values(pkg.types).some((d) => d.side === 'spec')) return pkg;
  const tops = new Set(pkg.resources.map((r) => r.kubernetes?.specType).filter((n): n is string => !!n));
  const embedded = new Map<string, EmbeddedTarget>();
  for (const r of pkg.resources) {
    if (r.putType?.kind !== 'ref') continue;
    const segments = r.armType.split('/');
    embedded.set(r.putType.name, { armType: r.armType, childSegment: r.parentArmType ? segments[segments.length - 1].toLowerCase() : undefined });
  }

  const firstReport = oncePerSource();

  const rewrite = (p: Property, typeName: string, isTop: boolean, hasName: boolean): Property => {
    if (p.role) return p;
    const override = findOverride(context, pkg, typeName, p, 'reference');
    if (override?.reference === false) {
      context.count('references.config-off');
      return p;
    }
    const found = detect(p, isTop, hasName);
    if (found) return converted(p, found.type, found.rename, found.type.detectedBy);
    if (override?.reference === true) {
      const forced = forcedReference(p);
      if (forced) return converted(p, forced, true, 'config');
      context.diagnostics.warning('reference-override-ignored', `config forces ${typeName}.${p.armName} to be a reference, but it is not a string, a list or map of strings, or a {id} object`, p.source);
    }
    return p;
  };

  const converted = (p: Property, ref: ResourceReferenceType, rename: boolean, method: string): Property => {
    context.count(`references.${method}`);
    const type = replaceStrings(p.type, ref);
    const name = rename ? referenceName(p.name) : p.name;
    const out: Property = { ...p, name, type, annotations: { ...p.annotations, reference: method } };
    if (name !== p.name) out.renamedFrom = p.name;
    return out;
  };

  /** The reference a property should become, or undefined. */
  const detect = (p: Property, isTop: boolean, hasName: boolean): { type: ResourceReferenceType; rename: boolean } | undefined => {
    const strings = stringsOf(p.type);
    if (strings) {
      const primitive = resolve(pkg, strings);
      if (primitive?.kind !== 'primitive') return undefined;
      if (p.armName === 'id') {
        // A writable `id` below the top of a spec names another resource (`{ "id": ... }` links),
        // unless the object has a `name` too: then it is a named inline child and `id` its own.
        if (isTop || hasName || isGuid(primitive, p.description)) return undefined;
        return { type: withAllowed({ kind: 'resourceRef', armShape: 'string', detectedBy: 'subresource-id' }, primitive.allowedResourceTypes), rename: true };
      }
      const description = p.description ?? (strings.kind === 'ref' ? pkg.types[strings.name]?.description : undefined);
      const detection = detectArmId(p.armName, primitive, description, nouns);
      if (!detection.reference) {
        if (detection.ambiguous && firstReport('reference-ambiguous', p.source)) context.diagnostics.info('reference-ambiguous', `${detection.ambiguous}; left as a string`, p.source);
        return undefined;
      }
      const ref: ResourceReferenceType = { kind: 'resourceRef', armShape: 'string', detectedBy: detection.detectedBy };
      if (detection.allowedTypes) ref.allowedTypes = detection.allowedTypes;
      return { type: ref, rename: true };
    }
    const element = elementOf(p.type);
    if (element.kind !== 'ref') return undefined;
    const link = embedded.get(element.name);
    if (link && !(p.type.kind === 'array' && isChildCollection(link, p.armName))) {
      return { type: { kind: 'resourceRef', armShape: 'subresource', detectedBy: 'embedded-resource', allowedTypes: [link.armType] }, rename: false };
    }
    const object = resolve(pkg, element);
    if (object?.kind === 'object' && isSubResource(object)) {
      const id = resolve(pkg, object.properties[0].type);
      return { type: withAllowed({ kind: 'resourceRef', armShape: 'subresource', detectedBy: 'subresource' }, id?.kind === 'primitive' ? id.allowedResourceTypes : undefined), rename: false };
    }
    return undefined;
  };

  const forcedReference = (p: Property): ResourceReferenceType | undefined => {
    const strings = stringsOf(p.type);
    if (strings && resolve(pkg, strings)?.kind === 'primitive') return { kind: 'resourceRef', armShape: 'string', detectedBy: 'config' };
    const element = resolve(pkg, elementOf(p.type));
    if (element?.kind === 'object' && element.properties.some((q) => q.armName === 'id')) return { kind: 'resourceRef', armShape: 'subresource', detectedBy: 'config' };
    return undefined;
  };

  /** The string type of a string, string alias, or array/map of them; undefined otherwise. */
  const stringsOf = (t: Type): Type | undefined => {
    const element = elementOf(t);
    const resolved = resolve(pkg, element);
    return resolved?.kind === 'primitive' && resolved.primitive === 'string' ? element : undefined;
  };

  const types: Record<string, TypeDefinition> = {};
  for (const [name, def] of Object.entries(pkg.types)) {
    if (def.side !== 'spec') {
      types[name] = def;
      continue;
    }
    // Whether the object has a `name` is asked once per object, not once per property (quadratic in wide types).
    const rewriteAll = (obj: ObjectType, isTop: boolean) => {
      const hasName = hasNameProperty(obj);
      return rewriteObject(obj, (p) => rewrite(p, name, isTop, hasName));
    };
    const nested = (t: Type) => mapType(t, (node) => (node.kind === 'object' ? rewriteAll(node, false) : node));
    // The top object is rewritten by hand: only its own properties are the resource's top level.
    const type = def.type.kind === 'object' ? rewriteAll(mapProperties(def.type, nested), tops.has(name)) : nested(def.type);
    types[name] = type === def.type ? def : { ...def, type };
  }
  return { ...pkg, types };
}

function rewriteObject(obj: ObjectType, fn: (p: Property) => Property): ObjectType {
  let changed = false;
  const properties = obj.properties.map((p) => {
    const next = fn(p);
    if (next !== p) changed = true;
    return next;
  });
  return changed ? { ...obj, properties } : obj;
}

/** The object with `fn` applied to the type of each property and to `additionalProperties`. */
function mapProperties(obj: ObjectType, fn: (t: Type) => Type): ObjectType {
  const additionalProperties = obj.additionalProperties && fn(obj.additionalProperties);
  const next = rewriteObject(obj, (p) => {
    const type = fn(p.type);
    return type === p.type ? p : { ...p, type };
  });
  return additionalProperties === obj.additionalProperties ? next : { ...next, additionalProperties };
}

/** The reference with the allowed ARM types of its ID (`x-ms-arm-id-details`), when known. */
function withAllowed(ref: ResourceReferenceType, allowed: string[] | undefined): ResourceReferenceType {
  return allowed?.length ? { ...ref, allowedTypes: allowed } : ref;
}

/** The element type of an array or map (one level), else the type itself. */
function elementOf(t: Type): Type {
  if (t.kind === 'array') return t.items;
  if (t.kind === 'map') return t.values;
  return t;
}

/** Replaces the element of `t` (itself, or the items/values of an array/map) by `ref`. */
function replaceStrings(t: Type, ref: ResourceReferenceType): Type {
  if (t.kind === 'array') return { ...t, items: ref };
  if (t.kind === 'map') return { ...t, values: ref };
  return ref;
}

/**
 * An array named like the ARM type segment of a child resource holds inline children, not links:
 * `subnets` of a virtual network, `rules` of a route filter (`routeFilterRules`), `connections` of
 * a VPN gateway (`vpnConnections`). `loadBalancerBackendAddressPools` on a NIC is not (links).
 */
function isChildCollection(link: EmbeddedTarget, armName: string): boolean {
  return link.childSegment !== undefined && link.childSegment.endsWith(armName.toLowerCase());
}

function hasNameProperty(obj: ObjectType): boolean {
  return obj.properties.some((p) => p.armName === 'name');
}

/** An object whose only writable property is a string `id`: ARM's `SubResource`. */
function isSubResource(object: ObjectType): boolean {
  return object.properties.length === 1 && object.properties[0].armName === 'id' && !object.additionalProperties;
}
