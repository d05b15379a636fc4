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
import type { Framework, PluginScores } from './framework/framework.js';
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

/** One scored node: its weighted total and each plugin's normalised score (in ScoreRecord.plugins order). */
export interface ScoredNode {
  readonly node: string;
  readonly total: number;
  readonly scores: readonly number[];
}

/** How many of the best-scored nodes a diagnosis keeps (besides the chosen one). */
export const SCORED_NODES_TO_KEEP = 10;

/** The scores behind a choice, for the dashboard's "why this node": the chosen node first, then the best others. */
export interface ScoreRecord {
  readonly nodesScored: number;
  /** The score plugins that ran, with their weights. */
  readonly plugins: readonly { readonly plugin: string; readonly weight: number }[];
  readonly best: readonly ScoredNode[];
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
    const { totals, perPlugin } = this.framework.runScorePlugins(cycle, pod, feasible);
    const chosen = this.selectHost(totals);
    const host = feasible[chosen]!.name;
    const scores = scoreRecord(feasible, totals, perPlugin, chosen);
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

  /** findNodesThatPassFilters: stops once numFeasibleNodesToFind nodes fit. */
  private findNodesThatPassFilters(cycle: CycleState, pod: PodInfo, diagnosis: Diagnosis, nodes: readonly NodeInfo[], start: number): NodeInfo[] | Status {
    const numAllNodes = nodes.length;
    const numNodesToFind = numFeasibleNodesToFind(this.percentageOfNodesToScore, numAllNodes);
    const feasible: NodeInfo[] = [];
    const withNominated = !this.nominator.empty;
    const framework = this.framework;
    for (let i = 0; i < numAllNodes; i++) {
      const node = nodes[(start + i) % numAllNodes]!;
      const status = withNominated ? this.runFilterPluginsWithNominatedPods(cycle, pod, node) : framework.runFilterPlugins(cycle, pod, node);
      if (status === undefined || status.code === 'Success') {
        feasible.push(node);
        if (feasible.length >= numNodesToFind) break;
        continue;
      }
      if (status.code === 'Error') return status;
      diagnosis.nodeToStatus.set(node.name, status);
      addPluginStatus(diagnosis, status);
    }
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
function scoreRecord(nodes: readonly NodeInfo[], totals: readonly number[], perPlugin: readonly PluginScores[], chosen: number): ScoreRecord {
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
  others.sort((a, b) => totals[b]! - totals[a]! || a - b);
  const best = [chosen, ...others].map((i) => ({ node: nodes[i]!.name, total: totals[i]!, scores: perPlugin.map((p) => p.scores[i]!) }));
  return { nodesScored: nodes.length, plugins: perPlugin.map((p) => ({ plugin: p.plugin, weight: p.weight })), best };
}
