/**
 * What the graph builder reads from an object event (graph_builder.go): deletion state,
 * finalizers, and how the owner references changed.
 */
import type { KubeObject, OwnerReference } from '../../api/types.js';
import { jsonEqual } from '../../api/equal.js';

/** beingDeleted: the object has a deletionTimestamp. */
export function beingDeleted(obj: Readonly<KubeObject>): boolean {
  return obj.metadata.deletionTimestamp != null;
}

/** hasFinalizer. */
export function hasFinalizer(obj: Readonly<KubeObject>, finalizer: string): boolean {
  return (obj.metadata.finalizers ?? []).includes(finalizer);
}

/** deletionStartsWithFinalizer: being deleted with `finalizer` now, and not before. */
export function deletionStartsWithFinalizer(oldObj: Readonly<KubeObject> | undefined, obj: Readonly<KubeObject>, finalizer: string): boolean {
  if (!beingDeleted(obj) || !hasFinalizer(obj, finalizer)) return false;
  if (oldObj === undefined) return true;
  return !beingDeleted(oldObj) || !hasFinalizer(oldObj, finalizer);
}

/** A reference whose fields changed, before and after. */
export interface OwnerRefPair {
  oldRef: OwnerReference;
  newRef: OwnerReference;
}

/** referencesDiffs: owner references added, removed and changed (matched by uid). */
export function referencesDiffs(old: readonly OwnerReference[], current: readonly OwnerReference[]): { added: OwnerReference[]; removed: OwnerReference[]; changed: OwnerRefPair[] } {
  const added: OwnerReference[] = [];
  const changed: OwnerRefPair[] = [];
  if (old === current) return { added, removed: [], changed };
  const oldByUid = new Map(old.map((ref) => [ref.uid, ref]));
  for (const ref of current) {
    const before = oldByUid.get(ref.uid);
    if (before === undefined) {
      added.push(ref);
      continue;
    }
    if (!jsonEqual(before, ref)) changed.push({ oldRef: before, newRef: ref });
    oldByUid.delete(ref.uid);
  }
  return { added, removed: [...oldByUid.values()], changed };
}
