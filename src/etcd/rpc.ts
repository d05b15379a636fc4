/**
 * Request options and responses of the KV calls (etcd's `etcdserverpb` Range/Put/DeleteRange/
 * Compaction messages). Every response carries the header revision: the store's revision after
 * the call.
 */
import type { KeyValue } from './key-value.js';

/** Options of `get`: `revision` reads the key as it was then (0 or absent: now). */
export interface GetOptions {
  revision?: number;
}

/**
 * Options of `range`. `limit` 0 or absent means no limit; `keysOnly` leaves values out; `fromKey`
 * starts the range at that key instead of at the prefix (etcd's `key` with `range_end` the end
 * of the prefix: how kube-apiserver continues a paged list).
 */
export interface RangeOptions extends GetOptions {
  limit?: number;
  keysOnly?: boolean;
  fromKey?: string;
}

/** The result of `get`: the key's version, if it exists at the revision read. */
export interface GetResponse<V> {
  readonly revision: number;
  readonly kv: KeyValue<V> | undefined;
}

/** The result of `range`: keys in lexicographic order; `count` counts every match, `more` says the limit cut some off. */
export interface RangeResponse<V> {
  readonly revision: number;
  readonly kvs: readonly KeyValue<V>[];
  readonly count: number;
  readonly more: boolean;
}

/** The result of `put`: the stored version and the one it replaced (etcd's `prev_kv`). */
export interface PutResponse<V> {
  readonly revision: number;
  readonly kv: KeyValue<V>;
  readonly prevKv: KeyValue<V> | undefined;
}

/** The result of `delete`: how many keys were deleted (0 or 1) and the deleted version. */
export interface DeleteResponse<V> {
  readonly revision: number;
  readonly deleted: number;
  readonly prevKv: KeyValue<V> | undefined;
}

/** The result of `compact`. */
export interface CompactResponse {
  readonly revision: number;
}
