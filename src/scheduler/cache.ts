/**
 * The scheduler cache (pkg/scheduler/backend/cache): a NodeInfo per node, updated incrementally
 * from informer events, plus *assumed* pods — a pod is added to its chosen node the moment the
 * scheduler picks it, before the binding write is seen, so the next pod already sees those
 * resources used. The informer's confirmation of the binding turns the assumption into fact;
 * a failed binding forgets it.
 *
 * The playground schedules on one thread, so the cache doubles as the snapshot a cycle reads.
 */
import { jsonEqual } from '../api/equal.js';
import { NodeInfo, type ImageState } from './node-info.js';
import { NodeTree } from './node-tree.js';
import { podInfoFor, updatedPodInfo, type PodInfo } from './pod-info.js';
import type { Node, Pod } from './types.js';

interface PodState {
  info: PodInfo;
  nodeName: string;
  assumed: boolean;
  bindingFinished: boolean;
}

/** What the dashboard shows of the cache. */
export interface CacheSummary {
  nodes: number;
  pods: number;
  assumedPods: number;
}

/** The scheduler's view of nodes and the pods on them. */
export class SchedulerCache {
  private readonly nodeInfos = new Map<string, NodeInfo>();
  private readonly tree = new NodeTree();
  private readonly podStates = new Map<string, PodState>();
  private readonly images = new Map<string, ImageState>();
  private list: NodeInfo[] | undefined;
  /** How many known nodes carry each label key (so spreading can tell at once that no node has a zone). */
  private readonly labelKeys = new Map<string, number>();
  private assumedCount = 0;
  /** Nodes hosting pods with pod (anti-)affinity (HavePodsWithAffinityList). */
  readonly nodesWithAffinityPods = new Set<NodeInfo>();
  /** Nodes hosting pods with required anti-affinity (HavePodsWithRequiredAntiAffinityList). */
  readonly nodesWithRequiredAntiAffinityPods = new Set<NodeInfo>();

  /** The NodeInfos of the known nodes, in nodeTree order (zones interleaved). Do not mutate. */
  nodeInfoList(): readonly NodeInfo[] {
    if (this.list === undefined) this.list = this.tree.list().map((name) => this.nodeInfos.get(name)!);
    return this.list;
  }

  /** How many nodes the cache knows. */
  get numNodes(): number {
    return this.tree.size;
  }

  /** The NodeInfo of a known node. */
  get(nodeName: string): NodeInfo | undefined {
    const info = this.nodeInfos.get(nodeName);
    return info?.node === undefined ? undefined : info;
  }

  /** Cache.AddNode / UpdateNode. */
  setNode(node: Node): void {
    const name = node.metadata.name ?? '';
    let info = this.nodeInfos.get(name);
    if (info === undefined) this.nodeInfos.set(name, (info = new NodeInfo(name)));
    const previous = info.node;
    if (previous === undefined || previous.metadata.labels !== node.metadata.labels) {
      this.countLabelKeys(previous?.metadata.labels, -1);
      this.countLabelKeys(node.metadata.labels, 1);
    }
    info.setNode(node);
    if (previous === undefined || !jsonEqual(previous.status?.images, node.status?.images)) this.setImages(info, node);
    if (this.tree.add(node)) this.list = undefined;
  }

  /** Cache.RemoveNode: the NodeInfo stays while pods still name the node. */
  removeNode(name: string): void {
    const info = this.nodeInfos.get(name);
    if (info === undefined) return;
    this.clearImages(info);
    this.countLabelKeys(info.node?.metadata.labels, -1);
    info.node = undefined;
    info.labels = undefined;
    info.generation++;
    this.tree.remove(name);
    this.list = undefined;
    if (info.pods.length === 0) this.nodeInfos.delete(name);
  }

  /** The shared state of an image (by normalised name), if some node has it. */
  imageState(name: string): ImageState | undefined {
    return this.images.get(name);
  }

  /** How many nodes have a label with this key. */
  nodesWithLabel(key: string): number {
    return this.labelKeys.get(key) ?? 0;
  }

  /** Cache.AssumePod: counts the pod on `nodeName` before its binding is seen. */
  assumePod(info: PodInfo, nodeName: string): void {
    if (this.podStates.has(info.uid)) return;
    this.podStates.set(info.uid, { info, nodeName, assumed: true, bindingFinished: false });
    this.assumedCount++;
    this.addToNode(info, nodeName);
  }

  /** Cache.FinishBinding: the binding write returned. */
  finishBinding(uid: string): void {
    const state = this.podStates.get(uid);
    if (state !== undefined && state.assumed) state.bindingFinished = true;
  }

