/**
 * attemptToDeleteItem and attemptToOrphan (garbagecollector.go): decide, from the live object and
 * its owners as the API server has them now, whether a node is garbage, and act: delete it with
 * the right propagation, drop references to owners that are gone or being deleted in the
 * foreground, finish a foreground deletion, or orphan an owner's dependents.
 */
import type { KubeObject, OwnerReference } from '../../api/types.js';
import type { ApiClient } from '../../apiserver/types.js';
import type { ReferenceCache } from './absent-owner-cache.js';
import type { GraphBuilder } from './graph-builder.js';
import { ownerIdentity, type GraphNode, type ObjectIdentity } from './graph.js';
import {
  apiResource,
  deleteObject,
  deleteOwnerRefsPatch,
  FINALIZER_DELETE_DEPENDENTS,
  FINALIZER_ORPHAN_DEPENDENTS,
  getObject,
  patchObject,
  removeFinalizer,
  type GcResult,
} from './operations.js';

/**
 * What processing a node asks of its queue: `forget` (done), `requeue` (rate-limited retry), or
 * `virtualDelete` (a virtual delete event was queued for the graph; nothing more to do here).
 */
export type ItemAction = 'forget' | 'requeue' | 'virtualDelete';

/** What the deciding steps need. */
export interface CollectorContext {
  api: ApiClient;
  graph: GraphBuilder;
  absentOwnerCache: ReferenceCache;
  /** Queues a node for attemptToDelete. */
  attemptToDelete(node: GraphNode): void;
}

type Classified = { solid: OwnerReference[]; dangling: OwnerReference[]; waiting: OwnerReference[] };

/** attemptToDeleteItem: the decision for one node. */
export function attemptToDeleteItem(c: CollectorContext, item: GraphNode): ItemAction {
  // "Being deleted" is a one-way trip: wait for the final deletion, then the dependents are processed.
  if (item.beingDeleted && !item.deletingDependents) return 'forget';
  const latest = getObject(c.api, item.identity);
  if (!latest.ok) {
    if ('restMapping' in latest) return 'forget';
    if (latest.status.code !== 404) return 'requeue';
    c.graph.enqueueVirtualDelete(item.identity);
    return 'virtualDelete';
  }
  if (latest.value.metadata.uid !== item.identity.uid) {
    c.graph.enqueueVirtualDelete(item.identity);
    return 'virtualDelete';
  }
  if (item.deletingDependents) return outcome(processDeletingDependentsItem(c, item));

  const ownerReferences = latest.value.metadata.ownerReferences ?? [];
  if (ownerReferences.length === 0) return 'forget';
  const classified = classifyReferences(c, item, ownerReferences);
  if (classified === 'forget' || classified === 'requeue') return classified;
  const { solid, dangling, waiting } = classified;

  if (solid.length > 0) {
    if (dangling.length === 0 && waiting.length === 0) return 'forget';
    // References to owners gone or waiting in the foreground go, or those owners would wait forever.
    const ownerUids = [...dangling, ...waiting].map((ref) => ref.uid);
    return outcome(patchObject(c.api, item.identity, deleteOwnerRefsPatch(item.identity.uid, ownerUids)));
  }
  if (waiting.length > 0 && item.dependents.size > 0) {
    for (const dep of item.dependents) {
      if (!dep.deletingDependents) continue;
      // A possible cycle: make this item's references non-blocking before deleting it in the foreground.
      const unblocked = patchObject(c.api, item.identity, unblockOwnerReferencesPatch(item));
      if (!unblocked.ok) return outcome(unblocked);
      break;
    }
    return outcome(deleteObject(c.api, item.identity, latest.value.metadata.resourceVersion ?? '', ownerReferences, 'Foreground'));
  }
  // No solid owner: garbage. Honour a propagation finalizer already on the object.
  const finalizers = latest.value.metadata.finalizers ?? [];
  const policy = finalizers.includes(FINALIZER_ORPHAN_DEPENDENTS) ? 'Orphan' : finalizers.includes(FINALIZER_DELETE_DEPENDENTS) ? 'Foreground' : 'Background';
  return outcome(deleteObject(c.api, item.identity, latest.value.metadata.resourceVersion ?? '', ownerReferences, policy));
}

