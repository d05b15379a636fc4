/**
 * NodeResourcesFit (PreFilter, Filter, PreScore, Score): a node fits when its allocatable minus
 * what its pods (bound and assumed) request covers the new pod's requests, and it has room for one
 * more pod. Scores with the LeastAllocated strategy over cpu and memory (weight 1 each), counting
 * 100m / 200Mi for containers that request nothing.
 */
import { ActionType, type ClusterEventWithHint } from '../framework/events.js';
import type { EnqueueExtensions, FilterPlugin, PreFilterResult, PreScoreResult, ScorePlugin } from '../framework/interface.js';
import { MAX_NODE_SCORE } from '../framework/interface.js';
import { Status, type MaybeStatus } from '../framework/status.js';
import type { CycleState } from '../framework/cycle-state.js';
import type { NodeInfo } from '../node-info.js';
import { podInfoFor, type PodInfo } from '../pod-info.js';
import { emptyResource, isExtendedResourceName, resourceFromList, type Resource } from '../resources.js';
import type { Node, Pod } from '../types.js';
import { Names } from './names.js';

/** The reason for a node with no room for another pod. */
export const ERR_REASON_TOO_MANY_PODS = 'Too many pods';

/** `Insufficient <resource>`. */
export function insufficientReason(resource: string): string {
  return `Insufficient ${resource}`;
}

/** The resources a pod asks for, as Fit checks them (fitsRequest), against a node's allocatable and requested amounts. */
export function insufficientResources(req: Resource, allocatable: Resource, requested: Resource, podCount: number): string[] {
  const reasons: string[] = [];
  if (podCount + 1 > allocatable.allowedPodNumber) reasons.push(ERR_REASON_TOO_MANY_PODS);
  if (req.milliCPU === 0 && req.memory === 0 && req.ephemeralStorage === 0 && req.scalar === undefined) return reasons;
  if (req.milliCPU > 0 && req.milliCPU > allocatable.milliCPU - requested.milliCPU) reasons.push('Insufficient cpu');
  if (req.memory > 0 && req.memory > allocatable.memory - requested.memory) reasons.push('Insufficient memory');
  if (req.ephemeralStorage > 0 && req.ephemeralStorage > allocatable.ephemeralStorage - requested.ephemeralStorage) reasons.push('Insufficient ephemeral-storage');
  if (req.scalar !== undefined) {
    for (const [name, quantity] of req.scalar) {
      if (quantity === 0) continue;
      if (quantity > (allocatable.scalar?.get(name) ?? 0) - (requested.scalar?.get(name) ?? 0)) reasons.push(insufficientReason(name));
    }
  }
  return reasons;
}

/** The allocation-free check for the common case: the pod fits. */
function fits(req: Resource, node: NodeInfo): boolean {
  if (node.numPods + 1 > node.allowedPodNumber) return false;
  if (req.milliCPU > 0 && req.milliCPU > node.allocatableMilliCPU - node.requestedMilliCPU) return false;
  if (req.memory > 0 && req.memory > node.allocatableMemory - node.requestedMemory) return false;
  if (req.ephemeralStorage > 0 && req.ephemeralStorage > node.allocatableEphemeralStorage - node.requestedEphemeralStorage) return false;
  return req.scalar === undefined;
}

/** leastRequestedScore: the free share of a resource after placing the pod, 0..100. */
function leastRequestedScore(requested: number, capacity: number): number {
  if (capacity === 0 || requested > capacity) return 0;
  return Math.floor(((capacity - requested) * MAX_NODE_SCORE) / capacity);
}

/** leastResourceScorer over cpu and memory (weight 1 each; a resource the node has none of is left out). */
function leastAllocatedScore(allocCPU: number, allocMemory: number, requestedCPU: number, requestedMemory: number): number {
  let nodeScore = 0;
  let weightSum = 0;
  if (allocCPU !== 0) {
    nodeScore += leastRequestedScore(requestedCPU, allocCPU);
    weightSum++;
  }
  if (allocMemory !== 0) {
    nodeScore += leastRequestedScore(requestedMemory, allocMemory);
    weightSum++;
  }
  return weightSum === 0 ? 0 : Math.floor(nodeScore / weightSum);
}

/** The non-zero cpu and memory a pod adds, for LeastAllocated. */
interface FitScoreState {
  milliCPU: number;
  memory: number;
}

