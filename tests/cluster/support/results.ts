/** What the cluster suite measured, part by part, and its summary line. */
export interface Count {
  ok: number;
  total: number;
}

export interface PartResult {
  crds?: Count;
  objects?: Count;
  agreement?: Count;
  client?: boolean;
}

function sum(results: readonly PartResult[], key: 'crds' | 'objects' | 'agreement'): string {
  const counts = results.map((r) => r[key]).filter((c): c is Count => c !== undefined);
  if (!counts.length) return 'not-run';
  return `${counts.reduce((a, c) => a + c.ok, 0)}/${counts.reduce((a, c) => a + c.total, 0)}`;
}

/** `cluster: crds established=<n>/<m> objects roundtrip=<n>/<m> validate agreement=<n>/<m> client ok`. */
export function summaryLine(results: readonly PartResult[]): string {
  const client = results.some((r) => r.client === false) ? 'failed' : results.some((r) => r.client) ? 'ok' : 'not-run';
  return `cluster: crds established=${sum(results, 'crds')} objects roundtrip=${sum(results, 'objects')} validate agreement=${sum(results, 'agreement')} client ${client}`;
}
