/**
 * NodeResourcesBalancedAllocation (PreScore, Score): prefers nodes whose cpu and memory would be
 * used in similar proportions after placing the pod: 100 × (1 − standard deviation of the
 * requested/allocatable fractions). Uses actual requests (not the 100m/200Mi defaults).
 */
import type { PreScoreResult, ScorePlugin } from '../framework/interface.js';
import { MAX_NODE_SCORE } from '../framework/interface.js';
import type { CycleState } from '../framework/cycle-state.js';
import type { NodeInfo } from '../node-info.js';
import type { PodInfo } from '../pod-info.js';
import { Names } from './names.js';

interface BalancedState {
  milliCPU: number;
  memory: number;
}

/** balancedResourceScorer for two resources (std = |f1 − f2| / 2). */
export function balancedScore(requested: readonly number[], allocatable: readonly number[]): number {
  const fractions: number[] = [];
  let total = 0;
  for (let i = 0; i < requested.length; i++) {
    if (allocatable[i] === 0) continue;
    const fraction = Math.min(requested[i]! / allocatable[i]!, 1);
    total += fraction;
    fractions.push(fraction);
  }
  let std = 0;
  if (fractions.length === 2) {
    std = Math.abs((fractions[0]! - fractions[1]!) / 2);
  } else if (fractions.length > 2) {
    const mean = total / fractions.length;
    let sum = 0;
    for (const f of fractions) sum += (f - mean) * (f - mean);
    std = Math.sqrt(sum / fractions.length);
  }
  return Math.trunc((1 - std) * MAX_NODE_SCORE);
}

/** The NodeResourcesBalancedAllocation plugin. */
export class BalancedAllocation implements ScorePlugin<BalancedState> {
  readonly name = Names.NodeResourcesBalancedAllocation;

  preScore(_cycle: unknown, pod: PodInfo): PreScoreResult<BalancedState> {
    return { state: { milliCPU: pod.resources.requests.milliCPU, memory: pod.resources.requests.memory } };
  }

  /** Score for every node (the batch form of Score, so this loop stays monomorphic). */
  scoreNodes(cycle: CycleState, pod: PodInfo, nodes: readonly NodeInfo[], state: BalancedState, scores: number[]): void {
    const cpu = state.milliCPU;
    const memory = state.memory;
    for (let i = 0; i < nodes.length; i++) {
      const node = nodes[i]!;
      const allocCPU = node.allocatableMilliCPU;
      const allocMemory = node.allocatableMemory;
      if (allocCPU === 0 || allocMemory === 0) {
        scores[i] = this.score(cycle, pod, node, state);
        continue;
      }
      const cpuFraction = Math.min((node.requestedMilliCPU + cpu) / allocCPU, 1);
      const memoryFraction = Math.min((node.requestedMemory + memory) / allocMemory, 1);
      scores[i] = Math.trunc((1 - Math.abs((cpuFraction - memoryFraction) / 2)) * MAX_NODE_SCORE);
    }
  }

  score(_cycle: unknown, _pod: PodInfo, node: NodeInfo, req: BalancedState): number {
    const alloc = node.allocatable;
    if (alloc.milliCPU === 0 || alloc.memory === 0) {
      return balancedScore([node.requested.milliCPU + req.milliCPU, node.requested.memory + req.memory], [alloc.milliCPU, alloc.memory]);
    }
    const cpu = Math.min((node.requested.milliCPU + req.milliCPU) / alloc.milliCPU, 1);
    const memory = Math.min((node.requested.memory + req.memory) / alloc.memory, 1);
    return Math.trunc((1 - Math.abs((cpu - memory) / 2)) * MAX_NODE_SCORE);
  }
}
