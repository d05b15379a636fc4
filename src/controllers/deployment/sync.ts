/**
 * The Deployment controller's work outside a rollout (sync.go): scaling events and paused
 * Deployments (proportional scaling of every active ReplicaSet), scaling one ReplicaSet with its
 * `ScalingReplicaSet` event, cleaning up old ReplicaSets past revisionHistoryLimit, the paused
 * condition, and the status.
 */
import { ok, type Result } from '../../api/result.js';
import { specReplicas, type ReplicaSet } from '../replicaset/types.js';
import { getDeploymentCondition, newDeploymentCondition, setDeploymentCondition } from './conditions.js';
import { PAUSED_DEPLOY_REASON, PROGRESSING, RESUMED_DEPLOY_REASON, SCALING_REPLICA_SET, TIMED_OUT_REASON, DESIRED_REPLICAS_ANNOTATION } from './constants.js';
import { maxSurge } from './fenceposts.js';
import { getAllReplicaSetsAndSyncRevision } from './new-replica-set.js';
import {
  byCreationTimestamp,
  bySizeNewer,
  bySizeOlder,
  filterActiveReplicaSets,
  findActiveOrLatest,
  intAnnotation,
  isSaturated,
  replicaCount,
  replicaSetProportion,
  replicasAnnotationsNeedUpdate,
  setReplicasAnnotations,
} from './replica-sets.js';
import { revisionOf } from './history.js';
import { calculateStatus, statusEqual } from './status.js';
import { updateDeploymentStatus, updateReplicaSet, type DeploymentSyncContext, type SyncError } from './sync-context.js';
import { deploymentReplicas, hasProgressDeadline, hasRevisionHistoryLimit, isRollingUpdate, type Deployment } from './types.js';
import { getRollbackTo } from './rollback.js';

/** syncStatusOnly: a Deployment being deleted only has its status brought up to date. */
export function syncStatusOnly(dc: DeploymentSyncContext, d: Deployment, rsList: readonly ReplicaSet[]): SyncError | undefined {
  const rss = getAllReplicaSetsAndSyncRevision(dc, d, rsList, false);
  if (!rss.ok) return rss.status;
  return syncDeploymentStatus(dc, [...rss.value.oldRSs, rss.value.newRS], rss.value.newRS, d);
}

/** sync: a scaling event or a paused Deployment: scale, clean up (when paused), update the status. */
export function sync(dc: DeploymentSyncContext, d: Deployment, rsList: readonly ReplicaSet[]): SyncError | undefined {
  const rss = getAllReplicaSetsAndSyncRevision(dc, d, rsList, false);
  if (!rss.ok) return rss.status;
  const { newRS, oldRSs } = rss.value;
  const scaled = scale(dc, d, newRS, oldRSs);
  if (scaled !== undefined) return scaled;
  if (d.spec?.paused === true && getRollbackTo(d) === undefined) {
    const cleaned = cleanupDeployment(dc, oldRSs, d);
    if (cleaned !== undefined) return cleaned;
  }
  return syncDeploymentStatus(dc, [...oldRSs, newRS], newRS, d);
}

/**
 * checkPausedConditions: Progressing becomes Unknown DeploymentPaused when paused and Unknown
 * DeploymentResumed when resumed, so that the time spent paused never counts towards the deadline.
 */
export function checkPausedConditions(dc: DeploymentSyncContext, d: Deployment): SyncError | undefined {
  if (!hasProgressDeadline(d)) return undefined;
  const cond = getDeploymentCondition(d.status, PROGRESSING);
  if (cond?.reason === TIMED_OUT_REASON) return undefined;
  const pausedCondExists = cond?.reason === PAUSED_DEPLOY_REASON;
  const now = dc.clock.now();
  if (d.spec?.paused === true && !pausedCondExists) {
    setDeploymentCondition((d.status ??= {}), newDeploymentCondition(PROGRESSING, 'Unknown', PAUSED_DEPLOY_REASON, 'Deployment is paused', now));
  } else if (d.spec?.paused !== true && pausedCondExists) {
    setDeploymentCondition((d.status ??= {}), newDeploymentCondition(PROGRESSING, 'Unknown', RESUMED_DEPLOY_REASON, 'Deployment is resumed', now));
  } else {
    return undefined;
  }
  const written = updateDeploymentStatus(dc, d);
  return written.ok ? undefined : written.status;
}

/** isScalingEvent: an active ReplicaSet was annotated with another desired replica count than the Deployment now has. */
export function isScalingEvent(dc: DeploymentSyncContext, d: Deployment, rsList: readonly ReplicaSet[]): Result<boolean> {
  const rss = getAllReplicaSetsAndSyncRevision(dc, d, rsList, false);
  if (!rss.ok) return rss;
  for (const rs of filterActiveReplicaSets([...rss.value.oldRSs, rss.value.newRS])) {
    const desired = intAnnotation(rs, DESIRED_REPLICAS_ANNOTATION);
    if (desired !== undefined && desired !== deploymentReplicas(d)) return ok(true);
  }
  return ok(false);
}

/**
 * scale: the one active ReplicaSet (or the newest) takes all replicas; a saturated new one leaves
 * the old ones at 0; otherwise, during a rolling update, the difference to replicas + maxSurge is
 * shared in proportion to each ReplicaSet's size, the leftover going to the largest.
 */
