/** Where two JSON values differ: one line per path (missing, added or changed value). */
type Json = Record<string, unknown>;
const isObj = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

export function jsonDiff(sent: unknown, got: unknown, at = '', out: string[] = [], max = 10): string[] {
  if (out.length >= max) return out;
  if (Array.isArray(sent) && Array.isArray(got)) {
    if (sent.length !== got.length) out.push(`${at}: ${sent.length} items sent, ${got.length} read back`);
    sent.slice(0, got.length).forEach((v, i) => jsonDiff(v, got[i], `${at}[${i}]`, out, max));
    return out;
  }
  if (isObj(sent) && isObj(got)) {
    for (const key of Object.keys(sent)) {
      if (!(key in got)) out.push(`${at}.${key}: pruned`);
      else jsonDiff(sent[key], got[key], `${at}.${key}`, out, max);
    }
    for (const key of Object.keys(got)) if (!(key in sent)) out.push(`${at}.${key}: added ${JSON.stringify(got[key])?.slice(0, 60)}`);
    return out;
  }
  if (JSON.stringify(sent) !== JSON.stringify(got)) out.push(`${at}: sent ${JSON.stringify(sent)?.slice(0, 60)}, read back ${JSON.stringify(got)?.slice(0, 60)}`);
  return out;
}

/**
 * The value with the CRD schema's `default`s filled in where a field is missing, as the API server
 * does on create (inside objects that are present; defaults are part of the CRD, not changes).
 */
export function withDefaults(value: unknown, schema: any): unknown {
  if (!schema || typeof schema !== 'object') return value;
  if (Array.isArray(value)) return value.map((v) => withDefaults(v, schema.items));
  if (!isObj(value)) return value;
  const out: Json = {};
  const properties = isObj(schema.properties) ? (schema.properties as Record<string, any>) : {};
  for (const [key, child] of Object.entries(value)) out[key] = withDefaults(child, properties[key] ?? schema.additionalProperties);
  for (const [key, s] of Object.entries(properties)) if (!(key in out) && s?.default !== undefined) out[key] = structuredClone(s.default);
  return out;
}
