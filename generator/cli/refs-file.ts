/**
 * The `--refs` file of `render`: a YAML mapping from a referenced object to its ARM ID, for the
 * references a spec makes by Kubernetes name (`{ group, kind, name }`). Keys are `<Kind>/<name>`,
 * or `<group>/<Kind>/<name>` where two groups have a kind of the same name:
 *
 *   NetworkSecurityGroup/my-nsg: /subscriptions/.../providers/Microsoft.Network/networkSecurityGroups/my-nsg
 *   network.azure.com/RouteTable/my-routes: /subscriptions/.../routeTables/my-routes
 */
import type { Diagnostic } from '../diagnostics.js';
import { parseArmId, type ResourceReference } from '../runtime/index.js';
import { isObject, readDocuments } from './documents.js';
import { error } from './generated-output.js';

export type RefsMap = ReadonlyMap<string, string>;

export function readRefsFile(file: string): { refs: RefsMap } | { errors: Diagnostic[] } {
  const read = readDocuments(file, '--refs file');
  if ('error' in read) return { errors: [read.error] };
  const refs = new Map<string, string>();
  const errors: Diagnostic[] = [];
  for (const doc of read.documents) {
    if (!isObject(doc.value)) {
      errors.push(error('invalid-refs', `document ${doc.number} of ${file} is not a mapping of "<Kind>/<name>" to ARM IDs`, file));
      continue;
    }
    for (const [key, id] of Object.entries(doc.value)) {
      const pointer = '/' + key.replace(/~/g, '~0').replace(/\//g, '~1');
      if (key.split('/').length < 2) errors.push(error('invalid-refs', `the key "${key}" is not "<Kind>/<name>" (or "<group>/<Kind>/<name>")`, file, pointer));
      else if (typeof id !== 'string') errors.push(error('invalid-refs', `${key}: the ARM ID must be a string, got ${JSON.stringify(id)}`, file, pointer));
      else {
        const parsed = parseArmId(id);
        if (parsed.ok) refs.set(key, id);
        else errors.push(error('invalid-refs', `${key}: ${id} is not an ARM ID: ${parsed.reason}`, file, pointer));
      }
    }
  }
  return errors.length ? { errors } : { refs };
}

/** The keys a Kubernetes reference may have in a refs file, most specific first. */
export function refsKeysOf(reference: ResourceReference): string[] {
  return [`${reference.group}/${reference.kind}/${reference.name}`, `${reference.kind}/${reference.name}`];
}
