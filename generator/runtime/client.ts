/**
 * armkube/runtime/client: the generic typed client that every generated `<Kind>.client.ts`
 * specializes. It is a separate entry from `armkube/runtime` because it depends on
 * `@kubernetes/client-node` (CustomObjectsApi for requests, Watch for watches); the main runtime
 * depends on nothing.
 *
 * All armkube kinds are namespaced (as in ASO v2). Every method takes an optional namespace; the
 * default is the client's (`options.namespace`, else the kubeconfig context's, else `default`).
 * API errors are `ApiException`s from `@kubernetes/client-node` (`.code` is the HTTP status,
 * `.body` the response text), passed through unchanged; `errorStatus(error)` reads the
 * Kubernetes `Status` out of one (`reason: 'NotFound'`, `'AlreadyExists'`, `'Conflict'` ...).
 */
import { CustomObjectsApi, KubeConfig, PatchStrategy, Watch, setHeaderOptions } from '@kubernetes/client-node';

/** The identity of a kind on the API server. */
export interface KindInfo {
  readonly group: string;
  readonly version: string;
  readonly kind: string;
  /** The resource name in URLs: `widgets`. */
  readonly plural: string;
}

/** What the client needs to know of an object; every generated resource interface satisfies it. */
export interface KubernetesObjectLike {
  apiVersion?: string;
  kind?: string;
  metadata?: { name?: string; namespace?: string; resourceVersion?: string };
}

/** `metadata` of a list. */
export interface ListMeta {
  resourceVersion?: string;
  /** Pass back as `continue` to get the next page. */
  continue?: string;
  remainingItemCount?: number;
  selfLink?: string;
}

/** A list of objects of one kind, as the API server returns it (`kind: <Kind>List`). */
export interface KubernetesList<T> {
  apiVersion: string;
  kind: string;
  metadata: ListMeta;
  items: T[];
}

/** A Kubernetes `Status`: what DELETE returns once an object is gone, and what errors carry. */
export interface Status {
  apiVersion?: string;
  kind: 'Status';
  metadata?: ListMeta;
  status?: 'Success' | 'Failure';
  message?: string;
  reason?: string;
  code?: number;
  details?: { name?: string; group?: string; kind?: string; uid?: string; causes?: { reason?: string; message?: string; field?: string }[]; retryAfterSeconds?: number };
}

/** Whether a value is a Kubernetes `Status` (e.g. the result of `delete` when the object is gone). */
export function isStatus(value: unknown): value is Status {
  return typeof value === 'object' && value !== null && (value as { kind?: unknown }).kind === 'Status';
}

/**
 * The Kubernetes `Status` an API error carries (an `ApiException`, whose body is the response
 * text), or undefined when the error is something else (a connection error, a programming error).
 */
export function errorStatus(error: unknown): Status | undefined {
  if (typeof error !== 'object' || error === null || typeof (error as { code?: unknown }).code !== 'number' || !('body' in error)) return undefined;
  let body: unknown = (error as { body: unknown }).body;
  if (typeof body === 'string') {
    try {
      body = JSON.parse(body);
    } catch {
      return undefined;
    }
  }
  return isStatus(body) ? body : undefined;
}

/**
 * A JSON merge patch (RFC 7386) of `T`: any subset of the fields, nested objects merged, arrays
 * replaced whole, `null` removes a field.
 */
export type MergePatch<T> = T extends readonly unknown[] ? T : T extends object ? { [K in keyof T]?: MergePatch<T[K]> | null } : T;

/** An event of a watch. */
export type WatchEvent<T> =
  | { type: 'ADDED' | 'MODIFIED' | 'DELETED'; object: T }
  /** Sent with `allowWatchBookmarks`: only the resource version is set. */
  | { type: 'BOOKMARK'; object: { apiVersion?: string; kind?: string; metadata: { resourceVersion: string; annotations?: Record<string, string> } } }
  /** E.g. 410 Gone when the resource version asked for is too old: list again, then watch from the list's version. */
  | { type: 'ERROR'; object: Status };

/** A running watch. */
export interface WatchHandle {
  /** Ends the watch; `done` then resolves. */
  stop(): void;
  /**
   * Settles when the watch ends: resolves when the server closes the stream (watches do end:
   * watch again from the last resource version) or after `stop()`, rejects on a connection error.
   */
  done: Promise<void>;
}

export interface KindClientOptions {
  /** Default namespace of every call; else the kubeconfig context's namespace, else `default`. */
  namespace?: string;
  /** Default `fieldManager` of create, replace and patch. */
  fieldManager?: string;
}

export interface NamespaceOption {
  namespace?: string;
}

export interface WriteOptions extends NamespaceOption {
  /** Server-side dry run (`dryRun=All`): validated and admitted, not stored. */
  dryRun?: boolean;
  fieldManager?: string;
  fieldValidation?: 'Ignore' | 'Warn' | 'Strict';
}

