/**
 * The CRD emitter: one Kubernetes CustomResourceDefinition (`apiextensions.k8s.io/v1`) per
 * (group, kind) of the final model (after every stage of the target), with every version of the
 * kind the model holds.
 *
 * Files: `crds/<group>_<plural>.yaml`, e.g. `crds/network.azure.com_virtualnetworkssubnets.yaml`
 * (controller-gen's naming: the CRD's `metadata.name` is `<plural>.<group>`, and `<group>_<plural>`
 * sorts the files of a group together). One YAML document per file.
 *
 * Each CRD is checked before it is written (`validate.ts`: names, one storage version; and
 * `structural.ts`: the structural schema rules of the API server). A CRD that fails is not
 * written: `crd-not-structural` (schema rules, with the kind and the schema path),
 * `crd-storage-version` (not exactly one storage version) or `crd-invalid` (names, versions,
 * columns), all errors. Sizes (`size.ts`; the limits are on the JSON form, which is what kubectl
 * sends and etcd stores): a CRD over 1.5 MiB loses descriptions, those of the versions other than
 * the storage version first, deepest first (`crd-descriptions-dropped`, warning, with the sizes
 * before and after and which versions lost them), and is not written if it
 * still does not fit (`crd-too-large`, error); one over 256 KiB is written with the warning
 * `crd-over-kubectl-apply-limit` (use `kubectl apply --server-side` or `kubectl create`).
 *
 * Counters: `crds` (files written), `crdBytes` (their YAML bytes), `crdBytes.max`, `crd.versions`,
 * `crd.notWritten`, and from the schemas `crd.formatsDropped`, `crd.uniqueItemsAsSet`,
 * `crd.uniqueItemsDropped`. `crdSizes(files)` lists the YAML size of each written CRD, largest
 * first; `buildCrds` gives both sizes of every kind (and why a CRD was not written).
 */
import type { ApiPackage, Model } from '../../model/types.js';
import type { EmitContext, EmittedFile, SyncEmitter } from '../emitter.js';
import { assembleCrd, kindsOf, pluralOf, type KindVersions } from './crd.js';
import { report } from './report.js';
import { SchemaBuilder } from './schema.js';
import { ETCD_OBJECT_LIMIT_BYTES, fitCrd, KUBECTL_APPLY_LIMIT_BYTES, type DescriptionsDropped } from './size.js';
import { checkCrd, type CrdProblem } from './validate.js';

export { conversionOf, conversionWebhookService, DEFAULT_CONVERSION_WEBHOOK_SERVICE, type CrdConversion } from './conversion.js';
export { assembleCrd, kindsOf, PRINTER_COLUMNS, type CustomResourceDefinition, type CrdVersion, type KindVersions } from './crd.js';
export { KUBERNETES_SCHEMA_KEYWORDS, type CrdSchema } from './openapi.js';
export { SchemaBuilder, type Side } from './schema.js';
export { ETCD_OBJECT_LIMIT_BYTES, fitCrd, jsonBytesOf, KUBECTL_APPLY_LIMIT_BYTES, renderCrd } from './size.js';
export { checkStructural, type StructuralProblem, type StructuralRule } from './structural.js';
export { checkCrd, type CrdProblem } from './validate.js';
export { renderYaml } from './yaml.js';

/** What happened to one kind: written (with `file`) or not (with the problems). */
export interface CrdResult {
  group: string;
  kind: string;
  plural: string;
  path: string;
  /** Kubernetes versions, in api-version order. */
  versions: string[];
  storageVersion?: string;
  /** Bytes of the YAML file. */
  yamlBytes?: number;
  /** Bytes of the compact JSON form, which the size limits apply to. */
  jsonBytes?: number;
  descriptionsDropped?: DescriptionsDropped;
  problems: CrdProblem[];
  file?: EmittedFile;
}

/** How many problems of a failing CRD one diagnostic lists. */
const LISTED_PROBLEMS = 5;

/** `crds/<group>_<plural>.yaml`. */
export function crdPath(group: string, plural: string): string {
  return `crds/${group}_${plural}.yaml`;
}

/**
 * The CRD emitter: one checked, structural CustomResourceDefinition per (group, kind) of the model,
 * in `crds/<group>_<plural>.yaml` (see above).
 */
export const crdEmitter: SyncEmitter = {
  id: 'crd',
  description: 'one structural CustomResourceDefinition (apiextensions.k8s.io/v1) per kind, checked and sized, in crds/<group>_<plural>.yaml',
  emit: (model, context) => buildCrds(model, context).flatMap((r) => (r.file ? [r.file] : [])),
};

