/**
 * A CRD version's `openAPIV3Schema` as JSON Schema (draft-07) for ajv, checking what the API
 * server checks with `kubectl apply` (server-side field validation `Strict`, kubectl's default):
 *
 * - `x-kubernetes-*` keys are not JSON Schema: `x-kubernetes-list-type: set` becomes `uniqueItems`,
 *   `x-kubernetes-int-or-string` an integer-or-string, the rest is dropped;
 * - an object with `properties` (or of `type: object` with none), no `additionalProperties` and
 *   no `x-kubernetes-preserve-unknown-fields` refuses other keys (the API server reports them as
 *   unknown fields); the root's `metadata` is the server's ObjectMeta and stays open;
 * - `nullable: true` admits null; OpenAPI's boolean `exclusiveMinimum`/`exclusiveMaximum` become numbers.
 *
 * Null values of fields that are not nullable are pruned by the API server before validation;
 * `pruneNulls` does the same to the object. Then it applies the schema's defaults (`applyDefaults`).
 */

type Schema = Record<string, unknown>;

const isObject = (v: unknown): v is Schema => typeof v === 'object' && v !== null && !Array.isArray(v);

const SUBSCHEMA_LISTS = new Set(['oneOf', 'anyOf', 'allOf']);
const SUBSCHEMAS = new Set(['items', 'not']);

export function crdSchemaToJsonSchema(schema: unknown): unknown {
  const out = convert(schema);
  // The root's metadata is the API server's own (ObjectMeta): the CRD schema does not close it.
  if (isObject(out) && isObject(out.properties) && isObject(out.properties.metadata)) out.properties = { ...out.properties, metadata: { type: 'object' } };
  return out;
}

function convert(schema: unknown): unknown {
  if (!isObject(schema)) return schema;
  const out: Schema = {};
  for (const [key, value] of Object.entries(schema)) {
    if (key === 'properties' && isObject(value)) out.properties = Object.fromEntries(Object.entries(value).map(([name, s]) => [name, convert(s)]));
    else if (key === 'additionalProperties') out.additionalProperties = typeof value === 'boolean' ? value : convert(value);
    else if (SUBSCHEMAS.has(key)) out[key] = convert(value);
    else if (SUBSCHEMA_LISTS.has(key) && Array.isArray(value)) out[key] = value.map(convert);
    else if (key === 'x-kubernetes-list-type') {
      if (value === 'set') out.uniqueItems = true;
    } else if (key === 'x-kubernetes-int-or-string') {
      if (value === true) out.type = ['integer', 'string'];
    } else if (key.startsWith('x-kubernetes-') || key === 'exclusiveMinimum' || key === 'exclusiveMaximum' || key === 'nullable') continue;
    else out[key] = value;
  }
  if (schema.exclusiveMinimum === true && typeof schema.minimum === 'number') {
    out.exclusiveMinimum = schema.minimum;
    delete out.minimum;
  }
  if (schema.exclusiveMaximum === true && typeof schema.maximum === 'number') {
    out.exclusiveMaximum = schema.maximum;
    delete out.maximum;
  }
  if (schema.nullable === true && typeof out.type === 'string') out.type = [out.type, 'null'];
  if (schema.nullable === true && Array.isArray(out.enum)) out.enum = [...out.enum, null];
  // An object schema without properties closes the object too: the API server keeps no field of it.
  const closedObject = isObject(schema.properties) || (schema.type === 'object' && schema.properties === undefined);
  if (closedObject && schema.additionalProperties === undefined && schema['x-kubernetes-preserve-unknown-fields'] !== true) out.additionalProperties = false;
  return out;
}

/**
 * The object with every null value in a mapping removed where the schema does not say
 * `nullable: true`, as the API server prunes them (array elements are kept: null there is an error).
 */
export function pruneNulls(value: unknown, schema: unknown): unknown {
  const s = isObject(schema) ? schema : {};
  if (Array.isArray(value)) return value.map((item) => pruneNulls(item, s.items));
  if (!isObject(value)) return value;
  const properties = isObject(s.properties) ? s.properties : {};
  const out: Schema = {};
  for (const [key, child] of Object.entries(value)) {
    const childSchema = Object.hasOwn(properties, key) ? properties[key] : s.additionalProperties;
    if (child === null && !(isObject(childSchema) && childSchema.nullable === true)) continue;
    setOwn(out, key, pruneNulls(child, childSchema));
  }
  return out;
}

/**
 * The object with the schema's `default`s filled in where a property is absent, as the API server
 * defaults a custom resource before it validates it (on create): the properties of each object
 * present, the elements of arrays and the values of maps. Absent objects are not created, and a
 * default is copied, never shared.
 */
export function applyDefaults(value: unknown, schema: unknown): unknown {
  const s = isObject(schema) ? schema : {};
  if (Array.isArray(value)) return isObject(s.items) ? value.map((item) => applyDefaults(item, s.items)) : value;
  if (!isObject(value)) return value;
  const properties = isObject(s.properties) ? s.properties : undefined;
  const extra = isObject(s.additionalProperties) ? s.additionalProperties : undefined;
  if (!properties && !extra) return value;
  const out: Schema = {};
  for (const [key, child] of Object.entries(value)) setOwn(out, key, applyDefaults(child, properties && Object.hasOwn(properties, key) ? properties[key] : extra));
  for (const [key, child] of Object.entries(properties ?? {})) {
    if (Object.hasOwn(out, key) || !isObject(child) || child.default === undefined) continue;
    setOwn(out, key, applyDefaults(structuredClone(child.default), child));
  }
  return out;
}

/** `out[key] = value`, also for a key such as `__proto__` (an assignment would set the prototype). */
function setOwn(out: Schema, key: string, value: unknown): void {
  Object.defineProperty(out, key, { value, enumerable: true, writable: true, configurable: true });
}
