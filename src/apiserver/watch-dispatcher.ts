/**
 * One storage watch shared by every API watcher of a storage prefix (the Cacher's dispatch loop).
 * Watchers whose field selector pins a trigger field are bucketed by its value, so an event is
 * offered only to the watchers of its object's old and new values plus those pinned to nothing:
 * with a thousand kubelets each watching its own node's pods, a pod event costs one or two
 * offers, not a thousand. Events reach watchers in revision order, in one batch per watcher per
 * storage delivery, watchers in the order they started.
 */
import type { WatchEvent } from './types.js';
import type { StorageEvent } from './storage.js';
import type { ObjectFilter } from './filters.js';
import type { TriggerField, WatchTrigger } from './watch-triggers.js';
import type { WatchDelivery } from './watch-events.js';
import { translate } from './watch-events.js';
import { WatchBuffer } from './watch-buffer.js';

/** Counters a benchmark or the dashboard can read; they only grow. */
export interface DispatchCounters {
  /** Events translated for a watcher (the work the trigger index saves). */
  offered: number;
  /** Events handed to watchers. */
  delivered: number;
}

/** One API watcher served by a dispatcher. */
export interface CacheWatcher {
  /** Start order: batches go out in it. */
  readonly id: number;
  /** The first revision the watcher wants. */
  readonly from: number;
  readonly matches: ObjectFilter | undefined;
  readonly trigger: WatchTrigger | undefined;
  readonly delivery: WatchDelivery;
  /** Events gathered for it during the dispatch in progress; kept by the dispatcher, undefined between dispatches. */
  batch: WatchEvent[] | undefined;
}

interface TriggerIndex {
  readonly field: TriggerField;
  readonly buckets: Map<string, Set<CacheWatcher>>;
}

/** The watchers of one storage prefix and the recent events they can start from. */
export class WatchDispatcher {
  private readonly unindexed = new Set<CacheWatcher>();
  private readonly indexes: TriggerIndex[];
  private readonly buffer: WatchBuffer;
  private size = 0;
  /** The revision of the last event received (or the one before the first wanted). */
  private progress: number;
  /** Watchers with events gathered during the current dispatch, in the order they got their first. */
  private ready: CacheWatcher[] = [];
  /**
   * The current storage event as every watcher without selectors sees it: translated once and
   * shared, as the Cacher hands one watchCacheEvent to all its watchers.
   */
  private unfiltered: WatchEvent | undefined = undefined;

  constructor(
    fromRevision: number,
    fields: readonly TriggerField[],
    private readonly counters: DispatchCounters,
  ) {
    this.indexes = fields.map((field) => ({ field, buckets: new Map() }));
    this.buffer = new WatchBuffer(fromRevision);
    this.progress = fromRevision - 1;
  }

  /** How many watchers are attached. */
  get watcherCount(): number {
    return this.size;
  }

  /** Whether a watcher wanting every event from `fromRevision` on can be served. */
  canServe(fromRevision: number): boolean {
    return fromRevision >= this.buffer.coveredFrom;
  }

  /** Attaches a watcher; the buffered events it wants are replayed to it first. */
  add(watcher: CacheWatcher, replay: (events: WatchEvent[]) => void): void {
    if (watcher.from <= this.progress) {
      const events: WatchEvent[] = [];
      for (const event of this.buffer.since(watcher.from)) {
        const translated = translate(event, watcher.matches);
        if (translated) events.push(translated);
      }
      replay(events);
    }
    this.setFor(watcher)?.add(watcher);
    this.size++;
  }

  /** Detaches a watcher; returns true when none is left. */
  remove(watcher: CacheWatcher): boolean {
    const set = this.setFor(watcher, false);
    if (set?.delete(watcher)) {
      this.size--;
      if (set !== this.unindexed && set.size === 0) this.indexFor(watcher)?.buckets.delete(watcher.trigger!.value);
    }
    return this.size === 0;
  }

  /** Takes one storage delivery: buffers it, offers each event to the watchers it may concern, delivers. */
  dispatch(events: readonly StorageEvent[]): void {
    for (const event of events) {
      this.buffer.push(event);
      this.progress = event.revision;
      this.unfiltered = undefined;
      for (const watcher of this.unindexed) this.offer(watcher, event);
      for (const index of this.indexes) {
        const value = index.field.read(event.object);
        this.offerAll(index.buckets.get(value), event);
        if (event.previous !== undefined) {
          const before = index.field.read(event.previous);
          if (before !== value) this.offerAll(index.buckets.get(before), event);
        }
      }
    }
    this.unfiltered = undefined;
    this.deliverBatches();
  }

  private offerAll(watchers: Set<CacheWatcher> | undefined, event: StorageEvent): void {
    if (watchers) for (const watcher of watchers) this.offer(watcher, event);
  }

  private offer(watcher: CacheWatcher, event: StorageEvent): void {
    if (event.revision < watcher.from) return;
    this.counters.offered++;
    const translated = watcher.matches === undefined ? (this.unfiltered ??= translate(event, undefined)) : translate(event, watcher.matches);
    if (!translated) return;
    if (watcher.batch !== undefined) {
      watcher.batch.push(translated);
    } else {
      watcher.batch = [translated];
      this.ready.push(watcher);
    }
  }

  /** Hands each watcher its batch. A throwing handler is a bug; the others still get theirs first. */
  private deliverBatches(): void {
    if (this.ready.length === 0) return;
    const ready = this.ready;
    this.ready = [];
    if (ready.length > 1) ready.sort((a, b) => a.id - b.id);
    // Every batch is taken before any is delivered, as the handlers may start new dispatches.
    const batches: WatchEvent[][] = [];
    for (const watcher of ready) {
      batches.push(watcher.batch!);
      watcher.batch = undefined;
    }
    let failure: { error: unknown } | undefined;
    for (let i = 0; i < ready.length; i++) {
      const watcher = ready[i]!;
      const events = batches[i]!;
      if (watcher.delivery.isStopped) continue;
      this.counters.delivered += events.length;
      try {
        watcher.delivery.deliver(events);
      } catch (error) {
        failure ??= { error };
      }
    }
    if (failure) throw failure.error;
  }

  private indexFor(watcher: CacheWatcher): TriggerIndex | undefined {
    const trigger = watcher.trigger;
    return trigger ? this.indexes.find((index) => index.field === trigger.field) : undefined;
  }

  private setFor(watcher: CacheWatcher, create = true): Set<CacheWatcher> | undefined {
    const index = this.indexFor(watcher);
    if (!index) return this.unindexed;
    const value = watcher.trigger!.value;
    let bucket = index.buckets.get(value);
    if (!bucket && create) {
      bucket = new Set();
      index.buckets.set(value, bucket);
    }
    return bucket;
  }
}
