/**
 * Defaults of storage objects: PersistentVolume and PersistentVolumeClaim (core/v1) and
 * StorageClass (storage.k8s.io/v1).
 */
import type { KubeObject } from '../../api/types.js';
import type { Fields } from './fields.js';
import { child, cloneJson, defaultPointer, defaultString, ensureChild } from './fields.js';
import { defaultResourceList } from './resource-list.js';
import { defaultPersistentVolumeClaimSpec, defaultSharedVolumeSources } from './volumes.js';

/**
 * SetDefaults_PersistentVolumeClaim and its spec: `status.phase: Pending`, `volumeMode: Filesystem`,
 * canonical quantities. Also used for a StatefulSet's volume claim templates.
 */
export function defaultPersistentVolumeClaim(claim: KubeObject): KubeObject {
  const copy = cloneJson(claim) as KubeObject & Fields;
  const status = ensureChild(copy, 'status');
  defaultString(status, 'phase', 'Pending');
  defaultResourceList(status.capacity);
  defaultResourceList(status.allocatedResources);
  defaultPersistentVolumeClaimSpec(ensureChild(copy, 'spec'));
  return copy;
}

/**
 * SetDefaults_PersistentVolume: `status.phase: Pending`, reclaim policy `Retain`, `volumeMode:
 * Filesystem`, canonical capacity, and the defaults of its volume source.
 */
export function defaultPersistentVolume(volume: KubeObject): KubeObject {
  const copy = cloneJson(volume) as KubeObject & Fields;
  const status = ensureChild(copy, 'status');
  defaultString(status, 'phase', 'Pending');
  const spec = ensureChild(copy, 'spec');
  defaultString(spec, 'persistentVolumeReclaimPolicy', 'Retain');
  defaultPointer(spec, 'volumeMode', 'Filesystem');
  defaultResourceList(child(spec, 'capacity'));
  defaultSharedVolumeSources(spec);
  return copy;
}

/** SetDefaults_StorageClass: reclaim policy `Delete`, binding mode `Immediate`. */
export function defaultStorageClass(storageClass: KubeObject): KubeObject {
  const copy = cloneJson(storageClass) as KubeObject & Fields;
  defaultPointer(copy, 'reclaimPolicy', 'Delete');
  defaultPointer(copy, 'volumeBindingMode', 'Immediate');
  return copy;
}
