/**
 * What kube-apiserver needs from etcd, in its own terms (k8s.io/apiserver/pkg/storage): read,
 * create-if-absent, update-if-unchanged, delete-if-unchanged, list and watch a prefix. The
 * adapter over the simulated etcd lives in etcd-storage.ts; only this package touches etcd.
 */
import type { KubeObject } from '../api/types.js';

/** A stored object with the revisions etcd keeps for its key. */
export interface StoredObject {
  object: KubeObject;
  modRevision: number;
  createRevision: number;
}

/** Why a storage call failed. */
export type StorageErrorCode = 'Unavailable' | 'KeyExists' | 'KeyNotFound' | 'Conflict' | 'Compacted' | 'FutureRevision';

/** A storage failure, with etcd's message. */
export interface StorageError {
  code: StorageErrorCode;
  message: string;
  /** For Compacted: the oldest revision still available. */
  compactRevision?: number;
}

/** A storage outcome. */
export type StorageResult<T> = { ok: true; value: T } | { ok: false; error: StorageError };

/** A change seen by a storage watch. `previous` is the object before the change (absent for creations). */
export interface StorageEvent {
  type: 'PUT' | 'DELETE';
  key: string;
  /** The new object (PUT) or the last stored state (DELETE). */
  object: KubeObject;
  previous?: KubeObject;
  revision: number;
  created: boolean;
}

/** How a list reads its prefix (etcd's Range options). Absent fields: everything, now. */
export interface StorageListOptions {
  /** Read as of this revision (0 or absent: now). */
  revision?: number;
  /** Start at this key rather than at the prefix. */
  fromKey?: string;
  /** At most this many objects (0 or absent: no limit). */
  limit?: number;
}

/** What a list read: the objects, the store's revision, and (for a limited read) what was left. */
export interface StorageList {
  items: StoredObject[];
  revision: number;
  /** How many objects the range holds, read or not (set when `limit` was asked). */
  count?: number;
  /** Whether the limit cut some off (set when `limit` was asked). */
  more?: boolean;
}

/** The storage interface kube-apiserver is written against. */
export interface Storage {
  /** The revision of the last committed write. */
  readonly revision: number;
  get(key: string): StorageResult<StoredObject | undefined>;
  /**
   * Lists a prefix in key order, now or as `options` ask (a past revision, from a start key, at
   * most `limit` objects); `count` counts every object from the start key, `revision` is the
   * store's current revision (etcd's header revision) whatever revision was read.
   */
  list(prefix: string, options?: StorageListOptions): StorageResult<StorageList>;
  /** Stores `object` at `key` only if the key does not exist. Returns the new revision. */
  create(key: string, object: KubeObject): StorageResult<number>;
  /** Replaces the object at `key` only if its modRevision is still `expectedModRevision`. */
  update(key: string, object: KubeObject, expectedModRevision: number): StorageResult<number>;
  /** Deletes `key` only if its modRevision is still `expectedModRevision`. */
  delete(key: string, expectedModRevision: number): StorageResult<number>;
  /** Watches a prefix from `fromRevision` (inclusive); events arrive in batches, in revision order, through the clock. */
  watch(prefix: string, fromRevision: number, onEvents: (events: readonly StorageEvent[]) => void): StorageResult<{ cancel(): void }>;
  /**
   * Fails exactly as `watch` from `fromRevision` would (Unavailable, Compacted) without opening a
   * watch: the watch cache serves a watcher from its shared watch but keeps the storage's answers.
   */
  checkWatchable(fromRevision: number): StorageResult<void>;
}
