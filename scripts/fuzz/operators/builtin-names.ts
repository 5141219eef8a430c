/**
 * `builtin-name`: properties renamed to names every plain object inherits from `Object.prototype`
 * (`toString`, `constructor`, `__proto__`, `hasOwnProperty`, `valueOf` ...), 1–4 at once, in the
 * schemas the resources reach; a renamed property keeps its place in `required` and as the
 * `discriminator`. Generated code that reads such a name as a plain property finds the inherited
 * member, and TypeScript refuses `const x: T = {}` for such a `T`: the campaign type-checks the
 * output of every case (compile.ts).
 */
import { getAt, isJsonObject, pointerOf, renameAt, type Json, type JsonPath } from '../json-tree.js';
import { convertedSchemas } from './candidates.js';
import type { TreeOperator } from './operator.js';

/** Object.prototype's own names, from the engine itself (not from the emitter's list). */
export const BUILTIN_NAMES: readonly string[] = Object.getOwnPropertyNames(Object.prototype).sort();

const own = (o: object, key: string) => Object.prototype.hasOwnProperty.call(o, key);

export const builtinName: TreeOperator = (rng, doc) => {
  const schemas = convertedSchemas(rng, doc, (_, s) => isJsonObject(s.properties) && Object.keys(s.properties).length > 0);
  if (!schemas.length) return undefined;
  const renamed: { path: JsonPath; text: string }[] = [];
  const count = rng.int(1, 4);
  for (let i = 0; i < count * 3 && renamed.length < count; i++) {
    const { path, value } = rng.pick(schemas) as { path: JsonPath; value: { [key: string]: Json } };
    const properties = value.properties;
    // An earlier rename of this case may have renamed a key on the way to this schema.
    if (!isJsonObject(properties) || getAt(doc, [...path, 'properties']) !== properties) continue;
    const candidates = Object.keys(properties).filter((k) => !BUILTIN_NAMES.includes(k));
    const name = rng.pick(BUILTIN_NAMES);
    if (!candidates.length || own(properties, name)) continue;
    const old = rng.pick(candidates);
    renameAt(doc, [...path, 'properties', old], name);
    if (Array.isArray(value.required)) value.required = value.required.map((r) => (r === old ? name : r));
    if (value.discriminator === old) value.discriminator = name;
    renamed.push({ path: [...path, 'properties', name], text: `${old} → ${name} at ${pointerOf(path)}` });
  }
  if (!renamed.length) return undefined;
  return { root: doc, path: renamed[0].path, also: renamed.slice(1).map((r) => r.path), detail: `properties renamed: ${renamed.map((r) => r.text).join('; ')}` };
};
