/**
 * DaemonSetsController.rollingUpdate, as a plan. Without surge, old pods are deleted so that no
 * more than maxUnavailable nodes lack an available pod (manage then creates the new pods). With
 * surge, new pods are created next to old ones on up to maxSurge nodes, and an old pod is deleted
 * once the new pod on its node is available.
 */
import type { KubeObject } from '../../api/types.js';
import { scaledValueFromIntOrPercent } from '../common/int-or-percent.js';
import { isPodAvailable } from '../common/pod-conditions.js';
import { isPodUpdated } from './daemon-pods.js';
import { nodeShouldRunDaemonPod, type DaemonPlacement } from './node-should-run.js';
import type { DaemonPod, DaemonSet } from './types.js';

/** What a rolling update step decided. */
export interface RollingUpdatePlan {
  podsToDelete: string[];
  nodesToCreate: string[];
}

/** The state a rolling update step reads. */
export interface RollingUpdateInput {
  ds: Readonly<DaemonSet>;
  nodes: readonly KubeObject[];
  nodeToDaemonPods: ReadonlyMap<string, readonly DaemonPod[]>;
  hash: string;
  generation: number | undefined;
  placement: DaemonPlacement;
  now: number;
}

/** util.SurgeCount: maxSurge scaled against `total` (0 unless RollingUpdate). */
export function surgeCount(ds: Readonly<DaemonSet>, total: number): number {
  const strategy = ds.spec?.updateStrategy;
  if (strategy?.type !== 'RollingUpdate' || strategy.rollingUpdate?.maxSurge == null) return 0;
  return scaledValueFromIntOrPercent(strategy.rollingUpdate.maxSurge, total, true) ?? 0;
}

/** util.AllowsSurge: more than one pod per node may run during an update. */
export function allowsSurge(ds: Readonly<DaemonSet>): boolean {
  return surgeCount(ds, 1) > 0;
}

function unavailableCount(ds: Readonly<DaemonSet>, total: number): number {
  const strategy = ds.spec?.updateStrategy;
  if (strategy?.type !== 'RollingUpdate') return 0;
  return scaledValueFromIntOrPercent(strategy.rollingUpdate?.maxUnavailable, total, true) ?? 0;
}

/** findUpdatedPodsOnNode: the one new and one old live pod on a node; `ok` false when there are more. */
function findUpdatedPodsOnNode(pods: readonly DaemonPod[], hash: string, generation: number | undefined) {
  let newPod: DaemonPod | undefined;
  let oldPod: DaemonPod | undefined;
  for (const pod of pods) {
    if (pod.metadata.deletionTimestamp != null) continue;
    if (isPodUpdated(pod, hash, generation)) {
      if (newPod !== undefined) return { ok: false as const };
      newPod = pod;
    } else {
      if (oldPod !== undefined) return { ok: false as const };
      oldPod = pod;
    }
  }
  return { ok: true as const, newPod, oldPod };
}

/** rollingUpdate: the pods to delete and the nodes to surge onto in this step. */
export function planRollingUpdate(input: RollingUpdateInput): RollingUpdatePlan {
  const { ds, hash, generation, now } = input;
  const minReady = ds.spec?.minReadySeconds ?? 0;
  const available = (pod: DaemonPod): boolean => isPodAvailable(pod, minReady, now);
  const shouldRun = new Map<string, boolean>();
  // updatedDesiredNodeCounts: every node that wants a pod takes part, with or without one.
  const entries: [string, readonly DaemonPod[]][] = [];
  let desired = 0;
  for (const node of input.nodes) {
    const name = node.metadata.name ?? '';
    const run = nodeShouldRunDaemonPod(node, input.placement).shouldRun;
    shouldRun.set(name, run);
    if (run) desired++;
    const pods = input.nodeToDaemonPods.get(name);
    if (pods !== undefined || run) entries.push([name, pods ?? []]);
  }
  for (const [name, pods] of input.nodeToDaemonPods) if (!shouldRun.has(name)) entries.push([name, pods]);
  let maxUnavailable = unavailableCount(ds, desired);
  const maxSurge = surgeCount(ds, desired);
  if (desired > 0 && maxUnavailable === 0 && maxSurge === 0) maxUnavailable = 1;

  if (maxSurge === 0) {
    let numUnavailable = 0;
    const allowedReplacementPods: string[] = [];
    const candidatePodsToDelete: string[] = [];
    for (const [, pods] of entries) {
      const found = findUpdatedPodsOnNode(pods, hash, generation);
      if (!found.ok) {
        numUnavailable++;
        continue;
      }
      const { newPod, oldPod } = found;
      if ((oldPod === undefined) === (newPod === undefined)) {
        numUnavailable++;
      } else if (newPod !== undefined) {
        if (!available(newPod)) numUnavailable++;
      } else if (!available(oldPod!)) {
        allowedReplacementPods.push(oldPod!.metadata.name ?? '');
        numUnavailable++;
      } else if (numUnavailable < maxUnavailable) {
        candidatePodsToDelete.push(oldPod!.metadata.name ?? '');
      }
    }
    const remaining = Math.min(Math.max(maxUnavailable - numUnavailable, 0), candidatePodsToDelete.length);
    return { podsToDelete: [...allowedReplacementPods, ...candidatePodsToDelete.slice(0, remaining)], nodesToCreate: [] };
  }

  const oldPodsToDelete: string[] = [];
  const shouldNotRunPodsToDelete: string[] = [];
  const candidateNewNodes: string[] = [];
  const allowedNewNodes: string[] = [];
  let numSurge = 0;
  let numAvailable = 0;
  for (const [nodeName, pods] of entries) {
    const found = findUpdatedPodsOnNode(pods, hash, generation);
    if (!found.ok) {
      numSurge++;
      continue;
    }
    const { newPod, oldPod } = found;
    if (oldPod !== undefined) {
      if (available(oldPod)) numAvailable++;
    } else if (newPod !== undefined && available(newPod)) numAvailable++;

    if (oldPod === undefined) continue;
    if (newPod === undefined) {
      const run = shouldRun.get(nodeName) === true;
      if (!available(oldPod)) {
        if (!run) oldPodsToDelete.push(oldPod.metadata.name ?? '');
        else allowedNewNodes.push(nodeName);
      } else if (!run) {
        shouldNotRunPodsToDelete.push(oldPod.metadata.name ?? '');
      } else if (numSurge < maxSurge) {
        candidateNewNodes.push(nodeName);
      }
      continue;
    }
    if (!available(newPod)) {
      numSurge++;
      continue;
    }
    oldPodsToDelete.push(oldPod.metadata.name ?? '');
  }
  const deletable = Math.min(numAvailable - desired, shouldNotRunPodsToDelete.length);
  if (deletable > 0) oldPodsToDelete.push(...shouldNotRunPodsToDelete.slice(0, deletable));
  const remainingSurge = Math.min(Math.max(maxSurge - numSurge, 0), candidateNewNodes.length);
  return { podsToDelete: oldPodsToDelete, nodesToCreate: [...allowedNewNodes, ...candidateNewNodes.slice(0, remainingSurge)] };
}
