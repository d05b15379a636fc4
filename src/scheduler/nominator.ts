/**
 * The nominator (pkg/scheduler/backend/queue/nominator.go): pods nominated to a node by preemption
 * (`status.nominatedNodeName`), so that filters count them on that node and lower-priority pods
 * do not take the room made for them.
 */
import type { PodInfo } from './pod-info.js';

/** Nominated pods by node. */
export class Nominator {
  private readonly byNode = new Map<string, PodInfo[]>();
  private readonly nodeOf = new Map<string, string>();

  /** Whether any pod is nominated anywhere (the common case is none). */
  get empty(): boolean {
    return this.nodeOf.size === 0;
  }

  /** Records (or moves) a pod's nomination; '' removes it. */
  add(info: PodInfo, nodeName: string): void {
    this.delete(info.uid);
    if (nodeName === '') return;
    let list = this.byNode.get(nodeName);
    if (list === undefined) this.byNode.set(nodeName, (list = []));
    list.push(info);
    this.nodeOf.set(info.uid, nodeName);
  }

  /** Forgets a pod's nomination. */
  delete(uid: string): void {
    const node = this.nodeOf.get(uid);
    if (node === undefined) return;
    this.nodeOf.delete(uid);
    const list = this.byNode.get(node)!;
    const i = list.findIndex((p) => p.uid === uid);
    if (i >= 0) list.splice(i, 1);
    if (list.length === 0) this.byNode.delete(node);
  }

  /** The node a pod is nominated to. */
  nodeFor(uid: string): string | undefined {
    return this.nodeOf.get(uid);
  }

  /** NominatedPodsForNode. */
  podsForNode(nodeName: string): readonly PodInfo[] {
    return this.byNode.get(nodeName) ?? [];
  }

  /** Forgets everything. */
  clear(): void {
    this.byNode.clear();
    this.nodeOf.clear();
  }
}
