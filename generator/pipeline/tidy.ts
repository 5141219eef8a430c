/**
 * tidy: leaves each package with only the types its kinds use, each written once.
 *
 *   1. removes every named type not reachable from a resource's spec or status type (the
 *      ARM-shaped originals, types only read-only or unused properties referred to);
 *   2. drops each resource's `putType` / `getType`: properties carry their ARM names and paths;
 *   3. shares identical types: named types of the same side that are structurally identical
 *      (same tree, same properties with their ARM names, paths, annotations and descriptions;
 *      only `source` and the name may differ) become one, named by the name that sorts first,
 *      and references are rewritten. Each type gets a canonical key in which references stand
 *      for the class of their target, computed once per type depth-first, so this is linear.
 *      Spec and status tops are never merged: each kind keeps its own `<Kind>_Spec`/`_STATUS`.
 *
 * Runs after `spec-status` and after every stage that adds or changes types (`recursion`'s
 * unrolled copies, `validations`' enums, `status-conditions`' `Condition`), so that what it removes
 * stays unused and what it shares stays identical.
 */
import type { ApiPackage, Model, Resource, Type, TypeDefinition } from '../model/types.js';
import { mapType, reachableNames } from '../model/walk.js';
import type { Stage, StageContext } from './stage.js';

/**
 * The `tidy` stage: removes the types no spec or status reaches and the ARM body shapes (`putType`,
 * `getType`), and shares identical types.
 */
export const tidyStage: Stage = {
  id: 'tidy',
  description: 'remove types no spec or status reaches, drop the ARM body shapes, share identical types',
  requires: ['spec-status'],
  runsAfter: ['recursion', 'validations', 'status-conditions'],
  run(model: Model, context: StageContext): Model {
    return { ...model, packages: model.packages.map((pkg) => tidyPackage(pkg, context)) };
  },
};

function tidyPackage(pkg: ApiPackage, context: StageContext): ApiPackage {
  const tops = new Set<string>();
  for (const r of pkg.resources) {
    if (r.kubernetes?.specType) tops.add(r.kubernetes.specType);
    if (r.kubernetes?.statusType) tops.add(r.kubernetes.statusType);
  }
  const reachable = reachableNames(pkg, tops);
  const kept = Object.keys(pkg.types).filter((name) => reachable.has(name));
  const removed = Object.keys(pkg.types).length - kept.length;
  if (removed) context.count('typesRemoved', removed);

  const sharedAs = identicalTypes(pkg.types, kept, tops);
  if (sharedAs.size) context.count('typesShared', sharedAs.size);
  const rename = (t: Type): Type => mapType(t, (node) => (node.kind === 'ref' && sharedAs.has(node.name) ? { kind: 'ref', name: sharedAs.get(node.name)! } : node));

  const types: Record<string, TypeDefinition> = {};
  for (const name of kept) {
    if (sharedAs.has(name)) continue;
    const def = pkg.types[name];
    const type = sharedAs.size ? rename(def.type) : def.type;
    types[name] = type === def.type ? def : { ...def, type };
  }
  return { ...pkg, types, resources: pkg.resources.map(withoutArmShapes) };
}

function withoutArmShapes(resource: Resource): Resource {
  if (resource.putType === undefined && resource.getType === undefined) return resource;
  const { putType: _put, getType: _get, ...rest } = resource;
  return rest;
}

/**
 * The types to merge: name → the name it is shared as (the first, by name, of its identical
 * types). Only `names` are considered; `tops` are never merged. Types whose rough shape (side,
 * kind, property names) no other type has cannot have a twin and stand for themselves; the
 * others get a canonical key in which a reference stands for the class of its target.
 */
export function identicalTypes(types: Record<string, TypeDefinition>, names: string[], tops: Set<string>): Map<string, string> {
  const candidates = twinCandidates(types, names, tops);
  const classOf = new Map<string, number>();
  const keys = new Map<string, number>();
  const members: string[][] = [];
  const inProgress = new Set<string>();
  const keyer = new Keyer((name: string): string => {
    // A reference stands for the class of its target; for its name when the target has no
    // possible twin or is being keyed (a cycle).
    const known = classOf.get(name);
    if (known !== undefined) return `#${known}`;
    if (!candidates.has(name) || inProgress.has(name)) return keyer.text(name);
    inProgress.add(name);
    const key = keyer.definition(types[name]);
    inProgress.delete(name);
    let id = keys.get(key);
    if (id === undefined) {
      id = members.length;
      keys.set(key, id);
      members.push([]);
    }
    members[id].push(name);
    classOf.set(name, id);
    return `#${id}`;
  });
  for (const name of candidates) keyer.ref(name);

  const sharedAs = new Map<string, string>();
  for (const same of members) {
    if (same.length < 2) continue;
    const [first, ...others] = same.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    for (const other of others) sharedAs.set(other, first);
  }
  return sharedAs;
}

