/**
 * Vitest global setup of the cluster suite: builds (or reuses) the kube-server binary, starts
 * one server for every test file, hands its kubeconfig to the tests (`inject('cluster')`), and
 * at the end stops it and prints the suite's summary line from the results the test files wrote.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { buildServer } from './build.js';
import { findGo, NO_GO_MESSAGE } from './go.js';
import { readResults, summaryLine } from './results.js';
import { startServer, type RunningServer } from './server.js';

declare module 'vitest' {
  export interface ProvidedContext {
    cluster: { kubeconfig: string; url: string; binary: string; resultsDir: string };
  }
}

let server: RunningServer | undefined;
let resultsDir: string | undefined;

export async function setup(project: TestProject): Promise<void> {
  const go = findGo();
  if (!go) throw new Error(NO_GO_MESSAGE);
  const built = await buildServer(go.version);
  console.log(built.built ? `cluster: built kube-server in ${built.seconds.toFixed(0)} s (${go.version})` : `cluster: reusing kube-server ${built.binary}`);
  server = await startServer(built.binary);
  console.log(`cluster: kube-apiserver ${server.url} ready in ${server.startSeconds.toFixed(1)} s`);
  resultsDir = mkdtempSync(path.join(os.tmpdir(), 'armkube-cluster-results-'));
  project.provide('cluster', { kubeconfig: server.kubeconfig, url: server.url, binary: built.binary, resultsDir });
}

export async function teardown(): Promise<void> {
  await server?.stop();
  if (!resultsDir) return;
  const results = readResults(resultsDir);
  rmSync(resultsDir, { recursive: true, force: true });
  console.log(summaryLine(results));
}
