/**
 * A controller's workqueue (client-go util/workqueue: Type + delaying queue + rate-limiting queue),
 * made for a single-threaded, clock-driven world. Keys are deduplicated: a key added while queued
 * is queued once; a key added while being processed is queued again once it is done, so one key
 * is never processed twice at the same time and no change is lost.
 *
 * Processing: give the queue a sync handler with `run(handler)`; `add` then schedules one
 * processing pass on the clock (`setTimeout(…, 0)`, at most one pending), and the pass calls the
 * handler for each key that was queued when it began. The handler's result says what happens next
 * (as controller-runtime's reconcile Result does): `done` forgets the key's failures, `requeue`
 * retries it after the rate limiter's back-off, `{ requeueAfterMs }` forgets the failures and
 * retries after that delay. `get`/`done` remain for code that drives the queue itself.
 */
import type { Clock, TimerId } from '../clock/types.js';
import { isBackgroundClock } from '../clock/types.js';
import { defaultControllerRateLimiter, type RateLimiter } from './rate-limiter.js';

/** What a sync handler asks for the key it just processed (`undefined` means `done`). */
export type SyncResult = 'done' | 'requeue' | { requeueAfterMs: number; background?: boolean };

/** A controller's `sync(key)`: reads caches, writes through the API, says whether to retry. */
export type SyncHandler = (key: string) => SyncResult | undefined | void;

/** Options of a workqueue. */
export interface WorkQueueOptions {
  /** Shown on the dashboard, like client-go's queue name (`deployment`, `replicaset`, …). */
  name?: string;
  /** `defaultControllerRateLimiter(clock)` when absent. */
  rateLimiter?: RateLimiter;
}

/** A snapshot of a queue's state for the dashboard (client-go's workqueue metrics). */
export interface WorkQueueMetrics {
  name: string;
  /** Keys waiting to be processed (workqueue_depth). */
  depth: number;
  /** Keys being processed right now. */
  processing: number;
  /** Keys waiting for their back-off or `addAfter` delay to pass. */
  waiting: number;
  /** Keys accepted by `add` (workqueue_adds_total). */
  addsTotal: number;
  /** Delayed and rate-limited adds (workqueue_retries_total). */
  retriesTotal: number;
}

/** A deduplicating, delaying, rate-limited queue of object keys. */
export class RateLimitingQueue {
  /** The queue's name. */
  readonly name: string;
  private readonly rateLimiter: RateLimiter;
  private queue: string[] = [];
  private head = 0;
  /** Keys that need processing (queued, or re-added while processing). */
  private readonly dirty = new Set<string>();
  private readonly processingKeys = new Set<string>();
  private readonly waiting = new Map<string, { readyAt: number; timer: TimerId }>();
  private handler: SyncHandler | undefined;
  private passTimer: TimerId | undefined;
  private shutdown = false;
  private addsTotal = 0;
  private retriesTotal = 0;

  constructor(
    private readonly clock: Clock,
    options: WorkQueueOptions = {},
  ) {
    this.name = options.name ?? '';
    this.rateLimiter = options.rateLimiter ?? defaultControllerRateLimiter(clock);
  }

  /** Queues `key` unless it is queued already; while it is being processed, queues it again after `done`. */
  add(key: string): void {
    if (this.shutdown || this.dirty.has(key)) return;
    this.addsTotal++;
    this.dirty.add(key);
    if (this.processingKeys.has(key)) return;
    this.queue.push(key);
    this.schedulePass();
  }

  /**
   * Adds `key` after `ms` virtual milliseconds (at once if `ms` ≤ 0). A key already waiting keeps the
   * earlier time. A `background` wait (a CronJob's next schedule, a periodic check) does not keep the
   * cluster from settling, on a clock that has background timers.
   */
  addAfter(key: string, ms: number, options: { background?: boolean } = {}): void {
    if (this.shutdown) return;
    this.retriesTotal++;
    if (!(ms > 0)) {
      this.add(key);
      return;
    }
    const readyAt = this.clock.now() + ms;
    const entry = this.waiting.get(key);
    if (entry !== undefined) {
      if (entry.readyAt <= readyAt) return;
      this.clock.clearTimeout(entry.timer);
    }
    const fire = (): void => {
      this.waiting.delete(key);
      this.add(key);
    };
    const timer =
      options.background === true && isBackgroundClock(this.clock) ? this.clock.setBackgroundTimeout(fire, ms) : this.clock.setTimeout(fire, ms);
    this.waiting.set(key, { readyAt, timer });
  }

