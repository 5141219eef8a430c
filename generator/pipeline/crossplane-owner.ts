/**
 * crossplane-owner: where a resource lives, in the Crossplane style. A managed resource is named
 * in Azure by its `crossplane.io/external-name` annotation; every other parameter of its ARM URL
 * becomes a string property at the top of the spec (then `forProvider`), in URL order, annotated
 * `crossplane: 'identity'` and `urlParameter` (the URL parameter it fills):
 *
 *   `resourceGroups/{x}`              `resourceGroupName`, with `resourceGroupNameRef` and
 *                                     `resourceGroupNameSelector` (a ResourceGroup)
 *   `virtualNetworks/{x}` (a parent)  `virtualNetworkName`, with Ref and Selector when the parent
 *                                     type has a kind (a Subnet's VirtualNetwork)
 *   `locations/{x}` (first segment)   `location`
 *   anything else                     `<singular type>Name` after a type segment
 *                                     (`managementGroups/{id}` → `managementGroupName`), else
 *                                     the parameter's name (`{scope}`, `{resourceUri}`)
 *
 * The subscription is the provider's (its ProviderConfig), not a parameter. All are optional: a
 * reference or selector may fill them. A name the body already uses gets `Parameter`
 * (`locationParameter`, warning `crossplane-identity-renamed`); a type segment the URL repeats
 * (`folders/{a}/folders/{b}`) is numbered (`folderName`, `folderName2`). The ARM `id`, `name` and
 * `type` leave the spec, as in `owner-scope`, whose place this stage takes.
 *
 * Runs once the spec's top level is final: after `spec-status`, `flatten-properties`,
 * `arm-references`, `secrets`, `crossplane-references` and `crossplane-secrets`; and before
 * `property-names`, which settles collisions with the new names.
 */
import type { ApiPackage, Model, ObjectType, Property, Resource, TypeDefinition } from '../model/types.js';
import { camelCase, singular } from '../naming/words.js';
import { CommonTypes, crossplaneProperty, kindsByArmType, referenceProperties, type KindRef } from './crossplane-common.js';
import { kubernetesName } from './property-names.js';
import { kubernetesGroup } from './resource-names.js';
import { withDefinitions } from './sides.js';
import type { Stage, StageContext } from './stage.js';

const URL_ONLY = new Set(['id', 'name', 'type']);
const RESOURCE_GROUP_TYPE = 'Microsoft.Resources/resourceGroups';

/**
 * The `crossplane-owner` stage (in place of `owner-scope`): the URL parameters of each resource
 * (`resourceGroupName`, parent names) become spec properties with `Ref` and `Selector`; ARM `id`,
 * `name` and `type` leave the spec (see above).
 */
export const crossplaneOwnerStage: Stage = {
  id: 'crossplane-owner',
  description: 'the URL parameters of each resource (resourceGroupName, parent names) become spec properties with Ref/Selector; ARM id/name/type leave the spec',
  requires: ['spec-status', 'flatten-properties'],
  runsAfter: ['arm-references', 'secrets', 'crossplane-references', 'crossplane-secrets'],
  runsBefore: ['property-names'],
  run(model: Model, context: StageContext): Model {
    const kinds = kindsByArmType(model);
    kinds.set(RESOURCE_GROUP_TYPE.toLowerCase(), { group: kubernetesGroup('Microsoft.Resources', context.options.groupSuffix), kind: 'ResourceGroup' });
    return { ...model, packages: model.packages.map((pkg) => ownerOfPackage(pkg, kinds, context)) };
  },
};

export interface IdentityParameter {
  /** The URL parameter (`virtualNetworkName`). */
  parameter: string;
  /** The property name (`virtualNetworkName`). */
  name: string;
  /** The ARM type of the resource the parameter names, when it names one. */
  armType?: string;
}

const isParam = (s: string) => s.startsWith('{') && s.endsWith('}');

