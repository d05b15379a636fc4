/**
 * NodeName (Filter): a pod that names a node in `spec.nodeName` fits only that node. (The
 * scheduler only sees pods without a node name, so it skips itself in PreFilter.)
 */
import { SKIP_RESULT, type FilterPlugin, type PreFilterResult } from '../framework/interface.js';
import { Status, type MaybeStatus } from '../framework/status.js';
import type { NodeInfo } from '../node-info.js';
import type { PodInfo } from '../pod-info.js';
import { Names } from './names.js';

/** nodename.ErrReason. */
export const ERR_REASON_NODE_NAME = "node(s) didn't match the requested node name";

/** The NodeName plugin. */
export class NodeName implements FilterPlugin<string> {
  readonly name = Names.NodeName;
  private readonly rejected = new Status('UnschedulableAndUnresolvable', [ERR_REASON_NODE_NAME], this.name);

  /** Nothing to check for a pod that names no node (every pod the scheduler sees). */
  preFilter(_cycle: unknown, pod: PodInfo): PreFilterResult<string> {
    const wanted = pod.pod.spec.nodeName ?? '';
    return wanted === '' ? SKIP_RESULT : { state: wanted };
  }

  filter(_cycle: unknown, _pod: PodInfo, node: NodeInfo, wanted: string): MaybeStatus {
    return wanted === node.name ? undefined : this.rejected;
  }
}
