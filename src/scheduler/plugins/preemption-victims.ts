/**
 * prepareCandidate: what preemption writes — each victim gets the DisruptionTarget condition
 * (PreemptionByScheduler) and is deleted with its grace period, with a `Preempted` event; pods of
 * lower priority nominated to the same node lose their nomination.
 */
import { rfc3339 } from '../../api/time.js';
import type { FrameworkHandle } from '../framework/interface.js';
import type { PodInfo } from '../pod-info.js';
import { DEFAULT_SCHEDULER_NAME, type Pod } from '../types.js';

/** v1.DisruptionTarget. */
export const DISRUPTION_TARGET = 'DisruptionTarget';
/** v1.PodReasonPreemptionByScheduler. */
export const POD_REASON_PREEMPTION_BY_SCHEDULER = 'PreemptionByScheduler';

/** podTerminatingByPreemption: being deleted after the scheduler preempted it. */
export function isTerminatingByPreemption(pod: Pod): boolean {
  if (pod.metadata.deletionTimestamp === undefined) return false;
  return (pod.status?.conditions ?? []).some((c) => c.type === DISRUPTION_TARGET && c.reason === POD_REASON_PREEMPTION_BY_SCHEDULER);
}

/** Evicts the victims on `nodeName` for `preemptor` and clears lower-priority nominations there. */
export function evictVictims(handle: FrameworkHandle, preemptor: PodInfo, nodeName: string, victims: readonly PodInfo[]): void {
  const { api } = handle;
  const schedulerName = preemptor.pod.spec.schedulerName ?? DEFAULT_SCHEDULER_NAME;
  for (const victim of victims) {
    const ns = victim.namespace;
    const name = victim.pod.metadata.name ?? '';
    const condition = {
      type: DISRUPTION_TARGET,
      status: 'True',
      lastProbeTime: null,
      lastTransitionTime: rfc3339(handle.now()),
      reason: POD_REASON_PREEMPTION_BY_SCHEDULER,
      message: `${schedulerName}: preempting to accommodate a higher priority pod`,
    };
    api.patch('pods', ns, name, 'strategic', { status: { conditions: [condition] } }, { subresource: 'status' });
    const deleted = api.delete('pods', ns, name, { preconditions: { uid: victim.uid } });
    if (!deleted.ok && deleted.status.code !== 404) continue;
    handle.event(victim.pod, 'Normal', 'Preempted', `Preempted by pod ${preemptor.uid} on node ${nodeName}`);
  }
  for (const nominated of handle.nominatedPodsForNode(nodeName)) {
    if (nominated.priority >= preemptor.priority || nominated.uid === preemptor.uid) continue;
    api.patch('pods', nominated.namespace, nominated.pod.metadata.name ?? '', 'merge', { status: { nominatedNodeName: null } }, { subresource: 'status' });
  }
}
