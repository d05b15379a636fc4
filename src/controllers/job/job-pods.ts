/**
 * How the Job controller sees its pods: the `batch.kubernetes.io/job-tracking` finalizer that keeps
 * a finished pod around until it is counted, which pods count as active, failed or terminating,
 * when a pod finished, and the order in which surplus pods are removed (controller.ActivePods).
 */
import type { JsonObject } from '../../api/types.js';
import { parseTime } from '../../api/time.js';
import { isPodReady, podCondition } from '../common/pod-conditions.js';
import type { Job, JobPod } from './types.js';

/** batch.JobTrackingFinalizer. */
export const JOB_TRACKING_FINALIZER = 'batch.kubernetes.io/job-tracking';

/** hasJobTrackingFinalizer. */
export function hasJobTrackingFinalizer(pod: Readonly<JobPod>): boolean {
  return (pod.metadata.finalizers ?? []).includes(JOB_TRACKING_FINALIZER);
}

/** removeTrackingFinalizerPatch: a strategic merge patch deleting only our finalizer. */
export function removeTrackingFinalizerPatch(pod: Readonly<JobPod>): JsonObject | undefined {
  if (!hasJobTrackingFinalizer(pod)) return undefined;
  return { metadata: { '$deleteFromPrimitiveList/finalizers': [JOB_TRACKING_FINALIZER] } };
}

const phaseOf = (pod: Readonly<JobPod>): string => pod.status?.phase ?? '';

/** controller.IsPodActive. */
export function isActive(pod: Readonly<JobPod>): boolean {
  const phase = phaseOf(pod);
  return phase !== 'Succeeded' && phase !== 'Failed' && pod.metadata.deletionTimestamp == null;
}

/** controller.IsPodTerminating: being deleted and not finished yet. */
export function isTerminatingPod(pod: Readonly<JobPod>): boolean {
  const phase = phaseOf(pod);
  return phase !== 'Succeeded' && phase !== 'Failed' && pod.metadata.deletionTimestamp != null;
}

/** onlyReplaceFailedPods: podReplacementPolicy Failed (implied by a pod failure policy). */
export function onlyReplaceFailedPods(job: Readonly<Job>): boolean {
  return job.spec?.podReplacementPolicy === 'Failed' || job.spec?.podFailurePolicy !== undefined;
}

/** isPodFailed: Failed, or (unless only failed pods are replaced) deleted before it succeeded. */
export function isPodFailed(pod: Readonly<JobPod>, job: Readonly<Job>): boolean {
  if (phaseOf(pod) === 'Failed') return true;
  if (onlyReplaceFailedPods(job)) return false;
  return pod.metadata.deletionTimestamp != null && phaseOf(pod) !== 'Succeeded';
}

/** countReadyPods. */
export function countReadyPods(pods: readonly JobPod[]): number {
  return pods.filter((p) => isPodReady(p)).length;
}

/**
 * getFinishedTime: when the last container finished, else when the pod stopped being Ready, else
 * its deletion time minus the grace period, else its creation.
 */
export function finishedTime(pod: Readonly<JobPod>): number {
  const statuses = pod.status?.containerStatuses ?? [];
  let latest: number | undefined;
  let allFinished = statuses.length > 0;
  for (const s of statuses) {
    const at = parseTime(s.state?.terminated?.finishedAt);
    if (at === undefined) {
      allFinished = false;
      break;
    }
    latest = latest === undefined ? at : Math.max(latest, at);
  }
  if (allFinished && latest !== undefined) return latest;
  const ready = podCondition(pod, 'Ready');
  const readyFalseAt = ready?.status === 'False' ? parseTime(ready.lastTransitionTime) : undefined;
  if (readyFalseAt !== undefined) return readyFalseAt;
  const deletion = parseTime(pod.metadata.deletionTimestamp);
  if (deletion !== undefined) return deletion - (pod.metadata.deletionGracePeriodSeconds ?? 0) * 1000;
  return parseTime(pod.metadata.creationTimestamp) ?? 0;
}

const PHASE_ORDINAL: Record<string, number> = { Pending: 0, Unknown: 1, Running: 2 };

function maxRestarts(pod: Readonly<JobPod>): number {
  return Math.max(0, ...(pod.status?.containerStatuses ?? []).map((s) => s.restartCount ?? 0));
}

/** controller.ActivePods order: the pods least worth keeping first (unscheduled, pending, not ready, newest). */
export function compareActivePods(a: Readonly<JobPod>, b: Readonly<JobPod>): number {
  const an = a.spec?.nodeName ?? '';
  const bn = b.spec?.nodeName ?? '';
  if (an !== bn && (an === '' || bn === '')) return an === '' ? -1 : 1;
  const pa = PHASE_ORDINAL[phaseOf(a)] ?? 0;
  const pb = PHASE_ORDINAL[phaseOf(b)] ?? 0;
  if (pa !== pb) return pa - pb;
  const ra = isPodReady(a);
  const rb = isPodReady(b);
  if (ra !== rb) return ra ? 1 : -1;
  if (ra && rb) {
    const ta = parseTime(podCondition(a, 'Ready')?.lastTransitionTime) ?? 0;
    const tb = parseTime(podCondition(b, 'Ready')?.lastTransitionTime) ?? 0;
    if (ta !== tb) return tb - ta;
  }
  const restarts = maxRestarts(b) - maxRestarts(a);
  if (restarts !== 0) return restarts;
  const ca = parseTime(a.metadata.creationTimestamp) ?? 0;
  const cb = parseTime(b.metadata.creationTimestamp) ?? 0;
  return cb - ca;
}
