/**
 * framework.NodeInfo: one node as the scheduler sees it — the Node object, the pods on it
 * (bound and assumed), their summed requests, the host ports they use, and the images the node
 * has. Kept up to date incrementally by the scheduler cache: adding or removing a pod touches
 * only this node.
 */
import { HostPortInfo } from './host-ports.js';
import type { PodInfo } from './pod-info.js';
import { emptyResource, resourceFromList, type Resource } from './resources.js';
import type { Node, Taint } from './types.js';

/** An image present on some nodes (framework.ImageStateSummary); shared by every NodeInfo that has it. */
export interface ImageState {
  /** sizeBytes, as the kubelet reports it. */
  size: number;
  /** The nodes that have it; `nodes.size` is ImageStateSummary.NumNodes. */
  readonly nodes: Set<string>;
}

const NO_TAINTS: readonly Taint[] = Object.freeze([]);

/** One node's scheduling state. */
export class NodeInfo {
  /** Undefined while the cache knows pods on the node but not the node itself. */
  node: Node | undefined = undefined;
  pods: PodInfo[] = [];
  podsWithAffinity: PodInfo[] = [];
  podsWithRequiredAntiAffinity: PodInfo[] = [];
  usedPorts = new HostPortInfo();
  /** Sum of the pods' requests. */
  requested: Resource = emptyResource();
  /** Sum of the pods' requests with 100m / 200Mi for containers that request no cpu / memory. */
  nonZeroRequested: Resource = emptyResource();
  allocatable: Resource = emptyResource();
  /**
   * Plain copies of the amounts the per-node Filter and Score read (kept equal to `allocatable`,
   * `requested`, `nonZeroRequested` and `pods.length`): one object to load per node, not four.
   */
  allocatableMilliCPU = 0;
  allocatableMemory = 0;
  allocatableEphemeralStorage = 0;
  allowedPodNumber = 0;
  requestedMilliCPU = 0;
  requestedMemory = 0;
  requestedEphemeralStorage = 0;
  nonZeroMilliCPU = 0;
  nonZeroMemory = 0;
  numPods = 0;
  /** Normalised image name → the shared state of that image. */
  imageStates = new Map<string, ImageState>();
  taints: readonly Taint[] = NO_TAINTS;
  /** The node's labels (copied from the Node so hot loops read one monomorphic field). */
  labels: Readonly<Record<string, string>> | undefined = undefined;
  /** `spec.unschedulable` (cordoned). */
  unschedulable = false;
  /** Bumped on every change (framework.NodeInfo.Generation). */
  generation = 0;
  /**
   * Bumped when a change may alter which of the node's pods a selector matches: a pod added or
   * removed, or a pod's labels or deletion changed (not its status, which changes far more often).
   */
  podsMatchGeneration = 0;
  /** The last countPodsMatchSelector answer for this node (selector, namespace, podsMatchGeneration, count). */
  countedSelector: object | undefined = undefined;
  countedNamespace = '';
  countedGeneration = -1;
  countedMatches = 0;

  constructor(readonly name: string) {}

  /** Sets (or replaces) the Node object; allocatable and taints are re-read only when they changed. */
  setNode(node: Node): void {
    const previous = this.node;
    this.node = node;
    const allocatable = node.status?.allocatable;
    if (previous === undefined || previous.status?.allocatable !== allocatable) {
      const a = (this.allocatable = resourceFromList(allocatable));
      this.allocatableMilliCPU = a.milliCPU;
      this.allocatableMemory = a.memory;
      this.allocatableEphemeralStorage = a.ephemeralStorage;
      this.allowedPodNumber = a.allowedPodNumber;
    }
    this.taints = node.spec?.taints ?? NO_TAINTS;
    this.labels = node.metadata.labels;
    this.unschedulable = node.spec?.unschedulable === true;
    this.generation++;
  }

  /** NodeInfo.AddPod. */
  addPod(info: PodInfo): void {
    this.pods.push(info);
    this.numPods = this.pods.length;
    if (info.hasAffinity) this.podsWithAffinity.push(info);
    if (info.hasRequiredAntiAffinity) this.podsWithRequiredAntiAffinity.push(info);
    this.account(info, 1);
    this.generation++;
    this.podsMatchGeneration++;
  }

  /** NodeInfo.RemovePod (by uid); false when the pod is not on this node. */
  removePod(uid: string): PodInfo | undefined {
    const index = indexOfUid(this.pods, uid);
    if (index < 0) return undefined;
    const info = this.pods[index]!;
    swapRemove(this.pods, index);
    this.numPods = this.pods.length;
    if (info.hasAffinity) swapRemove(this.podsWithAffinity, indexOfUid(this.podsWithAffinity, uid));
    if (info.hasRequiredAntiAffinity) swapRemove(this.podsWithRequiredAntiAffinity, indexOfUid(this.podsWithRequiredAntiAffinity, uid));
    this.account(info, -1);
    this.generation++;
    this.podsMatchGeneration++;
    return info;
  }

