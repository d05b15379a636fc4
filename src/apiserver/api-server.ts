/**
 * kube-apiserver: the only component that touches etcd. Every verb resolves the resource, then
 * runs the generic registry's path for it (create.ts, update.ts, delete.ts, read.ts, watch.ts).
 */
import type { KubeList, KubeObject } from '../api/types.js';
import type { Clock } from '../clock/types.js';
import type { Random } from '../api/random.js';
import type { Result } from '../api/result.js';
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

/** kube-apiserver over a storage backend. */
export class KubeApiServer implements ApiClient {
  private readonly ctx: ServerContext;

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

  /** The revision of the last write (the global resourceVersion). */
  get resourceVersion(): number {
    return this.ctx.storage.revision;
  }

  /**
   * Creates an object, or acts through a subresource: `pods/binding` (also `bindings`) assigns a
   * pod to a node and answers a metav1.Status; `pods/eviction` is refused as not supported yet.
   */
  create(resource: ResourceName, namespace: string, object: KubeObject, options?: WriteOptions): Result<KubeObject> {
    const subresource = createOnSubresource(this.ctx, resource, namespace, object, options);
    if (subresource) return subresource;
    const info = resolveResource(resource);
    return info.ok ? createObject(this.ctx, info.value, namespace, object, options) : info;
  }

  get(resource: ResourceName, namespace: string, name: string): Result<KubeObject> {
    const info = resolveResource(resource);
    return info.ok ? getObject(this.ctx, info.value, namespace, name) : info;
  }

  list(resource: ResourceName, namespace: string, options?: ListOptions): Result<KubeList> {
    const info = resolveResource(resource);
    return info.ok ? listObjects(this.ctx, info.value, namespace, options) : info;
  }

  update(resource: ResourceName, namespace: string, object: KubeObject, options?: UpdateOptions): Result<KubeObject> {
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
    const info = resolveResource(resource);
    return info.ok ? patchObject(this.ctx, info.value, namespace, name, type, patch, options) : info;
  }

  delete(resource: ResourceName, namespace: string, name: string, options?: DeleteOptions): Result<KubeObject> {
    const info = resolveResource(resource);
    return info.ok ? deleteObject(this.ctx, info.value, namespace, name, options) : info;
  }

  watch(resource: ResourceName, namespace: string, options: WatchOptions, onEvent: (event: WatchEvent) => void): Result<WatchHandle> {
    const info = resolveResource(resource);
    return info.ok ? watchObjects(this.ctx, info.value, namespace, options, onEvent) : info;
  }
}
