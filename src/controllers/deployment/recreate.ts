/**
 * The Recreate strategy (recreate.go): scale every old ReplicaSet to 0, wait until none of their
 * pods is left running, and only then create (or scale up) the new ReplicaSet.
 */
import type { KubeObject } from '../../api/types.js';
import type { ReplicaSet } from '../replicaset/types.js';
import { specReplicas } from '../replicaset/types.js';
import { getAllReplicaSetsAndSyncRevision } from './new-replica-set.js';
import { syncRolloutStatus } from './progress.js';
import { actualReplicaCount, filterActiveReplicaSets } from './replica-sets.js';
import { deploymentComplete } from './status.js';
import { cleanupDeployment, scaleReplicaSetAndRecordEvent } from './sync.js';
import type { DeploymentSyncContext, SyncError } from './sync-context.js';
import { deploymentReplicas, type Deployment } from './types.js';

/** The pods of each of a Deployment's ReplicaSets, by ReplicaSet uid (getPodMapForDeployment). */
export type PodMap = ReadonlyMap<string, readonly KubeObject[]>;

/** rolloutRecreate: one step of a Recreate rollout, then the status. */
export function rolloutRecreate(dc: DeploymentSyncContext, d: Deployment, rsList: readonly ReplicaSet[], podMap: PodMap): SyncError | undefined {
  // Do not create the new ReplicaSet yet: nothing scales up before the old pods are gone.
  const rss = getAllReplicaSetsAndSyncRevision(dc, d, rsList, false);
  if (!rss.ok) return rss.status;
  let { newRS, oldRSs } = rss.value;
  let allRSs = [...oldRSs, newRS];

  const scaledDown = scaleDownOldReplicaSetsForRecreate(dc, filterActiveReplicaSets(oldRSs), d);
  if (typeof scaledDown !== 'boolean') return scaledDown;
  if (scaledDown) return syncRolloutStatus(dc, allRSs, newRS, d);

  if (oldPodsRunning(newRS, oldRSs, podMap)) return syncRolloutStatus(dc, allRSs, newRS, d);

  if (newRS === undefined) {
    const created = getAllReplicaSetsAndSyncRevision(dc, d, rsList, true);
    if (!created.ok) return created.status;
    ({ newRS, oldRSs } = created.value);
    allRSs = [...oldRSs, newRS];
  }
  if (newRS !== undefined) {
    const error = scaleReplicaSetAndRecordEvent(dc, newRS, deploymentReplicas(d), d).error;
    if (error !== undefined) return error;
  }
  if (deploymentComplete(d, d.status ?? {})) {
    const cleaned = cleanupDeployment(dc, oldRSs, d);
    if (cleaned !== undefined) return cleaned;
  }
  return syncRolloutStatus(dc, allRSs, newRS, d);
}

/** scaleDownOldReplicaSetsForRecreate: every old ReplicaSet to 0; true if any was scaled. */
function scaleDownOldReplicaSetsForRecreate(dc: DeploymentSyncContext, oldRSs: readonly ReplicaSet[], d: Deployment): boolean | SyncError {
  let scaled = false;
  for (const rs of oldRSs) {
    if (specReplicas(rs) === 0) continue;
    const result = scaleReplicaSetAndRecordEvent(dc, rs, 0, d);
    if (result.error !== undefined) return result.error;
    if (result.scaled) scaled = true;
  }
  return scaled;
}

/**
 * oldPodsRunning: an old ReplicaSet still reports pods, or one of its pods is not Succeeded or
 * Failed (a pod in phase Unknown may still run, so it counts).
 */
export function oldPodsRunning(newRS: ReplicaSet | undefined, oldRSs: readonly ReplicaSet[], podMap: PodMap): boolean {
  if (actualReplicaCount(oldRSs) > 0) return true;
  for (const [rsUid, pods] of podMap) {
    if (newRS !== undefined && newRS.metadata.uid === rsUid) continue;
    for (const pod of pods) {
      const phase = (pod['status'] as { phase?: string } | undefined)?.phase;
      if (phase !== 'Failed' && phase !== 'Succeeded') return true;
    }
  }
  return false;
}
