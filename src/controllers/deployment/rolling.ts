/**
 * The RollingUpdate strategy (rolling.go): grow the new ReplicaSet while all ReplicaSets together
 * want at most replicas + maxSurge pods, and shrink the old ones while at least
 * replicas − maxUnavailable pods stay available, unhealthy old pods first.
 */
import { specReplicas, type ReplicaSet } from '../replicaset/types.js';
import { maxUnavailable, newRSNewReplicas } from './fenceposts.js';
import { getAllReplicaSetsAndSyncRevision } from './new-replica-set.js';
import { syncRolloutStatus } from './progress.js';
import { availableReplicaCount, byCreationTimestamp, filterActiveReplicaSets, replicaCount } from './replica-sets.js';
import { deploymentComplete } from './status.js';
import { cleanupDeployment, scaleReplicaSetAndRecordEvent } from './sync.js';
import type { DeploymentSyncContext, SyncError } from './sync-context.js';
import { deploymentReplicas, type Deployment } from './types.js';
import { internalError } from '../../api/status.js';

/** rolloutRolling: one step of a rolling update (scale up if possible, else scale down), then the status. */
export function rolloutRolling(dc: DeploymentSyncContext, d: Deployment, rsList: readonly ReplicaSet[]): SyncError | undefined {
  const rss = getAllReplicaSetsAndSyncRevision(dc, d, rsList, true);
  if (!rss.ok) return rss.status;
  const { newRS, oldRSs } = rss.value;
  if (newRS === undefined) return undefined;
  const allRSs = [...oldRSs, newRS];

  const scaledUp = reconcileNewReplicaSet(dc, allRSs, newRS, d);
  if (typeof scaledUp !== 'boolean') return scaledUp;
  if (scaledUp) return syncRolloutStatus(dc, allRSs, newRS, d);

  const scaledDown = reconcileOldReplicaSets(dc, allRSs, filterActiveReplicaSets(oldRSs), newRS, d);
  if (typeof scaledDown !== 'boolean') return scaledDown;
  if (scaledDown) return syncRolloutStatus(dc, allRSs, newRS, d);

  if (deploymentComplete(d, d.status ?? {})) {
    const cleaned = cleanupDeployment(dc, oldRSs, d);
    if (cleaned !== undefined) return cleaned;
  }
  return syncRolloutStatus(dc, allRSs, newRS, d);
}

/** reconcileNewReplicaSet: scales the new ReplicaSet towards the desired count, within maxSurge. */
function reconcileNewReplicaSet(dc: DeploymentSyncContext, allRSs: readonly ReplicaSet[], newRS: ReplicaSet, d: Deployment): boolean | SyncError {
  const replicas = deploymentReplicas(d);
  if (specReplicas(newRS) === replicas) return false;
  if (specReplicas(newRS) > replicas) {
    const result = scaleReplicaSetAndRecordEvent(dc, newRS, replicas, d);
    return result.error ?? result.scaled;
  }
  const newReplicasCount = newRSNewReplicas(d, allRSs, newRS);
  if (newReplicasCount === undefined) return internalError(`deployment type ${d.spec?.strategy?.type ?? ''} isn't supported`);
  const result = scaleReplicaSetAndRecordEvent(dc, newRS, newReplicasCount, d);
  return result.error ?? result.scaled;
}

/**
 * reconcileOldReplicaSets: how far old ReplicaSets may shrink is what exceeds the minimum
 * available once the new ReplicaSet's unavailable pods are counted; unhealthy old pods go first,
 * then old ReplicaSets shrink, oldest first, while availability allows. Errors here do not fail
 * the sync (upstream swallows them too); the next sync retries.
 */
