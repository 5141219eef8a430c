/**
 * Assembling one CustomResourceDefinition (`apiextensions.k8s.io/v1`) from every version of one
 * (group, kind) in the model: the names, one served version per api-version (sorted by
 * api-version, storage as the `storage-version` stage chose), the status subresource, the
 * printer columns of ASO (Ready, Severity, Reason, Message of the Ready condition) plus Age, and
 * the version's schema: `apiVersion`, `kind`, `metadata`, `spec` (the `_Spec` type) and `status`
 * (the `_STATUS` type). `spec` is required when the spec type has required properties. A kind may
 * set its own scope, categories, printer columns and CEL rules on the spec (`KubernetesResourceInfo`;
 * the `crossplane` target does). A kind with more than one version names its conversion webhook
 * (`spec.conversion`, see `conversion.ts`).
 */
import type { ApiPackage, KubernetesResourceInfo, Model, Resource } from '../../model/types.js';
import { compareApiVersions } from '../../model/api-versions.js';
import type { EmitContext } from '../emitter.js';
import { conversionOf, type CrdConversion } from './conversion.js';
import type { CrdSchema } from './openapi.js';
import { report } from './report.js';
import type { SchemaBuilder } from './schema.js';

export interface PrinterColumn {
  name: string;
  type: 'string' | 'integer' | 'number' | 'boolean' | 'date';
  jsonPath: string;
  description?: string;
}

export interface CrdVersion {
  name: string;
  served: boolean;
  storage: boolean;
  additionalPrinterColumns: PrinterColumn[];
  subresources: { status: Record<string, never> };
  schema: { openAPIV3Schema: CrdSchema };
}

export interface CustomResourceDefinition {
  apiVersion: 'apiextensions.k8s.io/v1';
  kind: 'CustomResourceDefinition';
  metadata: { name: string; annotations: Record<string, string> };
  spec: {
    group: string;
    names: { kind: string; listKind: string; plural: string; singular: string; categories: string[] };
    scope: 'Namespaced' | 'Cluster';
    versions: CrdVersion[];
    /** Only with more than one version (`conversion.ts`). */
    conversion?: CrdConversion;
  };
}

export type KubernetesResource = Resource & { kubernetes: KubernetesResourceInfo };

export interface KindVersion {
  pkg: ApiPackage;
  resource: KubernetesResource;
}

/** Every version of one (group, kind), sorted by api-version. */
export interface KindVersions {
  group: string;
  kind: string;
  versions: KindVersion[];
}

export const ARM_TYPE_ANNOTATION = 'armkube.io/arm-type';
export const ARM_API_VERSIONS_ANNOTATION = 'armkube.io/arm-api-versions';

const READY = ".status.conditions[?(@.type=='Ready')]";

/** ASO's columns (the Ready condition) and Age, which Kubernetes drops once any column is given. */
export const PRINTER_COLUMNS: readonly PrinterColumn[] = Object.freeze([
  { name: 'Ready', type: 'string', jsonPath: `${READY}.status` },
  { name: 'Severity', type: 'string', jsonPath: `${READY}.severity` },
  { name: 'Reason', type: 'string', jsonPath: `${READY}.reason` },
  { name: 'Message', type: 'string', jsonPath: `${READY}.message` },
  { name: 'Age', type: 'date', jsonPath: '.metadata.creationTimestamp' },
]);

/** The kinds of the model with their versions, sorted by group then kind. */
export function kindsOf(model: Model): KindVersions[] {
  const byKind = new Map<string, KindVersions>();
  for (const pkg of model.packages) {
    for (const resource of pkg.resources) {
      const k = resource.kubernetes;
      if (!k) continue;
      const key = `${k.group}\0${k.kind}`;
      let entry = byKind.get(key);
      if (!entry) byKind.set(key, (entry = { group: k.group, kind: k.kind, versions: [] }));
      entry.versions.push({ pkg, resource: resource as KubernetesResource });
    }
  }
  const kinds = [...byKind.values()];
  for (const k of kinds) k.versions.sort((a, b) => compareApiVersions(a.resource.apiVersion, b.resource.apiVersion) || compareText(a.pkg.id, b.pkg.id));
  return kinds.sort((a, b) => compareText(a.group, b.group) || compareText(a.kind, b.kind));
}

