/**
 * A Deployment's status, worked out from its ReplicaSets (sync.go calculateStatus), and the
 * judgements progress.go makes of it: complete, progressing, timed out.
 */
import { jsonEqual } from '../../api/equal.js';
import { cachedParseTime } from '../common/cached-parsing.js';
import type { ReplicaSet } from '../replicaset/types.js';
import { getDeploymentCondition, newDeploymentCondition, setDeploymentCondition } from './conditions.js';
import { AVAILABLE, MINIMUM_REPLICAS_AVAILABLE, MINIMUM_REPLICAS_UNAVAILABLE, NEW_RS_AVAILABLE_REASON, PROGRESSING, TIMED_OUT_REASON } from './constants.js';
import { maxUnavailable } from './fenceposts.js';
import { actualReplicaCount, availableReplicaCount, readyReplicaCount, replicaCount } from './replica-sets.js';
import { deploymentReplicas, hasProgressDeadline, statusOf, type Deployment, type DeploymentStatus } from './types.js';

/**
 * calculateStatus: counts over all ReplicaSets (updatedReplicas from the new one), the
 * Deployment's conditions with Available set from whether replicas − maxUnavailable pods are
 * available, and the collision count carried over.
 */
export function calculateStatus(allRSs: readonly (ReplicaSet | undefined)[], newRS: ReplicaSet | undefined, d: Readonly<Deployment>, now: number): DeploymentStatus {
  const availableReplicas = availableReplicaCount(allRSs);
  const status: DeploymentStatus = {
    observedGeneration: d.metadata.generation ?? 0,
    replicas: actualReplicaCount(allRSs),
    updatedReplicas: actualReplicaCount([newRS]),
    readyReplicas: readyReplicaCount(allRSs),
    availableReplicas,
    unavailableReplicas: Math.max(0, replicaCount(allRSs) - availableReplicas),
    conditions: [...(d.status?.conditions ?? [])],
  };
  if (d.status?.collisionCount !== undefined) status.collisionCount = d.status.collisionCount;
  if (availableReplicas >= deploymentReplicas(d) - maxUnavailable(d)) {
    setDeploymentCondition(status, newDeploymentCondition(AVAILABLE, 'True', MINIMUM_REPLICAS_AVAILABLE, 'Deployment has minimum availability.', now));
  } else {
    setDeploymentCondition(status, newDeploymentCondition(AVAILABLE, 'False', MINIMUM_REPLICAS_UNAVAILABLE, 'Deployment does not have minimum availability.', now));
  }
  return status;
}

/** The status as JSON writes it: zero counts and an empty condition list omitted (omitempty). */
export function compactStatus(status: Readonly<DeploymentStatus> | undefined): DeploymentStatus {
  const s = status ?? {};
  const out: DeploymentStatus = {};
  if (s.observedGeneration) out.observedGeneration = s.observedGeneration;
  if (s.replicas) out.replicas = s.replicas;
  if (s.updatedReplicas) out.updatedReplicas = s.updatedReplicas;
  if (s.readyReplicas) out.readyReplicas = s.readyReplicas;
  if (s.availableReplicas) out.availableReplicas = s.availableReplicas;
  if (s.unavailableReplicas) out.unavailableReplicas = s.unavailableReplicas;
  if (s.conditions !== undefined && s.conditions.length > 0) out.conditions = s.conditions;
  if (s.collisionCount !== undefined) out.collisionCount = s.collisionCount;
  return out;
}

/** reflect.DeepEqual of two statuses, absent and zero being the same. */
export function statusEqual(a: Readonly<DeploymentStatus> | undefined, b: Readonly<DeploymentStatus> | undefined): boolean {
  return jsonEqual(compactStatus(a), compactStatus(b));
}

/** DeploymentComplete: every desired replica is updated and available, no old one runs, and the latest generation is observed. */
export function deploymentComplete(d: Readonly<Deployment>, newStatus: Readonly<DeploymentStatus>): boolean {
  const replicas = deploymentReplicas(d);
  return (
    (newStatus.updatedReplicas ?? 0) === replicas &&
    (newStatus.replicas ?? 0) === replicas &&
    (newStatus.availableReplicas ?? 0) === replicas &&
    (newStatus.observedGeneration ?? 0) >= (d.metadata.generation ?? 0)
  );
}

/** DeploymentProgressing: more pods updated, ready or available, or fewer old pods, than the stored status says. */
export function deploymentProgressing(d: Readonly<Deployment>, newStatus: Readonly<DeploymentStatus>): boolean {
  const old = statusOf(d);
  const oldStatusOldReplicas = old.replicas - old.updatedReplicas;
  const newStatusOldReplicas = (newStatus.replicas ?? 0) - (newStatus.updatedReplicas ?? 0);
  return (
    (newStatus.updatedReplicas ?? 0) > old.updatedReplicas ||
    newStatusOldReplicas < oldStatusOldReplicas ||
    (newStatus.readyReplicas ?? 0) > old.readyReplicas ||
    (newStatus.availableReplicas ?? 0) > old.availableReplicas
  );
}

/**
 * DeploymentTimedOut: no progress was reported for progressDeadlineSeconds (a finished rollout
 * never times out; one that timed out stays timed out).
 */
export function deploymentTimedOut(d: Readonly<Deployment>, newStatus: Readonly<DeploymentStatus>, now: number): boolean {
  if (!hasProgressDeadline(d)) return false;
  const condition = getDeploymentCondition(newStatus, PROGRESSING);
  if (condition === undefined || condition.reason === NEW_RS_AVAILABLE_REASON) return false;
  if (condition.reason === TIMED_OUT_REASON) return true;
  const from = cachedParseTime(condition.lastUpdateTime) ?? 0;
  return from + (d.spec?.progressDeadlineSeconds ?? 0) * 1000 < now;
}
