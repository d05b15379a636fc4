/**
 * The update verb (Store.Update, GuaranteedUpdate): optimistic concurrency on resourceVersion,
 * spec and status written separately for kinds with a status subresource, generation bumped on
 * spec changes, no write at all when nothing changed, and deletion completed when the last
 * finalizer of an object being deleted goes away.
 */
import type { KubeObject } from '../api/types.js';
import type { Result } from '../api/result.js';
import { fail, ok } from '../api/result.js';
import { conflict, invalid } from '../api/status.js';
import { required } from '../api/field-errors.js';
import { jsonEqual } from '../api/equal.js';
import { deepFreeze, shallowCopy } from '../api/freeze.js';
import type { UpdateOptions } from './types.js';
import type { ResourceInfo } from './registry.js';
import { storageKey } from './registry.js';
import type { StoredObject } from './storage.js';
import type { ServerContext } from './server-context.js';
import { checkSize, nextRevision, readExisting, storageFailure } from './server-context.js';
import { checkObjectShape } from './request-checks.js';
import { toStoredVersion } from './conversion.js';
import { metadataForUpdate } from './object-meta.js';
import { hasGeneration } from './strategy.js';
import { applyDefaults } from './defaulting/index.js';
import { validateUpdate } from './validation/index.js';
import { afterCommit, prepareForUpdate } from './kind-hooks.js';
import { releaseClaims } from './service-allocation.js';
import { managedFieldsOnUpdate } from './managed-fields-record.js';

/** Replaces an object (or its status) with `input`. */
export function updateObject(
  ctx: ServerContext,
  info: ResourceInfo,
  namespace: string,
  input: KubeObject,
  options: UpdateOptions = {},
): Result<KubeObject> {
  const shape = checkObjectShape(info, input);
  if (shape) return fail(shape);
  const name = input.metadata.name ?? '';
  if (name === '') return fail(invalid(info.group, info.kind, '', [required('metadata.name', 'name or generateName is required')]));
  const ns = info.namespaced ? namespace || (input.metadata.namespace ?? '') : '';
  const current = readExisting(ctx, info, ns, name);
  if (!current.ok) return current;
  const wanted = input.metadata.resourceVersion;
  if (wanted !== undefined && wanted !== '' && wanted !== current.value.object.metadata.resourceVersion) {
    return fail(conflict({ group: info.group, resource: info.resource }, name));
  }
  return options.subresource === 'status'
    ? commitUpdate(ctx, info, current.value, statusUpdate(current.value.object, input), options)
    : specUpdate(ctx, info, current.value, input, options);
}

/**
 * A status write keeps everything but the status and the annotations of the stored object. The
 * status strategies (deploymentStatusStrategy, podStatusStrategy, …) reset the spec, labels and
 * owner references but let annotations through: the Deployment controller records a rollout's
 * `deployment.kubernetes.io/revision` with its status write.
 */
function statusUpdate(current: KubeObject, input: KubeObject): KubeObject {
  // Copies that may gain fields are made with shallowCopy, not spread (see there: shared hidden classes).
  const next: KubeObject = shallowCopy(current);
  const annotations = input.metadata.annotations;
  if (!jsonEqual(annotations ?? {}, current.metadata.annotations ?? {})) {
    const metadata = shallowCopy(current.metadata);
    if (annotations === undefined || Object.keys(annotations).length === 0) delete metadata.annotations;
    else metadata.annotations = annotations;
    next.metadata = metadata;
  }
  if (input.status === undefined) delete next.status;
  else next.status = input.status;
  return next;
}

function specUpdate(ctx: ServerContext, info: ResourceInfo, current: StoredObject, input: KubeObject, options: UpdateOptions): Result<KubeObject> {
  const old = current.object;
  let next: KubeObject = shallowCopy(toStoredVersion(info, input));
  next.metadata = metadataForUpdate(next.metadata, old.metadata);
  next = applyDefaults(info.kind, info.group, next);
  if (info.hasStatus) {
    if (old.status === undefined) delete next.status;
    else next.status = old.status;
  }
  next = managedFieldsOnUpdate(info, old, next, options, ctx.clock.now());
  // deploymentStrategy also counts annotation changes: the deprecated rollback annotation asks for a rollout.
  const annotationsCount = info.kind === 'Deployment' && !jsonEqual(next.metadata.annotations ?? {}, old.metadata.annotations ?? {});
  if (hasGeneration(info) && (annotationsCount || !jsonEqual(next.spec, old.spec))) {
    next.metadata.generation = (old.metadata.generation ?? 0) + 1;
  }
  const prepared = prepareForUpdate(ctx, info, next, old);
  const errors = [...prepared.errors, ...validateUpdate(info.kind, info.group, next, old)];
  if (errors.length > 0) {
    releaseClaims(prepared.claims, ctx.allocators);
    return fail(invalid(info.group, info.kind, old.metadata.name ?? '', errors));
  }
  const tooLarge = checkSize(next);
  if (tooLarge) {
    releaseClaims(prepared.claims, ctx.allocators);
    return fail(tooLarge);
  }
  const result = commitUpdate(ctx, info, current, next, options);
  if (!result.ok || options.dryRun) releaseClaims(prepared.claims, ctx.allocators);
  return result;
}

/**
 * Stores `next` in place of `current` unless nothing changed. An object being deleted whose
 * grace period is over and whose last finalizer was just removed is deleted instead.
 */
export function commitUpdate(
  ctx: ServerContext,
  info: ResourceInfo,
  current: StoredObject,
  next: KubeObject,
  options: UpdateOptions = {},
): Result<KubeObject> {
  const old = current.object;
  const comparable = withVersion(next, old.metadata.resourceVersion);
  if (jsonEqual(comparable, old)) return ok(old);
  const name = old.metadata.name ?? '';
  const key = storageKey(info, old.metadata.namespace ?? '', name);
  if (options.dryRun) return ok(deepFreeze(comparable));

  const meta = next.metadata;
  const finished =
    meta.deletionTimestamp !== undefined &&
    meta.deletionGracePeriodSeconds === 0 &&
    (meta.finalizers ?? []).length === 0 &&
    (info.kind !== 'Namespace' || namespaceFinalizers(next).length === 0);
  if (finished) {
    const removed = ctx.storage.delete(key, current.modRevision);
    if (!removed.ok) return fail(storageFailure(removed.error, info, name));
    afterCommit(ctx, info, old, undefined);
    return ok(deepFreeze(withVersion(next, String(removed.value))));
  }

  const stored = deepFreeze(withVersion(next, String(nextRevision(ctx))));
  const written = ctx.storage.update(key, stored, current.modRevision);
  if (!written.ok) return fail(storageFailure(written.error, info, name));
  afterCommit(ctx, info, old, stored);
  return ok(stored);
}

/** The object with `metadata.resourceVersion` set: a new top level and metadata, the rest shared. */
function withVersion(object: KubeObject, resourceVersion: string | undefined): KubeObject {
  // Not spread: these copies are frozen, and the metadata may gain the field (see shallowCopy).
  const metadata = shallowCopy(object.metadata);
  metadata.resourceVersion = resourceVersion;
  const next = shallowCopy(object);
  next.metadata = metadata;
  return next;
}

/**
 * A namespace is also held by its `spec.finalizers` (`kubernetes`, removed by the namespace
 * controller once the namespace is empty): ShouldDeleteNamespaceDuringUpdate.
 */
function namespaceFinalizers(namespace: KubeObject): unknown[] {
  const finalizers = (namespace['spec'] as { finalizers?: unknown } | undefined)?.finalizers;
  return Array.isArray(finalizers) ? finalizers : [];
}
