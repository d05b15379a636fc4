/**
 * The scheduling algorithm (pkg/scheduler/schedule_one.go: schedulePod, findNodesThatFitPod,
 * findNodesThatPassFilters, numFeasibleNodesToFind, prioritizeNodes, selectHost): PreFilter,
 * then Filter over a sample of the nodes starting where the last pod stopped, then score the
 * feasible ones and pick the best (ties broken at random).
 */
import type { Random } from '../api/random.js';
import type { SchedulerCache } from './cache.js';
import type { CycleState } from './framework/cycle-state.js';
import { addPluginStatus, newDiagnosis, type Diagnosis } from './framework/fit-error.js';
import type { Framework, ScoreOutcome } from './framework/framework.js';
import { Status, type MaybeStatus } from './framework/status.js';
import type { NodeInfo } from './node-info.js';
import type { Nominator } from './nominator.js';
import type { PodInfo } from './pod-info.js';

/** minFeasibleNodesToFind: clusters this small are always searched completely. */
export const MIN_FEASIBLE_NODES_TO_FIND = 100;
/** minFeasibleNodesPercentageToFind: the adaptive percentage never goes below 5 %. */
export const MIN_FEASIBLE_NODES_PERCENTAGE_TO_FIND = 5;
/** ErrNoNodesAvailable's text. */
export const ERR_NO_NODES_AVAILABLE = 'no nodes available to schedule pods';

/** How many of the best-scored nodes a diagnosis keeps (besides the chosen one). */
export const SCORED_NODES_TO_KEEP = 10;

/**
 * The scores behind a choice, for the dashboard's "why this node": the chosen node first, then the
 * best others. Kept as flat lists (one record per scheduled pod; rows are built only when asked for).
 */
export interface ScoreRecord {
  readonly nodesScored: number;
  /** The score plugins that ran, with their weights. */
  readonly plugins: readonly { readonly plugin: string; readonly weight: number }[];
  /** The nodes kept, the chosen one first. */
  readonly nodes: readonly string[];
  /** Their weighted totals. */
  readonly totals: readonly number[];
  /** Their normalised scores, node after node, each in `plugins` order. */
  readonly scores: readonly number[];
}

/** ScheduleResult. */
export interface ScheduleResult {
  readonly suggestedHost: string;
  readonly evaluatedNodes: number;
  readonly feasibleNodes: number;
  /** Absent when only one node was feasible (scoring is skipped then). */
  readonly scores?: ScoreRecord;
}

/** What an attempt found. */
export type ScheduleOutcome =
  | { readonly kind: 'scheduled'; readonly result: ScheduleResult; readonly diagnosis: Diagnosis }
  | { readonly kind: 'fitError'; readonly numAllNodes: number; readonly diagnosis: Diagnosis }
  | { readonly kind: 'error'; readonly status: Status };

/**
 * numFeasibleNodesToFind: every node below 100; otherwise percentageOfNodesToScore, or adaptively
 * 50 % − numAllNodes/125 (at least 5 %), and never fewer than 100.
 */
export function numFeasibleNodesToFind(percentageOfNodesToScore: number, numAllNodes: number): number {
  if (numAllNodes < MIN_FEASIBLE_NODES_TO_FIND) return numAllNodes;
  let percentage = percentageOfNodesToScore;
  if (percentage === 0) {
    percentage = 50 - Math.trunc(numAllNodes / 125);
    if (percentage < MIN_FEASIBLE_NODES_PERCENTAGE_TO_FIND) percentage = MIN_FEASIBLE_NODES_PERCENTAGE_TO_FIND;
  }
  const numNodes = Math.trunc((numAllNodes * percentage) / 100);
  return numNodes < MIN_FEASIBLE_NODES_TO_FIND ? MIN_FEASIBLE_NODES_TO_FIND : numNodes;
}

/** The scheduling algorithm of one profile, with its round-robin position. */
export class PodScheduler {
  /** nextStartNodeIndex: where the next pod's search starts. */
  nextStartNodeIndex = 0;
  /** The feasible nodes of the current cycle (reused: a cycle over a thousand nodes allocates no list). */
  private readonly feasibleBuffer: NodeInfo[] = [];