  /** Adds `key` after the rate limiter's delay for it: 5 ms, 10 ms, 20 ms, … up to 1000 s by default. */
  addRateLimited(key: string): void {
    this.addAfter(key, this.rateLimiter.when(key));
  }

  /** Forgets `key`'s failures: its next `addRateLimited` waits the base delay again. */
  forget(key: string): void {
    this.rateLimiter.forget(key);
  }

  /** How many times `key` has been rate-limited since it was last forgotten. */
  numRequeues(key: string): number {
    return this.rateLimiter.numRequeues(key);
  }

  /** Keys queued and not yet handed out (the queue depth). */
  get len(): number {
    return this.queue.length - this.head;
  }

  /** True after `shutDown`. */
  get shuttingDown(): boolean {
    return this.shutdown;
  }

  /** Hands out the next key and marks it processing; call `done(key)` after. Undefined when none is queued. */
  get(): string | undefined {
    if (this.head >= this.queue.length) return undefined;
    const key = this.queue[this.head]!;
    this.head++;
    if (this.head > 1024 && this.head * 2 > this.queue.length) {
      this.queue = this.queue.slice(this.head);
      this.head = 0;
    }
    this.processingKeys.add(key);
    this.dirty.delete(key);
    return key;
  }

  /** Marks `key` processed; if it was added meanwhile, it is queued again. */
  done(key: string): void {
    this.processingKeys.delete(key);
    if (this.dirty.has(key) && !this.shutdown) {
      this.queue.push(key);
      this.schedulePass();
    }
  }

  /** Processes keys with `handler` in clock callbacks from now on. One handler per queue. */
  run(handler: SyncHandler): void {
    if (this.handler !== undefined) throw new Error(`workqueue ${this.name}: run called twice`);
    this.handler = handler;
    this.schedulePass();
  }

  /** Stops the queue: adds are ignored, waiting keys and queued keys are dropped, no more passes run. */
  shutDown(): void {
    this.shutdown = true;
    for (const { timer } of this.waiting.values()) this.clock.clearTimeout(timer);
    this.waiting.clear();
    if (this.passTimer !== undefined) this.clock.clearTimeout(this.passTimer);
    this.passTimer = undefined;
    this.queue = [];
    this.head = 0;
    this.dirty.clear();
  }

  /** The queue's numbers for the dashboard. */
  metrics(): WorkQueueMetrics {
    return {
      name: this.name,
      depth: this.len,
      processing: this.processingKeys.size,
      waiting: this.waiting.size,
      addsTotal: this.addsTotal,
      retriesTotal: this.retriesTotal,
    };
  }

  private schedulePass(): void {
    if (this.handler === undefined || this.passTimer !== undefined || this.shutdown || this.len === 0) return;
    this.passTimer = this.clock.setTimeout(() => this.processPass(), 0);
  }

  /** Processes the keys queued when the pass began; keys queued meanwhile get the next pass. */
  private processPass(): void {
    this.passTimer = undefined;
    const handler = this.handler!;
    try {
      for (let budget = this.len; budget > 0 && !this.shutdown; budget--) {
        const key = this.get();
        if (key === undefined) break;
        try {
          this.applyResult(key, handler(key));
        } finally {
          this.done(key);
        }
      }
    } finally {
      this.schedulePass();
    }
  }

  private applyResult(key: string, result: SyncResult | undefined | void): void {
    if (this.shutdown) return;
    if (result === undefined || result === 'done') {
      this.forget(key);
    } else if (result === 'requeue') {
      this.addRateLimited(key);
    } else {
      this.forget(key);
      this.addAfter(key, result.requeueAfterMs, result.background === true ? { background: true } : {});
    }
  }
}