export interface ApplyOptions extends WriteOptions {
  /** Take over fields another field manager owns instead of failing with a conflict. */
  force?: boolean;
}

export interface ListOptions extends NamespaceOption {
  /** List across every namespace (`namespace` is then ignored). */
  allNamespaces?: boolean;
  labelSelector?: string;
  fieldSelector?: string;
  limit?: number;
  /** The `metadata.continue` of the previous page. */
  continue?: string;
  resourceVersion?: string;
  resourceVersionMatch?: 'Exact' | 'NotOlderThan';
  timeoutSeconds?: number;
}

export interface WatchOptions extends NamespaceOption {
  allNamespaces?: boolean;
  labelSelector?: string;
  fieldSelector?: string;
  /** Start after this version (typically a list's `metadata.resourceVersion`). */
  resourceVersion?: string;
  allowWatchBookmarks?: boolean;
  timeoutSeconds?: number;
}

export interface DeleteOptions extends NamespaceOption {
  dryRun?: boolean;
  gracePeriodSeconds?: number;
  propagationPolicy?: 'Foreground' | 'Background' | 'Orphan';
}

/**
 * A typed client of one kind at one version. Generated clients extend it with their kind's
 * `KindInfo` (`class WidgetClient extends KindClient<Widget>`).
 */
export class KindClient<T extends KubernetesObjectLike> {
  readonly info: KindInfo;
  /** `<group>/<version>`. */
  readonly apiVersion: string;
  /** The default namespace. */
  readonly namespace: string;
  protected readonly api: CustomObjectsApi;
  protected readonly kubeConfig: KubeConfig;
  private readonly fieldManager: string | undefined;

  constructor(kubeConfig: KubeConfig, info: KindInfo, options: KindClientOptions = {}) {
    this.kubeConfig = kubeConfig;
    this.info = Object.freeze({ ...info });
    this.apiVersion = `${info.group}/${info.version}`;
    this.api = kubeConfig.makeApiClient(CustomObjectsApi);
    this.namespace = options.namespace ?? kubeConfig.getContextObject(kubeConfig.getCurrentContext())?.namespace ?? 'default';
    this.fieldManager = options.fieldManager;
  }

  /** Creates the object (POST). `apiVersion` and `kind` are filled in when missing; the namespace is `options.namespace`, else the object's, else the client's. */
  async create(object: T, options: WriteOptions = {}): Promise<T> {
    const namespace = options.namespace ?? object.metadata?.namespace ?? this.namespace;
    return (await this.api.createNamespacedCustomObject({ ...this.where(namespace), body: this.withTypeMeta(object), ...this.writeParams(options) })) as T;
  }

  /** Reads the object by name (GET). A missing object rejects with an `ApiException` of code 404 (`errorStatus(e)?.reason === 'NotFound'`). */
  async get(name: string, options: NamespaceOption = {}): Promise<T> {
    return (await this.api.getNamespacedCustomObject({ ...this.where(options.namespace), name })) as T;
  }

  /** Lists objects (one page when `limit` is set: pass `metadata.continue` back for the next). */
  async list(options: ListOptions = {}): Promise<KubernetesList<T>> {
    const query = {
      labelSelector: options.labelSelector,
      fieldSelector: options.fieldSelector,
      limit: options.limit,
      _continue: options.continue,
      resourceVersion: options.resourceVersion,
      resourceVersionMatch: options.resourceVersionMatch,
      timeoutSeconds: options.timeoutSeconds,
    };
    const { group, version, plural } = this.info;
    const list = options.allNamespaces
      ? await this.api.listCustomObjectForAllNamespaces({ group, version, plural, ...query })
      : await this.api.listNamespacedCustomObject({ ...this.where(options.namespace), ...query });
    return list as KubernetesList<T>;
  }

  /** Replaces the object (PUT) named by its `metadata.name`; with `metadata.resourceVersion` set, only if unchanged since. */
  async replace(object: T, options: WriteOptions = {}): Promise<T> {
    const name = object.metadata?.name;
    if (!name) throw new TypeError(`${this.info.kind} replace: the object has no metadata.name`);
    const namespace = options.namespace ?? object.metadata?.namespace ?? this.namespace;
    return (await this.api.replaceNamespacedCustomObject({ ...this.where(namespace), name, body: this.withTypeMeta(object), ...this.writeParams(options) })) as T;
  }

  /** Changes the object with a JSON merge patch (PATCH, `application/merge-patch+json`). */
  async patch(name: string, patch: MergePatch<T>, options: WriteOptions = {}): Promise<T> {
    return (await this.api.patchNamespacedCustomObject(
      { ...this.where(options.namespace), name, body: patch, ...this.writeParams(options) },
      setHeaderOptions('Content-Type', PatchStrategy.MergePatch),
    )) as T;
  }

