/**
 * Which node updates can change a DaemonSet's mind (shouldIgnoreNodeUpdate): a heartbeat that only
 * moves condition timestamps cannot, so 1,000 nodes reporting every few seconds cost a comparison
 * each, not a DaemonSet sync.
 */
import { jsonEqual } from '../../api/equal.js';
import type { KubeObject } from '../../api/types.js';

interface NodeCondition {
  type?: string;
  status?: string;
}

function conditionsOf(node: Readonly<KubeObject>): readonly NodeCondition[] {
  return ((node['status'] as { conditions?: NodeCondition[] } | undefined)?.conditions) ?? [];
}

/** nodeInSameCondition: the same set of condition types is True in both. */
export function nodeInSameCondition(old: readonly NodeCondition[], cur: readonly NodeCondition[]): boolean {
  const trueOld = new Set(old.filter((c) => c.status === 'True').map((c) => c.type));
  const trueCur = new Set(cur.filter((c) => c.status === 'True').map((c) => c.type));
  if (trueOld.size !== trueCur.size) return false;
  for (const t of trueCur) if (!trueOld.has(t)) return false;
  return true;
}

/** shouldIgnoreNodeUpdate: nothing but the resourceVersion and condition details changed. */
export function shouldIgnoreNodeUpdate(oldNode: Readonly<KubeObject>, curNode: Readonly<KubeObject>): boolean {
  if (!nodeInSameCondition(conditionsOf(oldNode), conditionsOf(curNode))) return false;
  const curStatus = curNode['status'] as Record<string, unknown> | undefined;
  const oldStatus = oldNode['status'] as Record<string, unknown> | undefined;
  const aligned: KubeObject = {
    ...oldNode,
    metadata: { ...oldNode.metadata, resourceVersion: curNode.metadata.resourceVersion },
    status: { ...oldStatus, conditions: curStatus?.['conditions'] },
  };
  const cur: KubeObject = { ...curNode, status: { ...curStatus } };
  return jsonEqual(aligned, cur);
}
