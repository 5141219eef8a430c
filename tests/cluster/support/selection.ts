/**
 * Whether this vitest run includes the cluster suite (tests/cluster): when Go is on PATH, unless
 * ARMKUBE_CLUSTER=0. Without Go it is left out with one line saying how to run it; with
 * ARMKUBE_REQUIRE_CLUSTER=1 (CI) leaving it out is an error instead.
 */
import { findGo, NO_GO_MESSAGE } from './go.js';

export function clusterSuite(): { run: boolean } {
  if (process.env.ARMKUBE_CLUSTER === '0') {
    if (process.env.ARMKUBE_REQUIRE_CLUSTER === '1') throw new Error('ARMKUBE_REQUIRE_CLUSTER=1 and ARMKUBE_CLUSTER=0 contradict each other');
    console.log('cluster tests not in this run (ARMKUBE_CLUSTER=0): `npm run test:cluster` runs them');
    return { run: false };
  }
  if (findGo()) return { run: true };
  if (process.env.ARMKUBE_REQUIRE_CLUSTER === '1') throw new Error(`ARMKUBE_REQUIRE_CLUSTER=1: ${NO_GO_MESSAGE}`);
  console.log(NO_GO_MESSAGE);
  return { run: false };
}
