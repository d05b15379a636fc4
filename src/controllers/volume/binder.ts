/**
 * The binding protocol's writes (pv_controller.go: bind, bindVolumeToClaim, bindClaimToVolume,
 * updateVolumePhase, updateClaimStatus, unbindVolume): each step builds a new object from the
 * one it is given and writes it only when something changed, so running a bind twice writes
 * nothing the second time.
 */
import type { Result } from '../../api/result.js';
import { ok } from '../../api/result.js';
import { jsonEqual } from '../../api/equal.js';
import { compareQuantities, quantityFromJson } from '../../api/quantity.js';
import { rfc3339 } from '../../api/time.js';
import type { ApiClient } from '../../apiserver/types.js';
import type { Clock } from '../../clock/types.js';
import type { EventRecorder, EventType } from '../../client/event-recorder.js';
import {
  ANN_BIND_COMPLETED,
  ANN_BOUND_BY_CONTROLLER,
  claimReference,
  isVolumeBoundToClaim,
  volumeCapacity,
  type PersistentVolume,
  type PersistentVolumeClaim,
} from './types.js';

/** The writes of the PV controller. */
export class VolumeBinder {
  constructor(
    private readonly api: ApiClient,
    private readonly clock: Clock,
    private readonly recorder: EventRecorder,
  ) {}

  /** bind: volume → claim, volume Bound, claim → volume, claim Bound, stopping at the first failure. */
  bind(volume: PersistentVolume, claim: PersistentVolumeClaim): Result<void> {
    const boundVolume = this.bindVolumeToClaim(volume, claim);
    if (!boundVolume.ok) return boundVolume;
    const phased = this.updateVolumePhase(boundVolume.value, 'Bound', '');
    if (!phased.ok) return phased;
    const boundClaim = this.bindClaimToVolume(claim, phased.value);
    if (!boundClaim.ok) return boundClaim;
    const status = this.updateClaimStatus(boundClaim.value, 'Bound', phased.value);
    return status.ok ? ok(undefined) : status;
  }

  /** bindVolumeToClaim: claimRef to the claim, and bound-by-controller when the user had not bound it. */
  bindVolumeToClaim(volume: PersistentVolume, claim: Readonly<PersistentVolumeClaim>): Result<PersistentVolume> {
    const shouldSetBoundByController = !isVolumeBoundToClaim(volume, claim);
    const ref = volume.spec?.claimRef;
    const next: PersistentVolume = { ...volume, metadata: { ...volume.metadata }, spec: { ...volume.spec } };
    let dirty = false;
    if (!ref || ref.name !== claim.metadata.name || ref.namespace !== claim.metadata.namespace || ref.uid !== claim.metadata.uid) {
      next.spec!.claimRef = claimReference(claim);
      dirty = true;
    }
    if (shouldSetBoundByController && next.metadata.annotations?.[ANN_BOUND_BY_CONTROLLER] === undefined) {
      next.metadata.annotations = { ...next.metadata.annotations, [ANN_BOUND_BY_CONTROLLER]: 'yes' };
      dirty = true;
    }
    if (!dirty) return ok(volume);
    return this.api.update('persistentvolumes', '', next) as Result<PersistentVolume>;
  }

  /** bindClaimToVolume: spec.volumeName, bound-by-controller when the controller chose, and bind-completed. */
  bindClaimToVolume(claim: PersistentVolumeClaim, volume: Readonly<PersistentVolume>): Result<PersistentVolumeClaim> {
    const next: PersistentVolumeClaim = { ...claim, metadata: { ...claim.metadata, annotations: { ...claim.metadata.annotations } }, spec: { ...claim.spec } };
    const annotations = next.metadata.annotations!;
    let dirty = false;
    if (claim.spec?.volumeName !== volume.metadata.name) {
      next.spec!.volumeName = volume.metadata.name ?? '';
      if (annotations[ANN_BOUND_BY_CONTROLLER] === undefined) annotations[ANN_BOUND_BY_CONTROLLER] = 'yes';
      dirty = true;
    }
    if (annotations[ANN_BIND_COMPLETED] === undefined) {
      annotations[ANN_BIND_COMPLETED] = 'yes';
      dirty = true;
    }
    if (!dirty) return ok(claim);
    return this.api.update('persistentvolumeclaims', claim.metadata.namespace ?? '', next) as Result<PersistentVolumeClaim>;
  }