  /** Replaces a pod's object with a newer version of the same pod (same requests), keeping its place. */
  replacePod(info: PodInfo): boolean {
    const index = indexOfUid(this.pods, info.uid);
    if (index < 0) return false;
    const previous = this.pods[index]!;
    if (previous.terminating !== info.terminating || !sameLabels(previous.labels, info.labels)) this.podsMatchGeneration++;
    this.pods[index] = info;
    if (info.hasAffinity) this.podsWithAffinity[indexOfUid(this.podsWithAffinity, info.uid)] = info;
    if (info.hasRequiredAntiAffinity) this.podsWithRequiredAntiAffinity[indexOfUid(this.podsWithRequiredAntiAffinity, info.uid)] = info;
    this.generation++;
    return true;
  }

  /** A copy whose pods can be removed without touching this one (preemption's what-if). */
  clone(): NodeInfo {
    const copy = new NodeInfo(this.name);
    copy.node = this.node;
    copy.labels = this.labels;
    copy.unschedulable = this.unschedulable;
    copy.pods = [...this.pods];
    copy.podsWithAffinity = [...this.podsWithAffinity];
    copy.podsWithRequiredAntiAffinity = [...this.podsWithRequiredAntiAffinity];
    copy.usedPorts = this.usedPorts.clone();
    copy.requested = cloneResource(this.requested);
    copy.nonZeroRequested = cloneResource(this.nonZeroRequested);
    copy.allocatable = this.allocatable;
    copy.allocatableMilliCPU = this.allocatableMilliCPU;
    copy.allocatableMemory = this.allocatableMemory;
    copy.allocatableEphemeralStorage = this.allocatableEphemeralStorage;
    copy.allowedPodNumber = this.allowedPodNumber;
    copy.requestedMilliCPU = this.requestedMilliCPU;
    copy.requestedMemory = this.requestedMemory;
    copy.requestedEphemeralStorage = this.requestedEphemeralStorage;
    copy.nonZeroMilliCPU = this.nonZeroMilliCPU;
    copy.nonZeroMemory = this.nonZeroMemory;
    copy.numPods = this.numPods;
    copy.imageStates = this.imageStates;
    copy.taints = this.taints;
    copy.generation = this.generation;
    copy.podsMatchGeneration = this.podsMatchGeneration;
    return copy;
  }

  private account(info: PodInfo, sign: 1 | -1): void {
    const { requests, nonZeroMilliCPU, nonZeroMemory } = info.resources;
    const r = this.requested;
    r.milliCPU += sign * requests.milliCPU;
    r.memory += sign * requests.memory;
    r.ephemeralStorage += sign * requests.ephemeralStorage;
    if (requests.scalar !== undefined) {
      if (r.scalar === undefined) r.scalar = new Map();
      for (const [name, value] of requests.scalar) r.scalar.set(name, (r.scalar.get(name) ?? 0) + sign * value);
    }
    this.nonZeroRequested.milliCPU += sign * nonZeroMilliCPU;
    this.nonZeroRequested.memory += sign * nonZeroMemory;
    this.requestedMilliCPU = r.milliCPU;
    this.requestedMemory = r.memory;
    this.requestedEphemeralStorage = r.ephemeralStorage;
    this.nonZeroMilliCPU = this.nonZeroRequested.milliCPU;
    this.nonZeroMemory = this.nonZeroRequested.memory;
    for (const port of info.hostPorts) {
      if (sign > 0) this.usedPorts.add(port);
      else this.usedPorts.remove(port);
    }
  }
}

function cloneResource(r: Resource): Resource {
  return { ...r, scalar: r.scalar === undefined ? undefined : new Map(r.scalar) };
}

/** Whether two label sets are equal (the same object, as a pod's status update usually leaves them, or the same pairs). */
function sameLabels(a: Readonly<Record<string, string>> | undefined, b: Readonly<Record<string, string>> | undefined): boolean {
  if (a === b) return true;
  if (a === undefined || b === undefined) return false;
  let n = 0;
  for (const key in a) {
    if (a[key] !== b[key]) return false;
    n++;
  }
  for (const _ in b) n--;
  return n === 0;
}

function indexOfUid(pods: readonly PodInfo[], uid: string): number {
  for (let i = 0; i < pods.length; i++) if (pods[i]!.uid === uid) return i;
  return -1;
}

function swapRemove<T>(list: T[], index: number): void {
  if (index < 0) return;
  const last = list.length - 1;
  if (index !== last) list[index] = list[last]!;
  list.pop();
}
