/**
 * The namespace controller (pkg/controller/namespace): a namespace with a deletionTimestamp is
 * emptied of its content, then finalized so the API server removes it. Events are processed after
 * namespaceDeletionGracePeriod; objects still terminating bring the namespace back after about
 * half their remaining grace period; errors are retried with back-off.
 */
import type { KubeObject } from '../../api/types.js';
import type { TimerId } from '../../clock/types.js';
import type { Lister } from '../../client/lister.js';
import { ItemExponentialFailureRateLimiter, MaxOfRateLimiter, BucketRateLimiter } from '../../client/rate-limiter.js';
import { RateLimitingQueue, type SyncResult, type WorkQueueMetrics } from '../../client/workqueue.js';
import type { Controller, ControllerContext, ControllerFactory } from '../common/controller.js';
import { NamespacedResourcesDeleter } from './deleter.js';
import { NAMESPACE_DELETION_GRACE_PERIOD_MS, NAMESPACE_RETRY_MAX_DELAY_MS, NAMESPACE_SYNC_PERIOD_MS } from './timings.js';

/** NamespaceController. */
export class NamespaceController implements Controller {
  readonly name = 'namespace';
  private readonly queue: RateLimitingQueue;
  private readonly lister: Lister<KubeObject>;
  private readonly deleter: NamespacedResourcesDeleter;
  private resyncTimer: TimerId | undefined;

  constructor(private readonly ctx: ControllerContext) {
    const rateLimiter = new MaxOfRateLimiter(new ItemExponentialFailureRateLimiter(5, NAMESPACE_RETRY_MAX_DELAY_MS), new BucketRateLimiter(ctx.clock, 10, 100));
    this.queue = new RateLimitingQueue(ctx.clock, { name: 'namespace', rateLimiter });
    this.deleter = new NamespacedResourcesDeleter(ctx.api, ctx.clock);
    const informer = ctx.informers.informer('namespaces');
    this.lister = informer.lister;
    informer.addEventHandler({
      onAdd: (ns) => this.enqueueNamespace(ns),
      onUpdate: (_old, ns) => this.enqueueNamespace(ns),
    });
  }

  run(): void {
    this.queue.run((key) => this.syncNamespaceFromKey(key));
    this.scheduleResync();
  }

  stop(): void {
    this.queue.shutDown();
    if (this.resyncTimer !== undefined) this.ctx.clock.clearTimeout(this.resyncTimer);
    this.resyncTimer = undefined;
  }

  queues(): WorkQueueMetrics[] {
    return [this.queue.metrics()];
  }

  /** enqueueNamespace: only namespaces being deleted, after the grace period. */
  private enqueueNamespace(ns: Readonly<KubeObject>): void {
    if (ns.metadata.deletionTimestamp == null) return;
    this.queue.addAfter(ns.metadata.name ?? '', NAMESPACE_DELETION_GRACE_PERIOD_MS);
  }

  /** The informer resync (--namespace-sync-period): routine, so on a background timer. */
  private scheduleResync(): void {
    this.resyncTimer = this.ctx.clock.setBackgroundTimeout(() => {
      for (const ns of this.lister.list()) this.enqueueNamespace(ns);
      this.scheduleResync();
    }, NAMESPACE_SYNC_PERIOD_MS);
  }

  /** syncNamespaceFromKey. */
  syncNamespaceFromKey(name: string): SyncResult {
    if (this.lister.get('', name) === undefined) return 'done';
    const outcome = this.deleter.delete(name);
    switch (outcome.kind) {
      case 'done':
        return 'done';
      case 'remaining':
        // ResourcesRemainingError: come back after half the estimate, plus a second.
        return { requeueAfterMs: (Math.floor(outcome.estimateSeconds / 2) + 1) * 1000 };
      case 'error':
        return 'requeue';
    }
  }
}

/** Registered as `namespace`. */
export const namespaceControllerFactory: ControllerFactory = (ctx) => new NamespaceController(ctx);