/** The parameters of a resource's URL other than the subscription and its own name, in URL order. */
export function identityParameters(r: Pick<Resource, 'urlTemplate' | 'nameParameter'>): IdentityParameter[] {
  const segments = r.urlTemplate.split('?')[0].split('/').filter((s) => s.length > 0);
  let providers = -1;
  for (let i = segments.length - 2; i >= 0 && providers < 0; i--) if (segments[i].toLowerCase() === 'providers' && !isParam(segments[i + 1])) providers = i;
  const out: IdentityParameter[] = [];
  segments.forEach((s, i) => {
    if (!isParam(s)) return;
    const parameter = s.slice(1, -1);
    if (parameter === r.nameParameter || /^subscriptionId$/i.test(parameter)) return;
    const before = i > 0 && !isParam(segments[i - 1]) ? segments[i - 1] : undefined;
    if (before?.toLowerCase() === 'resourcegroups') out.push({ parameter, name: 'resourceGroupName', armType: RESOURCE_GROUP_TYPE });
    else if (before && providers >= 0 && i > providers + 2) {
      // A parent of the resource: the type segments from the namespace to here name its ARM type.
      const types = segments.slice(providers + 2, i).filter((_, j) => j % 2 === 0);
      if (types.length === 1 && before.toLowerCase() === 'locations') out.push({ parameter, name: 'location' });
      else out.push({ parameter, name: `${camelCase(singular(before))}Name`, armType: `${segments[providers + 1]}/${types.join('/')}` });
    } else out.push({ parameter, name: before ? `${camelCase(singular(before))}Name` : kubernetesName(parameter) });
  });
  return out;
}

function ownerOfPackage(pkg: ApiPackage, kinds: Map<string, KindRef>, context: StageContext): ApiPackage {
  const common = new CommonTypes(pkg);
  const changed = new Map<string, TypeDefinition>();
  const resources = pkg.resources.map((r): Resource => {
    const k = r.kubernetes;
    const def = k?.specType ? pkg.types[k.specType] : undefined;
    if (!k || !def || def.type.kind !== 'object') return r;
    let owner: KindRef | undefined;
    const kept = def.type.properties.filter((p) => p.role || p.armPath || !URL_ONLY.has(p.armName));
    const inBody = new Set(kept.map((p) => p.name.toLowerCase()));
    const taken = new Set(inBody);
    const added: Property[] = [];
    for (const id of identityParameters(r)) {
      // A name the body uses gets `Parameter`; a type segment the URL repeats (`a/{x}/a/{y}`) a number.
      const base = inBody.has(id.name.toLowerCase()) ? `${id.name}Parameter` : id.name;
      let name = base;
      for (let i = 2; taken.has(name.toLowerCase()); i++) name = `${base}${i}`;
      if (base !== id.name) context.diagnostics.warning('crossplane-identity-renamed', `${k.kind}: the URL parameter ${id.parameter} is named ${name}, as the spec has a property ${id.name}`, r.source);
      taken.add(name.toLowerCase());
      const target = id.armType ? kinds.get(id.armType.toLowerCase()) : undefined;
      const description = target
        ? `The name of the ${target.kind} this ${k.kind} belongs to. Set it, or fill it with ${name}Ref or ${name}Selector.`
        : `The ${id.parameter} parameter of the ARM URL of this ${k.kind}.`;
      added.push(crossplaneProperty(name, { kind: 'primitive', primitive: 'string' }, 'identity', description, { urlParameter: id.parameter }));
      if (target) added.push(...referenceProperties(name, false, [target], common));
      owner = target ?? owner;
      context.count(`crossplane.identity.${target ? 'referenced' : 'plain'}`);
    }
    changed.set(k.specType!, { ...def, type: { ...def.type, properties: [...added, ...kept] } satisfies ObjectType });
    // The nearest parent with a kind, for `armkube model` (as owner-scope records it).
    return owner ? { ...r, kubernetes: { ...k, owner: { ...owner } } } : r;
  });
  for (const [name, def] of common.added) changed.set(name, def);
  return changed.size ? { ...pkg, types: withDefinitions(pkg.types, changed), resources } : pkg;
}