  /** updateVolumePhase: phase, message and lastPhaseTransitionTime, when the phase changes. */
  updateVolumePhase(volume: PersistentVolume, phase: string, message: string): Result<PersistentVolume> {
    if (volume.status?.phase === phase) return ok(volume);
    const status: NonNullable<PersistentVolume['status']> = { ...volume.status, phase, lastPhaseTransitionTime: rfc3339(this.clock.now()) };
    if (message === '') delete status.message;
    else status.message = message;
    return this.api.update('persistentvolumes', '', { ...volume, status }, { subresource: 'status' }) as Result<PersistentVolume>;
  }

  /** updateVolumePhaseWithEvent: the event first, then the phase. */
  updateVolumePhaseWithEvent(volume: PersistentVolume, phase: string, type: EventType, reason: string, message: string): Result<PersistentVolume> {
    if (volume.status?.phase === phase) return ok(volume);
    this.recorder.event(volume, type, reason, message);
    return this.updateVolumePhase(volume, phase, message);
  }

  /**
   * updateClaimStatus: the phase, and the volume's access modes and (when the claim becomes Bound)
   * capacity; without a volume both are cleared.
   */
  updateClaimStatus(claim: PersistentVolumeClaim, phase: string, volume: Readonly<PersistentVolume> | undefined): Result<PersistentVolumeClaim> {
    const status: NonNullable<PersistentVolumeClaim['status']> = { ...claim.status };
    let dirty = false;
    if (claim.status?.phase !== phase) {
      status.phase = phase;
      dirty = true;
    }
    if (volume === undefined) {
      if (status.accessModes !== undefined) {
        delete status.accessModes;
        dirty = true;
      }
      if (status.capacity !== undefined) {
        delete status.capacity;
        dirty = true;
      }
    } else {
      if (!jsonEqual(status.accessModes, volume.spec?.accessModes)) {
        status.accessModes = [...(volume.spec?.accessModes ?? [])];
        dirty = true;
      }
      if (claim.status?.phase !== phase) {
        const claimCapacity = quantityFromJson(claim.status?.capacity?.['storage']);
        if (!claimCapacity.ok || compareQuantities(volumeCapacity(volume), claimCapacity.value) !== 0) {
          status.capacity = { ...volume.spec?.capacity };
          dirty = true;
        }
      }
    }
    if (!dirty) return ok(claim);
    return this.api.update('persistentvolumeclaims', claim.metadata.namespace ?? '', { ...claim, status }, { subresource: 'status' }) as Result<PersistentVolumeClaim>;
  }

  /** updateClaimStatusWithEvent: the event first (only when the phase changes), then the status. */
  updateClaimStatusWithEvent(claim: PersistentVolumeClaim, phase: string, type: EventType, reason: string, message: string): Result<PersistentVolumeClaim> {
    if (claim.status?.phase === phase) return ok(claim);
    this.recorder.event(claim, type, reason, message);
    return this.updateClaimStatus(claim, phase, undefined);
  }

  /** unbindVolume: a controller-made binding is undone; a user's pre-binding keeps the claim's name only. Then Available. */
  unbindVolume(volume: PersistentVolume): Result<PersistentVolume> {
    const next: PersistentVolume = { ...volume, metadata: { ...volume.metadata }, spec: { ...volume.spec } };
    if (volume.metadata.annotations?.[ANN_BOUND_BY_CONTROLLER] !== undefined) {
      delete next.spec!.claimRef;
      const annotations = { ...volume.metadata.annotations };
      delete annotations[ANN_BOUND_BY_CONTROLLER];
      if (Object.keys(annotations).length === 0) delete next.metadata.annotations;
      else next.metadata.annotations = annotations;
    } else if (volume.spec?.claimRef) {
      next.spec!.claimRef = { ...volume.spec.claimRef, uid: '' };
    }
    const updated = this.api.update('persistentvolumes', '', next) as Result<PersistentVolume>;
    if (!updated.ok) return updated;
    return this.updateVolumePhase(updated.value, 'Available', '');
  }
}
