/**
 * syncJob (pkg/controller/job/job_controller.go): counts the Job's finished pods, decides whether
 * it has failed (pod failure policy, backoffLimit, activeDeadlineSeconds) or met its completions,
 * deletes what must go or runs manageJob, and hands the counting and conditions to
 * trackJobStatusAndRemoveFinalizers.
 */
import { deepClone } from '../../api/freeze.js';
import { parseTime, rfc3339 } from '../../api/time.js';
import { BACKOFF_LIMIT_EXCEEDED, COMPLETIONS_REACHED, DEADLINE_EXCEEDED, ensureConditionStatus, findCondition, newCondition, POD_FAILURE_POLICY_REASON } from './conditions.js';
import { completionIndex, isIndexedJob, succeededIndexes, type Interval } from './indexed-job.js';
import { countReadyPods, hasJobTrackingFinalizer, isActive, isPodFailed, isTerminatingPod } from './job-pods.js';
import { manageJob } from './manage-job.js';
import { matchPodFailurePolicy } from './pod-failure-policy.js';
import { requeueAfter, type JobDeps, type SyncJobCtx } from './sync-context.js';
import { trackJobStatusAndRemoveFinalizers } from './track-status.js';
import type { Job, JobPod } from './types.js';
import { isPodReady } from '../common/pod-conditions.js';

/** What a sync asks of the queue. */
export type JobSyncOutcome = { ok: boolean; requeueAfterMs?: number };

/** getValidPodsWithFilter: pods with a finalizer, not yet counted, with a valid index, passing `filter`. */
function newFinishedPods(ctx: SyncJobCtx, uncounted: ReadonlySet<string>, filter: (p: JobPod) => boolean): JobPod[] {
  const completions = ctx.job.spec?.completions ?? 0;
  return ctx.pods.filter((p) => {
    const uid = p.metadata.uid ?? '';
    if (!hasJobTrackingFinalizer(p) || uncounted.has(uid) || ctx.expectedRmFinalizers.has(uid)) return false;
    if (isIndexedJob(ctx.job)) {
      const ix = completionIndex(p);
      if (ix < 0 || ix >= completions) return false;
    }
    return filter(p);
  });
}

/** pastBackoffLimitOnFailure: with restartPolicy OnFailure, container restarts count as failures. */
function pastBackoffLimitOnFailure(job: Readonly<Job>, pods: readonly JobPod[]): boolean {
  if ((job.spec?.template?.spec as { restartPolicy?: string } | undefined)?.restartPolicy !== 'OnFailure') return false;
  let restarts = 0;
  for (const p of pods) {
    if (p.status?.phase !== 'Running' && p.status?.phase !== 'Pending') continue;
    for (const s of [...(p.status.initContainerStatuses ?? []), ...(p.status.containerStatuses ?? [])]) restarts += s.restartCount ?? 0;
  }
  const limit = job.spec?.backoffLimit ?? 6;
  return limit === 0 ? restarts > 0 : restarts >= limit;
}

