/**
 * A small REST client of the test server (https, bearer token and CA from the kubeconfig, a
 * keep-alive agent so thousands of requests reuse a few connections), plus the CRD helpers the
 * suite shares: create in parallel, wait for Established.
 */
import https from 'node:https';
import { KubeConfig } from '@kubernetes/client-node';

export interface Response {
  status: number;
  body: any;
  text: string;
}

export class Kube {
  private readonly agent: https.Agent;
  private readonly base: URL;
  private readonly token: string;

  constructor(kubeconfigFile: string) {
    const kc = new KubeConfig();
    kc.loadFromFile(kubeconfigFile);
    const cluster = kc.getCurrentCluster();
    const user = kc.getCurrentUser();
    if (!cluster || !user?.token || !cluster.caData) throw new Error(`${kubeconfigFile}: no cluster, CA or token`);
    this.base = new URL(cluster.server);
    this.token = user.token;
    this.agent = new https.Agent({ keepAlive: true, maxSockets: 16, ca: Buffer.from(cluster.caData, 'base64') });
  }

  request(method: string, path: string, body?: unknown, contentType = 'application/json', timeoutMs = 60_000): Promise<Response> {
    const data = body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body);
    return new Promise((resolve, reject) => {
      const req = https.request(
        {
          host: this.base.hostname,
          port: this.base.port,
          path,
          method,
          agent: this.agent,
          timeout: timeoutMs,
          headers: { authorization: `Bearer ${this.token}`, accept: 'application/json', ...(data !== undefined && { 'content-type': contentType, 'content-length': Buffer.byteLength(data) }) },
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => {
            const text = Buffer.concat(chunks).toString('utf8');
            let parsed: unknown;
            try {
              parsed = text ? JSON.parse(text) : undefined;
            } catch {
              parsed = undefined;
            }
            resolve({ status: res.statusCode ?? 0, body: parsed, text });
          });
        },
      );
      req.on('timeout', () => req.destroy(new Error(`${method} ${path}: no answer within ${timeoutMs / 1000} s`)));
      req.on('error', reject);
      if (data !== undefined) req.write(data);
      req.end();
    });
  }

  close(): void {
    this.agent.destroy();
  }
}

/** Runs `fn` over `items` with at most `limit` at once, results in order. */
export async function mapLimit<T, R>(items: readonly T[], limit: number, fn: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const out = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i], i);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return out;
}

const CRDS = '/apis/apiextensions.k8s.io/v1/customresourcedefinitions';

export interface CrdOutcome {
  name: string;
  established: boolean;
  /** Why not: the server's refusal, or the condition that never came. */
  reason?: string;
  /** Bytes of the CRD as the server stores it (its JSON). */
  storedBytes?: number;
}

function isEstablished(crd: any): boolean {
  return (crd?.status?.conditions ?? []).some((c: any) => c.type === 'Established' && c.status === 'True');
}

/**
 * Creates the CRDs in batches (`concurrency` requests at a time) and waits until each batch is
 * Established before the next: the server establishes CRDs one at a time, and a short queue
 * keeps every wait short. `waitMs` bounds the wait of each batch.
 */
export async function createCrds(kube: Kube, crds: readonly any[], concurrency = 8, batch = 100, waitMs = 300_000): Promise<CrdOutcome[]> {
  const out: CrdOutcome[] = [];
  for (let i = 0; i < crds.length; i += batch) out.push(...(await createBatch(kube, crds.slice(i, i + batch), concurrency, waitMs)));
  return out;
}

async function createBatch(kube: Kube, crds: readonly any[], concurrency: number, waitMs: number): Promise<CrdOutcome[]> {
  const created = await mapLimit(crds, concurrency, async (crd): Promise<CrdOutcome> => {
    const name = crd.metadata.name as string;
    const res = await kube.request('POST', CRDS, crd);
    if (res.status !== 201) return { name, established: false, reason: `HTTP ${res.status}: ${res.body?.message ?? res.text.slice(0, 500)}` };
    return { name, established: isEstablished(res.body), storedBytes: Buffer.byteLength(res.text) };
  });
  const deadline = Date.now() + waitMs;
  for (const outcome of created) {
    while (!outcome.established && outcome.reason === undefined) {
      const res = await kube.request('GET', `${CRDS}/${outcome.name}`);
      if (res.status === 200 && isEstablished(res.body)) {
        outcome.established = true;
        outcome.storedBytes = Buffer.byteLength(res.text);
      } else if (Date.now() > deadline) {
        const conditions = (res.body?.status?.conditions ?? []).map((c: any) => `${c.type}=${c.status} ${c.reason ?? ''} ${c.message ?? ''}`).join('; ');
        outcome.reason = `not Established within ${waitMs / 1000} s: ${conditions || `HTTP ${res.status}`}`;
      } else await new Promise((r) => setTimeout(r, 200));
    }
  }
  return created;
}
