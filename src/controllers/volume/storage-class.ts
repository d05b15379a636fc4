/**
 * StorageClasses as the PV controller uses them, and the default class of the playground: like
 * minikube's `standard`, provisioned by its hostpath provisioner (`k8s.io/minikube-hostpath`).
 */
import type { KubeObject } from '../../api/types.js';

/** storageclass.kubernetes.io/is-default-class. */
export const ANN_IS_DEFAULT_CLASS = 'storageclass.kubernetes.io/is-default-class';
/** storageclass.beta.kubernetes.io/is-default-class. */
export const ANN_BETA_IS_DEFAULT_CLASS = 'storageclass.beta.kubernetes.io/is-default-class';
/** The provisioner name of minikube's storage-provisioner. */
export const HOSTPATH_PROVISIONER = 'k8s.io/minikube-hostpath';
/** The name of the default class. */
export const DEFAULT_STORAGE_CLASS_NAME = 'standard';

/** A StorageClass. */
export interface StorageClass extends KubeObject {
  provisioner?: string;
  reclaimPolicy?: string;
  volumeBindingMode?: string;
  mountOptions?: string[];
  parameters?: Record<string, string>;
}

/**
 * The StorageClass the cluster creates at start, as minikube's addon does: `standard`, the
 * default class, hostpath provisioner, reclaim policy Delete, binding mode Immediate.
 */
export function defaultStorageClass(): KubeObject {
  return {
    apiVersion: 'storage.k8s.io/v1',
    kind: 'StorageClass',
    metadata: {
      name: DEFAULT_STORAGE_CLASS_NAME,
      labels: { 'addonmanager.kubernetes.io/mode': 'EnsureExists' },
      annotations: { [ANN_IS_DEFAULT_CLASS]: 'true' },
    },
    provisioner: HOSTPATH_PROVISIONER,
    reclaimPolicy: 'Delete',
    volumeBindingMode: 'Immediate',
  };
}

/** IsDefaultAnnotation: the annotation (or its beta form) is exactly "true". */
export function isDefaultClass(sc: Readonly<KubeObject>): boolean {
  const a = sc.metadata.annotations;
  return a?.[ANN_IS_DEFAULT_CLASS] === 'true' || a?.[ANN_BETA_IS_DEFAULT_CLASS] === 'true';
}

/** util.GetDefaultClass: the newest default class (by creation time, then name), if any. */
export function getDefaultClass(classes: readonly StorageClass[]): StorageClass | undefined {
  let best: StorageClass | undefined;
  for (const sc of classes) {
    if (!isDefaultClass(sc)) continue;
    if (best === undefined) {
      best = sc;
      continue;
    }
    const a = sc.metadata.creationTimestamp ?? '';
    const b = best.metadata.creationTimestamp ?? '';
    if (a > b || (a === b && (sc.metadata.name ?? '') < (best.metadata.name ?? ''))) best = sc;
  }
  return best;
}

/** IsDelayBindingMode: the class binds on first consumer. */
export function isDelayBinding(sc: Readonly<StorageClass> | undefined): boolean {
  return sc?.volumeBindingMode === 'WaitForFirstConsumer';
}
