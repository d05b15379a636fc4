/**
 * Owner references as controllers write them (metav1.NewControllerRef) and read them.
 */
import type { KubeObject, OwnerReference } from '../../api/types.js';
import { getControllerOf } from '../../client/index-funcs.js';

/** metav1.NewControllerRef: the reference a controller puts on what it creates (controller and blockOwnerDeletion true). */
export function newControllerRef(owner: Readonly<KubeObject>): OwnerReference {
  return {
    apiVersion: owner.apiVersion,
    kind: owner.kind,
    name: owner.metadata.name ?? '',
    uid: owner.metadata.uid ?? '',
    controller: true,
    blockOwnerDeletion: true,
  };
}

/** True when `obj` is controlled by `owner` (its controller reference carries the owner's uid). */
export function isControlledBy(obj: Readonly<KubeObject>, owner: Readonly<KubeObject>): boolean {
  const ref = getControllerOf(obj);
  return ref !== undefined && ref.uid === owner.metadata.uid;
}

/**
 * controller.resolveControllerRef: the owner named by `obj`'s controller reference if it is of
 * `kind` and the cached one has the same uid (a recreated owner with the same name is not the owner).
 */
export function resolveControllerRef<T extends KubeObject>(
  obj: Readonly<KubeObject>,
  kind: string,
  get: (namespace: string, name: string) => T | undefined,
): T | undefined {
  const ref = getControllerOf(obj);
  if (ref === undefined || ref.kind !== kind) return undefined;
  const owner = get(obj.metadata.namespace ?? '', ref.name);
  return owner !== undefined && owner.metadata.uid === ref.uid ? owner : undefined;
}
