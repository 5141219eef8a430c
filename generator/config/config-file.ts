/**
 * The config file, `armkube.yaml`: where the specs are, which resources and versions to generate,
 * for which target, and how the pipeline shapes them. The JSON Schema shipped beside this file
 * (`armkube.schema.json`, also what editors use to complete and check the file) is the one
 * definition of what is valid. Loading is strict: an unknown key or a value of the wrong type is
 * a diagnostic with the JSON pointer of the key and a "did you mean" hint, never ignored.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import type { CodeOfSeverity } from '../diagnostic-codes.js';
import { Diagnostics, joinPointer, type Diagnostic } from '../diagnostics.js';
import { packageRoot } from '../package-root.js';
import { loadYamlStream, readTextLimited } from '../yaml-input.js';
import type { PipelineOptions, PropertyOverride, ResourceSelector, VersionPolicy } from '../pipeline/options.js';

export const CONFIG_FILE = 'armkube.yaml';

/** The JSON Schema of the config file, as shipped in the package. */
export const CONFIG_SCHEMA_PATH = path.join(packageRoot(), 'generator', 'config', 'armkube.schema.json');

export interface ConversionWebhookConfig {
  service: { name: string; namespace: string; path?: string; port?: number };
}

/**
 * A checked config: `pipeline` holds the pipeline options the file sets (the rest keep their
 * defaults), paths are absolute.
 */
export interface ArmkubeConfig {
  /** The specs folder, absolute (the file has it relative to itself). */
  specs?: string;
  target?: string;
  /** The output folder, absolute (the file has it relative to itself). */
  out?: string;
  /** Whether generate writes the docs (default true). */
  docs?: boolean;
  conversionWebhook?: ConversionWebhookConfig;
  pipeline: Partial<PipelineOptions>;
}

/**
 * What `loadConfig` returns: the file read (when there was one), the config, and its problems as
 * diagnostics with the JSON pointer of each key.
 */
export interface ConfigResult {
  /** Absolute path of the file read, when there was one. */
  file?: string;
  config: ArmkubeConfig;
  diagnostics: Diagnostic[];
}

/** The keys of the file as written (before paths are resolved). */
interface RawConfig {
  specs?: string;
  target?: string;
  out?: string;
  docs?: boolean;
  versions?: VersionPolicy;
  resources?: Omit<ResourceSelector, 'source'>[];
  groupSuffix?: string;
  recursionDepth?: number;
  openEnums?: PipelineOptions['openEnums'];
  storageVersion?: PipelineOptions['storageVersion'];
  conversionWebhook?: ConversionWebhookConfig;
  propertyOverrides?: PropertyOverride[];
}

/**
 * Reads `file`, or `armkube.yaml` in `cwd` when it exists. No file is an empty config: every
 * resource type of the specs, at the CLI's default version policy.
 */
export function loadConfig(file: string | undefined, cwd = process.cwd()): ConfigResult {
  const resolved = file ? path.resolve(cwd, file) : path.join(cwd, CONFIG_FILE);
  const diagnostics = new Diagnostics('config');
  const empty: ConfigResult = { config: { pipeline: {} }, diagnostics: diagnostics.items };
  if (!existsSync(resolved)) {
    if (file) diagnostics.error('config-not-found', `config file ${resolved} does not exist`, { file: resolved, pointer: '' });
    return empty;
  }
  const read = readTextLimited(resolved);
  const loaded = read.ok ? loadYamlStream(read.text, { filename: resolved }) : read;
  if (!loaded.ok || loaded.documents.length > 1) {
    const reason = !loaded.ok ? (loaded.problem === 'syntax' ? `not valid YAML: ${loaded.reason}` : loaded.reason) : `holds ${loaded.documents.length} YAML documents, not one`;
    diagnostics.error('config-invalid-yaml', reason, { file: resolved, pointer: '' });
    return { ...empty, file: resolved };
  }
  const raw = loaded.documents[0];
  return { file: resolved, config: parseConfig(raw ?? {}, resolved, diagnostics), diagnostics: diagnostics.items };
}

/**
 * Checks a parsed config against the schema; problems go to `diagnostics`. With any problem the
 * result is the empty config: a half-applied config would generate something nobody asked for.
 */
