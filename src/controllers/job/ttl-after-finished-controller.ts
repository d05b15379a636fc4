/**
 * The TTL-after-finished controller (pkg/controller/ttlafterfinished): a finished Job with
 * `ttlSecondsAfterFinished` is deleted that long after its Complete or Failed condition — in the
 * foreground, so the garbage collector removes its pods first — after re-reading it from the API
 * server in case the TTL changed.
 */
import type { KubeObject } from '../../api/types.js';
import { parseTime } from '../../api/time.js';
import type { Lister } from '../../client/lister.js';
import { metaNamespaceKeyFunc, splitMetaNamespaceKey } from '../../client/store.js';
import type { SyncResult } from '../../client/workqueue.js';
import type { ControllerContext, ControllerFactory } from '../common/controller.js';
import { QueueController } from '../common/queue-controller.js';
import type { Job } from './types.js';

/** The propagation policy of the TTL deletion (Kubernetes uses Foreground). */
export const TTL_DELETE_PROPAGATION = 'Foreground' as const;

/** needsCleanup: a finished Job with a TTL. */
export function needsCleanup(job: Readonly<Job>): boolean {
  return job.spec?.ttlSecondsAfterFinished != null && finishTime(job) !== undefined;
}

/** jobFinishTime: when the Complete or Failed condition became True. */
export function finishTime(job: Readonly<Job>): number | undefined {
  for (const c of job.status?.conditions ?? []) {
    if ((c.type === 'Complete' || c.type === 'Failed') && c.status === 'True') return parseTime(c.lastTransitionTime);
  }
  return undefined;
}

/** timeLeft: milliseconds until the Job expires at `now` (≤ 0: expired); undefined when it never will. */
export function ttlTimeLeft(job: Readonly<Job>, now: number): number | undefined {
  if (job.metadata.deletionTimestamp != null || !needsCleanup(job)) return undefined;
  return finishTime(job)! + job.spec!.ttlSecondsAfterFinished! * 1000 - now;
}

/** TTLAfterFinishedController. */
export class TtlAfterFinishedController extends QueueController {
  readonly name = 'ttl-after-finished';
  private readonly jobLister: Lister<Job>;

  constructor(private readonly ctx: ControllerContext) {
    super(ctx.clock, { name: 'ttl_jobs_to_delete' });
    const informer = ctx.informers.informer<Job>('jobs');
    this.jobLister = informer.lister;
    this.handlers.add(informer, {
      onAdd: (job) => this.enqueueIfNeeded(job),
      onUpdate: (_old, cur) => this.enqueueIfNeeded(cur),
    });
  }

  private enqueueIfNeeded(job: Job): void {
    if (job.metadata.deletionTimestamp == null && needsCleanup(job)) this.queue.add(metaNamespaceKeyFunc(job));
  }

  /** processJob. */
  sync(key: string): SyncResult {
    const { namespace, name } = splitMetaNamespaceKey(key);
    const cached = this.jobLister.get(namespace, name);
    if (cached === undefined) return 'done';
    const left = ttlTimeLeft(cached, this.ctx.clock.now());
    if (left === undefined) return 'done';
    if (left > 0) return { requeueAfterMs: left };
    const fresh = this.ctx.api.get('jobs', namespace, name);
    if (!fresh.ok) return fresh.status.code === 404 ? 'done' : 'requeue';
    const freshLeft = ttlTimeLeft(fresh.value as KubeObject as Job, this.ctx.clock.now());
    if (freshLeft === undefined) return 'done';
    if (freshLeft > 0) return { requeueAfterMs: freshLeft };
    const uid = fresh.value.metadata.uid;
    const deleted = this.ctx.api.delete('jobs', namespace, name, { propagationPolicy: TTL_DELETE_PROPAGATION, ...(uid ? { preconditions: { uid } } : {}) });
    return deleted.ok || deleted.status.code === 404 ? 'done' : 'requeue';
  }
}

/** The TTL-after-finished controller, registered as `ttl-after-finished`. */
export const ttlAfterFinishedControllerFactory: ControllerFactory = (ctx) => new TtlAfterFinishedController(ctx);