  /**
   * Server-side apply (PATCH, `application/apply-patch+yaml`): creates the object or updates it,
   * the fields `object` sets becoming owned by the field manager (`options.fieldManager`, else the
   * client's; required). Lists the CRD keys (`x-kubernetes-list-type: map`) merge per item, so a
   * manager that applies one item leaves the others alone. A field another manager owns is a
   * conflict (409) unless `force` is set.
   */
  async apply(object: T, options: ApplyOptions = {}): Promise<T> {
    const name = object.metadata?.name;
    if (!name) throw new TypeError(`${this.info.kind} apply: the object has no metadata.name`);
    const fieldManager = options.fieldManager ?? this.fieldManager;
    if (!fieldManager) throw new TypeError(`${this.info.kind} apply: server-side apply needs a fieldManager (in the options or the client's)`);
    const namespace = options.namespace ?? object.metadata?.namespace ?? this.namespace;
    return (await this.api.patchNamespacedCustomObject(
      { ...this.where(namespace), name, body: this.withTypeMeta(object), ...this.writeParams({ ...options, fieldManager }), force: options.force },
      setHeaderOptions('Content-Type', PatchStrategy.ServerSideApply),
    )) as T;
  }

  /**
   * Deletes the object (DELETE). Resolves to the object itself while finalizers hold it (its
   * `metadata.deletionTimestamp` set: the operator is deleting it in Azure), or to a `Status`
   * once it is gone; `isStatus` tells which.
   */
  async delete(name: string, options: DeleteOptions = {}): Promise<T | Status> {
    return (await this.api.deleteNamespacedCustomObject({
      ...this.where(options.namespace),
      name,
      dryRun: options.dryRun ? 'All' : undefined,
      gracePeriodSeconds: options.gracePeriodSeconds,
      propagationPolicy: options.propagationPolicy,
    })) as T | Status;
  }

  /**
   * Watches objects; `onEvent` gets each event in order. Rejects when the watch cannot start
   * (connection refused, 403, 404 ...); errors after that, and an error thrown by `onEvent`
   * (which also ends the watch), reject the handle's `done`.
   */
  async watch(onEvent: (event: WatchEvent<T>) => void, options: WatchOptions = {}): Promise<WatchHandle> {
    const { group, version, plural } = this.info;
    const path = options.allNamespaces
      ? `/apis/${group}/${version}/${plural}`
      : `/apis/${group}/${version}/namespaces/${encodeURIComponent(options.namespace ?? this.namespace)}/${plural}`;
    const query: Record<string, string | number | boolean | undefined> = {
      labelSelector: options.labelSelector,
      fieldSelector: options.fieldSelector,
      resourceVersion: options.resourceVersion,
      allowWatchBookmarks: options.allowWatchBookmarks,
      timeoutSeconds: options.timeoutSeconds,
    };
    let stopped = false;
    let startError: unknown;
    let controller: AbortController | undefined;
    let resolveDone!: () => void;
    let rejectDone!: (error: unknown) => void;
    const done = new Promise<void>((resolve, reject) => {
      resolveDone = resolve;
      rejectDone = reject;
    });
    // Marked handled: a caller that never looks at `done` must not crash the process on an error.
    done.catch(() => undefined);
    /** Ends the watch once: resolves `done`, or rejects it with `error`. */
    const end = (error?: unknown) => {
      if (stopped) return;
      stopped = true;
      controller?.abort();
      if (error) rejectDone(error);
      else resolveDone();
    };
    controller = await new Watch(this.kubeConfig).watch(
      path,
      query,
      (type: string, object: unknown) => {
        if (stopped) return;
        // `Watch` swallows what its callback throws: an error in `onEvent` ends the watch instead.
        try {
          onEvent({ type, object } as WatchEvent<T>);
        } catch (error) {
          end(error ?? new Error('onEvent threw'));
        }
      },
      (error: unknown) => {
        if (controller === undefined && error) startError = error;
        end(error);
      },
    );
    // `Watch` reports a failed start through `done` before it returns: make that the call's error.
    if (startError) throw startError;
    if (stopped) controller.abort();
    return { stop: () => end(), done };
  }

  /** The path parameters of the kind in a namespace. */
  protected where(namespace: string | undefined): { group: string; version: string; plural: string; namespace: string } {
    const { group, version, plural } = this.info;
    return { group, version, plural, namespace: namespace ?? this.namespace };
  }

  private writeParams(options: WriteOptions): { dryRun?: string; fieldManager?: string; fieldValidation?: string } {
    return { dryRun: options.dryRun ? 'All' : undefined, fieldManager: options.fieldManager ?? this.fieldManager, fieldValidation: options.fieldValidation };
  }

  /** The object with `apiVersion` and `kind` first, filled in when missing. */
  private withTypeMeta(object: T): T {
    const { apiVersion, kind, ...rest } = object;
    return { apiVersion: apiVersion ?? this.apiVersion, kind: kind ?? this.info.kind, ...rest } as T;
  }
}
