/**
 * syncResourceQuota's arithmetic (pkg/controller/resourcequota): a quota's new status from its
 * spec and what its namespace holds now. `status.hard` mirrors `spec.hard`; `status.used` is the
 * previous usage overwritten by the recomputed one and masked to the hard resources. Pure.
 */
import type { KubeObject } from '../../api/types.js';
import type { ResourceInfo } from '../../apiserver/registry.js';
import { calculateQuotaUsage } from '../../apiserver/admission/resource-quota.js';
import { compareQuantities } from '../../api/quantity.js';
import { mask, parseResourceList, resourceListToJson, type ResourceList } from '../../apiserver/admission/resource-lists.js';

/** A ResourceQuota's status. */
export interface ResourceQuotaStatus {
  hard: Record<string, string>;
  used: Record<string, string>;
}

/** quota.Equals: the same resources with equal quantities (formats may differ). */
export function resourceListsEqual(a: ResourceList, b: ResourceList): boolean {
  if (a.size !== b.size) return false;
  for (const [name, q] of a) {
    const other = b.get(name);
    if (other === undefined || compareQuantities(q, other) !== 0) return false;
  }
  return true;
}

/**
 * The status syncResourceQuota would write, or undefined when the stored one is already right
 * (same hard limits, same usage, both present).
 */
export function desiredQuotaStatus(
  quota: Readonly<KubeObject>,
  resources: readonly ResourceInfo[],
  list: (info: ResourceInfo) => readonly KubeObject[],
  now: number,
): ResourceQuotaStatus | undefined {
  const specHard = parseResourceList((quota['spec'] as { hard?: unknown } | undefined)?.hard);
  const status = (quota['status'] as { hard?: unknown; used?: unknown } | undefined) ?? {};
  const statusHard = parseResourceList(status.hard);
  const previousUsed = parseResourceList(status.used);
  let dirty = !resourceListsEqual(specHard, statusHard) || status.hard === undefined || status.used === undefined;

  const used: ResourceList = new Map(previousUsed);
  for (const [name, q] of calculateQuotaUsage(quota as KubeObject, specHard, resources, list, now)) used.set(name, q);
  const masked = mask(used, specHard.keys());
  dirty = dirty || !resourceListsEqual(masked, previousUsed);
  if (!dirty) return undefined;
  return { hard: resourceListToJson(specHard), used: resourceListToJson(masked) };
}
