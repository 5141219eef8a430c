/**
 * crossplane-secrets: secret inputs and sensitive outputs in the Crossplane style.
 *
 * In spec types, a secret reference of `secrets` (`adminPassword`) becomes `<field>SecretRef`, a
 * `CrossplaneSecretKeySelector` `{name, namespace, key}`; a list becomes `<field>SecretRefs`, and
 * a map `<field>SecretRef`, a `CrossplaneSecretReference` to a whole Secret whose keys are the
 * map's. The ARM name stays (`armName: adminPassword`): the value's place in the ARM body.
 *
 * Crossplane keeps sensitive values out of the spec and `atProvider` (a provider writes outputs
 * to the connection secret), so this target also takes the properties `secrets` only reports as
 * `secret-candidate` (a string named and described like a secret, without `x-ms-secret` or
 * `format: password`, such as Compute's `osProfile.adminPassword`) for secrets: annotated
 * `secret: 'name-and-description'` in specs, removed from status types (`secrets` removed the
 * marked ones already). A config override `secret: false` keeps such a property as it is.
 *
 * Runs after `secrets` (which finds the marked secrets and reports the candidates) and before
 * `property-names`, which settles collisions with the new names.
 */
import type { ApiPackage, Model, ObjectType, Property, Type } from '../model/types.js';
import { mapType } from '../model/walk.js';
import { CommonTypes } from './crossplane-common.js';
import { isCandidate } from './secrets.js';
import { filterSame, findOverride, mapKubernetesTypes, withDefinitions, type SideDefinition } from './sides.js';
import type { Stage, StageContext } from './stage.js';

/**
 * The `crossplane-secrets` stage: secret references in specs become `<field>SecretRef` (a Secret's
 * name, namespace and key), secret-looking strings too, and they leave the status (see above).
 */
export const crossplaneSecretsStage: Stage = {
  id: 'crossplane-secrets',
  description: 'secret inputs become <field>SecretRef (Secret name, namespace, key); secret-looking strings too, and they leave the status',
  requires: ['secrets'],
  runsBefore: ['property-names'],
  run(model: Model, context: StageContext): Model {
    return { ...model, packages: model.packages.map((pkg) => secretsOfPackage(pkg, context)) };
  },
};

function secretsOfPackage(pkg: ApiPackage, context: StageContext): ApiPackage {
  const common = new CommonTypes(pkg);
  /** A string named and described like a secret, unless the config says it is none. */
  const looksSecret = (def: SideDefinition, p: Property) => !p.role && isCandidate(pkg, p) && findOverride(context, pkg, def.name, p, 'secret')?.secret !== false;

  const inSpec = (def: SideDefinition, obj: ObjectType): ObjectType => {
    let changed = false;
    const properties = obj.properties.map((p) => {
      let secret = p;
      if (elementOf(p.type).kind !== 'secretRef') {
        if (!looksSecret(def, p)) return p;
        secret = { ...p, type: { kind: 'secretRef' }, annotations: { ...p.annotations, secret: 'name-and-description' } };
        context.count('crossplane.secretsByName');
      }
      changed = true;
      context.count('crossplane.secretRefs');
      return secretKeySelector(secret, common);
    });
    return changed ? { ...obj, properties } : obj;
  };
  const inStatus = (def: SideDefinition, obj: ObjectType): ObjectType => {
    const properties = filterSame(obj.properties, (p) => !looksSecret(def, p));
    if (properties === obj.properties) return obj;
    context.count('crossplane.sensitiveOutputsRemoved', obj.properties.length - properties.length);
    return { ...obj, properties };
  };

  const next = mapKubernetesTypes(pkg, (def) => {
    const type = mapType(def.type, (node) => (node.kind !== 'object' ? node : def.side === 'spec' ? inSpec(def, node) : inStatus(def, node)));
    return type === def.type ? def : { ...def, type };
  });
  return common.added.size ? { ...next, types: withDefinitions(next.types, common.added) } : next;
}

/** `adminPassword` → `adminPasswordSecretRef` (a key of a Secret); lists and maps as described above. */
function secretKeySelector(p: Property, common: CommonTypes): Property {
  if (p.type.kind === 'map') return { ...p, name: `${p.name}SecretRef`, type: common.ref('SecretReference') };
  const selector = common.ref('SecretKeySelector');
  if (p.type.kind === 'array') return { ...p, name: `${p.name}SecretRefs`, type: { ...p.type, items: selector } };
  return { ...p, name: `${p.name}SecretRef`, type: selector };
}

function elementOf(t: Type): Type {
  return t.kind === 'array' ? t.items : t.kind === 'map' ? t.values : t;
}
