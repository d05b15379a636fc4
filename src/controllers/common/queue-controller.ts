/**
 * The shape most controllers share (k8s.io/sample-controller): informer handlers registered in
 * the constructor feed one rate-limited workqueue of object keys, and `sync(key)` reconciles one
 * key. Subclasses register their handlers through `handlers` and implement `sync`.
 */
import type { KubeObject } from '../../api/types.js';
import type { Clock } from '../../clock/types.js';
import { metaNamespaceKeyFunc } from '../../client/store.js';
import { RateLimitingQueue, type SyncResult, type WorkQueueMetrics, type WorkQueueOptions } from '../../client/workqueue.js';
import type { Controller } from './controller.js';
import { HandlerRegistrations } from './handler-registrations.js';

/** A controller with one workqueue. */
export abstract class QueueController implements Controller {
  abstract readonly name: string;
  /** The handlers registered on shared informers, unregistered on stop. */
  protected readonly handlers = new HandlerRegistrations();
  /** The keys (`namespace/name`) waiting for `sync`. */
  protected readonly queue: RateLimitingQueue;

  protected constructor(clock: Clock, queue: WorkQueueOptions) {
    this.queue = new RateLimitingQueue(clock, queue);
  }

  /** Reconciles one key: reads the caches, writes through the API, says whether to retry. */
  abstract sync(key: string): SyncResult;

  /** Starts processing the queue. */
  run(): void {
    this.queue.run((key) => this.sync(key));
  }

  /** Unregisters the handlers and shuts the queue down. */
  stop(): void {
    this.handlers.removeAll();
    this.queue.shutDown();
  }

  /** The queue's metrics. */
  queues(): WorkQueueMetrics[] {
    return [this.queue.metrics()];
  }

  /** Queues `obj`'s key. */
  protected enqueue(obj: Readonly<KubeObject>): void {
    this.queue.add(metaNamespaceKeyFunc(obj));
  }
}
