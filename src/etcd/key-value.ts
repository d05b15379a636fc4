/**
 * What the store holds and what watchers see (etcd's `mvccpb.KeyValue` and `mvccpb.Event`).
 * Values are opaque references: the store never copies or serialises them.
 */

/** One version of a key. `version` counts writes since the key was (re-)created, from 1. */
export interface KeyValue<V> {
  readonly key: string;
  readonly value: V;
  /** The revision of the put that created this generation of the key. */
  readonly createRevision: number;
  /** The revision of the write that produced this version. */
  readonly modRevision: number;
  readonly version: number;
}

/**
 * The marker a delete leaves in a key's history, and the `kv` of a DELETE event: etcd sends the key
 * with the deletion's revision and every other field zero.
 */
export interface Tombstone {
  readonly key: string;
  readonly modRevision: number;
  readonly createRevision: 0;
  readonly version: 0;
}

/** One entry of a key's history: a version or a deletion. */
export type KeyHistoryEntry<V> = KeyValue<V> | Tombstone;

/** True for a deletion marker (etcd: a deletion resets the version to zero). */
export function isTombstone<V>(entry: KeyHistoryEntry<V>): entry is Tombstone {
  return entry.version === 0;
}

/** A change delivered to a watcher. `prevKv` is the version the change replaced (absent on creation). */
export type WatchEvent<V> =
  | { readonly type: 'PUT'; readonly kv: KeyValue<V>; readonly prevKv: KeyValue<V> | undefined }
  | { readonly type: 'DELETE'; readonly kv: Tombstone; readonly prevKv: KeyValue<V> };

/**
 * Receives the events of one watch, a batch at a time: each batch is non-empty, in revision order,
 * and continues exactly where the previous one ended.
 */
export type WatchHandler<V> = (events: readonly WatchEvent<V>[]) => void;

/** A running watch. Cancelling is immediate: no batch is delivered after it. */
export interface WatchHandle {
  cancel(): void;
}
