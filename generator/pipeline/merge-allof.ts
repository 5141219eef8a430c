/**
 * merge-allof: copies the properties of each object's `allOf` bases into the object and clears
 * `bases`, so that every object lists all of its properties itself.
 *
 *   order      base properties first (bases in allOf order, recursively), then the object's own;
 *              a property the object redeclares replaces the inherited one in place
 *   required   required if required in any declaration, or named in the subtype's own `required`
 *              list (`requiredInherited`: `required: [location]` beside `allOf: [TrackedResource]`)
 *   inherited  `additionalProperties` and `azureResource` when the object has none, validations
 *              key by key (the object's own win); never `discriminator`: a subtype is not itself
 *              polymorphic unless it declares one (`discriminator`, `subtypes` and
 *              `discriminatorValue` stay as the loader set them, for `discriminated-unions`)
 *   odd bases  a map base gives `additionalProperties`; other non-object bases add nothing; both
 *              reported (`allof-non-object`); an allOf cycle is cut and reported (`allof-cycle`)
 *
 * Every named type is merged once per package (memoized), bases before their subtypes; inline
 * objects (in properties, resource bodies) are merged where they stand.
 * It runs before `discriminated-unions`, which needs merged subtypes, and before `spec-status`:
 * every stage from there on must see complete property lists, not allOf chains.
 */
import type { SourceLocation } from '../diagnostics.js';
import type { ApiPackage, ObjectType, Property, Resource, Type, TypeDefinition } from '../model/types.js';
import { mapDefinitions, mapPackages, mapType } from '../model/walk.js';
import type { Stage, StageContext } from './stage.js';

/**
 * The `merge-allof` stage: copies the properties of `allOf` bases into each object (base properties
 * first) and clears `bases`; keeps the discriminator facts for `discriminated-unions`.
 */
export const mergeAllOfStage: Stage = {
  id: 'merge-allof',
  description: 'copies allOf base properties into each object (base properties first) and clears bases',
  runsBefore: ['discriminated-unions', 'spec-status'],
  run: (model, context) => mapPackages(model, (pkg) => mergePackage(pkg, context)),
};

function mergePackage(pkg: ApiPackage, context: StageContext): ApiPackage {
  const merged = new Map<string, Type>();
  const inProgress: string[] = [];

  /** The merged type of a named definition; undefined when dangling or when it closes a cycle. */
  const mergedNamed = (name: string): Type | undefined => {
    const done = merged.get(name);
    if (done) return done;
    const def = Object.hasOwn(pkg.types, name) ? pkg.types[name] : undefined;
    if (!def) return undefined;
    const at = inProgress.indexOf(name);
    if (at >= 0) {
      const chain = [...inProgress.slice(at), name].join(' → ');
      const closer = inProgress[inProgress.length - 1];
      context.diagnostics.warning('allof-cycle', `allOf cycle ${chain}; ${closer} does not inherit from ${name} again`, pkg.types[closer].source);
      return undefined;
    }
    inProgress.push(name);
    const type = mergeTree(def.type, def.name, def.source);
    inProgress.pop();
    merged.set(name, type);
    return type;
  };

  /** Follows named references to the merged type they name. */
  const resolveBase = (base: Type): Type | undefined => {
    let t: Type | undefined = base;
    for (let hops = 0; t?.kind === 'ref'; hops++) t = hops > 32 ? undefined : mergedNamed(t.name);
    return t;
  };

  const mergeTree = (type: Type, owner: string, source: SourceLocation | undefined): Type =>
    mapType(type, (t) => (t.kind === 'object' && t.bases ? mergeObject(t, owner, source) : t));

  const mergeObject = (t: ObjectType, owner: string, source: SourceLocation | undefined): ObjectType => {
    const { bases = [], requiredInherited, ...rest } = t;
    const out: ObjectType = { ...rest, properties: [] };
    const index = new Map<string, number>();
    const add = (p: Property) => {
      const i = index.get(p.armName);
      if (i === undefined) {
        index.set(p.armName, out.properties.length);
        out.properties.push(p);
      } else {
        const required = p.required || out.properties[i].required;
        out.properties[i] = p.required === required ? p : { ...p, required };
      }
    };
    let extra = t.additionalProperties;
    let validations = undefined as ObjectType['validations'];
    bases.forEach((base, i) => {
      const b = resolveBase(base);
      if (b === undefined) return; // a cycle (reported) or a dangling name (reported by the loader)
      if (b.kind === 'object') {
        b.properties.forEach(add);
        extra ??= b.additionalProperties;
        if (b.azureResource) out.azureResource = true;
        if (b.validations) validations = { ...validations, ...b.validations };
        return;
      }
      const what = base.kind === 'ref' ? `${base.name} (${b.kind})` : `an inline ${b.kind}`;
      if (b.kind === 'map') {
        extra ??= b.values;
        context.diagnostics.info('allof-non-object', `${owner}: allOf[${i}] is ${what}; its values become additionalProperties`, source);
      } else {
        const severity = b.kind === 'any' ? 'info' : 'warning';
        context.diagnostics[severity]('allof-non-object', `${owner}: allOf[${i}] is ${what}, not an object; it adds no properties`, source);
      }
    });
    t.properties.forEach(add);
    for (const name of requiredInherited ?? []) {
      const i = index.get(name);
      if (i !== undefined && !out.properties[i].required) out.properties[i] = { ...out.properties[i], required: true };
    }
    if (extra) out.additionalProperties = extra;
    if (validations || t.validations) out.validations = { ...validations, ...t.validations };
    context.count('allOfMerged');
    return out;
  };

  const types = mapDefinitions(pkg.types, (def): TypeDefinition => {
    const type = mergedNamed(def.name) ?? def.type;
    return type === def.type ? def : { ...def, type };
  });
  const resources = pkg.resources.map((r): Resource => {
    const putType = r.putType && mergeTree(r.putType, r.armType, r.source);
    const getType = r.getType && mergeTree(r.getType, r.armType, r.source);
    if (putType === r.putType && getType === r.getType) return r;
    const next = { ...r };
    if (putType) next.putType = putType;
    if (getType) next.getType = getType;
    return next;
  });
  return { ...pkg, types, resources };
}
