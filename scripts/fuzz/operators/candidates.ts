/** Where schema mutations land: converted schemas, mostly of the definitions the resources reach. */
import { escapePointerSegment } from '../../../generator/diagnostics.js';
import { isJsonObject, listNodes, type Json, type JsonPath } from '../json-tree.js';
import type { Rng } from '../prng.js';
import { isConvertedSchema, resourceDefinitions } from '../schema-paths.js';

/**
 * Schema objects the loader converts that pass `filter`; mostly (when there are some) those of
 * definitions the resources reach, whose changes travel through the stages into the output.
 */
export function convertedSchemas(rng: Rng, doc: Json, filter: (path: JsonPath, schema: { [key: string]: Json }) => boolean = () => true) {
  const all = listNodes(doc).filter((n) => isJsonObject(n.value) && isConvertedSchema(doc, n.path) && filter(n.path, n.value));
  const reached = resourceDefinitions(doc);
  const inResources = all.filter((n) => reached.has(String(n.path[1])));
  return inResources.length && rng.chance(0.8) ? inResources : all;
}

/** A local `$ref` to a definition, whatever its name (pointer- and percent-escaped). */
export function definitionRef(name: string): string {
  return '#/definitions/' + encodeURIComponent(escapePointerSegment(name));
}
