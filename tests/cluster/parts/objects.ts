/**
 * Part 2: each imported example object created (field validation Ignore, so that what the server
 * would prune is pruned and shows), read back, and its spec compared with what was sent (with
 * the defaults the CRD declares filled in: those the server adds by design).
 */
import { jsonDiff, withDefaults } from '../support/compare.js';
import type { ImportedObject } from '../support/examples.js';
import { mapLimit, type Kube } from '../support/kube.js';

export interface RoundTrip {
  ok: number;
  total: number;
  failures: { file: string; kind: string; reason: string }[];
}

/** The REST path of the object's collection, or of the object; no namespace: a cluster-scoped kind. */
export function objectPath(object: any, plural: string, namespace: string | undefined, name?: string): string {
  const base = namespace ? `/apis/${object.apiVersion}/namespaces/${namespace}/${plural}` : `/apis/${object.apiVersion}/${plural}`;
  return name ? `${base}/${name}` : base;
}

export async function ensureNamespace(kube: Kube, namespace: string | undefined): Promise<void> {
  if (!namespace) return;
  const res = await kube.request('POST', '/api/v1/namespaces', { apiVersion: 'v1', kind: 'Namespace', metadata: { name: namespace } });
  if (res.status !== 201 && res.status !== 409) throw new Error(`namespace ${namespace}: HTTP ${res.status} ${res.text.slice(0, 200)}`);
}

/** `schemas`: the openAPIV3Schema of each `<group>/<version>/<kind>`, whose defaults the server fills in. */
export async function roundTrip(kube: Kube, label: string, objects: readonly ImportedObject[], namespace: string | undefined, schemas: Map<string, any>): Promise<RoundTrip> {
  await ensureNamespace(kube, namespace);
  const started = Date.now();
  const results = await mapLimit(objects, 8, async ({ file, object, plural }) => {
    const sent: any = { ...object, metadata: { ...object.metadata, ...(namespace && { namespace }) } };
    const created = await kube.request('POST', `${objectPath(sent, plural, namespace)}?fieldValidation=Ignore`, sent);
    if (created.status !== 201) return { file, kind: object.kind, reason: `create: HTTP ${created.status}: ${created.body?.message ?? created.text.slice(0, 300)}` };
    const read = await kube.request('GET', objectPath(sent, plural, namespace, sent.metadata.name));
    if (read.status !== 200) return { file, kind: object.kind, reason: `read back: HTTP ${read.status}` };
    const expected = withDefaults(sent.spec, schemas.get(`${object.apiVersion}/${object.kind}`)?.properties?.spec);
    const diff = jsonDiff(expected, read.body.spec, 'spec');
    return diff.length ? { file, kind: object.kind, reason: diff.join('; ') } : undefined;
  });
  const failures = results.filter((r): r is NonNullable<typeof r> => r !== undefined);
  const ok = objects.length - failures.length;
  console.log(`${label}: objects roundtrip=${ok}/${objects.length} (${((100 * ok) / Math.max(1, objects.length)).toFixed(2)} %) in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  for (const f of failures.slice(0, 25)) console.log(`  ${f.file} (${f.kind}): ${f.reason}`);
  return { ok, total: objects.length, failures };
}
