/**
 * Taints and tolerations as pkg/apis/core/v1/helper and k8s.io/api/core/v1 match them.
 */
import { tolerationsTolerateTaint, type Taint, type Toleration } from '../api/taints.js';

export { toleratesTaint, tolerationsTolerateTaint } from '../api/taints.js';

/** v1.TaintNodeUnschedulable: the taint a cordoned node carries (and NodeUnschedulable checks). */
export const TAINT_NODE_UNSCHEDULABLE = 'node.kubernetes.io/unschedulable';

/** helper.DoNotScheduleTaintsFilterFunc: the taints that keep new pods off a node. */
export function isDoNotScheduleTaint(taint: Taint): boolean {
  return taint.effect === 'NoSchedule' || taint.effect === 'NoExecute';
}

/** v1helper.FindMatchingUntoleratedTaint with DoNotScheduleTaintsFilterFunc: the first NoSchedule/NoExecute taint not tolerated. */
export function findUntoleratedTaint(taints: readonly Taint[], tolerations: readonly Toleration[]): Taint | undefined {
  for (const taint of taints) {
    if (!isDoNotScheduleTaint(taint)) continue;
    if (!tolerationsTolerateTaint(tolerations, taint)) return taint;
  }
  return undefined;
}
