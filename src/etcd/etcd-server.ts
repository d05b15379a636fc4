/**
 * The etcd member the API server talks to: the MVCC store behind the lifecycle machine. While
 * stopped, every request fails with `Unavailable` and watch delivery is held; on start, watches
 * continue exactly where they stopped.
 */
import { createActor } from 'xstate';
import type { Actor } from 'xstate';
import type { Scheduler } from '../clock/types.js';
import type { EtcdResult } from './errors.js';
import { ErrUnavailable, etcdFail, etcdOk } from './errors.js';
import { etcdMachine } from './etcd-machine.js';
import type { KeyHistoryEntry, WatchHandle, WatchHandler } from './key-value.js';
import { MvccStore } from './kvstore.js';
import type { CompactResponse, DeleteResponse, GetOptions, GetResponse, PutResponse, RangeOptions, RangeResponse } from './rpc.js';
import type { TxnRequest, TxnResponse } from './txn.js';

/** Whether etcd serves requests. */
export type EtcdState = 'running' | 'stopped';

/** Called with the new state each time etcd stops or starts. */
export type EtcdStateListener = (state: EtcdState) => void;

/**
 * An etcd member. Every request returns an `EtcdResult`: `{ ok: true, value }` with etcd's
 * response, or `{ ok: false, error }` with `Unavailable` (stopped), `Compacted` or `FutureRevision`.
 */
export class EtcdServer<V = unknown> {
  /** The lifecycle actor, for inspection; drive it with `stop()` / `start()` or its events. */
  readonly actor: Actor<typeof etcdMachine>;
  private readonly store: MvccStore<V>;
  private running = true;
  private readonly listeners = new Set<EtcdStateListener>();

  /** `clock` schedules watch delivery and is the actor's clock. The server starts running. */
  constructor(clock: Scheduler) {
    this.store = new MvccStore<V>(clock);
    this.actor = createActor(etcdMachine, { clock });
    this.actor.subscribe((snapshot) => this.onState(snapshot.value));
    this.actor.start();
  }

  /** 'running' or 'stopped'. */
  get state(): EtcdState {
    return this.running ? 'running' : 'stopped';
  }

  /** The current revision (readable even while stopped, for the dashboard). */
  get revision(): number {
    return this.store.revision;
  }

  /** The last compaction revision (0: never). */
  get compactRevision(): number {
    return this.store.compactRevision;
  }

  /** How many keys exist. */
  get keyCount(): number {
    return this.store.keyCount;
  }

  /** Stops etcd (a fault): requests time out, watch delivery waits. */
  stop(): void {
    this.actor.send({ type: 'etcd.stop' });
  }

  /** Starts etcd again; held watch events are delivered. */
  start(): void {
    this.actor.send({ type: 'etcd.start' });
  }

  /** Calls `listener` on every state change; returns the unsubscribe function. */
  subscribe(listener: EtcdStateListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Reads one key. */
  get(key: string, options?: GetOptions): EtcdResult<GetResponse<V>> {
    return this.running ? this.store.get(key, options) : etcdFail(ErrUnavailable);
  }

  /** Reads the keys under a prefix, in key order. */
  range(prefix: string, options: RangeOptions & { keysOnly: true }): EtcdResult<RangeResponse<undefined>>;
  range(prefix: string, options?: RangeOptions): EtcdResult<RangeResponse<V>>;
  range(prefix: string, options?: RangeOptions): EtcdResult<RangeResponse<V | undefined>> {
    return this.running ? this.store.range(prefix, options) : etcdFail(ErrUnavailable);
  }

  /** Writes one key. */
  put(key: string, value: V): EtcdResult<PutResponse<V>> {
    return this.running ? etcdOk(this.store.put(key, value)) : etcdFail(ErrUnavailable);
  }

  /** Deletes one key. */
  delete(key: string): EtcdResult<DeleteResponse<V>> {
    return this.running ? etcdOk(this.store.delete(key)) : etcdFail(ErrUnavailable);
  }

  /** Runs a transaction. */
  txn(request: TxnRequest<V>): EtcdResult<TxnResponse<V>> {
    return this.running ? etcdOk(this.store.txn(request)) : etcdFail(ErrUnavailable);
  }

  /** Compacts history before `revision`. */
  compact(revision: number): EtcdResult<CompactResponse> {
    return this.running ? this.store.compact(revision) : etcdFail(ErrUnavailable);
  }

  /** Watches a prefix from `startRevision` (inclusive; 0: from the next write). */
  watch(prefix: string, startRevision: number, handler: WatchHandler<V>): EtcdResult<WatchHandle> {
    return this.running ? this.store.watch(prefix, startRevision, handler) : etcdFail(ErrUnavailable);
  }

  /** For the dashboard (works while stopped): a key's versions and deletions since compaction. */
  history(key: string): readonly KeyHistoryEntry<V>[] {
    return this.store.history(key);
  }

  /** For the dashboard (works while stopped): a value as indented JSON, now or at `revision`. */
  valueJson(key: string, revision?: number): string | undefined {
    return this.store.valueJson(key, revision);
  }

  private onState(state: EtcdState): void {
    const running = state === 'running';
    if (running === this.running) return;
    this.running = running;
    if (running) this.store.resumeWatches();
    else this.store.pauseWatches();
    for (const listener of this.listeners) listener(state);
  }
}