/** syncJob for a Job that is not finished. */
export function syncJob(deps: JobDeps, key: string, shared: Readonly<Job>, pods: JobPod[], satisfiedExpectations: boolean): JobSyncOutcome {
  const now = deps.clock.now();
  const job = deepClone(shared) as SyncJobCtx['job'];
  job.status = { ...job.status, uncountedTerminatedPods: { ...job.status?.uncountedTerminatedPods } };
  const spec = job.spec ?? {};
  const suspended = spec.suspend === true;
  const uncounted = job.status.uncountedTerminatedPods ?? {};
  const activePods = pods.filter(isActive);
  const ctx: SyncJobCtx = {
    key,
    job,
    pods,
    activePods,
    succeeded: 0,
    failed: 0,
    prevSucceededIndexes: [],
    succeededIndexes: [],
    newBackoffRecord: { key, failuresAfterLastSuccess: 0 },
    expectedRmFinalizers: deps.finalizerExpectations.expectedUids(key),
    uncounted: { succeeded: new Set(uncounted.succeeded ?? []), failed: new Set(uncounted.failed ?? []) },
    terminating: pods.filter(isTerminatingPod).length,
    ready: countReadyPods(activePods),
  };
  let active = activePods.length;
  const newSucceeded = newFinishedPods(ctx, ctx.uncounted.succeeded, (p) => p.status?.phase === 'Succeeded');
  const newFailed = newFinishedPods(ctx, ctx.uncounted.failed, (p) => isPodFailed(p, job));
  const rules = spec.podFailurePolicy?.rules;
  ctx.succeeded = (job.status.succeeded ?? 0) + newSucceeded.length + ctx.uncounted.succeeded.size;
  ctx.failed = (job.status.failed ?? 0) + newFailed.filter((p) => matchPodFailurePolicy(rules, p).countFailed).length + ctx.uncounted.failed.size;
  if (job.status.startTime === undefined && !suspended) job.status.startTime = rfc3339(now);
  ctx.newBackoffRecord = deps.backoffStore.newRecord(key, newSucceeded, newFailed);

  let manageOk = true;
  const exceedsBackoffLimit = ctx.failed > (spec.backoffLimit ?? 6);
  const successCriteriaMet = findCondition(job.status.conditions, 'SuccessCriteriaMet');
  ctx.finishedCondition = successCriteriaMet?.status === 'True' ? successCriteriaMet : undefined;
  if (ctx.finishedCondition === undefined) {
    const failureTarget = findCondition(job.status.conditions, 'FailureTarget');
    if (failureTarget?.status === 'True') {
      ctx.finishedCondition = newCondition('Failed', 'True', failureTarget.reason ?? '', failureTarget.message ?? '', now);
    } else if (rules !== undefined) {
      for (const p of pods) {
        const message = isPodFailed(p, job) ? matchPodFailurePolicy(rules, p).failJobMessage : undefined;
        if (message === undefined) continue;
        ctx.finishedCondition = newCondition('FailureTarget', 'True', POD_FAILURE_POLICY_REASON, message, now);
        break;
      }
    }
  }
  if (ctx.finishedCondition === undefined) {
    const startTime = parseTime(job.status.startTime);
    const deadline = spec.activeDeadlineSeconds;
    if (exceedsBackoffLimit || pastBackoffLimitOnFailure(job, pods)) {
      ctx.finishedCondition = newCondition('FailureTarget', 'True', BACKOFF_LIMIT_EXCEEDED.reason, BACKOFF_LIMIT_EXCEEDED.message, now);
    } else if (deadline != null && startTime !== undefined && !suspended && now - startTime >= deadline * 1000) {
      ctx.finishedCondition = newCondition('FailureTarget', 'True', DEADLINE_EXCEEDED.reason, DEADLINE_EXCEEDED.message, now);
    } else if (deadline != null && startTime !== undefined && !suspended) {
      requeueAfter(ctx, deadline * 1000 - (now - startTime));
    }
  }
  if (isIndexedJob(job)) {
    const indexes = succeededIndexes(job, pods, hasJobTrackingFinalizer);
    ctx.prevSucceededIndexes = indexes.prev;
    ctx.succeededIndexes = indexes.next;
    ctx.succeeded = totalOf(indexes.next);
  }

  let suspendCondChanged = false;
  if (ctx.finishedCondition !== undefined) {
    // deleteActivePods: deletion timestamps only; the finalizers go when the pods are counted.
    let deleted = 0;
    let deletedReady = 0;
    for (const pod of ctx.activePods) {
      const removed = deps.podControl.deletePod(job, job.metadata.namespace ?? '', pod.metadata.name ?? '');
      if (removed.ok || removed.status.code === 404) deleted++;
      else manageOk = false;
      if (isPodReady(pod)) deletedReady++;
    }
    if (deleted !== active || !satisfiedExpectations) ctx.finishedCondition = undefined;
    active -= deleted;
    ctx.terminating += deleted;
    ctx.ready -= deletedReady;
  } else {
    let manageCalled = false;
    if (satisfiedExpectations && job.metadata.deletionTimestamp == null) {
      const managed = manageJob(deps, ctx);
      active = managed.active;
      manageOk = managed.ok;
      manageCalled = true;
    }
    const completions = spec.completions;
    const complete = completions == null ? ctx.succeeded > 0 && active === 0 : ctx.succeeded >= completions && active === 0;
    if (complete) {
      ctx.finishedCondition = newCondition('SuccessCriteriaMet', 'True', COMPLETIONS_REACHED.reason, COMPLETIONS_REACHED.message, now);
    } else if (manageCalled) {
      const [status, reason, message] = suspended ? ['True', 'JobSuspended', 'Job suspended'] : ['False', 'JobResumed', 'Job resumed'];
      const ensured = ensureConditionStatus(job.status.conditions ?? [], 'Suspended', status, reason, message, now);
      if (ensured.changed) {
        job.status.conditions = ensured.conditions;
        suspendCondChanged = true;
        deps.recorder.event(job, 'Normal', suspended ? 'Suspended' : 'Resumed', message);
        if (!suspended) job.status.startTime = rfc3339(now);
      }
    }
  }

  const needsStatusUpdate = suspendCondChanged || active !== (job.status.active ?? 0) || ctx.ready !== job.status.ready || ctx.terminating !== job.status.terminating;
  job.status.active = active;
  job.status.ready = ctx.ready;
  job.status.terminating = ctx.terminating;
  const tracked = trackJobStatusAndRemoveFinalizers(deps, ctx, needsStatusUpdate);
  const outcome: JobSyncOutcome = { ok: tracked.ok && manageOk };
  if (ctx.requeueAfterMs !== undefined) outcome.requeueAfterMs = ctx.requeueAfterMs;
  return outcome;
}

function totalOf(intervals: readonly Interval[]): number {
  return intervals.reduce((n, v) => n + v.last - v.first + 1, 0);
}
