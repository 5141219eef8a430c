/**
 * Without a Go toolchain the cluster suite is left out of `npm test` with one line saying how to
 * run it, and ARMKUBE_REQUIRE_CLUSTER=1 (CI) turns that into an error.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { findGo, NO_GO_MESSAGE } from '../../cluster/support/go.js';
import { clusterSuite } from '../../cluster/support/selection.js';

const saved = { ...process.env };
afterEach(() => {
  process.env = { ...saved };
  vi.restoreAllMocks();
});

describe('cluster suite selection', () => {
  it('skips with one line when go is not on PATH', () => {
    process.env.PATH = '/nonexistent';
    delete process.env.ARMKUBE_REQUIRE_CLUSTER;
    delete process.env.ARMKUBE_CLUSTER;
    const log = vi.spyOn(console, 'log').mockImplementation(() => undefined);
    expect(findGo()).toBeUndefined();
    expect(clusterSuite()).toEqual({ run: false });
    expect(log.mock.calls).toEqual([[NO_GO_MESSAGE]]);
    expect(NO_GO_MESSAGE).toContain('npm run test:cluster');
  });

  it('fails instead when the suite is required', () => {
    process.env.PATH = '/nonexistent';
    process.env.ARMKUBE_REQUIRE_CLUSTER = '1';
    delete process.env.ARMKUBE_CLUSTER;
    expect(() => clusterSuite()).toThrow(/ARMKUBE_REQUIRE_CLUSTER=1: cluster tests skipped: no Go toolchain/);
  });

  it('is left out on request (ARMKUBE_CLUSTER=0), which contradicts requiring it', () => {
    process.env.ARMKUBE_CLUSTER = '0';
    delete process.env.ARMKUBE_REQUIRE_CLUSTER;
    vi.spyOn(console, 'log').mockImplementation(() => undefined);
    expect(clusterSuite()).toEqual({ run: false });
    process.env.ARMKUBE_REQUIRE_CLUSTER = '1';
    expect(() => clusterSuite()).toThrow(/contradict/);
  });
});
