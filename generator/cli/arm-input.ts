/**
 * What `import` reads: an ARM resource body (`az resource show`, a GET response, an ARM template
 * resource) or an x-ms-examples file of the specs (`{ parameters, responses }`). From an example
 * it takes the PUT request body (the one object-valued parameter, or `--parameter`), and the
 * `id`, `name` and `type` of the 200/201 response when the request has none; an example without a
 * request body (a GET) gives its response body.
 */
import type { Diagnostic } from '../diagnostics.js';
import { parseArmId } from '../runtime/index.js';
import { isObject, type Json } from './documents.js';
import { error } from './generated-output.js';

export interface ArmInput {
  /** The body for `armToSpec`. */
  body: Json;
  /** Where the body is in the file (JSON pointer). */
  pointer: string;
  /** What the body is, for messages: `the resource body`, `the request body parameter "parameters"`. */
  what: string;
  armType?: string;
  apiVersion?: string;
  id?: string;
  name?: string;
}

/** Keys of an ARM resource body: the parameter holding most of them is the PUT body. */
const BODY_KEYS = ['properties', 'location', 'tags', 'sku', 'kind', 'identity', 'zones', 'etag', 'plan', 'extendedLocation'];

const str = (v: unknown) => (typeof v === 'string' && v ? v : undefined);

export function armInputOf(value: unknown, file: string, bodyParameter?: string): ArmInput | Diagnostic {
  if (!isObject(value)) return error('invalid-arm-body', `${file} holds ${Array.isArray(value) ? 'an array' : typeof value}, not an ARM resource body or an x-ms-examples file`, file);
  const isExample = isObject(value.parameters) && isObject(value.responses);
  if (!isExample) {
    if (bodyParameter !== undefined) return error('invalid-arm-body', `--parameter ${bodyParameter} is for x-ms-examples files; ${file} is a resource body (no "parameters" and "responses")`, file);
    return withIdentity({ body: value, pointer: '', what: 'the resource body', apiVersion: str(value.apiVersion) }, value);
  }
  const parameters = value.parameters as Json;
  const responses = value.responses as Json;
  const response = ['200', '201'].map((code) => (responses[code] as Json | undefined)?.body).find(isObject);
  const apiVersion = str(parameters['api-version']);
  const objects = Object.keys(parameters).filter((k) => isObject(parameters[k]));
  let name = bodyParameter;
  if (name !== undefined) {
    if (!isObject(parameters[name])) return error('invalid-arm-body', `${file} has no object parameter "${name}"; its object parameters are: ${objects.join(', ') || 'none'}`, file, '/parameters');
  } else if (objects.length === 1) name = objects[0];
  else if (objects.length > 1) {
    const score = (k: string) => BODY_KEYS.filter((key) => key in (parameters[k] as Json)).length + (k === 'parameters' ? 0.5 : 0);
    const ranked = [...objects].sort((a, b) => score(b) - score(a));
    if (score(ranked[0]) === score(ranked[1])) return error('ambiguous-arm-body', `${file} has several object parameters (${objects.join(', ')}): pass the request body's with --parameter`, file, '/parameters');
    name = ranked[0];
  }
  if (name !== undefined) {
    const input = withIdentity({ body: parameters[name] as Json, pointer: `/parameters/${name}`, what: `the request body parameter "${name}"`, apiVersion }, parameters[name] as Json);
    return response ? withIdentity(input, response) : input;
  }
  if (response) return withIdentity({ body: response, pointer: `/responses/${isObject((responses['200'] as Json | undefined)?.body) ? '200' : '201'}/body`, what: 'the response body (the example has no request body)', apiVersion }, response);
  return error('invalid-arm-body', `${file} is an x-ms-examples file without a request body parameter or a 200/201 response body`, file, '/parameters');
}

/** Fills what the input still lacks (`id`, `name`, `type`) from `source` (the body, then the response). */
function withIdentity(input: ArmInput, source: Json): ArmInput {
  const out = { ...input };
  out.id ??= str(source.id);
  out.name ??= str(source.name);
  out.armType ??= str(source.type);
  if (out.armType === undefined && out.id !== undefined) {
    const parsed = parseArmId(out.id);
    if (parsed.ok) out.armType = parsed.armType;
  }
  return out;
}
