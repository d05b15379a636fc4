/**
 * syncClaim (pv_controller.go): a claim not yet bound looks for a volume (the one it names, one
 * pre-bound to it, or the smallest that fits), binds to it, and otherwise asks for one to be
 * provisioned or says why it waits; a bound claim keeps both halves of the binding in step.
 */
import type { KubeObject } from '../../api/types.js';
import type { Result } from '../../api/result.js';
import { ok } from '../../api/result.js';
import type { ApiClient } from '../../apiserver/types.js';
import type { EventRecorder } from '../../client/event-recorder.js';
import type { Lister } from '../../client/lister.js';
import type { VolumeBinder } from './binder.js';
import { getDefaultClass, isDelayBinding, type StorageClass } from './storage-class.js';
import {
  ANN_BETA_STORAGE_PROVISIONER,
  ANN_BIND_COMPLETED,
  ANN_BOUND_BY_CONTROLLER,
  ANN_SELECTED_NODE,
  ANN_STORAGE_PROVISIONER,
  claimClass,
  claimHasClass,
  isVolumeBoundToClaim,
  type PersistentVolume,
  type PersistentVolumeClaim,
} from './types.js';
import { checkVolumeSatisfyClaim, findBestMatchForClaim } from './volume-match.js';

/** What claim syncing reads and writes through. */
export interface ClaimSyncContext {
  api: ApiClient;
  binder: VolumeBinder;
  recorder: EventRecorder;
  volumes: Lister<PersistentVolume>;
  classes: Lister<StorageClass>;
  pods: Lister<KubeObject>;
}

/** syncClaim. */
export function syncClaim(c: ClaimSyncContext, claim: PersistentVolumeClaim): Result<void> {
  if (claim.metadata.annotations?.[ANN_BIND_COMPLETED] === undefined) return syncUnboundClaim(c, claim);
  return syncBoundClaim(c, claim);
}

function syncUnboundClaim(c: ClaimSyncContext, claim: PersistentVolumeClaim): Result<void> {
  const volumeName = claim.spec?.volumeName ?? '';
  if (volumeName === '') return syncClaimWithoutVolumeName(c, claim);
  // The user asked for a particular volume.
  const volume = c.volumes.get('', volumeName);
  if (volume === undefined) return pending(c, claim);
  const ref = volume.spec?.claimRef;
  if (ref === undefined || ref === null) {
    const mismatch = checkVolumeSatisfyClaim(volume, claim);
    if (mismatch === undefined) return c.binder.bind(volume, claim);
    c.recorder.event(claim, 'Warning', 'VolumeMismatch', `Cannot bind to requested volume ${JSON.stringify(volume.metadata.name ?? '')}: ${mismatch}`);
    return pending(c, claim);
  }
  if (isVolumeBoundToClaim(volume, claim)) return c.binder.bind(volume, claim);
  c.recorder.event(claim, 'Warning', 'FailedBinding', `volume ${JSON.stringify(volume.metadata.name ?? '')} already bound to a different claim.`);
  return claim.metadata.annotations?.[ANN_BOUND_BY_CONTROLLER] === undefined ? pending(c, claim) : ok(undefined);
}

/** The claim names no volume: bind the best match, or provision, or wait. */
function syncClaimWithoutVolumeName(c: ClaimSyncContext, claim: PersistentVolumeClaim): Result<void> {
  const className = claimClass(claim);
  const storageClass = className === '' ? undefined : c.classes.get('', className);
  const delayBinding = isDelayBinding(storageClass);
  const match = findBestMatchForClaim(claim, c.volumes.list(), delayBinding);
  if (!match.ok) return ok(undefined);
  if (match.volume !== undefined) return c.binder.bind(match.volume, claim);

  // No volume: a claim without a class gets the default one (retroactive default StorageClass).
  const assigned = assignDefaultStorageClass(c, claim);
  if (!assigned.ok || assigned.value) return assigned.ok ? ok(undefined) : assigned;

  if (delayBinding && claim.metadata.annotations?.[ANN_SELECTED_NODE] === undefined) {
    emitEventForUnboundDelayBindingClaim(c, claim);
  } else if (className !== '') {
    return provisionClaim(c, claim);
  } else {
    c.recorder.event(claim, 'Normal', 'FailedBinding', 'no persistent volumes available for this claim and no storage class is set');
  }
  return pending(c, claim);
}

function pending(c: ClaimSyncContext, claim: PersistentVolumeClaim): Result<void> {
  const updated = c.binder.updateClaimStatus(claim, 'Pending', undefined);
  return updated.ok ? ok(undefined) : updated;
}

