/**
 * The storage printers: StorageClass, PersistentVolume and PersistentVolumeClaim (upstream
 * printStorageClass, printPersistentVolume, printPersistentVolumeClaim and the core helpers
 * GetAccessModesAsString, GetPersistentVolumeClass, GetPersistentVolumeClaimClass).
 */
import type { KubeObject } from '../api/types.js';
import { formatAge } from './age.js';
import { ageColumn, boolCell, column, nameColumn, type Cell, type KindPrinter, type PrintContext } from './columns.js';
import { quantityString } from './quantity.js';

/** storageclass.kubernetes.io/is-default-class and its beta form (storageutil.IsDefaultAnnotation). */
const isDefaultClassAnnotations = [
  'storageclass.kubernetes.io/is-default-class',
  'storageclass.beta.kubernetes.io/is-default-class',
];

/** core.BetaStorageClassAnnotation, which wins over `spec.storageClassName` when present. */
const betaStorageClassAnnotation = 'volume.beta.kubernetes.io/storage-class';

/** Access modes and their short forms, in the order GetAccessModesAsString writes them. */
const accessModeAbbreviations: readonly (readonly [string, string])[] = [
  ['ReadWriteOnce', 'RWO'],
  ['ReadOnlyMany', 'ROX'],
  ['ReadWriteMany', 'RWX'],
  ['ReadWriteOncePod', 'RWOP'],
];

/** GetAccessModesAsString: `RWO,ROX,RWX,RWOP` order whatever the input order, duplicates once. */
export function accessModesString(modes: readonly string[] | null | undefined): string {
  const present = new Set(modes ?? []);
  return accessModeAbbreviations
    .filter(([mode]) => present.has(mode))
    .map(([, short]) => short)
    .join(',');
}

function isDeleting(object: KubeObject): boolean {
  return object.metadata.deletionTimestamp !== undefined && object.metadata.deletionTimestamp !== null;
}

/** The parts of a StorageClass the printer reads. */
interface StorageClassView extends KubeObject {
  provisioner?: string;
  reclaimPolicy?: string | null;
  volumeBindingMode?: string | null;
  allowVolumeExpansion?: boolean | null;
}

/** StorageClasses: NAME PROVISIONER RECLAIMPOLICY VOLUMEBINDINGMODE ALLOWVOLUMEEXPANSION AGE. */
export const storageClassPrinter: KindPrinter = {
  columns: [
    nameColumn,
    column('Provisioner', 'string', 'provisioner indicates the type of the provisioner.'),
    column('ReclaimPolicy', 'string', 'reclaimPolicy controls the reclaimPolicy for dynamically provisioned PersistentVolumes of this storage class. Defaults to Delete.'),
    column('VolumeBindingMode', 'string', 'volumeBindingMode indicates how PersistentVolumeClaims should be provisioned and bound.  When unset, VolumeBindingImmediate is used. This field is only honored by servers that enable the VolumeScheduling feature.'),
    column('AllowVolumeExpansion', 'string', 'allowVolumeExpansion shows whether the storage class allow volume expand.'),
    ageColumn,
  ],
  cells(object: KubeObject, { now }: PrintContext): Cell[] {
    const storageClass = object as StorageClassView;
    const annotations = storageClass.metadata.annotations ?? {};
    const isDefault = isDefaultClassAnnotations.some((key) => annotations[key] === 'true');
    return [
      `${storageClass.metadata.name ?? ''}${isDefault ? ' (default)' : ''}`,
      storageClass.provisioner ?? '',
      storageClass.reclaimPolicy ?? 'Delete',
      storageClass.volumeBindingMode ?? 'Immediate',
      boolCell(storageClass.allowVolumeExpansion),
      formatAge(storageClass.metadata.creationTimestamp, now),
    ];
  },
};

/** The parts of a PersistentVolume the printer reads. */
interface PersistentVolumeView extends KubeObject {
  spec?: {
    capacity?: Record<string, unknown>;
    accessModes?: string[] | null;
    persistentVolumeReclaimPolicy?: string;
    claimRef?: { namespace?: string; name?: string } | null;
    storageClassName?: string;
    volumeMode?: string | null;
    volumeAttributesClassName?: string | null;
  };
  status?: { phase?: string; reason?: string };
}

/**
 * PersistentVolumes: NAME CAPACITY ACCESS MODES RECLAIM POLICY STATUS CLAIM STORAGECLASS
 * VOLUMEATTRIBUTESCLASS REASON AGE; wide VOLUMEMODE.
 */
