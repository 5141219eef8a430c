/**
 * Helpers shared by the stages that act on the Kubernetes type graphs (after `spec-status`):
 * which named types are the spec and status types of a package and rewriting only those, the
 * config override of a property, one diagnostic per spec location, and list rewrites that keep
 * unchanged lists shared.
 */
import type { SourceLocation } from '../diagnostics.js';
import type { ApiPackage, Property, TypeDefinition } from '../model/types.js';
import { reachableNames } from '../model/walk.js';
import type { PropertyOverride } from './options.js';
import type { StageContext } from './stage.js';

/** A named type of the spec or status graph. */
export type SideDefinition = TypeDefinition & { side: 'spec' | 'status' };

/**
 * Names of the spec and status types of a package. `spec-status` creates only types its
 * resources reach and `flatten-properties` removes the envelopes it empties, so these are the
 * types the resources reach, found without a walk over the type graph (which every stage would
 * otherwise repeat). A type a later stage orphans is still listed; `tidy` removes it.
 */
export function kubernetesTypeNames(pkg: ApiPackage): Set<string> {
  const names = new Set<string>();
  for (const name in pkg.types) if (pkg.types[name].side !== undefined) names.add(name);
  return names;
}

/**
 * A copy of the package with `fn` applied to each spec and status type its resources reach, in
 * the package's type order; other types are shared as they are. Returns `pkg` itself when `fn`
 * changed nothing.
 */
export function mapKubernetesTypes(pkg: ApiPackage, fn: (def: SideDefinition) => TypeDefinition): ApiPackage {
  const names = kubernetesTypeNames(pkg);
  if (names.size === 0) return pkg;
  const changed = new Map<string, TypeDefinition>();
  for (const name of Object.keys(pkg.types)) {
    if (!names.has(name)) continue;
    const def = pkg.types[name];
    const next = fn(def as SideDefinition);
    if (next !== def) changed.set(name, next);
  }
  return changed.size === 0 ? pkg : { ...pkg, types: withDefinitions(pkg.types, changed) };
}

/**
 * A copy of a types record with the definitions of `changes` in place of those of the same name
 * and new names appended, in order. Built in one pass: with records of thousands of types that is
 * much faster than spreading the record and then writing into the copy.
 */
export function withDefinitions(types: Record<string, TypeDefinition>, changes: Map<string, TypeDefinition>): Record<string, TypeDefinition> {
  const out: Record<string, TypeDefinition> = {};
  for (const name in types) out[name] = changes.get(name) ?? types[name];
  // An own-key test: `in` would find Object.prototype members (a type named `constructor`).
  for (const [name, def] of changes) if (!Object.prototype.hasOwnProperty.call(out, name)) out[name] = def;
  return out;
}

/** `Subnet_STATUS2` → `Subnet`: the name users write in the config for either side. */
export function armTypeName(typeName: string): string {
  return typeName.replace(/_STATUS\d*$/, '');
}

/**
 * The config override of `field` for a property of the named type `typeName`. It matches the
 * type's own name, its name without the `_STATUS` suffix, or (for a property flattening lifted)
 * the ARM type the property was declared in.
 */
export function findOverride<K extends keyof PropertyOverride>(
  context: StageContext,
  pkg: ApiPackage,
  typeName: string,
  p: Property,
  field: K,
): PropertyOverride | undefined {
  if (context.overrides.overrides.length === 0) return undefined;
  const candidates = new Set([typeName, armTypeName(typeName)]);
  if (p.declaredIn) candidates.add(p.declaredIn);
  for (const candidate of candidates) {
    const found = context.overrides.find({ namespace: pkg.namespace, apiVersion: pkg.apiVersion, typeName: candidate, armName: p.armName }, field);
    if (found) return found;
  }
  return undefined;
}

/**
 * A filter that lets one diagnostic through per (code, source location): the spec and status
 * copies of a type share their sources, and one problem in the specs should be reported once.
 * Diagnostics without a location always pass.
 */
export function oncePerSource(): (code: string, source: SourceLocation | undefined) => boolean {
  const seen = new Set<string>();
  return (code, source) => {
    if (!source) return true;
    const key = `${code}\0${source.file}#${source.pointer}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  };
}

/**
 * `list.map(fn)`, but `list` itself when `fn` returned every element unchanged; the copy is made
 * only at the first change (stages rewrite few of the many property lists they visit).
 */
export function mapSame<T>(list: T[], fn: (item: T, index: number) => T): T[] {
  let out: T[] | undefined;
  for (let i = 0; i < list.length; i++) {
    const next = fn(list[i], i);
    if (out) out.push(next);
    else if (next !== list[i]) {
      out = list.slice(0, i);
      out.push(next);
    }
  }
  return out ?? list;
}

/** `list.filter(keep)`, but `list` itself when every element is kept. */
export function filterSame<T>(list: T[], keep: (item: T) => boolean): T[] {
  let out: T[] | undefined;
  for (let i = 0; i < list.length; i++) {
    if (keep(list[i])) out?.push(list[i]);
    else out ??= list.slice(0, i);
  }
  return out ?? list;
}
