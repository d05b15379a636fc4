/**
 * ScheduleOne (pkg/scheduler/schedule_one.go), split as upstream into the scheduling cycle —
 * choose a node, or run PostFilter (preemption) and report why none fits; on success *assume* the
 * pod on the node and reserve — and the binding cycle, which the scheduler runs later (in its
 * `binding` state): PreBind, Bind, the `Scheduled` event; on failure forget the assumption and
 * retry after back-off.
 */
import type { Random } from '../api/random.js';
import type { SchedulerCache } from './cache.js';
import type { DiagnosisStore } from './diagnosis.js';
import { handleSchedulingFailure, type FailureContext } from './failure-handler.js';
import { CycleState } from './framework/cycle-state.js';
import { EVENT_ASSIGNED_POD_DELETE } from './framework/events.js';
import { fitErrorMessage } from './framework/fit-error.js';
import type { Framework } from './framework/framework.js';
import { Status } from './framework/status.js';
import { podInfoFor, type PodInfo } from './pod-info.js';
import type { PodScheduler, ScheduleResult } from './schedule-pod.js';
import type { QueuedPodInfo } from './scheduling-queue.js';

/** Everything a cycle touches. */
export interface CycleContext extends FailureContext {
  readonly framework: Framework;
  readonly cache: SchedulerCache;
  readonly podScheduler: PodScheduler;
  readonly diagnoses: DiagnosisStore;
  readonly random: Random;
}

/** A pod assumed on a node whose binding has not been written yet. */
export interface PendingBinding {
  readonly info: QueuedPodInfo;
  readonly assumed: PodInfo;
  readonly nodeName: string;
  readonly cycle: CycleState;
  readonly result: ScheduleResult;
}

/** schedulingCycle for one popped pod: a pending binding on success, undefined when it failed. */
export function schedulingCycle(ctx: CycleContext, info: QueuedPodInfo): PendingBinding | undefined {
  const pod = podInfoFor(info.pod);
  const now = ctx.clock.now();
  if (pod.pod.metadata.deletionTimestamp !== undefined) return undefined;
  const cycle = new CycleState();
  const outcome = ctx.podScheduler.schedulePod(cycle, pod);
  if (outcome.kind === 'error') {
    const message = outcome.status.message();
    ctx.diagnoses.record({ pod: pod.key, attempt: info.attempts, time: now, result: outcome.status.isRejected() ? 'Unschedulable' : 'SchedulerError', message, numAllNodes: ctx.cache.numNodes });
    handleSchedulingFailure(ctx, info, outcome.status, message, '');
    return undefined;
  }
  if (outcome.kind === 'fitError') {
    const { diagnosis, numAllNodes } = outcome;
    const post = ctx.framework.runPostFilterPlugins(cycle, pod, diagnosis);
    diagnosis.postFilterMsg = post.status?.message() ?? '';
    info.unschedulablePlugins = new Set(diagnosis.unschedulablePlugins);
    info.pendingPlugins = new Set(diagnosis.pendingPlugins);
    const message = fitErrorMessage(numAllNodes, diagnosis);
    const nominated = post.result?.nominatedNodeName;
    ctx.diagnoses.record({ pod: pod.key, attempt: info.attempts, time: now, result: 'Unschedulable', message, numAllNodes, diagnosis, ...(nominated ? { nominatedNode: nominated } : {}) });
    handleSchedulingFailure(ctx, info, new Status('Unschedulable'), message, nominated);
    return undefined;
  }
  const { result } = outcome;
  const assumed = pod;
  ctx.cache.assumePod(assumed, result.suggestedHost);
  ctx.queue.nominator.delete(assumed.uid);
  const reserved = ctx.framework.runReservePlugins(cycle, assumed, result.suggestedHost);
  if (reserved !== undefined) {
    ctx.framework.runUnreservePlugins(cycle, assumed, result.suggestedHost);
    ctx.cache.forgetPod(assumed.uid);
    const message = reserved.message();
    ctx.diagnoses.record({ pod: pod.key, attempt: info.attempts, time: now, result: 'SchedulerError', message, numAllNodes: ctx.cache.numNodes });
    handleSchedulingFailure(ctx, info, reserved, message, '');
    return undefined;
  }
  ctx.diagnoses.record({
    pod: pod.key,
    attempt: info.attempts,
    time: now,
    result: 'Scheduled',
    message: `Successfully assigned ${pod.key} to ${result.suggestedHost}`,
    numAllNodes: ctx.cache.numNodes,
    diagnosis: outcome.diagnosis,
    ...(result.scores ? { scores: result.scores } : {}),
    selectedNode: result.suggestedHost,
  });
  return { info, assumed, nodeName: result.suggestedHost, cycle, result };
}

/** bindingCycle: PreBind and Bind; `Scheduled` on success, forget and back off on failure. */
export function bindingCycle(ctx: CycleContext, binding: PendingBinding): void {
  const { assumed, nodeName, cycle, info } = binding;
  let status = ctx.framework.runPreBindPlugins(cycle, assumed, nodeName);
  if (status === undefined) status = ctx.framework.runBindPlugins(cycle, assumed, nodeName);
  ctx.cache.finishBinding(assumed.uid);
  if (status === undefined) {
    ctx.recorder.event(assumed.pod, 'Normal', 'Scheduled', `Successfully assigned ${assumed.key} to ${nodeName}`);
    return;
  }
  ctx.framework.runUnreservePlugins(cycle, assumed, nodeName);
  ctx.cache.forgetPod(assumed.uid);
  ctx.queue.moveAllToActiveOrBackoffQueue(EVENT_ASSIGNED_POD_DELETE, assumed.pod, undefined, (p) => p.metadata.uid !== assumed.uid);
  const message = status.message();
  ctx.diagnoses.record({ pod: assumed.key, attempt: info.attempts, time: ctx.clock.now(), result: status.isRejected() ? 'Unschedulable' : 'SchedulerError', message, numAllNodes: ctx.cache.numNodes });
  handleSchedulingFailure(ctx, info, status, message, '');
}
