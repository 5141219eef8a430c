/**
 * crossplane-managed: each kind becomes a Crossplane managed resource, the shape upjet generates
 * (crossplane-runtime's `ResourceSpec` and `ResourceStatus` around the parameters):
 *
 *   spec    (the spec type's name, `<Kind>_Spec`)
 *     forProvider                 `<Kind>_Parameters`: what the spec held (parameters, identity, references)
 *     initProvider                `<Kind>_InitParameters`: the same parameters without the identity,
 *                                 Ref and Selector fields, all optional; set only on create
 *     managementPolicies          Observe | Create | Update | Delete | LateInitialize | *, default ["*"]
 *     providerConfigRef           a `CrossplaneReference`, default `{name: default}`
 *     deletionPolicy              Delete | Orphan, default Delete
 *     writeConnectionSecretToRef  a `CrossplaneSecretReference` `{name, namespace}`
 *   status  (the status type's name, `<Kind>_STATUS`)
 *     atProvider                  `<Kind>_Observation`: what the status held (the ARM GET body, secrets removed)
 *     conditions                  `CrossplaneCondition`s (Ready, Synced, ...)
 *     observedGeneration
 *
 * References to the old spec and status elsewhere in the package (a kind's status embedded in
 * another's) now name `_Parameters` and `_Observation`. Required parameters are optional in
 * `forProvider` (they may come from `initProvider`, or not be needed at all when Crossplane only
 * observes); a CEL rule per parameter (`specRules`) requires each one, here or in
 * `initProvider`, when the management policies let Crossplane create or update. Each kind is
 * cluster-scoped, in the categories `crossplane`, `managed`, `azure`, with upjet's printer
 * columns (SYNCED, READY, EXTERNAL-NAME, AGE). Defaults are `kubernetesDefault`s, for the CRD.
 *
 * Runs after `spec-status`, after `crossplane-owner` (initProvider leaves out its identity
 * parameters) and after `tidy`: the parameters of two kinds may be identical, and tidy would merge
 * them.
 */
import type { ApiPackage, KubernetesResourceInfo, Model, ObjectType, PrinterColumnInfo, Property, Resource, Type, TypeDefinition } from '../model/types.js';
import { mapType } from '../model/walk.js';
import { closedEnum, CommonTypes, crossplaneProperty } from './crossplane-common.js';
import type { Stage, StageContext } from './stage.js';

/**
 * The `crossplane-managed` stage: each kind becomes a Crossplane managed resource, its spec
 * `forProvider`/`initProvider` beside `providerConfigRef`, `deletionPolicy`, `managementPolicies`
 * and `writeConnectionSecretToRef`, its status `atProvider` beside `conditions`, cluster-scoped
 * (see above).
 */
export const crossplaneManagedStage: Stage = {
  id: 'crossplane-managed',
  description: 'spec becomes forProvider/initProvider/providerConfigRef/deletionPolicy/managementPolicies/writeConnectionSecretToRef, status atProvider/conditions; cluster-scoped',
  requires: ['spec-status', 'crossplane-owner'],
  runsAfter: ['tidy'],
  run(model: Model, context: StageContext): Model {
    return { ...model, packages: model.packages.map((pkg) => managedPackage(pkg, context)) };
  },
};

const CONDITION = (type: string) => `.status.conditions[?(@.type=='${type}')].status`;

/** upjet's columns: the Synced and Ready conditions, the Azure name, the age. */
export const CROSSPLANE_PRINTER_COLUMNS: readonly PrinterColumnInfo[] = Object.freeze([
  { name: 'SYNCED', type: 'string', jsonPath: CONDITION('Synced') },
  { name: 'READY', type: 'string', jsonPath: CONDITION('Ready') },
  { name: 'EXTERNAL-NAME', type: 'string', jsonPath: '.metadata.annotations.crossplane\\.io/external-name' },
  { name: 'AGE', type: 'date', jsonPath: '.metadata.creationTimestamp' },
]);

export const CROSSPLANE_CATEGORIES: readonly string[] = Object.freeze(['crossplane', 'managed', 'azure']);

const MANAGEMENT_ACTIONS = ['Observe', 'Create', 'Update', 'Delete', 'LateInitialize', '*'];

/** CEL reserved words, which Kubernetes makes accessible as `__<word>__`. */
const CEL_RESERVED = new Set('true false null in as break const continue else for function if import let loop package namespace return var void while'.split(' '));

