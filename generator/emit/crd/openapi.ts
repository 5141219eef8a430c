/**
 * The subset of OpenAPI v3 (Kubernetes `JSONSchemaProps`) that the CRD emitter writes, and the
 * full list of keywords Kubernetes knows, for the structural checker. Plain data: the YAML
 * renderer prints keys in insertion order, so builders add them in a fixed order: description,
 * type, format, enum, validations, items, properties, required, additionalProperties, oneOf,
 * then the `x-kubernetes-*` extensions.
 */
import type { Validations } from '../../model/types.js';

export type SchemaType = 'object' | 'array' | 'string' | 'integer' | 'number' | 'boolean';

/** The model's validation keywords, less `uniqueItems` (Kubernetes refuses it; see schema.ts). */
export interface CrdSchema extends Omit<Validations, 'uniqueItems'> {
  description?: string;
  type?: SchemaType;
  format?: string;
  enum?: (string | number | boolean)[];
  items?: CrdSchema;
  properties?: Record<string, CrdSchema>;
  required?: string[];
  additionalProperties?: CrdSchema;
  oneOf?: CrdSchema[];
  'x-kubernetes-preserve-unknown-fields'?: true;
  'x-kubernetes-list-type'?: 'atomic' | 'set' | 'map';
  /** With list type `map`: the item properties that identify an item (server-side apply merges per item). */
  'x-kubernetes-list-map-keys'?: string[];
  /** CEL rules: where the model asks for them (`KubernetesResourceInfo.specRules`) and for fields required inside an optional envelope. */
  'x-kubernetes-validations'?: { rule: string; message?: string }[];
  /** Only Kubernetes defaults (a property's `kubernetesDefault`); ARM defaults are the service's. */
  default?: unknown;
}

/** The field names of Kubernetes' `apiextensions/v1.JSONSchemaProps`: any other key is unknown to the API server. */
export const KUBERNETES_SCHEMA_KEYWORDS: ReadonlySet<string> = new Set([
  'id',
  '$schema',
  '$ref',
  'description',
  'type',
  'format',
  'title',
  'default',
  'maximum',
  'exclusiveMaximum',
  'minimum',
  'exclusiveMinimum',
  'maxLength',
  'minLength',
  'pattern',
  'maxItems',
  'minItems',
  'uniqueItems',
  'multipleOf',
  'enum',
  'maxProperties',
  'minProperties',
  'required',
  'items',
  'allOf',
  'oneOf',
  'anyOf',
  'not',
  'properties',
  'additionalProperties',
  'patternProperties',
  'dependencies',
  'additionalItems',
  'definitions',
  'externalDocs',
  'example',
  'nullable',
  'x-kubernetes-preserve-unknown-fields',
  'x-kubernetes-embedded-resource',
  'x-kubernetes-int-or-string',
  'x-kubernetes-list-map-keys',
  'x-kubernetes-list-type',
  'x-kubernetes-map-type',
  'x-kubernetes-validations',
]);

/** Sets an own enumerable property, safe for any name (`__proto__` included). */
export function setOwn<T>(target: Record<string, T>, key: string, value: T): void {
  // Plain assignment is several times faster; only `__proto__` has a setter on a plain object.
  if (key === '__proto__') Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
  else target[key] = value;
}
