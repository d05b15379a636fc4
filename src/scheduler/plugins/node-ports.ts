/**
 * NodePorts (PreFilter, Filter): a pod asking for host ports fits only nodes where no other pod
 * holds the same ip/protocol/port.
 */
import { ActionType, type ClusterEventWithHint } from '../framework/events.js';
import { SKIP_RESULT, type EnqueueExtensions, type FilterPlugin, type PreFilterResult } from '../framework/interface.js';
import { Status, type MaybeStatus } from '../framework/status.js';
import type { NodeInfo } from '../node-info.js';
import { hostPortsOf, type HostPort, type PodInfo } from '../pod-info.js';
import type { Pod } from '../types.js';
import { Names } from './names.js';

/** nodeports.ErrReason. */
export const ERR_REASON_NODE_PORTS = "node(s) didn't have free ports for the requested pod ports";

/** The NodePorts plugin. */
export class NodePorts implements FilterPlugin<readonly HostPort[]>, EnqueueExtensions {
  readonly name = Names.NodePorts;
  private readonly rejected = new Status('Unschedulable', [ERR_REASON_NODE_PORTS], this.name);

  preFilter(_cycle: unknown, pod: PodInfo): PreFilterResult<readonly HostPort[]> {
    return pod.hostPorts.length === 0 ? SKIP_RESULT : { state: pod.hostPorts };
  }

  filter(_cycle: unknown, _pod: PodInfo, node: NodeInfo, wanted: readonly HostPort[]): MaybeStatus {
    if (node.usedPorts.empty) return undefined;
    for (const port of wanted) if (node.usedPorts.conflicts(port)) return this.rejected;
    return undefined;
  }

  eventsToRegister(): readonly ClusterEventWithHint[] {
    return [
      {
        event: { resource: 'Pod', actionType: ActionType.Delete },
        hint: (pod, deleted) => {
          if (deleted === undefined || ((deleted as Pod).spec.nodeName ?? '') === '') return 'QueueSkip';
          const freed = hostPortsOf(deleted as Pod);
          const wanted = hostPortsOf(pod);
          return freed.some((f) => wanted.some((w) => w.port === f.port && w.protocol === f.protocol)) ? 'Queue' : 'QueueSkip';
        },
      },
      { event: { resource: 'Node', actionType: ActionType.Add } },
    ];
  }
}