function managedPackage(pkg: ApiPackage, context: StageContext): ApiPackage {
  if (!pkg.resources.some((r) => r.kubernetes)) return pkg;
  const common = new CommonTypes(pkg);
  const changes = new Map<string, TypeDefinition>();
  /** Old spec/status name → the new name of its content. */
  const moved = new Map<string, string>();
  /** New types written right after a type of the package: a kind's parameters after its spec. */
  const after = new Map<string, string[]>();
  const claim = (wanted: string) => {
    let name = wanted;
    for (let i = 2; pkg.types[name] !== undefined || changes.has(name); i++) name = `${wanted}${i}`;
    return name;
  };

  const resources = pkg.resources.map((r): Resource => {
    const k = r.kubernetes;
    if (!k) return r;
    const info: KubernetesResourceInfo = { ...k, scope: 'Cluster', categories: [...CROSSPLANE_CATEGORIES], printerColumns: CROSSPLANE_PRINTER_COLUMNS.map((c) => ({ ...c })) };
    if (k.plural === 'namespaces') {
      // Cluster-scoped, `/apis/<group>/<version>/namespaces/<name>` reads as a namespace path:
      // the API server creates such objects and then answers 404 to their GET (found by the
      // cluster suite: EventHub, ServiceBus, Relay, NotificationHubs namespaces).
      info.plural = `${k.group.split('.')[0]}namespaces`;
      context.count('crossplane.namespacesPluralRenamed');
    }
    const specDef = k.specType ? pkg.types[k.specType] : undefined;
    if (specDef?.type.kind === 'object') {
      const parameters = claim(`${k.kind}_Parameters`);
      const forProvider: ObjectType = { ...specDef.type, properties: specDef.type.properties.map(optional) };
      changes.set(parameters, { ...specDef, name: parameters, description: `The parameters of the ${k.kind} in Azure.`, type: forProvider });
      const init = claim(`${k.kind}_InitParameters`);
      // No `discriminator` here: initProvider need not name the variant of a polymorphic body (forProvider must).
      const { discriminator: _, ...initType } = forProvider;
      changes.set(init, { name: init, side: 'spec', description: `The parameters of ${k.kind} set only on create.`, type: { ...initType, properties: forProvider.properties.filter((p) => !isIdentityOrReference(p)) } });
      const description = specDef.description ?? `The desired state of the ${k.kind}: its parameters in Azure and how Crossplane manages it.`;
      changes.set(k.specType!, { name: k.specType!, side: 'spec', description, source: specDef.source, type: resourceSpec(parameters, init, common) });
      moved.set(k.specType!, parameters);
      after.set(k.specType!, [parameters, init]);
      const required = specDef.type.properties.filter((p) => p.required && p.kubernetesOnly !== true);
      const rules = required.filter((p) => celVisible(pkg, p.type)).map((p) => requiredRule(p.name));
      if (rules.length < required.length) context.count('crossplane.requiredRulesCelCannotSee', required.length - rules.length);
      if (rules.length) info.specRules = rules;
    }
    let statusType = k.statusType;
    let observation: string | undefined;
    if (statusType && pkg.types[statusType]) {
      observation = claim(`${k.kind}_Observation`);
      changes.set(observation, { ...pkg.types[statusType], name: observation });
      moved.set(statusType, observation);
      after.set(statusType, [observation]);
    } else statusType = claim(`${k.kind}_STATUS`);
    changes.set(statusType, { name: statusType, side: 'status', description: `The observed state of the ${k.kind}.`, source: r.source, type: resourceStatus(observation, common) });
    info.statusType = statusType;
    context.count('crossplane.managedResources');
    return { ...r, kubernetes: info };
  });

  for (const [name, def] of common.added) changes.set(name, def);
  const types: Record<string, TypeDefinition> = {};
  for (const name in pkg.types) {
    types[name] = changes.get(name) ?? pkg.types[name];
    for (const next of after.get(name) ?? []) types[next] = changes.get(next)!;
  }
  for (const [name, def] of changes) if (!(name in types)) types[name] = def;
  // The wrappers took the old names: what referred to an old spec or status now names its
  // content. The wrappers themselves refer only to new names, which no old name equals.
  for (const [name, def] of Object.entries(types)) {
    const type = mapType(def.type, (t) => (t.kind === 'ref' && moved.has(t.name) ? { kind: 'ref', name: moved.get(t.name)! } : t));
    if (type !== def.type) types[name] = { ...def, type };
  }
  return { ...pkg, types, resources };
}

/**
 * A top-level parameter made optional: a CEL rule requires it where it must be set. The envelope
 * rule of a field required in an optional envelope is dropped too: forProvider and initProvider
 * together make the body, so a rule on one of them alone would refuse a valid split.
 */
function optional(p: Property): Property {
  if (!p.required && p.requiredInEnvelope === undefined) return p;
  const { requiredInEnvelope: _, ...rest } = p;
  return { ...rest, required: false };
}

