/**
 * updateDaemonSetStatus: the counts `kubectl get ds` shows (DESIRED, CURRENT, READY, UP-TO-DATE,
 * AVAILABLE), computed from the nodes and the oldest daemon pod on each, and written only when
 * they changed.
 */
import type { KubeObject } from '../../api/types.js';
import { isPodAvailable, isPodReady } from '../common/pod-conditions.js';
import { compareByCreationTimestampAndPhase, isPodUpdated } from './daemon-pods.js';
import { nodeShouldRunDaemonPod, type DaemonPlacement } from './node-should-run.js';
import type { DaemonPod, DaemonSet, DaemonSetStatus } from './types.js';

/** The counters of a DaemonSet's status. */
export interface DaemonSetCounts {
  desiredNumberScheduled: number;
  currentNumberScheduled: number;
  numberMisscheduled: number;
  numberReady: number;
  updatedNumberScheduled: number;
  numberAvailable: number;
  numberUnavailable: number;
}

/** Counts the DaemonSet's pods over `nodes`. */
export function computeDaemonSetCounts(
  ds: Readonly<DaemonSet>,
  nodes: readonly KubeObject[],
  nodeToDaemonPods: ReadonlyMap<string, readonly DaemonPod[]>,
  placement: DaemonPlacement,
  hash: string,
  generation: number | undefined,
  now: number,
): DaemonSetCounts {
  const counts: DaemonSetCounts = {
    desiredNumberScheduled: 0,
    currentNumberScheduled: 0,
    numberMisscheduled: 0,
    numberReady: 0,
    updatedNumberScheduled: 0,
    numberAvailable: 0,
    numberUnavailable: 0,
  };
  for (const node of nodes) {
    const { shouldRun } = nodeShouldRunDaemonPod(node, placement);
    const pods = nodeToDaemonPods.get(node.metadata.name ?? '') ?? [];
    const scheduled = pods.length > 0;
    if (!shouldRun) {
      if (scheduled) counts.numberMisscheduled++;
      continue;
    }
    counts.desiredNumberScheduled++;
    if (!scheduled) continue;
    counts.currentNumberScheduled++;
    const pod = [...pods].sort(compareByCreationTimestampAndPhase)[0]!;
    if (isPodReady(pod)) {
      counts.numberReady++;
      if (isPodAvailable(pod, ds.spec?.minReadySeconds ?? 0, now)) counts.numberAvailable++;
    }
    if (isPodUpdated(pod, hash, generation)) counts.updatedNumberScheduled++;
  }
  counts.numberUnavailable = counts.desiredNumberScheduled - counts.numberAvailable;
  return counts;
}

/** storeDaemonSetStatus's check: nothing to write when the counters match and the generation was observed. */
export function daemonSetStatusUpToDate(ds: Readonly<DaemonSet>, counts: DaemonSetCounts): boolean {
  const s = ds.status ?? {};
  return (
    (s.desiredNumberScheduled ?? 0) === counts.desiredNumberScheduled &&
    (s.currentNumberScheduled ?? 0) === counts.currentNumberScheduled &&
    (s.numberMisscheduled ?? 0) === counts.numberMisscheduled &&
    (s.numberReady ?? 0) === counts.numberReady &&
    (s.updatedNumberScheduled ?? 0) === counts.updatedNumberScheduled &&
    (s.numberAvailable ?? 0) === counts.numberAvailable &&
    (s.numberUnavailable ?? 0) === counts.numberUnavailable &&
    (s.observedGeneration ?? 0) >= (ds.metadata.generation ?? 0)
  );
}

/**
 * The status to write: the counters (the optional ones left out when zero, as apps/v1 serialises
 * them) and, when `observeGeneration`, the DaemonSet's generation.
 */
export function daemonSetStatus(ds: Readonly<DaemonSet>, counts: DaemonSetCounts, observeGeneration: boolean): DaemonSetStatus {
  const { observedGeneration, updatedNumberScheduled: _u, numberAvailable: _a, numberUnavailable: _n, ...rest } = ds.status ?? {};
  const status: DaemonSetStatus = {
    ...rest,
    currentNumberScheduled: counts.currentNumberScheduled,
    numberMisscheduled: counts.numberMisscheduled,
    desiredNumberScheduled: counts.desiredNumberScheduled,
    numberReady: counts.numberReady,
  };
  const generation = observeGeneration ? ds.metadata.generation : observedGeneration;
  if (generation) status.observedGeneration = generation;
  if (counts.updatedNumberScheduled) status.updatedNumberScheduled = counts.updatedNumberScheduled;
  if (counts.numberAvailable) status.numberAvailable = counts.numberAvailable;
  if (counts.numberUnavailable) status.numberUnavailable = counts.numberUnavailable;
  return status;
}
