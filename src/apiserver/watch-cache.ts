/**
 * kube-apiserver's watch cache (k8s.io/apiserver/pkg/storage/cacher), reduced to what watches
 * need: one shared storage watch per storage prefix, opened when the first watcher of that
 * prefix arrives and closed when the last one leaves, with watchers indexed by trigger fields
 * (watch-dispatcher.ts). A watcher that starts from a revision older than the shared watch can
 * serve gets a storage watch of its own, as before the cache.
 */
import type { Scheduler } from '../clock/types.js';
import type { WatchHandle } from './types.js';
import type { Storage, StorageResult } from './storage.js';
import type { ResourceInfo } from './registry.js';
import type { ObjectFilter } from './filters.js';
import type { WatchDelivery } from './watch-events.js';
import { translate } from './watch-events.js';
import type { WatchTrigger } from './watch-triggers.js';
import { triggerFields } from './watch-triggers.js';
import type { CacheWatcher, DispatchCounters } from './watch-dispatcher.js';
import { WatchDispatcher } from './watch-dispatcher.js';

/** What a watch asks of the cache. */
export interface WatchRequest {
  info: ResourceInfo;
  /** The storage prefix watched (one namespace or the whole resource). */
  prefix: string;
  /** The first revision wanted. */
  from: number;
  /** Whether `from` came from the client (a resourceVersion), not from a list just made. */
  explicit: boolean;
  matches: ObjectFilter | undefined;
  trigger: WatchTrigger | undefined;
  delivery: WatchDelivery;
}

/** What the cache holds and has done, for benchmarks and the dashboard. */
export interface WatchCacheStats extends DispatchCounters {
  /** Storage watches open: one per shared prefix plus one per direct watcher. */
  storageWatches: number;
  /** Watchers served by shared watches. */
  cachedWatchers: number;
  /** Watchers with a storage watch of their own (started before the shared watch's window). */
  directWatchers: number;
}

/** The shared watches of one API server. */
export class WatchCache {
  private readonly dispatchers = new Map<string, { dispatcher: WatchDispatcher; cancel: () => void }>();
  private readonly counters: DispatchCounters = { offered: 0, delivered: 0 };
  private nextId = 0;
  private directCount = 0;

  constructor(
    private readonly storage: Storage,
    private readonly clock: Scheduler,
  ) {}

  /** A snapshot of the counters. */
  get stats(): WatchCacheStats {
    let cachedWatchers = 0;
    for (const { dispatcher } of this.dispatchers.values()) cachedWatchers += dispatcher.watcherCount;
    return {
      ...this.counters,
      storageWatches: this.dispatchers.size + this.directCount,
      cachedWatchers,
      directWatchers: this.directCount,
    };
  }

  /** Starts serving a watch; fails as the storage would (Unavailable, Compacted). */
  watch(request: WatchRequest): StorageResult<WatchHandle> {
    let dispatcher = this.dispatchers.get(request.prefix)?.dispatcher;
    if (dispatcher) {
      if (!dispatcher.canServe(request.from)) return this.direct(request);
      if (request.explicit) {
        const checked = this.storage.checkWatchable(request.from);
        if (!checked.ok) return checked;
      }
    } else {
      const opened = this.open(request);
      if (!opened.ok) return opened;
      dispatcher = opened.value;
    }
    const watcher: CacheWatcher = {
      id: this.nextId++,
      from: request.from,
      matches: request.matches,
      trigger: request.trigger,
      delivery: request.delivery,
      batch: undefined,
    };
    dispatcher.add(watcher, (events) => request.delivery.start(events, this.clock));
    return {
      ok: true,
      value: {
        stop: () => {
          if (request.delivery.isStopped) return;
          request.delivery.stop();
          this.detach(request.prefix, dispatcher, watcher);
        },
      },
    };
  }

  private open(request: WatchRequest): StorageResult<WatchDispatcher> {
    const dispatcher = new WatchDispatcher(request.from, triggerFields(request.info), this.counters);
    const watched = this.storage.watch(request.prefix, request.from, (events) => dispatcher.dispatch(events));
    if (!watched.ok) return watched;
    this.dispatchers.set(request.prefix, { dispatcher, cancel: () => watched.value.cancel() });
    return { ok: true, value: dispatcher };
  }

  private detach(prefix: string, dispatcher: WatchDispatcher, watcher: CacheWatcher): void {
    if (!dispatcher.remove(watcher)) return;
    const entry = this.dispatchers.get(prefix);
    if (entry?.dispatcher !== dispatcher) return;
    entry.cancel();
    this.dispatchers.delete(prefix);
  }

  /** A storage watch of the watcher's own, for a start older than the shared window. */
  private direct(request: WatchRequest): StorageResult<WatchHandle> {
    const { delivery, matches } = request;
    const watched = this.storage.watch(request.prefix, request.from, (events) => {
      const translated = [];
      for (const event of events) {
        this.counters.offered++;
        const one = translate(event, matches);
        if (one) translated.push(one);
      }
      this.counters.delivered += translated.length;
      delivery.deliver(translated);
    });
    if (!watched.ok) return watched;
    this.directCount++;
    return {
      ok: true,
      value: {
        stop: () => {
          if (delivery.isStopped) return;
          delivery.stop();
          this.directCount--;
          watched.value.cancel();
        },
      },
    };
  }
}