export function parseConfig(raw: unknown, file: string, diagnostics: Diagnostics): ArmkubeConfig {
  const validate = schemaValidator();
  if (!validate(raw)) {
    for (const problem of describeErrors(validate.errors ?? [])) diagnostics.error(problem.code, problem.message, { file, pointer: problem.pointer });
    return { pipeline: {} };
  }
  const c = raw as RawConfig;
  const here = (p: string | undefined) => (p === undefined ? undefined : path.resolve(path.dirname(file), p));
  const pipeline: Partial<PipelineOptions> = {};
  if (c.versions !== undefined) pipeline.versions = c.versions;
  if (c.resources !== undefined) pipeline.resources = c.resources.map((r, i) => ({ ...r, source: { file, pointer: joinPointer('/resources', i) } }));
  if (c.groupSuffix !== undefined) pipeline.groupSuffix = c.groupSuffix;
  if (c.recursionDepth !== undefined) pipeline.recursionDepth = c.recursionDepth;
  if (c.openEnums !== undefined) pipeline.openEnums = c.openEnums;
  if (c.storageVersion !== undefined) pipeline.storageVersion = c.storageVersion;
  if (c.propertyOverrides !== undefined) pipeline.propertyOverrides = c.propertyOverrides;
  const config: ArmkubeConfig = { pipeline };
  if (c.specs !== undefined) config.specs = here(c.specs);
  if (c.out !== undefined) config.out = here(c.out);
  if (c.target !== undefined) config.target = c.target;
  if (c.docs !== undefined) config.docs = c.docs;
  if (c.conversionWebhook !== undefined) config.conversionWebhook = c.conversionWebhook;
  return config;
}

let compiled: ValidateFunction | undefined;
function schemaValidator(): ValidateFunction {
  if (!compiled) {
    const schema = JSON.parse(readFileSync(CONFIG_SCHEMA_PATH, 'utf8')) as object;
    compiled = new Ajv({ allErrors: true, strict: false, verbose: true }).compile(schema);
  }
  return compiled;
}

interface Problem {
  code: CodeOfSeverity<'error'>;
  message: string;
  pointer: string;
}

/**
 * Ajv's errors as one plain message per problem, sorted by pointer. A failed `oneOf` (the version
 * policy) hides its branches' errors at the same place, and is itself hidden by an error inside
 * the value (a bad api-version in a list says more than "must be a policy").
 */
export function describeErrors(errors: readonly ErrorObject[]): Problem[] {
  const oneOfAt = new Set(errors.filter((e) => e.keyword === 'oneOf').map((e) => e.instancePath));
  const problems: Problem[] = [];
  const seen = new Set<string>();
  for (const e of errors) {
    if (e.keyword !== 'oneOf' && oneOfAt.has(e.instancePath)) continue;
    const problem = describeError(e);
    const key = `${problem.pointer}\0${problem.message}`;
    if (!seen.has(key)) problems.push(problem);
    seen.add(key);
  }
  const deeper = (p: Problem) => problems.some((q) => q.pointer.startsWith(`${p.pointer}/`));
  return problems.filter((p) => !(oneOfAt.has(p.pointer) && deeper(p))).sort((a, b) => (a.pointer < b.pointer ? -1 : a.pointer > b.pointer ? 1 : 0));
}

function describeError(e: ErrorObject): Problem {
  const where = configPath(e.instancePath);
  const schema = e.parentSchema as { properties?: Record<string, unknown>; description?: string } | undefined;
  switch (e.keyword) {
    case 'additionalProperties': {
      const key = (e.params as { additionalProperty: string }).additionalProperty;
      const known = Object.keys(schema?.properties ?? {});
      return {
        code: 'config-unknown-key',
        message: `unknown key "${key}" in ${where}${hint(key, known)}; known keys: ${known.join(', ')}`,
        pointer: joinPointer(e.instancePath, key),
      };
    }
    case 'required':
      return { code: 'config-invalid-value', message: `${where} needs "${(e.params as { missingProperty: string }).missingProperty}"`, pointer: e.instancePath };
    case 'enum':
      return { code: 'config-invalid-value', message: `${where} must be one of ${(e.params as { allowedValues: unknown[] }).allowedValues.join(', ')}`, pointer: e.instancePath };
    case 'oneOf':
      return { code: 'config-invalid-value', message: `${where} must be latest-stable, latest, all, or a list of api-versions`, pointer: e.instancePath };
    default:
      return { code: 'config-invalid-value', message: `${where} ${e.message ?? 'is not valid'}`, pointer: e.instancePath };
  }
}

/** `/propertyOverrides/1/rename` → `propertyOverrides[1].rename`, as people read a config path. */
export function configPath(pointer: string): string {
  if (!pointer) return 'the config';
  return pointer
    .slice(1)
    .split('/')
    .map((t) => t.replace(/~1/g, '/').replace(/~0/g, '~'))
    .reduce((out, t) => (/^\d+$/.test(t) ? `${out}[${t}]` : out ? `${out}.${t}` : t), '');
}

/** ` (did you mean "x"?)` for the closest known key within two edits, else empty. */
export function hint(key: string, known: string[]): string {
  let best: string | undefined;
  let bestDistance = 3;
  for (const candidate of known) {
    const d = editDistance(key.toLowerCase(), candidate.toLowerCase());
    if (d < bestDistance) {
      best = candidate;
      bestDistance = d;
    }
  }
  return best ? ` (did you mean "${best}"?)` : '';
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = current;
  }
  return previous[b.length];
}
