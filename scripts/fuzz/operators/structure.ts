/**
 * Structural mutations: a deleted key, a value of the wrong JSON type (owing `not-swagger`,
 * `invalid-structure` or `invalid-schema` at the places the loader checks), a duplicated key,
 * an unsupported Swagger version, weird keys for paths, definitions and properties.
 */
import { deleteAt, isJsonObject, listNodes, pointerOf, renameAt, setAt, type Json, type JsonPath } from '../json-tree.js';
import { weirdPathKey, WEIRD_NAMES } from '../payloads.js';
import type { Rng } from '../prng.js';
import { wrongTypeCodes } from '../schema-paths.js';
import { convertedSchemas, definitionRef } from './candidates.js';
import type { TreeOperator } from './operator.js';

export const deleteKey: TreeOperator = (rng, doc) => {
  const nodes = listNodes(doc).filter((n) => n.path.length > 0);
  if (!nodes.length) return undefined;
  const { path } = rng.pick(nodes);
  deleteAt(doc, path);
  return { root: doc, path, detail: `deleted ${pointerOf(path)}`, skipsFile: path.length === 1 && path[0] === 'swagger' };
};

export function wrongValue(rng: Rng, value: Json): { value: Json; name: string } {
  const options: { value: Json; name: string }[] = Array.isArray(value)
    ? [{ value: { fuzz: true }, name: 'object' }, { value: 'fuzz', name: 'string' }, { value: null, name: 'null' }]
    : isJsonObject(value)
      ? [{ value: 'fuzz', name: 'string' }, { value: 42, name: 'number' }, { value: [1, 'two'], name: 'array' }, { value: null, name: 'null' }]
      : [{ value: { fuzz: true }, name: 'object' }, { value: ['fuzz'], name: 'array' }, { value: typeof value === 'number' ? 'fuzz' : 7, name: typeof value === 'number' ? 'string' : 'number' }];
  return rng.pick(options);
}

/** Keys whose values the loader and the stages read: wrong types there reach the most code. */
const KEYWORDS: ReadonlySet<string> = new Set([
  'type', 'format', 'enum', 'x-ms-enum', 'required', 'readOnly', 'discriminator', 'x-ms-discriminator-value', 'allOf', 'items',
  'additionalProperties', 'properties', 'x-ms-mutability', 'x-ms-identifiers', 'x-ms-arm-id-details', 'x-ms-client-flatten',
  'x-ms-client-name', 'x-ms-secret', 'x-ms-azure-resource', 'pattern', 'minimum', 'maxLength', 'minItems', 'default',
  'description', 'in', 'name', 'schema', 'parameters', 'responses', '$ref', 'values', 'modelAsString', 'value', 'info', 'swagger',
]);

export const wrongType: TreeOperator = (rng, doc) => {
  const nodes = listNodes(doc);
  const structural = nodes.filter((n) => (isJsonObject(n.value) || Array.isArray(n.value)) && wrongTypeCodes(doc, n.path));
  const keyed = nodes.filter((n) => n.path.length > 0 && KEYWORDS.has(String(n.path[n.path.length - 1])));
  const roll = rng.float();
  const { path, value } = structural.length && roll < 0.4 ? rng.pick(structural) : keyed.length && roll < 0.8 ? rng.pick(keyed) : rng.pick(nodes);
  const replacement = wrongValue(rng, value);
  const expect = isJsonObject(value) || Array.isArray(value) ? wrongTypeCodes(doc, path) : undefined;
  return { root: setAt(doc, path, replacement.value), path, detail: `${pointerOf(path)} → ${replacement.name}`, expect, skipsFile: path.length === 0 };
};

