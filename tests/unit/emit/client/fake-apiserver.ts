/**
 * A loopback Kubernetes API server for one namespaced custom resource, enough to exercise a
 * generated client for real over HTTP: create (POST), get, list, replace (PUT), merge patch
 * (PATCH, only `application/merge-patch+json`), delete (finalizers honoured) and watch
 * (`?watch=true`, newline-delimited JSON events). Every request is recorded as received.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RecordedRequest {
  method: string;
  path: string;
  query: Record<string, string>;
  headers: IncomingMessage['headers'];
  /** The body as sent ('' when none). */
  body: string;
}

type Json = Record<string, unknown>;

export interface WatchScript {
  /** Events written one per line, in order. */
  events: { type: string; object: unknown }[];
  /** Keep the stream open after the events (until the client goes away). */
  keepOpen?: boolean;
  /** Answer with this status instead (e.g. 403), as a Kubernetes Status. */
  status?: number;
}

export class FakeApiServer {
  readonly requests: RecordedRequest[] = [];
  /** name → object, per namespace. */
  readonly objects = new Map<string, Map<string, Json>>();
  /** What the next watch request gets. */
  watchScript: WatchScript = { events: [] };
  /** Resolved each time a watch connection is closed by the client. */
  watchClosed: Promise<void> = Promise.resolve();
  private server: Server;
  private resourceVersion = 100;
  private onWatchClosed: () => void = () => undefined;