/** processDeletingDependentsItem: finish a foreground deletion once no blocking dependent is left. */
function processDeletingDependentsItem(c: CollectorContext, item: GraphNode): GcResult<void> {
  const blocking = item.blockingDependents();
  if (blocking.length === 0) return removeFinalizer(c.api, item.identity, FINALIZER_DELETE_DEPENDENTS);
  for (const dep of blocking) if (!dep.deletingDependents) c.attemptToDelete(dep);
  return { ok: true, value: undefined };
}

/**
 * classifyReferences: solid owners (exist, not waiting for their dependents), dangling ones (gone,
 * or another object under the name), and owners deleting their dependents in the foreground.
 */
function classifyReferences(c: CollectorContext, item: GraphNode, refs: readonly OwnerReference[]): Classified | 'forget' | 'requeue' {
  const out: Classified = { solid: [], dangling: [], waiting: [] };
  for (const ref of refs) {
    const checked = isDangling(c, ref, item);
    if (checked === 'forget' || checked === 'requeue') return checked;
    if (checked.dangling) out.dangling.push(ref);
    else if (checked.owner?.metadata.deletionTimestamp != null && (checked.owner.metadata.finalizers ?? []).includes(FINALIZER_DELETE_DEPENDENTS)) out.waiting.push(ref);
    else out.solid.push(ref);
  }
  return out;
}

/** isDangling: whether the owner a reference names is gone, checked against the absent-owner cache, then the API server. */
function isDangling(c: CollectorContext, ref: OwnerReference, item: GraphNode): { dangling: boolean; owner?: KubeObject } | 'forget' | 'requeue' {
  const clusterKey: ObjectIdentity = ownerIdentity(ref, '');
  if (c.absentOwnerCache.has(clusterKey)) return { dangling: true };
  const namespacedKey = ownerIdentity(ref, item.identity.namespace);
  if (c.absentOwnerCache.has(namespacedKey)) return { dangling: true };
  const resource = apiResource(ref.apiVersion, ref.kind);
  // An unknown owner kind never resolves in the playground (no CRDs): stop rather than retry forever.
  if (!resource.ok) return 'forget';
  const key = resource.info.namespaced ? namespacedKey : clusterKey;
  // A cluster-scoped object naming a namespaced owner is invalid and never resolves.
  if (item.identity.namespace === '' && resource.info.namespaced) return 'forget';
  const owner = c.api.get(resource.info.resource, resource.info.namespaced ? item.identity.namespace : '', ref.name);
  if (!owner.ok) {
    if (owner.status.code !== 404) return 'requeue';
    c.absentOwnerCache.add(key);
    return { dangling: true };
  }
  if (owner.value.metadata.uid !== ref.uid) {
    c.absentOwnerCache.add(key);
    return { dangling: true };
  }
  return { dangling: false, owner: owner.value };
}

/** unblockOwnerReferencesStrategicMergePatch: every blocking reference of the item, set non-blocking. */
function unblockOwnerReferencesPatch(item: GraphNode): unknown {
  const refs = item.owners.filter((ref) => ref.blockOwnerDeletion === true).map((ref) => ({ ...ref, blockOwnerDeletion: false }));
  return { metadata: { ownerReferences: refs, uid: item.identity.uid } };
}

/**
 * attemptToOrphanWorker: remove the owner's references from every dependent, then the owner's
 * `orphan` finalizer, which lets the API server finish deleting it.
 */
export function attemptToOrphan(c: CollectorContext, owner: GraphNode): ItemAction {
  for (const dep of [...owner.dependents]) {
    const patched = patchObject(c.api, dep.identity, deleteOwnerRefsPatch(dep.identity.uid, [owner.identity.uid]));
    if (!patched.ok && !('status' in patched && patched.status.code === 404)) return 'requeue';
  }
  return outcome(removeFinalizer(c.api, owner.identity, FINALIZER_ORPHAN_DEPENDENTS));
}

function outcome(result: GcResult<unknown>): ItemAction {
  if (result.ok) return 'forget';
  return 'restMapping' in result ? 'forget' : 'requeue';
}
