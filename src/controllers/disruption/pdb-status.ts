/**
 * A PodDisruptionBudget's status as the disruption controller computes it (disruption.go
 * countHealthyPods, buildDisruptedPodMap, updatePdbStatus, and pdb helpers'
 * UpdateDisruptionAllowedCondition / ConditionsAreUpToDate). Pure.
 */
import type { KubeObject } from '../../api/types.js';
import { jsonEqual } from '../../api/equal.js';
import { parseTime, rfc3339 } from '../../api/time.js';
import { isPodReady } from '../common/pod-conditions.js';

/** DeletionTimeout: how long a pod the eviction API approved may take to get its deletionTimestamp. */
export const DELETION_TIMEOUT_MS = 2 * 60_000;

/** metav1.Condition. */
export interface Condition {
  type: string;
  status: string;
  observedGeneration?: number;
  lastTransitionTime: string;
  reason: string;
  message: string;
}

/** policy/v1 PodDisruptionBudgetStatus. */
export interface PdbStatus {
  observedGeneration?: number;
  disruptedPods?: Record<string, string>;
  disruptionsAllowed: number;
  currentHealthy: number;
  desiredHealthy: number;
  expectedPods: number;
  conditions?: Condition[];
}

/** A PodDisruptionBudget. */
export interface PodDisruptionBudget extends KubeObject {
  spec?: { minAvailable?: number | string; maxUnavailable?: number | string; selector?: { matchLabels?: Record<string, string> } | null };
  status?: Partial<PdbStatus>;
}

/** policy.DisruptionAllowedCondition. */
export const DISRUPTION_ALLOWED = 'DisruptionAllowed';

/** apimeta.SetStatusCondition: a new list with `wanted` set; the transition time moves only with the status. */
export function setStatusCondition(conditions: readonly Condition[], wanted: Omit<Condition, 'lastTransitionTime'>, now: number): Condition[] {
  const out = conditions.map((c) => ({ ...c }));
  const existing = out.find((c) => c.type === wanted.type);
  if (existing === undefined) {
    out.push(orderedCondition({ ...wanted, lastTransitionTime: rfc3339(now) }));
    return out;
  }
  if (existing.status !== wanted.status) existing.lastTransitionTime = rfc3339(now);
  existing.status = wanted.status;
  existing.reason = wanted.reason;
  existing.message = wanted.message;
  if (wanted.observedGeneration === undefined) delete existing.observedGeneration;
  else existing.observedGeneration = wanted.observedGeneration;
  return out.map(orderedCondition);
}

/** The fields in metav1.Condition's JSON order. */
function orderedCondition(c: Condition): Condition {
  const out: Condition = { type: c.type, status: c.status, lastTransitionTime: c.lastTransitionTime, reason: c.reason, message: c.message };
  return c.observedGeneration === undefined ? out : { type: c.type, status: c.status, observedGeneration: c.observedGeneration, lastTransitionTime: c.lastTransitionTime, reason: c.reason, message: c.message };
}

/** buildDisruptedPodMap: the pods still expected to be deleted, and when to look again. Pods overdue get a NotDeleted event. */
export function buildDisruptedPodMap(
  pods: readonly KubeObject[],
  pdb: Readonly<PodDisruptionBudget>,
  now: number,
  notDeleted: (pod: KubeObject) => void,
): { disruptedPods: Record<string, string>; recheckAt: number | undefined } {
  const recorded = pdb.status?.disruptedPods;
  const disruptedPods: Record<string, string> = {};
  let recheckAt: number | undefined;
  if (recorded === undefined) return { disruptedPods, recheckAt };
  for (const pod of pods) {
    if (pod.metadata.deletionTimestamp != null) continue;
    const time = recorded[pod.metadata.name ?? ''];
    const at = parseTime(time);
    if (time === undefined || at === undefined) continue;
    const expectedDeletion = at + DELETION_TIMEOUT_MS;
    if (expectedDeletion < now) {
      notDeleted(pod);
    } else {
      if (recheckAt === undefined || expectedDeletion < recheckAt) recheckAt = expectedDeletion;
      disruptedPods[pod.metadata.name ?? ''] = time;
    }
  }
  return { disruptedPods, recheckAt };
}