  constructor(
    private readonly framework: Framework,
    private readonly cache: SchedulerCache,
    private readonly nominator: Nominator,
    private readonly random: Random,
    /** percentageOfNodesToScore; 0 means adaptive. */
    private readonly percentageOfNodesToScore = 0,
  ) {}

  /** schedulePod. */
  schedulePod(cycle: CycleState, pod: PodInfo): ScheduleOutcome {
    if (this.cache.numNodes === 0) return { kind: 'error', status: new Status('UnschedulableAndUnresolvable', [ERR_NO_NODES_AVAILABLE]) };
    const found = this.findNodesThatFitPod(cycle, pod);
    if (found instanceof Status) return { kind: 'error', status: found };
    const { feasible, diagnosis } = found;
    if (feasible.length === 0) return { kind: 'fitError', numAllNodes: this.cache.numNodes, diagnosis };
    if (feasible.length === 1) {
      return { kind: 'scheduled', diagnosis, result: { suggestedHost: feasible[0]!.name, evaluatedNodes: 1 + diagnosis.nodeToStatus.size, feasibleNodes: 1 } };
    }
    const preScore = this.framework.runPreScorePlugins(cycle, pod, feasible);
    if (preScore !== undefined) return { kind: 'error', status: preScore };
    const scored = this.framework.runScorePlugins(cycle, pod, feasible);
    const chosen = this.selectHost(scored.totals);
    const host = feasible[chosen]!.name;
    const scores = scoreRecord(feasible, scored, chosen);
    return { kind: 'scheduled', diagnosis, result: { suggestedHost: host, evaluatedNodes: feasible.length + diagnosis.nodeToStatus.size, feasibleNodes: feasible.length, scores } };
  }

  /** RunFilterPluginsWithNominatedPods: with equal-or-higher priority nominated pods counted, then (if they were) without. */
  runFilterPluginsWithNominatedPods(cycle: CycleState, pod: PodInfo, node: NodeInfo): MaybeStatus {
    if (!this.nominator.empty) {
      const nominated = this.nominator.podsForNode(node.name).filter((p) => p.priority >= pod.priority && p.uid !== pod.uid);
      if (nominated.length > 0) {
        const withPods = node.clone();
        const state = this.framework.cloneCycle(cycle);
        for (const p of nominated) {
          withPods.addPod(p);
          this.framework.addPodToState(state, pod, p, withPods);
        }
        const status = this.framework.runFilterPlugins(state, pod, withPods);
        if (status !== undefined && status.code !== 'Success') return status;
      }
    }
    return this.framework.runFilterPlugins(cycle, pod, node);
  }

  /** findNodesThatFitPod. */
  private findNodesThatFitPod(cycle: CycleState, pod: PodInfo): { feasible: NodeInfo[]; diagnosis: Diagnosis } | Status {
    const diagnosis = newDiagnosis();
    const allNodes = this.cache.nodeInfoList();
    const pre = this.framework.runPreFilterPlugins(cycle, pod);
    if (pre.status !== undefined && pre.status.code !== 'Success') {
      if (!pre.status.isRejected()) return pre.status;
      diagnosis.nodeToStatus.absentNodesStatus = pre.status;
      diagnosis.preFilterMsg = pre.status.message();
      addPluginStatus(diagnosis, pre.status);
      return { feasible: [], diagnosis };
    }
    const nominated = pod.pod.status?.nominatedNodeName ?? '';
    if (nominated !== '') {
      const node = this.cache.get(nominated);
      if (node !== undefined) {
        const feasible = this.findNodesThatPassFilters(cycle, pod, diagnosis, [node], 0);
        if (feasible instanceof Status) return feasible;
        if (feasible.length > 0) return { feasible, diagnosis };
      }
    }
    let nodes = allNodes;
    if (pre.nodeNames !== undefined) {
      nodes = [...pre.nodeNames].map((n) => this.cache.get(n)).filter((n): n is NodeInfo => n !== undefined);
      diagnosis.nodeToStatus.absentNodesStatus = new Status('UnschedulableAndUnresolvable', [`node(s) didn't satisfy plugin(s) [${[...pre.pluginsWithNodes].sort().join(' ')}]`]);
    }
    const feasible = this.findNodesThatPassFilters(cycle, pod, diagnosis, nodes, this.nextStartNodeIndex);
    const processed = (feasible instanceof Status ? 0 : feasible.length) + diagnosis.nodeToStatus.size;
    if (allNodes.length > 0) this.nextStartNodeIndex = (this.nextStartNodeIndex + processed) % allNodes.length;
    if (feasible instanceof Status) return feasible;
    return { feasible, diagnosis };
  }

