/**
 * A ResourceQuota's status as the resource quota controller's first sync leaves it, written by
 * the API server itself when the quota is created or its `spec.hard` changes: `status.hard`
 * mirrors `spec.hard` and `status.used` counts what the namespace already holds. Without it the
 * ResourceQuota admission plugin would ignore the quota (it enforces `status.hard`) until a
 * controller filled it in. Keeping `used` right after deletions is the controller's job.
 */
import type { KubeObject } from '../../api/types.js';
import { jsonEqual } from '../../api/equal.js';
import { RESOURCES, storagePrefix } from '../registry.js';
import type { ResourceInfo } from '../registry.js';
import type { ServerContext } from '../server-context.js';
import { parseResourceList, resourceListToJson } from './resource-lists.js';
import { calculateQuotaUsage } from './resource-quota.js';

/** The namespace's objects of `info` as stored now (nothing when storage fails: validation or the write will say so). */
function storedObjects(ctx: ServerContext, info: ResourceInfo, namespace: string): KubeObject[] {
  const listed = ctx.storage.list(storagePrefix(info, namespace));
  return listed.ok ? listed.value.items.map((s) => s.object) : [];
}

/**
 * Fills in the status of a ResourceQuota being created (a mutable copy; the quota itself counts
 * towards `resourcequotas`), or being updated when `previous` is given and `spec.hard` no longer
 * matches `status.hard`.
 */
export function syncQuotaStatus(ctx: ServerContext, quota: KubeObject, previous?: KubeObject): void {
  const hardJson = resourceListToJson(parseResourceList((quota.spec as { hard?: unknown } | undefined)?.hard));
  const status = (quota.status ?? {}) as { hard?: unknown };
  if (previous && jsonEqual(status.hard, hardJson)) return;
  const namespace = quota.metadata.namespace ?? '';
  const list = (info: ResourceInfo): KubeObject[] => {
    const objects = storedObjects(ctx, info, namespace);
    return !previous && info.kind === 'ResourceQuota' && info.group === '' ? [...objects, quota] : objects;
  };
  const used = calculateQuotaUsage(quota, parseResourceList(hardJson), RESOURCES, list, ctx.clock.now());
  quota.status = { ...status, hard: hardJson, used: resourceListToJson(used) };
}
