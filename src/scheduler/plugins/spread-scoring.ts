/**
 * PodTopologySpread's scoring half (plugins/podtopologyspread/scoring.go): for ScheduleAnyway
 * constraints — the pod's own, or the system defaults — a node scores the matching pods in its
 * domains, weighted by log(number of domains + 2); NormalizeScore reverses it so the emptiest
 * domains win.
 */
import type { FrameworkHandle, PreScoreResult, ScorePlugin } from '../framework/interface.js';
import { MAX_NODE_SCORE, SKIP_RESULT } from '../framework/interface.js';
import type { CycleState } from '../framework/cycle-state.js';
import type { NodeInfo } from '../node-info.js';
import { getRequiredNodeAffinity, hasRequiredNodeAffinity } from '../node-selector.js';
import type { PodInfo } from '../pod-info.js';
import { countNodePodsMatchSelector, DefaultConstraints, filterConstraints, LABEL_HOSTNAME, nodeHasTopologyKeys, nodeIncluded, type SpreadConstraint } from './spread-constraints.js';

/** What PreScore computes. */
export interface SpreadScoreState {
  readonly constraints: readonly SpreadConstraint[];
  /** Nodes lacking a topology key of the pod's own constraints: scored 0. */
  readonly ignoredNodes: Set<string>;
  /** Per constraint (not hostname): matching pods per domain value. */
  readonly domainCounts: readonly Map<string, number>[];
  /** TopologyNormalizingWeight per constraint. */
  readonly weights: readonly number[];
  /** The constraints whose topology key some node has (the others add nothing to any node's score). */
  readonly scored: readonly number[];
}

const INVALID_SCORE = -1;

/** The scoring extension points of PodTopologySpread. */
export abstract class SpreadScoring implements ScorePlugin<SpreadScoreState> {
  abstract readonly name: string;

  protected readonly defaults: DefaultConstraints;
  /**
   * The last PreScore whose constraints' keys (but the hostname) no node has. Its state depends only
   * on the constraints and how many nodes passed Filter, so the next replica of the workload reuses it.
   */
  private lastUnlabelled: { constraints: readonly SpreadConstraint[]; filtered: number; hostnameLabelled: boolean; result: PreScoreResult<SpreadScoreState> } | undefined;

  constructor(protected readonly handle: FrameworkHandle) {
    this.defaults = new DefaultConstraints(handle.listers);
  }

  /**
   * initPreScoreState + PreScore: the domains of the filtered nodes (a node without the key is one
   * more, empty, domain), their weights, then the matching pods of every node in those domains.
   */
  preScore(_cycle: unknown, pod: PodInfo, filtered: readonly NodeInfo[]): PreScoreResult<SpreadScoreState> {
    const cache = this.handle.cache;
    if (cache.numNodes === 0) return SKIP_RESULT;
    const own = pod.pod.spec.topologySpreadConstraints ?? [];
    const constraints = own.length > 0 ? filterConstraints(own, pod.pod.metadata.labels, 'ScheduleAnyway') : this.defaults.get(pod.pod, 'ScheduleAnyway');
    if (constraints.length === 0) return SKIP_RESULT;
    const requireAllTopologies = own.length > 0;
    const hostnameLabelled = cache.nodesWithLabel(LABEL_HOSTNAME) > 0;
    const unlabelled = !requireAllTopologies && !constraints.some((c) => c.topologyKey !== LABEL_HOSTNAME && cache.nodesWithLabel(c.topologyKey) > 0);
    const known = this.lastUnlabelled;
    if (unlabelled && known !== undefined && known.constraints === constraints && known.filtered === filtered.length && known.hostnameLabelled === hostnameLabelled) {
      return known.result;
    }
    const ignoredNodes = new Set<string>();
    const domainCounts = constraints.map(() => new Map<string, number>());
    const sawMissing = constraints.map(() => false);
    // A key no node has makes every node the same empty domain: no node needs looking at for it.
    const labelled = constraints.map((c) => c.topologyKey !== LABEL_HOSTNAME && cache.nodesWithLabel(c.topologyKey) > 0);
    const anyLabelled = labelled.includes(true);
    for (const info of filtered) {
      const labels = info.labels;
      if (requireAllTopologies && !nodeHasTopologyKeys(labels, constraints)) {
        ignoredNodes.add(info.name);
        continue;
      }
      if (!anyLabelled) continue;
      for (let i = 0; i < constraints.length; i++) {
        if (!labelled[i]) continue;
        const value = labels?.[constraints[i]!.topologyKey];
        if (value === undefined) sawMissing[i] = true;
        else if (!domainCounts[i]!.has(value)) domainCounts[i]!.set(value, 0);
      }
    }
    const scoredNodes = filtered.length - ignoredNodes.size;
    const weights = constraints.map((c, i) => {
      if (c.topologyKey === LABEL_HOSTNAME) return Math.log(scoredNodes + 2);
      const missingDomain = labelled[i] ? sawMissing[i] && !domainCounts[i]!.has('') : scoredNodes > 0;
      return Math.log(domainCounts[i]!.size + (missingDomain ? 1 : 0) + 2);
    });
    if (anyLabelled) {
      const required = getRequiredNodeAffinity(pod.pod);
      const hasRequired = hasRequiredNodeAffinity(pod.pod);
      const checkInclusion = constraints.map((c) => (c.nodeAffinityHonored && hasRequired) || c.nodeTaintsHonored);
      for (const info of cache.nodeInfoList()) {
        const labels = info.labels;
        if (requireAllTopologies && !nodeHasTopologyKeys(labels, constraints)) continue;
        for (let i = 0; i < constraints.length; i++) {
          if (!labelled[i]) continue;
          const c = constraints[i]!;
          const value = labels?.[c.topologyKey] ?? '';
          const counts = domainCounts[i]!;
          if (!counts.has(value) || (checkInclusion[i] && !nodeIncluded(c, pod, info.node!, required))) continue;
          counts.set(value, counts.get(value)! + countNodePodsMatchSelector(info, c.selector, pod.namespace));
        }
      }
    }
    const scored: number[] = [];
    constraints.forEach((c, i) => {
      if (labelled[i] || (c.topologyKey === LABEL_HOSTNAME && hostnameLabelled)) scored.push(i);
    });
    const result = { state: { constraints, ignoredNodes, domainCounts, weights, scored } };
    if (unlabelled) this.lastUnlabelled = { constraints, filtered: filtered.length, hostnameLabelled, result };
    return result;
  }

