/**
 * Helpers of the CRD emitter tests: an emit context that records diagnostics and counters,
 * hand-built packages and models, the fixture through the `aso` stages, and the conversion of a
 * CRD schema to JSON Schema for ajv (Kubernetes extensions removed or translated).
 */
import { Ajv } from 'ajv';
import { Diagnostics } from '../../../../generator/diagnostics.js';
import type { EmitContext } from '../../../../generator/emit/emitter.js';
import type { ApiPackage, KubernetesResourceInfo, Model, Property, Resource, Type, TypeDefinition } from '../../../../generator/model/types.js';
import { asoStages } from '../../../../generator/targets/aso.js';
import { loadFixture, runStages } from '../../../helpers.js';

export interface RecordingContext extends EmitContext {
  counts: Record<string, number>;
}

export function recordingContext(): RecordingContext {
  const counts: Record<string, number> = {};
  return {
    diagnostics: new Diagnostics('crd'),
    counts,
    count: (key, by = 1) => {
      counts[key] = (counts[key] ?? 0) + by;
    },
  };
}

export function codes(context: EmitContext): string[] {
  return context.diagnostics.items.map((d) => d.code);
}

export function prop(name: string, type: Type, extra: Partial<Property> = {}): Property {
  return { name, armName: name, type, required: false, readOnly: false, ...extra };
}

export const STRING: Type = { kind: 'primitive', primitive: 'string' };

/** A package of named types (a `Type`, or a definition without its name). */
export function pkgOf(types: Record<string, Type | Omit<TypeDefinition, 'name'>>, resources: Resource[] = [], id = 'test/2021-01-01'): ApiPackage {
  const defs: Record<string, TypeDefinition> = {};
  for (const [name, t] of Object.entries(types)) defs[name] = 'kind' in t ? { name, type: t } : { name, ...t };
  return { id, namespace: 'Microsoft.Test', apiVersion: '2021-01-01', stability: 'stable', files: [], types: defs, resources };
}

/** A resource of kind `kind` with the given Kubernetes facts. */
export function resourceOf(armType: string, apiVersion: string, kubernetes: Partial<KubernetesResourceInfo> & { kind: string }): Resource {
  const version = 'v' + apiVersion.replace(/[^a-z0-9]/gi, '').toLowerCase();
  return {
    armType,
    apiVersion,
    scope: 'resourceGroup',
    urlTemplate: `/subscriptions/{s}/resourceGroups/{rg}/providers/${armType}/{name}`,
    source: { file: 'test.json', pointer: '/paths/x/put' },
    kubernetes: { group: 'test.azure.com', version, plural: `${kubernetes.kind.toLowerCase()}s`, storage: true, ...kubernetes },
  };
}

/** A one-package model with one kind `Widget` whose spec and status are the given object types. */
export function widgetModel(spec: Type, status: Type = { kind: 'object', properties: [] }, more: Record<string, Type | Omit<TypeDefinition, 'name'>> = {}): Model {
  const resource = resourceOf('Microsoft.Test/widgets', '2021-01-01', { kind: 'Widget', specType: 'Widget_Spec', statusType: 'Widget_STATUS' });
  return { packages: [pkgOf({ Widget_Spec: spec, Widget_STATUS: status, ...more }, [resource])] };
}

export const FIXTURE = 'emit/crd';

/** The emitter fixture (Microsoft.Test at three api-versions) through every `aso` stage. */
export function fixtureModel(): Model {
  const loaded = loadFixture(FIXTURE);
  return runStages(loaded.model, [...asoStages]).model;
}

/**
 * The JSON Schema (draft-07, for ajv) of a CRD schema: `x-kubernetes-*` keys removed
 * (`x-kubernetes-list-type: set` becomes `uniqueItems`), OpenAPI's boolean exclusive bounds made
 * numbers. A node that only preserved unknown fields becomes `{}`: any value.
 */
export function toJsonSchema(s: unknown): unknown {
  if (Array.isArray(s)) return s.map(toJsonSchema);
  if (typeof s !== 'object' || s === null) return s;
  const src = s as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(src)) {
    if (k === 'properties') out.properties = Object.fromEntries(Object.entries(v as Record<string, unknown>).map(([n, c]) => [n, toJsonSchema(c)]));
    else if (k === 'x-kubernetes-list-type') {
      if (v === 'set') out.uniqueItems = true;
    } else if (k.startsWith('x-kubernetes-') || k === 'exclusiveMinimum' || k === 'exclusiveMaximum') continue;
    else if (k === 'items' || k === 'additionalProperties' || k === 'not' || k === 'oneOf' || k === 'anyOf' || k === 'allOf') out[k] = toJsonSchema(v);
    else out[k] = v;
  }
  if (src.exclusiveMinimum === true && typeof src.minimum === 'number') {
    out.exclusiveMinimum = src.minimum;
    delete out.minimum;
  }
  if (src.exclusiveMaximum === true && typeof src.maximum === 'number') {
    out.exclusiveMaximum = src.maximum;
    delete out.maximum;
  }
  return out;
}

/** An ajv validator of a CRD version's `openAPIV3Schema`. */
export function validatorOf(openAPIV3Schema: unknown) {
  const ajv = new Ajv({ strict: false, allErrors: true, validateFormats: false });
  return ajv.compile(toJsonSchema(openAPIV3Schema) as object);
}