export function scale(dc: DeploymentSyncContext, d: Deployment, newRS: ReplicaSet | undefined, oldRSs: readonly ReplicaSet[]): SyncError | undefined {
  const replicas = deploymentReplicas(d);
  const activeOrLatest = findActiveOrLatest(newRS, oldRSs);
  if (activeOrLatest !== undefined) {
    if (specReplicas(activeOrLatest) === replicas) return undefined;
    return scaleReplicaSetAndRecordEvent(dc, activeOrLatest, replicas, d).error;
  }
  if (isSaturated(d, newRS)) {
    for (const old of filterActiveReplicaSets(oldRSs)) {
      const error = scaleReplicaSetAndRecordEvent(dc, old, 0, d).error;
      if (error !== undefined) return error;
    }
    return undefined;
  }
  if (!isRollingUpdate(d)) return undefined;
  const allRSs = filterActiveReplicaSets([...oldRSs, newRS]);
  const allowedSize = replicas > 0 ? replicas + maxSurge(d) : 0;
  const toAdd = allowedSize - replicaCount(allRSs);
  let scalingOperation = '';
  if (toAdd > 0) {
    allRSs.sort(bySizeNewer);
    scalingOperation = 'up';
  } else if (toAdd < 0) {
    allRSs.sort(bySizeOlder);
    scalingOperation = 'down';
  }
  let added = 0;
  const sizes = allRSs.map((rs) => {
    if (toAdd === 0) return specReplicas(rs);
    const proportion = replicaSetProportion(rs, d, toAdd, added);
    added += proportion;
    return specReplicas(rs) + proportion;
  });
  if (toAdd !== 0 && sizes.length > 0) sizes[0] = Math.max(0, sizes[0]! + toAdd - added);
  for (let i = 0; i < allRSs.length; i++) {
    const error = scaleReplicaSet(dc, allRSs[i]!, sizes[i]!, d, scalingOperation).error;
    if (error !== undefined) return error;
  }
  return undefined;
}

/** What scaling one ReplicaSet did. */
export interface ScaleResult {
  scaled: boolean;
  rs: ReplicaSet;
  error?: SyncError;
}

/** scaleReplicaSetAndRecordEvent: scales `rs` to `newScale` unless it is there already. */
export function scaleReplicaSetAndRecordEvent(dc: DeploymentSyncContext, rs: ReplicaSet, newScale: number, d: Deployment): ScaleResult {
  if (specReplicas(rs) === newScale) return { scaled: false, rs };
  return scaleReplicaSet(dc, rs, newScale, d, specReplicas(rs) < newScale ? 'up' : 'down');
}

/**
 * scaleReplicaSet: writes the new size and the desired-replicas/max-replicas annotations when
 * either changed, and records `Scaled up replica set web-7d4b9c5f8 from 0 to 3` when the size did.
 */
export function scaleReplicaSet(dc: DeploymentSyncContext, rs: ReplicaSet, newScale: number, d: Deployment, scalingOperation: string): ScaleResult {
  const replicas = deploymentReplicas(d);
  const maxReplicas = replicas + maxSurge(d);
  const sizeNeedsUpdate = specReplicas(rs) !== newScale;
  if (!sizeNeedsUpdate && !replicasAnnotationsNeedUpdate(rs, replicas, maxReplicas)) return { scaled: false, rs };
  const oldScale = specReplicas(rs);
  const annotations = { ...rs.metadata.annotations };
  setReplicasAnnotations(annotations, replicas, maxReplicas);
  const updated = updateReplicaSet(dc, { ...rs, metadata: { ...rs.metadata, annotations }, spec: { ...rs.spec, replicas: newScale } });
  if (!updated.ok) return { scaled: false, rs, error: updated.status };
  if (sizeNeedsUpdate) {
    dc.recorder.event(d, 'Normal', SCALING_REPLICA_SET, `Scaled ${scalingOperation} replica set ${rs.metadata.name ?? ''} from ${oldScale} to ${newScale}`);
  }
  return { scaled: sizeNeedsUpdate, rs: updated.value };
}

/**
 * cleanupDeployment: deletes the oldest old ReplicaSets beyond revisionHistoryLimit, only those
 * scaled to 0 with no pods left and their latest generation observed.
 */
export function cleanupDeployment(dc: DeploymentSyncContext, oldRSs: readonly ReplicaSet[], d: Deployment): SyncError | undefined {
  if (!hasRevisionHistoryLimit(d)) return undefined;
  const cleanable = oldRSs.filter((rs) => rs.metadata.deletionTimestamp == null);
  const diff = cleanable.length - (d.spec?.revisionHistoryLimit ?? 0);
  if (diff <= 0) return undefined;
  cleanable.sort(byRevision);
  for (const rs of cleanable.slice(0, diff)) {
    if ((rs.status?.replicas ?? 0) !== 0 || specReplicas(rs) !== 0) continue;
    if ((rs.metadata.generation ?? 0) > (rs.status?.observedGeneration ?? 0)) continue;
    const deleted = dc.api.delete('replicasets', rs.metadata.namespace ?? '', rs.metadata.name ?? '');
    if (!deleted.ok && deleted.status.code !== 404) return deleted.status;
  }
  return undefined;
}

/** ReplicaSetsByRevision: lowest revision first, by creation time when equal or unreadable. */
function byRevision(a: ReplicaSet, b: ReplicaSet): number {
  const ra = revisionOf(a);
  const rb = revisionOf(b);
  if (ra === undefined || rb === undefined || ra === rb) return byCreationTimestamp(a, b);
  return ra - rb;
}

/** syncDeploymentStatus: writes the calculated status if it differs from the stored one. */
export function syncDeploymentStatus(dc: DeploymentSyncContext, allRSs: readonly (ReplicaSet | undefined)[], newRS: ReplicaSet | undefined, d: Deployment): SyncError | undefined {
  const newStatus = calculateStatus(allRSs, newRS, d, dc.clock.now());
  if (statusEqual(d.status, newStatus)) return undefined;
  d.status = newStatus;
  const written = updateDeploymentStatus(dc, d);
  return written.ok ? undefined : written.status;
}