  /**
   * findNodesThatPassFilters: stops once numFeasibleNodesToFind nodes fit. The list returned is
   * reused by the next call (nothing keeps it past the cycle).
   */
  private findNodesThatPassFilters(cycle: CycleState, pod: PodInfo, diagnosis: Diagnosis, nodes: readonly NodeInfo[], start: number): NodeInfo[] | Status {
    const numAllNodes = nodes.length;
    const numNodesToFind = numFeasibleNodesToFind(this.percentageOfNodesToScore, numAllNodes);
    // Written by index and trimmed at the end: emptying the list first (length = 0) would drop its
    // storage, and it would be grown again node by node.
    const feasible = this.feasibleBuffer;
    let found = 0;
    const withNominated = !this.nominator.empty;
    const framework = this.framework;
    let index = start % numAllNodes;
    for (let i = 0; i < numAllNodes; i++, index = index + 1 === numAllNodes ? 0 : index + 1) {
      const node = nodes[index]!;
      const status = withNominated ? this.runFilterPluginsWithNominatedPods(cycle, pod, node) : framework.runFilterPlugins(cycle, pod, node);
      if (status === undefined || status.code === 'Success') {
        feasible[found++] = node;
        if (found >= numNodesToFind) break;
        continue;
      }
      if (status.code === 'Error') return status;
      diagnosis.nodeToStatus.set(node.name, status);
      addPluginStatus(diagnosis, status);
    }
    if (feasible.length !== found) feasible.length = found;
    return feasible;
  }

  /** selectHost: the index of the highest total, ties broken uniformly at random (reservoir sampling). */
  private selectHost(totals: readonly number[]): number {
    let best = 0;
    let count = 1;
    for (let i = 1; i < totals.length; i++) {
      if (totals[i]! > totals[best]!) {
        best = i;
        count = 1;
      } else if (totals[i] === totals[best]) {
        count++;
        if (this.random.int(count) === 0) best = i;
      }
    }
    return best;
  }
}

/** Keeps the chosen node and the best-scored others, copied out of the framework's reused arrays. */
function scoreRecord(nodes: readonly NodeInfo[], { totals, perPlugin, plugins }: ScoreOutcome, chosen: number): ScoreRecord {
  const others: number[] = [];
  let worst = -1;
  for (let i = 0; i < totals.length; i++) {
    if (i === chosen) continue;
    if (others.length < SCORED_NODES_TO_KEEP) {
      others.push(i);
      if (worst < 0 || totals[i]! < totals[others[worst]!]!) worst = others.length - 1;
    } else if (totals[i]! > totals[others[worst]!]!) {
      others[worst] = i;
      worst = 0;
      for (let j = 1; j < others.length; j++) if (totals[others[j]!]! < totals[others[worst]!]!) worst = j;
    }
  }
  // Highest total first, then by position (an insertion sort: there are at most ten).
  for (let i = 1; i < others.length; i++) {
    const index = others[i]!;
    let j = i - 1;
    while (j >= 0 && (totals[others[j]!]! < totals[index]! || (totals[others[j]!] === totals[index] && others[j]! > index))) {
      others[j + 1] = others[j]!;
      j--;
    }
    others[j + 1] = index;
  }
  const count = others.length + 1;
  const kept = new Array<string>(count);
  const keptTotals = new Array<number>(count);
  const keptScores = new Array<number>(count * perPlugin.length);
  for (let k = 0, s = 0; k < count; k++) {
    const i = k === 0 ? chosen : others[k - 1]!;
    kept[k] = nodes[i]!.name;
    keptTotals[k] = totals[i]!;
    for (let p = 0; p < perPlugin.length; p++) keptScores[s++] = perPlugin[p]!.scores[i]!;
  }
  return { nodesScored: nodes.length, plugins, nodes: kept, totals: keptTotals, scores: keptScores };
}
