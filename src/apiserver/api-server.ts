/**
 * kube-apiserver: the only component that touches etcd. Every verb resolves the resource, then
 * runs the generic registry's path for it (create.ts, update.ts, delete.ts, read.ts, watch.ts).
 */
import type { KubeList, KubeObject } from '../api/types.js';
import type { Clock } from '../clock/types.js';
import type { Random } from '../api/random.js';
import type { Result } from '../api/result.js';
import type { Status } from '../api/status.js';
import type {
  ApiClient,
  DeleteOptions,
  ListOptions,
  PatchType,
  ResourceName,
  UpdateOptions,
  WatchEvent,
  WatchHandle,
  WatchOptions,
  WriteOptions,
} from './types.js';
import type { Storage } from './storage.js';
import type { ServerContext } from './server-context.js';
import { resolveResource } from './server-context.js';
import { ClusterIpAllocator, NodePortAllocator } from './allocators/service-ips.js';
import { createObject } from './create.js';
import { createOnSubresource } from './subresources.js';
import { updateObject } from './update.js';
import { patchObject } from './patch.js';
import { deleteObject } from './delete.js';
import { getObject, listObjects } from './read.js';
import { watchObjects } from './watch.js';
import type { WatchCacheStats } from './watch-cache.js';
import { WatchCache } from './watch-cache.js';

/** A watch as the server holds it, so that going down can end it. */
interface OpenWatch {
  handle: WatchHandle;
  onEvent: (event: WatchEvent) => void;
  ended: boolean;
}

/** kube-apiserver over a storage backend. */
export class KubeApiServer implements ApiClient {
  private readonly ctx: ServerContext;
  /** Set while the server is down (`stopServing`): what every call answers. */
  private refusal: Status | undefined;
  private readonly openWatches = new Set<OpenWatch>();

  constructor(storage: Storage, clock: Clock, random: Random) {
    this.ctx = {
      storage,
      clock,
      random,
      allocators: { clusterIps: new ClusterIpAllocator(), nodePorts: new NodePortAllocator(), random: random.fork('service-allocators') },
      watchCache: new WatchCache(storage, clock),
      admissionRandom: random.fork('admission'),
    };
  }

  /** What the watch cache holds and has done (shared storage watches, events offered and delivered). */
  get watchCacheStats(): WatchCacheStats {
    return this.ctx.watchCache.stats;
  }

  /** False while the server is down: every call fails and no watch runs. */
  get serving(): boolean {
    return this.refusal === undefined;
  }

  /**
   * Takes the server down (the kube-apiserver process stopped): from now on every call fails with
   * `refusal`, and every open watch ends with an ERROR event carrying it (delivered through the
   * clock, as watch events are), so informers relist after their back-off. etcd keeps everything.
   */
  stopServing(refusal: Status): void {
    if (this.refusal !== undefined) return;
    this.refusal = refusal;
    const ending = [...this.openWatches];
    this.openWatches.clear();
    for (const watch of ending) {
      watch.ended = true;
      watch.handle.stop();
    }
    if (ending.length === 0) return;
    this.ctx.clock.setTimeout(() => {
      for (const watch of ending) watch.onEvent({ type: 'ERROR', object: refusal });
    }, 0);
  }

  /** Brings the server back: calls are served again; clients re-list and re-watch on their own. */
  startServing(): void {
    this.refusal = undefined;
  }

  /** The revision of the last write (the global resourceVersion). */
  get resourceVersion(): number {
    return this.ctx.storage.revision;
  }

  /**
   * Creates an object, or acts through a subresource: `pods/binding` (also `bindings`) assigns a
   * pod to a node and answers a metav1.Status; `pods/eviction` (a policy/v1 Eviction) deletes a pod
   * if its PodDisruptionBudget allows (eviction.ts).
   */
  create(resource: ResourceName, namespace: string, object: KubeObject, options?: WriteOptions): Result<KubeObject> {
    if (this.refusal !== undefined) return { ok: false, status: this.refusal };
    const subresource = createOnSubresource(this.ctx, resource, namespace, object, options);
    if (subresource) return subresource;
    const info = resolveResource(resource);
    return info.ok ? createObject(this.ctx, info.value, namespace, object, options) : info;
  }

  get(resource: ResourceName, namespace: string, name: string): Result<KubeObject> {
    if (this.refusal !== undefined) return { ok: false, status: this.refusal };
    const info = resolveResource(resource);
    return info.ok ? getObject(this.ctx, info.value, namespace, name) : info;
  }

  list(resource: ResourceName, namespace: string, options?: ListOptions): Result<KubeList> {
    if (this.refusal !== undefined) return { ok: false, status: this.refusal };
    const info = resolveResource(resource);
    return info.ok ? listObjects(this.ctx, info.value, namespace, options) : info;
  }

  update(resource: ResourceName, namespace: string, object: KubeObject, options?: UpdateOptions): Result<KubeObject> {
    if (this.refusal !== undefined) return { ok: false, status: this.refusal };
    const info = resolveResource(resource);
    return info.ok ? updateObject(this.ctx, info.value, namespace, object, options) : info;
  }

  patch(
    resource: ResourceName,
    namespace: string,
    name: string,
    type: PatchType,
    patch: unknown,
    options?: UpdateOptions,
  ): Result<KubeObject> {
    if (this.refusal !== undefined) return { ok: false, status: this.refusal };
    const info = resolveResource(resource);
    return info.ok ? patchObject(this.ctx, info.value, namespace, name, type, patch, options) : info;
  }

  delete(resource: ResourceName, namespace: string, name: string, options?: DeleteOptions): Result<KubeObject> {
    if (this.refusal !== undefined) return { ok: false, status: this.refusal };
    const info = resolveResource(resource);
    return info.ok ? deleteObject(this.ctx, info.value, namespace, name, options) : info;
  }

  watch(resource: ResourceName, namespace: string, options: WatchOptions, onEvent: (event: WatchEvent) => void): Result<WatchHandle> {
    if (this.refusal !== undefined) return { ok: false, status: this.refusal };
    const info = resolveResource(resource);
    if (!info.ok) return info;
    const open: OpenWatch = { handle: { stop: () => undefined }, onEvent, ended: false };
    const started = watchObjects(this.ctx, info.value, namespace, options, (event) => {
      if (!open.ended) onEvent(event);
    });
    if (!started.ok) return started;
    open.handle = started.value;
    this.openWatches.add(open);
    return {
      ok: true,
      value: {
        stop: () => {
          this.openWatches.delete(open);
          open.ended = true;
          started.value.stop();
        },
      },
    };
  }
}