/** The NodeResourcesFit plugin. */
export class NodeResourcesFit implements FilterPlugin<Resource>, ScorePlugin<FitScoreState>, EnqueueExtensions {
  readonly name = Names.NodeResourcesFit;
  private readonly statuses = new Map<string, Status>();

  preFilter(_cycle: unknown, pod: PodInfo): PreFilterResult<Resource> {
    return { state: pod.resources.requests };
  }

  filter(_cycle: unknown, _pod: PodInfo, node: NodeInfo, req: Resource): MaybeStatus {
    if (fits(req, node)) return undefined;
    const reasons = insufficientResources(req, node.allocatable, node.requested, node.pods.length);
    if (reasons.length === 0) return undefined;
    const key = reasons.join('\u0000');
    let status = this.statuses.get(key);
    if (status === undefined) this.statuses.set(key, (status = new Status('Unschedulable', reasons, this.name)));
    return status;
  }

  preScore(_cycle: unknown, pod: PodInfo): PreScoreResult<FitScoreState> {
    return { state: { milliCPU: pod.resources.nonZeroMilliCPU, memory: pod.resources.nonZeroMemory } };
  }

  /** Score for every node (the batch form of Score, so this loop stays monomorphic). */
  scoreNodes(_cycle: CycleState, _pod: PodInfo, nodes: readonly NodeInfo[], state: FitScoreState, scores: number[]): void {
    const cpu = state.milliCPU;
    const memory = state.memory;
    for (let i = 0; i < nodes.length; i++) {
      const node = nodes[i]!;
      const allocCPU = node.allocatableMilliCPU;
      const allocMemory = node.allocatableMemory;
      // The same sums as score(), in the same order (so the same rounding).
      if (allocCPU !== 0 && allocMemory !== 0) {
        scores[i] = Math.floor((leastRequestedScore(node.nonZeroMilliCPU + cpu, allocCPU) + leastRequestedScore(node.nonZeroMemory + memory, allocMemory)) / 2);
      } else {
        scores[i] = leastAllocatedScore(allocCPU, allocMemory, node.nonZeroMilliCPU + cpu, node.nonZeroMemory + memory);
      }
    }
  }

  /** LeastAllocated over cpu and memory, equally weighted. */
  score(_cycle: unknown, _pod: PodInfo, node: NodeInfo, req: FitScoreState): number {
    const alloc = node.allocatable;
    return leastAllocatedScore(alloc.milliCPU, alloc.memory, node.nonZeroRequested.milliCPU + req.milliCPU, node.nonZeroRequested.memory + req.memory);
  }

  eventsToRegister(): readonly ClusterEventWithHint[] {
    return [
      {
        event: { resource: 'Pod', actionType: ActionType.Delete | ActionType.UpdatePodScaleDown },
        hint: (pod, original, modified) => {
          if (modified === undefined) return original !== undefined && ((original as Pod).spec.nodeName ?? '') !== '' ? 'Queue' : 'QueueSkip';
          return modified.metadata.uid === pod.metadata.uid ? 'Queue' : 'QueueSkip';
        },
      },
      {
        event: { resource: 'Node', actionType: ActionType.Add | ActionType.UpdateNodeAllocatable | ActionType.UpdateNodeTaint | ActionType.UpdateNodeLabel },
        hint: (pod, original, modified) => {
          const req = podInfoFor(pod).resources.requests;
          const after = resourceFromList((modified as Node | undefined)?.status?.allocatable);
          if (insufficientResources(req, after, emptyResource(), 0).length > 0) return 'QueueSkip';
          if (original === undefined) return 'Queue';
          const before = resourceFromList((original as Node).status?.allocatable);
          return anyRequestedResourceIncreased(req, before, after) ? 'Queue' : 'QueueSkip';
        },
      },
    ];
  }
}

/** haveAnyRequestedResourcesIncreased: whether the node now offers more of something the pod asks for. */
function anyRequestedResourceIncreased(req: Resource, before: Resource, after: Resource): boolean {
  if (after.allowedPodNumber > before.allowedPodNumber) return true;
  if (req.milliCPU > 0 && after.milliCPU > before.milliCPU) return true;
  if (req.memory > 0 && after.memory > before.memory) return true;
  if (req.ephemeralStorage > 0 && after.ephemeralStorage > before.ephemeralStorage) return true;
  for (const [name, q] of req.scalar ?? []) {
    if (q > 0 && isExtendedResourceName(name) && (after.scalar?.get(name) ?? 0) > (before.scalar?.get(name) ?? 0)) return true;
  }
  return false;
}
