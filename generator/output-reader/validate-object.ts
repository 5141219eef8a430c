/**
 * Validates a Kubernetes object against a CRD version's `openAPIV3Schema` with ajv, and words
 * each error as the API server would, on the field's path: `spec.accessTier: must be one of
 * "Hot", "Cool" (got "Lukewarm")`. The object is first pruned of nulls and defaulted, as the API
 * server does on create.
 *
 * Patterns run on RE2 (re2js), as the API server's Go regexp does: in time linear in the input,
 * with RE2's syntax (escapes such as `\:` are fine; lookarounds and backreferences are not). A
 * pattern RE2 cannot compile makes the CRD unusable, as the API server would refuse it: the
 * problems are thrown as a `CrdSchemaError`, worded as the CRD emitter's structural check words
 * them. Formats are checked the API server's way, for those a CRD keeps (emit/crd/formats.ts),
 * not JSON Schema's.
 */
import { Ajv, type ErrorObject, type Format } from 'ajv';
import { RE2JS } from 're2js';
import { KEPT_FORMATS } from '../emit/crd/formats.js';
import { patternProblem } from '../rules/patterns.js';
import { applyDefaults, crdSchemaToJsonSchema, pruneNulls } from './crd-json-schema.js';
import { listMapErrors } from './list-map-check.js';

export interface FieldError {
  /** `spec.networkAcls.ipRules[0].action`; `` for the object itself. */
  path: string;
  message: string;
}

export type ObjectValidator = (object: unknown) => FieldError[];

/** Why a CRD schema cannot be used: each problem with its schema path (API-server notation). */
export class CrdSchemaError extends Error {
  constructor(readonly problems: readonly FieldError[]) {
    super(problems.map((p) => `${p.path}: ${p.message}`).join('; '));
  }
}

/** The formats a CRD keeps, as ajv formats of the JSON type they apply to; ajv ignores others, as the API server does. */
const AJV_FORMATS: Record<string, Format> = {};
for (const [name, validate] of Object.entries(KEPT_FORMATS.string)) AJV_FORMATS[name] = { type: 'string', validate };
for (const [name, validate] of [...Object.entries(KEPT_FORMATS.integer), ...Object.entries(KEPT_FORMATS.number)]) AJV_FORMATS[name] = { type: 'number', validate };

/**
 * A validator of `openAPIV3Schema`. Throws a `CrdSchemaError` for a pattern RE2 cannot compile,
 * and ajv's error when it cannot compile the schema otherwise.
 */
export function compileValidator(openAPIV3Schema: unknown): ObjectValidator {
  const problems = patternProblems(openAPIV3Schema);
  if (problems.length) throw new CrdSchemaError(problems);
  const ajv = new Ajv({ strict: false, allErrors: true, verbose: true, unicodeRegExp: false, formats: AJV_FORMATS, code: { regExp: re2RegExp } });
  const validate = ajv.compile(crdSchemaToJsonSchema(openAPIV3Schema) as object);
  return (object) => {
    const prepared = prepareObject(object, openAPIV3Schema);
    const errors = validate(prepared) ? [] : fieldErrors(validate.errors ?? []);
    return [...errors, ...listMapErrors(prepared, openAPIV3Schema)];
  };
}

/** The object as the API server validates it on create: nulls pruned, then defaults applied. */
export function prepareObject(object: unknown, openAPIV3Schema: unknown): unknown {
  return applyDefaults(pruneNulls(object, openAPIV3Schema), openAPIV3Schema);
}

/** ajv's RegExp engine: RE2 (`toString` keeps patterns apart: ajv caches compiled patterns by it). */
const re2RegExp = Object.assign(
  (pattern: string) => {
    const re = RE2JS.compile(pattern);
    return { test: (text: string) => re.test(text), toString: () => `re2:${pattern}` };
  },
  { code: 'RE2JS.compile' },
);

/**
 * Why RE2 cannot compile a pattern, or undefined when it can. Worded as the CRD emitter words it
 * (`patternProblem`: "lookahead", "backreference") where that check names the cause, else as RE2
 * does. A pattern RE2 compiles is fine, even where JavaScript's RegExp would refuse it (`(?i)`).
 */
export function re2PatternProblem(pattern: string): string | undefined {
  try {
    RE2JS.compile(pattern);
    return undefined;
  } catch (e) {
    const known = patternProblem(pattern);
    return known !== undefined && !known.startsWith('JavaScript') ? known : (e as Error).message;
  }
}

/** Every pattern of a schema RE2 cannot compile, on its path (`openAPIV3Schema.properties[spec].pattern`), as the CRD emitter reports them. */
export function patternProblems(schema: unknown, path = 'openAPIV3Schema'): FieldError[] {
  if (typeof schema !== 'object' || schema === null || Array.isArray(schema)) return [];
  const s = schema as Record<string, unknown>;
  const out: FieldError[] = [];
  if (typeof s.pattern === 'string') {
    const problem = re2PatternProblem(s.pattern);
    if (problem) out.push({ path: `${path}.pattern`, message: `must be a valid regular expression for Go (RE2): ${problem}` });
  }
  if (typeof s.properties === 'object' && s.properties !== null) {
    for (const [name, child] of Object.entries(s.properties)) out.push(...patternProblems(child, `${path}.properties[${name}]`));
  }
  for (const key of ['items', 'additionalProperties', 'not'] as const) out.push(...patternProblems(s[key], `${path}.${key}`));
  for (const key of ['allOf', 'anyOf', 'oneOf'] as const) {
    const list = s[key];
    if (Array.isArray(list)) list.forEach((child, i) => out.push(...patternProblems(child, `${path}.${key}[${i}]`)));
  }
  return out;
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