  /** Cache.ForgetPod: drops an assumed pod whose binding failed. */
  forgetPod(uid: string): void {
    const state = this.podStates.get(uid);
    if (state === undefined || !state.assumed) return;
    this.podStates.delete(uid);
    this.assumedCount--;
    this.removeFromNode(uid, state.nodeName);
  }

  /** Whether a pod is assumed and not yet confirmed. */
  isAssumedPod(uid: string): boolean {
    return this.podStates.get(uid)?.assumed ?? false;
  }

  /** Cache.AddPod: an assigned pod seen by the informer (confirming an assumption, if any). */
  addPod(pod: Pod): void {
    const uid = pod.metadata.uid ?? '';
    const nodeName = pod.spec.nodeName ?? '';
    const state = this.podStates.get(uid);
    if (state === undefined) {
      const info = podInfoFor(pod);
      this.podStates.set(uid, { info, nodeName, assumed: false, bindingFinished: true });
      this.addToNode(info, nodeName);
      return;
    }
    if (state.assumed) {
      state.assumed = false;
      this.assumedCount--;
    }
    this.moveOrReplace(state, pod, nodeName);
  }

  /** Cache.UpdatePod. */
  updatePod(pod: Pod): void {
    const state = this.podStates.get(pod.metadata.uid ?? '');
    if (state === undefined) {
      this.addPod(pod);
      return;
    }
    this.moveOrReplace(state, pod, pod.spec.nodeName ?? '');
  }

  /** Cache.RemovePod. */
  removePod(pod: Pod): void {
    const uid = pod.metadata.uid ?? '';
    const state = this.podStates.get(uid);
    if (state === undefined) return;
    if (state.assumed) this.assumedCount--;
    this.podStates.delete(uid);
    this.removeFromNode(uid, state.nodeName);
  }

  /** Numbers for the dashboard. */
  summary(): CacheSummary {
    return { nodes: this.tree.size, pods: this.podStates.size, assumedPods: this.assumedCount };
  }

  private moveOrReplace(state: PodState, pod: Pod, nodeName: string): void {
    const info = updatedPodInfo(state.info, pod);
    if (nodeName === state.nodeName) {
      state.info = info;
      this.nodeInfos.get(nodeName)?.replacePod(info);
      return;
    }
    this.removeFromNode(state.info.uid, state.nodeName);
    state.info = info;
    state.nodeName = nodeName;
    this.addToNode(info, nodeName);
  }

  private addToNode(info: PodInfo, nodeName: string): void {
    let node = this.nodeInfos.get(nodeName);
    if (node === undefined) this.nodeInfos.set(nodeName, (node = new NodeInfo(nodeName)));
    node.addPod(info);
    if (info.hasAffinity) this.nodesWithAffinityPods.add(node);
    if (info.hasRequiredAntiAffinity) this.nodesWithRequiredAntiAffinityPods.add(node);
  }

  private removeFromNode(uid: string, nodeName: string): void {
    const node = this.nodeInfos.get(nodeName);
    if (node === undefined) return;
    node.removePod(uid);
    if (node.podsWithAffinity.length === 0) this.nodesWithAffinityPods.delete(node);
    if (node.podsWithRequiredAntiAffinity.length === 0) this.nodesWithRequiredAntiAffinityPods.delete(node);
    if (node.node === undefined && node.pods.length === 0) this.nodeInfos.delete(nodeName);
  }

  private countLabelKeys(labels: Readonly<Record<string, string>> | undefined, delta: number): void {
    if (labels === undefined) return;
    for (const key of Object.keys(labels)) {
      const n = (this.labelKeys.get(key) ?? 0) + delta;
      if (n === 0) this.labelKeys.delete(key);
      else this.labelKeys.set(key, n);
    }
  }

  private setImages(info: NodeInfo, node: Node): void {
    this.clearImages(info);
    for (const image of node.status?.images ?? []) {
      for (const name of image.names ?? []) {
        let state = this.images.get(name);
        if (state === undefined) this.images.set(name, (state = { size: image.sizeBytes ?? 0, nodes: new Set() }));
        state.nodes.add(info.name);
        if (!info.imageStates.has(name)) info.imageStates.set(name, state);
      }
    }
  }

  private clearImages(info: NodeInfo): void {
    for (const [name, state] of info.imageStates) {
      state.nodes.delete(info.name);
      if (state.nodes.size === 0) this.images.delete(name);
    }
    info.imageStates = new Map();
  }
}
