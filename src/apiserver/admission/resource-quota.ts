/**
 * The ResourceQuota admission plugin's decision (plugin/pkg/admission/resourcequota CheckRequest,
 * Kubernetes v1.32) and the usage a quota's status reports (quota.CalculateUsage, what the
 * resource quota controller computes). Pure: the caller reads the quotas and objects and writes
 * the charged usage.
 */
import type { KubeObject } from '../../api/types.js';
import type { ResourceInfo } from '../registry.js';
import type { ResourceList } from './resource-lists.js';
import { ZERO, add, exceeding, mask, negatives, parseResourceList, prettyPrint, prettyPrintNames, removeZeros } from './resource-lists.js';
import type { QuotaEvaluator } from './quota-evaluators.js';
import { evaluatorFor } from './quota-evaluators.js';
import { quotaScopeSelectors } from './quota-scopes.js';

/** A quota the admitted object is charged to, with its status.used after the charge. */
export interface QuotaCharge {
  quota: KubeObject;
  used: ResourceList;
}

/** The plugin's decision: the charges to record, or why the object is forbidden. */
export type QuotaDecision = { ok: true; charges: QuotaCharge[] } | { ok: false; reason: string };

function statusList(quota: KubeObject, field: 'hard' | 'used'): ResourceList {
  return parseResourceList((quota.status as Record<string, unknown> | undefined)?.[field]);
}

/** Whether the object falls in every scope of the quota (no scopes: it does). */
function inScope(evaluator: QuotaEvaluator, quota: KubeObject, object: KubeObject): boolean {
  return quotaScopeSelectors(quota).every((selector) => evaluator.matchesScope(selector, object));
}

/**
 * Decides whether a new object may be created given the namespace's quotas (`status.hard` is
 * what a quota enforces, `status.used` what it has counted), in the plugin's words:
 * `exceeded quota: <name>, requested: …, used: …, limited: …`, `failed quota: <name>: must specify …`,
 * `status unknown for quota: …`.
 */
export function checkQuotas(evaluator: QuotaEvaluator, object: KubeObject, quotas: readonly KubeObject[], now: number): QuotaDecision {
  const interesting: KubeObject[] = [];
  for (const quota of quotas) {
    const hardNames = [...statusList(quota, 'hard').keys()];
    const restricted = evaluator.matchingResources(hardNames);
    if (restricted.length === 0 || !inScope(evaluator, quota, object)) continue;
    const name = quota.metadata.name ?? '';
    const constraint = evaluator.constraints(restricted, object);
    if (constraint) return { ok: false, reason: `failed quota: ${name}: ${constraint}` };
    const used = statusList(quota, 'used');
    if (restricted.some((resource) => !used.has(resource))) {
      return { ok: false, reason: `status unknown for quota: ${name}, resources: ${prettyPrintNames(restricted)}` };
    }
    interesting.push(quota);
  }

  const usage = evaluator.usage(object, now);
  const negative = negatives(usage);
  if (negative.length > 0) return { ok: false, reason: `quota usage is negative for resource(s): ${prettyPrintNames(negative)}` };
  const delta = removeZeros(usage);
  if (delta.size === 0 || interesting.length === 0) return { ok: true, charges: [] };

  const charges: QuotaCharge[] = [];
  for (const quota of interesting) {
    const hard = statusList(quota, 'hard');
    const used = statusList(quota, 'used');
    const requested = mask(delta, hard.keys());
    const newUsage = add(used, requested);
    const exceeded = exceeding(mask(newUsage, requested.keys()), hard);
    if (exceeded.length > 0) {
      return {
        ok: false,
        reason: `exceeded quota: ${quota.metadata.name ?? ''}, requested: ${prettyPrint(mask(requested, exceeded))}, used: ${prettyPrint(mask(used, exceeded))}, limited: ${prettyPrint(mask(hard, exceeded))}`,
      };
    }
    charges.push({ quota, used: newUsage });
  }
  return { ok: true, charges };
}

/**
 * What a quota with `hard` limits counts in its namespace (quota.CalculateUsage): for every kind
 * that accounts for one of its resources, the usage of the objects `list` returns that fall in
 * the quota's scopes; zero where nothing is used. Only the resources of `hard` are reported.
 */
export function calculateQuotaUsage(
  quota: KubeObject,
  hard: ResourceList,
  resources: readonly ResourceInfo[],
  list: (info: ResourceInfo) => readonly KubeObject[],
  now: number,
): ResourceList {
  const hardNames = [...hard.keys()];
  const matched = new Set<string>();
  let usage: ResourceList = new Map();
  for (const info of resources) {
    const evaluator = evaluatorFor(info);
    const tracked = evaluator?.matchingResources(hardNames) ?? [];
    if (!evaluator || tracked.length === 0) continue;
    let used: ResourceList = new Map(tracked.map((name) => [name, ZERO]));
    for (const object of list(info)) {
      if (inScope(evaluator, quota, object)) used = add(used, evaluator.usage(object, now));
    }
    usage = add(usage, used);
    for (const name of tracked) matched.add(name);
  }
  return mask(usage, matched);
}