function reconcileOldReplicaSets(dc: DeploymentSyncContext, allRSs: readonly ReplicaSet[], oldRSs: ReplicaSet[], newRS: ReplicaSet, d: Deployment): boolean | SyncError {
  const oldPodsCount = replicaCount(oldRSs);
  if (oldPodsCount === 0) return false;
  const minAvailable = deploymentReplicas(d) - maxUnavailable(d);
  const newRSUnavailablePodCount = specReplicas(newRS) - (newRS.status?.availableReplicas ?? 0);
  const maxScaledDown = replicaCount(allRSs) - minAvailable - newRSUnavailablePodCount;
  if (maxScaledDown <= 0) return false;

  const cleanup = cleanupUnhealthyReplicas(dc, oldRSs, d, maxScaledDown);
  if (cleanup.error !== undefined) return false;
  const scaledDown = scaleDownOldReplicaSetsForRollingUpdate(dc, [...cleanup.oldRSs, newRS], cleanup.oldRSs, d);
  if (scaledDown.error !== undefined) return false;
  return cleanup.scaledDown + scaledDown.scaledDown > 0;
}

/** cleanupUnhealthyReplicas: scales old ReplicaSets down by their unavailable pods, oldest first, at most `maxCleanupCount` in all. */
function cleanupUnhealthyReplicas(
  dc: DeploymentSyncContext,
  oldRSs: ReplicaSet[],
  d: Deployment,
  maxCleanupCount: number,
): { oldRSs: ReplicaSet[]; scaledDown: number; error?: SyncError } {
  const sorted = [...oldRSs].sort(byCreationTimestamp);
  let totalScaledDown = 0;
  for (let i = 0; i < sorted.length; i++) {
    if (totalScaledDown >= maxCleanupCount) break;
    const target = sorted[i]!;
    const available = target.status?.availableReplicas ?? 0;
    if (specReplicas(target) === 0 || specReplicas(target) === available) continue;
    const scaledDownCount = Math.min(maxCleanupCount - totalScaledDown, specReplicas(target) - available);
    const newReplicasCount = specReplicas(target) - scaledDownCount;
    if (newReplicasCount > specReplicas(target)) {
      return { oldRSs: sorted, scaledDown: 0, error: internalError(`when cleaning up unhealthy replicas, got invalid request to scale down ${target.metadata.namespace ?? ''}/${target.metadata.name ?? ''} ${specReplicas(target)} -> ${newReplicasCount}`) };
    }
    const result = scaleReplicaSetAndRecordEvent(dc, target, newReplicasCount, d);
    if (result.error !== undefined) return { oldRSs: sorted, scaledDown: totalScaledDown, error: result.error };
    totalScaledDown += scaledDownCount;
    sorted[i] = result.rs;
  }
  return { oldRSs: sorted, scaledDown: totalScaledDown };
}

/** scaleDownOldReplicaSetsForRollingUpdate: shrinks old ReplicaSets, oldest first, by what is available beyond the minimum. */
function scaleDownOldReplicaSetsForRollingUpdate(
  dc: DeploymentSyncContext,
  allRSs: readonly ReplicaSet[],
  oldRSs: readonly ReplicaSet[],
  d: Deployment,
): { scaledDown: number; error?: SyncError } {
  const minAvailable = deploymentReplicas(d) - maxUnavailable(d);
  const availablePodCount = availableReplicaCount(allRSs);
  if (availablePodCount <= minAvailable) return { scaledDown: 0 };
  const totalScaleDownCount = availablePodCount - minAvailable;
  let totalScaledDown = 0;
  for (const target of [...oldRSs].sort(byCreationTimestamp)) {
    if (totalScaledDown >= totalScaleDownCount) break;
    if (specReplicas(target) === 0) continue;
    const scaleDownCount = Math.min(specReplicas(target), totalScaleDownCount - totalScaledDown);
    const result = scaleReplicaSetAndRecordEvent(dc, target, specReplicas(target) - scaleDownCount, d);
    if (result.error !== undefined) return { scaledDown: totalScaledDown, error: result.error };
    totalScaledDown += scaleDownCount;
  }
  return { scaledDown: totalScaledDown };
}