export const persistentVolumePrinter: KindPrinter = {
  columns: [
    nameColumn,
    column('Capacity', 'string', "capacity is the description of the persistent volume's resources and capacity. More info: https://kubernetes.io/docs/concepts/storage/persistent-volumes#capacity"),
    column('Access Modes', 'string', 'accessModes contains all ways the volume can be mounted. More info: https://kubernetes.io/docs/concepts/storage/persistent-volumes#access-modes'),
    column('Reclaim Policy', 'string', 'persistentVolumeReclaimPolicy defines what happens to a persistent volume when released from its claim. Valid options are Retain (default for manually created PersistentVolumes), Delete (default for dynamically provisioned PersistentVolumes), and Recycle (deprecated). Recycle must be supported by the volume plugin underlying this PersistentVolume. More info: https://kubernetes.io/docs/concepts/storage/persistent-volumes#reclaiming'),
    column('Status', 'string', 'phase indicates if a volume is available, bound to a claim, or released by a claim. More info: https://kubernetes.io/docs/concepts/storage/persistent-volumes#phase'),
    column('Claim', 'string', 'claimRef is part of a bi-directional binding between PersistentVolume and PersistentVolumeClaim. Expected to be non-nil when bound. claim.VolumeName is the authoritative bind between PV and PVC. More info: https://kubernetes.io/docs/concepts/storage/persistent-volumes#binding'),
    column('StorageClass', 'string', 'StorageClass of the pv'),
    column('VolumeAttributesClass', 'string', 'VolumeAttributesClass of the pv'),
    column('Reason', 'string', 'reason is a brief CamelCase string that describes any failure and is meant for machine parsing and tidy display in the CLI.'),
    ageColumn,
    column('VolumeMode', 'string', 'volumeMode defines if a volume is intended to be used with a formatted filesystem or to remain in raw block state. Value of Filesystem is implied when not included in spec.', 1),
  ],
  cells(object: KubeObject, { now }: PrintContext): Cell[] {
    const volume = object as PersistentVolumeView;
    const spec = volume.spec ?? {};
    const claimRef = spec.claimRef;
    const claim = claimRef === undefined || claimRef === null ? '' : `${claimRef.namespace ?? ''}/${claimRef.name ?? ''}`;
    const storageClass = volume.metadata.annotations?.[betaStorageClassAnnotation] ?? spec.storageClassName ?? '';
    return [
      volume.metadata.name ?? '',
      quantityString(spec.capacity?.['storage']),
      accessModesString(spec.accessModes),
      spec.persistentVolumeReclaimPolicy ?? '',
      isDeleting(volume) ? 'Terminating' : (volume.status?.phase ?? ''),
      claim,
      storageClass,
      spec.volumeAttributesClassName ?? '<unset>',
      volume.status?.reason ?? '',
      formatAge(volume.metadata.creationTimestamp, now),
      spec.volumeMode ?? '<unset>',
    ];
  },
};

/** The parts of a PersistentVolumeClaim the printer reads. */
interface PersistentVolumeClaimView extends KubeObject {
  spec?: {
    volumeName?: string;
    storageClassName?: string | null;
    volumeMode?: string | null;
    volumeAttributesClassName?: string | null;
  };
  status?: { phase?: string; accessModes?: string[] | null; capacity?: Record<string, unknown> };
}

/**
 * PersistentVolumeClaims: NAME STATUS VOLUME CAPACITY ACCESS MODES STORAGECLASS
 * VOLUMEATTRIBUTESCLASS AGE; wide VOLUMEMODE. CAPACITY and ACCESS MODES stay empty until the
 * claim names its volume.
 */
export const persistentVolumeClaimPrinter: KindPrinter = {
  columns: [
    nameColumn,
    column('Status', 'string', 'phase represents the current phase of PersistentVolumeClaim.'),
    column('Volume', 'string', 'volumeName is the binding reference to the PersistentVolume backing this claim.'),
    column('Capacity', 'string', 'capacity represents the actual resources of the underlying volume.'),
    column('Access Modes', 'string', 'accessModes contains the actual access modes the volume backing the PVC has. More info: https://kubernetes.io/docs/concepts/storage/persistent-volumes#access-modes-1'),
    column('StorageClass', 'string', 'StorageClass of the pvc'),
    column('VolumeAttributesClass', 'string', 'VolumeAttributesClass of the pvc'),
    ageColumn,
    column('VolumeMode', 'string', 'volumeMode defines what type of volume is required by the claim. Value of Filesystem is implied when not included in claim spec.', 1),
  ],
  cells(object: KubeObject, { now }: PrintContext): Cell[] {
    const claim = object as PersistentVolumeClaimView;
    const spec = claim.spec ?? {};
    const volumeName = spec.volumeName ?? '';
    const bound = volumeName !== '';
    const storageClass = claim.metadata.annotations?.[betaStorageClassAnnotation] ?? spec.storageClassName ?? '';
    return [
      claim.metadata.name ?? '',
      isDeleting(claim) ? 'Terminating' : (claim.status?.phase ?? ''),
      volumeName,
      bound ? quantityString(claim.status?.capacity?.['storage']) : '',
      bound ? accessModesString(claim.status?.accessModes) : '',
      storageClass,
      spec.volumeAttributesClassName ?? '<unset>',
      formatAge(claim.metadata.creationTimestamp, now),
      spec.volumeMode ?? '<unset>',
    ];
  },
};
