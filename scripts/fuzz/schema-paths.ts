/**
 * Where a node sits in a Swagger document, as the armkube loader sees it: whether the loader
 * converts the schema at a path (every definition of a package file is converted, and from it
 * the sub-schemas the converter descends into), and whether a wrong type at a path is at a
 * structural place the loader must report. The fuzzer uses this to know which mutations must
 * produce a diagnostic naming the mutated file.
 */
import { getAt, isJsonObject, type Json, type JsonPath } from './json-tree.js';

export const HTTP_METHODS: readonly string[] = ['get', 'put', 'post', 'patch', 'delete', 'head', 'options'];
const TOP_SECTIONS: readonly string[] = ['paths', 'x-ms-paths', 'definitions', 'parameters', 'responses'];
const PATH_SECTIONS: readonly string[] = ['paths', 'x-ms-paths'];
const PRIMITIVES: readonly string[] = ['string', 'integer', 'number', 'boolean'];

/** How the converter treats a schema object: which children it descends into. */
export type SchemaShape = 'ref' | 'leaf' | 'array' | 'object';

export function schemaShape(schema: { [key: string]: Json }): SchemaShape {
  if (schema.$ref !== undefined) return 'ref';
  const declared = typeof schema.type === 'string' ? schema.type : undefined;
  if (Array.isArray(schema.enum) && (declared === undefined || PRIMITIVES.includes(declared))) return 'leaf';
  if (declared !== undefined && PRIMITIVES.includes(declared)) return 'leaf';
  if (declared === 'array' || (declared === undefined && schema.items !== undefined)) return 'array';
  if (declared !== undefined && declared !== 'object') return 'leaf';
  return 'object';
}

/** Segments the converter consumes to go from `schema` to the child schema named at `path[i...]`, or 0. */
function childStep(schema: { [key: string]: Json }, path: JsonPath, i: number): number {
  const shape = schemaShape(schema);
  if (shape === 'array') return path[i] === 'items' ? 1 : 0;
  if (shape !== 'object') return 0;
  const key = path[i];
  if (key === 'properties' && i + 1 < path.length && isJsonObject(schema.properties) && Object.keys(schema.properties).length > 0) return 2;
  if (key === 'allOf' && i + 1 < path.length && Array.isArray(schema.allOf) && schema.allOf.length > 0) return 2;
  if (key === 'additionalProperties') {
    const extra = schema.additionalProperties;
    const trivial = extra === undefined || extra === false || extra === true || (isJsonObject(extra) && Object.keys(extra).length === 0);
    return trivial ? 0 : 1;
  }
  return 0;
}

/** True when the loader converts whatever value is at `path` as a schema (judged on the ancestors only). */
export function isConvertedSchema(doc: Json, path: JsonPath): boolean {
  if (path.length < 2 || path[0] !== 'definitions') return false;
  if (getAt(doc, path.slice(0, 2)) === undefined) return false;
  let i = 2;
  while (i < path.length) {
    const schema = getAt(doc, path.slice(0, i));
    if (!isJsonObject(schema)) return false;
    const step = childStep(schema, path, i);
    if (step === 0) return false;
    i += step;
  }
  return true;
}

/**
 * The diagnostic codes the loader reports for a value of the wrong type at `path`, or undefined
 * when `path` is not a structural place it checks: the root (`not-swagger`), the sections,
 * path items, operations and parameter lists (`invalid-structure`), converted schemas and their
 * `properties` / `allOf` (`invalid-schema`).
 */
export function wrongTypeCodes(doc: Json, path: JsonPath): readonly string[] | undefined {
  const n = path.length;
  if (n === 0) return ['not-swagger'];
  const structure = ['invalid-structure'];
  if (n === 1) return TOP_SECTIONS.includes(String(path[0])) ? structure : undefined;
  if (PATH_SECTIONS.includes(String(path[0]))) {
    if (n === 2) return structure;
    if (n === 3) return HTTP_METHODS.includes(String(path[2])) || path[2] === 'parameters' ? structure : undefined;
    if (n === 4) return HTTP_METHODS.includes(String(path[2])) && path[3] === 'parameters' ? structure : undefined;
    return undefined;
  }
  if (isConvertedSchema(doc, path)) return ['invalid-schema'];
  // `properties` / `allOf` of a converted object schema.
  const last = path[n - 1];
  if (last !== 'properties' && last !== 'allOf') return undefined;
  const parent = getAt(doc, path.slice(0, -1));
  return isJsonObject(parent) && schemaShape(parent) === 'object' && isConvertedSchema(doc, path.slice(0, -1)) ? ['invalid-schema'] : undefined;
}

/** The definition name a `$ref` string points at (`...#/definitions/<name>`), in any file. */
function refDefinition(ref: string): string | undefined {
  const at = ref.indexOf('#/definitions/');
  if (at < 0) return undefined;
  const name = ref.slice(at + '#/definitions/'.length);
  return name.includes('/') ? undefined : name;
}

function collectRefs(node: Json, into: string[]): void {
  const stack: Json[] = [node];
  while (stack.length) {
    const n = stack.pop()!;
    if (Array.isArray(n)) stack.push(...n);
    else if (isJsonObject(n)) {
      for (const [k, v] of Object.entries(n)) {
        if (k === '$ref' && typeof v === 'string') {
          const name = refDefinition(v);
          if (name !== undefined) into.push(name);
        } else if (k !== 'x-ms-examples') stack.push(v);
      }
    }
  }
}

/**
 * Definitions of `doc` that the resources' PUT and GET operations reach through `$ref`s (by
 * name, whichever file the `$ref` names): the types that end up in the generated output.
 */
export function resourceDefinitions(doc: Json): Set<string> {
  const reached = new Set<string>();
  if (!isJsonObject(doc)) return reached;
  const queue: string[] = [];
  for (const section of PATH_SECTIONS) {
    const paths = doc[section];
    if (!isJsonObject(paths)) continue;
    for (const item of Object.values(paths)) {
      if (!isJsonObject(item) || !isJsonObject(item.put)) continue;
      collectRefs(item.put, queue);
      if (item.get !== undefined) collectRefs(item.get, queue);
    }
  }
  const definitions = isJsonObject(doc.definitions) ? doc.definitions : {};
  while (queue.length) {
    const name = queue.pop()!;
    if (reached.has(name)) continue;
    reached.add(name);
    if (Object.prototype.hasOwnProperty.call(definitions, name)) collectRefs(definitions[name], queue);
  }
  return reached;
}