export const duplicateKey: TreeOperator = (rng, doc, splices) => {
  const nodes = listNodes(doc);
  const objects = nodes.filter((n) => isJsonObject(n.value) && Object.keys(n.value).length > 0);
  if (!objects.length) return undefined;
  const { path, value } = rng.pick(objects) as { path: JsonPath; value: { [key: string]: Json } };
  const key = rng.pick(Object.keys(value));
  const other = rng.chance(0.5) ? rng.pick(nodes).value : wrongValue(rng, value[key]).value;
  const entries = Object.entries(value).map(([k, v]) => `${JSON.stringify(k)}:${JSON.stringify(v)}`);
  const dup = `${JSON.stringify(key)}:${JSON.stringify(other)}`;
  const first = rng.chance(0.5);
  const text = `{${first ? [dup, ...entries] : [...entries, dup]}}`;
  const root = setAt(doc, path, splices.placeholder(text));
  return { root, path, detail: `duplicate key ${JSON.stringify(key.slice(0, 40))} ${first ? 'before' : 'after'} the original at ${pointerOf(path)}` };
};

export const swaggerVersion: TreeOperator = (rng, doc) => {
  if (!isJsonObject(doc)) return undefined;
  if (rng.chance(0.25)) {
    delete doc.swagger;
    const root = { openapi: '3.0.0', ...doc };
    return { root, path: ['openapi'], detail: 'swagger key replaced by openapi: 3.0.0', expect: ['unsupported-openapi'], skipsFile: true };
  }
  const version = rng.pick<Json>(['3.0', '1.2', '2.0.1', 3, 2, null, '']);
  setAt(doc, ['swagger'], version);
  return { root: doc, path: ['swagger'], detail: `swagger: ${JSON.stringify(version)}`, expect: ['unsupported-swagger-version'] };
};

export const weirdKey: TreeOperator = (rng, doc) => {
  if (!isJsonObject(doc)) return undefined;
  const where = rng.pick(['path', 'definition', 'property'] as const);
  if (where === 'path') {
    const section = isJsonObject(doc['x-ms-paths']) && rng.chance(0.3) ? 'x-ms-paths' : 'paths';
    const paths = doc[section];
    if (!isJsonObject(paths) || !Object.keys(paths).length) return undefined;
    const real = rng.pick(Object.keys(paths));
    const key = weirdPathKey(rng, real);
    if (key in paths && key !== real) return undefined;
    renameAt(doc, [section, real], key);
    return { root: doc, path: [section, key], detail: `path ${real} renamed ${JSON.stringify(key.slice(0, 80))}` };
  }
  if (where === 'definition') {
    if (!isJsonObject(doc.definitions) || !Object.keys(doc.definitions).length) return undefined;
    const old = rng.pick(Object.keys(doc.definitions));
    const name = rng.pick(WEIRD_NAMES);
    if (Object.prototype.hasOwnProperty.call(doc.definitions, name)) return undefined;
    renameAt(doc, ['definitions', old], name);
    const from = JSON.stringify('#/definitions/' + old).slice(0, -1) + '"';
    const to = JSON.stringify(definitionRef(name)).slice(0, -1) + '"';
    return { root: doc, path: ['definitions', name], detail: `definition ${old} renamed ${JSON.stringify(name.slice(0, 40))} (refs updated)`, after: (text) => text.split(from).join(to) };
  }
  const schemas = convertedSchemas(rng, doc, (_, s) => isJsonObject(s.properties) && Object.keys(s.properties).length > 0);
  if (!schemas.length) return undefined;
  const { path, value } = rng.pick(schemas) as { path: JsonPath; value: { [key: string]: Json } };
  const properties = value.properties as { [key: string]: Json };
  const old = rng.pick(Object.keys(properties));
  const name = rng.pick(WEIRD_NAMES);
  if (Object.prototype.hasOwnProperty.call(properties, name)) return undefined;
  renameAt(doc, [...path, 'properties', old], name);
  return { root: doc, path: [...path, 'properties', name], detail: `property ${old} at ${pointerOf(path)} renamed ${JSON.stringify(name.slice(0, 40))}` };
};
