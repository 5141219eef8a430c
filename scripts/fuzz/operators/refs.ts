/**
 * Reference mutations: broken `$ref`s (dangling file or pointer, malformed, to itself: owing
 * `dangling-ref` / `ref-cycle` in converted schemas), `$ref` and `allOf` cycles between
 * definitions, and discriminators with odd subtypes.
 */
import { getAt, isJsonObject, listNodes, pointerOf, setAt } from '../json-tree.js';
import { isConvertedSchema, resourceDefinitions, schemaShape } from '../schema-paths.js';
import { definitionRef } from './candidates.js';
import type { TreeOperator } from './operator.js';

export const brokenRef: TreeOperator = (rng, doc) => {
  const refs = listNodes(doc).filter((n) => n.path[n.path.length - 1] === '$ref' && typeof n.value === 'string');
  if (!refs.length) return undefined;
  const preferred = refs.filter((n) => isConvertedSchema(doc, n.path.slice(0, -1)));
  const { path } = preferred.length && rng.chance(0.7) ? rng.pick(preferred) : rng.pick(refs);
  const holder = path.slice(0, -1);
  const dangling = ['dangling-ref'];
  const variants: [string, string, readonly string[] | undefined][] = [
    ['dangling file', './fuzz-missing.json#/definitions/Nowhere', dangling],
    ['dangling pointer', '#/definitions/FuzzMissing' + rng.int(0, 999), dangling],
    ['malformed pointer', '#/defin', dangling],
    ['malformed pointer', '#/definitions//x', dangling],
    ['ref to itself', '#' + pointerOf(holder), ['ref-cycle']],
    ['empty ref', '', undefined],
    ['remote ref', 'https://example.com/x.json#/definitions/X', undefined],
    ['percent garbage', '#/definitions/%E0%A4%A', undefined],
  ];
  const [name, ref, codes] = rng.pick(variants);
  const reached = isConvertedSchema(doc, holder);
  setAt(doc, path, ref);
  return { root: doc, path, detail: `${name}: ${pointerOf(path)} = ${JSON.stringify(ref)}`, expect: reached ? codes : undefined };
};

export const aliasCycle: TreeOperator = (rng, doc) => {
  const defs = isJsonObject(doc) && isJsonObject(doc.definitions) ? Object.keys(doc.definitions) : [];
  if (!defs.length) return undefined;
  const a = rng.pick(defs);
  const b = rng.pick(defs);
  const ref = definitionRef;
  setAt(doc, ['definitions', a], { $ref: ref(b) });
  setAt(doc, ['definitions', b], { $ref: ref(a) });
  return { root: doc, path: ['definitions', a], also: [['definitions', b]], detail: `definitions ${a} and ${b} refer to each other only`, expect: ['ref-cycle'] };
};

/** Two definitions (or one) that inherit from each other through `allOf`. */
export const allOfCycle: TreeOperator = (rng, doc) => {
  const defs = isJsonObject(doc) && isJsonObject(doc.definitions) ? Object.keys(doc.definitions) : [];
  if (!defs.length) return undefined;
  const reached = [...resourceDefinitions(doc)].filter((d) => defs.includes(d));
  const a = rng.pick(reached.length ? reached : defs);
  const b = rng.chance(0.3) ? a : rng.pick(defs);
  const ref = (name: string) => ({ $ref: definitionRef(name) });
  // Only object schemas read `allOf` (an enum, a primitive or a `$ref` alias ignores it).
  const objectShaped = (name: string) => {
    const def = getAt(doc, ['definitions', name]);
    return !isJsonObject(def) || schemaShape(def) === 'object';
  };
  const expect = objectShaped(a) && objectShaped(b) ? ['allof-cycle'] : undefined;
  for (const [from, to] of a === b ? [[a, a]] : [[a, b], [b, a]]) {
    const def = getAt(doc, ['definitions', from]);
    const base = isJsonObject(def) ? def : {};
    setAt(doc, ['definitions', from], { ...base, allOf: [...(Array.isArray(base.allOf) ? base.allOf : []), ref(to)] });
  }
  return { root: doc, path: ['definitions', a], also: [['definitions', b]], detail: a === b ? `definition ${a} inherits from itself` : `definitions ${a} and ${b} inherit from each other`, expect };
};

/** A discriminator on one definition and subtypes of it (`allOf` + `x-ms-discriminator-value`), with odd values. */
export const discriminator: TreeOperator = (rng, doc) => {
  const defs = isJsonObject(doc) && isJsonObject(doc.definitions) ? doc.definitions : undefined;
  if (!defs || !Object.keys(defs).length) return undefined;
  const names = Object.keys(defs);
  const reached = [...resourceDefinitions(doc)].filter((d) => names.includes(d));
  const root = rng.pick(reached.length ? reached : names);
  const rootDef = defs[root];
  const props = isJsonObject(rootDef) && isJsonObject(rootDef.properties) ? Object.keys(rootDef.properties) : [];
  const field = props.length && rng.chance(0.7) ? rng.pick(props) : rng.pick(['kind', 'missingField', '', '__proto__']);
  setAt(doc, ['definitions', root], { ...(isJsonObject(rootDef) ? rootDef : {}), discriminator: field });
  const values = ['A', 'A', '', '__proto__', 'constructor', 'x'.repeat(300), 'Ü', root];
  const subtypes: string[] = [];
  for (let i = rng.int(1, 3); i > 0; i--) {
    const sub = rng.pick(names);
    const subDef = defs[sub];
    const base = isJsonObject(subDef) ? subDef : {};
    const allOf = [...(Array.isArray(base.allOf) ? base.allOf : []), { $ref: definitionRef(root) }];
    setAt(doc, ['definitions', sub], { ...base, allOf, 'x-ms-discriminator-value': rng.pick(values) });
    subtypes.push(sub);
  }
  return { root: doc, path: ['definitions', root], also: subtypes.map((sub) => ['definitions', sub]), detail: `discriminator ${JSON.stringify(field)} on ${root}, subtypes ${subtypes.join(', ')}` };
};
