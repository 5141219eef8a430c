/**
 * The provider's own stages, written against armkube's stage contract and model, and its stage
 * list: the `aso` stages with these two inserted where they belong.
 */
import { asoStages, insertAfter, insertBefore, mapKubernetesTypes, mapPackages, type ApiPackage, type Property, type Stage } from 'armkube';

/** The property `deletion-policy` adds: Kubernetes-only, so it never reaches the ARM payload. */
export const DELETION_POLICY: Property = {
  name: 'deletionPolicy',
  armName: 'deletionPolicy',
  type: {
    kind: 'enum',
    base: 'string',
    open: false,
    values: [
      { value: 'Delete', description: 'delete the Azure resource with the Kubernetes one' },
      { value: 'Orphan', description: 'leave the Azure resource in place' },
    ],
  },
  required: false,
  readOnly: false,
  description: 'What happens to the Azure resource when this Kubernetes resource is deleted (default Delete).',
  kubernetesOnly: true,
  annotations: { addedBy: 'example-provider' },
};

/** Adds `deletionPolicy` to the spec of every resource: needs the spec types and `owner-scope`'s final top level. */
export const deletionPolicyStage: Stage = {
  id: 'deletion-policy',
  description: 'adds spec.deletionPolicy (Delete or Orphan), a Kubernetes-only property, to every resource spec',
  requires: ['spec-status', 'owner-scope'],
  run: (model, context) =>
    mapPackages(model, (pkg) => {
      const specs = new Set(pkg.resources.flatMap((r) => (r.kubernetes?.specType ? [r.kubernetes.specType] : [])));
      return mapKubernetesTypes(pkg, (def) => {
        if (!specs.has(def.name) || def.type.kind !== 'object') return def;
        if (def.type.properties.some((p) => p.armName === DELETION_POLICY.armName)) {
          context.diagnostics.warning('x-deletion-policy-exists', `${def.name} already has a deletionPolicy property`, def.source);
          return def;
        }
        context.count('deletionPolicy.added');
        return { ...def, type: { ...def.type, properties: [...def.type.properties, DELETION_POLICY] } };
      });
    }),
};

/** Keeps only the latest stable api-version of each provider namespace; the stages after it work on less. */
export const latestStableStage: Stage = {
  id: 'latest-stable',
  description: 'keeps only the latest stable api-version of each provider namespace',
  run(model, context) {
    const latest = new Map<string, string>();
    for (const pkg of model.packages) {
      const namespace = pkg.namespace.toLowerCase();
      if (pkg.stability === 'stable' && (latest.get(namespace) ?? '') < pkg.apiVersion) latest.set(namespace, pkg.apiVersion);
    }
    const keep = (pkg: ApiPackage) => pkg.stability === 'stable' && latest.get(pkg.namespace.toLowerCase()) === pkg.apiVersion;
    const packages = model.packages.filter(keep);
    context.count('latestStable.dropped', model.packages.length - packages.length);
    return { ...model, packages };
  },
};

/** The provider's pipeline: armkube's `aso` stages with its own two in place. */
export function providerStages(): Stage[] {
  return insertAfter(insertBefore(asoStages, 'merge-allof', latestStableStage), 'owner-scope', deletionPolicyStage);
}