/** Builds, checks and sizes the CRD of every kind; the emitter writes the ones with a `file`. */
export function buildCrds(model: Model, context: EmitContext): CrdResult[] {
  const builders = new Map<ApiPackage, SchemaBuilder>();
  const schemaFor = (pkg: ApiPackage) => {
    let b = builders.get(pkg);
    if (!b) builders.set(pkg, (b = new SchemaBuilder(pkg, context)));
    return b;
  };
  const results: CrdResult[] = [];
  let total = 0;
  let max = 0;
  for (const kind of kindsOf(model)) {
    const result = buildOne(kind, schemaFor, context);
    results.push(result);
    if (result.file) {
      context.count('crds');
      context.count('crd.versions', result.versions.length);
      total += result.yamlBytes!;
      max = Math.max(max, result.yamlBytes!);
    } else context.count('crd.notWritten');
  }
  if (total) context.count('crdBytes', total);
  if (max) context.count('crdBytes.max', max);
  return results;
}

function buildOne(kind: KindVersions, schemaFor: (pkg: ApiPackage) => SchemaBuilder, context: EmitContext): CrdResult {
  const plural = pluralOf(kind);
  const path = crdPath(kind.group, plural);
  const crd = assembleCrd(kind, schemaFor, context);
  const storage = kind.versions.find((v) => v.resource.kubernetes.storage);
  const result: CrdResult = {
    group: kind.group,
    kind: kind.kind,
    plural,
    path,
    versions: crd.spec.versions.map((v) => v.name),
    ...(storage && { storageVersion: storage.resource.kubernetes.version }),
    problems: checkCrd(crd),
  };
  const where = (storage ?? kind.versions[kind.versions.length - 1]).resource.source;
  const name = `${kind.group} ${kind.kind}`;
  if (result.problems.length) {
    for (const [code, area] of [['crd-not-structural', 'structural'], ['crd-storage-version', 'storage'], ['crd-invalid', undefined]] as const) {
      const problems = result.problems.filter((p) => (area ? p.area === area : p.area !== 'structural' && p.area !== 'storage'));
      if (!problems.length) continue;
      const listed = problems.slice(0, LISTED_PROBLEMS).map((p) => `${p.path}: ${p.message}`).join('; ');
      const more = problems.length > LISTED_PROBLEMS ? `; and ${problems.length - LISTED_PROBLEMS} more` : '';
      report(context, 'error', code, `the CRD of ${name} is not written: ${listed}${more}`, where);
    }
    return result;
  }

  const fitted = fitCrd(crd, ETCD_OBJECT_LIMIT_BYTES);
  result.jsonBytes = fitted.jsonBytes;
  if (fitted.dropped) {
    result.descriptionsDropped = fitted.dropped;
    const { before, after, count, fromDepth, versions } = fitted.dropped;
    const which =
      versions === 'other-versions'
        ? `of the versions other than the storage version, at schema depth ${fromDepth} and deeper,`
        : result.versions.length > 1
          ? `(all those of the versions other than the storage version, and the storage version's at schema depth ${fromDepth} and deeper)`
          : `at schema depth ${fromDepth} and deeper`;
    report(context, 'warning', 'crd-descriptions-dropped', `the CRD of ${name} is ${before} bytes as JSON, over ${ETCD_OBJECT_LIMIT_BYTES}: ${count} descriptions ${which} dropped; now ${after} bytes`, where);
  }
  if (!fitted.fits) {
    report(context, 'error', 'crd-too-large', `the CRD of ${name} is not written: ${fitted.jsonBytes} bytes as JSON without any description, over the ${ETCD_OBJECT_LIMIT_BYTES}-byte limit of an etcd object (${result.versions.length} versions)`, where);
    return result;
  }
  result.yamlBytes = fitted.yamlBytes;
  if (fitted.jsonBytes > KUBECTL_APPLY_LIMIT_BYTES) {
    report(context, 'warning', 'crd-over-kubectl-apply-limit', `the CRD of ${name} is ${fitted.jsonBytes} bytes as JSON (YAML ${fitted.yamlBytes}), over the ${KUBECTL_APPLY_LIMIT_BYTES} bytes client-side kubectl apply can annotate; use kubectl apply --server-side or kubectl create`, where);
  }
  result.file = { path, content: fitted.yaml };
  return result;
}

export interface CrdSize {
  path: string;
  group: string;
  plural: string;
  bytes: number;
}

/** The size of each CRD file among `files` (other files are skipped), largest first, then by path. */
export function crdSizes(files: readonly EmittedFile[]): CrdSize[] {
  const out: CrdSize[] = [];
  for (const f of files) {
    const m = /^crds\/([^/_]+)_([^/]+)\.yaml$/.exec(f.path);
    if (m) out.push({ path: f.path, group: m[1], plural: m[2], bytes: Buffer.byteLength(f.content) });
  }
  return out.sort((a, b) => b.bytes - a.bytes || (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}
