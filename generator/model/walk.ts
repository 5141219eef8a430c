/**
 * Helpers to read and rebuild types without mutating them. Stages use `mapType` to produce new
 * types (unchanged subtrees are returned as they are, so structure is shared) and `resolve` to
 * look through named references.
 */
import type { ApiPackage, Model, Property, Type, TypeDefinition, UnionType } from './types.js';

/** Follows named references (and alias chains) to the type they name; undefined if dangling or cyclic. */
export function resolve(pkg: Pick<ApiPackage, 'types'>, type: Type): Type | undefined {
  let t: Type | undefined = type;
  for (let hops = 0; t?.kind === 'ref'; hops++) {
    if (hops > 32) return undefined;
    t = pkg.types[t.name]?.type;
  }
  return t;
}

/** The type's direct children, in order. */
export function children(t: Type): Type[] {
  switch (t.kind) {
    case 'object': {
      const out = t.properties.map((p) => p.type);
      if (t.bases) out.push(...t.bases);
      if (t.additionalProperties) out.push(t.additionalProperties);
      return out;
    }
    case 'array':
      return [t.items];
    case 'map':
      return [t.values];
    case 'union':
      return t.variants.map((v) => v.type);
    default:
      return [];
  }
}

/** Calls `visit` for every type in the tree (named references are not followed). */
export function walkType(t: Type, visit: (t: Type) => void): void {
  visit(t);
  // No `children()` array here: this runs for every node of every type, in several stages.
  switch (t.kind) {
    case 'object':
      for (const p of t.properties) walkType(p.type, visit);
      if (t.bases) for (const b of t.bases) walkType(b, visit);
      if (t.additionalProperties) walkType(t.additionalProperties, visit);
      break;
    case 'array':
      walkType(t.items, visit);
      break;
    case 'map':
      walkType(t.values, visit);
      break;
    case 'union':
      for (const v of t.variants) walkType(v.type, visit);
      break;
  }
}

/** Names of the named types directly referenced in a type tree. */
export function referencedNames(t: Type, out = new Set<string>()): Set<string> {
  walkType(t, (x) => {
    if (x.kind === 'ref') out.add(x.name);
  });
  return out;
}

/**
 * Rebuilds a type bottom-up: children first, then `fn` on the node with its new children.
 * Returns the same object when nothing changed below and `fn` returned its input.
 */
export function mapType(t: Type, fn: (t: Type) => Type): Type {
  let next: Type = t;
  switch (t.kind) {
    case 'object': {
      // Hot path of every stage: copy the property list only once something in it changed.
      let properties: Property[] | undefined;
      for (let i = 0; i < t.properties.length; i++) {
        const p = t.properties[i];
        const type = mapType(p.type, fn);
        if (type === p.type) continue;
        properties ??= t.properties.slice();
        properties[i] = { ...p, type };
      }
      let bases: Type[] | undefined;
      if (t.bases) {
        for (let i = 0; i < t.bases.length; i++) {
          const nb = mapType(t.bases[i], fn);
          if (nb === t.bases[i]) continue;
          bases ??= t.bases.slice();
          bases[i] = nb;
        }
      }
      const additionalProperties = t.additionalProperties && mapType(t.additionalProperties, fn);
      if (properties || bases || additionalProperties !== t.additionalProperties) {
        next = { ...t, properties: properties ?? t.properties };
        if (bases) next.bases = bases;
        if (additionalProperties) next.additionalProperties = additionalProperties;
      }
      break;
    }
    case 'array': {
      const items = mapType(t.items, fn);
      if (items !== t.items) next = { ...t, items };
      break;
    }
    case 'map': {
      const values = mapType(t.values, fn);
      if (values !== t.values) next = { ...t, values };
      break;
    }
    case 'union': {
      let variants: UnionType['variants'] | undefined;
      for (let i = 0; i < t.variants.length; i++) {
        const v = t.variants[i];
        const type = mapType(v.type, fn);
        if (type === v.type) continue;
        variants ??= t.variants.slice();
        variants[i] = { ...v, type };
      }
      if (variants) next = { ...t, variants };
      break;
    }
  }
  return fn(next);
}

/** A new model with `fn` applied to every package. */
export function mapPackages(model: Model, fn: (pkg: ApiPackage) => ApiPackage): Model {
  return { ...model, packages: model.packages.map(fn) };
}

/** A new types record with `fn` applied to each definition, in the same order. */
export function mapDefinitions(
  types: Record<string, TypeDefinition>,
  fn: (def: TypeDefinition) => TypeDefinition | undefined,
): Record<string, TypeDefinition> {
  const out: Record<string, TypeDefinition> = {};
  for (const [name, def] of Object.entries(types)) {
    const next = fn(def);
    if (next) out[name] = next;
  }
  return out;
}

/** Names reachable from the given roots through named references (roots included). */
export function reachableNames(pkg: Pick<ApiPackage, 'types'>, roots: Iterable<string>): Set<string> {
  const seen = new Set<string>();
  const stack = [...roots];
  while (stack.length) {
    const name = stack.pop()!;
    if (seen.has(name)) continue;
    seen.add(name);
    const def = pkg.types[name];
    if (def) for (const n of referencedNames(def.type)) if (!seen.has(n)) stack.push(n);
  }
  return seen;
}
