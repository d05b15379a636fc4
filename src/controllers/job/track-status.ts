/**
 * trackJobStatusAndRemoveFinalizers: finished pods are first recorded by UID in
 * `status.uncountedTerminatedPods` (one status write), then their tracking finalizers are removed,
 * then they move into the `succeeded`/`failed` counters (another write). Only when nothing is
 * uncounted and no pod is terminating does the interim SuccessCriteriaMet or FailureTarget become
 * Complete or Failed, with the `Completed` or failure event.
 */
import type { Result } from '../../api/result.js';
import { fail, ok } from '../../api/result.js';
import { ensureConditionStatus, findCondition, newCondition } from './conditions.js';
import { completionIndex, intervalsToString, isIndexedJob, withOrderedIndexes, hasIndex } from './indexed-job.js';
import { hasJobTrackingFinalizer, isPodFailed, removeTrackingFinalizerPatch } from './job-pods.js';
import { matchPodFailurePolicy } from './pod-failure-policy.js';
import { updateJobStatus, type JobDeps, type SyncJobCtx } from './sync-context.js';
import { MAX_UNCOUNTED_PODS } from './timings.js';
import type { JobCondition, JobPod, JobStatus } from './types.js';

/** cleanUncountedPodsWithoutFinalizers: UIDs whose finalizer is gone move into the counters. */
function cleanUncounted(status: JobStatus, uidsWithFinalizer: ReadonlySet<string>): boolean {
  const uncounted = (status.uncountedTerminatedPods ??= {});
  let updated = false;
  const succeeded = (uncounted.succeeded ?? []).filter((uid) => uidsWithFinalizer.has(uid));
  if (succeeded.length !== (uncounted.succeeded ?? []).length) {
    status.succeeded = (status.succeeded ?? 0) + (uncounted.succeeded ?? []).length - succeeded.length;
    uncounted.succeeded = succeeded;
    updated = true;
  }
  const failed = (uncounted.failed ?? []).filter((uid) => uidsWithFinalizer.has(uid));
  if (failed.length !== (uncounted.failed ?? []).length) {
    status.failed = (status.failed ?? 0) + (uncounted.failed ?? []).length - failed.length;
    uncounted.failed = failed;
    updated = true;
  }
  return updated;
}

/** canRemoveFinalizer: the Job is ending, or the pod succeeded, or it failed. */
function canRemoveFinalizer(ctx: SyncJobCtx, pod: JobPod, considerPodFailed: boolean): boolean {
  return ctx.job.metadata.deletionTimestamp != null || ctx.finishedCondition !== undefined || pod.status?.phase === 'Succeeded' || considerPodFailed;
}

/** removeTrackingFinalizerFromPods: per pod, whether the finalizer is gone (a pod already gone counts). */
function removeFinalizers(deps: JobDeps, ctx: SyncJobCtx, pods: readonly JobPod[]): { removed: boolean[]; ok: boolean } {
  deps.finalizerExpectations.expectRemoved(ctx.key, pods.map((p) => p.metadata.uid ?? ''));
  let allOk = true;
  const removed = pods.map((pod) => {
    const patch = removeTrackingFinalizerPatch(pod);
    if (patch === undefined) return false;
    const patched = deps.api.patch('pods', pod.metadata.namespace ?? '', pod.metadata.name ?? '', 'strategic', patch);
    if (patched.ok) return true;
    deps.finalizerExpectations.observed(ctx.key, pod.metadata.uid ?? '');
    if (patched.status.code === 404) return true;
    allOk = false;
    return false;
  });
  return { removed, ok: allOk };
}

/** enactJobFinished: turns the finished condition into the terminal one once nothing is left to count. */
function enactJobFinished(deps: JobDeps, ctx: SyncJobCtx): boolean {
  const cond = ctx.finishedCondition;
  if (cond === undefined) return false;
  const uncounted = ctx.job.status.uncountedTerminatedPods;
  if ((uncounted?.succeeded?.length ?? 0) + (uncounted?.failed?.length ?? 0) > 0) return false;
  if (ctx.terminating > 0) return false;
  const status = ctx.job.status;
  status.conditions = ensureConditionStatus(status.conditions ?? [], cond.type, cond.status, cond.reason ?? '', cond.message ?? '', deps.clock.now()).conditions;
  if (cond.type === 'Complete') status.completionTime = cond.lastTransitionTime!;
  return true;
}

/** recordJobFinished: `Completed` `Job completed`, or the failure reason and message as a warning. */
function recordJobFinished(deps: JobDeps, ctx: SyncJobCtx, cond: JobCondition): void {
  const job = ctx.job;
  if (cond.type === 'Complete') {
    const completions = job.spec?.completions;
    if (completions != null && (job.status.succeeded ?? 0) > completions) {
      deps.recorder.event(job, 'Warning', 'TooManySucceededPods', 'Too many succeeded pods running after completion count reached');
    }
    deps.recorder.event(job, 'Normal', 'Completed', 'Job completed');
  } else {
    deps.recorder.event(job, 'Warning', cond.reason ?? '', cond.message ?? '');
  }
}

