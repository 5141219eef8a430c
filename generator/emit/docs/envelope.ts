/**
 * Crossplane's managed resources keep their ARM parameters in `spec.forProvider`: every property
 * of the spec type itself is Kubernetes-only, so the generated `armToSpec` of such a kind turns any
 * ARM body into an empty spec (the crossplane docs showed `spec: {}` for every sample). Samples are
 * made with the conversion of the parameters type instead: the TypeScript is generated from a view
 * of the model in which each such kind's spec type is its parameters type, and the converted
 * parameters go under `forProvider`.
 */
import type { ApiPackage, Model, Resource } from '../../model/types.js';
import { FOR_PROVIDER } from '../../pipeline/crossplane-managed.js';

/** The spec property that holds a kind's ARM parameters, and their type; undefined when the spec holds them itself. */
export function parametersEnvelope(pkg: ApiPackage, resource: Resource): { property: string; type: string } | undefined {
  const specType = resource.kubernetes?.specType;
  const def = specType === undefined ? undefined : pkg.types[specType];
  if (def?.type.kind !== 'object') return undefined;
  const p = def.type.properties.find((x) => x.name === FOR_PROVIDER && x.annotations?.crossplane === 'resourceSpec');
  return p?.type.kind === 'ref' ? { property: p.name, type: p.type.name } : undefined;
}

/** The model with each enveloped kind's spec type replaced by its parameters type; undefined when no kind is enveloped. */
export function parametersAsSpec(model: Model): Model | undefined {
  let changed = false;
  const packages = model.packages.map((pkg) => {
    const resources = pkg.resources.map((r) => {
      const envelope = parametersEnvelope(pkg, r);
      if (!envelope) return r;
      changed = true;
      return { ...r, kubernetes: { ...r.kubernetes!, specType: envelope.type } };
    });
    return changed ? { ...pkg, resources } : pkg;
  });
  return changed ? { ...model, packages } : undefined;
}
