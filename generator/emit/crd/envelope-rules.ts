/**
 * CEL rules that keep the requiredness of fields lifted out of an optional envelope.
 *
 * TypeSpec makes a resource's `properties` optional while fields inside it are required (a
 * private endpoint connection's `privateLinkServiceConnectionState`). Flattening lifts them into
 * the spec, where they cannot be structurally required (the whole envelope may be left out), so
 * `flatten-properties` sets their `requiredInEnvelope` and the object gets one rule per
 * envelope: "if any field of the envelope is set, its required fields are set":
 *
 *   !(has(self.privateEndpoint) || has(self.privateLinkServiceConnectionState)) || has(self.privateLinkServiceConnectionState)
 *
 * Each rule is a fixed number of `has()` tests (no list or map is iterated), so its cost does not
 * grow with the object; the schema builder puts rules only where the object occurs a bounded
 * number of times (see docs/readonly-required.md). Fields CEL cannot see are left out: those
 * whose schema the API server gives no CEL type (`celTyped`), and names its `Escape` refuses.
 */
import type { ObjectType, Property } from '../../model/types.js';
import type { CrdSchema } from './openapi.js';

export interface CelRule {
  rule: string;
  message: string;
}

/**
 * The rules of an object's optional envelopes, in property order; none when it has no such field.
 * `schemaOf` gives the CRD schema built for a property: it tells which fields CEL can see.
 */
export function envelopeRules(obj: ObjectType, schemaOf: (p: Property) => CrdSchema | undefined): CelRule[] {
  const envelopes = new Map<string, { path: string[]; required: Property[] }>();
  for (const p of obj.properties) {
    const n = p.requiredInEnvelope;
    if (n === undefined || !p.armPath) continue;
    const path = p.armPath.slice(0, n);
    const key = path.join('\0');
    const entry = envelopes.get(key) ?? { path, required: [] };
    entry.required.push(p);
    envelopes.set(key, entry);
  }
  const rules: CelRule[] = [];
  for (const { path, required } of envelopes.values()) {
    const fields = obj.properties.filter((p) => p.armPath && p.armPath.length > path.length && path.every((s, i) => p.armPath![i] === s));
    const visible = (p: Property) => celField(p.name) !== undefined && celTyped(schemaOf(p));
    const must = required.filter(visible);
    const any = fields.filter(visible);
    // One required field that is also the envelope's only field: the envelope is sent exactly
    // when it is set, so there is nothing to check.
    if (must.length === 0 || (must.length === 1 && any.length === 1)) continue;
    const has = (p: Property) => `has(self.${celField(p.name)})`;
    rules.push({
      rule: `!(${any.map(has).join(' || ')}) || ${must.length === 1 ? has(must[0]) : `(${must.map(has).join(' && ')})`}`,
      message: `${must.map((p) => p.name).join(', ')} ${must.length === 1 ? 'is' : 'are'} required when any field of the ARM ${path.join('.')} envelope is set (${any.map((p) => p.name).join(', ')})`,
    });
  }
  return rules;
}

/**
 * Whether the API server gives a schema a CEL type (k8s.io/apiserver cel/common SchemaDeclType): a
 * field without one is left out of CEL, and a rule naming it does not compile. No type (free-form)
 * has none, nor a list or map whose elements have none.
 */
export function celTyped(s: CrdSchema | undefined): boolean {
  if (!s) return false;
  if ((s as Record<string, unknown>)['x-kubernetes-int-or-string'] === true) return true;
  switch (s.type) {
    case 'object':
      return s.additionalProperties === undefined || celTyped(s.additionalProperties);
    case 'array':
      return celTyped(s.items);
    case undefined:
      return false;
    default:
      return true;
  }
}

const RESERVED = new Set('true false null in as break const continue else for function if import let loop package namespace return var void while'.split(' '));
const ESCAPES: Record<string, string> = { __: '__underscores__', '.': '__dot__', '-': '__dash__', '/': '__slash__' };

/** A property name as a CEL field (the API server's `Escape`), or undefined when it cannot be one. */
export function celField(name: string): string | undefined {
  if (!/^[a-zA-Z_.\-/][a-zA-Z0-9_.\-/]*$/.test(name)) return undefined;
  if (RESERVED.has(name)) return `__${name}__`;
  return name.replace(/__|[.\-/]/g, (s) => ESCAPES[s]);
}
