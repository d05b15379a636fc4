/**
 * NodeUnschedulable (Filter): a cordoned node (`spec.unschedulable`) takes no pods unless they
 * tolerate the `node.kubernetes.io/unschedulable:NoSchedule` taint.
 */
import { ActionType, type ClusterEventWithHint } from '../framework/events.js';
import type { EnqueueExtensions, FilterPlugin } from '../framework/interface.js';
import { Status, type MaybeStatus } from '../framework/status.js';
import type { NodeInfo } from '../node-info.js';
import type { PodInfo } from '../pod-info.js';
import { TAINT_NODE_UNSCHEDULABLE, tolerationsTolerateTaint } from '../taints.js';
import type { Node, Pod, Toleration } from '../types.js';
import { Names } from './names.js';

/** nodeunschedulable.ErrReasonUnschedulable. */
export const ERR_REASON_UNSCHEDULABLE = 'node(s) were unschedulable';

const UNSCHEDULABLE_TAINT = { key: TAINT_NODE_UNSCHEDULABLE, effect: 'NoSchedule' };

function toleratesUnschedulable(tolerations: readonly Toleration[]): boolean {
  return tolerationsTolerateTaint(tolerations, UNSCHEDULABLE_TAINT);
}

/** The NodeUnschedulable plugin. */
export class NodeUnschedulable implements FilterPlugin<undefined>, EnqueueExtensions {
  readonly name = Names.NodeUnschedulable;
  private readonly rejected = new Status('UnschedulableAndUnresolvable', [ERR_REASON_UNSCHEDULABLE], this.name);

  filter(_cycle: unknown, pod: PodInfo, node: NodeInfo): MaybeStatus {
    if (!node.unschedulable) return undefined;
    return toleratesUnschedulable(pod.tolerations) ? undefined : this.rejected;
  }

  eventsToRegister(): readonly ClusterEventWithHint[] {
    return [
      {
        event: { resource: 'Node', actionType: ActionType.Add | ActionType.UpdateNodeTaint },
        hint: (pod, _old, modified) => ((modified as Node).spec?.unschedulable !== true || toleratesUnschedulable(pod.spec.tolerations ?? []) ? 'Queue' : 'QueueSkip'),
      },
      { event: { resource: 'Pod', actionType: ActionType.UpdatePodTolerations }, hint: ownPodHint },
    ];
  }
}

/** A hint for the pod's own updates: queue only when the changed pod is this pod. */
export function ownPodHint(pod: Pod, _old: unknown, modified: { metadata: { uid?: string } } | undefined): 'Queue' | 'QueueSkip' {
  return modified?.metadata.uid === pod.metadata.uid ? 'Queue' : 'QueueSkip';
}