  /** Score for every node (the batch form of Score, so this loop stays monomorphic). */
  scoreNodes(_cycle: CycleState, pod: PodInfo, nodes: readonly NodeInfo[], state: SpreadScoreState, scores: number[]): void {
    // score() with the state's fields read once per cycle rather than once per node.
    const ignored = state.ignoredNodes;
    const anyIgnored = ignored.size > 0;
    const scored = state.scored;
    const numScored = scored.length;
    const constraints = state.constraints;
    const weights = state.weights;
    const domainCounts = state.domainCounts;
    const namespace = pod.namespace;
    for (let n = 0; n < nodes.length; n++) {
      const node = nodes[n]!;
      const labels = node.labels;
      if ((anyIgnored && ignored.has(node.name)) || labels === undefined) {
        scores[n] = 0;
        continue;
      }
      let score = 0;
      for (let k = 0; k < numScored; k++) {
        const i = scored[k]!;
        const c = constraints[i]!;
        const key = c.topologyKey;
        const value = labels[key];
        if (value === undefined) continue;
        const count = key === LABEL_HOSTNAME ? countNodePodsMatchSelector(node, c.selector, namespace) : (domainCounts[i]!.get(value) ?? 0);
        score += count * weights[i]! + (c.maxSkew - 1);
      }
      scores[n] = Math.round(score);
    }
  }

  /** The matching pods in the node's domains, weighted, plus maxSkew − 1 per constraint. */
  score(_cycle: unknown, pod: PodInfo, node: NodeInfo, state: SpreadScoreState): number {
    if (state.ignoredNodes.size > 0 && state.ignoredNodes.has(node.name)) return 0;
    const labels = node.labels;
    if (labels === undefined) return 0;
    let score = 0;
    for (let k = 0; k < state.scored.length; k++) {
      const i = state.scored[k]!;
      const c = state.constraints[i]!;
      const value = labels[c.topologyKey];
      if (value === undefined) continue;
      const count = c.topologyKey === LABEL_HOSTNAME ? countNodePodsMatchSelector(node, c.selector, pod.namespace) : (state.domainCounts[i]!.get(value) ?? 0);
      score += count * state.weights[i]! + (c.maxSkew - 1);
    }
    return Math.round(score);
  }

  /** Fewer matching pods score higher: MaxNodeScore × (max + min − score) / max; ignored nodes 0. */
  normalizeScore(_cycle: unknown, _pod: PodInfo, nodes: readonly NodeInfo[], scores: number[], state: SpreadScoreState): void {
    const n = scores.length;
    const ignored = state.ignoredNodes;
    const anyIgnored = ignored.size > 0;
    let minScore = Number.MAX_SAFE_INTEGER;
    let maxScore = 0;
    for (let i = 0; i < n; i++) {
      if (anyIgnored && ignored.has(nodes[i]!.name)) {
        scores[i] = INVALID_SCORE;
        continue;
      }
      const s = scores[i]!;
      if (s < minScore) minScore = s;
      if (s > maxScore) maxScore = s;
    }
    if (maxScore === 0) {
      for (let i = 0; i < n; i++) scores[i] = scores[i] === INVALID_SCORE ? 0 : MAX_NODE_SCORE;
      return;
    }
    const sum = maxScore + minScore;
    for (let i = 0; i < n; i++) {
      const s = scores[i]!;
      scores[i] = s === INVALID_SCORE ? 0 : Math.floor((MAX_NODE_SCORE * (sum - s)) / maxScore);
    }
  }
}
