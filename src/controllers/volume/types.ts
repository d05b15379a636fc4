/**
 * PersistentVolume and PersistentVolumeClaim as the PV controller reads them
 * (pkg/controller/volume/persistentvolume and component-helpers/storage/volume): typed views,
 * the annotations the binding protocol writes, and small accessors.
 */
import type { KubeObject } from '../../api/types.js';
import type { Quantity } from '../../api/quantity.js';
import { quantityFromJson } from '../../api/quantity.js';
import type { LabelSelector } from '../../api/label-selector.js';

/** pv.kubernetes.io/bind-completed: the claim's binding is done. */
export const ANN_BIND_COMPLETED = 'pv.kubernetes.io/bind-completed';
/** pv.kubernetes.io/bound-by-controller: the controller (not the user) made this half of the binding. */
export const ANN_BOUND_BY_CONTROLLER = 'pv.kubernetes.io/bound-by-controller';
/** volume.kubernetes.io/storage-provisioner: which provisioner should provision the claim. */
export const ANN_STORAGE_PROVISIONER = 'volume.kubernetes.io/storage-provisioner';
/** volume.beta.kubernetes.io/storage-provisioner: the same, as older provisioners read it. */
export const ANN_BETA_STORAGE_PROVISIONER = 'volume.beta.kubernetes.io/storage-provisioner';
/** pv.kubernetes.io/provisioned-by: which provisioner made the volume. */
export const ANN_DYNAMICALLY_PROVISIONED = 'pv.kubernetes.io/provisioned-by';
/** volume.kubernetes.io/selected-node: the scheduler's choice for a WaitForFirstConsumer claim. */
export const ANN_SELECTED_NODE = 'volume.kubernetes.io/selected-node';
/** volume.beta.kubernetes.io/storage-class: the class before spec.storageClassName existed. */
export const ANN_BETA_STORAGE_CLASS = 'volume.beta.kubernetes.io/storage-class';

/** corev1.ObjectReference as a PV's claimRef. */
export interface ClaimRef {
  kind?: string;
  namespace?: string;
  name?: string;
  uid?: string;
  apiVersion?: string;
  resourceVersion?: string;
}

/** A PersistentVolume. */
export interface PersistentVolume extends KubeObject {
  spec?: {
    capacity?: Record<string, string>;
    accessModes?: string[];
    claimRef?: ClaimRef | null;
    persistentVolumeReclaimPolicy?: string;
    storageClassName?: string;
    volumeMode?: string;
    hostPath?: { path?: string; type?: string };
    csi?: { driver?: string };
    [key: string]: unknown;
  };
  status?: { phase?: string; message?: string; reason?: string; lastPhaseTransitionTime?: string };
}

/** A PersistentVolumeClaim. */
export interface PersistentVolumeClaim extends KubeObject {
  spec?: {
    accessModes?: string[];
    selector?: LabelSelector | null;
    resources?: { requests?: Record<string, string> };
    volumeName?: string;
    storageClassName?: string | null;
    volumeMode?: string;
    [key: string]: unknown;
  };
  status?: { phase?: string; accessModes?: string[]; capacity?: Record<string, string>; [key: string]: unknown };
}

/** `ns/name`, the claim queue's key. */
export function claimKey(claim: Readonly<KubeObject>): string {
  return `${claim.metadata.namespace ?? ''}/${claim.metadata.name ?? ''}`;
}

/** claimrefToClaimKey. */
export function claimRefKey(ref: ClaimRef): string {
  return `${ref.namespace ?? ''}/${ref.name ?? ''}`;
}

/** GetPersistentVolumeClaimClass: the beta annotation, else spec.storageClassName, else ''. */
export function claimClass(claim: Readonly<PersistentVolumeClaim>): string {
  const beta = claim.metadata.annotations?.[ANN_BETA_STORAGE_CLASS];
  if (beta !== undefined) return beta;
  return claim.spec?.storageClassName ?? '';
}

/** PersistentVolumeClaimHasClass: the claim names a class, even '' (a nil storageClassName does not). */
export function claimHasClass(claim: Readonly<PersistentVolumeClaim>): boolean {
  if (claim.metadata.annotations?.[ANN_BETA_STORAGE_CLASS] !== undefined) return true;
  return claim.spec?.storageClassName !== undefined && claim.spec.storageClassName !== null;
}

/** GetPersistentVolumeClass. */
export function volumeClass(volume: Readonly<PersistentVolume>): string {
  const beta = volume.metadata.annotations?.[ANN_BETA_STORAGE_CLASS];
  if (beta !== undefined) return beta;
  return volume.spec?.storageClassName ?? '';
}

/** The claim's storage request (zero when absent). */
export function requestedStorage(claim: Readonly<PersistentVolumeClaim>): Quantity {
  const parsed = quantityFromJson(claim.spec?.resources?.requests?.['storage'] ?? '0');
  return parsed.ok ? parsed.value : { nanos: 0n, format: 'DecimalSI' };
}

/** The volume's storage capacity (zero when absent). */
export function volumeCapacity(volume: Readonly<PersistentVolume>): Quantity {
  const parsed = quantityFromJson(volume.spec?.capacity?.['storage'] ?? '0');
  return parsed.ok ? parsed.value : { nanos: 0n, format: 'DecimalSI' };
}

/** IsVolumeBoundToClaim: the claimRef names the claim (and its uid, once set). */
export function isVolumeBoundToClaim(volume: Readonly<PersistentVolume>, claim: Readonly<KubeObject>): boolean {
  const ref = volume.spec?.claimRef;
  if (ref === undefined || ref === null) return false;
  if (claim.metadata.name !== ref.name || claim.metadata.namespace !== ref.namespace) return false;
  return !ref.uid || ref.uid === claim.metadata.uid;
}

/** CheckVolumeModeMismatches: Filesystem unless stated. */
export function volumeModeMismatch(claim: Readonly<PersistentVolumeClaim>, volume: Readonly<PersistentVolume>): boolean {
  return (claim.spec?.volumeMode ?? 'Filesystem') !== (volume.spec?.volumeMode ?? 'Filesystem');
}

/** CheckAccessModes: every mode the claim asks for is one the volume offers. */
export function accessModesSatisfied(claim: Readonly<PersistentVolumeClaim>, volume: Readonly<PersistentVolume>): boolean {
  const offered = new Set(volume.spec?.accessModes ?? []);
  return (claim.spec?.accessModes ?? []).every((m) => offered.has(m));
}

/** reference.GetReference for a claim: the claimRef a volume bound to it carries. */
export function claimReference(claim: Readonly<KubeObject>): ClaimRef {
  return {
    kind: 'PersistentVolumeClaim',
    namespace: claim.metadata.namespace ?? '',
    name: claim.metadata.name ?? '',
    uid: claim.metadata.uid ?? '',
    apiVersion: 'v1',
    resourceVersion: claim.metadata.resourceVersion ?? '',
  };
}
