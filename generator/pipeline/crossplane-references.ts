/**
 * crossplane-references: references between resources in the Crossplane style. Each Kubernetes
 * reference `arm-references` made in a spec type becomes, as upjet writes them:
 *
 *   - the raw field: a string holding the ARM ID, under its ARM name again (`subnetReference` →
 *     `subnetId`); an `{ "id": ... }` sub-resource gets `Id` (`natGateway` → `natGatewayId`, a list
 *     `loadBalancerBackendAddressPools` → `loadBalancerBackendAddressPoolIds`) and the annotation
 *     `armShape: 'subresource'` (its ARM value is `{ "id": <the string> }`);
 *   - `<field>Ref` (`<field>Refs` for a list): a `CrossplaneReference` to the managed resource
 *     whose ID fills the field; `<field>Selector`: a `CrossplaneSelector` that picks it by labels.
 *     Both are annotated `populates: <field>` and, when the ARM types the ID may point at have
 *     kinds, `referencedKinds`.
 *
 * The raw field is optional (a reference or selector may fill it). A map of IDs stays a map of
 * strings: Crossplane has no reference per map entry (counted `crossplane.mapReferences`).
 * Status types keep strings. Runs right after `arm-references` and `secrets`, which find the
 * references and the secrets among them, and before `property-names`, which settles collisions
 * with the new names.
 */
import type { ApiPackage, Model, ObjectType, Property, ResourceReferenceType, Type } from '../model/types.js';
import { mapType } from '../model/walk.js';
import { singular } from '../naming/words.js';
import { CommonTypes, kindsByArmType, referenceProperties, type KindRef } from './crossplane-common.js';
import { mapKubernetesTypes, withDefinitions } from './sides.js';
import type { Stage, StageContext } from './stage.js';

/**
 * The `crossplane-references` stage: the references `arm-references` made in specs become the ARM
 * ID string again, with `<field>Ref` (`<field>Refs`) and `<field>Selector` as upjet writes them
 * (see above).
 */
export const crossplaneReferencesStage: Stage = {
  id: 'crossplane-references',
  description: 'spec references become the ARM ID string plus <field>Ref/<field>Refs and <field>Selector (Crossplane style)',
  requires: ['arm-references'],
  runsAfter: ['secrets'],
  runsBefore: ['property-names'],
  run(model: Model, context: StageContext): Model {
    const kinds = kindsByArmType(model);
    return { ...model, packages: model.packages.map((pkg) => referencesOfPackage(pkg, kinds, context)) };
  },
};

function referencesOfPackage(pkg: ApiPackage, kinds: Map<string, KindRef>, context: StageContext): ApiPackage {
  const common = new CommonTypes(pkg);
  const targetsOf = (ref: ResourceReferenceType): KindRef[] => {
    const found = (ref.allowedTypes ?? []).map((t) => kinds.get(t.toLowerCase())).filter((k): k is KindRef => k !== undefined);
    return [...new Map(found.map((k) => [`${k.group}/${k.kind}`, k])).values()];
  };
  const rewrite = (obj: ObjectType): ObjectType => {
    if (!obj.properties.some((p) => elementOf(p.type).kind === 'resourceRef')) return obj;
    const properties = obj.properties.flatMap((p) => {
      const ref = elementOf(p.type);
      return ref.kind === 'resourceRef' ? crossplaneReference(p, ref, targetsOf(ref), common, context) : [p];
    });
    return { ...obj, properties };
  };
  const next = mapKubernetesTypes(pkg, (def) => {
    if (def.side !== 'spec') return def;
    const type = mapType(def.type, (node) => (node.kind === 'object' ? rewrite(node) : node));
    return type === def.type ? def : { ...def, type };
  });
  return common.added.size ? { ...next, types: withDefinitions(next.types, common.added) } : next;
}

/** The raw ARM ID field and, unless it is a map, its Ref(s) and Selector. */
function crossplaneReference(p: Property, ref: ResourceReferenceType, targets: KindRef[], common: CommonTypes, context: StageContext): Property[] {
  const annotations: Record<string, string> = { ...p.annotations };
  const { renamedFrom, ...rest } = p;
  const armName = renamedFrom ?? p.name;
  const list = p.type.kind === 'array';
  const subresource = ref.armShape === 'subresource';
  const name = !subresource ? armName : list ? `${singular(armName)}Ids` : `${armName}Id`;
  if (subresource) annotations.armShape = 'subresource';
  if (ref.allowedTypes?.length) annotations.referenceTypes = JSON.stringify(ref.allowedTypes);
  const raw: Property = { ...rest, name, type: withStrings(p.type), required: false, annotations };
  if (p.type.kind === 'map') {
    context.count('crossplane.mapReferences');
    return [raw];
  }
  context.count('crossplane.references');
  return [raw, ...referenceProperties(name, list, targets, common)];
}

/** The element of an array or map (one level: `arm-references` puts references no deeper), else the type. */
function elementOf(t: Type): Type {
  return t.kind === 'array' ? t.items : t.kind === 'map' ? t.values : t;
}

const STRING: Type = { kind: 'primitive', primitive: 'string' };

function withStrings(t: Type): Type {
  if (t.kind === 'array') return { ...t, items: STRING };
  if (t.kind === 'map') return { ...t, values: STRING };
  return STRING;
}
