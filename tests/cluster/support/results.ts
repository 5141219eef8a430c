/**
 * What each cluster test file measured, written as one JSON file per part into the results
 * folder, and the summary line built from them at the end of the run.
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

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

export function writeResult(resultsDir: string, part: string, result: PartResult): void {
  writeFileSync(path.join(resultsDir, `${part}.json`), JSON.stringify(result));
}

export function readResults(resultsDir: string): PartResult[] {
  return readdirSync(resultsDir)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => JSON.parse(readFileSync(path.join(resultsDir, f), 'utf8')) as PartResult);
}

function sum(results: PartResult[], key: 'crds' | 'objects' | 'agreement'): string {
  const counts = results.map((r) => r[key]).filter((c): c is Count => c !== undefined);
  if (!counts.length) return 'not-run';
  return `${counts.reduce((a, c) => a + c.ok, 0)}/${counts.reduce((a, c) => a + c.total, 0)}`;
}

/** `cluster: crds established=<n>/<m> objects roundtrip=<n>/<m> validate agreement=<n>/<m> client ok`. */
export function summaryLine(results: PartResult[]): string {
  const client = results.some((r) => r.client === false) ? 'failed' : results.some((r) => r.client) ? 'ok' : 'not-run';
  return `cluster: crds established=${sum(results, 'crds')} objects roundtrip=${sum(results, 'objects')} validate agreement=${sum(results, 'agreement')} client ${client}`;
}
