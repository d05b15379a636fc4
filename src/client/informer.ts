/**
 * A shared informer (client-go tools/cache: Reflector + SharedIndexInformer, without the DeltaFIFO):
 * LIST, fill the cache, WATCH from the list's resourceVersion, and keep the cache and the handlers
 * in step with the API server, surviving expired watches, closed watches and API outages.
 */
import type { KubeObject } from '../api/types.js';
import type { ApiClient, WatchEvent, WatchHandle } from '../apiserver/types.js';
import type { Clock, TimerId } from '../clock/types.js';
import { isBackgroundClock } from '../clock/types.js';
import { ExponentialBackoff, REFLECTOR_BACKOFF } from './backoff.js';
import { SharedProcessor, type ResourceEventHandler, type ResourceEventHandlerRegistration } from './event-handlers.js';
import { metaNamespaceIndexFunc, NAMESPACE_INDEX } from './index-funcs.js';
import { Indexer, type Indexers } from './indexer.js';
import { Lister } from './lister.js';
import { metaNamespaceKeyFunc } from './store.js';
import { watchEndAction, type ReflectorError } from './watch-end.js';

/** How an informer lists and watches, and how often it resyncs. */
export interface SharedInformerOptions<T extends KubeObject> {
  /** Only this namespace; '' or absent: all namespaces (and cluster-scoped resources). */
  namespace?: string;
  labelSelector?: string;
  fieldSelector?: string;
  /** Every this many ms while watching, onUpdate(obj, obj) for every cached object; 0 or absent: never. */
  resyncPeriodMs?: number;
  /** Extra indexes; the `namespace` index is always there. */
  indexers?: Indexers<T>;
  /** A seeded source of floats in [0, 1) for the back-off jitter; without it the back-off is exact. */
  rng?: () => number;
}

/** What the informer is doing, for the dashboard. `backingOff` includes the immediate re-watch after a closed watch. */
export type InformerState = 'notStarted' | 'watching' | 'backingOff' | 'stopped';

/** Lists and watches one resource into an indexed cache and notifies handlers of every change. */
export class SharedInformer<T extends KubeObject = KubeObject> {
  /** The cache: the frozen objects the API server handed out. Read it through `lister`. */
  readonly indexer: Indexer<T>;
  /** Read access to the cache. */
  readonly lister: Lister<T>;
  private readonly processor = new SharedProcessor<T>();
  private readonly backoff: ExponentialBackoff;
  private readonly namespace: string;
  private currentState: InformerState = 'notStarted';
  private synced = false;
  private lastRv = '';
  private error: ReflectorError | undefined;
  private errorHandler: ((error: ReflectorError) => void) | undefined;
  private watchHandle: WatchHandle | undefined;
  /** Bumped whenever a watch ends, so events of an ended watch are ignored. */
  private watchGeneration = 0;
  private watchStartedAt = 0;
  private watchEventCount = 0;
  private retryTimer: TimerId | undefined;
  private resyncTimer: TimerId | undefined;

  constructor(
    private readonly api: ApiClient,
    private readonly clock: Clock,
    /** The resource, as the API server names it: `pods`, `deployments`, … */
    readonly resource: string,
    private readonly options: SharedInformerOptions<T> = {},
  ) {
    this.namespace = options.namespace ?? '';
    this.indexer = new Indexer<T>({ [NAMESPACE_INDEX]: metaNamespaceIndexFunc, ...options.indexers });
    this.lister = new Lister(this.indexer);
    this.backoff = new ExponentialBackoff(clock, REFLECTOR_BACKOFF, options.rng);
  }

  /** Starts listing and watching (the first LIST happens now). Starting twice, or after stop, does nothing. */
  start(): void {
    if (this.currentState !== 'notStarted') return;
    this.listAndWatch();
  }

  /** Stops watching and every timer; the cache keeps its last contents. An informer is not restarted. */
  stop(): void {
    this.endWatch();
    this.cancelRetry();
    this.stopResync();
    this.currentState = 'stopped';
  }

  /** True once the first LIST has been applied to the cache (and stays true). */
  hasSynced(): boolean {
    return this.synced;
  }