/** The types (tops excepted) that share their rough shape with another: only they can be identical. */
function twinCandidates(types: Record<string, TypeDefinition>, names: string[], tops: Set<string>): Set<string> {
  const byShape = new Map<string, string[]>();
  for (const name of names) {
    if (tops.has(name)) continue;
    const def = types[name];
    const t = def.type;
    let shape = `${def.side}|${t.kind}|${def.description?.length}`;
    if (t.kind === 'object') for (const p of t.properties) shape += `|${p.armName}:${p.type.kind}`;
    else if (t.kind === 'enum') shape += `|${t.values.length}|${String(t.values[0]?.value)}`;
    else if (t.kind === 'union') for (const v of t.variants) shape += `|${v.value}`;
    const same = byShape.get(shape);
    if (same) same.push(name);
    else byShape.set(shape, [name]);
  }
  const out = new Set<string>();
  for (const same of byShape.values()) if (same.length > 1) for (const name of same) out.add(name);
  return out;
}

/**
 * Canonical keys of definitions: every field but the name and `source`, fields in sorted order
 * (so key order never hides identical values), references through `ref`. Strings are interned
 * and stand for their number, which keeps keys short: descriptions are most of a spec's text.
 */
class Keyer {
  private readonly strings = new Map<string, number>();

  constructor(readonly ref: (name: string) => string) {}

  text(s: string): string {
    let id = this.strings.get(s);
    if (id === undefined) this.strings.set(s, (id = this.strings.size));
    return `s${id}`;
  }

  definition(def: TypeDefinition): string {
    return this.fields(def, (field, value) => (field === 'type' ? this.type(value as Type) : undefined), 'name');
  }

  type(t: Type): string {
    switch (t.kind) {
      case 'ref':
        return `ref(${this.ref(t.name)})`;
      case 'object':
        return this.fields(t, (field) => {
          if (field === 'properties') return `[${t.properties.map((p) => this.fields(p, (f, v) => (f === 'type' ? this.type(v as Type) : undefined))).join(',')}]`;
          if (field === 'bases') return `[${t.bases!.map((b) => this.type(b)).join(',')}]`;
          if (field === 'additionalProperties') return this.type(t.additionalProperties!);
          return undefined;
        });
      case 'array':
        return this.fields(t, (field) => (field === 'items' ? this.type(t.items) : undefined));
      case 'map':
        return this.fields(t, (field) => (field === 'values' ? this.type(t.values) : undefined));
      case 'union':
        return this.fields(t, (field) =>
          field === 'variants' ? `[${t.variants.map((v) => this.fields(v, (f) => (f === 'type' ? this.type(v.type) : undefined))).join(',')}]` : undefined,
        );
      default:
        return this.value(t);
    }
  }

  /** `{a:..,b:..}` over the fields of a model object, without `source`, `skip` and undefined values. */
  private fields(o: object, special: (field: string, value: unknown) => string | undefined, skip?: string): string {
    let out = '{';
    for (const field of Object.keys(o).sort()) {
      const value = (o as Record<string, unknown>)[field];
      if (value === undefined || field === 'source' || field === skip) continue;
      out += `${field}:${special(field, value) ?? this.value(value)},`;
    }
    return out + '}';
  }

  /** Any JSON value (annotations, validations, defaults, enum values ...). */
  private value(v: unknown): string {
    switch (typeof v) {
      case 'string':
        return this.text(v);
      case 'number':
        return `n${v}`;
      case 'boolean':
        return v ? 'T' : 'F';
      case 'object': {
        if (v === null) return 'N';
        if (Array.isArray(v)) return `[${v.map((x) => this.value(x)).join(',')}]`;
        let out = '{';
        for (const field of Object.keys(v).sort()) {
          const x = (v as Record<string, unknown>)[field];
          if (x !== undefined) out += `${this.text(field)}:${this.value(x)},`;
        }
        return out + '}';
      }
      default:
        return 'U';
    }
  }
}