/** trackJobStatusAndRemoveFinalizers. */
export function trackJobStatusAndRemoveFinalizers(deps: JobDeps, ctx: SyncJobCtx, needsFlush: boolean): Result<void> {
  const now = deps.clock.now();
  const indexed = isIndexedJob(ctx.job);
  const completions = ctx.job.spec?.completions ?? 0;
  const pods = indexed ? [...ctx.pods].sort((a, b) => completionIndex(a) - completionIndex(b)) : ctx.pods;
  const uidsWithFinalizer = new Set<string>();
  for (const p of pods) {
    const uid = p.metadata.uid ?? '';
    if (hasJobTrackingFinalizer(p) && !ctx.expectedRmFinalizers.has(uid)) uidsWithFinalizer.add(uid);
  }
  const status = ctx.job.status;
  if (cleanUncounted(status, uidsWithFinalizer)) needsFlush = true;
  const uncounted = (status.uncountedTerminatedPods ??= {});
  const podsToRemoveFinalizer: JobPod[] = [];
  const newSucceededIndexes: number[] = [];
  let reachedMaxUncountedPods = false;
  for (const pod of pods) {
    const uid = pod.metadata.uid ?? '';
    if (!hasJobTrackingFinalizer(pod) || ctx.expectedRmFinalizers.has(uid)) continue;
    const considerPodFailed = isPodFailed(pod, ctx.job);
    if (!canRemoveFinalizer(ctx, pod, considerPodFailed)) continue;
    podsToRemoveFinalizer.push(pod);
    const ix = completionIndex(pod);
    if (pod.status?.phase === 'Succeeded' && !ctx.uncounted.failed.has(uid)) {
      if (indexed) {
        if (ix >= 0 && ix < completions && !hasIndex(ctx.prevSucceededIndexes, ix)) {
          newSucceededIndexes.push(ix);
          needsFlush = true;
        }
      } else if (!ctx.uncounted.succeeded.has(uid)) {
        (uncounted.succeeded ??= []).push(uid);
        needsFlush = true;
      }
    } else if (considerPodFailed || (ctx.finishedCondition !== undefined && ctx.finishedCondition.type !== 'SuccessCriteriaMet')) {
      if (!ctx.uncounted.failed.has(uid) && (!indexed || (ix >= 0 && ix < completions))) {
        if (matchPodFailurePolicy(ctx.job.spec?.podFailurePolicy?.rules, pod).countFailed) {
          (uncounted.failed ??= []).push(uid);
          needsFlush = true;
        }
      }
    }
    if (newSucceededIndexes.length + (uncounted.succeeded?.length ?? 0) + (uncounted.failed?.length ?? 0) >= MAX_UNCOUNTED_PODS) {
      reachedMaxUncountedPods = true;
      break;
    }
  }
  if (indexed) {
    ctx.succeededIndexes = withOrderedIndexes(ctx.succeededIndexes, newSucceededIndexes);
    const completed = intervalsToString(ctx.succeededIndexes);
    if (completed !== (status.completedIndexes ?? '')) needsFlush = true;
    status.succeeded = ctx.succeededIndexes.reduce((n, v) => n + v.last - v.first + 1, 0);
    status.completedIndexes = completed;
  }
  const finished = ctx.finishedCondition;
  if (finished?.type === 'FailureTarget') {
    status.conditions = [...(status.conditions ?? []), finished];
    needsFlush = true;
    ctx.finishedCondition = newCondition('Failed', 'True', finished.reason ?? '', finished.message ?? '', now);
  } else if (finished?.type === 'SuccessCriteriaMet') {
    if (findCondition(status.conditions, 'SuccessCriteriaMet')?.status !== 'True') {
      status.conditions = [...(status.conditions ?? []), finished];
      needsFlush = true;
    }
    ctx.finishedCondition = newCondition('Complete', 'True', finished.reason ?? '', finished.message ?? '', now);
  }

  // flushUncountedAndRemoveFinalizers
  if (needsFlush) {
    const flushed = updateJobStatus(deps, ctx);
    if (!flushed.ok) return flushed;
    deps.backoffStore.update(ctx.newBackoffRecord);
    needsFlush = false;
  }
  let removalsOk = true;
  if (podsToRemoveFinalizer.length > 0) {
    const { removed, ok: allOk } = removeFinalizers(deps, ctx, podsToRemoveFinalizer);
    removalsOk = allOk;
    podsToRemoveFinalizer.forEach((p, i) => removed[i] && uidsWithFinalizer.delete(p.metadata.uid ?? ''));
  }
  if (cleanUncounted(ctx.job.status, uidsWithFinalizer)) needsFlush = true;
  if (!removalsOk) {
    if (needsFlush) updateJobStatus(deps, ctx);
    return fail({ kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message: 'removing tracking finalizer', code: 500 });
  }
  const jobFinished = !reachedMaxUncountedPods && enactJobFinished(deps, ctx);
  if (jobFinished) needsFlush = true;
  if (needsFlush) {
    const flushed = updateJobStatus(deps, ctx);
    if (!flushed.ok) return flushed;
    if (jobFinished) recordJobFinished(deps, ctx, ctx.finishedCondition!);
  }
  return ok(undefined);
}