/** The plural of a kind: the one the pipeline chose (the storage version's, if they differ). */
export function pluralOf(kind: KindVersions): string {
  const chosen = kind.versions.find((v) => v.resource.kubernetes.storage) ?? kind.versions[kind.versions.length - 1];
  return chosen.resource.kubernetes.plural ?? `${kind.kind.toLowerCase()}s`;
}

/** The category for a group: its first label (`network.azure.com` → `network`). */
export function groupCategory(group: string): string {
  return group.split('.')[0];
}

const DNS1035 = /^[a-z]([-a-z0-9]*[a-z0-9])?$/;

export function assembleCrd(kind: KindVersions, schemaFor: (pkg: ApiPackage) => SchemaBuilder, context: EmitContext): CustomResourceDefinition {
  const plural = pluralOf(kind);
  const storage = kind.versions.find((v) => v.resource.kubernetes.storage) ?? kind.versions[kind.versions.length - 1];
  const apiVersions = [...new Set(kind.versions.map((v) => v.resource.apiVersion))];
  const category = groupCategory(kind.group);
  const versions = kind.versions.map((v): CrdVersion => ({
    name: v.resource.kubernetes.version,
    served: true,
    storage: v.resource.kubernetes.storage === true,
    additionalPrinterColumns: (v.resource.kubernetes.printerColumns ?? PRINTER_COLUMNS).map((c) => ({ ...c })),
    subresources: { status: {} },
    schema: { openAPIV3Schema: rootSchema(v, schemaFor(v.pkg), context) },
  }));
  const conversion = conversionOf(versions.length, context.options);
  return {
    apiVersion: 'apiextensions.k8s.io/v1',
    kind: 'CustomResourceDefinition',
    metadata: {
      name: `${plural}.${kind.group}`,
      annotations: {
        [ARM_TYPE_ANNOTATION]: storage.resource.armType,
        [ARM_API_VERSIONS_ANNOTATION]: apiVersions.join(','),
      },
    },
    spec: {
      group: kind.group,
      names: {
        kind: kind.kind,
        listKind: `${kind.kind}List`,
        plural,
        singular: kind.kind.toLowerCase(),
        // A first label Kubernetes would refuse as a category (a DNS-1035 label) is left out.
        categories: storage.resource.kubernetes.categories ? [...storage.resource.kubernetes.categories] : DNS1035.test(category) && category !== 'azure' ? ['azure', category] : ['azure'],
      },
      scope: storage.resource.kubernetes.scope ?? 'Namespaced',
      versions,
      ...(conversion && { conversion }),
    },
  };
}

function rootSchema({ pkg, resource }: KindVersion, builder: SchemaBuilder, context: EmitContext): CrdSchema {
  const k = resource.kubernetes;
  let spec: CrdSchema;
  if (k.specType && pkg.types[k.specType]) spec = builder.named(k.specType, 'spec');
  else {
    // Info: the `spec-status` stage has warned already (`no-spec`).
    report(context, 'info', 'crd-free-form-spec', `${k.group} ${k.kind} ${k.version}: ${resource.armType} ${resource.apiVersion} has no spec type; its spec is free-form`, resource.source);
    spec = { type: 'object', 'x-kubernetes-preserve-unknown-fields': true };
  }
  // A copy: the builder memoizes the schema it returned.
  if (k.specRules?.length) spec = { ...spec, 'x-kubernetes-validations': [...(spec['x-kubernetes-validations'] ?? []), ...k.specRules.map((r) => ({ ...r }))] };
  const status: CrdSchema = k.statusType && pkg.types[k.statusType] ? builder.named(k.statusType, 'status') : { type: 'object', 'x-kubernetes-preserve-unknown-fields': true };
  const root: CrdSchema = {
    description: `${k.kind} is the Kubernetes resource for the ARM resource type ${resource.armType}, api-version ${resource.apiVersion}.`,
    type: 'object',
    properties: {
      apiVersion: {
        description: 'The versioned schema of this representation of an object (group/version).',
        type: 'string',
      },
      kind: {
        description: 'The REST resource this object represents, in CamelCase.',
        type: 'string',
      },
      metadata: { type: 'object' },
      spec,
      status,
    },
  };
  if (spec.required?.length) root.required = ['spec'];
  return root;
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
