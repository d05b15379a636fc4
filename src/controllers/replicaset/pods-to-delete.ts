/**
 * Which pods a ReplicaSet deletes when it has too many: controller.ActivePodsWithRanks and the
 * replicaset controller's getPodsToDelete. Pods earlier in their life go first: unassigned before
 * assigned, Pending before Unknown before Running, not ready before ready, lower
 * pod-deletion-cost first, then pods doubled up on a node with related pods, then the most
 * recently ready, then the most restarted, then the newest. With LogarithmicScaleDown (on by
 * default since v1.22, GA in v1.31) ready and creation times are compared on a log2 scale of their
 * age, ties broken by UID, so scale-down picks randomly among pods of about the same age.
 */
import { parseTime } from '../../api/time.js';
import { isPodActive, isPodReady, podCondition } from '../common/pod-conditions.js';
import { podNodeName, type Pod } from './types.js';

/** core.PodDeletionCost: an int32 annotation; lower costs are deleted first. */
export const POD_DELETION_COST_ANNOTATION = 'controller.kubernetes.io/pod-deletion-cost';

const PHASE_ORDINAL: Readonly<Record<string, number>> = { Pending: 0, Unknown: 1, Running: 2 };
const INT32_MIN = -(2 ** 31);
const INT32_MAX = 2 ** 31 - 1;

/**
 * getPodsToDelete: the `diff` pods of `filteredPods` to delete, ranking by colocation with
 * `relatedPods` (the active pods of every ReplicaSet with the same owner). All of them when
 * `diff` covers them all.
 */
export function getPodsToDelete(filteredPods: readonly Pod[], relatedPods: readonly Pod[], diff: number, now: number): Pod[] {
  if (diff >= filteredPods.length) return filteredPods.slice(0, diff);
  const podsOnNode = new Map<string, number>();
  for (const pod of relatedPods) {
    if (!isPodActive(pod)) continue;
    const node = podNodeName(pod);
    podsOnNode.set(node, (podsOnNode.get(node) ?? 0) + 1);
  }
  const ranked = filteredPods.map((pod) => rankedPod(pod, podsOnNode.get(podNodeName(pod)) ?? 0));
  ranked.sort((a, b) => comparePodsForDeletion(a, b, now));
  return ranked.slice(0, diff).map((r) => r.pod);
}

/** A pod with what ActivePodsWithRanks.Less reads of it, worked out once. */
interface RankedPod {
  pod: Pod;
  rank: number;
  assigned: boolean;
  phase: number;
  ready: boolean;
  deletionCost: number;
  readyTime: number | undefined;
  restarts: number;
  sidecarRestarts: number;
  created: number | undefined;
  uid: string;
}

function rankedPod(pod: Pod, rank: number): RankedPod {
  const ready = isPodReady(pod);
  const [restarts, sidecarRestarts] = maxContainerRestarts(pod);
  return {
    pod,
    rank,
    assigned: podNodeName(pod) !== '',
    phase: PHASE_ORDINAL[pod.status?.phase ?? ''] ?? 0,
    ready,
    deletionCost: deletionCost(pod),
    readyTime: ready ? parseTime(podCondition(pod, 'Ready')?.lastTransitionTime) : undefined,
    restarts,
    sidecarRestarts,
    created: parseTime(pod.metadata.creationTimestamp),
    uid: pod.metadata.uid ?? '',
  };
}

/** ActivePodsWithRanks.Less as a comparator: negative when `a` should be deleted before `b`. */
function comparePodsForDeletion(a: RankedPod, b: RankedPod, now: number): number {
  const nodeA = podNodeName(a.pod);
  const nodeB = podNodeName(b.pod);
  if (nodeA !== nodeB && (!a.assigned || !b.assigned)) return a.assigned ? 1 : -1;
  if (a.phase !== b.phase) return a.phase - b.phase;
  if (a.ready !== b.ready) return a.ready ? 1 : -1;
  if (a.deletionCost !== b.deletionCost) return a.deletionCost - b.deletionCost;
  if (a.rank !== b.rank) return b.rank - a.rank;
  if (a.ready && b.ready && a.readyTime !== b.readyTime) {
    const byAge = compareAges(a.readyTime, b.readyTime, a.uid, b.uid, now);
    if (byAge !== 0) return byAge;
  }
  if (a.restarts !== b.restarts) return b.restarts - a.restarts;
  if (a.sidecarRestarts !== b.sidecarRestarts) return b.sidecarRestarts - a.sidecarRestarts;
  if (a.created !== b.created) return compareAges(a.created, b.created, a.uid, b.uid, now);
  return 0;
}

/**
 * The newer (or unset) time first, on the logarithmic scale: equal log2 ages of two set times
 * are ordered by UID.
 */
function compareAges(t1: number | undefined, t2: number | undefined, uid1: string, uid2: string, now: number): number {
  if (t1 === undefined || t2 === undefined) return afterOrZero(t1, t2) ? -1 : 1;
  const rankDiff = logarithmicRank(t1, now) - logarithmicRank(t2, now);
  if (rankDiff === 0) return uid1 < uid2 ? -1 : uid1 > uid2 ? 1 : 0;
  return rankDiff;
}

/** afterOrZero: true if t1 is unset, or both are set and t1 is later. */
function afterOrZero(t1: number | undefined, t2: number | undefined): boolean {
  if (t1 === undefined || t2 === undefined) return t1 === undefined;
  return t1 > t2;
}

/** int64(log2(age in nanoseconds)), or -1 for an age that is not positive. */
function logarithmicRank(t: number, now: number): number {
  const ageNs = (now - t) * 1e6;
  return ageNs > 0 ? Math.trunc(Math.log2(ageNs)) : -1;
}

/** GetDeletionCostFromPodAnnotations: the annotation as an int32, 0 when absent or invalid. */
function deletionCost(pod: Pod): number {
  const value = pod.metadata.annotations?.[POD_DELETION_COST_ANNOTATION];
  if (value === undefined || !/^[+-]?\d+$/.test(value)) return 0;
  const cost = Number(value);
  return cost < INT32_MIN || cost > INT32_MAX ? 0 : cost;
}

/** maxContainerRestarts: the most restarts of a regular container, and of a sidecar (restartable init) container. */
function maxContainerRestarts(pod: Pod): [number, number] {
  let regular = 0;
  for (const c of pod.status?.containerStatuses ?? []) regular = Math.max(regular, c.restartCount ?? 0);
  const sidecars = new Set((pod.spec?.initContainers ?? []).filter((c) => c.restartPolicy === 'Always').map((c) => c.name));
  let sidecar = 0;
  for (const c of pod.status?.initContainerStatuses ?? []) if (sidecars.has(c.name)) sidecar = Math.max(sidecar, c.restartCount ?? 0);
  return [regular, sidecar];
}
