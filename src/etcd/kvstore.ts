/**
 * The MVCC key-value store (etcd's `mvcc.store` with its watchable layer): one revision counter,
 * every key's history since the last compaction, reads at any retained revision, transactions,
 * and watches fed from an event log. Values are stored by reference, never copied.
 */
import type { Scheduler } from '../clock/types.js';
import type { EtcdResult } from './errors.js';
import { ErrCompacted, ErrFutureRevision, etcdFail, etcdOk } from './errors.js';
import type { KeyHistoryEntry, KeyValue, WatchHandle, WatchHandler } from './key-value.js';
import type { KeyIndex } from './key-index.js';
import { PrefixIndex } from './prefix-index.js';
import { INITIAL_REVISION, checkReadRevision } from './revision.js';
import type { CompactResponse, DeleteResponse, GetOptions, GetResponse, PutResponse, RangeOptions, RangeResponse } from './rpc.js';
import type { RequestOp, ResponseOp, TxnRequest, TxnResponse } from './txn.js';
import { assertNoDuplicateWrites, compareHolds } from './txn.js';
import { WatcherHub } from './watcher-hub.js';

/**
 * An in-memory etcd keyspace. Writes never fail; reads at a revision and watches can fail with
 * `Compacted` / `FutureRevision`. Watch events are delivered in batches through `scheduler`.
 */
export class MvccStore<V = unknown> {
  private currentRevision = INITIAL_REVISION;
  private compactedRevision = 0;
  private liveKeys = 0;
  private readonly index = new PrefixIndex<V>();
  private readonly hub: WatcherHub<V>;

  constructor(scheduler: Scheduler) {
    this.hub = new WatcherHub<V>(scheduler);
  }

  /** The revision of the last write (1 for a fresh store). */
  get revision(): number {
    return this.currentRevision;
  }

  /** The revision of the last compaction (0: never compacted). */
  get compactRevision(): number {
    return this.compactedRevision;
  }

  /** How many keys exist now. */
  get keyCount(): number {
    return this.liveKeys;
  }

  /** Stores `value` under `key` (by reference) at a new revision. */
  put(key: string, value: V): PutResponse<V> {
    const revision = this.currentRevision + 1;
    const prevKv = this.index.get(key)?.current;
    const kv = this.applyPut(key, value, revision);
    this.currentRevision = revision;
    return { revision, kv, prevKv };
  }

  /** Deletes `key`. Deleting a missing key changes nothing and does not advance the revision. */
  delete(key: string): DeleteResponse<V> {
    const prevKv = this.applyDelete(key, this.currentRevision + 1);
    if (prevKv !== undefined) this.currentRevision++;
    return { revision: this.currentRevision, deleted: prevKv === undefined ? 0 : 1, prevKv };
  }

  /** Reads `key`, now or at `options.revision`. */
  get(key: string, options?: GetOptions): EtcdResult<GetResponse<V>> {
    const revision = this.readRevision(options?.revision);
    if (typeof revision !== 'number') return revision;
    const entry = this.index.get(key);
    const kv = revision === this.currentRevision ? entry?.current : entry?.at(revision);
    return etcdOk({ revision: this.currentRevision, kv });
  }

  /**
   * Reads every key starting with `prefix` (and not before `options.fromKey`), in lexicographic
   * order, now or at `options.revision`.
   */
  range(prefix: string, options: RangeOptions & { keysOnly: true }): EtcdResult<RangeResponse<undefined>>;
  range(prefix: string, options?: RangeOptions): EtcdResult<RangeResponse<V>>;
  range(prefix: string, options?: RangeOptions): EtcdResult<RangeResponse<V | undefined>> {
    const revision = this.readRevision(options?.revision);
    if (typeof revision !== 'number') return revision;
    const now = revision === this.currentRevision;
    const limit = options?.limit !== undefined && options.limit > 0 ? options.limit : Infinity;
    const keysOnly = options?.keysOnly === true;
    const kvs: KeyValue<V | undefined>[] = [];
    let count = 0;
    const entries = this.index.scan(prefix);
    const first = options?.fromKey === undefined ? 0 : firstAtOrAfter(entries, options.fromKey);
    for (let i = first; i < entries.length; i++) {
      const entry = entries[i]!;
      const kv = now ? entry.current : entry.at(revision);
      if (kv === undefined) continue;
      count++;
      if (kvs.length < limit) kvs.push(keysOnly ? { ...kv, value: undefined } : kv);
    }
    return etcdOk({ revision: this.currentRevision, kvs, count, more: count > kvs.length });
  }

