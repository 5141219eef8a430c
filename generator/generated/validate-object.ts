/**
 * Validates a Kubernetes object against a CRD version's `openAPIV3Schema` with ajv, and words
 * each error as the API server would, on the field's path: `spec.accessTier: must be one of
 * "Hot", "Cool" (got "Lukewarm")`.
 *
 * Patterns are compiled without the `u` flag (the API server's RE2 accepts escapes such as `\:`
 * that a unicode JavaScript RegExp refuses) and formats are not checked (Kubernetes checks few,
 * and not the way JSON Schema does).
 */
import { Ajv, type ErrorObject } from 'ajv';
import { crdSchemaToJsonSchema, pruneNulls } from './crd-json-schema.js';
import { listMapErrors } from './list-map-check.js';

export interface FieldError {
  /** `spec.networkAcls.ipRules[0].action`; `` for the object itself. */
  path: string;
  message: string;
}

export type ObjectValidator = (object: unknown) => FieldError[];

/** A validator of `openAPIV3Schema`. Throws when ajv cannot compile the schema. */
export function compileValidator(openAPIV3Schema: unknown): ObjectValidator {
  const ajv = new Ajv({ strict: false, allErrors: true, verbose: true, validateFormats: false, unicodeRegExp: false });
  const validate = ajv.compile(crdSchemaToJsonSchema(openAPIV3Schema) as object);
  return (object) => {
    const pruned = pruneNulls(object, openAPIV3Schema);
    const errors = validate(pruned) ? [] : fieldErrors(validate.errors ?? []);
    return [...errors, ...listMapErrors(pruned, openAPIV3Schema)];
  };
}

const IDENTIFIER = /^[A-Za-z_$][\w$-]*$/;

/** `/spec/ipRules/0/action` → `spec.ipRules[0].action` (keys that are not plain names quoted). */
export function pathOfPointer(pointer: string, extra?: string): string {
  const segments = pointer ? pointer.split('/').slice(1).map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~')) : [];
  if (extra !== undefined) segments.push(extra);
  let out = '';
  for (const s of segments) {
    if (/^\d+$/.test(s)) out += `[${s}]`;
    else if (IDENTIFIER.test(s)) out += out ? `.${s}` : s;
    else out += `[${JSON.stringify(s)}]`;
  }
  return out;
}

const show = (v: unknown) => JSON.stringify(v)?.slice(0, 80) ?? String(v);
const typeOf = (v: unknown) => (v === null ? 'null' : Array.isArray(v) ? 'array' : Number.isInteger(v) ? 'integer' : typeof v);

/**
 * The errors, one per field and problem: the branches of a failed `oneOf`/`anyOf` are summed up
 * in one message (which variants there are) instead of listing why each branch failed.
 */
export function fieldErrors(errors: readonly ErrorObject[]): FieldError[] {
  const alternatives = errors.filter((e) => e.keyword === 'oneOf' || e.keyword === 'anyOf').map((e) => e.schemaPath + '/');
  const out: FieldError[] = [];
  const seen = new Set<string>();
  for (const e of errors) {
    if (alternatives.some((prefix) => e.schemaPath.startsWith(prefix))) continue;
    const error = wordError(e);
    const key = `${error.path}\n${error.message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(error);
  }
  return out;
}

function wordError(e: ErrorObject): FieldError {
  const params = e.params as Record<string, unknown>;
  switch (e.keyword) {
    case 'required':
      return { path: pathOfPointer(e.instancePath, String(params.missingProperty)), message: 'required field is missing' };
    case 'additionalProperties':
      return { path: pathOfPointer(e.instancePath, String(params.additionalProperty)), message: 'unknown field' };
    case 'enum':
      return { path: pathOfPointer(e.instancePath), message: `must be one of ${(params.allowedValues as unknown[]).map(show).join(', ')} (got ${show(e.data)})` };
    case 'type':
      return { path: pathOfPointer(e.instancePath), message: `must be ${[params.type].flat().join(' or ')} (got ${typeOf(e.data)} ${show(e.data)})` };
    case 'oneOf':
    case 'anyOf': {
      const variants = ((e.schema as unknown[]) ?? []).map(describeVariant);
      const which = e.keyword === 'oneOf' ? 'exactly one' : 'at least one';
      return { path: pathOfPointer(e.instancePath), message: `must match ${which} of: ${variants.join(' | ')}` };
    }
    default:
      return { path: pathOfPointer(e.instancePath), message: `${e.message ?? e.keyword}${e.data !== undefined && typeof e.data !== 'object' ? ` (got ${show(e.data)})` : ''}` };
  }
}

/** A variant of a `oneOf`, for messages: its required fields (`name`, `armId`), else its type. */
function describeVariant(variant: unknown): string {
  const v = (variant ?? {}) as Record<string, unknown>;
  if (Array.isArray(v.required) && v.required.length) return `{${v.required.join(', ')}}`;
  if (v.properties && typeof v.properties === 'object') return `{${Object.keys(v.properties).join(', ')}}`;
  return typeof v.type === 'string' ? v.type : 'a variant';
}
