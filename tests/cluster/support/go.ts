/** Whether a Go toolchain is on PATH, and which: the cluster suite builds its API server with it. */
import { spawnSync } from 'node:child_process';

export interface GoToolchain {
  version: string;
}

/** `go version`, or undefined when there is no usable `go` (not installed, or it hangs). */
export function findGo(): GoToolchain | undefined {
  const out = spawnSync('go', ['version'], { encoding: 'utf8', timeout: 30_000 });
  if (out.error || out.status !== 0) return undefined;
  return { version: out.stdout.trim() };
}

export const NO_GO_MESSAGE =
  'cluster tests skipped: no Go toolchain on PATH (they build a real kube-apiserver from scripts/kube-server); install Go 1.26+ and run `npm run test:cluster` (docs/cluster-tests.md)';
