/**
 * Lists that ARM keys become Kubernetes list maps (`x-kubernetes-list-type: map` and
 * `x-kubernetes-list-map-keys`), so that server-side apply merges them per item instead of
 * replacing them whole. ARM names an array's item keys with `x-ms-identifiers` (the model's
 * `ArrayType.identifiers`; absent means `name`, an empty list means the items have no key).
 *
 * Kubernetes requires each map key to be a scalar property that every item has (required, or
 * defaulted): a key the item schema does not require leaves the list as it is (atomic), since
 * making it required would refuse objects ARM accepts. Keys are ARM names; the list map names
 * the Kubernetes property of each (a key moved by flattening, or a nested path, is not used).
 */
import type { ApiPackage, ArrayType } from '../../model/types.js';
import { resolve } from '../../model/walk.js';
import type { CrdSchema } from './openapi.js';

const SCALARS: ReadonlySet<string | undefined> = new Set(['string', 'integer', 'number', 'boolean']);

/** The Kubernetes names of the list's keys, or undefined when the list cannot be a list map. */
export function listMapKeys(pkg: Pick<ApiPackage, 'types'>, array: ArrayType, items: CrdSchema): string[] | undefined {
  const identifiers = array.identifiers ?? ['name'];
  if (!identifiers.length || items.type !== 'object' || !items.properties) return undefined;
  const itemType = resolve(pkg, array.items);
  if (itemType?.kind !== 'object') return undefined;
  const keys: string[] = [];
  for (const identifier of identifiers) {
    const armName = identifier.replace(/^\//, '');
    const property = itemType.properties.find((p) => p.armName === armName && (p.armPath === undefined || (p.armPath.length === 1 && p.armPath[0] === armName)));
    if (!property) return undefined;
    const schema = items.properties[property.name];
    if (!schema || !SCALARS.has(schema.type) || !items.required?.includes(property.name)) return undefined;
    keys.push(property.name);
  }
  return keys;
}
