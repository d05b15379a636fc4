/**
 * The indexes the cluster's components need, under the names Kubernetes gives them
 * (client-go tools/cache/index.go and pkg/controller/controller_utils.go).
 */
import type { KubeObject, OwnerReference } from '../api/types.js';
import type { IndexFunc } from './indexer.js';

/** cache.NamespaceIndex: objects by `metadata.namespace` ('' for cluster-scoped objects). */
export const NAMESPACE_INDEX = 'namespace';

/** cache.MetaNamespaceIndexFunc. */
export const metaNamespaceIndexFunc: IndexFunc<KubeObject> = (obj) => [obj.metadata.namespace ?? ''];

/** controller.PodNodeNameKeyIndex: pods by `spec.nodeName` (unscheduled pods are not indexed). */
export const POD_NODE_NAME_INDEX = 'spec.nodeName';

/** The index function behind `POD_NODE_NAME_INDEX` (controller.AddPodNodeNameIndexer). */
export const podNodeNameIndexFunc: IndexFunc<KubeObject> = (obj) => {
  const nodeName = (obj['spec'] as { nodeName?: unknown } | undefined)?.nodeName;
  return typeof nodeName === 'string' && nodeName !== '' ? [nodeName] : [];
};

/**
 * Objects by the uid of their controller (the owner reference with `controller: true`): pods by
 * ReplicaSet, ReplicaSets by Deployment, … Objects without a controller are not indexed; for pods,
 * `PodControllerUIDIndex` also indexes orphans, as the ReplicaSet controller needs for adoption.
 */
export const CONTROLLER_UID_INDEX = 'controllerUID';

/** The index function behind `CONTROLLER_UID_INDEX`. */
export const controllerUidIndexFunc: IndexFunc<KubeObject> = (obj) => {
  const ref = getControllerOf(obj);
  return ref === undefined ? [] : [ref.uid];
};

/** controller.PodControllerUIDIndex: pods by controller uid, orphans by `orphanPodIndexKeyForNamespace`. */
export const POD_CONTROLLER_UID_INDEX = 'podControllerUID';

/** controller.OrphanPodIndexKey. */
export const ORPHAN_POD_INDEX_KEY = '_ORPHAN_POD';

/** controller.OrphanPodIndexKeyForNamespace: the `POD_CONTROLLER_UID_INDEX` value of the orphan pods of a namespace. */
export function orphanPodIndexKeyForNamespace(namespace: string): string {
  return `${ORPHAN_POD_INDEX_KEY}/${namespace}`;
}

/** The index function behind `POD_CONTROLLER_UID_INDEX` (controller.AddPodControllerUIDIndexer). */
export const podControllerUidIndexFunc: IndexFunc<KubeObject> = (obj) => {
  const ref = getControllerOf(obj);
  return [ref === undefined ? orphanPodIndexKeyForNamespace(obj.metadata.namespace ?? '') : ref.uid];
};

/** metav1.GetControllerOf: the owner reference with `controller: true`, if any. */
export function getControllerOf(obj: Readonly<KubeObject>): OwnerReference | undefined {
  const refs = obj.metadata.ownerReferences;
  if (refs === undefined) return undefined;
  for (const ref of refs) if (ref.controller === true) return ref;
  return undefined;
}