  /** The resourceVersion of the last list or watch event applied ('' before the first list). */
  get lastSyncResourceVersion(): string {
    return this.lastRv;
  }

  /** What the informer is doing now. */
  get state(): InformerState {
    return this.currentState;
  }

  /** The last failed LIST or WATCH, until the next successful LIST. */
  get lastError(): ReflectorError | undefined {
    return this.error;
  }

  /** cache.SharedInformer.SetWatchErrorHandler: called on every failed LIST or WATCH (not on a 410 Expired). */
  setWatchErrorHandler(handler: (error: ReflectorError) => void): void {
    this.errorHandler = handler;
  }

  /** Adds indexes, indexing what is cached already. */
  addIndexers(indexers: Indexers<T>): void {
    this.indexer.addIndexers(indexers);
  }

  /** Registers a handler. Added after the cache is filled, it first gets onAdd(obj, true) for every cached object. */
  addEventHandler(handler: ResourceEventHandler<T>): ResourceEventHandlerRegistration {
    this.processor.add(handler);
    if (this.indexer.size > 0 && handler.onAdd !== undefined) {
      for (const obj of this.indexer.list()) handler.onAdd(obj, true);
    }
    return new Registration(handler, () => this.synced);
  }

  /** Unregisters a handler added with addEventHandler. */
  removeEventHandler(registration: ResourceEventHandlerRegistration): void {
    if (registration instanceof Registration) this.processor.remove(registration.handler);
  }

  private listAndWatch(): void {
    this.retryTimer = undefined;
    if (this.isStopped()) return;
    const result = this.api.list(this.resource, this.namespace, this.selectors());
    if (!result.ok) {
      this.fail({ verb: 'list', message: `failed to list ${this.resource}: ${result.status.message ?? ''}`, status: result.status });
      return;
    }
    this.error = undefined;
    this.replace(result.value.items as T[]);
    this.lastRv = result.value.metadata.resourceVersion;
    if (this.isStopped()) return; // a handler stopped us
    this.startResync();
    this.watch();
  }

  private watch(): void {
    this.retryTimer = undefined;
    if (this.isStopped()) return;
    const generation = ++this.watchGeneration;
    this.watchStartedAt = this.clock.now();
    this.watchEventCount = 0;
    this.currentState = 'watching';
    const options = { ...this.selectors(), resourceVersion: this.lastRv };
    const result = this.api.watch(this.resource, this.namespace, options, (event) => {
      if (generation === this.watchGeneration) this.handleWatchEvent(event);
    });
    if (!result.ok) {
      const error: ReflectorError = { verb: 'watch', message: `failed to watch ${this.resource}: ${result.status.message ?? ''}`, status: result.status };
      if (result.status.code === 429) this.retryAfterBackoff(error, () => this.watch());
      else this.fail(error);
      return;
    }
    if (generation === this.watchGeneration) this.watchHandle = result.value;
    else result.value.stop(); // the watch already ended during the call
  }

  private handleWatchEvent(event: WatchEvent): void {
    if (event.type === 'ERROR') {
      this.handleWatchEnd(event);
      return;
    }
    const obj = event.object as T;
    const rv = obj.metadata.resourceVersion ?? this.lastRv;
    if (event.type === 'BOOKMARK') {
      this.lastRv = rv;
      return;
    }
    this.watchEventCount++;
    if (event.type === 'DELETED') {
      const key = metaNamespaceKeyFunc(obj);
      if (this.indexer.deleteByKey(key) !== undefined) this.processor.distributeDelete(obj, false);
    } else {
      const old = this.indexer.put(obj);
      if (old === undefined) this.processor.distributeAdd(obj, false);
      else if (old !== obj) this.processor.distributeUpdate(old, obj);
    }
    this.lastRv = rv;
  }

