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
