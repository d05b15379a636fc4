/**
 * NodeShouldRunDaemonPod: whether a DaemonSet wants a pod on a node (`shouldRun`) and whether a pod
 * already there may stay (`shouldContinueRunning`). The node must match the template's nodeName,
 * nodeSelector and required node affinity; an untolerated NoSchedule or NoExecute taint stops new
 * pods, and only an untolerated NoExecute taint evicts running ones. The daemon tolerations count.
 */
import type { JsonObject, KubeObject } from '../../api/types.js';
import { daemonPodTolerations } from './daemon-pods.js';
import { matchesRequiredNodeAffinity, type NodePlacement } from './node-affinity.js';
import { findMatchingUntoleratedTaint, type Taint, type Toleration } from './taints.js';
import type { DaemonSet } from './types.js';

/** The verdict for one node. */
export interface NodeVerdict {
  shouldRun: boolean;
  shouldContinueRunning: boolean;
}

/** What a DaemonSet's new pod would look like for placement (NewPod), worked out once per sync. */
export interface DaemonPlacement {
  nodeName: string;
  placement: NodePlacement;
  tolerations: Toleration[];
}

/** NewPod, reduced to what placement reads: the template's spec with the daemon tolerations. */
export function daemonPlacement(ds: Readonly<DaemonSet>): DaemonPlacement {
  const spec = (ds.spec?.template?.spec ?? {}) as JsonObject & NodePlacement & { nodeName?: string };
  return { nodeName: spec.nodeName ?? '', placement: spec, tolerations: daemonPodTolerations(spec) };
}

const NEVER: NodeVerdict = Object.freeze({ shouldRun: false, shouldContinueRunning: false });
const ALWAYS: NodeVerdict = Object.freeze({ shouldRun: true, shouldContinueRunning: true });

/** NodeShouldRunDaemonPod for a node and a DaemonSet's placement. */
export function nodeShouldRunDaemonPod(node: Readonly<KubeObject>, daemon: Readonly<DaemonPlacement>): NodeVerdict {
  const name = node.metadata.name ?? '';
  if (daemon.nodeName !== '' && daemon.nodeName !== name) return NEVER;
  if (!matchesRequiredNodeAffinity(daemon.placement, node)) return NEVER;
  const taints = (node['spec'] as { taints?: Taint[] } | undefined)?.taints;
  const blocking = findMatchingUntoleratedTaint(taints, daemon.tolerations, (t) => t.effect === 'NoExecute' || t.effect === 'NoSchedule');
  if (blocking === undefined) return ALWAYS;
  const evicting = findMatchingUntoleratedTaint(taints, daemon.tolerations, (t) => t.effect === 'NoExecute');
  return { shouldRun: false, shouldContinueRunning: evicting === undefined };
}
