/**
 * Reads the x-ms-examples of a resource's PUT: the request body, and the resource's ARM ID and
 * name, taken from the example's parameters (the URL template filled in) or else from the
 * response's `id`. A file that is missing is normal (the corpus keeps `examples/` folders only for
 * some versions); a file that is not JSON, or not an example, is a diagnostic.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Diagnostics } from '../../diagnostics.js';
import type { Resource } from '../../model/types.js';
import { parseArmId } from '../../runtime/arm-id.js';

export interface ExampleRequest {
  /** Relative to the specs root. */
  file: string;
  body: Record<string, unknown>;
  /** The resource's ARM ID, when the example gives enough to know it. */
  armId?: string;
  /** The resource's ARM name. */
  armName?: string;
}

export type ExampleRead = { request: ExampleRequest } | { missing: true } | { unusable: string };

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

export function readExample(specsDir: string, file: string, resource: Resource, diagnostics: Diagnostics): ExampleRead {
  const full = path.join(specsDir, file);
  if (!existsSync(full)) return { missing: true };
  let doc: unknown;
  try {
    doc = JSON.parse(readFileSync(full, 'utf8'));
  } catch (e) {
    const reason = `not valid JSON: ${(e as Error).message}`;
    diagnostics.warning('docs-example-invalid', `the x-ms-examples file ${file} of ${resource.armType} ${resource.apiVersion} is ${reason}`, { file, pointer: '' });
    return { unusable: reason };
  }
  if (!isObject(doc) || !isObject(doc.parameters)) {
    const reason = 'it has no "parameters" object';
    diagnostics.warning('docs-example-invalid', `the x-ms-examples file ${file} of ${resource.armType} ${resource.apiVersion} is not an example: ${reason}`, { file, pointer: '' });
    return { unusable: reason };
  }
  if (resource.bodyParameter === undefined) return { unusable: 'the PUT operation has no body' };
  const body = requestBody(doc.parameters, resource.bodyParameter);
  if (!body) return { unusable: `no request body (no object in the parameter "${resource.bodyParameter}")` };
  // Parameters are often placeholders (`"scope": "scope"`): the first candidate that is an ARM ID wins.
  const parsed = [idFromParameters(resource.urlTemplate, doc.parameters), idFromResponses(doc.responses)]
    .map((id) => (id === undefined ? undefined : parseArmId(id)))
    .find((p) => p?.ok);
  const armName =
    resource.fixedName ??
    stringParameter(doc.parameters, resource.nameParameter) ??
    (parsed?.ok ? parsed.name : undefined) ??
    (typeof body.name === 'string' ? body.name : undefined);
  const request: ExampleRequest = { file, body };
  if (parsed?.ok) request.armId = parsed.id;
  if (armName !== undefined) request.armName = armName;
  return { request };
}

/** The body parameter; else, when an example misnames it, the one parameter that holds an object. */
function requestBody(parameters: Json, name: string): Json | undefined {
  const named = parameters[name];
  if (isObject(named)) return named;
  if (named !== undefined) return undefined;
  const objects = Object.values(parameters).filter(isObject);
  return objects.length === 1 ? objects[0] : undefined;
}

function stringParameter(parameters: Json, name: string | undefined): string | undefined {
  const value = name === undefined ? undefined : parameters[name];
  return typeof value === 'string' && value !== '' ? value : undefined;
}

/** The URL template with every `{parameter}` filled from the example; undefined when one is missing. */
function idFromParameters(urlTemplate: string, parameters: Json): string | undefined {
  let complete = true;
  const id = urlTemplate.replace(/\{([^}]*)\}/g, (_, name: string) => {
    const value = stringParameter(parameters, name);
    if (value === undefined) complete = false;
    // An extension scope (`{scope}`) is often written without its leading slash.
    return (value ?? '').replace(/^\/+/, '');
  });
  return complete ? id.replace(/\/{2,}/g, '/') : undefined;
}

function idFromResponses(responses: unknown): string | undefined {
  if (!isObject(responses)) return undefined;
  for (const code of ['200', '201', '202']) {
    const response = responses[code];
    const id = isObject(response) && isObject(response.body) ? response.body.id : undefined;
    if (typeof id === 'string' && id.startsWith('/')) return id;
  }
  return undefined;
}
