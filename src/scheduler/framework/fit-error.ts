/**
 * framework.Diagnosis and FitError: why no node fit, and the one function that turns it into the
 * text users see — `0/4 nodes are available: 1 node(s) had untolerated taint {…}, 3 Insufficient
 * memory. preemption: 0/4 nodes are available: …` — which becomes both the FailedScheduling
 * event and the PodScheduled condition's message.
 */
import { Status } from './status.js';

/** framework.NodeToStatus: the verdict per node, with a status for nodes not in the map. */
export class NodeToStatus {
  private readonly statuses = new Map<string, Status>();
  /** NodeToStatus.AbsentNodesStatus: by default UnschedulableAndUnresolvable without reasons. */
  absentNodesStatus: Status = DEFAULT_ABSENT_NODES_STATUS;

  /** Records a node's status. */
  set(nodeName: string, status: Status): void {
    this.statuses.set(nodeName, status);
  }

  /** The node's status, or the absent-nodes status. */
  get(nodeName: string): Status {
    return this.statuses.get(nodeName) ?? this.absentNodesStatus;
  }

  /** Whether the node has an explicit status. */
  has(nodeName: string): boolean {
    return this.statuses.has(nodeName);
  }

  /** How many nodes have an explicit status (NodeToStatus.Len). */
  get size(): number {
    return this.statuses.size;
  }

  /** The explicit statuses. */
  entries(): IterableIterator<[string, Status]> {
    return this.statuses.entries();
  }
}

const DEFAULT_ABSENT_NODES_STATUS = new Status('UnschedulableAndUnresolvable');

/** framework.Diagnosis. */
export interface Diagnosis {
  readonly nodeToStatus: NodeToStatus;
  /** The plugins that rejected the pod: only their events can make it schedulable. */
  readonly unschedulablePlugins: Set<string>;
  readonly pendingPlugins: Set<string>;
  /** The PreFilter rejection's message, if a PreFilter rejected the pod. */
  preFilterMsg: string;
  /** The PostFilter's (preemption's) message. */
  postFilterMsg: string;
}

/** A fresh Diagnosis. */
export function newDiagnosis(): Diagnosis {
  return { nodeToStatus: new NodeToStatus(), unschedulablePlugins: new Set(), pendingPlugins: new Set(), preFilterMsg: '', postFilterMsg: '' };
}

/** Diagnosis.AddPluginStatus: remembers which plugin rejected the pod. */
export function addPluginStatus(diagnosis: Diagnosis, status: Status): void {
  if (status.plugin === '') return;
  if (status.isRejected()) diagnosis.unschedulablePlugins.add(status.plugin);
  if (status.code === 'Pending') diagnosis.pendingPlugins.add(status.plugin);
}

/**
 * FitError.Error(): `0/N nodes are available:` then the PreFilter message, or else the per-node
 * reasons counted and sorted (`3 Insufficient cpu`), each followed by a period; then the
 * PostFilter message as it is (preemption's own text already ends in one).
 */
export function fitErrorMessage(numAllNodes: number, diagnosis: Diagnosis): string {
  let message = `0/${numAllNodes} nodes are available:`;
  if (diagnosis.preFilterMsg !== '') {
    message += ` ${diagnosis.preFilterMsg}.`;
  } else {
    const counts = new Map<string, number>();
    for (const [, status] of diagnosis.nodeToStatus.entries()) {
      for (const reason of status.reasons) counts.set(reason, (counts.get(reason) ?? 0) + 1);
    }
    const absent = numAllNodes - diagnosis.nodeToStatus.size;
    if (absent > 0) {
      for (const reason of diagnosis.nodeToStatus.absentNodesStatus.reasons) counts.set(reason, (counts.get(reason) ?? 0) + absent);
    }
    const histogram = [...counts].map(([reason, n]) => `${n} ${reason}`).sort(compareStrings);
    if (histogram.length > 0) message += ` ${histogram.join(', ')}.`;
  }
  if (diagnosis.postFilterMsg !== '') message += ` ${diagnosis.postFilterMsg}`;
  return message;
}

/** Go's sort.Strings order (byte order; the same as UTF-16 order for these ASCII strings). */
function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
