/**
 * Part 3: `armkube validate` (its own `ObjectChecker`) and the API server (a dry-run create
 * with field validation Strict, as `kubectl apply` does by default) judge the same objects: the
 * imported examples and broken variants of them. Both must accept or both refuse.
 */
import path from 'node:path';
import { ObjectChecker } from '../../../generator/cli/check-object.js';
import type { ImportedObject } from '../support/examples.js';
import { mapLimit, type Kube } from '../support/kube.js';
import { mutationsOf } from '../support/mutations.js';
import { ensureNamespace, objectPath } from './objects.js';

export interface Agreement {
  ok: number;
  total: number;
  byMutation: Record<string, { ok: number; total: number }>;
  disagreements: { file: string; mutation: string; path: string; server: string; validate: string }[];
}

/** The schema of each (group, kind, version) of the CRDs. */
export function schemasOf(crds: readonly any[]): Map<string, any> {
  const out = new Map<string, any>();
  for (const crd of crds) for (const v of crd.spec.versions) out.set(`${crd.spec.group}/${v.name}/${crd.spec.names.kind}`, v.schema?.openAPIV3Schema);
  return out;
}

export async function agreement(kube: Kube, label: string, objects: readonly ImportedObject[], crds: readonly any[], outDir: string, namespace: string | undefined): Promise<Agreement> {
  await ensureNamespace(kube, namespace);
  const schemas = schemasOf(crds);
  const cases = objects.flatMap(({ file, object, plural }, i) => {
    const schema = schemas.get(`${object.apiVersion}/${object.kind}`) ?? {};
    return [{ mutation: 'none', path: '', object }, ...mutationsOf(object, schema)].map((c, j) => ({
      file,
      plural,
      mutation: c.mutation,
      path: c.path,
      object: { ...c.object, metadata: { ...c.object.metadata, name: `v-${i}-${j}`, ...(namespace && { namespace }) } },
    }));
  });
  const crdsDir = path.join(outDir, 'crds');
  const checker = new ObjectChecker(crdsDir);
  const started = Date.now();
  const verdicts = await mapLimit(cases, 8, async (c) => {
    const res = await kube.request('POST', `${objectPath(c.object, c.plural, namespace)}?dryRun=All&fieldValidation=Strict`, c.object);
    // 404: no such kind on the server (its CRD was refused), which accepts nothing of it.
    if (res.status !== 201 && res.status !== 200 && res.status !== 400 && res.status !== 422 && res.status !== 404) throw new Error(`${c.file} ${c.mutation}: unexpected HTTP ${res.status}: ${res.text.slice(0, 300)}`);
    const serverAccepts = res.status < 300;
    const checked = checker.check({ number: 1, value: c.object });
    const validateAccepts = checked.result === 'valid';
    return {
      agree: serverAccepts === validateAccepts,
      server: serverAccepts ? 'accepted' : `refused: ${res.body?.message ?? res.text.slice(0, 300)}`,
      validate: validateAccepts ? 'accepted' : `refused: ${checked.errors.map((e) => `${e.path}: ${e.message}`).join('; ').slice(0, 300)}`,
    };
  });
  const byMutation: Agreement['byMutation'] = {};
  const disagreements: Agreement['disagreements'] = [];
  cases.forEach((c, i) => {
    const m = (byMutation[c.mutation] ??= { ok: 0, total: 0 });
    m.total++;
    if (verdicts[i].agree) m.ok++;
    else disagreements.push({ file: c.file, mutation: c.mutation, path: c.path, server: verdicts[i].server, validate: verdicts[i].validate });
  });
  const ok = cases.length - disagreements.length;
  const per = Object.entries(byMutation).map(([m, n]) => `${m} ${n.ok}/${n.total}`).join(', ');
  console.log(`${label}: validate agreement=${ok}/${cases.length} (${per}) in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  for (const d of disagreements.slice(0, 25)) console.log(`  ${d.file} ${d.mutation} ${d.path}: server ${d.server} | validate ${d.validate}`);
  return { ok, total: cases.length, byMutation, disagreements };
}
