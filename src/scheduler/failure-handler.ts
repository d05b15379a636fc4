/**
 * handleSchedulingFailure and updatePod (pkg/scheduler/schedule_one.go): after a failed attempt
 * the pod goes back to the queue (unless the informer says it is gone or already bound), its
 * nomination is recorded, a `FailedScheduling` Warning event is emitted, and the PodScheduled
 * condition (False, Unschedulable or SchedulerError) is written — only when it changed.
 */
import { rfc3339 } from '../api/time.js';
import type { KubeObject } from '../api/types.js';
import type { ApiClient } from '../apiserver/types.js';
import type { Clock } from '../clock/types.js';
import type { EventRecorder } from '../client/event-recorder.js';
import type { Lister } from '../client/lister.js';
import type { Status } from './framework/status.js';
import type { QueuedPodInfo, SchedulingQueue } from './scheduling-queue.js';
import type { Pod, PodCondition } from './types.js';

/** v1.PodReasonUnschedulable. */
export const POD_REASON_UNSCHEDULABLE = 'Unschedulable';
/** v1.PodReasonSchedulerError. */
export const POD_REASON_SCHEDULER_ERROR = 'SchedulerError';
/** validation.NoteLengthLimit: the longest event message. */
export const NOTE_LENGTH_LIMIT = 1024;

/** What the failure handler needs. */
export interface FailureContext {
  readonly api: ApiClient;
  readonly clock: Clock;
  readonly queue: SchedulingQueue;
  readonly recorder: EventRecorder;
  readonly pods: Lister<KubeObject>;
}

/** truncateMessage: messages longer than 1024 characters end in " ...". */
export function truncateMessage(message: string): string {
  if (message.length <= NOTE_LENGTH_LIMIT) return message;
  return `${message.slice(0, NOTE_LENGTH_LIMIT - 4)} ...`;
}

/**
 * handleSchedulingFailure. `nominatedNodeName`: undefined leaves the nomination as it is; a node
 * name (or '' to clear) overrides it.
 */
export function handleSchedulingFailure(ctx: FailureContext, info: QueuedPodInfo, status: Status, message: string, nominatedNodeName?: string): void {
  const reason = status.isRejected() ? POD_REASON_UNSCHEDULABLE : POD_REASON_SCHEDULER_ERROR;
  const pod = info.pod;
  const cached = ctx.pods.get(pod.metadata.namespace ?? '', pod.metadata.name ?? '') as Pod | undefined;
  if (cached !== undefined && (cached.spec.nodeName ?? '') === '' && cached.metadata.uid === pod.metadata.uid) {
    info.pod = cached;
    ctx.queue.addUnschedulableIfNotPresent(info);
  }
  ctx.queue.addNominatedPod(info.pod, nominatedNodeName);
  ctx.recorder.event(pod, 'Warning', 'FailedScheduling', truncateMessage(message));
  updatePodScheduledCondition(ctx, cached ?? pod, { type: 'PodScheduled', status: 'False', reason, message }, nominatedNodeName);
}

/**
 * updatePod: sets the PodScheduled condition (keeping lastTransitionTime while the status stays
 * the same) and, when asked, `status.nominatedNodeName` — writing only if something changed.
 */
export function updatePodScheduledCondition(ctx: Pick<FailureContext, 'api' | 'clock'>, pod: Pod, condition: { type: string; status: string; reason: string; message: string }, nominatedNodeName?: string): void {
  const conditions = pod.status?.conditions ?? [];
  const index = conditions.findIndex((c) => c.type === condition.type);
  const old = index >= 0 ? conditions[index] : undefined;
  const nominationChanges = nominatedNodeName !== undefined && (pod.status?.nominatedNodeName ?? '') !== nominatedNodeName;
  const conditionChanges = old === undefined || old.status !== condition.status || (old.reason ?? '') !== condition.reason || (old.message ?? '') !== condition.message;
  if (!conditionChanges && !nominationChanges) return;
  const lastTransitionTime = old !== undefined && old.status === condition.status && old.lastTransitionTime ? old.lastTransitionTime : rfc3339(ctx.clock.now());
  const next: PodCondition = { type: condition.type, status: condition.status, lastProbeTime: null, lastTransitionTime, reason: condition.reason, message: condition.message };
  write(ctx.api, pod, (current) => {
    const list = [...(current.status?.conditions ?? [])];
    const i = list.findIndex((c) => c.type === condition.type);
    if (i >= 0) list[i] = next;
    else list.push(next);
    const status: Record<string, unknown> = { ...current.status, conditions: list };
    if (nominatedNodeName !== undefined) {
      if (nominatedNodeName === '') delete status['nominatedNodeName'];
      else status['nominatedNodeName'] = nominatedNodeName;
    }
    return { ...current, status } as Pod;
  });
}

/** A status update from the cached object, re-read once on a conflict. */
function write(api: ApiClient, pod: Pod, change: (current: Pod) => Pod): void {
  const ns = pod.metadata.namespace ?? '';
  const result = api.update('pods', ns, change(pod), { subresource: 'status' });
  if (result.ok || result.status.code !== 409) return;
  const fresh = api.get('pods', ns, pod.metadata.name ?? '');
  if (fresh.ok && fresh.value.metadata.uid === pod.metadata.uid) api.update('pods', ns, change(fresh.value as Pod), { subresource: 'status' });
}