/** assignDefaultStorageClass: true when the claim was updated (the update brings it back). */
function assignDefaultStorageClass(c: ClaimSyncContext, claim: PersistentVolumeClaim): Result<boolean> {
  if (claimHasClass(claim)) return ok(false);
  const defaultClass = getDefaultClass(c.classes.list());
  if (defaultClass === undefined) return ok(false);
  const updated = c.api.update('persistentvolumeclaims', claim.metadata.namespace ?? '', {
    ...claim,
    spec: { ...claim.spec, storageClassName: defaultClass.metadata.name ?? '' },
  });
  return updated.ok ? ok(true) : updated;
}

/**
 * provisionClaim: the class's provisioner is asked for a volume. Every provisioner here is
 * external (no in-tree plugin provisions), so the claim is annotated for it and told so.
 */
function provisionClaim(c: ClaimSyncContext, claim: PersistentVolumeClaim): Result<void> {
  const className = claimClass(claim);
  const storageClass = c.classes.get('', className);
  if (storageClass === undefined) {
    c.recorder.event(claim, 'Warning', 'ProvisioningFailed', `storageclass.storage.k8s.io ${JSON.stringify(className)} not found`);
    return ok(undefined);
  }
  const provisioner = storageClass.provisioner ?? '';
  if (provisioner.startsWith('kubernetes.io/')) {
    c.recorder.event(claim, 'Warning', 'ProvisioningFailed', `no volume plugin matched name: ${provisioner}`);
    return ok(undefined);
  }
  let current = claim;
  if (claim.metadata.annotations?.[ANN_STORAGE_PROVISIONER] !== provisioner) {
    const updated = c.api.update('persistentvolumeclaims', claim.metadata.namespace ?? '', {
      ...claim,
      metadata: { ...claim.metadata, annotations: { ...claim.metadata.annotations, [ANN_BETA_STORAGE_PROVISIONER]: provisioner, [ANN_STORAGE_PROVISIONER]: provisioner } },
    });
    if (!updated.ok) {
      c.recorder.event(claim, 'Warning', 'ProvisioningFailed', `Error saving claim: ${updated.status.message ?? ''}`);
      return updated;
    }
    current = updated.value as PersistentVolumeClaim;
  }
  c.recorder.event(
    current,
    'Normal',
    'ExternalProvisioning',
    `Waiting for a volume to be created either by the external provisioner '${provisioner}' or manually by the system administrator. If volume creation is delayed, please verify that the provisioner is running and correctly registered.`,
  );
  return ok(undefined);
}

/** emitEventForUnboundDelayBindingClaim: WaitForFirstConsumer, or WaitForPodScheduled naming the pods. */
function emitEventForUnboundDelayBindingClaim(c: ClaimSyncContext, claim: PersistentVolumeClaim): void {
  const podNames: string[] = [];
  for (const pod of c.pods.listNamespace(claim.metadata.namespace ?? '')) {
    const spec = (pod['spec'] ?? {}) as { nodeName?: string; volumes?: { persistentVolumeClaim?: { claimName?: string } }[] };
    if (spec.nodeName) continue;
    if ((spec.volumes ?? []).some((v) => v.persistentVolumeClaim?.claimName === claim.metadata.name)) podNames.push(pod.metadata.name ?? '');
  }
  if (podNames.length === 0) {
    c.recorder.event(claim, 'Normal', 'WaitForFirstConsumer', 'waiting for first consumer to be created before binding');
    return;
  }
  const message = podNames.length > 1 ? `waiting for pods ${podNames.join(',')} to be scheduled` : `waiting for pod ${podNames[0]!} to be scheduled`;
  c.recorder.event(claim, 'Normal', 'WaitForPodScheduled', message);
}

function syncBoundClaim(c: ClaimSyncContext, claim: PersistentVolumeClaim): Result<void> {
  const volumeName = claim.spec?.volumeName ?? '';
  if (volumeName === '') {
    return lost(c, claim, 'ClaimLost', 'Bound claim has lost reference to PersistentVolume. Data on the volume is lost!');
  }
  const volume = c.volumes.get('', volumeName);
  if (volume === undefined) return lost(c, claim, 'ClaimLost', 'Bound claim has lost its PersistentVolume. Data on the volume is lost!');
  const ref = volume.spec?.claimRef;
  if (ref === undefined || ref === null || ref.uid === claim.metadata.uid) return c.binder.bind(volume, claim);
  return lost(c, claim, 'ClaimMisbound', 'Two claims are bound to the same volume, this one is bound incorrectly');
}

function lost(c: ClaimSyncContext, claim: PersistentVolumeClaim, reason: string, message: string): Result<void> {
  const updated = c.binder.updateClaimStatusWithEvent(claim, 'Lost', 'Warning', reason, message);
  return updated.ok ? ok(undefined) : updated;
}
