/**
 * InterPodAffinity's scoring half (plugins/interpodaffinity/scoring.go): the incoming pod's
 * preferred (anti-)affinity terms, and existing pods' required affinity (weight
 * hardPodAffinityWeight = 1) and preferred terms towards the incoming pod, add or subtract weight
 * per topology domain; NormalizeScore maps the range to 0..100.
 */
import type { Labels } from '../../api/label-selector.js';
import { termMatches, type AffinityTerm, type WeightedAffinityTerm } from '../affinity-term.js';
import type { FrameworkHandle, PreScoreResult, ScorePlugin } from '../framework/interface.js';
import { MAX_NODE_SCORE, SKIP_RESULT } from '../framework/interface.js';
import type { CycleState } from '../framework/cycle-state.js';
import type { NodeInfo } from '../node-info.js';
import type { PodInfo } from '../pod-info.js';
import type { Node, Pod } from '../types.js';
import { mergeNamespaces, namespaceLabels } from './affinity-counts.js';

/** InterPodAffinityArgs.hardPodAffinityWeight default. */
export const HARD_POD_AFFINITY_WEIGHT = 1;

/** topologyKey → topologyValue → score. */
type TopologyScore = Map<string, Map<string, number>>;

function processTerm(scores: TopologyScore, term: AffinityTerm, weight: number, pod: Pod, nsLabels: Labels, node: Node, multiplier: number): void {
  if (!termMatches(term, pod, nsLabels)) return;
  const tv = node.metadata.labels?.[term.topologyKey];
  if (tv === undefined) return;
  let byValue = scores.get(term.topologyKey);
  if (byValue === undefined) scores.set(term.topologyKey, (byValue = new Map()));
  byValue.set(tv, (byValue.get(tv) ?? 0) + weight * multiplier);
}

function processTerms(scores: TopologyScore, terms: readonly WeightedAffinityTerm[], pod: Pod, nsLabels: Labels, node: Node, multiplier: number): void {
  for (const t of terms) processTerm(scores, t, t.weight, pod, nsLabels, node, multiplier);
}

/** The scoring extension points of InterPodAffinity. */
export abstract class AffinityScoring implements ScorePlugin<TopologyScore> {
  abstract readonly name: string;

  constructor(protected readonly handle: FrameworkHandle) {}

  preScore(_cycle: unknown, pod: PodInfo): PreScoreResult<TopologyScore> {
    const { cache, listers } = this.handle;
    const preferredAffinity = pod.preferredAffinityTerms.map((t) => mergeNamespaces(t, listers));
    const preferredAntiAffinity = pod.preferredAntiAffinityTerms.map((t) => mergeNamespaces(t, listers));
    const hasConstraints = preferredAffinity.length > 0 || preferredAntiAffinity.length > 0;
    if (!hasConstraints && cache.nodesWithAffinityPods.size === 0) return SKIP_RESULT;
    const nsLabels = namespaceLabels(listers, pod.namespace);
    const scores: TopologyScore = new Map();
    const nodes: Iterable<NodeInfo> = hasConstraints ? cache.nodeInfoList() : cache.nodesWithAffinityPods;
    for (const info of nodes) {
      const node = info.node;
      if (node === undefined || node.metadata.labels === undefined) continue;
      for (const existing of hasConstraints ? info.pods : info.podsWithAffinity) {
        processTerms(scores, preferredAffinity, existing.pod, undefined, node, 1);
        processTerms(scores, preferredAntiAffinity, existing.pod, undefined, node, -1);
        for (const t of existing.requiredAffinityTerms) processTerm(scores, t, HARD_POD_AFFINITY_WEIGHT, pod.pod, nsLabels, node, 1);
        processTerms(scores, existing.preferredAffinityTerms, pod.pod, nsLabels, node, 1);
        processTerms(scores, existing.preferredAntiAffinityTerms, pod.pod, nsLabels, node, -1);
      }
    }
    if (scores.size === 0) return SKIP_RESULT;
    return { state: scores };
  }

  /** Score for every node (the batch form of Score, so this loop stays monomorphic). */
  scoreNodes(cycle: CycleState, pod: PodInfo, nodes: readonly NodeInfo[], state: TopologyScore, scores: number[]): void {
    for (let i = 0; i < nodes.length; i++) scores[i] = this.score(cycle, pod, nodes[i]!, state);
  }

  score(_cycle: unknown, _pod: PodInfo, node: NodeInfo, scores: TopologyScore): number {
    const labels = node.labels;
    if (labels === undefined) return 0;
    let score = 0;
    for (const [key, byValue] of scores) {
      const value = labels[key];
      if (value !== undefined) score += byValue.get(value) ?? 0;
    }
    return score;
  }

  normalizeScore(_cycle: unknown, _pod: PodInfo, _nodes: readonly NodeInfo[], scores: number[], state: TopologyScore): void {
    if (state.size === 0) return;
    let min = Number.MAX_SAFE_INTEGER;
    let max = Number.MIN_SAFE_INTEGER;
    for (const s of scores) {
      if (s > max) max = s;
      if (s < min) min = s;
    }
    const diff = max - min;
    for (let i = 0; i < scores.length; i++) scores[i] = diff > 0 ? Math.trunc(MAX_NODE_SCORE * ((scores[i]! - min) / diff)) : 0;
  }
}
