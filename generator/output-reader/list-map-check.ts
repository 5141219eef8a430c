/**
 * The API server's check of list maps (`x-kubernetes-list-type: map`): two items with the same
 * key values are refused ("Duplicate value"). JSON Schema cannot say this, so `validate` checks it
 * here, beside ajv.
 */
import type { FieldError } from './validate-object.js';

type Schema = Record<string, unknown>;
const isObject = (v: unknown): v is Schema => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Duplicate keys in every list map of `value`; `path` is the field path of `value`. */
export function listMapErrors(value: unknown, schema: unknown, path = ''): FieldError[] {
  if (!isObject(schema)) return [];
  const out: FieldError[] = [];
  if (Array.isArray(value)) {
    const keys = schema['x-kubernetes-list-map-keys'];
    if (schema['x-kubernetes-list-type'] === 'map' && Array.isArray(keys)) {
      const seen = new Set<string>();
      value.forEach((item, i) => {
        if (!isObject(item)) return;
        const key = JSON.stringify(keys.map((k) => item[String(k)] ?? null));
        if (seen.has(key)) out.push({ path: `${path}[${i}]`, message: `Duplicate value: ${JSON.stringify(Object.fromEntries(keys.map((k) => [k, item[String(k)]])))}` });
        seen.add(key);
      });
    }
    value.forEach((item, i) => out.push(...listMapErrors(item, schema.items, `${path}[${i}]`)));
    return out;
  }
  if (!isObject(value)) return out;
  const properties = isObject(schema.properties) ? schema.properties : {};
  for (const [key, child] of Object.entries(value)) {
    const childSchema = Object.hasOwn(properties, key) ? properties[key] : schema.additionalProperties;
    out.push(...listMapErrors(child, childSchema, path ? `${path}.${key}` : key));
  }
  return out;
}
