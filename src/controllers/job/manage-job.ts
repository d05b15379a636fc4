/**
 * manageJob: keeps `min(parallelism, completions − succeeded)` pods running. It deletes surplus pods
 * (all of them while suspended; duplicate or out-of-range indexes of an Indexed Job), otherwise
 * creates the missing ones in slow-start batches, each with the tracking finalizer (and, when
 * Indexed, its index) — but not before the pod failure back-off has passed.
 */
import { newControllerRef } from '../common/owner-references.js';
import { hasNamespaceTerminatingCause, podFromTemplate, type PodTemplate } from '../common/pod-control.js';
import { isPodReady } from '../common/pod-conditions.js';
import { slowStartBatch } from '../common/slow-start-batch.js';
import { remainingBackoffMs } from './backoff-store.js';
import {
  completionIndex,
  firstPendingIndexes,
  isIndexedJob,
  podGenerateNameWithIndex,
  templateForIndex,
  withCompletionIndexEnv,
  withOrderedIndexes,
} from './indexed-job.js';
import { compareActivePods, isTerminatingPod, JOB_TRACKING_FINALIZER, onlyReplaceFailedPods, removeTrackingFinalizerPatch } from './job-pods.js';
import { requeueAfter, type JobDeps, type SyncJobCtx } from './sync-context.js';
import { MAX_POD_CREATE_DELETE_PER_SYNC, SYNC_JOB_BATCH_PERIOD_MS } from './timings.js';
import type { Job, JobPod } from './types.js';

/** What manageJob did: the active count after its writes, and whether every write succeeded. */
export interface ManageJobResult {
  active: number;
  ok: boolean;
}

/** activePodsForRemoval: duplicate and invalid indexes first, then the least valuable pods. */
export function activePodsForRemoval(job: Readonly<Job>, pods: readonly JobPod[], rmAtLeast: number): JobPod[] {
  const rm: JobPod[] = [];
  let left: JobPod[] = [...pods];
  if (isIndexedJob(job)) {
    const completions = job.spec?.completions ?? 0;
    const byIndex = new Map<number, JobPod[]>();
    left = [];
    for (const pod of pods) {
      const ix = completionIndex(pod);
      if (ix < 0 || ix >= completions) rm.push(pod);
      else byIndex.set(ix, [...(byIndex.get(ix) ?? []), pod]);
    }
    for (const ix of [...byIndex.keys()].sort((a, b) => a - b)) {
      const same = byIndex.get(ix)!.sort(compareActivePods);
      rm.push(...same.slice(0, -1));
      left.push(same[same.length - 1]!);
    }
  }
  if (rm.length < rmAtLeast) rm.push(...left.sort(compareActivePods).slice(0, rmAtLeast - rm.length));
  return rm;
}

/** deleteJobPods: removes the tracking finalizer, then deletes; returns how many (and how many Ready) went. */
function deleteJobPods(deps: JobDeps, ctx: SyncJobCtx, pods: readonly JobPod[]): { deleted: number; deletedReady: number; ok: boolean } {
  const job = ctx.job;
  let deleted = pods.length;
  let deletedReady = 0;
  let ok = true;
  for (const pod of pods) {
    const failDelete = (code: number): void => {
      deps.expectations.deletionObserved(ctx.key);
      if (code !== 404) {
        deleted--;
        ok = false;
      }
    };
    const patch = removeTrackingFinalizerPatch(pod);
    if (patch !== undefined) {
      const patched = deps.api.patch('pods', pod.metadata.namespace ?? '', pod.metadata.name ?? '', 'strategic', patch);
      if (!patched.ok) {
        failDelete(patched.status.code);
        continue;
      }
    }
    const removed = deps.podControl.deletePod(job, job.metadata.namespace ?? '', pod.metadata.name ?? '');
    if (!removed.ok) failDelete(removed.status.code);
    if (isPodReady(pod)) deletedReady++;
  }
  return { deleted, deletedReady, ok };
}

