/**
 * Rollout progress (progress.go): the Progressing condition says the new ReplicaSet is
 * progressing, has successfully progressed, or has timed out after progressDeadlineSeconds
 * without progress; ReplicaFailure is copied from the ReplicaSets; a Deployment that makes no
 * progress is looked at again when its deadline would pass.
 */
import type { ReplicaSet } from '../replicaset/types.js';
import { cachedParseTime } from '../common/cached-parsing.js';
import { getDeploymentCondition, newDeploymentCondition, removeDeploymentCondition, replicaSetToDeploymentCondition, setDeploymentCondition } from './conditions.js';
import { NEW_RS_AVAILABLE_REASON, PROGRESSING, REPLICA_FAILURE, REPLICA_SET_UPDATED_REASON, TIMED_OUT_REASON } from './constants.js';
import { calculateStatus, deploymentComplete, deploymentProgressing, deploymentTimedOut, statusEqual } from './status.js';
import { updateDeploymentStatus, type DeploymentSyncContext, type SyncError } from './sync-context.js';
import { hasProgressDeadline, type Deployment, type DeploymentCondition, type DeploymentStatus } from './types.js';

/** syncRolloutStatus: the status of a Deployment during a rollout, with its progress estimated. */
export function syncRolloutStatus(dc: DeploymentSyncContext, allRSs: readonly (ReplicaSet | undefined)[], newRS: ReplicaSet | undefined, d: Deployment): SyncError | undefined {
  const now = dc.clock.now();
  const newStatus = calculateStatus(allRSs, newRS, d, now);
  if (!hasProgressDeadline(d)) removeDeploymentCondition(newStatus, PROGRESSING);

  const currentCond = getDeploymentCondition(d.status, PROGRESSING);
  const isCompleteDeployment = newStatus.replicas === newStatus.updatedReplicas && currentCond?.reason === NEW_RS_AVAILABLE_REASON;
  if (hasProgressDeadline(d) && !isCompleteDeployment) {
    const subject = newRS === undefined ? `Deployment "${d.metadata.name ?? ''}"` : `ReplicaSet "${newRS.metadata.name ?? ''}"`;
    if (deploymentComplete(d, newStatus)) {
      setDeploymentCondition(newStatus, newDeploymentCondition(PROGRESSING, 'True', NEW_RS_AVAILABLE_REASON, `${subject} has successfully progressed.`, now));
    } else if (deploymentProgressing(d, newStatus)) {
      // Progress refreshes lastUpdateTime even with the same reason (SetDeploymentCondition would not).
      const condition = newDeploymentCondition(PROGRESSING, 'True', REPLICA_SET_UPDATED_REASON, `${subject} is progressing.`, now);
      if (currentCond !== undefined) {
        if (currentCond.status === 'True' && currentCond.lastTransitionTime !== undefined) condition.lastTransitionTime = currentCond.lastTransitionTime;
        removeDeploymentCondition(newStatus, PROGRESSING);
      }
      setDeploymentCondition(newStatus, condition);
    } else if (deploymentTimedOut(d, newStatus, now)) {
      setDeploymentCondition(newStatus, newDeploymentCondition(PROGRESSING, 'False', TIMED_OUT_REASON, `${subject} has timed out progressing.`, now));
    }
  }

  const replicaFailure = firstReplicaFailure(allRSs, newRS);
  if (replicaFailure !== undefined) setDeploymentCondition(newStatus, replicaFailure);
  else removeDeploymentCondition(newStatus, REPLICA_FAILURE);

  if (statusEqual(d.status, newStatus)) {
    requeueStuckDeployment(dc, d, newStatus);
    return undefined;
  }
  d.status = newStatus;
  const written = updateDeploymentStatus(dc, d);
  return written.ok ? undefined : written.status;
}

/** The first of getReplicaFailures: the new ReplicaSet's ReplicaFailure condition, else the first old one's. */
function firstReplicaFailure(allRSs: readonly (ReplicaSet | undefined)[], newRS: ReplicaSet | undefined): DeploymentCondition | undefined {
  const failureOf = (rs: ReplicaSet | undefined) => rs?.status?.conditions?.find((c) => c.type === REPLICA_FAILURE);
  let failure = failureOf(newRS);
  for (let i = 0; failure === undefined && i < allRSs.length; i++) failure = failureOf(allRSs[i]);
  return failure === undefined ? undefined : replicaSetToDeploymentCondition(failure);
}

/**
 * requeueStuckDeployment: a rollout with no progress to report is synced again when its deadline
 * passes (lastUpdateTime + progressDeadlineSeconds, plus a second of skew), at once (rate limited)
 * when that is less than a second away. Returns the delay in ms, 0 for now, -1 for never.
 */
export function requeueStuckDeployment(dc: DeploymentSyncContext, d: Deployment, newStatus: Readonly<DeploymentStatus>): number {
  const currentCond = getDeploymentCondition(d.status, PROGRESSING);
  if (!hasProgressDeadline(d) || currentCond === undefined) return -1;
  if (deploymentComplete(d, newStatus) || currentCond.reason === TIMED_OUT_REASON) return -1;
  const lastUpdate = cachedParseTime(currentCond.lastUpdateTime) ?? 0;
  const after = lastUpdate + (d.spec?.progressDeadlineSeconds ?? 0) * 1000 - dc.clock.now();
  if (after < 1000) {
    dc.enqueueRateLimited(d);
    return 0;
  }
  dc.enqueueAfter(d, after + 1000);
  return after;
}