  constructor(
    readonly group: string,
    readonly version: string,
    readonly plural: string,
    readonly kind: string,
  ) {
    this.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const url = new URL(req.url ?? '/', 'http://loopback');
        const recorded: RecordedRequest = {
          method: req.method ?? '',
          path: url.pathname,
          query: Object.fromEntries(url.searchParams),
          headers: req.headers,
          body: Buffer.concat(chunks).toString('utf8'),
        };
        this.requests.push(recorded);
        try {
          this.handle(recorded, req, res);
        } catch (e) {
          this.status(res, 500, 'InternalError', String(e));
        }
      });
    });
  }

  async start(): Promise<string> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  async stop(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  /** Puts an object in the store as if created earlier. */
  seed(namespace: string, object: Json): Json {
    const metadata = object.metadata as Json;
    const stored = { ...object, metadata: { ...metadata, namespace, uid: `uid-${String(metadata.name)}`, resourceVersion: this.nextVersion() } };
    this.bucket(namespace).set(String(metadata.name), stored);
    return stored;
  }

  /** Requests since index `from`. */
  since(from: number): RecordedRequest[] {
    return this.requests.slice(from);
  }

  private nextVersion(): string {
    return String(++this.resourceVersion);
  }

  private bucket(namespace: string): Map<string, Json> {
    let b = this.objects.get(namespace);
    if (!b) this.objects.set(namespace, (b = new Map()));
    return b;
  }

  private handle(r: RecordedRequest, req: IncomingMessage, res: ServerResponse): void {
    if (r.headers.authorization !== 'Bearer loopback-token') return this.status(res, 401, 'Unauthorized', 'no or wrong bearer token');
    const base = `/apis/${this.group}/${this.version}`;
    if (!r.path.startsWith(base + '/')) return this.status(res, 404, 'NotFound', `no API at ${r.path}`);
    const rest = r.path.slice(base.length + 1).split('/').map(decodeURIComponent);
    let namespace: string | undefined;
    let name: string | undefined;
    if (rest.length === 1 && rest[0] === this.plural) {
      // all namespaces
    } else if (rest[0] === 'namespaces' && rest[2] === this.plural && (rest.length === 3 || rest.length === 4)) {
      namespace = rest[1];
      name = rest[3];
    } else {
      return this.status(res, 404, 'NotFound', `no resource at ${r.path}`);
    }

    if (r.method === 'GET' && name === undefined && r.query.watch === 'true') return this.watch(req, res);
    if (r.method === 'GET' && name === undefined) {
      const items = namespace === undefined ? [...this.objects.values()].flatMap((b) => [...b.values()]) : [...this.bucket(namespace).values()];
      const selected = r.query.labelSelector ? items.filter((o) => matchesLabels(o, r.query.labelSelector)) : items;
      const limit = r.query.limit ? Number(r.query.limit) : selected.length;
      const start = r.query.continue ? Number(r.query.continue) : 0;
      const page = selected.slice(start, start + limit);
      const metadata: Json = { resourceVersion: String(this.resourceVersion) };
      if (start + limit < selected.length) metadata.continue = String(start + limit);
      return this.json(res, 200, { apiVersion: `${this.group}/${this.version}`, kind: `${this.kind}List`, metadata, items: page });
    }
    if (namespace === undefined) return this.status(res, 405, 'MethodNotAllowed', `${r.method} needs a namespace`);
    const bucket = this.bucket(namespace);
    const contentType = r.headers['content-type'];

    if (r.method === 'POST' && name === undefined) {
      if (contentType !== 'application/json') return this.status(res, 415, 'UnsupportedMediaType', `POST with ${contentType}`);
      const body = JSON.parse(r.body) as Json;
      const metadata = (body.metadata ?? {}) as Json;
      if (body.apiVersion !== `${this.group}/${this.version}` || body.kind !== this.kind) return this.status(res, 400, 'BadRequest', `wrong apiVersion/kind ${String(body.apiVersion)} ${String(body.kind)}`);
      if (metadata.namespace !== undefined && metadata.namespace !== namespace) return this.status(res, 400, 'BadRequest', 'the namespace of the object does not match the request');
      const objectName = String(metadata.name);
      if (bucket.has(objectName)) return this.status(res, 409, 'AlreadyExists', `${this.plural} "${objectName}" already exists`);
      if (r.query.dryRun === 'All') return this.json(res, 201, body);
      const stored = { ...body, metadata: { ...metadata, namespace, uid: `uid-${objectName}`, resourceVersion: this.nextVersion(), generation: 1 } };
      bucket.set(objectName, stored);
      return this.json(res, 201, stored);
    }
    if (name === undefined) return this.status(res, 405, 'MethodNotAllowed', `${r.method} on a collection`);
    const current = bucket.get(name);
    if (!current) return this.status(res, 404, 'NotFound', `${this.plural}.${this.group} "${name}" not found`);

    switch (r.method) {
      case 'GET':
        return this.json(res, 200, current);
      case 'PUT': {
        if (contentType !== 'application/json') return this.status(res, 415, 'UnsupportedMediaType', `PUT with ${contentType}`);
        const body = JSON.parse(r.body) as Json;
        const metadata = (body.metadata ?? {}) as Json;
        const currentMeta = current.metadata as Json;
        if (metadata.resourceVersion !== undefined && metadata.resourceVersion !== currentMeta.resourceVersion) {
          return this.status(res, 409, 'Conflict', 'the object has been modified; please apply your changes to the latest version and try again');
        }
        const stored = { ...body, metadata: { ...metadata, namespace, uid: currentMeta.uid, resourceVersion: this.nextVersion(), generation: Number(currentMeta.generation ?? 1) + 1 } };
        bucket.set(name, stored);
        return this.json(res, 200, stored);
      }
      case 'PATCH': {
        if (contentType !== 'application/merge-patch+json') return this.status(res, 415, 'UnsupportedMediaType', `the body of the request was in an unknown format - accepted media types include: application/merge-patch+json (got ${contentType})`);
        const merged = mergePatch(current, JSON.parse(r.body)) as Json;
        const metadata = merged.metadata as Json;
        const stored = { ...merged, metadata: { ...metadata, resourceVersion: this.nextVersion() } };
        bucket.set(name, stored);
        return this.json(res, 200, stored);
      }
      case 'DELETE': {
        const metadata = current.metadata as Json;
        if (Array.isArray(metadata.finalizers) && metadata.finalizers.length > 0) {
          const deleting = { ...current, metadata: { ...metadata, deletionTimestamp: '2024-01-02T03:04:05Z', resourceVersion: this.nextVersion() } };
          bucket.set(name, deleting);
          return this.json(res, 200, deleting);
        }
        bucket.delete(name);
        return this.json(res, 200, { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Success', details: { name, group: this.group, kind: this.plural, uid: metadata.uid } });
      }
      default:
        return this.status(res, 405, 'MethodNotAllowed', `${r.method} is not supported`);
    }
  }

  private watch(req: IncomingMessage, res: ServerResponse): void {
    const script = this.watchScript;
    if (script.status) return this.status(res, script.status, script.status === 403 ? 'Forbidden' : 'Error', 'watch refused');
    this.watchClosed = new Promise<void>((resolve) => (this.onWatchClosed = resolve));
    const closed = this.onWatchClosed;
    res.on('close', () => closed());
    res.writeHead(200, { 'Content-Type': 'application/json', 'Transfer-Encoding': 'chunked' });
    // One write per event, as the API server flushes them.
    for (const event of script.events) res.write(JSON.stringify(event) + '\n');
    if (!script.keepOpen) res.end();
    void req;
  }

  private json(res: ServerResponse, code: number, body: unknown): void {
    const text = JSON.stringify(body);
    res.writeHead(code, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(text) });
    res.end(text);
  }

  private status(res: ServerResponse, code: number, reason: string, message: string): void {
    this.json(res, code, { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message, reason, code });
  }
}

function matchesLabels(object: Json, selector: string): boolean {
  const labels = ((object.metadata as Json).labels ?? {}) as Record<string, string>;
  return selector.split(',').every((term) => {
    const [k, v] = term.split('=');
    return labels[k] === v;
  });
}

/** RFC 7386. */
export function mergePatch(target: unknown, patch: unknown): unknown {
  if (typeof patch !== 'object' || patch === null || Array.isArray(patch)) return patch;
  const out: Record<string, unknown> = typeof target === 'object' && target !== null && !Array.isArray(target) ? { ...(target as Record<string, unknown>) } : {};
  for (const [k, v] of Object.entries(patch)) {
    if (v === null) delete out[k];
    else out[k] = mergePatch(out[k], v);
  }
  return out;
}