/** The identity (URL) fields and the Ref/Selector fields, which `initProvider` leaves out as upjet does. */
function isIdentityOrReference(p: Property): boolean {
  const role = p.annotations?.crossplane;
  return role === 'identity' || role === 'ref' || role === 'selector';
}

/**
 * Whether CEL sees a field of this type. The API server leaves out of CEL's view a field whose
 * schema has no type (free-form, `x-kubernetes-preserve-unknown-fields`), and a map or list of
 * such values: a rule that names it fails to compile ("undefined field") and the whole CRD is
 * refused. Found by the cluster suite (DataFactory managedVirtualNetworks: `properties`, a map
 * of free-form values).
 */
function celVisible(pkg: ApiPackage, type: Type, depth = 0): boolean {
  if (depth > 32) return true;
  if (type.kind === 'ref') {
    const target = pkg.types[type.name]?.type;
    return target === undefined || celVisible(pkg, target, depth + 1);
  }
  if (type.kind === 'any') return false;
  // An object with no properties of its own is emitted as a map of its extra keys.
  if (type.kind === 'object' && type.properties.length === 0 && type.additionalProperties) return celVisible(pkg, type.additionalProperties, depth + 1);
  if (type.kind === 'map') return celVisible(pkg, type.values, depth + 1);
  if (type.kind === 'array') return celVisible(pkg, type.items, depth + 1);
  return true;
}

/** upjet's rule: a required parameter is set in forProvider or initProvider whenever Crossplane may create or update. */
function requiredRule(name: string): { rule: string; message: string } {
  const field = CEL_RESERVED.has(name) ? `__${name}__` : name;
  const acts = ['*', 'Create', 'Update'].map((a) => `'${a}' in self.managementPolicies`).join(' || ');
  return {
    rule: `!(${acts}) || has(self.forProvider.${field}) || (has(self.initProvider) && has(self.initProvider.${field}))`,
    message: `spec.forProvider.${name} is a required parameter`,
  };
}

/** The property of a managed resource's spec that holds its ARM parameters. */
export const FOR_PROVIDER = 'forProvider';

function resourceSpec(parameters: string, init: string, common: CommonTypes): ObjectType {
  const ref = (name: string): Type => ({ kind: 'ref', name });
  return {
    kind: 'object',
    properties: [
      { ...crossplaneProperty(FOR_PROVIDER, ref(parameters), 'resourceSpec', 'The parameters of the resource in Azure.'), required: true },
      crossplaneProperty(
        'initProvider',
        ref(init),
        'resourceSpec',
        'Parameters Crossplane merges into forProvider when it creates the resource and then leaves alone (for values something else manages afterwards, such as an autoscaler). The fields of forProvider without the identity and reference fields.',
      ),
      {
        ...crossplaneProperty(
          'managementPolicies',
          { kind: 'array', items: closedEnum(...MANAGEMENT_ACTIONS) },
          'resourceSpec',
          'What Crossplane may do with the resource in Azure: Observe, Create, Update, Delete, LateInitialize (copy values Azure chose into forProvider), or * for all.',
        ),
        kubernetesDefault: ['*'],
      },
      { ...crossplaneProperty('providerConfigRef', common.ref('Reference'), 'resourceSpec', 'The ProviderConfig that says how to connect to Azure (credentials, subscription).'), kubernetesDefault: { name: 'default' } },
      { ...crossplaneProperty('deletionPolicy', closedEnum('Orphan', 'Delete'), 'resourceSpec', 'Whether deleting this object deletes the resource in Azure (Delete) or leaves it (Orphan).'), kubernetesDefault: 'Delete' },
      crossplaneProperty('writeConnectionSecretToRef', common.ref('SecretReference'), 'resourceSpec', 'The Secret Crossplane writes the connection details of the resource to (endpoints, keys, passwords).'),
    ],
  };
}

function resourceStatus(observation: string | undefined, common: CommonTypes): ObjectType {
  const properties: Property[] = [];
  if (observation) properties.push(crossplaneProperty('atProvider', { kind: 'ref', name: observation }, 'resourceStatus', 'The observed state of the resource in Azure, without secrets.'));
  properties.push(
    { ...crossplaneProperty('conditions', { kind: 'array', items: common.ref('Condition') }, 'resourceStatus', 'The conditions of the resource: Ready, Synced and others.'), role: 'conditions' },
    crossplaneProperty('observedGeneration', { kind: 'primitive', primitive: 'integer', format: 'int64' }, 'resourceStatus', 'The latest metadata.generation that led to a Ready condition, or to an error Crossplane cannot get past.'),
  );
  return { kind: 'object', properties };
}