/** countHealthyPods: Ready pods not being deleted and not about to be. */
export function countHealthyPods(pods: readonly KubeObject[], disruptedPods: Readonly<Record<string, string>>, now: number): number {
  let healthy = 0;
  for (const pod of pods) {
    if (pod.metadata.deletionTimestamp != null) continue;
    const disruptedAt = parseTime(disruptedPods[pod.metadata.name ?? '']);
    if (disruptedAt !== undefined && disruptedAt + DELETION_TIMEOUT_MS > now) continue;
    if (isPodReady(pod)) healthy++;
  }
  return healthy;
}

/** ConditionsAreUpToDate. */
function conditionsAreUpToDate(pdb: Readonly<PodDisruptionBudget>): boolean {
  const cond = pdb.status?.conditions?.find((c) => c.type === DISRUPTION_ALLOWED);
  if (cond === undefined || pdb.status?.observedGeneration !== pdb.metadata.generation) return false;
  if ((pdb.status?.disruptionsAllowed ?? 0) > 0) return cond.status === 'True' && cond.reason === 'SufficientPods';
  return cond.status === 'False' && cond.reason === 'InsufficientPods';
}

/** updatePdbStatus: the status to write, or undefined when the stored one is already right. */
export function desiredPdbStatus(
  pdb: Readonly<PodDisruptionBudget>,
  counts: { currentHealthy: number; desiredHealthy: number; expectedPods: number },
  disruptedPods: Readonly<Record<string, string>>,
  now: number,
): PdbStatus | undefined {
  let disruptionsAllowed = counts.currentHealthy - counts.desiredHealthy;
  if (counts.expectedPods <= 0 || disruptionsAllowed <= 0) disruptionsAllowed = 0;
  const s = pdb.status ?? {};
  if (
    s.currentHealthy === counts.currentHealthy &&
    s.desiredHealthy === counts.desiredHealthy &&
    s.expectedPods === counts.expectedPods &&
    s.disruptionsAllowed === disruptionsAllowed &&
    jsonEqual(s.disruptedPods ?? {}, disruptedPods) &&
    s.observedGeneration === pdb.metadata.generation &&
    conditionsAreUpToDate(pdb)
  ) {
    return undefined;
  }
  // In the field order of the Go type (omitempty fields left out when empty).
  const status: PdbStatus = {
    ...(pdb.metadata.generation ? { observedGeneration: pdb.metadata.generation } : {}),
    ...(Object.keys(disruptedPods).length > 0 ? { disruptedPods: { ...disruptedPods } } : {}),
    disruptionsAllowed,
    currentHealthy: counts.currentHealthy,
    desiredHealthy: counts.desiredHealthy,
    expectedPods: counts.expectedPods,
  };
  const sufficient = disruptionsAllowed > 0;
  status.conditions = setStatusCondition(
    s.conditions ?? [],
    {
      type: DISRUPTION_ALLOWED,
      status: sufficient ? 'True' : 'False',
      ...(status.observedGeneration === undefined ? {} : { observedGeneration: status.observedGeneration }),
      reason: sufficient ? 'SufficientPods' : 'InsufficientPods',
      message: '',
    },
    now,
  );
  return status;
}

/** failSafe: no disruption allowed, with the error in a SyncFailed condition. */
export function failSafeStatus(pdb: Readonly<PodDisruptionBudget>, message: string, now: number): Partial<PdbStatus> {
  const s = pdb.status ?? {};
  const observedGeneration = s.observedGeneration;
  return {
    ...s,
    disruptionsAllowed: 0,
    conditions: setStatusCondition(
      s.conditions ?? [],
      { type: DISRUPTION_ALLOWED, status: 'False', ...(observedGeneration === undefined ? {} : { observedGeneration }), reason: 'SyncFailed', message },
      now,
    ),
  };
}
