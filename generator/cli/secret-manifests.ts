/**
 * Kubernetes Secrets on both sides of the conversion: `import` writes the secret values
 * `armToSpec` pulled out of an ARM body as `v1 Secret` manifests; `render` reads them back from
 * Secret manifests to resolve the spec's secret references (`name/key`, as `secretKey` has it).
 */
import type { Diagnostic } from '../diagnostics.js';
import { decodeSecretData, type ExtractedSecret, type SecretDataResult } from '../runtime/index.js';
import { isObject, type InputDocument } from './documents.js';
import { error } from './generated-output.js';

export interface SecretManifest {
  apiVersion: 'v1';
  kind: 'Secret';
  metadata: { name: string; namespace?: string };
  type: 'Opaque';
  stringData?: Record<string, string>;
  data?: Record<string, string>;
}

/** One Secret per secret name, keys sorted; values as `stringData`, or base64 `data`. */
export function secretManifests(secrets: readonly ExtractedSecret[], namespace: string | undefined, base64: boolean): SecretManifest[] {
  const byName = new Map<string, Map<string, string>>();
  for (const { reference, value } of secrets) {
    const values = byName.get(reference.name) ?? byName.set(reference.name, new Map()).get(reference.name)!;
    values.set(reference.key, value);
  }
  return [...byName.keys()].sort().map((name) => {
    const entries = [...byName.get(name)!].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    const metadata = namespace === undefined ? { name } : { name, namespace };
    return base64
      ? { apiVersion: 'v1', kind: 'Secret', metadata, type: 'Opaque', data: Object.fromEntries(entries.map(([k, v]) => [k, Buffer.from(v, 'utf8').toString('base64')])) }
      : { apiVersion: 'v1', kind: 'Secret', metadata, type: 'Opaque', stringData: Object.fromEntries(entries) };
  });
}

export function isSecretManifest(value: unknown): boolean {
  return isObject(value) && value.apiVersion === 'v1' && value.kind === 'Secret';
}

/** The values of the Secret manifests among `documents`: `name/key` → value (`stringData` wins over `data`, as in Kubernetes). */
export function secretValues(file: string, documents: readonly InputDocument[], into: Map<string, string>): Diagnostic[] {
  const problems: Diagnostic[] = [];
  for (const doc of documents) {
    if (!isSecretManifest(doc.value)) continue;
    const secret = doc.value as { metadata?: { name?: unknown }; data?: unknown; stringData?: unknown };
    const name = secret.metadata?.name;
    const at = `document ${doc.number}`;
    if (typeof name !== 'string') {
      problems.push(error('invalid-secret', `${at}: the Secret has no metadata.name`, file, '/metadata/name'));
      continue;
    }
    for (const field of ['data', 'stringData'] as const) {
      const values = secret[field];
      if (values === undefined || values === null) continue;
      if (!isObject(values)) {
        problems.push(error('invalid-secret', `${at}: ${field} of the Secret ${name} is not a mapping`, file, `/${field}`));
        continue;
      }
      for (const [key, value] of Object.entries(values)) {
        const pointer = `/${field}/${key.replace(/~/g, '~0').replace(/\//g, '~1')}`;
        const decoded = secretValueOf(field, value);
        if (decoded.ok) into.set(`${name}/${key}`, decoded.value);
        else problems.push(error('invalid-secret', `${at}: ${field}.${key} of the Secret ${name} ${decoded.reason}`, file, pointer));
      }
    }
  }
  return problems;
}

/** A lone UTF-16 surrogate: a string that UTF-8 cannot encode (a JSON `"\\ud800"`). */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** One value of `data` (strict base64 of UTF-8 text) or `stringData` (text), decoded. */
function secretValueOf(field: 'data' | 'stringData', value: unknown): SecretDataResult {
  if (typeof value !== 'string') return { ok: false, reason: `is not a string (got ${value === null ? 'null' : Array.isArray(value) ? 'an array' : typeof value})` };
  if (field === 'data') return decodeSecretData(value);
  return LONE_SURROGATE.test(value) ? { ok: false, reason: 'holds a lone UTF-16 surrogate, which is not text' } : { ok: true, value };
}