  /** The watch ended: closed (re-watch now), expired (relist after back-off) or failed (report, relist after back-off). */
  private handleWatchEnd(event: WatchEvent): void {
    this.endWatch();
    const next = watchEndAction(event, this.resource, this.clock.now() - this.watchStartedAt, this.watchEventCount);
    if (next.action === 'rewatch') {
      this.currentState = 'backingOff';
      this.retryTimer = this.clock.setTimeout(() => this.watch(), 0);
      return;
    }
    this.stopResync();
    this.retryAfterBackoff(next.error, () => this.listAndWatch());
  }

  /** ListAndWatch returned an error: report it, then relist after the back-off. */
  private fail(error: ReflectorError): void {
    this.stopResync();
    this.retryAfterBackoff(error, () => this.listAndWatch());
  }

  private retryAfterBackoff(error: ReflectorError | undefined, retry: () => void): void {
    if (error !== undefined) {
      this.error = error;
      this.errorHandler?.(error);
    }
    if (this.isStopped()) return; // the error handler stopped us
    this.currentState = 'backingOff';
    this.retryTimer = this.clock.setTimeout(retry, this.backoff.next());
  }

  /**
   * Makes the cache equal to a fresh list and tells the handlers exactly what changed: onAdd for
   * new objects, onUpdate for objects whose resourceVersion moved, onDelete (final state unknown)
   * for objects gone. client-go sends onUpdate for every listed object; unchanged objects are
   * skipped here, which a level-triggered handler cannot tell apart.
   */
  private replace(items: readonly T[]): void {
    const initial = !this.synced;
    const hadObjects = this.indexer.size > 0;
    const listed = hadObjects ? new Set<string>() : undefined;
    for (const obj of items) {
      const key = metaNamespaceKeyFunc(obj);
      listed?.add(key);
      const old = this.indexer.getByKey(key);
      if (old !== undefined && old.metadata.resourceVersion === obj.metadata.resourceVersion) continue;
      this.indexer.put(obj);
      if (old === undefined) this.processor.distributeAdd(obj, initial);
      else this.processor.distributeUpdate(old, obj);
    }
    if (listed !== undefined && this.indexer.size > listed.size) {
      for (const key of this.indexer.listKeys()) {
        if (listed.has(key)) continue;
        const old = this.indexer.deleteByKey(key)!;
        this.processor.distributeDelete(old, true);
      }
    }
    this.synced = true;
  }

  /** A method, not an inline comparison, because handlers called meanwhile may have stopped the informer. */
  private isStopped(): boolean {
    return this.currentState === 'stopped';
  }

  private startResync(): void {
    this.stopResync();
    const period = this.options.resyncPeriodMs ?? 0;
    if (period <= 0) return;
    // A resync is routine upkeep, not pending work: on a clock with background timers it never
    // keeps the cluster from settling.
    const schedule = (fn: () => void): TimerId =>
      isBackgroundClock(this.clock) ? this.clock.setBackgroundTimeout(fn, period) : this.clock.setTimeout(fn, period);
    const tick = (): void => {
      this.resyncTimer = schedule(tick);
      for (const obj of this.indexer.values()) this.processor.distributeUpdate(obj, obj);
    };
    this.resyncTimer = schedule(tick);
  }

  private stopResync(): void {
    if (this.resyncTimer !== undefined) this.clock.clearTimeout(this.resyncTimer);
    this.resyncTimer = undefined;
  }

  private endWatch(): void {
    this.watchGeneration++;
    const handle = this.watchHandle;
    this.watchHandle = undefined;
    handle?.stop();
  }

  private cancelRetry(): void {
    if (this.retryTimer !== undefined) this.clock.clearTimeout(this.retryTimer);
    this.retryTimer = undefined;
  }

  private selectors(): { labelSelector?: string; fieldSelector?: string } {
    const out: { labelSelector?: string; fieldSelector?: string } = {};
    if (this.options.labelSelector !== undefined) out.labelSelector = this.options.labelSelector;
    if (this.options.fieldSelector !== undefined) out.fieldSelector = this.options.fieldSelector;
    return out;
  }
}

class Registration<T extends KubeObject> implements ResourceEventHandlerRegistration {
  constructor(
    readonly handler: ResourceEventHandler<T>,
    private readonly synced: () => boolean,
  ) {}

  hasSynced(): boolean {
    return this.synced();
  }
}
