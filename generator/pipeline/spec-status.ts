/**
 * spec-status: splits each resource into the two Kubernetes type graphs.
 *
 *   `<Kind>_Spec`    what users write: the PUT body without read-only properties (readOnly, or an
 *                    `x-ms-mutability` without create/update). Create-only properties are kept and
 *                    annotated `immutable`. Nested named types are spec copies under their own name.
 *   `<Kind>_STATUS`  what ARM reports: the GET body (else the PUT body), every property optional.
 *                    Nested named types are copies named `<Name>_STATUS`.
 *
 * Every type of either graph is marked with its `side`, which later stages use (references and
 * secret references exist only on the spec side). The ARM-shaped originals are left for `tidy`.
 * Runs after `resource-names` (the kind names the types), after `merge-allof` and
 * `discriminated-unions` (both sides share the union shape; run earlier, the variants of a
 * polymorphic resource are lost), and before `flatten-properties` and every stage that treats spec
 * and status differently.
 */
import type { ApiPackage, Model, ObjectType, Property, Resource, Type, TypeDefinition } from '../model/types.js';
import { mapType, resolve } from '../model/walk.js';
import { withDefinitions } from './sides.js';
import type { Stage, StageContext } from './stage.js';

/**
 * The `spec-status` stage: per resource, `<Kind>_Spec` from the writable PUT body and
 * `<Kind>_STATUS` from the GET body (every property optional), and sets `kubernetes.specType` and
 * `statusType`.
 */
export const specStatusStage: Stage = {
  id: 'spec-status',
  description: 'spec types from the writable PUT body, status types from the GET body (all optional)',
  requires: ['resource-names'],
  runsAfter: ['merge-allof', 'discriminated-unions'],
  runsBefore: ['flatten-properties'],
  run(model: Model, context: StageContext): Model {
    return { ...model, packages: model.packages.map((pkg) => splitPackage(pkg, context)) };
  },
};

/** A property that users may set: not read-only, and not `x-ms-mutability: [read]` alone. */
export function isWritable(p: Property): boolean {
  if (p.readOnly) return false;
  if (p.mutability && p.mutability.length > 0 && !p.mutability.includes('create') && !p.mutability.includes('update')) return false;
  return true;
}

class Splitter {
  /** New and replaced definitions; the package's record is rebuilt from them once, at the end. */
  readonly defs = new Map<string, TypeDefinition>();
  private readonly specNames = new Map<string, string>();
  private readonly statusNames = new Map<string, string>();
  /** Spec copies that lost every property to read-only filtering: properties of such types are dropped. */
  private readonly emptied = new Set<string>();

  constructor(private readonly source: ApiPackage) {}

  get(name: string): TypeDefinition | undefined {
    return this.defs.get(name) ?? this.source.types[name];
  }

  /** The package's types: the originals, spec copies in their place, new types after them. */
  types(): Record<string, TypeDefinition> {
    return withDefinitions(this.source.types, this.defs);
  }

  /** A new type name based on `wanted`, not already taken by a spec or status type (or by anything, when `strict`). */
  claim(wanted: string, strict = false): string {
    let name = wanted;
    for (let i = 2; this.get(name) !== undefined && (strict || this.get(name)!.side !== undefined); i++) name = `${wanted}${i}`;
    return name;
  }

  /** The spec copy of a named type (same name), made on first use. */
  specNamed(name: string): string {
    const done = this.specNames.get(name);
    if (done !== undefined) return done;
    const original = this.source.types[name];
    if (!original) return name;
    this.specNames.set(name, name);
    const def: TypeDefinition = { ...original, side: 'spec' };
    this.defs.set(name, def); // registered first: recursive types end here
    def.type = this.specType(original.type);
    const before = original.type;
    if (before.kind === 'object' && before.properties.length > 0 && !before.additionalProperties && def.type.kind === 'object' && def.type.properties.length === 0) {
      this.emptied.add(name);
    }
    return name;
  }

  /** The status copy of a named type, `<Name>_STATUS`, made on first use. */
  statusNamed(name: string): string {
    const done = this.statusNames.get(name);
    if (done !== undefined) return done;
    const original = this.source.types[name];
    if (!original) return name;
    const copy = this.claim(`${name}_STATUS`);
    this.statusNames.set(name, copy);
    const def: TypeDefinition = { ...original, name: copy, side: 'status' };
    this.defs.set(copy, def);
    def.type = this.statusType(original.type);
    return copy;
  }

