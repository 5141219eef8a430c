/**
 * The config file, `armkube.yaml`: where the specs are and how the pipeline shapes its output.
 * Loading is strict: an unknown key or a value of the wrong type is a diagnostic (with a "did
 * you mean" hint and the JSON pointer of the key), never silently ignored.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { load as parseYaml } from 'js-yaml';
import { Diagnostics, joinPointer, type Diagnostic } from '../diagnostics.js';
import type { PipelineOptions, PropertyOverride } from '../pipeline/options.js';

export const CONFIG_FILE = 'armkube.yaml';

export interface ArmkubeConfig {
  /** The specs folder, relative to the config file. */
  specs?: string;
  pipeline: Partial<PipelineOptions>;
}

export interface ConfigResult {
  /** Absolute path of the file read, when there was one. */
  file?: string;
  config: ArmkubeConfig;
  diagnostics: Diagnostic[];
}

type Check = (value: unknown) => string | undefined;
const string: Check = (v) => (typeof v === 'string' ? undefined : 'a string');
const positiveInteger: Check = (v) => (Number.isInteger(v) && (v as number) >= 0 ? undefined : 'a non-negative integer');
const oneOf = (...values: string[]): Check => (v) => (values.includes(v as string) ? undefined : `one of ${values.join(', ')}`);
const boolean: Check = (v) => (typeof v === 'boolean' ? undefined : 'true or false');

const TOP: Record<string, Check | 'overrides'> = {
  specs: string,
  groupSuffix: string,
  recursionDepth: positiveInteger,
  openEnums: oneOf('document', 'enforce'),
  storageVersion: oneOf('latest-stable', 'latest'),
  propertyOverrides: 'overrides',
};

const OVERRIDE: Record<string, Check> = {
  group: string,
  version: string,
  type: string,
  property: string,
  reference: boolean,
  secret: boolean,
  rename: string,
  description: string,
};

/** Reads `file`, or `armkube.yaml` in `cwd` when it exists; no file is an empty config. */
export function loadConfig(file: string | undefined, cwd = process.cwd()): ConfigResult {
  const resolved = file ? path.resolve(cwd, file) : path.join(cwd, CONFIG_FILE);
  const diagnostics = new Diagnostics('config');
  const empty: ConfigResult = { config: { pipeline: {} }, diagnostics: diagnostics.items };
  if (!existsSync(resolved)) {
    if (file) diagnostics.error('config-not-found', `config file ${resolved} does not exist`, { file: resolved, pointer: '' });
    return empty;
  }
  let raw: unknown;
  try {
    raw = parseYaml(readFileSync(resolved, 'utf8'));
  } catch (e) {
    diagnostics.error('config-invalid-yaml', `not valid YAML: ${(e as Error).message}`, { file: resolved, pointer: '' });
    return { ...empty, file: resolved };
  }
  const config = parseConfig(raw ?? {}, resolved, diagnostics);
  if (config.specs !== undefined) config.specs = path.resolve(path.dirname(resolved), config.specs);
  return { file: resolved, config, diagnostics: diagnostics.items };
}

/** Validates a parsed config object; problems go to `diagnostics`, bad keys are left out. */
export function parseConfig(raw: unknown, file: string, diagnostics: Diagnostics): ArmkubeConfig {
  const config: ArmkubeConfig = { pipeline: {} };
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    diagnostics.error('config-invalid', 'the config must be a mapping of keys to values', { file, pointer: '' });
    return config;
  }
  const pipeline = config.pipeline as Record<string, unknown>;
  for (const [key, value] of Object.entries(raw)) {
    const pointer = joinPointer('', key);
    const check = TOP[key];
    if (!check) {
      diagnostics.error('config-unknown-key', `unknown key "${key}"${hint(key, Object.keys(TOP))}`, { file, pointer });
    } else if (check === 'overrides') {
      const overrides = parseOverrides(value, file, pointer, diagnostics);
      if (overrides) config.pipeline.propertyOverrides = overrides;
    } else {
      const expected = check(value);
      if (expected) diagnostics.error('config-invalid-value', `"${key}" must be ${expected}`, { file, pointer });
      else if (key === 'specs') config.specs = value as string;
      else pipeline[key] = value;
    }
  }
  return config;
}

function parseOverrides(value: unknown, file: string, pointer: string, diagnostics: Diagnostics): PropertyOverride[] | undefined {
  if (!Array.isArray(value)) {
    diagnostics.error('config-invalid-value', '"propertyOverrides" must be a list', { file, pointer });
    return undefined;
  }
  const out: PropertyOverride[] = [];
  value.forEach((item, i) => {
    const at = joinPointer(pointer, i);
    if (typeof item !== 'object' || item === null || Array.isArray(item)) {
      diagnostics.error('config-invalid-value', 'an override must be a mapping', { file, pointer: at });
      return;
    }
    let ok = true;
    for (const [key, v] of Object.entries(item)) {
      const check = OVERRIDE[key];
      const problem = check ? check(v) : undefined;
      if (!check) diagnostics.error('config-unknown-key', `unknown override key "${key}"${hint(key, Object.keys(OVERRIDE))}`, { file, pointer: joinPointer(at, key) });
      else if (problem) diagnostics.error('config-invalid-value', `"${key}" must be ${problem}`, { file, pointer: joinPointer(at, key) });
      ok &&= !!check && !problem;
    }
    if (typeof (item as PropertyOverride).property !== 'string') {
      diagnostics.error('config-invalid-value', 'an override needs "property"', { file, pointer: at });
      ok = false;
    }
    if (ok) out.push(item as PropertyOverride);
  });
  return out;
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
