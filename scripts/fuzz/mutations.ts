/**
 * The mutation engine: 1–3 seeded mutations of real spec files per case. Each mutation says
 * what it did (kind, file, JSON pointer, detail) and whether the input is now broken in a way
 * the loader must report with a diagnostic naming the file (`mustReport`): truncated or empty
 * JSON, invalid UTF-8, dangling or cyclic `$ref`s and wrong types at places the loader reads,
 * schemas nested deeper than the loader's limit, an unsupported Swagger version. Other
 * mutations (deleted keys, huge strings, weird keys, duplicate keys, a BOM) only must not crash
 * or hang the generator.
 */
import { deepSchemaText, deepValueText, hugeString, INVALID_UTF8, weirdPathKey, WEIRD_NAMES } from './payloads.js';
import { getAt, isJsonObject, listNodes, pointerOf, RawSplices, renameAt, setAt, deleteAt, type Json, type JsonPath } from './json-tree.js';
import type { Rng } from './prng.js';
import { isConvertedSchema, resourceDefinitions, schemaShape, wrongTypeCodes } from './schema-paths.js';
import { escapePointerSegment } from '../../generator/diagnostics.js';

export interface FuzzFile {
  /** Path relative to the specs root, forward slashes. */
  rel: string;
  bytes: Buffer;
  /** A file of the package under test (shared files, such as common-types, are never mutated). */
  mutable: boolean;
}

export interface Mutation {
  kind: string;
  file: string;
  /** JSON pointer of the mutated node; `''` for the root or for byte-level mutations. */
  pointer: string;
  detail: string;
  /** The loader must report this mutation with a diagnostic naming `file`, with one of `expectedCodes`. */
  mustReport: boolean;
  expectedCodes?: readonly string[];
  /** Why an expectation was dropped (a later mutation changed the same place). */
  superseded?: string;
}

interface Applied extends Mutation {
  /** Tree path of the mutated node; undefined for byte-level mutations (they touch the whole file). */
  path?: JsonPath;
  /** The loader now skips the file as a whole (not JSON, not Swagger, OpenAPI): other changes to it go unseen. */
  skipsFile: boolean;
}

interface FileState {
  file: FuzzFile;
  /** The file still parses and holds nothing JSON.stringify cannot write back (deep nesting). */
  treeOk: boolean;
}

/** `expect`: the diagnostic codes the loader must report for this mutation (undefined: none required). */
type TreeResult = { root: Json; path: JsonPath; detail: string; expect?: readonly string[]; deep?: boolean; skipsFile?: boolean; after?: (text: string) => string };
type TreeOperator = (rng: Rng, doc: Json, splices: RawSplices) => TreeResult | undefined;
type ByteOperator = (rng: Rng, bytes: Buffer) => { bytes: Buffer; detail: string; expect?: readonly string[] } | undefined;

const BOM = Buffer.from([0xef, 0xbb, 0xbf]);
/** What the loader reports for bytes that are not a JSON document in UTF-8. */
const BROKEN_BYTES: readonly string[] = ['invalid-json', 'invalid-utf8'];

/** Parses spec bytes the way the loader does (UTF-8, one leading BOM ignored); undefined when invalid. */
export function parseSpec(bytes: Buffer): Json | undefined {
  const text = bytes.toString('utf8');
  try {
    return JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text) as Json;
  } catch {
    return undefined;
  }
}

/** The bytes still parse as JSON and are valid UTF-8: the loader would not notice the change by itself. */
function stillValid(bytes: Buffer): boolean {
  return parseSpec(bytes) !== undefined && Buffer.from(bytes.toString('utf8'), 'utf8').equals(bytes);
}

// ---- tree operators ----

const deleteKey: TreeOperator = (rng, doc) => {
  const nodes = listNodes(doc).filter((n) => n.path.length > 0);
  if (!nodes.length) return undefined;
  const { path } = rng.pick(nodes);
  deleteAt(doc, path);
  return { root: doc, path, detail: `deleted ${pointerOf(path)}`, skipsFile: path.length === 1 && path[0] === 'swagger' };
};