  /** Runs `success` if every compare holds, else `failure`, as one atomic write at one revision. */
  txn(request: TxnRequest<V>): TxnResponse<V> {
    let succeeded = true;
    for (const compare of request.compare) {
      if (!compareHolds(this.index.get(compare.key)?.current, compare)) {
        succeeded = false;
        break;
      }
    }
    const ops = succeeded ? request.success : (request.failure ?? []);
    assertNoDuplicateWrites(ops);
    const revision = this.currentRevision + 1;
    let wrote = false;
    const responses: ResponseOp<V>[] = [];
    for (const op of ops) {
      const result = this.applyOp(op, revision);
      if (result.type === 'put' || (result.type === 'delete' && result.deleted > 0)) wrote = true;
      responses.push(result);
    }
    if (wrote) this.currentRevision = revision;
    return { revision: this.currentRevision, succeeded, responses };
  }

  /** Forgets history before `revision`: reads and watches from earlier revisions then fail with `Compacted`. */
  compact(revision: number): EtcdResult<CompactResponse> {
    if (revision <= this.compactedRevision) return etcdFail(ErrCompacted);
    if (revision > this.currentRevision) return etcdFail(ErrFutureRevision);
    this.compactedRevision = revision;
    this.index.compact(revision);
    this.hub.compact(revision);
    return etcdOk({ revision: this.currentRevision });
  }

  /**
   * Watches keys starting with `prefix` from `startRevision` (inclusive; 0: from the next write).
   * Like etcd, a start in the future is accepted and waits. Events come in batches, later.
   */
  watch(prefix: string, startRevision: number, handler: WatchHandler<V>): EtcdResult<WatchHandle> {
    if (startRevision > 0 && startRevision < this.compactedRevision) return etcdFail(ErrCompacted);
    return etcdOk(this.hub.watch(prefix, startRevision, this.currentRevision, handler));
  }

  /** Holds watch delivery (the server is stopped); nothing is lost. */
  pauseWatches(): void {
    this.hub.pause();
  }

  /** Resumes watch delivery, starting with what was held. */
  resumeWatches(): void {
    this.hub.resume();
  }

  /** For the dashboard: a key's versions and deletions since the last compaction, oldest first. */
  history(key: string): readonly KeyHistoryEntry<V>[] {
    return this.index.get(key)?.history.slice() ?? [];
  }

  /** For the dashboard: a key's value (now or at `revision`) as indented JSON; undefined if absent or compacted. */
  valueJson(key: string, revision?: number): string | undefined {
    const at = this.readRevision(revision);
    if (typeof at !== 'number') return undefined;
    const entry = this.index.get(key);
    const kv = at === this.currentRevision ? entry?.current : entry?.at(at);
    return kv === undefined ? undefined : JSON.stringify(kv.value, null, 2);
  }

  private readRevision(requested: number | undefined): number | EtcdResult<never> {
    const revision = requested === undefined || requested <= 0 ? this.currentRevision : requested;
    const error = checkReadRevision(revision, this.compactedRevision, this.currentRevision);
    return error === undefined ? revision : etcdFail(error);
  }

  private applyOp(op: RequestOp<V>, revision: number): ResponseOp<V> {
    switch (op.type) {
      case 'put': {
        const prevKv = this.index.get(op.key)?.current;
        return { type: 'put', kv: this.applyPut(op.key, op.value, revision), prevKv };
      }
      case 'delete': {
        const prevKv = this.applyDelete(op.key, revision);
        return { type: 'delete', deleted: prevKv === undefined ? 0 : 1, prevKv };
      }
      case 'get':
        return { type: 'get', kv: this.index.get(op.key)?.current };
    }
  }

  private applyPut(key: string, value: V, revision: number): KeyValue<V> {
    const entry = this.index.getOrCreate(key);
    const prevKv = entry.current;
    const kv = entry.put(value, revision);
    if (prevKv === undefined) this.liveKeys++;
    this.hub.append({ type: 'PUT', kv, prevKv }, entry.resourcePrefix);
    return kv;
  }

  /** Deletes at `revision`; returns the deleted version, or undefined if the key did not exist. */
  private applyDelete(key: string, revision: number): KeyValue<V> | undefined {
    const entry = this.index.get(key);
    const prevKv = entry?.current;
    if (entry === undefined || prevKv === undefined) return undefined;
    const tombstone = entry.delete(revision)!;
    this.liveKeys--;
    this.hub.append({ type: 'DELETE', kv: tombstone, prevKv }, entry.resourcePrefix);
    return prevKv;
  }
}

/** The index of the first entry whose key is at or after `key` in a run sorted by key. */
function firstAtOrAfter<V>(entries: readonly KeyIndex<V>[], key: string): number {
  let low = 0;
  let high = entries.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (entries[middle]!.key < key) low = middle + 1;
    else high = middle;
  }
  return low;
}
