/**
 * status-conditions: gives every resource status the operator's `conditions`, as in ASO.
 *
 * Each package with Kubernetes resources gets one named status type for a condition, shaped like
 * ASO's `conditions.Condition` (and `metav1.Condition`): `type`, `status` (True/False/Unknown),
 * `severity` (Error/Warning/Info/""), `lastTransitionTime`, `reason`, `message`,
 * `observedGeneration`. It is named `Condition_KubernetesStatus` (a suffix no ARM-derived status
 * type has; numbered if a spec ever uses that name). Every `<Kind>_STATUS` gets, first, the
 * property `conditions`: an array of that type, `role: 'conditions'` (not part of the ARM
 * payload), keyed by `type` (`identifiers`: the CRD makes it a list map, as Kubernetes' own
 * conditions are). An ARM property that
 * would also be named `conditions` is renamed `armConditions` and reported. A resource without a
 * status type gets one holding just `conditions`.
 *
 * Runs after `spec-status`, after `validations` (status enums become documentation there, while
 * the condition enums are Kubernetes' own and stay enforced) and before `tidy`, which must see the
 * new type in use.
 */
import type { ApiPackage, ObjectType, Property, Resource, Type, TypeDefinition } from '../model/types.js';
import { mapPackages } from '../model/walk.js';
import { withDefinitions } from './sides.js';
import type { Stage, StageContext } from './stage.js';

/**
 * The `status-conditions` stage: adds the Kubernetes `conditions` (an array of `Condition`) in
 * front of every resource status.
 */
export const statusConditionsStage: Stage = {
  id: 'status-conditions',
  description: 'adds the Kubernetes `conditions` (array of Condition) in front of every resource status',
  requires: ['spec-status'],
  runsAfter: ['validations'],
  runsBefore: ['tidy'],
  run: (model, context) => mapPackages(model, (pkg) => conditionsOfPackage(pkg, context)),
};

export const CONDITION_TYPE_NAME = 'Condition_KubernetesStatus';

const STRING: Type = { kind: 'primitive', primitive: 'string' };

function field(name: string, type: Type, required: boolean, description: string): Property {
  return { name, armName: name, type, required, readOnly: false, description };
}

function closedEnum(...values: string[]): Type {
  return { kind: 'enum', base: 'string', open: false, values: values.map((value) => ({ value })) };
}

/** The condition type, as ASO's `conditions.Condition`. */
export const CONDITION_TYPE: ObjectType = {
  kind: 'object',
  properties: [
    field('type', STRING, true, 'The type of the condition, e.g. Ready.'),
    field('status', closedEnum('True', 'False', 'Unknown'), true, 'Whether the condition holds: True, False or Unknown.'),
    field('severity', closedEnum('Error', 'Warning', 'Info', ''), false, 'How bad a False condition is: Error, Warning or Info; empty when the condition is True.'),
    field('lastTransitionTime', { kind: 'primitive', primitive: 'string', format: 'date-time' }, true, 'When the condition last changed from one status to another.'),
    field('reason', STRING, false, 'A CamelCase reason for the last transition.'),
    field('message', STRING, false, 'A human-readable message about the last transition.'),
    field('observedGeneration', { kind: 'primitive', primitive: 'integer', format: 'int64' }, false, 'The metadata.generation of the resource the condition was set for.'),
  ],
};

function conditionsProperty(typeName: string): Property {
  return {
    name: 'conditions',
    armName: 'conditions',
    type: { kind: 'array', items: { kind: 'ref', name: typeName }, identifiers: ['type'] },
    required: false,
    readOnly: true,
    role: 'conditions',
    description: 'The conditions of the reconciliation of the resource by the operator.',
  };
}

function conditionsOfPackage(pkg: ApiPackage, context: StageContext): ApiPackage {
  if (!pkg.resources.some((r) => r.kubernetes)) return pkg;
  const changes = new Map<string, TypeDefinition>();
  const taken = (name: string) => pkg.types[name] !== undefined || changes.has(name);
  let conditionName = CONDITION_TYPE_NAME;
  for (let i = 2; taken(conditionName) && pkg.types[conditionName]?.type !== CONDITION_TYPE; i++) conditionName = `${CONDITION_TYPE_NAME}${i}`;
  changes.set(conditionName, {
    name: conditionName,
    type: CONDITION_TYPE,
    side: 'status',
    description: 'A condition of the reconciliation of a resource by the operator (as ASO conditions.Condition).',
  });
  const resources = pkg.resources.map((resource): Resource => {
    const k = resource.kubernetes;
    if (!k) return resource;
    let statusType = k.statusType;
    if (statusType === undefined) {
      statusType = `${k.kind}_STATUS`;
      for (let i = 2; taken(statusType); i++) statusType = `${k.kind}_STATUS${i}`;
      changes.set(statusType, { name: statusType, type: { kind: 'object', properties: [] }, side: 'status', source: resource.source });
    }
    const def = changes.get(statusType) ?? pkg.types[statusType];
    const withConditions = def && addConditions(def, conditionName, context);
    if (withConditions) changes.set(statusType, withConditions);
    return statusType === k.statusType ? resource : { ...resource, kubernetes: { ...k, statusType } };
  });
  return { ...pkg, types: withDefinitions(pkg.types, changes), resources };
}

/** The status type with `conditions` in front; undefined when it has them already or is not an object. */
function addConditions(def: TypeDefinition, conditionName: string, context: StageContext): TypeDefinition | undefined {
  const t = def.type;
  if (t.kind !== 'object') {
    context.diagnostics.warning('status-not-object', `status type ${def.name} is not an object; it gets no conditions`, def.source);
    return undefined;
  }
  if (t.properties.some((p) => p.role === 'conditions')) return undefined;
  const properties = t.properties.map((p) => {
    if (p.name.toLowerCase() !== 'conditions') return p;
    const name = freeName(t, 'armConditions');
    context.diagnostics.warning('conditions-collision', `${def.name}: the ARM property ${p.armName} is named ${name}, as conditions holds the Kubernetes conditions`, p.source ?? def.source);
    return { ...p, name, annotations: { ...p.annotations, renamed: 'collision' } };
  });
  context.count('conditions');
  return { ...def, type: { ...t, properties: [conditionsProperty(conditionName), ...properties] } };
}

function freeName(t: ObjectType, wanted: string): string {
  const taken = new Set(t.properties.map((p) => p.name.toLowerCase()));
  let name = wanted;
  for (let i = 2; taken.has(name.toLowerCase()); i++) name = `${wanted}${i}`;
  return name;
}