  specType(t: Type): Type {
    return mapType(t, (node) => {
      if (node.kind === 'ref') return { kind: 'ref', name: this.specNamed(node.name) };
      if (node.kind !== 'object') return node;
      const properties: Property[] = [];
      for (const p of node.properties) {
        if (!isWritable(p)) continue;
        const element = p.type.kind === 'array' ? p.type.items : p.type.kind === 'map' ? p.type.values : p.type;
        if (element.kind === 'ref' && this.emptied.has(element.name)) continue;
        properties.push(isCreateOnly(p) ? { ...p, annotations: { ...p.annotations, immutable: 'true' } } : p);
      }
      return properties.length === node.properties.length && properties.every((p, i) => p === node.properties[i]) ? node : { ...node, properties };
    });
  }

  statusType(t: Type): Type {
    return mapType(t, (node) => {
      if (node.kind === 'ref') return { kind: 'ref', name: this.statusNamed(node.name) };
      if (node.kind !== 'object' || node.properties.every((p) => !p.required)) return node;
      return { ...node, properties: node.properties.map((p) => (p.required ? { ...p, required: false } : p)) };
    });
  }
}

function isCreateOnly(p: Property): boolean {
  return !!p.mutability && p.mutability.includes('create') && !p.mutability.includes('update');
}

function splitPackage(pkg: ApiPackage, context: StageContext): ApiPackage {
  if (!pkg.resources.some((r) => r.kubernetes)) return pkg;
  const splitter = new Splitter(pkg);
  // Every kind's `<Kind>_Spec` and `<Kind>_STATUS` names are claimed before any type is copied,
  // so a nested copy (`NetworkSecurityGroup_STATUS` inside a subnet's status) never takes a
  // kind's own name: the nested one gets a suffix instead.
  const tops = pkg.resources.map((resource) => {
    const k = resource.kubernetes;
    if (!k) return undefined;
    // A PUT without a body (a membership, a tag, `applyUpdates/default`) still creates the
    // resource: its spec is empty, with only what owner-scope adds (owner, azureName).
    const body = resource.putType ? topObject(pkg, resource.putType) : EMPTY_BODY;
    const observed = (resource.getType && topObject(pkg, resource.getType)) ?? body;
    const claim = (name: string, side: 'spec' | 'status') => {
      const claimed = splitter.claim(name, true);
      splitter.defs.set(claimed, { name: claimed, type: { kind: 'any' }, side, source: resource.source });
      return claimed;
    };
    return { body, observed, specName: body && claim(`${k.kind}_Spec`, 'spec'), statusName: observed && claim(`${k.kind}_STATUS`, 'status') };
  });
  const resources = pkg.resources.map((resource, i): Resource => {
    const k = resource.kubernetes;
    const top = tops[i];
    if (!k || !top) return resource;
    const next = { ...k };
    if (top.body && top.specName) {
      splitter.defs.set(top.specName, { name: top.specName, type: splitter.specType(top.body), side: 'spec', source: resource.source, description: resource.putType && descriptionOf(pkg, resource.putType) });
      if (!resource.putType) context.count('specs.noBody');
      next.specType = top.specName;
      context.count('specs');
    } else {
      context.diagnostics.warning('no-spec', `${resource.armType} ${resource.apiVersion} has no object PUT body; the kind has no spec`, resource.source);
    }
    if (top.observed && top.statusName) {
      splitter.defs.set(top.statusName, { name: top.statusName, type: splitter.statusType(top.observed), side: 'status', source: resource.source });
      next.statusType = top.statusName;
    }
    return { ...resource, kubernetes: next };
  });
  return { ...pkg, types: splitter.types(), resources };
}

const EMPTY_BODY: ObjectType = Object.freeze({ kind: 'object', properties: [] }) as ObjectType;

/**
 * The object a PUT/GET body names (through refs). A polymorphic body (a union, such as
 * `deploymentScripts` on `kind`) becomes an object with one optional property per variant, each
 * annotated with its discriminator value, and the object's `discriminator` set: exactly one
 * variant is given. Undefined when the body is neither.
 */
function topObject(pkg: ApiPackage, t: Type): ObjectType | undefined {
  const resolved = resolve(pkg, t);
  if (resolved?.kind === 'object') return resolved;
  if (resolved?.kind !== 'union') return undefined;
  return {
    kind: 'object',
    discriminator: resolved.discriminator,
    properties: resolved.variants.map((v) => ({
      name: v.name,
      armName: v.name,
      type: v.type,
      required: false,
      readOnly: false,
      description: `The ${resolved.discriminator} "${v.value}" variant of the resource; set exactly one variant.`,
      variant: v.value,
    })),
  };
}

function descriptionOf(pkg: ApiPackage, t: Type): string | undefined {
  return t.kind === 'ref' ? pkg.types[t.name]?.description : undefined;
}
