/**
 * Size mutations: huge strings (1–5 MB text, 64 KB–1 MB names) and JSON nested 10,000 levels
 * deep (schemas, owing `schema-too-deep`; plain values anywhere).
 */
import { getAt, isJsonObject, listNodes, pointerOf, renameAt, setAt, type Json, type JsonPath } from '../json-tree.js';
import { deepSchemaText, deepValueText, hugeString } from '../payloads.js';
import { schemaShape, wrongTypeCodes } from '../schema-paths.js';
import { convertedSchemas } from './candidates.js';
import type { TreeOperator } from './operator.js';

export const hugeStringOp: TreeOperator = (rng, doc) => {
  const where = rng.pick(['description', 'enum', 'pattern', 'x-ms-enum name', 'info description', 'property name', 'x-ms-client-name'] as const);
  const isName = where === 'property name' || where === 'x-ms-client-name' || where === 'x-ms-enum name';
  const { text, shape } = hugeString(rng, isName ? 'name' : 'text');
  const size = `${Math.round(text.length / 1024)} KB ${shape}`;
  if (where === 'info description') {
    if (!isJsonObject(doc) || !isJsonObject(doc.info)) return undefined;
    setAt(doc, ['info', 'description'], text);
    return { root: doc, path: ['info', 'description'], detail: `${size} /info/description` };
  }
  const candidates = where === 'description' || where === 'x-ms-client-name' ? convertedSchemas(rng, doc) : convertedSchemas(rng, doc, (_, s) => s.type === 'string' || Array.isArray(s.enum));
  if (!candidates.length) return undefined;
  const { path, value } = rng.pick(candidates) as { path: JsonPath; value: { [key: string]: Json } };
  if (where === 'property name') {
    const holders = convertedSchemas(rng, doc, (_, s) => isJsonObject(s.properties) && Object.keys(s.properties).length > 0);
    if (!holders.length) return undefined;
    const holder = rng.pick(holders);
    const old = rng.pick(Object.keys((holder.value as { properties: { [key: string]: Json } }).properties));
    renameAt(doc, [...holder.path, 'properties', old], text);
    return { root: doc, path: [...holder.path, 'properties'], detail: `${size} property name replacing ${old} at ${pointerOf(holder.path)}` };
  }
  if (where === 'enum') {
    const values = Array.isArray(value.enum) ? [...value.enum, text] : ['small', text];
    setAt(doc, [...path, 'enum'], values);
    return { root: doc, path: [...path, 'enum'], detail: `${size} enum value at ${pointerOf(path)}` };
  }
  if (where === 'x-ms-enum name') {
    setAt(doc, [...path, 'enum'], Array.isArray(value.enum) ? value.enum : ['a', 'b']);
    setAt(doc, [...path, 'x-ms-enum'], { name: text, modelAsString: rng.chance(0.5) });
    return { root: doc, path: [...path, 'x-ms-enum'], detail: `${size} x-ms-enum name at ${pointerOf(path)}` };
  }
  setAt(doc, [...path, where], text);
  return { root: doc, path: [...path, where], detail: `${size} ${where} at ${pointerOf(path)}` };
};

export const deepSchema: TreeOperator = (rng, doc, splices) => {
  const objects = convertedSchemas(rng, doc, (_, s) => schemaShape(s) === 'object');
  if (!objects.length) return undefined;
  const { path, value } = rng.pick(objects) as { path: JsonPath; value: { [key: string]: Json } };
  const via = rng.pick(['properties', 'items', 'allOf', 'additionalProperties'] as const);
  const properties = isJsonObject(value.properties) ? value.properties : {};
  setAt(doc, [...path, 'properties'], properties);
  setAt(doc, [...path, 'properties', 'fuzzDeep'], splices.placeholder(deepSchemaText(via)));
  return { root: doc, path: [...path, 'properties', 'fuzzDeep'], detail: `schema nested 10,000 levels via ${via} at ${pointerOf(path)}/properties/fuzzDeep`, expect: ['schema-too-deep'], deep: true };
};

export const deepValue: TreeOperator = (rng, doc, splices) => {
  const kind = rng.pick(['arrays', 'objects'] as const);
  const asDefault = rng.chance(0.5);
  let path: JsonPath;
  if (asDefault) {
    const properties = convertedSchemas(rng, doc, (p) => p[p.length - 2] === 'properties');
    if (!properties.length) return undefined;
    path = [...rng.pick(properties).path, rng.pick(['default', 'x-ms-examples', 'example'])];
  } else {
    path = rng.pick(listNodes(doc)).path;
  }
  // Owed only where the type changes: an array replacing an array (a parameter list) is not a wrong type.
  const wasArray = Array.isArray(getAt(doc, path));
  const expect = kind === 'arrays' ? (wasArray ? undefined : wrongTypeCodes(doc, path)) : path.length === 0 ? ['not-swagger'] : undefined;
  const root = setAt(doc, path, splices.placeholder(deepValueText(kind)));
  return { root, path, detail: `${kind} nested 10,000 levels at ${pointerOf(path)}`, expect, deep: true, skipsFile: path.length === 0 };
};
