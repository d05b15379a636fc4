/**
 * What the verbs of kube-apiserver share: storage, clock, randomness, the Service allocators,
 * the watch cache, and the translation of storage failures into Kubernetes `Status` errors.
 */
import type { KubeObject } from '../api/types.js';
import type { Clock } from '../clock/types.js';
import type { Random } from '../api/random.js';
import type { Result } from '../api/result.js';
import type { Status } from '../api/status.js';
import { fail, ok } from '../api/result.js';
import { alreadyExists, badRequest, conflict, notFound, requestEntityTooLarge, resourceExpired, storageError } from '../api/status.js';
import type { Storage, StorageError, StoredObject } from './storage.js';
import type { ResourceInfo } from './registry.js';
import { lookupResource, storageKey } from './registry.js';
import type { ServiceAllocators } from './service-allocation.js';
import type { WatchCache } from './watch-cache.js';

/** etcd's request size limit (--max-request-bytes 1.5 MiB): larger objects are refused. */
export const MAX_OBJECT_BYTES = 1.5 * 1024 * 1024;

/** The parts every verb uses. */
export interface ServerContext {
  storage: Storage;
  clock: Clock;
  random: Random;
  allocators: ServiceAllocators;
  watchCache: WatchCache;
  /** Draws for admission's generated names (the token volume's suffix), apart from object names. */
  admissionRandom: Random;
}

/** Resolves a resource name (`pods`, `deploy`, `deployments.apps`) or fails like an unknown URL. */
export function resolveResource(name: string): Result<ResourceInfo> {
  const info = lookupResource(name);
  return info ? ok(info) : fail(badRequest(`the server doesn't have a resource type "${name}"`));
}

/** The namespace a call works in: '' for cluster-scoped resources; required for namespaced ones. */
export function requestNamespace(info: ResourceInfo, namespace: string): Result<string> {
  if (!info.namespaced) return ok('');
  if (namespace === '') return fail(badRequest('an empty namespace may not be set during creation'));
  return ok(namespace);
}

/** Maps a storage failure to the Status a client sees. */
export function storageFailure(error: StorageError, info: ResourceInfo, name: string): Status {
  const gr = { group: info.group, resource: info.resource };
  switch (error.code) {
    case 'KeyExists':
      return alreadyExists(gr, name);
    case 'KeyNotFound':
      return notFound(gr, name);
    case 'Conflict':
      return conflict(gr, name);
    case 'Compacted':
      return resourceExpired(error.message);
    default:
      return storageError(error.message);
  }
}

/** Reads one object; a missing key is `undefined`, not a failure. `key` is its storage key, when the caller has it. */
export function readObject(
  ctx: ServerContext,
  info: ResourceInfo,
  namespace: string,
  name: string,
  key: string = storageKey(info, namespace, name),
): Result<StoredObject | undefined> {
  const read = ctx.storage.get(key);
  return read.ok ? ok(read.value) : fail(storageFailure(read.error, info, name));
}

/** Reads one object, failing with NotFound when it is missing. */
export function readExisting(ctx: ServerContext, info: ResourceInfo, namespace: string, name: string): Result<StoredObject> {
  const read = readObject(ctx, info, namespace, name);
  if (!read.ok) return read;
  return read.value ? ok(read.value) : fail(notFound({ group: info.group, resource: info.resource }, name));
}

/** Refuses objects larger than etcd accepts. */
export function checkSize(object: KubeObject): Status | undefined {
  // Almost every object is far below the limit: a cheap upper bound of its JSON size, with no
  // string built, settles it; only a possibly-large object is serialised to be measured exactly.
  if (jsonSizeUpperBound(object, MAX_OBJECT_BYTES) <= MAX_OBJECT_BYTES) return undefined;
  const bytes = Buffer.byteLength(JSON.stringify(object));
  return bytes > MAX_OBJECT_BYTES ? requestEntityTooLarge('etcdserver: request is too large') : undefined;
}

/**
 * An upper bound of the UTF-8 size of `value`'s JSON (every character of a string counted as a
 * six-byte escape), or something above `limit` as soon as the bound passes it.
 */
function jsonSizeUpperBound(value: unknown, limit: number): number {
  if (typeof value === 'string') return value.length * 6 + 2;
  if (typeof value !== 'object' || value === null) return 24;
  let total = 2;
  if (Array.isArray(value)) {
    for (const item of value) {
      total += jsonSizeUpperBound(item, limit) + 1;
      if (total > limit) return total;
    }
    return total;
  }
  for (const key in value) {
    total += key.length * 6 + 4 + jsonSizeUpperBound((value as Record<string, unknown>)[key], limit);
    if (total > limit) return total;
  }
  return total;
}

/** The revision the next write will get: storage revisions grow by exactly one per write. */
export function nextRevision(ctx: ServerContext): number {
  return ctx.storage.revision + 1;
}
