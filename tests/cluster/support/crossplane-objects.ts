/**
 * Example objects for the Crossplane target. That target has no conversion code (`armkube
 * import` cannot write its objects), so each is derived from the ASO object `import` made of the
 * same example, where the two shapes agree: `spec.forProvider` is the ASO spec less `owner` and
 * `azureName`, plus the identity parameters (`resourceGroupName`, then the parents' names, in
 * the order of the ARM ID) from the owner's ARM ID; the Azure name goes to the
 * `crossplane.io/external-name` annotation. An object whose fields the Crossplane schema does not
 * all have (references and secrets are shaped apart), or whose identity cannot be filled, is
 * not derived and is counted apart. Which objects are derived depends only on the schema, never
 * on the server's verdict.
 */
import { parseArmId } from '../../../generator/runtime/arm-id.js';
import type { ImportedObject } from './examples.js';

type Json = Record<string, any>;
const isObj = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Whether every key of `value` has a place in `schema` (types are not checked: that is the judges' job). */
function fits(value: unknown, schema: Json | undefined): boolean {
  if (!schema) return false;
  if (schema['x-kubernetes-preserve-unknown-fields']) return true;
  if (Array.isArray(value)) return value.every((v) => fits(v, schema.items));
  if (!isObj(value)) return true;
  return Object.entries(value).every(([k, v]) => {
    const s = schema.properties?.[k] ?? (isObj(schema.additionalProperties) ? schema.additionalProperties : undefined);
    return fits(v, s);
  });
}

/** forProvider's identity parameters, in order: those described as the name of what the resource belongs to. */
function identityFields(forProvider: Json): string[] {
  return Object.entries(forProvider.properties ?? {})
    .filter(([, s]: [string, any]) => typeof s.description === 'string' && /^The name of the .* belongs to\./.test(s.description))
    .map(([k]) => k);
}

export interface Derived {
  objects: ImportedObject[];
  notDerived: { file: string; reason: string }[];
}

export function crossplaneObjects(asoObjects: readonly ImportedObject[], crossplaneCrds: readonly any[]): Derived {
  const byKind = new Map<string, { crd: any; version: any }>();
  for (const crd of crossplaneCrds) for (const v of crd.spec.versions) byKind.set(`${crd.spec.group}/${v.name}/${crd.spec.names.kind}`, { crd, version: v });
  const out: Derived = { objects: [], notDerived: [] };
  for (const { file, object } of asoObjects) {
    const found = byKind.get(`${object.apiVersion}/${object.kind}`);
    if (!found) {
      out.notDerived.push({ file, reason: `no Crossplane kind ${object.apiVersion} ${object.kind}` });
      continue;
    }
    const forProviderSchema = found.version.schema.openAPIV3Schema.properties.spec.properties.forProvider;
    const { owner, azureName, ...parameters } = object.spec;
    const identity = identityFields(forProviderSchema);
    const parsed = typeof owner?.armId === 'string' ? parseArmId(owner.armId) : undefined;
    const names = parsed?.ok ? [...(parsed.resourceGroup !== undefined && parsed.armType !== 'Microsoft.Resources/resourceGroups' ? [parsed.resourceGroup] : []), ...(parsed.armType === 'Microsoft.Resources/resourceGroups' ? [parsed.name] : parsed.types.map((t) => t.name))] : [];
    if (names.length !== identity.length) {
      out.notDerived.push({ file, reason: `identity ${identity.join(', ') || 'none'} not filled from the owner ${owner?.armId ?? owner?.name}` });
      continue;
    }
    const forProvider = { ...Object.fromEntries(identity.map((k, i) => [k, names[i]])), ...parameters };
    if (!fits(forProvider, forProviderSchema)) {
      out.notDerived.push({ file, reason: 'fields the Crossplane parameters have no place for (references or secrets)' });
      continue;
    }
    const annotations = typeof azureName === 'string' ? { 'crossplane.io/external-name': azureName } : undefined;
    out.objects.push({
      file,
      plural: found.crd.spec.names.plural,
      object: { apiVersion: object.apiVersion, kind: object.kind, metadata: { name: object.metadata.name, ...(annotations && { annotations }) }, spec: { forProvider } },
    });
  }
  return out;
}
