/**
 * DaemonSetsController.manage, as a plan: for every node, which daemon pods to create and which to
 * delete (podsShouldBeOnNode), plus the unscheduled pods whose node is gone. Failed pods are
 * killed behind a per-node back-off; succeeded pods are deleted; extra pods on a node are pruned
 * (with surge, one old and one new pod may coexist until the new one is available).
 */
import type { KubeObject } from '../../api/types.js';
import { isPodAvailable, isPodReady } from '../common/pod-conditions.js';
import { CONTROLLER_REVISION_HASH_LABEL } from '../common/controller-history.js';
import { compareByCreationTimestampAndPhase } from './daemon-pods.js';
import { failedPodsBackoffKey, type FailedPodsBackoff } from './failed-pods-backoff.js';
import { nodeShouldRunDaemonPod, type DaemonPlacement } from './node-should-run.js';
import type { DaemonPod, DaemonSet } from './types.js';

/** An event the plan asks to record on the DaemonSet. */
export interface PlannedEvent {
  type: 'Normal' | 'Warning';
  reason: string;
  message: string;
}

/** What manage decided. */
export interface ManagePlan {
  nodesNeedingDaemonPods: string[];
  podsToDelete: string[];
  events: PlannedEvent[];
  /** Sync again after this delay (a failed pod still in back-off). */
  requeueAfterMs?: number;
}

/** The state manage reads. */
export interface ManageInput {
  ds: Readonly<DaemonSet>;
  nodes: readonly KubeObject[];
  nodeToDaemonPods: ReadonlyMap<string, readonly DaemonPod[]>;
  hash: string;
  placement: DaemonPlacement;
  allowsSurge: boolean;
  now: number;
  /** The failed-pod back-off; `next` is called for each failed pod the plan deletes. */
  backoff: FailedPodsBackoff;
}

/** FailedDaemonPodReason. */
export const FAILED_DAEMON_POD_REASON = 'FailedDaemonPod';
/** SucceededDaemonPodReason. */
export const SUCCEEDED_DAEMON_POD_REASON = 'SucceededDaemonPod';

function podsShouldBeOnNode(input: ManageInput, node: Readonly<KubeObject>, plan: ManagePlan): void {
  const { ds, hash } = input;
  const nodeName = node.metadata.name ?? '';
  const { shouldRun, shouldContinueRunning } = nodeShouldRunDaemonPod(node, input.placement);
  const daemonPods = input.nodeToDaemonPods.get(nodeName);
  const exists = daemonPods !== undefined && daemonPods.length > 0;

  if (shouldRun && !exists) {
    plan.nodesNeedingDaemonPods.push(nodeName);
    return;
  }
  if (shouldContinueRunning) {
    const running: DaemonPod[] = [];
    for (const pod of daemonPods ?? []) {
      if (pod.metadata.deletionTimestamp != null) continue;
      const phase = pod.status?.phase;
      const where = `${pod.metadata.namespace ?? ''}/${pod.metadata.name ?? ''} on node ${nodeName}`;
      if (phase === 'Failed') {
        const key = failedPodsBackoffKey(ds.metadata.uid ?? '', ds.status?.observedGeneration ?? 0, nodeName);
        if (input.backoff.isInBackOffSinceUpdate(key, input.now)) {
          const delay = input.backoff.get(key);
          plan.requeueAfterMs = plan.requeueAfterMs === undefined ? delay : Math.min(plan.requeueAfterMs, delay);
          continue;
        }
        input.backoff.next(key, input.now);
        plan.events.push({ type: 'Warning', reason: FAILED_DAEMON_POD_REASON, message: `Found failed daemon pod ${where}, will try to kill it` });
        plan.podsToDelete.push(pod.metadata.name ?? '');
      } else if (phase === 'Succeeded') {
        plan.events.push({ type: 'Normal', reason: SUCCEEDED_DAEMON_POD_REASON, message: `Found succeeded daemon pod ${where}, will try to delete it` });
        plan.podsToDelete.push(pod.metadata.name ?? '');
      } else {
        running.push(pod);
      }
    }
    if (!input.allowsSurge) {
      if (running.length <= 1) return;
      running.sort(compareByCreationTimestampAndPhase);
      for (const extra of running.slice(1)) plan.podsToDelete.push(extra.metadata.name ?? '');
      return;
    }
    if (running.length <= 1) {
      if (running.length === 0 && shouldRun) plan.nodesNeedingDaemonPods.push(nodeName);
      return;
    }
    running.sort(compareByCreationTimestampAndPhase);
    let oldestNew: DaemonPod | undefined;
    let oldestOld: DaemonPod | undefined;
    for (const pod of running) {
      const isNew = pod.metadata.labels?.[CONTROLLER_REVISION_HASH_LABEL] === hash;
      if (isNew && oldestNew === undefined) oldestNew = pod;
      else if (!isNew && oldestOld === undefined) oldestOld = pod;
      else plan.podsToDelete.push(pod.metadata.name ?? '');
    }
    if (oldestNew !== undefined && oldestOld !== undefined) {
      if (!isPodReady(oldestOld) || isPodAvailable(oldestNew, ds.spec?.minReadySeconds ?? 0, input.now)) {
        plan.podsToDelete.push(oldestOld.metadata.name ?? '');
      }
    }
    return;
  }
  if (exists) {
    for (const pod of daemonPods) if (pod.metadata.deletionTimestamp == null) plan.podsToDelete.push(pod.metadata.name ?? '');
  }
}

/** manage: the creates and deletes that bring every node to its one daemon pod. */
export function planManage(input: ManageInput): ManagePlan {
  const plan: ManagePlan = { nodesNeedingDaemonPods: [], podsToDelete: [], events: [] };
  const nodeNames = new Set<string>();
  for (const node of input.nodes) {
    nodeNames.add(node.metadata.name ?? '');
    podsShouldBeOnNode(input, node, plan);
  }
  // getUnscheduledPodsWithoutNode: pending pods pinned to a node that no longer exists.
  for (const [nodeName, pods] of input.nodeToDaemonPods) {
    if (nodeNames.has(nodeName)) continue;
    for (const pod of pods) if (!pod.spec?.nodeName) plan.podsToDelete.push(pod.metadata.name ?? '');
  }
  return plan;
}