function removePods(deps: JobDeps, ctx: SyncJobCtx, active: number, pods: readonly JobPod[]): ManageJobResult {
  deps.expectations.expect(ctx.key, 0, pods.length);
  const { deleted, deletedReady, ok } = deleteJobPods(deps, ctx, pods);
  ctx.terminating += deleted;
  ctx.ready -= deletedReady;
  return { active: active - deleted, ok };
}

/** manageJob. */
export function manageJob(deps: JobDeps, ctx: SyncJobCtx): ManageJobResult {
  const job = ctx.job;
  const spec = job.spec ?? {};
  let active = ctx.activePods.length;
  const parallelism = spec.parallelism ?? 1;
  if (spec.suspend === true) return removePods(deps, ctx, active, activePodsForRemoval(job, ctx.activePods, active));

  let wantActive: number;
  if (spec.completions === undefined || spec.completions === null) wantActive = ctx.succeeded > 0 ? active : parallelism;
  else wantActive = Math.max(0, Math.min(spec.completions - ctx.succeeded, parallelism));
  const toDelete = activePodsForRemoval(job, ctx.activePods, Math.max(0, active - wantActive)).slice(0, MAX_POD_CREATE_DELETE_PER_SYNC);
  if (toDelete.length > 0) return removePods(deps, ctx, active, toDelete);

  const terminating = onlyReplaceFailedPods(job) ? ctx.terminating : 0;
  let diff = wantActive - terminating - active;
  if (diff <= 0) return { active, ok: true };
  const { initialMs, maxMs } = deps.podFailureBackoff;
  const remaining = remainingBackoffMs(ctx.newBackoffRecord, deps.clock.now(), initialMs, maxMs);
  if (remaining > 0) {
    requeueAfter(ctx, Math.max(remaining, SYNC_JOB_BATCH_PERIOD_MS));
    return { active: 0, ok: true };
  }
  diff = Math.min(diff, MAX_POD_CREATE_DELETE_PER_SYNC);
  let indexes: number[] = [];
  if (isIndexedJob(job)) {
    const busy = ctx.activePods.map(completionIndex);
    if (onlyReplaceFailedPods(job)) busy.push(...ctx.pods.filter(isTerminatingPod).map(completionIndex));
    indexes = firstPendingIndexes(withOrderedIndexes(ctx.succeededIndexes, busy.filter((i) => i >= 0)), diff, spec.completions ?? 0);
    diff = indexes.length;
  }
  deps.expectations.expect(ctx.key, diff, 0);
  active += diff;
  let template: PodTemplate = structuredClone(spec.template ?? {});
  if (isIndexedJob(job)) template = withCompletionIndexEnv(template);
  const finalizers = template.metadata?.finalizers ?? [];
  if (!finalizers.includes(JOB_TRACKING_FINALIZER)) template = { ...template, metadata: { ...template.metadata, finalizers: [...finalizers, JOB_TRACKING_FINALIZER] } };
  const namespace = job.metadata.namespace ?? '';
  const name = job.metadata.name ?? '';
  const ref = newControllerRef(job);
  let ok = true;
  const { skipped } = slowStartBatch(diff, (i) => {
    const ix = indexes[i];
    const podTemplate = ix === undefined ? template : templateForIndex(template, name, ix);
    const prefix = ix === undefined ? name : podGenerateNameWithIndex(name, ix).slice(0, -1);
    const created = deps.podControl.createPod(job, podFromTemplate(podTemplate, namespace, ref, { generateNamePrefix: prefix }));
    if (created.ok || hasNamespaceTerminatingCause(created.status)) return created.ok;
    deps.expectations.creationObserved(ctx.key);
    active--;
    ok = false;
    return false;
  });
  for (let i = 0; i < skipped; i++) deps.expectations.creationObserved(ctx.key);
  active -= skipped;
  return { active, ok };
}
