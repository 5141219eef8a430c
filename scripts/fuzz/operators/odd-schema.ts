/**
 * Valid but odd Swagger that the stages act on: flattening, secrets, read-only and mutability
 * marks, self-recursion, enum values that collide once named, ARM ID marks on anything,
 * `properties` beside `additionalProperties`, odd `required` lists, property names the stages
 * add themselves, defaults of the wrong type, and child resources without a parent.
 */
import { isJsonObject, pointerOf, setAt, type Json } from '../json-tree.js';
import { schemaShape } from '../schema-paths.js';
import { convertedSchemas, definitionRef } from './candidates.js';
import type { TreeOperator } from './operator.js';

/** Property names the aso stages add or give a meaning to: collisions with them test the stages' guards. */
const STAGE_NAMES: readonly string[] = ['spec', 'status', 'owner', 'azureName', 'conditions', 'properties', 'name', 'id', 'type', 'Name', 'operatorSpec', 'secrets', 'configMaps', 'location'];

export const oddSchema: TreeOperator = (rng, doc) => {
  const holders = convertedSchemas(rng, doc, (_, s) => schemaShape(s) === 'object' && isJsonObject(s.properties) && Object.keys(s.properties).length > 0);
  if (!holders.length || !isJsonObject(doc)) return undefined;
  const holder = rng.pick(holders);
  const schema = holder.value as { [key: string]: Json };
  const props = schema.properties as { [key: string]: Json };
  const names = Object.keys(props);
  const prop = rng.pick(names);
  const at = [...holder.path, 'properties', prop];
  const propSchema = props[prop];
  const with_ = (extra: { [key: string]: Json }): Json => ({ ...(isJsonObject(propSchema) ? propSchema : {}), ...extra });
  const variant = rng.pick(['flatten', 'secret', 'read-only', 'mutability', 'self-recursion', 'enum-collisions', 'arm-id', 'props-and-map', 'required', 'stage-name', 'wrong-default', 'orphan-child'] as const);
  switch (variant) {
    case 'flatten':
    case 'secret': {
      const key = variant === 'flatten' ? 'x-ms-client-flatten' : 'x-ms-secret';
      for (const name of rng.chance(0.5) ? names : [prop]) setAt(doc, [...holder.path, 'properties', name], { ...(isJsonObject(props[name]) ? (props[name] as object) : {}), [key]: true });
      return { root: doc, path: [...holder.path, 'properties'], detail: `${key} on properties of ${pointerOf(holder.path)}` };
    }
    case 'read-only':
      for (const name of names) setAt(doc, [...holder.path, 'properties', name], { ...(isJsonObject(props[name]) ? (props[name] as object) : {}), readOnly: true });
      return { root: doc, path: [...holder.path, 'properties'], detail: `every property of ${pointerOf(holder.path)} read-only` };
    case 'mutability': {
      const value = rng.pick<Json>([['read'], ['create'], ['update'], [], ['read', 'read'], ['bogus'], 'read']);
      setAt(doc, at, with_({ 'x-ms-mutability': value }));
      return { root: doc, path: at, detail: `x-ms-mutability ${JSON.stringify(value)} at ${pointerOf(at)}` };
    }
    case 'self-recursion': {
      const def = String(holder.path[1]);
      const ref = { $ref: definitionRef(def) };
      const shape = rng.pick<Json>([ref, { type: 'array', items: ref }, { type: 'object', additionalProperties: ref }, { allOf: [ref] }]);
      setAt(doc, [...holder.path, 'properties', 'fuzzSelf'], shape);
      return { root: doc, path: [...holder.path, 'properties', 'fuzzSelf'], detail: `property fuzzSelf of ${pointerOf(holder.path)} recurses into ${def}` };
    }
    case 'enum-collisions': {
      const values: Json[] = ['a-b', 'a_b', 'A B', 'a b', '', ' ', 'A-B', '1', 1, true, null, '__proto__', 'constructor', 'ü'];
      setAt(doc, at, with_({ type: 'string', enum: values, 'x-ms-enum': { name: rng.pick(['Fuzz', '', '__proto__', prop]), modelAsString: rng.chance(0.5) } }));
      return { root: doc, path: at, detail: `colliding enum values at ${pointerOf(at)}` };
    }
    case 'arm-id': {
      const allowed = rng.pick<Json>([[{ type: 'Microsoft.Network/virtualNetworks' }], [{ resourceType: '' }], [{ type: 'Foo' }, 42, null], []]);
      setAt(doc, at, with_({ format: 'arm-id', 'x-ms-arm-id-details': { allowedResources: allowed } }));
      return { root: doc, path: at, detail: `format arm-id on ${pointerOf(at)}` };
    }
    case 'props-and-map':
      setAt(doc, [...holder.path, 'additionalProperties'], rng.pick<Json>([true, { type: 'string' }, { $ref: definitionRef(String(holder.path[1])) }]));
      return { root: doc, path: [...holder.path, 'additionalProperties'], detail: `additionalProperties beside properties at ${pointerOf(holder.path)}` };
    case 'required': {
      const value = rng.pick<Json>([[...names, ...names], ['missing', ''], names.slice(0, 1), [prop, prop, '__proto__']]);
      setAt(doc, [...holder.path, 'required'], value);
      return { root: doc, path: [...holder.path, 'required'], detail: `required ${JSON.stringify(value).slice(0, 80)} at ${pointerOf(holder.path)}` };
    }
    case 'stage-name': {
      const name = rng.pick(STAGE_NAMES);
      setAt(doc, [...holder.path, 'properties', name], rng.pick<Json>([{ type: 'string' }, { type: 'object', properties: { x: { type: 'integer' } } }, { type: 'array', items: { type: 'string' } }]));
      return { root: doc, path: [...holder.path, 'properties', name], detail: `property ${name} added to ${pointerOf(holder.path)}` };
    }
    case 'wrong-default': {
      const value = rng.pick<Json>([{}, [], 'text', -1, true, null, { nested: { deep: [1, 2] } }]);
      setAt(doc, at, with_({ default: value }));
      return { root: doc, path: at, detail: `default ${JSON.stringify(value)} at ${pointerOf(at)}` };
    }
    case 'orphan-child': {
      const paths = isJsonObject(doc.paths) ? doc.paths : undefined;
      const put = paths && Object.entries(paths).find(([, item]) => isJsonObject(item) && isJsonObject(item.put));
      if (!paths || !put) return undefined;
      const url = put[0] + rng.pick(['/ghosts/{ghostName}/children/{childName}', '/{nested}/{deeper}', '/kids/{kidName}/kids/{kidName}', '/default', '/{scope}/providers/Fuzz.Other/things/{thingName}']);
      if (Object.prototype.hasOwnProperty.call(paths, url)) return undefined;
      setAt(doc, ['paths', url], put[1]);
      return { root: doc, path: ['paths', url], detail: `PUT ${url.slice(-80)} without a parent resource` };
    }
  }
};
