/** Part 1: every CRD of an output folder created and Established; counts, largest stored size, time. */
import { createCrds, type CrdOutcome, type Kube } from '../support/kube.js';

export interface CrdRun {
  label: string;
  outcomes: CrdOutcome[];
  established: number;
  seconds: number;
  largest?: { name: string; bytes: number };
}

export async function establishAll(kube: Kube, label: string, crds: readonly any[], concurrency = 8): Promise<CrdRun> {
  const started = Date.now();
  const outcomes = await createCrds(kube, crds, concurrency);
  const seconds = (Date.now() - started) / 1000;
  const established = outcomes.filter((o) => o.established).length;
  const largest = outcomes.reduce<CrdOutcome | undefined>((a, o) => ((o.storedBytes ?? 0) > (a?.storedBytes ?? 0) ? o : a), undefined);
  const versions = crds.reduce((n, c) => n + (c.spec?.versions?.length ?? 0), 0);
  console.log(
    `${label}: crds established=${established}/${crds.length} (${versions} versions) in ${seconds.toFixed(1)} s; largest stored ${largest?.name} ${((largest?.storedBytes ?? 0) / 1024).toFixed(1)} KiB`,
  );
  for (const o of outcomes.filter((o) => !o.established).slice(0, 20)) console.log(`  not established: ${o.name}: ${o.reason}`);
  return { label, outcomes, established, seconds, largest: largest && { name: largest.name, bytes: largest.storedBytes ?? 0 } };
}
