/**
 * The admission plugins a create passes through besides NamespaceLifecycle (../admission.ts) and
 * Priority (../defaulting/priority.ts), in kube-apiserver's order: the mutating phase
 * (LimitRanger's defaults, then ServiceAccount) before validation, the validating phase
 * (LimitRanger's limits, then ResourceQuota) after it. They read the namespace's LimitRanges,
 * ServiceAccounts and ResourceQuotas from storage, as the real plugins read their informers.
 */
import type { KubeObject } from '../../api/types.js';
import type { Result } from '../../api/result.js';
import { fail, ok } from '../../api/result.js';
import { forbidden } from '../../api/status.js';
import type { ResourceInfo } from '../registry.js';
import { lookupResource, storageKey, storagePrefix } from '../registry.js';
import type { StoredObject } from '../storage.js';
import type { ServerContext } from '../server-context.js';
import { readObject, storageFailure } from '../server-context.js';
import { commitUpdate } from '../update.js';
import { applyLimitRangeDefaults, checkLimitRanges } from './limit-ranger.js';
import { admitServiceAccount } from './service-account.js';
import { evaluatorFor } from './quota-evaluators.js';
import type { QuotaCharge } from './resource-quota.js';
import { checkQuotas } from './resource-quota.js';
import { resourceListToJson } from './resource-lists.js';

const LIMIT_RANGES = lookupResource('limitranges')!;
const SERVICE_ACCOUNTS = lookupResource('serviceaccounts')!;
const RESOURCE_QUOTAS = lookupResource('resourcequotas')!;

/** Length of the token volume's random suffix (names.SimpleNameGenerator). */
const TOKEN_VOLUME_SUFFIX_LENGTH = 5;

/** What the plugins know of a create. */
export interface CreateAttributes {
  info: ResourceInfo;
  namespace: string;
  /**
   * The name refusals use (admission.NewForbidden): the object's name, or its generateName while
   * the name is still to be generated, as in `pods "web-7d4b9c-" is forbidden: …`.
   */
  name: string;
}

/** The stored objects of a namespaced resource in one namespace. */
function listStored(ctx: ServerContext, info: ResourceInfo, namespace: string): Result<StoredObject[]> {
  const listed = ctx.storage.list(storagePrefix(info, namespace));
  return listed.ok ? ok(listed.value.items) : fail(storageFailure(listed.error, info, ''));
}

function refuse<T>(attributes: CreateAttributes, reason: string): Result<T> {
  return fail(forbidden({ group: attributes.info.group, resource: attributes.info.resource }, attributes.name, reason));
}

/** The mutating phase: LimitRanger fills in container defaults, ServiceAccount checks the account and mounts its token. */
export function admitMutating(ctx: ServerContext, attributes: CreateAttributes, object: KubeObject): Result<KubeObject> {
  if (attributes.info.group !== '' || attributes.info.kind !== 'Pod') return ok(object);
  const limitRanges = listStored(ctx, LIMIT_RANGES, attributes.namespace);
  if (!limitRanges.ok) return limitRanges;
  const pod = applyLimitRangeDefaults(object, limitRanges.value.map((s) => s.object));

  const accountName = (pod.spec as { serviceAccountName?: unknown } | undefined)?.serviceAccountName;
  const account = typeof accountName === 'string' && accountName !== '' ? readObject(ctx, SERVICE_ACCOUNTS, attributes.namespace, accountName) : ok(undefined);
  if (!account.ok) return account;
  const suffix = (): string => ctx.admissionRandom.string(TOKEN_VOLUME_SUFFIX_LENGTH);
  const admitted = admitServiceAccount(pod, attributes.namespace, account.value?.object, suffix);
  return admitted.ok ? ok(admitted.pod) : refuse(attributes, admitted.reason);
}

/**
 * The validating phase: LimitRanger's min/max/ratio, then ResourceQuota. Returns the quota
 * charges to record once the object is known to be stored (see `chargeQuotas`).
 */
export function admitValidating(ctx: ServerContext, attributes: CreateAttributes, object: KubeObject): Result<QuotaCharge[]> {
  const { info, namespace } = attributes;
  if (info.group === '' && (info.kind === 'Pod' || info.kind === 'PersistentVolumeClaim')) {
    const limitRanges = listStored(ctx, LIMIT_RANGES, namespace);
    if (!limitRanges.ok) return limitRanges;
    const refused = checkLimitRanges(info.kind, object, limitRanges.value.map((s) => s.object));
    if (refused) return refuse(attributes, refused);
  }
  const evaluator = evaluatorFor(info);
  if (!evaluator) return ok([]);
  const quotas = listStored(ctx, RESOURCE_QUOTAS, namespace);
  if (!quotas.ok) return quotas;
  if (quotas.value.length === 0) return ok([]);
  const decision = checkQuotas(evaluator, object, quotas.value.map((s) => s.object), ctx.clock.now());
  return decision.ok ? ok(decision.charges) : refuse(attributes, decision.reason);
}

/**
 * Records the admitted usage in each charged quota's status.used (the plugin's UpdateStatus,
 * one write per quota). Done before the object is stored, as kube-apiserver does; a failed
 * write fails the create.
 */
export function chargeQuotas(ctx: ServerContext, namespace: string, charges: readonly QuotaCharge[]): Result<void> {
  for (const { quota, used } of charges) {
    const name = quota.metadata.name ?? '';
    const current = ctx.storage.get(storageKey(RESOURCE_QUOTAS, namespace, name));
    if (!current.ok) return fail(storageFailure(current.error, RESOURCE_QUOTAS, name));
    if (!current.value) continue;
    const stored = current.value.object;
    const status = { ...((stored.status as object | undefined) ?? {}), used: resourceListToJson(used) };
    const written = commitUpdate(ctx, RESOURCE_QUOTAS, current.value, { ...stored, status });
    if (!written.ok) return written;
  }
  return ok(undefined);
}
