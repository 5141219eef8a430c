/**
 * flatten-properties: lifts the ARM `properties` envelope of every spec and status, and every
 * `x-ms-client-flatten` property at any depth, into the object that holds it, so that users write
 * `spec.addressSpace` rather than `spec.properties.addressSpace`. Each lifted property remembers
 * where it lives in the ARM payload (`armPath: ['properties', 'addressSpace']`), which is all the
 * conversion code needs to put it back. A lifted property whose name is already taken is renamed
 * (`<envelope><Name>`) and reported. Spec and status types that only held lifted properties, and
 * that nothing reaches any more, are removed.
 *
 * Requiredness survives: a property required in a required envelope stays required; one required
 * in an optional envelope (TypeSpec's optional `properties`) is optional, with
 * `requiredInEnvelope` set, from which the CRD gets a rule "if any field of the envelope is set,
 * this one is set".
 *
 * Runs right after `spec-status` (it acts on the spec and status graphs) and before
 * `arm-references`, `secrets` and `property-names`, which must see the final shape.
 */
import type { ApiPackage, Model, ObjectType, Property, Type, TypeDefinition } from '../model/types.js';
import { mapType, reachableNames } from '../model/walk.js';
import { pascalCase } from '../naming/words.js';
import { withDefinitions } from './sides.js';
import type { Stage, StageContext } from './stage.js';

/**
 * The `flatten-properties` stage: lifts the `properties` envelope of specs and statuses, and every
 * `x-ms-client-flatten` property, into the parent, recording each lifted property's `armPath`.
 */
export const flattenPropertiesStage: Stage = {
  id: 'flatten-properties',
  description: 'lift the `properties` envelope and x-ms-client-flatten properties, remembering their ARM path',
  requires: ['spec-status'],
  runsBefore: ['arm-references', 'secrets', 'property-names'],
  run(model: Model, context: StageContext): Model {
    return { ...model, packages: model.packages.map((pkg) => flattenPackage(pkg, context)) };
  },
};

/**
 * How many leading `armPath` segments of `child`, once lifted out of the envelope property `p`
 * (whose own path has `envelopeLength` segments), name the optional envelope within which it is
 * required (`Property.requiredInEnvelope`); undefined when it is required outright or not at all.
 */
function requiredWithin(p: Property, envelopeLength: number, child: Property): number | undefined {
  if (child.required) return p.required ? p.requiredInEnvelope : envelopeLength;
  return child.requiredInEnvelope === undefined ? undefined : envelopeLength + child.requiredInEnvelope;
}

function flattenPackage(pkg: ApiPackage, context: StageContext): ApiPackage {
  const tops = new Set<string>();
  for (const r of pkg.resources) {
    if (r.kubernetes?.specType) tops.add(r.kubernetes.specType);
    if (r.kubernetes?.statusType) tops.add(r.kubernetes.statusType);
  }
  if (tops.size === 0) return pkg;
  // Changed definitions only; the new record is built once at the end (see withDefinitions).
  const changed = new Map<string, TypeDefinition>();
  const current = (name: string): TypeDefinition | undefined => changed.get(name) ?? pkg.types[name];
  const done = new Set<string>();
  const inProgress = new Set<string>();

  /** The flattened object of a named type, flattening it first if needed. */
  const namedObject = (name: string): ObjectType | undefined => {
    if (!done.has(name) && !inProgress.has(name)) flattenNamed(name);
    const t = current(name)?.type;
    return t?.kind === 'object' ? t : undefined;
  };

  const flattenNamed = (name: string): void => {
    const def = current(name);
    if (!def || def.side === undefined) {
      done.add(name);
      return;
    }
    inProgress.add(name);
    const nested = mapType(def.type, (node) => (node.kind === 'object' ? flattenObject(node, false, name) : node));
    const type = tops.has(name) && nested.kind === 'object' ? flattenObject(nested, true, name) : nested;
    if (type !== def.type) changed.set(name, { ...def, type });
    inProgress.delete(name);
    done.add(name);
  };

  const lifts = (p: Property, isTop: boolean) => p.clientFlatten === true || (isTop && p.armName === 'properties');

  const flattenObject = (obj: ObjectType, isTop: boolean, owner: string): ObjectType => {
    // Called for every object of every spec and status type: a plain loop, no allocation, when
    // there is nothing to lift (the common case).
    let any = false;
    for (let i = 0; i < obj.properties.length && !any; i++) any = lifts(obj.properties[i], isTop);
    if (!any) return obj;
    const out: Property[] = [];
    const names = new Set(obj.properties.filter((p) => !lifts(p, isTop)).map((p) => p.name.toLowerCase()));
    for (const p of obj.properties) {
      if (!lifts(p, isTop)) {
        out.push(p);
        continue;
      }
      const inner = innerObject(p.type);
      if (!inner) {
        if (p.type.kind === 'ref' && inProgress.has(p.type.name)) {
          context.diagnostics.warning('flatten-cycle', `${owner}.${p.armName} is flattened into itself through ${p.type.name}; left nested`, p.source);
        }
        out.push(p);
        continue;
      }
      const declaredIn = p.type.kind === 'ref' ? p.type.name.replace(/_STATUS\d*$/, '') : undefined;
      for (const child of inner.properties) {
        let name = child.name;
        if (names.has(name.toLowerCase())) {
          const renamed = `${p.name}${pascalCase(child.name)}`;
          context.diagnostics.info('flatten-collision', `${owner}: ${p.armName}.${child.armName} collides with a property named ${child.name}; it is named ${renamed}`, child.source);
          name = renamed;
        }
        names.add(name.toLowerCase());
        const envelope = p.armPath ?? [p.armName];
        const lifted: Property = {
          ...child,
          name,
          armPath: [...envelope, ...(child.armPath ?? [child.armName])],
          required: p.required && child.required,
        };
        const within = requiredWithin(p, envelope.length, child);
        if (within === undefined) delete lifted.requiredInEnvelope;
        else lifted.requiredInEnvelope = within;
        if (declaredIn !== undefined && !child.declaredIn) lifted.declaredIn = declaredIn;
        out.push(lifted);
      }
      context.count('flattened');
    }
    return { ...obj, properties: out };
  };

  const innerObject = (t: Type): ObjectType | undefined => {
    if (t.kind === 'object') return t.additionalProperties ? undefined : t;
    if (t.kind !== 'ref' || inProgress.has(t.name)) return undefined;
    const o = namedObject(t.name);
    return o && !o.additionalProperties ? o : undefined;
  };

  for (const name in pkg.types) if (!done.has(name)) flattenNamed(name);
  if (changed.size === 0) return pkg;
  // Envelopes whose properties were all lifted are reached by nothing now: drop them here, so
  // that every spec or status type a later stage sees is one a resource reaches.
  const types = withDefinitions(pkg.types, changed);
  const reached = reachableNames({ types }, tops);
  const kept: Record<string, TypeDefinition> = {};
  for (const name in types) {
    if (types[name].side === undefined || reached.has(name)) kept[name] = types[name];
    else context.count('envelopesRemoved');
  }
  return { ...pkg, types: kept };
}
