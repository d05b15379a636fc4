/**
 * The status a ReplicaSet (or ReplicationController) reports (replica_set_utils.go:
 * calculateStatus, updateReplicaSetStatus's steady-state check): how many of its pods exist, carry
 * every template label, are ready, and are available; the generation it acted on; and a
 * ReplicaFailure condition while creating or deleting pods fails.
 */
import { jsonEqual } from '../../api/equal.js';
import { rfc3339 } from '../../api/time.js';
import { REPLICA_FAILURE, specReplicas, type ReplicaSet, type ReplicaSetCondition, type ReplicaSetStatus } from './types.js';

/** The result of the last manageReplicas: the message of its first error, if any. */
export type ManageReplicasError = string | undefined;

/** What calculateStatus counts over the ReplicaSet's claimed active pods. */
export interface PodCounts {
  replicas: number;
  /** Pods carrying every label of the template. */
  fullyLabeled: number;
  ready: number;
  /** Ready for at least minReadySeconds. */
  available: number;
}

/**
 * calculateStatus: the new status from the counts of the controller's active pods. The
 * ReplicaFailure condition is added (FailedCreate or FailedDelete, with the error message) when
 * managing replicas failed and there is none yet, and removed once it succeeds.
 * observedGeneration is kept: it is set only when the status is written.
 */
export function calculateStatus(rs: Readonly<ReplicaSet>, counts: PodCounts, manageReplicasErr: ManageReplicasError, now: number): ReplicaSetStatus {
  let conditions = rs.status?.conditions ?? [];
  const failure = conditions.find((c) => c.type === REPLICA_FAILURE);
  if (manageReplicasErr !== undefined && failure === undefined) {
    const diff = counts.replicas - specReplicas(rs);
    const reason = diff < 0 ? 'FailedCreate' : diff > 0 ? 'FailedDelete' : '';
    const condition: ReplicaSetCondition = { type: REPLICA_FAILURE, status: 'True', lastTransitionTime: rfc3339(now) };
    if (reason !== '') condition.reason = reason;
    condition.message = manageReplicasErr;
    conditions = [...conditions, condition];
  } else if (manageReplicasErr === undefined && failure !== undefined) {
    conditions = conditions.filter((c) => c.type !== REPLICA_FAILURE);
  }
  return withoutZeros({
    replicas: counts.replicas,
    fullyLabeledReplicas: counts.fullyLabeled,
    readyReplicas: counts.ready,
    availableReplicas: counts.available,
    observedGeneration: rs.status?.observedGeneration ?? 0,
    conditions,
  });
}

/**
 * The steady state of updateReplicaSetStatus: the counts and conditions are what is stored and
 * the current generation has been observed, so nothing is written.
 */
export function statusUpToDate(rs: Readonly<ReplicaSet>, newStatus: ReplicaSetStatus): boolean {
  const current = rs.status ?? {};
  return (
    (current.replicas ?? 0) === (newStatus.replicas ?? 0) &&
    (current.fullyLabeledReplicas ?? 0) === (newStatus.fullyLabeledReplicas ?? 0) &&
    (current.readyReplicas ?? 0) === (newStatus.readyReplicas ?? 0) &&
    (current.availableReplicas ?? 0) === (newStatus.availableReplicas ?? 0) &&
    (rs.metadata.generation ?? 0) === (current.observedGeneration ?? 0) &&
    jsonEqual(current.conditions ?? [], newStatus.conditions ?? [])
  );
}

/** The status as it is written: the generation acted on, zeros and empty lists omitted (but `replicas`, which is always there). */
export function statusToWrite(rs: Readonly<ReplicaSet>, newStatus: ReplicaSetStatus): ReplicaSetStatus {
  return withoutZeros({ ...newStatus, observedGeneration: rs.metadata.generation ?? 0 });
}

function withoutZeros(status: ReplicaSetStatus): ReplicaSetStatus {
  const out: ReplicaSetStatus = { replicas: status.replicas ?? 0 };
  if (status.fullyLabeledReplicas) out.fullyLabeledReplicas = status.fullyLabeledReplicas;
  if (status.readyReplicas) out.readyReplicas = status.readyReplicas;
  if (status.availableReplicas) out.availableReplicas = status.availableReplicas;
  if (status.observedGeneration) out.observedGeneration = status.observedGeneration;
  if (status.conditions !== undefined && status.conditions.length > 0) out.conditions = status.conditions;
  return out;
}
