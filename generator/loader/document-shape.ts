/**
 * The shape of a Swagger document at the places the loader reads: `swagger` is "2.0", the
 * sections (`paths`, `x-ms-paths`, `definitions`, `parameters`, `responses`) are objects, each
 * path item and operation is an object, parameter lists are arrays. A part of the wrong type is
 * ignored by the loader; this says so with a diagnostic instead of leaving it silently out.
 */
import { Diagnostics, joinPointer } from '../diagnostics.js';
import { isObject, type JsonObject, type JsonValue } from './documents.js';

const SECTIONS = ['paths', 'x-ms-paths', 'definitions', 'parameters', 'responses'] as const;
const PATH_SECTIONS = ['paths', 'x-ms-paths'] as const;
const OPERATIONS = ['get', 'put', 'post', 'patch', 'delete', 'head', 'options'] as const;

function kindOf(value: JsonValue): string {
  return value === null ? 'null' : Array.isArray(value) ? 'an array' : typeof value === 'object' ? 'an object' : `a ${typeof value}`;
}

/** A short text for a value of any size or depth (never JSON.stringify of a whole tree: it may be nested too deep). */
function valueText(value: JsonValue): string {
  if (typeof value === 'string') return JSON.stringify(value.length > 100 ? value.slice(0, 100) + '…' : value);
  return typeof value === 'object' && value !== null ? kindOf(value) : String(value);
}

/** Reports the parts of `doc` (a Swagger document of `file`, relative to the specs root) that the loader must ignore. */
export function checkDocumentShape(doc: JsonObject, file: string, diagnostics: Diagnostics): void {
  const at = (pointer: string) => ({ file, pointer });
  if (doc.swagger !== '2.0') {
    diagnostics.warning('unsupported-swagger-version', `"swagger" is ${valueText(doc.swagger)}, not "2.0"; read as Swagger 2.0`, at('/swagger'));
  }
  const notObject = (value: JsonValue, pointer: string, what: string) => {
    diagnostics.error('invalid-structure', `${what} is ${kindOf(value)}, not an object; ignored`, at(pointer));
  };
  const notArray = (value: JsonValue, pointer: string) => {
    diagnostics.error('invalid-structure', `"parameters" is ${kindOf(value)}, not an array; ignored`, at(pointer));
  };
  for (const section of SECTIONS) {
    const value = doc[section];
    if (value !== undefined && !isObject(value)) notObject(value, joinPointer('', section), `"${section}"`);
  }
  for (const section of PATH_SECTIONS) {
    const paths = doc[section];
    if (!isObject(paths)) continue;
    for (const [url, item] of Object.entries(paths)) {
      const itemPointer = joinPointer('', section, url);
      if (!isObject(item)) {
        notObject(item, itemPointer, `path item ${url}`);
        continue;
      }
      if (item.parameters !== undefined && !Array.isArray(item.parameters)) notArray(item.parameters, joinPointer(itemPointer, 'parameters'));
      for (const method of OPERATIONS) {
        const op = item[method];
        if (op === undefined) continue;
        if (!isObject(op)) notObject(op, joinPointer(itemPointer, method), `operation ${method} ${url}`);
        else if (op.parameters !== undefined && !Array.isArray(op.parameters)) notArray(op.parameters, joinPointer(itemPointer, method, 'parameters'));
      }
    }
  }
}
