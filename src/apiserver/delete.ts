/**
 * The delete verb (Store.Delete with BeforeDelete): preconditions, graceful deletion for pods
 * (deletionTimestamp = now + grace; the kubelet finishes with grace 0), finalizers that keep an
 * object until its controllers are done (foregroundDeletion, orphan, namespaces' `kubernetes`).
 */
import type { KubeObject } from '../api/types.js';
import type { Result } from '../api/result.js';
import { fail, ok } from '../api/result.js';
import { conflict } from '../api/status.js';
import { rfc3339 } from '../api/time.js';
import { deepFreeze, shallowCopy } from '../api/freeze.js';
import type { DeleteOptions } from './types.js';
import type { ResourceInfo } from './registry.js';
import { storageKey } from './registry.js';
import type { ServerContext } from './server-context.js';
import { readExisting, storageFailure } from './server-context.js';
import { admitDelete } from './admission.js';
import { gracePeriodSeconds, hasGeneration } from './strategy.js';
import { commitUpdate } from './update.js';
import { afterCommit } from './kind-hooks.js';
import { withResourceVersion } from './object-meta.js';

/** Deletes an object, or marks it for deletion when a grace period or finalizers hold it. */
export function deleteObject(
  ctx: ServerContext,
  info: ResourceInfo,
  namespace: string,
  name: string,
  options: DeleteOptions = {},
): Result<KubeObject> {
  const refused = admitDelete(info, name);
  if (refused) return fail(refused);
  const ns = info.namespaced ? namespace : '';
  const read = readExisting(ctx, info, ns, name);
  if (!read.ok) return read;
  const current = read.value;
  const object = current.object;

  // rest.BeforeDelete checks preconditions early and names the kind, not the resource: `on Pod "web"`.
  const byKind = { group: info.group, resource: info.kind };
  const pre = options.preconditions;
  if (pre?.uid !== undefined && pre.uid !== object.metadata.uid) {
    const why = `the UID in the precondition (${pre.uid}) does not match the UID in record (${object.metadata.uid ?? ''}). The object might have been deleted and then recreated`;
    return fail(conflict(byKind, name, why));
  }
  if (pre?.resourceVersion !== undefined && pre.resourceVersion !== object.metadata.resourceVersion) {
    const why = `the ResourceVersion in the precondition (${pre.resourceVersion}) does not match the ResourceVersion in record (${object.metadata.resourceVersion ?? ''}). The object might have been modified`;
    return fail(conflict(byKind, name, why));
  }

  const grace = gracePeriodSeconds(info, object, options.gracePeriodSeconds);
  const finalizers = finalizersFor(info, object, options);
  const alreadyDeleting = object.metadata.deletionTimestamp !== undefined;
  const currentGrace = object.metadata.deletionGracePeriodSeconds ?? 0;

  if (alreadyDeleting && grace >= currentGrace) return ok(object);
  if (grace === 0 && finalizers.length === 0 && !holdsNamespace(info, object)) {
    if (options.dryRun) return ok(object);
    const removed = ctx.storage.delete(storageKey(info, ns, name), current.modRevision);
    if (!removed.ok) return fail(storageFailure(removed.error, info, name));
    afterCommit(ctx, info, object, undefined);
    return ok(deepFreeze(withResourceVersion(object, removed.value)));
  }

  const now = ctx.clock.now();
  // Not spread: these copies gain fields and are frozen (see shallowCopy: shared hidden classes).
  const metadata = shallowCopy(object.metadata);
  metadata.deletionTimestamp = rfc3339(now + grace * 1000);
  metadata.deletionGracePeriodSeconds = grace;
  if (finalizers.length > 0) metadata.finalizers = finalizers;
  if (!alreadyDeleting && hasGeneration(info)) metadata.generation = (object.metadata.generation ?? 0) + 1;
  const marked: KubeObject = shallowCopy(object);
  marked.metadata = metadata;
  if (info.kind === 'Namespace') {
    const status = shallowCopy((object.status as object | undefined) ?? {}) as Record<string, unknown>;
    status['phase'] = 'Terminating';
    marked.status = status;
  }
  return commitUpdate(ctx, info, current, marked, options);
}

/** The object's finalizers plus the one its propagation policy asks for. */
function finalizersFor(info: ResourceInfo, object: KubeObject, options: DeleteOptions): string[] {
  const finalizers = [...(object.metadata.finalizers ?? [])];
  const wanted =
    options.propagationPolicy === 'Foreground' ? 'foregroundDeletion' : options.propagationPolicy === 'Orphan' ? 'orphan' : undefined;
  if (wanted && info.kind !== 'Pod' && !finalizers.includes(wanted)) finalizers.push(wanted);
  return finalizers;
}

/** A Namespace stays Terminating until its spec.finalizers are emptied by the namespace controller. */
function holdsNamespace(info: ResourceInfo, object: KubeObject): boolean {
  if (info.kind !== 'Namespace') return false;
  const finalizers = (object.spec as { finalizers?: unknown[] } | undefined)?.finalizers;
  return Array.isArray(finalizers) && finalizers.length > 0;
}
