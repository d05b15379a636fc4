/**
 * Deployment conditions (deployment_util.go): Progressing, Available and ReplicaFailure. Setting a
 * condition that already has the same status and reason changes nothing (not even the message);
 * a new reason with the same status keeps the lastTransitionTime.
 */
import { rfc3339 } from '../../api/time.js';
import type { ReplicaSetCondition } from '../replicaset/types.js';
import type { DeploymentCondition, DeploymentStatus } from './types.js';

/** NewDeploymentCondition: both times are now. */
export function newDeploymentCondition(type: string, status: string, reason: string, message: string, now: number): DeploymentCondition {
  const time = rfc3339(now);
  return { type, status, lastUpdateTime: time, lastTransitionTime: time, reason, message };
}

/** GetDeploymentCondition. */
export function getDeploymentCondition(status: Readonly<DeploymentStatus> | undefined, type: string): DeploymentCondition | undefined {
  return status?.conditions?.find((c) => c.type === type);
}

/** SetDeploymentCondition on a status being built: replaces the condition of that type, appended last. */
export function setDeploymentCondition(status: DeploymentStatus, condition: DeploymentCondition): void {
  const current = getDeploymentCondition(status, condition.type);
  if (current !== undefined && current.status === condition.status && current.reason === condition.reason) return;
  const next = { ...condition };
  if (current !== undefined && current.status === condition.status && current.lastTransitionTime !== undefined) {
    next.lastTransitionTime = current.lastTransitionTime;
  }
  status.conditions = [...(status.conditions ?? []).filter((c) => c.type !== condition.type), next];
}

/** RemoveDeploymentCondition on a status being built. */
export function removeDeploymentCondition(status: DeploymentStatus, type: string): void {
  if (status.conditions === undefined) return;
  status.conditions = status.conditions.filter((c) => c.type !== type);
}

/** ReplicaSetToDeploymentCondition: a ReplicaSet's ReplicaFailure, as the Deployment reports it. */
export function replicaSetToDeploymentCondition(cond: ReplicaSetCondition): DeploymentCondition {
  const out: DeploymentCondition = { type: cond.type, status: cond.status };
  if (cond.lastTransitionTime !== undefined) {
    out.lastUpdateTime = cond.lastTransitionTime;
    out.lastTransitionTime = cond.lastTransitionTime;
  }
  if (cond.reason !== undefined) out.reason = cond.reason;
  if (cond.message !== undefined) out.message = cond.message;
  return out;
}
