/**
 * syncVolume and the reclaim policies (pv_controller.go): an unclaimed volume is Available; a
 * volume whose claim is gone is Released and then retained, deleted or recycled; a volume whose
 * claim is bound elsewhere is let go.
 */
import type { Result } from '../../api/result.js';
import { ok } from '../../api/result.js';
import type { ApiClient } from '../../apiserver/types.js';
import type { EventRecorder } from '../../client/event-recorder.js';
import type { Lister } from '../../client/lister.js';
import type { VolumeBinder } from './binder.js';
import { ANN_DYNAMICALLY_PROVISIONED, claimKey, volumeModeMismatch, type PersistentVolume, type PersistentVolumeClaim } from './types.js';

/** What volume syncing reads and writes through. */
export interface VolumeSyncContext {
  api: ApiClient;
  binder: VolumeBinder;
  recorder: EventRecorder;
  claims: Lister<PersistentVolumeClaim>;
  /** Brings a claim to the claim queue (ctrl.claimQueue.Add). */
  enqueueClaim(key: string): void;
}

/** The hostPath plugin deletes only what lives under /tmp (hostPathDeleter). */
const HOST_PATH_DELETABLE = /\/tmp\/.+/;

/** syncVolume. */
export function syncVolume(c: VolumeSyncContext, volume: PersistentVolume): Result<void> {
  const ref = volume.spec?.claimRef;
  if (ref === undefined || ref === null || !ref.uid) return done(c.binder.updateVolumePhase(volume, 'Available', ''));

  let claim = findClaim(c, volume);
  if (claim !== undefined && claim.metadata.uid !== ref.uid) {
    // The cache may lag: ask the API server which claim holds the name now.
    const live = c.api.get('persistentvolumeclaims', ref.namespace ?? '', ref.name ?? '');
    if (!live.ok && live.status.code !== 404) return live;
    claim = live.ok && live.value.metadata.uid === ref.uid ? (live.value as PersistentVolumeClaim) : undefined;
  }

  if (claim === undefined) return releaseAndReclaim(c, volume);
  if (!claim.spec?.volumeName) {
    if (volumeModeMismatch(claim, volume)) {
      c.recorder.event(volume, 'Warning', 'VolumeMismatch', `Cannot bind PersistentVolume to requested PersistentVolumeClaim ${JSON.stringify(claim.metadata.name ?? '')} due to incompatible volumeMode.`);
      c.recorder.event(claim, 'Warning', 'VolumeMismatch', `Cannot bind PersistentVolume ${JSON.stringify(volume.metadata.name ?? '')} to requested PersistentVolumeClaim due to incompatible volumeMode.`);
      return ok(undefined);
    }
    // The claim's half of the binding is missing: the claim sync completes it.
    c.enqueueClaim(claimKey(claim));
    return ok(undefined);
  }
  if (claim.spec.volumeName === volume.metadata.name) return done(c.binder.updateVolumePhase(volume, 'Bound', ''));
  // The claim is bound to another volume.
  if (volume.metadata.annotations?.[ANN_DYNAMICALLY_PROVISIONED] !== undefined && volume.spec?.persistentVolumeReclaimPolicy === 'Delete') {
    return releaseAndReclaim(c, volume);
  }
  return done(c.binder.unbindVolume(volume));
}

/** The claim the volume's claimRef names: from the cache, then (for a volume not yet released) from the API server. */
function findClaim(c: VolumeSyncContext, volume: PersistentVolume): PersistentVolumeClaim | undefined {
  const ref = volume.spec!.claimRef!;
  const cached = c.claims.get(ref.namespace ?? '', ref.name ?? '');
  if (cached !== undefined) return cached;
  const phase = volume.status?.phase;
  if (phase === 'Released' || phase === 'Failed') return undefined;
  const live = c.api.get('persistentvolumeclaims', ref.namespace ?? '', ref.name ?? '');
  return live.ok ? (live.value as PersistentVolumeClaim) : undefined;
}

/** The claim is gone: Released (unless already Released or Failed), then the reclaim policy. */
function releaseAndReclaim(c: VolumeSyncContext, volume: PersistentVolume): Result<void> {
  let current = volume;
  const phase = volume.status?.phase;
  if (phase !== 'Released' && phase !== 'Failed') {
    const released = c.binder.updateVolumePhase(volume, 'Released', '');
    if (!released.ok) return released;
    current = released.value;
  }
  return reclaimVolume(c, current);
}

/** reclaimVolume. */
function reclaimVolume(c: VolumeSyncContext, volume: PersistentVolume): Result<void> {
  switch (volume.spec?.persistentVolumeReclaimPolicy) {
    case 'Retain':
      return ok(undefined);
    case 'Delete':
      return deleteVolumeOperation(c, volume);
    case 'Recycle':
      return recycleVolumeOperation(c, volume);
    default:
      return done(c.binder.updateVolumePhaseWithEvent(volume, 'Failed', 'Warning', 'VolumeUnknownReclaimPolicy', 'Volume has unrecognized PersistentVolumeReclaimPolicy'));
  }
}

/**
 * deleteVolumeOperation: a volume of an external provisioner is left to it; the hostPath plugin
 * deletes /tmp paths only; anything else has no deleter here. A failure marks the volume Failed.
 */
function deleteVolumeOperation(c: VolumeSyncContext, volume: PersistentVolume): Result<void> {
  const provisionedBy = volume.metadata.annotations?.[ANN_DYNAMICALLY_PROVISIONED];
  if (provisionedBy !== undefined && !provisionedBy.startsWith('kubernetes.io/')) return ok(undefined);
  const failure = deleterFailure(volume);
  if (failure !== undefined) return done(c.binder.updateVolumePhaseWithEvent(volume, 'Failed', 'Warning', 'VolumeFailedDelete', failure));
  const deleted = c.api.delete('persistentvolumes', '', volume.metadata.name ?? '');
  return deleted.ok || deleted.status.code === 404 ? ok(undefined) : deleted;
}

/** Why the in-tree deleter cannot delete the volume's storage, if it cannot. */
function deleterFailure(volume: PersistentVolume): string | undefined {
  const hostPath = volume.spec?.hostPath?.path;
  if (hostPath === undefined) return `error getting deleter volume plugin for volume ${JSON.stringify(volume.metadata.name ?? '')}: no deletable volume plugin matched`;
  if (!HOST_PATH_DELETABLE.test(hostPath)) return `host_path deleter only supports /tmp/.+ but received provided ${hostPath}`;
  return undefined;
}

/** recycleVolumeOperation: the recycler scrubs the volume (instantly here) and it becomes Available again. */
function recycleVolumeOperation(c: VolumeSyncContext, volume: PersistentVolume): Result<void> {
  if (volume.spec?.hostPath === undefined && volume.spec?.['nfs'] === undefined) {
    return done(
      c.binder.updateVolumePhaseWithEvent(volume, 'Failed', 'Warning', 'VolumeFailedRecycle', 'No recycler plugin found for the volume!'),
    );
  }
  c.recorder.event(volume, 'Normal', 'VolumeRecycled', 'Volume recycled');
  return done(c.binder.unbindVolume(volume));
}

function done(result: Result<unknown>): Result<void> {
  return result.ok ? ok(undefined) : result;
}
