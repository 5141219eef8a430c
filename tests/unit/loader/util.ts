/** Small lookups over a loaded model for the loader tests; each throws with a clear message when the thing is missing. */
import type { Diagnostic } from '../../../generator/diagnostics.js';
import type { ApiPackage, Model, ObjectType, Property, Resource, Type } from '../../../generator/model/types.js';

export function packageOf(model: Model, namespace: string, apiVersion: string): ApiPackage {
  const found = model.packages.filter((p) => p.namespace === namespace && p.apiVersion === apiVersion);
  if (found.length !== 1) throw new Error(`expected one package ${namespace}@${apiVersion}, got ${found.length}`);
  return found[0];
}

export function typeOf(pkg: ApiPackage, name: string): Type {
  const def = pkg.types[name];
  if (!def) throw new Error(`no named type ${name} in ${pkg.id} (has ${Object.keys(pkg.types).join(', ')})`);
  return def.type;
}

export function objectOf(pkg: ApiPackage, name: string): ObjectType {
  const t = typeOf(pkg, name);
  if (t.kind !== 'object') throw new Error(`${name} is a ${t.kind}, not an object`);
  return t;
}

export function propertyOf(t: ObjectType, armName: string): Property {
  const p = t.properties.find((x) => x.armName === armName);
  if (!p) throw new Error(`no property ${armName} (has ${t.properties.map((x) => x.armName).join(', ')})`);
  return p;
}

export function resourceOf(pkg: ApiPackage, armType: string): Resource {
  const r = pkg.resources.find((x) => x.armType === armType);
  if (!r) throw new Error(`no resource ${armType} in ${pkg.id} (has ${pkg.resources.map((x) => x.armType).join(', ')})`);
  return r;
}

export function withCode(diagnostics: readonly Diagnostic[], code: string): Diagnostic[] {
  return diagnostics.filter((d) => d.code === code);
}

/** The JSON pointer of `/<section>/<path>/<...rest>` as the loader writes it (RFC 6901 escapes). */
export function pathPointer(section: 'paths' | 'x-ms-paths', urlTemplate: string, ...rest: string[]): string {
  return ['', section, urlTemplate, ...rest].map((s) => s.replace(/~/g, '~0').replace(/\//g, '~1')).join('/');
}
