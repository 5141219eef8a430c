/**
 * owner-scope: the Kubernetes identity of each resource's ARM parent and name, as ASO has them.
 *
 *   `owner`      who the resource belongs to: the parent kind for child resources
 *                (`VirtualNetworksSubnet` → `VirtualNetwork`), `ResourceGroup` for resource-group
 *                resources, any kind (`{group, kind, name}` or `armId`) for extension resources.
 *                Tenant- and subscription-scoped resources have no owner.
 *   `azureName`  the ARM name (in the URL), defaulting to `metadata.name`; absent for fixed-name
 *                singletons such as `blobServices/default`.
 *
 * The ARM `id`, `name` and `type` leave the spec: they are in the URL or set by ARM.
 *
 * Runs once the spec's top level is final: after `spec-status`, `flatten-properties`,
 * `arm-references` and `secrets`; and before `property-names`, which names ARM properties that
 * collide with `owner` or `azureName`.
 */
import type { ApiPackage, KubernetesResourceInfo, Model, ObjectType, OwnerReferenceType, Property, Resource, TypeDefinition } from '../model/types.js';
import { kubernetesGroup } from './resource-names.js';
import { withDefinitions } from './sides.js';
import type { Stage, StageContext } from './stage.js';

const URL_ONLY = new Set(['id', 'name', 'type']);

/**
 * The `owner-scope` stage: adds `owner` (the parent resource, the resource group, or any kind for
 * extensions) and `azureName` to each spec, and drops the ARM `id`, `name` and `type` from it.
 */
export const ownerScopeStage: Stage = {
  id: 'owner-scope',
  description: 'spec.owner (parent, resource group or any for extensions) and spec.azureName; ARM id/name/type leave the spec',
  requires: ['spec-status', 'flatten-properties'],
  runsAfter: ['arm-references', 'secrets'],
  runsBefore: ['property-names'],
  run(model: Model, context: StageContext): Model {
    const kinds = new Map<string, string>();
    for (const pkg of model.packages) {
      for (const r of pkg.resources) if (r.kubernetes) kinds.set(`${r.kubernetes.group}\0${r.armType.toLowerCase()}`, r.kubernetes.kind);
    }
    const resourceGroup = { group: kubernetesGroup('Microsoft.Resources', context.options.groupSuffix), kind: 'ResourceGroup' };
    const declared = new Set((model.armTypes ?? []).map((t) => t.toLowerCase()));
    return {
      ...model,
      packages: model.packages.map((pkg) => ownPackage(pkg, (r) => ownerOf(r, kinds, resourceGroup, declared, context), context)),
    };
  },
};

type Owner = { type?: OwnerReferenceType; info?: KubernetesResourceInfo['owner'] };

function ownerOf(r: Resource, kinds: Map<string, string>, resourceGroup: { group: string; kind: string }, declared: ReadonlySet<string>, context: StageContext): Owner {
  const group = r.kubernetes!.group;
  if (r.parentArmType) {
    const kind = kinds.get(`${group}\0${r.parentArmType.toLowerCase()}`);
    if (kind) return { type: { kind: 'ownerRef', kinds: [{ group, kind }] }, info: { group, kind } };
    if (declared.has(r.parentArmType.toLowerCase())) {
      context.diagnostics.info('owner-not-selected', `the parent ${r.parentArmType} of ${r.armType} is not selected, so it has no kind here; its owner is given by ARM ID`, r.source);
    } else {
      context.diagnostics.warning('owner-unknown', `the parent ${r.parentArmType} of ${r.armType} has no kind (no PUT in the specs); its owner is given by ARM ID`, r.source);
    }
    return { type: { kind: 'ownerRef' }, info: { any: true } };
  }
  switch (r.scope) {
    case 'resourceGroup':
      return { type: { kind: 'ownerRef', kinds: [resourceGroup] }, info: resourceGroup };
    case 'location':
      return r.scopeDetail === 'resourceGroup' ? { type: { kind: 'ownerRef', kinds: [resourceGroup] }, info: resourceGroup } : {};
    case 'extension':
    case 'managementGroup':
      return { type: { kind: 'ownerRef' }, info: { any: true } };
    default:
      return {};
  }
}

function ownPackage(pkg: ApiPackage, ownerFor: (r: Resource) => Owner, context: StageContext): ApiPackage {
  if (!pkg.resources.some((r) => r.kubernetes?.specType)) return pkg;
  const changed = new Map<string, TypeDefinition>();
  const resources = pkg.resources.map((r): Resource => {
    const k = r.kubernetes;
    const def = k?.specType ? pkg.types[k.specType] : undefined;
    if (!k || !def || def.type.kind !== 'object') return r;
    const owner = ownerFor(r);
    const added: Property[] = [];
    if (r.fixedName === undefined) {
      added.push({
        name: 'azureName',
        armName: 'name',
        role: 'azureName',
        type: { kind: 'primitive', primitive: 'string' },
        required: false,
        readOnly: false,
        description: `The name of the resource in Azure. Defaults to metadata.name when not set.`,
      });
    }
    if (owner.type) {
      added.push({
        name: 'owner',
        armName: 'owner',
        role: 'owner',
        type: owner.type,
        required: true,
        readOnly: false,
        description: owner.type.kinds
          ? `The owner of the resource: a reference to a ${owner.type.kinds.map((o) => o.kind).join(' or ')}.`
          : 'The owner of the resource: a reference to a resource of any kind (group, kind, name) or an ARM ID.',
      });
      context.count(`owners.${owner.type.kinds ? 'kind' : 'any'}`);
    }
    const kept = def.type.properties.filter((p) => p.role || p.armPath || !URL_ONLY.has(p.armName));
    const spec: ObjectType = { ...def.type, properties: [...added, ...kept] };
    changed.set(k.specType!, { ...def, type: spec });
    const kubernetes: KubernetesResourceInfo = { ...k, hasAzureName: r.fixedName === undefined };
    if (owner.info) kubernetes.owner = owner.info;
    return { ...r, kubernetes };
  });
  return { ...pkg, types: withDefinitions(pkg.types, changed), resources };
}
