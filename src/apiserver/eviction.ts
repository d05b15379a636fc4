/**
 * The pods/eviction subresource (pkg/registry/core/pod/storage/eviction.go, Kubernetes v1.32): a
 * deletion that respects PodDisruptionBudgets. A pod that is not Running (or already being deleted)
 * is deleted at once; otherwise the one PDB selecting it must allow a disruption, which the same
 * request takes (status.disruptionsAllowed - 1, the pod recorded in status.disruptedPods) before the
 * pod gets the DisruptionTarget condition and is deleted gracefully. Refusals are 429 TooManyRequests.
 */
import type { KubeObject } from '../api/types.js';
import type { Result } from '../api/result.js';
import { fail, ok } from '../api/result.js';
import type { Status } from '../api/status.js';
import { badRequest, forbidden, internalError, notFound, tooManyRequests } from '../api/status.js';
import { labelSelectorAsSelector, isEmptySelector, matches, type LabelSelector } from '../api/label-selector.js';
import { rfc3339 } from '../api/time.js';
import { shallowCopy } from '../api/freeze.js';
import type { DeleteOptions, WriteOptions } from './types.js';
import { lookupResource } from './registry.js';
import type { ServerContext } from './server-context.js';
import { readObject } from './server-context.js';
import { commitUpdate } from './update.js';
import { deleteObject } from './delete.js';
import { listObjects } from './read.js';

const PODS = lookupResource('pods')!;
const PDBS = lookupResource('poddisruptionbudgets')!;
const PODS_GR = { group: '', resource: 'pods' };

/** policyv1.DisruptionBudgetCause: the StatusCause type of a refusal. */
export const DISRUPTION_BUDGET_CAUSE = 'DisruptionBudget';

/** The message of every 429 the eviction API answers. */
export const EVICTION_REFUSED = "Cannot evict pod as it would violate the pod's disruption budget.";

/** MaxDisruptedPodSize: evictions the disruption controller has not confirmed yet, at most. */
const MAX_DISRUPTED_POD_SIZE = 2000;

interface PdbStatus {
  observedGeneration?: number;
  disruptedPods?: Record<string, string>;
  disruptionsAllowed?: number;
  currentHealthy?: number;
  desiredHealthy?: number;
  conditions?: { type: string; status: string; reason?: string; message?: string; lastTransitionTime?: string; observedGeneration?: number }[];
}

interface Pdb extends KubeObject {
  spec?: { selector?: LabelSelector | null; unhealthyPodEvictionPolicy?: string };
  status?: PdbStatus;
}

/** A 429 with a DisruptionBudget cause (errors.NewTooManyRequests plus the cause checkAndDecrement adds). */
function refused(message: string, retryAfterSeconds?: number): Status {
  const status = tooManyRequests(EVICTION_REFUSED, retryAfterSeconds);
  status.details = { ...(status.details ?? {}), causes: [{ reason: DISRUPTION_BUDGET_CAUSE, message }] };
  return status;
}

