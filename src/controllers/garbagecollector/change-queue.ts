/**
 * The graphChanges queue (graph_builder.go): informer events and virtual deletes, applied to the
 * graph strictly in the order they arrived, drained on the clock.
 */
import type { Clock, TimerId } from '../../clock/types.js';
import type { WorkQueueMetrics } from '../../client/workqueue.js';

/** A FIFO drained by one handler in a clock callback. */
export class ChangeQueue<T> {
  private items: T[] = [];
  private head = 0;
  private drainTimer: TimerId | undefined;
  private stopped = false;
  private addsTotal = 0;

  constructor(
    private readonly clock: Clock,
    /** `garbage_collector_graph_changes`, for the dashboard. */
    private readonly name: string,
    private readonly handler: (item: T) => void,
  ) {}

  /** Queues an item; a drain is scheduled if none is. */
  add(item: T): void {
    if (this.stopped) return;
    this.items.push(item);
    this.addsTotal++;
    if (this.drainTimer === undefined) this.drainTimer = this.clock.setTimeout(() => this.drain(), 0);
  }

  /** Drops what is queued and accepts nothing more. */
  stop(): void {
    this.stopped = true;
    if (this.drainTimer !== undefined) this.clock.clearTimeout(this.drainTimer);
    this.drainTimer = undefined;
    this.items = [];
    this.head = 0;
  }

  /** The queue's numbers for the dashboard. */
  metrics(): WorkQueueMetrics {
    return { name: this.name, depth: this.items.length - this.head, processing: 0, waiting: 0, addsTotal: this.addsTotal, retriesTotal: 0 };
  }

  /** Items added while draining are handled in the same drain, after the ones before them. */
  private drain(): void {
    this.drainTimer = undefined;
    while (!this.stopped && this.head < this.items.length) this.handler(this.items[this.head++]!);
    if (!this.stopped) {
      this.items = [];
      this.head = 0;
    }
  }
}
