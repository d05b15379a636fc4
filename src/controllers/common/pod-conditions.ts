/**
 * Pod predicates the workload controllers share (pkg/controller/controller_utils.go and
 * pkg/api/v1/pod/util.go).
 */
import type { KubeObject } from '../../api/types.js';
import { parseTime } from '../../api/time.js';

interface PodCondition {
  type?: string;
  status?: string;
  lastTransitionTime?: string;
}

function podPhase(pod: Readonly<KubeObject>): string {
  return ((pod['status'] as { phase?: string } | undefined)?.phase) ?? '';
}

/** The condition of `type` in the pod's status, if any. */
export function podCondition(pod: Readonly<KubeObject>, type: string): PodCondition | undefined {
  const conditions = (pod['status'] as { conditions?: PodCondition[] } | undefined)?.conditions;
  return conditions?.find((c) => c.type === type);
}

/** controller.IsPodActive: not Succeeded, not Failed, not being deleted. */
export function isPodActive(pod: Readonly<KubeObject>): boolean {
  const phase = podPhase(pod);
  return phase !== 'Succeeded' && phase !== 'Failed' && pod.metadata.deletionTimestamp == null;
}

/** True when the pod finished (Succeeded or Failed). */
export function isPodTerminal(pod: Readonly<KubeObject>): boolean {
  const phase = podPhase(pod);
  return phase === 'Succeeded' || phase === 'Failed';
}

/** podutil.IsPodReady: the Ready condition is True. */
export function isPodReady(pod: Readonly<KubeObject>): boolean {
  return podCondition(pod, 'Ready')?.status === 'True';
}

/** podutil.IsPodAvailable: Ready for at least `minReadySeconds` at `now` (epoch ms). */
export function isPodAvailable(pod: Readonly<KubeObject>, minReadySeconds: number, now: number): boolean {
  const ready = podCondition(pod, 'Ready');
  if (ready?.status !== 'True') return false;
  if (minReadySeconds <= 0) return true;
  const since = ready.lastTransitionTime === undefined ? undefined : parseTime(ready.lastTransitionTime);
  return since !== undefined && since + minReadySeconds * 1000 <= now;
}
