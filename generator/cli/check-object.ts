/**
 * The check `validate` makes of each Kubernetes object, and `render` of its input before it
 * converts anything: the object's CRD version (`<output>/crds`) found by `apiVersion` and `kind`,
 * then, as the API server on create, the schema (types, enums, required fields, RE2 patterns,
 * bounds, unknown fields, after pruning nulls and applying defaults), the CEL rules
 * (`x-kubernetes-validations`) and `metadata.name`. One checker per command run: each CRD version
 * is compiled once.
 */
import { compileCelRules, type CelChecker } from '../output-reader/cel-rules.js';
import { findCrdVersion } from '../output-reader/crds.js';
import { compileValidator, CrdSchemaError, prepareObject, type FieldError, type ObjectValidator } from '../output-reader/validate-object.js';
import { isObject, type InputDocument, type Json } from './documents.js';
import { isKubernetesName } from './kubernetes-names.js';

export interface DocumentResult {
  /** 1-based document number in the file. */
  document: number;
  apiVersion?: string;
  kind?: string;
  name?: string;
  result: 'valid' | 'invalid' | 'skipped';
  /** The CRD file the object was checked against. */
  crd?: string;
  errors: FieldError[];
  /** What could not be checked (a CEL rule the evaluator cannot compile); does not make the object invalid. */
  warnings?: FieldError[];
  /** Why the document was skipped. */
  note?: string;
}

/** The compiled checks of one CRD version, or why the CRD cannot be used. */
type Compiled = { schema: ObjectValidator; cel: CelChecker; openAPIV3Schema: unknown } | { unusable: FieldError[] };

export class ObjectChecker {
  private readonly compiled = new Map<string, Compiled>();

  constructor(private readonly crdsDir: string) {}

  /** Checks one document. Never throws: a CRD that cannot be read or compiled is an error of the result. */
  check(doc: InputDocument): DocumentResult {
    return this.checkWithSchema(doc).result;
  }

  /** The same, with the CRD version's `openAPIV3Schema` when one was found and could be used (for the checks `render` makes next). */
  checkWithSchema(doc: InputDocument): { result: DocumentResult; schema?: unknown } {
    const object = doc.value;
    if (!isObject(object)) return { result: { document: doc.number, result: 'invalid', errors: [{ path: '', message: `must be a Kubernetes object (a mapping), got ${Array.isArray(object) ? 'an array' : typeof object}` }] } };
    const { apiVersion, kind } = object;
    const name = isObject(object.metadata) ? object.metadata.name : undefined;
    const result: DocumentResult = {
      document: doc.number,
      ...(typeof apiVersion === 'string' && { apiVersion }),
      ...(typeof kind === 'string' && { kind }),
      ...(typeof name === 'string' && { name }),
      result: 'invalid',
      errors: [],
    };
    if (typeof apiVersion !== 'string' || typeof kind !== 'string') {
      const errors: FieldError[] = [];
      if (typeof apiVersion !== 'string') errors.push({ path: 'apiVersion', message: 'must be a string "<group>/<version>"' });
      if (typeof kind !== 'string') errors.push({ path: 'kind', message: 'must be a string' });
      return { result: { ...result, errors } };
    }
    if (!apiVersion.includes('/')) return { result: { ...result, result: 'skipped', note: `${apiVersion} ${kind} is a core Kubernetes object, not a generated kind` } };
    const [group, version] = apiVersion.split('/', 2);
    const found = findCrdVersion(this.crdsDir, group, kind, version);
    if (!found.ok) return { result: { ...result, errors: [{ path: 'apiVersion', message: found.message }] } };
    const checks = this.compile(`${found.entry.file}#${version}`, found.entry.openAPIV3Schema);
    if ('unusable' in checks) {
      const errors = checks.unusable.map((p) => ({ path: '', message: `the CRD ${found.entry.file} cannot be used (the API server would refuse it): ${p.path}: ${p.message}` }));
      return { result: { ...result, crd: found.entry.file, errors } };
    }
    const errors = [...metadataErrors(object.metadata), ...checks.schema(object)];
    const cel = checks.cel(prepareObject(object, checks.openAPIV3Schema));
    errors.push(...cel.errors);
    const checked: DocumentResult = { ...result, crd: found.entry.file, result: errors.length ? 'invalid' : 'valid', errors };
    if (cel.warnings.length) checked.warnings = cel.warnings;
    return { result: checked, schema: checks.openAPIV3Schema };
  }

  private compile(key: string, openAPIV3Schema: unknown): Compiled {
    let compiled = this.compiled.get(key);
    if (!compiled) {
      compiled = compileChecks(openAPIV3Schema);
      this.compiled.set(key, compiled);
    }
    return compiled;
  }
}

/** The schema validator and the CEL rules of a CRD version; the problems when it cannot be used. */
function compileChecks(openAPIV3Schema: unknown): Compiled {
  if (typeof openAPIV3Schema !== 'object' || openAPIV3Schema === null) return { unusable: [{ path: 'openAPIV3Schema', message: 'is missing' }] };
  try {
    return { schema: compileValidator(openAPIV3Schema), cel: compileCelRules(openAPIV3Schema), openAPIV3Schema };
  } catch (e) {
    if (e instanceof CrdSchemaError) return { unusable: [...e.problems] };
    return { unusable: [{ path: 'openAPIV3Schema', message: `cannot be compiled: ${(e as Error).message}` }] };
  }
}

/** The API server's own checks of `metadata.name` (the CRD schema says nothing about metadata). */
export function metadataErrors(metadata: unknown): FieldError[] {
  if (metadata === undefined || metadata === null) return [{ path: 'metadata', message: 'required field is missing' }];
  // Not a mapping: the schema's own type check says so.
  if (!isObject(metadata)) return [];
  const name = (metadata as Json).name;
  if (name === undefined && metadata.generateName === undefined) return [{ path: 'metadata.name', message: 'required field is missing' }];
  if (name !== undefined && (typeof name !== 'string' || !isKubernetesName(name))) {
    return [{ path: 'metadata.name', message: `must be a valid Kubernetes name: lower case letters, digits, "-" and ".", at most 253 characters (got ${JSON.stringify(name)})` }];
  }
  return [];
}
