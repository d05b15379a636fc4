/**
 * The create verb (the generic registry's Store.Create): decode to the stored version, set the
 * server's metadata, default, admit (NamespaceLifecycle, then the mutating plugins), allocate,
 * validate, admit again (the validating plugins, ResourceQuota last), and store only if the name
 * is free.
 */
import type { KubeObject } from '../api/types.js';
import type { Result } from '../api/result.js';
import { fail, ok } from '../api/result.js';
import { forbidden, invalid } from '../api/status.js';
import { required } from '../api/field-errors.js';
import { deepFreeze, shallowCopy } from '../api/freeze.js';
import type { WriteOptions } from './types.js';
import type { ResourceInfo } from './registry.js';
import { NAMESPACES, lookupResource, storageKey, storagePrefix } from './registry.js';
import type { ServerContext } from './server-context.js';
import { checkSize, nextRevision, readObject, storageFailure } from './server-context.js';
import { checkObjectShape, createNamespace } from './request-checks.js';
import { admitCreate } from './admission.js';
import { toStoredVersion } from './conversion.js';
import { metadataForCreate } from './object-meta.js';
import { hasGeneration, initialStatus } from './strategy.js';
import { applyDefaults, checkPodPriority } from './defaulting/index.js';
import { validateCreate } from './validation/index.js';
import { prepareForCreate } from './kind-hooks.js';
import { releaseClaims } from './service-allocation.js';
import { managedFieldsOnCreate } from './managed-fields-record.js';
import type { CreateAttributes } from './admission/chain.js';
import { admitMutating, admitValidating, chargeQuotas } from './admission/chain.js';

/** Creates `input` as a new object of `info` in `namespace`. */
export function createObject(
  ctx: ServerContext,
  info: ResourceInfo,
  namespace: string,
  input: KubeObject,
  options: WriteOptions = {},
): Result<KubeObject> {
  const shape = checkObjectShape(info, input);
  if (shape) return fail(shape);
  const ns = createNamespace(info, namespace, input);
  if (!ns.ok) return ns;

  // A shallow copy: defaulting copies what it changes, and nothing below mutates nested input.
  // Not spread: the copy may gain fields (see shallowCopy: shared hidden classes).
  let object: KubeObject = shallowCopy(toStoredVersion(info, input));
  const attributes: CreateAttributes = { info, namespace: ns.value, name: object.metadata.name || object.metadata.generateName || '' };
  object.metadata = metadataForCreate(object.metadata, ns.value, ctx.clock.now(), ctx.random, hasGeneration(info));
  const name = object.metadata.name ?? '';
  if (name === '') {
    return fail(invalid(info.group, info.kind, '', [required('metadata.name', 'name or generateName is required')]));
  }

  if (info.namespaced) {
    const namespaceObject = readObject(ctx, NAMESPACES, '', ns.value, namespaceKey(ns.value));
    if (!namespaceObject.ok) return namespaceObject;
    const refused = admitCreate(info, name, namespaceObject.value?.object, ns.value);
    if (refused) return fail(refused);
  }

  const priorityClasses = info.kind === 'Pod' ? storedPriorityClasses(ctx) : [];
  object = applyDefaults(info.kind, info.group, object, { operation: 'CREATE', priorityClasses, now: ctx.clock.now() });
  object = managedFieldsOnCreate(info, object, options, ctx.clock.now());
  const mutated = admitMutating(ctx, attributes, object);
  if (!mutated.ok) return mutated;
  object = shallowCopy(mutated.value);
  if (info.kind === 'Pod') {
    const refused = checkPodPriority(object, priorityClasses);
    if (refused) return fail(forbidden({ group: info.group, resource: info.resource }, attributes.name, refused));
  }
  const status = initialStatus(info, object);
  if (status === undefined) delete object.status;
  else object.status = status;

  const prepared = prepareForCreate(ctx, info, object);
  const errors = [...prepared.errors, ...validateCreate(info.kind, info.group, object)];
  if (errors.length > 0) {
    releaseClaims(prepared.claims, ctx.allocators);
    return fail(invalid(info.group, info.kind, name, errors));
  }
  const tooLarge = checkSize(object);
  if (tooLarge) {
    releaseClaims(prepared.claims, ctx.allocators);
    return fail(tooLarge);
  }
  const admitted = admitValidating(ctx, attributes, object);
  if (!admitted.ok || options.dryRun) {
    releaseClaims(prepared.claims, ctx.allocators);
    return admitted.ok ? ok(deepFreeze(object)) : admitted;
  }
  // Quota is charged before the object is stored, as kube-apiserver does; a name already taken
  // charges nothing (upstream over-charges until the quota controller recounts).
  const key = storageKey(info, ns.value, name);
  const taken = admitted.value.length > 0 ? ctx.storage.get(key) : undefined;
  if (taken?.ok && taken.value === undefined) {
    const charged = chargeQuotas(ctx, ns.value, admitted.value);
    if (!charged.ok) {
      releaseClaims(prepared.claims, ctx.allocators);
      return charged;
    }
  }

  object.metadata.resourceVersion = String(nextRevision(ctx));
  deepFreeze(object);
  const stored = ctx.storage.create(key, object);
  if (!stored.ok) {
    releaseClaims(prepared.claims, ctx.allocators);
    return fail(storageFailure(stored.error, info, name));
  }
  return ok(object);
}

/** Storage keys of namespaces, built once: every namespaced create reads its namespace. */
const namespaceKeys = new Map<string, string>();
const MAX_NAMESPACE_KEYS = 1024;

/** The storage key of namespace `name`, the same string each time (its hash is computed once). */
function namespaceKey(name: string): string {
  let key = namespaceKeys.get(name);
  if (key === undefined) {
    if (namespaceKeys.size >= MAX_NAMESPACE_KEYS) namespaceKeys.clear();
    key = storageKey(NAMESPACES, '', name);
    namespaceKeys.set(name, key);
  }
  return key;
}

/** The PriorityClasses the Priority admission plugin resolves pods' priorityClassName against. */
function storedPriorityClasses(ctx: ServerContext): KubeObject[] {
  const info = lookupResource('priorityclasses');
  const listed = info ? ctx.storage.list(storagePrefix(info, '')) : undefined;
  return listed?.ok ? listed.value.items.map((s) => s.object) : [];
}
