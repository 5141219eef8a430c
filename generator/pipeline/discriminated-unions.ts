/**
 * discriminated-unions: a named object with a `discriminator` and `subtypes` becomes a `union`,
 * one variant per subtype (subtypes of subtypes included: the loader lists every descendant on
 * each discriminated ancestor), sorted by discriminator value, named by the camelCase of the
 * subtype (`AzureBlobStorageLinkedService` → `azureBlobStorageLinkedService`, suffixed on
 * collisions). The discriminator property leaves the variant objects (conversion code sets it
 * from the variant); their `discriminatorValue` stays, for the emitters.
 *
 * A base that is itself a concrete value also becomes a variant: a copy of it is kept as a new
 * named type `<Base>_<Value>`. The loader gives every allOf-derived definition its own name as a
 * default value, so a base counts as concrete when it is a subtype of another discriminated type
 * (an intermediate level, whose value is meaningful) or when its value differs from its name
 * (an explicit `x-ms-discriminator-value`). A subtype that is itself a union is a variant through
 * that copy, so a union never holds a union.
 *
 * It runs after `merge-allof` (variants must carry their inherited properties, and `bases` are
 * gone) and before `spec-status`, so that spec and status get the same union shape; everything
 * that names the base sees the union without being rewritten.
 */
import type { ApiPackage, ObjectType, TypeDefinition, UnionType } from '../model/types.js';
import { mapPackages } from '../model/walk.js';
import { camelCase, pascalCase } from '../naming/words.js';
import type { Stage, StageContext } from './stage.js';

/**
 * The `discriminated-unions` stage: a named type with a `discriminator` and subtypes becomes a
 * `union`, one variant per subtype keyed by its discriminator value.
 */
export const discriminatedUnionsStage: Stage = {
  id: 'discriminated-unions',
  description: 'named objects with a discriminator and subtypes become unions, one variant per subtype',
  requires: ['merge-allof'],
  runsBefore: ['spec-status'],
  run: (model, context) => mapPackages(model, (pkg) => unionsOfPackage(pkg, context)),
};

interface Root {
  def: TypeDefinition;
  type: ObjectType & { discriminator: string };
  /** Subtypes that are named objects, deduplicated, in the loader's order. */
  subtypes: string[];
  /** Name of the copy of a concrete base. */
  copy?: string;
}

function unionsOfPackage(pkg: ApiPackage, context: StageContext): ApiPackage {
  const object = (name: string) => {
    const t = pkg.types[name]?.type;
    return t?.kind === 'object' ? t : undefined;
  };
  // One scan: which names are subtypes, and which definitions declare a discriminator.
  const isSubtype = new Set<string>();
  const candidates: TypeDefinition[] = [];
  for (const def of Object.values(pkg.types)) {
    const t = def.type;
    if (t.kind !== 'object') continue;
    if (t.subtypes) for (const s of t.subtypes) isSubtype.add(s);
    if (t.discriminator !== undefined) candidates.push(def);
  }
  if (!candidates.length) return pkg;

  // The roots that become unions, and the names of the copies of concrete bases.
  const roots = new Map<string, Root>();
  const copies = new Set<string>();
  for (const def of candidates) {
    const t = def.type as ObjectType & { discriminator: string };
    const subtypes = [...new Set(t.subtypes ?? [])].filter((s) => {
      if (object(s)) return true;
      context.diagnostics.warning('union-bad-subtype', `${def.name}: subtype ${s} is not a named object of this package; it is not a variant`, def.source);
      return false;
    });
    if (!subtypes.length) {
      context.diagnostics.info('union-without-subtypes', `${def.name} has discriminator ${t.discriminator} but no subtypes; it stays an object`, def.source);
      continue;
    }
    const root: Root = { def, type: t, subtypes };
    const value = t.discriminatorValue;
    if (value !== undefined && (isSubtype.has(def.name) || value !== def.name)) {
      root.copy = unique(`${def.name}_${pascalCase(value) || 'Value'}`, (n) => Object.hasOwn(pkg.types, n) || copies.has(n));
      copies.add(root.copy);
      context.diagnostics.info('union-concrete-base', `${def.name} is itself the variant ${value}; its object is kept as ${root.copy}`, def.source);
    }
    roots.set(def.name, root);
  }
  if (!roots.size) return pkg;

  // The discriminator properties to drop, per variant object.
  const drops = new Map<string, Set<string>>();
  const drop = (name: string, property: string) => (drops.get(name) ?? drops.set(name, new Set()).get(name)!).add(property);
  for (const root of roots.values()) {
    for (const s of root.subtypes) drop(s, root.type.discriminator);
    if (root.copy) drop(root.def.name, root.type.discriminator);
  }
  const variantObject = (name: string, t: ObjectType): ObjectType => {
    const dropped = drops.get(name);
    const properties = dropped ? t.properties.filter((p) => !dropped.has(p.armName)) : t.properties;
    return properties.length === t.properties.length ? t : { ...t, properties };
  };

  // Rebuild the types, each union's base copy right after it.
  const types: Record<string, TypeDefinition> = {};
  for (const [name, def] of Object.entries(pkg.types)) {
    const root = roots.get(name);
    if (!root) {
      const t = def.type;
      const next = t.kind === 'object' ? variantObject(name, t) : t;
      types[name] = next === t ? def : { ...def, type: next };
      continue;
    }
    types[name] = { ...def, type: union(root, roots, pkg, context) };
    context.count('unions');
    if (root.copy) {
      const { discriminator, subtypes, ...rest } = variantObject(name, root.type);
      types[root.copy] = { ...def, name: root.copy, type: rest };
    }
  }
  return { ...pkg, types };
}

function union(root: Root, roots: Map<string, Root>, pkg: ApiPackage, context: StageContext): UnionType {
  const { def, type } = root;
  const entries = root.subtypes.map((s) => {
    const t = pkg.types[s].type as ObjectType;
    return { source: s, value: t.discriminatorValue ?? s, typeName: roots.get(s)?.copy ?? s };
  });
  if (root.copy) entries.push({ source: def.name, value: type.discriminatorValue!, typeName: root.copy });
  entries.sort((a, b) => compare(a.value, b.value) || compare(a.source, b.source));
  const variants: UnionType['variants'] = [];
  const names = new Set<string>();
  for (const e of entries) {
    const previous = variants[variants.length - 1];
    if (previous?.value === e.value) {
      context.diagnostics.warning('union-duplicate-value', `${def.name}: ${e.source} repeats the discriminator value ${e.value} of another subtype; it is not a variant`, pkg.types[e.source].source);
      continue;
    }
    const wanted = camelCase(e.source) || 'variant';
    const name = unique(wanted, (n) => names.has(n));
    if (name !== wanted) {
      context.diagnostics.warning('union-variant-name-collision', `${def.name}: variant ${e.value} (${e.source}) would be named ${wanted}, which another variant has; it is ${name}`, pkg.types[e.source].source);
    }
    names.add(name);
    variants.push({ value: e.value, name, type: { kind: 'ref', name: e.typeName } });
  }
  return { kind: 'union', discriminator: type.discriminator, variants };
}

function unique(wanted: string, taken: (name: string) => boolean): string {
  let name = wanted;
  for (let i = 2; taken(name); i++) name = `${wanted}${i}`;
  return name;
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