function wrongValue(rng: Rng, value: Json): { value: Json; name: string } {
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

const wrongType: TreeOperator = (rng, doc) => {
  const nodes = listNodes(doc);
  const structural = nodes.filter((n) => (isJsonObject(n.value) || Array.isArray(n.value)) && wrongTypeCodes(doc, n.path));
  const keyed = nodes.filter((n) => n.path.length > 0 && KEYWORDS.has(String(n.path[n.path.length - 1])));
  const roll = rng.float();
  const { path, value } = structural.length && roll < 0.4 ? rng.pick(structural) : keyed.length && roll < 0.8 ? rng.pick(keyed) : rng.pick(nodes);
  const replacement = wrongValue(rng, value);
  const expect = isJsonObject(value) || Array.isArray(value) ? wrongTypeCodes(doc, path) : undefined;
  return { root: setAt(doc, path, replacement.value), path, detail: `${pointerOf(path)} → ${replacement.name}`, expect, skipsFile: path.length === 0 };
};

const brokenRef: TreeOperator = (rng, doc) => {
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

const aliasCycle: TreeOperator = (rng, doc) => {
  const defs = isJsonObject(doc) && isJsonObject(doc.definitions) ? Object.keys(doc.definitions) : [];
  if (!defs.length) return undefined;
  const a = rng.pick(defs);
  const b = rng.pick(defs);
  const ref = (name: string) => '#/definitions/' + encodeURIComponent(escapePointerSegment(name));
  setAt(doc, ['definitions', a], { $ref: ref(b) });
  setAt(doc, ['definitions', b], { $ref: ref(a) });
  return { root: doc, path: ['definitions', a], detail: `definitions ${a} and ${b} refer to each other only`, expect: ['ref-cycle'] };
};

/** Two definitions (or one) that inherit from each other through `allOf`. */
const allOfCycle: TreeOperator = (rng, doc) => {
  const defs = isJsonObject(doc) && isJsonObject(doc.definitions) ? Object.keys(doc.definitions) : [];
  if (!defs.length) return undefined;
  const reached = [...resourceDefinitions(doc)].filter((d) => defs.includes(d));
  const a = rng.pick(reached.length ? reached : defs);
  const b = rng.chance(0.3) ? a : rng.pick(defs);
  const ref = (name: string) => ({ $ref: '#/definitions/' + encodeURIComponent(escapePointerSegment(name)) });
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
  return { root: doc, path: ['definitions', a], detail: a === b ? `definition ${a} inherits from itself` : `definitions ${a} and ${b} inherit from each other`, expect };
};

/** A discriminator on one definition and subtypes of it (`allOf` + `x-ms-discriminator-value`), with odd values. */
const discriminator: TreeOperator = (rng, doc) => {
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
    const allOf = [...(Array.isArray(base.allOf) ? base.allOf : []), { $ref: '#/definitions/' + encodeURIComponent(escapePointerSegment(root)) }];
    setAt(doc, ['definitions', sub], { ...base, allOf, 'x-ms-discriminator-value': rng.pick(values) });
    subtypes.push(sub);
  }
  return { root: doc, path: ['definitions', root], detail: `discriminator ${JSON.stringify(field)} on ${root}, subtypes ${subtypes.join(', ')}` };
};

/**
 * Schema objects the loader converts that pass `filter`; mostly (when there are some) those of
 * definitions the resources reach, whose changes travel through the stages into the output.
 */
function convertedSchemas(rng: Rng, doc: Json, filter: (path: JsonPath, schema: { [key: string]: Json }) => boolean = () => true) {
  const all = listNodes(doc).filter((n) => isJsonObject(n.value) && isConvertedSchema(doc, n.path) && filter(n.path, n.value));
  const reached = resourceDefinitions(doc);
  const inResources = all.filter((n) => reached.has(String(n.path[1])));
  return inResources.length && rng.chance(0.8) ? inResources : all;
}

const hugeStringOp: TreeOperator = (rng, doc) => {
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

const deepSchema: TreeOperator = (rng, doc, splices) => {
  const objects = convertedSchemas(rng, doc, (_, s) => schemaShape(s) === 'object');
  if (!objects.length) return undefined;
  const { path, value } = rng.pick(objects) as { path: JsonPath; value: { [key: string]: Json } };
  const via = rng.pick(['properties', 'items', 'allOf', 'additionalProperties'] as const);
  const properties = isJsonObject(value.properties) ? value.properties : {};
  setAt(doc, [...path, 'properties'], properties);
  setAt(doc, [...path, 'properties', 'fuzzDeep'], splices.placeholder(deepSchemaText(via)));
  return { root: doc, path: [...path, 'properties', 'fuzzDeep'], detail: `schema nested 10,000 levels via ${via} at ${pointerOf(path)}/properties/fuzzDeep`, expect: ['schema-too-deep'], deep: true };
};

const deepValue: TreeOperator = (rng, doc, splices) => {
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
  const expect = kind === 'arrays' ? wrongTypeCodes(doc, path) : path.length === 0 ? ['not-swagger'] : undefined;
  const root = setAt(doc, path, splices.placeholder(deepValueText(kind)));
  return { root, path, detail: `${kind} nested 10,000 levels at ${pointerOf(path)}`, expect, deep: true, skipsFile: path.length === 0 };
};

const duplicateKey: TreeOperator = (rng, doc, splices) => {
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

const swaggerVersion: TreeOperator = (rng, doc) => {
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

const weirdKey: TreeOperator = (rng, doc) => {
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
    const to = JSON.stringify('#/definitions/' + encodeURIComponent(escapePointerSegment(name))).slice(0, -1) + '"';
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

// ---- byte operators ----

function lastNonWhitespace(bytes: Buffer): number {
  let i = bytes.length - 1;
  while (i >= 0 && (bytes[i] === 0x20 || bytes[i] === 0x0a || bytes[i] === 0x0d || bytes[i] === 0x09)) i--;
  return i;
}

const truncate: ByteOperator = (rng, bytes) => {
  const end = lastNonWhitespace(bytes);
  if (end < 1) return undefined;
  const cut = rng.int(0, end - 1);
  const out = bytes.subarray(0, cut);
  return { bytes: Buffer.from(out), detail: `cut at byte ${cut} of ${bytes.length}`, expect: stillValid(out) ? undefined : BROKEN_BYTES };
};

const emptyFile: ByteOperator = () => ({ bytes: Buffer.alloc(0), detail: 'emptied', expect: ['invalid-json'] });

const bom: ByteOperator = (rng, bytes) => {
  const at = rng.chance(0.5) ? 0 : rng.int(0, bytes.length);
  const out = Buffer.concat([bytes.subarray(0, at), BOM, bytes.subarray(at)]);
  return { bytes: out, detail: `BOM inserted at byte ${at}`, expect: stillValid(out) ? undefined : BROKEN_BYTES };
};

const invalidUtf8: ByteOperator = (rng, bytes) => {
  const seq = rng.pick(INVALID_UTF8);
  const at = rng.int(0, bytes.length);
  const out = Buffer.concat([bytes.subarray(0, at), Buffer.from(seq), bytes.subarray(at)]);
  return { bytes: out, detail: `bytes ${seq.map((b) => b.toString(16)).join(' ')} inserted at byte ${at}`, expect: ['invalid-utf8'] };
};

const TREE_OPERATORS: Record<string, TreeOperator> = {
  'delete-key': deleteKey,
  'wrong-type': wrongType,
  'broken-ref': brokenRef,
  'alias-cycle': aliasCycle,
  'allof-cycle': allOfCycle,
  discriminator,
  'huge-string': hugeStringOp,
  'deep-schema': deepSchema,
  'deep-value': deepValue,
  'duplicate-key': duplicateKey,
  'swagger-version': swaggerVersion,
  'weird-key': weirdKey,
};
const BYTE_OPERATORS: Record<string, ByteOperator> = {
  truncate,
  'empty-file': emptyFile,
  bom,
  'invalid-utf8': invalidUtf8,
};

/** Relative weights: tree mutations reach deeper into the generator than broken bytes do. */
const WEIGHTS: [string, number][] = [
  ['delete-key', 3], ['wrong-type', 4], ['broken-ref', 3], ['alias-cycle', 1], ['allof-cycle', 1], ['discriminator', 2], ['huge-string', 2], ['deep-schema', 2],
  ['deep-value', 2], ['duplicate-key', 2], ['swagger-version', 1], ['weird-key', 3], ['truncate', 2], ['empty-file', 1],
  ['bom', 1], ['invalid-utf8', 1],
];
export const MUTATION_KINDS: readonly string[] = WEIGHTS.map(([k]) => k);

function pickKind(rng: Rng, only?: readonly string[]): string {
  const weights = only ? WEIGHTS.filter(([k]) => only.includes(k)) : WEIGHTS;
  let roll = rng.float() * weights.reduce((n, [, w]) => n + w, 0);
  for (const [kind, w] of weights) if ((roll -= w) < 0) return kind;
  return weights[weights.length - 1][0];
}

function expectation(codes: readonly string[] | undefined): { mustReport: boolean; expectedCodes?: readonly string[] } {
  return codes ? { mustReport: true, expectedCodes: codes } : { mustReport: false };
}

function applyTree(rng: Rng, kind: string, state: FileState): Applied | undefined {
  const doc = parseSpec(state.file.bytes);
  if (doc === undefined) return undefined;
  const splices = new RawSplices();
  const result = TREE_OPERATORS[kind](rng, doc, splices);
  if (!result) return undefined;
  let text = splices.serialize(result.root);
  if (result.after) text = result.after(text);
  state.file.bytes = Buffer.from(text, 'utf8');
  state.treeOk = !result.deep;
  return { kind, file: state.file.rel, pointer: pointerOf(result.path), path: result.path, detail: result.detail, skipsFile: result.skipsFile ?? false, ...expectation(result.expect) };
}

function applyBytes(rng: Rng, kind: string, state: FileState): Applied | undefined {
  const result = BYTE_OPERATORS[kind](rng, state.file.bytes);
  if (!result) return undefined;
  state.file.bytes = result.bytes;
  const valid = stillValid(result.bytes);
  state.treeOk = state.treeOk && valid;
  return { kind, file: state.file.rel, pointer: '', detail: result.detail, skipsFile: !valid || kind === 'invalid-utf8', ...expectation(result.expect) };
}

function isPrefix(prefix: JsonPath, path: JsonPath): boolean {
  return prefix.length <= path.length && prefix.every((s, i) => String(s) === String(path[i]));
}

/** A later mutation `later` may undo or hide `earlier` (same file, and it touched an ancestor, a sibling of one, or a descendant). */
function overwrites(earlier: Applied, later: Applied): boolean {
  if (!earlier.path || !later.path) return true;
  return isPrefix(later.path.slice(0, -1), earlier.path) || isPrefix(earlier.path, later.path);
}

/** Mutation `i` of `applied` may go unseen because of another one on the same file, before or after it. */
function hiddenBy(applied: readonly Applied[], i: number): Applied | undefined {
  const m = applied[i];
  return applied.find((other, j) => {
    if (j === i || other.file !== m.file) return false;
    // A file the loader skips hides every other change to it, except an earlier skip (still reported as such).
    if (other.skipsFile && (!m.skipsFile || j > i)) return true;
    return j > i && overwrites(m, other);
  });
}

export interface MutateOptions {
  /** How many mutations (each may fail to apply when nothing fits it; then another kind is tried). */
  count: number;
  /** Only these kinds (default: all of MUTATION_KINDS). */
  kinds?: readonly string[];
  /** The kind of the first mutation, when it applies (campaigns rotate it so every kind leads some case). */
  lead?: string;
}

/**
 * Applies mutations to the mutable files (replacing their bytes) and returns what was done,
 * with the expectations later mutations of the same place leave standing. Deterministic for a
 * given generator state.
 */
export function mutate(rng: Rng, files: FuzzFile[], options: MutateOptions): Mutation[] {
  const states = files.filter((f) => f.mutable).map((file): FileState => ({ file, treeOk: parseSpec(file.bytes) !== undefined }));
  if (!states.length) throw new Error('no mutable file');
  const applied: Applied[] = [];
  for (let n = 0; n < options.count; n++) {
    for (let attempt = 0; attempt < 50; attempt++) {
      const kind = n === 0 && options.lead && attempt < 10 ? options.lead : pickKind(rng, options.kinds);
      const state = rng.pick(states);
      const isTree = kind in TREE_OPERATORS;
      if (isTree && !state.treeOk) continue;
      const done = isTree ? applyTree(rng, kind, state) : applyBytes(rng, kind, state);
      if (done) {
        applied.push(done);
        break;
      }
    }
  }
  return applied.map((m, i) => {
    const hider = hiddenBy(applied, i);
    const { path: _path, skipsFile: _skips, ...mutation } = m;
    if (mutation.mustReport && hider) {
      const { expectedCodes: _codes, ...rest } = mutation;
      return { ...rest, mustReport: false, superseded: `${hider.kind} ${hider.pointer}` };
    }
    return mutation;
  });
}
