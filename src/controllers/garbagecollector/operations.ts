/**
 * The garbage collector's API calls (operations.go and patch.go): reading, deleting and patching
 * an object known only by its identity (apiVersion, kind, namespace, name, uid), through the
 * resource its kind maps to.
 */
import type { KubeObject } from '../../api/types.js';
import type { Status } from '../../api/status.js';
import { jsonEqual } from '../../api/equal.js';
import type { ApiClient, DeleteOptions } from '../../apiserver/types.js';
import type { ResourceInfo } from '../../apiserver/registry.js';
import { resourceForKind } from '../../apiserver/registry.js';
import type { ObjectIdentity } from './graph.js';

/** metav1.FinalizerDeleteDependents. */
export const FINALIZER_DELETE_DEPENDENTS = 'foregroundDeletion';
/** metav1.FinalizerOrphanDependents. */
export const FINALIZER_ORPHAN_DEPENDENTS = 'orphan';

const DONE: GcResult<void> = { ok: true, value: undefined };

/** How many times a finalizer removal is retried on conflicts (retry.DefaultBackoff.Steps). */
const FINALIZER_UPDATE_RETRIES = 4;

/** What a GC operation returns: the object, or why not (an API Status, or a kind no resource serves). */
export type GcResult<T> = { ok: true; value: T } | { ok: false; status: Status } | { ok: false; restMapping: string };

/** The served resource of an apiVersion/kind (gc.apiResource), or the restMappingError text. */
export function apiResource(apiVersion: string, kind: string): { ok: true; info: ResourceInfo } | { ok: false; restMapping: string } {
  const info = resourceForKind(apiVersion, kind);
  if (info !== undefined) return { ok: true, info };
  return { ok: false, restMapping: `unable to get REST mapping for ${apiVersion}/${kind}.` };
}

/** The namespace a request for `info` uses (resourceDefaultNamespace). */
function requestNamespace(info: ResourceInfo, namespace: string): string {
  return info.namespaced ? namespace : '';
}

/** gc.getObject: a live GET of the object. */
export function getObject(api: ApiClient, id: ObjectIdentity): GcResult<KubeObject> {
  const resource = apiResource(id.apiVersion, id.kind);
  if (!resource.ok) return resource;
  return api.get(resource.info.resource, requestNamespace(resource.info, id.namespace), id.name);
}

/**
 * gc.deleteObject: a delete preconditioned on the uid and, when known, the resourceVersion the
 * decision was made on. When only unrelated fields changed meanwhile (same ownerReferences), the
 * delete is retried with the uid precondition alone, so busy objects are not starved.
 */
export function deleteObject(
  api: ApiClient,
  id: ObjectIdentity,
  resourceVersion: string,
  ownersAtResourceVersion: KubeObject['metadata']['ownerReferences'],
  propagationPolicy: NonNullable<DeleteOptions['propagationPolicy']>,
): GcResult<void> {
  const resource = apiResource(id.apiVersion, id.kind);
  if (!resource.ok) return resource;
  const { info } = resource;
  const ns = requestNamespace(info, id.namespace);
  const preconditions: NonNullable<DeleteOptions['preconditions']> = { uid: id.uid };
  if (resourceVersion !== '') preconditions.resourceVersion = resourceVersion;
  const deleted = api.delete(info.resource, ns, id.name, { preconditions, propagationPolicy });
  if (deleted.ok || deleted.status.code === 404) return DONE;
  if (deleted.status.code !== 409 || resourceVersion === '') return deleted;
  const live = api.get(info.resource, ns, id.name);
  if (!live.ok) return live.status.code === 404 ? DONE : deleted;
  const meta = live.value.metadata;
  if (meta.uid === id.uid && meta.resourceVersion !== resourceVersion && jsonEqual(meta.ownerReferences ?? [], ownersAtResourceVersion ?? [])) {
    const retried = api.delete(info.resource, ns, id.name, { preconditions: { uid: id.uid }, propagationPolicy });
    return retried.ok || retried.status.code === 404 ? DONE : retried;
  }
  return deleted;
}

/** gc.patch: a strategic merge patch of the object. */
export function patchObject(api: ApiClient, id: ObjectIdentity, patch: unknown): GcResult<KubeObject> {
  const resource = apiResource(id.apiVersion, id.kind);
  if (!resource.ok) return resource;
  return api.patch(resource.info.resource, requestNamespace(resource.info, id.namespace), id.name, 'strategic', patch);
}

/** GenerateDeleteOwnerRefStrategicMergeBytes: removes the references to `ownerUids` from the dependent `dependentUid`. */
export function deleteOwnerRefsPatch(dependentUid: string, ownerUids: readonly string[]): unknown {
  return { metadata: { ownerReferences: ownerUids.map((uid) => ({ $patch: 'delete', uid })), uid: dependentUid } };
}

/**
 * gc.removeFinalizer: drops `finalizer` from the live object with a merge patch carrying its
 * resourceVersion, retrying on conflicts. A gone object or a finalizer already removed is success.
 */
export function removeFinalizer(api: ApiClient, id: ObjectIdentity, finalizer: string): GcResult<void> {
  let last: GcResult<void> = DONE;
  for (let attempt = 0; attempt < FINALIZER_UPDATE_RETRIES; attempt++) {
    const latest = getObject(api, id);
    if (!latest.ok) return 'status' in latest && latest.status.code === 404 ? DONE : latest;
    const finalizers = latest.value.metadata.finalizers ?? [];
    if (!finalizers.includes(finalizer)) return DONE;
    const remaining = finalizers.filter((f) => f !== finalizer);
    const resource = apiResource(id.apiVersion, id.kind);
    if (!resource.ok) return resource;
    const patch = { metadata: { resourceVersion: latest.value.metadata.resourceVersion ?? '', finalizers: remaining.length === 0 ? null : remaining } };
    const patched = api.patch(resource.info.resource, requestNamespace(resource.info, id.namespace), id.name, 'merge', patch);
    if (patched.ok || patched.status.code === 404) return DONE;
    last = patched;
    if (patched.status.code !== 409) return patched;
  }
  return last;
}