/** The Status an accepted eviction answers: Success, with the create handler's 201. */
function evicted(): KubeObject {
  return { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Success', code: 201 };
}

/** canIgnorePDB: a pod that is not Running, or is already being deleted, costs no disruption. */
function canIgnorePdb(pod: KubeObject): boolean {
  const phase = (pod['status'] as { phase?: string } | undefined)?.phase;
  return phase === 'Succeeded' || phase === 'Failed' || phase === 'Pending' || pod.metadata.deletionTimestamp != null;
}

function isPodReady(pod: KubeObject): boolean {
  const conditions = (pod['status'] as { conditions?: { type?: string; status?: string }[] } | undefined)?.conditions ?? [];
  return conditions.some((c) => c.type === 'Ready' && c.status === 'True');
}

/** metav1.DeleteOptions of the Eviction body, as the delete verb takes them. */
function deleteOptionsOf(input: KubeObject, options: WriteOptions): DeleteOptions {
  const raw = (input['deleteOptions'] ?? {}) as {
    gracePeriodSeconds?: number;
    propagationPolicy?: DeleteOptions['propagationPolicy'];
    preconditions?: DeleteOptions['preconditions'];
    dryRun?: string[];
  };
  const out: DeleteOptions = {};
  if (typeof raw.gracePeriodSeconds === 'number') out.gracePeriodSeconds = raw.gracePeriodSeconds;
  if (raw.propagationPolicy !== undefined) out.propagationPolicy = raw.propagationPolicy;
  if (raw.preconditions !== undefined) out.preconditions = raw.preconditions;
  if (options.dryRun || (Array.isArray(raw.dryRun) && raw.dryRun.includes('All'))) out.dryRun = true;
  return out;
}

/** getPodDisruptionBudgets: the PDBs of the pod's namespace whose (non-empty, valid) selector matches it. */
function matchingBudgets(ctx: ServerContext, pod: KubeObject): Result<Pdb[]> {
  const listed = listObjects(ctx, PDBS, pod.metadata.namespace ?? '');
  if (!listed.ok) return listed;
  const out: Pdb[] = [];
  for (const item of listed.value.items as Pdb[]) {
    const selector = labelSelectorAsSelector(item.spec?.selector);
    // An invalid selector matches nothing; a nil or empty one must match nothing, not everything.
    if (!selector.ok || isEmptySelector(selector.value) || !matches(selector.value, pod.metadata.labels)) continue;
    out.push(item);
  }
  return ok(out);
}

/** checkAndDecrement: takes one disruption from the budget, or says why not. */
function checkAndDecrement(ctx: ServerContext, podName: string, pdb: Pdb, dryRun: boolean): Status | undefined {
  const name = pdb.metadata.name ?? '';
  const status = pdb.status ?? {};
  if ((status.observedGeneration ?? 0) < (pdb.metadata.generation ?? 0)) {
    return refused(`The disruption budget ${name} is still being processed by the server.`, 10);
  }
  const allowed = status.disruptionsAllowed ?? 0;
  const pdbGr = { group: 'policy', resource: 'poddisruptionbudget' };
  if (allowed < 0) return forbidden(pdbGr, name, 'pdb disruptions allowed is negative');
  if (Object.keys(status.disruptedPods ?? {}).length > MAX_DISRUPTED_POD_SIZE) {
    return forbidden(pdbGr, name, 'DisruptedPods map too big - too many evictions not confirmed by PDB controller');
  }
  if (allowed === 0) {
    return refused(`The disruption budget ${name} needs ${status.desiredHealthy ?? 0} healthy pods and has ${status.currentHealthy ?? 0} currently`);
  }
  if (dryRun) return undefined;
  const now = rfc3339(ctx.clock.now());
  const next = shallowCopy(status);
  next.disruptionsAllowed = allowed - 1;
  if (next.disruptionsAllowed === 0) next.conditions = insufficientPods(status.conditions ?? [], now);
  next.disruptedPods = { ...(status.disruptedPods ?? {}), [podName]: now };
  const read = readObject(ctx, PDBS, pdb.metadata.namespace ?? '', name);
  if (!read.ok) return read.status;
  if (read.value === undefined) return notFound({ group: 'policy', resource: 'poddisruptionbudgets' }, name);
  const updated = shallowCopy(read.value.object);
  updated['status'] = next;
  const written = commitUpdate(ctx, PDBS, read.value, updated);
  return written.ok ? undefined : written.status;
}

/** UpdateDisruptionAllowedCondition with no disruption left: DisruptionAllowed False, InsufficientPods. */
function insufficientPods(conditions: NonNullable<PdbStatus['conditions']>, now: string): NonNullable<PdbStatus['conditions']> {
  const out = conditions.filter((c) => c.type !== 'DisruptionAllowed');
  const old = conditions.find((c) => c.type === 'DisruptionAllowed');
  const lastTransitionTime = old?.status === 'False' && old.lastTransitionTime !== undefined ? old.lastTransitionTime : now;
  const condition = { type: 'DisruptionAllowed', status: 'False', ...(old?.observedGeneration === undefined ? {} : { observedGeneration: old.observedGeneration }), lastTransitionTime, reason: 'InsufficientPods', message: old?.message ?? '' };
  out.push(condition);
  return out;
}

/** addConditionAndDeletePod: the DisruptionTarget condition (EvictionByEvictionAPI), then a graceful delete. */
function addConditionAndDeletePod(ctx: ServerContext, namespace: string, name: string, options: DeleteOptions): Result<KubeObject> {
  if (!options.dryRun) {
    const read = readObject(ctx, PODS, namespace, name);
    if (!read.ok) return read;
    if (read.value === undefined) return fail(notFound(PODS_GR, name));
    const pod = read.value.object;
    const status = shallowCopy((pod['status'] ?? {}) as Record<string, unknown>);
    const conditions = Array.isArray(status['conditions']) ? [...(status['conditions'] as { type?: string; status?: string; lastTransitionTime?: string }[])] : [];
    const at = conditions.findIndex((c) => c.type === 'DisruptionTarget');
    const old = at >= 0 ? conditions[at] : undefined;
    const lastTransitionTime = old?.status === 'True' && old.lastTransitionTime !== undefined ? old.lastTransitionTime : rfc3339(ctx.clock.now());
    const condition = { type: 'DisruptionTarget', status: 'True', lastProbeTime: null, lastTransitionTime, reason: 'EvictionByEvictionAPI', message: 'Eviction API: evicting' };
    if (at >= 0) conditions[at] = condition;
    else conditions.push(condition);
    status['conditions'] = conditions;
    const next = shallowCopy(pod);
    next['status'] = status;
    const written = commitUpdate(ctx, PODS, read.value, next);
    if (!written.ok) return written;
  }
  return deleteObject(ctx, PODS, namespace, name, options);
}

/**
 * Creates an Eviction (`POST /api/v1/namespaces/<ns>/pods/<name>/eviction`): answers a Success
 * Status (201) once the pod is being deleted, 404 for a missing pod, 429 when its disruption
 * budget allows no disruption now, 500 when more than one budget selects the pod.
 */
export function createEviction(ctx: ServerContext, namespace: string, input: KubeObject, options: WriteOptions = {}): Result<KubeObject> {
  if (typeof input !== 'object' || input === null || typeof input.metadata !== 'object' || input.metadata === null) {
    return fail(badRequest("Object 'metadata' is missing or is not an object"));
  }
  const apiVersion = typeof input.apiVersion === 'string' && input.apiVersion !== '' ? input.apiVersion : 'policy/v1';
  const kind = typeof input.kind === 'string' && input.kind !== '' ? input.kind : 'Eviction';
  if (!['policy/v1', 'policy/v1beta1', 'v1'].includes(apiVersion) || kind !== 'Eviction') {
    return fail(badRequest(`${kind} in version "${apiVersion}" cannot be handled as a Eviction`));
  }
  const own = typeof input.metadata.namespace === 'string' ? input.metadata.namespace : '';
  if (namespace !== '' && own !== '' && own !== namespace) {
    return fail(badRequest('the namespace of the provided object does not match the namespace sent on the request'));
  }
  const ns = namespace || own;
  const name = typeof input.metadata.name === 'string' ? input.metadata.name : '';
  if (ns === '') return fail(badRequest('an empty namespace may not be set during creation'));
  if (name === '') return fail(badRequest('Name parameter required.'));
  const deleteOptions = deleteOptionsOf(input, options);

  const read = readObject(ctx, PODS, ns, name);
  if (!read.ok) return read;
  if (read.value === undefined) return fail(notFound(PODS_GR, name));
  const pod = read.value.object;
  if (canIgnorePdb(pod)) return deletion(ctx, ns, name, deleteOptions);

  const budgets = matchingBudgets(ctx, pod);
  if (!budgets.ok) return budgets;
  if (budgets.value.length > 1) {
    return fail(internalError('This pod has more than one PodDisruptionBudget, which the eviction subresource does not support.'));
  }
  const pdb = budgets.value[0];
  if (pdb !== undefined && !unhealthyMayGo(pod, pdb)) {
    const refusal = checkAndDecrement(ctx, name, pdb, deleteOptions.dryRun === true);
    if (refusal) return fail(refusal);
  }
  return deletion(ctx, ns, name, deleteOptions);
}

/** A not-Ready pod goes without taking a disruption when the policy says AlwaysAllow or the budget is met. */
function unhealthyMayGo(pod: KubeObject, pdb: Pdb): boolean {
  if (isPodReady(pod)) return false;
  if (pdb.spec?.unhealthyPodEvictionPolicy === 'AlwaysAllow') return true;
  const s = pdb.status ?? {};
  return (s.currentHealthy ?? 0) >= (s.desiredHealthy ?? 0) && (s.desiredHealthy ?? 0) > 0;
}

function deletion(ctx: ServerContext, namespace: string, name: string, options: DeleteOptions): Result<KubeObject> {
  const deleted = addConditionAndDeletePod(ctx, namespace, name, options);
  // A pod gone between the read and the delete was evicted all the same.
  if (!deleted.ok && deleted.status.code !== 404) return deleted;
  return ok(evicted());
}
