/**
 * Defaults of pod volumes and of the in-tree volume sources that PersistentVolumes share
 * (SetDefaults_Volume and the SetDefaults_*VolumeSource functions of pkg/apis/core/v1).
 */
import type { Fields } from './fields.js';
import { child, defaultPointer, defaultString, ensureChild, items } from './fields.js';
import { defaultDownwardSelectors } from './container.js';
import { canonicalQuantityField, defaultResourceList } from './resource-list.js';

/** 0644, the default file mode of secret, configMap, downwardAPI and projected volumes. */
export const DEFAULT_VOLUME_MODE = 420;
/** An hour: the default lifetime of a projected service account token. */
const SERVICE_ACCOUNT_TOKEN_EXPIRATION_SECONDS = 3600;

/** The members of v1.VolumeSource: a volume naming none of them is an emptyDir. */
const VOLUME_SOURCES = [
  'hostPath', 'emptyDir', 'gcePersistentDisk', 'awsElasticBlockStore', 'gitRepo', 'secret', 'nfs', 'iscsi',
  'glusterfs', 'persistentVolumeClaim', 'rbd', 'flexVolume', 'cinder', 'cephfs', 'flocker', 'downwardAPI', 'fc',
  'azureFile', 'configMap', 'vsphereVolume', 'quobyte', 'azureDisk', 'photonPersistentDisk', 'projected',
  'portworxVolume', 'scaleIO', 'storageos', 'csi', 'ephemeral', 'image',
] as const;

/**
 * The in-tree sources whose defaults pods and PersistentVolumes share: hostPath type `""`
 * (HostPathUnset), iSCSI interface `default`, RBD pool/user/keyring, Azure disk caching, kind,
 * fsType and readOnly, ScaleIO storage mode and fsType.
 */
export function defaultSharedVolumeSources(source: Fields): void {
  const hostPath = child(source, 'hostPath');
  if (hostPath) defaultPointer(hostPath, 'type', '');
  const iscsi = child(source, 'iscsi');
  if (iscsi) defaultString(iscsi, 'iscsiInterface', 'default');
  const rbd = child(source, 'rbd');
  if (rbd) {
    defaultString(rbd, 'pool', 'rbd');
    defaultString(rbd, 'user', 'admin');
    defaultString(rbd, 'keyring', '/etc/ceph/keyring');
  }
  const azureDisk = child(source, 'azureDisk');
  if (azureDisk) {
    defaultPointer(azureDisk, 'cachingMode', 'ReadWrite');
    defaultPointer(azureDisk, 'kind', 'Shared');
    defaultPointer(azureDisk, 'fsType', 'ext4');
    defaultPointer(azureDisk, 'readOnly', false);
  }
  const scaleIO = child(source, 'scaleIO');
  if (scaleIO) {
    defaultString(scaleIO, 'storageMode', 'ThinProvisioned');
    defaultString(scaleIO, 'fsType', 'xfs');
  }
}

/** SetDefaults_PersistentVolumeClaimSpec and its resource lists: volumeMode `Filesystem`. */
export function defaultPersistentVolumeClaimSpec(spec: Fields): void {
  defaultPointer(spec, 'volumeMode', 'Filesystem');
  const resources = child(spec, 'resources');
  if (resources) {
    defaultResourceList(resources.limits);
    defaultResourceList(resources.requests);
  }
}

function defaultDownwardAPIItems(holder: Fields): void {
  for (const item of items(holder, 'items')) defaultDownwardSelectors(item);
}

function defaultProjected(projected: Fields): void {
  defaultPointer(projected, 'defaultMode', DEFAULT_VOLUME_MODE);
  for (const source of items(projected, 'sources')) {
    const downwardAPI = child(source, 'downwardAPI');
    if (downwardAPI) defaultDownwardAPIItems(downwardAPI);
    const token = child(source, 'serviceAccountToken');
    if (token) defaultPointer(token, 'expirationSeconds', SERVICE_ACCOUNT_TOKEN_EXPIRATION_SECONDS);
  }
}

/** Defaults one pod volume: an emptyDir when it names no source, then its source's defaults. */
export function defaultVolume(volume: Fields): void {
  if (!VOLUME_SOURCES.some((source) => volume[source] !== undefined && volume[source] !== null)) volume.emptyDir = {};
  defaultSharedVolumeSources(volume);
  const emptyDir = child(volume, 'emptyDir');
  if (emptyDir && emptyDir.sizeLimit !== undefined && emptyDir.sizeLimit !== null) {
    emptyDir.sizeLimit = canonicalQuantityField(emptyDir.sizeLimit);
  }
  for (const key of ['secret', 'configMap'] as const) {
    const source = child(volume, key);
    if (source) defaultPointer(source, 'defaultMode', DEFAULT_VOLUME_MODE);
  }
  const downwardAPI = child(volume, 'downwardAPI');
  if (downwardAPI) {
    defaultPointer(downwardAPI, 'defaultMode', DEFAULT_VOLUME_MODE);
    defaultDownwardAPIItems(downwardAPI);
  }
  const projected = child(volume, 'projected');
  if (projected) defaultProjected(projected);
  const ephemeral = child(volume, 'ephemeral');
  const claimTemplate = ephemeral ? child(ephemeral, 'volumeClaimTemplate') : undefined;
  if (claimTemplate) defaultPersistentVolumeClaimSpec(ensureChild(claimTemplate, 'spec'));
}
