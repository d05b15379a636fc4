/**
 * The CronJob controller (pkg/controller/cronjob, ControllerV2): creates a Job at each schedule
 * time. After each sync the CronJob is queued again for its next schedule time with an ordinary
 * clock timer, so a cluster with an active (unsuspended) CronJob always has pending work.
 */
import type { KubeObject } from '../../api/types.js';
import type { EventRecorder } from '../../client/event-recorder.js';
import type { Lister } from '../../client/lister.js';
import { getControllerOf } from '../../client/index-funcs.js';
import { metaNamespaceKeyFunc, splitMetaNamespaceKey } from '../../client/store.js';
import type { SyncResult } from '../../client/workqueue.js';
import type { ControllerContext, ControllerFactory } from '../common/controller.js';
import { QueueController } from '../common/queue-controller.js';
import { resolveControllerRef } from '../common/owner-references.js';
import type { Job } from '../job/types.js';
import { parseStandard } from './cron-schedule.js';
import { nextScheduleTimeDuration } from './schedule-times.js';
import { cleanupFinishedJobs, syncCronJob, type CronJobCopy, type CronJobDeps } from './sync-cronjob.js';
import { loadLocation, UTC } from './time-zone.js';
import type { CronJob, CronJobStatus } from './types.js';

/** The event source of the CronJob controller. */
export const CRONJOB_CONTROLLER_COMPONENT = 'cronjob-controller';

/** The status as batch/v1 serialises it (an empty active list left out). */
function statusObject(status: CronJobCopy['status']): CronJobStatus {
  const out: CronJobStatus = {};
  if (status.active.length > 0) out.active = status.active;
  if (status.lastScheduleTime) out.lastScheduleTime = status.lastScheduleTime;
  if (status.lastSuccessfulTime) out.lastSuccessfulTime = status.lastSuccessfulTime;
  return out;
}

/** ControllerV2. */
export class CronJobController extends QueueController {
  readonly name = 'cronjob';
  private readonly cronJobLister: Lister<CronJob>;
  private readonly jobLister: Lister<Job>;
  private readonly recorder: EventRecorder;
  private readonly deps: CronJobDeps;

  constructor(private readonly ctx: ControllerContext) {
    super(ctx.clock, { name: 'cronjob' });
    this.recorder = ctx.recorder(CRONJOB_CONTROLLER_COMPONENT);
    this.deps = { api: ctx.api, clock: ctx.clock, recorder: this.recorder };
    const cronJobInformer = ctx.informers.informer<CronJob>('cronjobs');
    const jobInformer = ctx.informers.informer<Job>('jobs');
    this.cronJobLister = cronJobInformer.lister;
    this.jobLister = jobInformer.lister;
    this.handlers.add(cronJobInformer, {
      onAdd: (cj) => this.enqueue(cj),
      onUpdate: (old, cur) => this.updateCronJob(old, cur),
      onDelete: (cj) => this.enqueue(cj),
    });
    this.handlers.add(jobInformer, {
      onAdd: (job) => this.enqueueOwner(job),
      onUpdate: (old, cur) => {
        if (old.metadata.resourceVersion === cur.metadata.resourceVersion) return;
        if (getControllerOf(old)?.uid !== getControllerOf(cur)?.uid) this.enqueueOwner(old);
        this.enqueueOwner(cur);
      },
      onDelete: (job) => this.enqueueOwner(job),
    });
  }

  private enqueueOwner(job: Readonly<KubeObject>): void {
    const cj = resolveControllerRef(job, 'CronJob', (ns, name) => this.cronJobLister.get(ns, name));
    if (cj !== undefined) this.enqueue(cj);
  }

  /** updateCronJob: a new schedule requeues for its next time; any other change syncs now. */
  private updateCronJob(old: CronJob, cur: CronJob): void {
    if (old.spec?.schedule === cur.spec?.schedule && old.spec?.timeZone === cur.spec?.timeZone) return this.enqueue(cur);
    const zone = loadLocation(cur.spec?.timeZone ?? '');
    const schedule = parseStandard(cur.spec?.schedule ?? '', zone.ok ? zone.value : UTC);
    if (!schedule.ok) {
      this.recorder.event(cur, 'Warning', 'UnParseableCronJobSchedule', `unparseable schedule for cronjob: ${cur.spec?.schedule ?? ''}`);
      return;
    }
    this.queue.addAfter(metaNamespaceKeyFunc(cur), nextScheduleTimeDuration(cur, this.ctx.clock.now(), schedule.value), { background: true });
  }

  /** getJobsToBeReconciled: the namespace's Jobs whose controller reference names this CronJob. */
  private jobsOf(cj: Readonly<CronJob>): Job[] {
    return this.jobLister.listNamespace(cj.metadata.namespace ?? '').filter((j) => {
      const ref = getControllerOf(j);
      return ref !== undefined && ref.name === cj.metadata.name;
    });
  }

  /** sync: cleanup, syncCronJob, one status write, and the requeue for the next schedule time. */
  sync(key: string): SyncResult {
    const { namespace, name } = splitMetaNamespaceKey(key);
    const cronJob = this.cronJobLister.get(namespace, name);
    if (cronJob === undefined) return 'done';
    const jobs = this.jobsOf(cronJob);
    const copy: CronJobCopy = {
      cronJob,
      status: { ...cronJob.status, active: [...(cronJob.status?.active ?? [])] },
    };
    const cleaned = cleanupFinishedJobs(this.deps, copy, jobs);
    const synced = syncCronJob(this.deps, copy, jobs);
    if (cleaned || synced.updateStatus) {
      const updated = this.ctx.api.update('cronjobs', namespace, { ...cronJob, status: statusObject(copy.status) }, { subresource: 'status' });
      if (!updated.ok) return 'requeue';
    }
    // Waiting for the next schedule is the steady state, not pending work: the cluster can settle
    // between runs (`--until-settled`), and `--for` or the dashboard still reach every schedule.
    if (synced.requeueAfterMs !== undefined) return { requeueAfterMs: synced.requeueAfterMs, background: true };
    return synced.ok ? 'done' : 'requeue';
  }
}

/** The CronJob controller, registered as `cronjob`. */
export const cronJobControllerFactory: ControllerFactory = (ctx) => new CronJobController(ctx);
