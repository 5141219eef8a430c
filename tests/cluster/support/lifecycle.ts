/**
 * The cluster suite's server for one test file: builds (or reuses) the kube-server binary, starts
 * it, and stops it. Done in the test file (not a vitest global setup) so that only a run that
 * includes the cluster suite pays for the build and the server.
 */
import { buildServer } from './build.js';
import { findGo, NO_GO_MESSAGE } from './go.js';
import { startServer, type RunningServer } from './server.js';

export async function startCluster(apiserverFlags: string[] = []): Promise<{ server: RunningServer; binary: string }> {
  const go = findGo();
  if (!go) throw new Error(NO_GO_MESSAGE);
  const built = await buildServer(go.version);
  console.log(built.built ? `cluster: built kube-server in ${built.seconds.toFixed(0)} s (${go.version})` : `cluster: reusing kube-server ${built.binary}`);
  const server = await startServer(built.binary, { apiserverFlags });
  console.log(`cluster: kube-apiserver ${server.url} ready in ${server.startSeconds.toFixed(1)} s`);
  return { server, binary: built.binary };
}
