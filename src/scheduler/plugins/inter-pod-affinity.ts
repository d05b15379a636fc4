/**
 * InterPodAffinity (PreFilter, Filter, PreScore, Score): required pod affinity needs a matching pod
 * in the node's topology domain; required anti-affinity — the new pod's, or an existing pod's
 * against the new one — forbids one. Preferred terms score domains. Skipped entirely while no pod
 * in the cluster uses pod (anti-)affinity.
 */
import type { Labels } from '../../api/label-selector.js';
import type { AffinityTerm } from '../affinity-term.js';
import { ActionType, type ClusterEventWithHint } from '../framework/events.js';
import { SKIP_RESULT, type EnqueueExtensions, type FilterPlugin, type FrameworkHandle, type PreFilterResult } from '../framework/interface.js';
import { Status, type MaybeStatus } from '../framework/status.js';
import type { NodeInfo } from '../node-info.js';
import { podInfoFor, type PodInfo } from '../pod-info.js';
import type { Node, Pod } from '../types.js';
import { mergeNamespaces, namespaceLabels, podMatchesAllTerms, updateWithAffinityTerms, updateWithAntiAffinityTerms, type TopologyCounts } from './affinity-counts.js';
import { AffinityScoring } from './inter-pod-affinity-score.js';
import { Names } from './names.js';

/** interpodaffinity.ErrReasonExistingAntiAffinityRulesNotMatch. */
export const ERR_REASON_EXISTING_ANTI_AFFINITY_RULES_NOT_MATCH = "node(s) didn't satisfy existing pods anti-affinity rules";
/** interpodaffinity.ErrReasonAffinityRulesNotMatch. */
export const ERR_REASON_AFFINITY_RULES_NOT_MATCH = "node(s) didn't match pod affinity rules";
/** interpodaffinity.ErrReasonAntiAffinityRulesNotMatch. */
export const ERR_REASON_ANTI_AFFINITY_RULES_NOT_MATCH = "node(s) didn't match pod anti-affinity rules";

/** What PreFilter computes. */
export interface AffinityFilterState {
  readonly affinityTerms: readonly AffinityTerm[];
  readonly antiAffinityTerms: readonly AffinityTerm[];
  readonly namespaceLabels: Labels;
  readonly existingAntiAffinityCounts: TopologyCounts;
  readonly affinityCounts: TopologyCounts;
  readonly antiAffinityCounts: TopologyCounts;
}

/** The InterPodAffinity plugin (filtering here, scoring in inter-pod-affinity-score.ts). */
export class InterPodAffinity extends AffinityScoring implements FilterPlugin<AffinityFilterState>, EnqueueExtensions {
  readonly name = Names.InterPodAffinity;
  private readonly affinityNotMatch = new Status('UnschedulableAndUnresolvable', [ERR_REASON_AFFINITY_RULES_NOT_MATCH], this.name);
  private readonly antiAffinityNotMatch = new Status('Unschedulable', [ERR_REASON_ANTI_AFFINITY_RULES_NOT_MATCH], this.name);
  private readonly existingNotMatch = new Status('Unschedulable', [ERR_REASON_EXISTING_ANTI_AFFINITY_RULES_NOT_MATCH], this.name);

  constructor(handle: FrameworkHandle) {
    super(handle);
  }

  preFilter(_cycle: unknown, pod: PodInfo): PreFilterResult<AffinityFilterState> {
    const { cache, listers } = this.handle;
    if (cache.nodesWithRequiredAntiAffinityPods.size === 0 && pod.requiredAffinityTerms.length === 0 && pod.requiredAntiAffinityTerms.length === 0) {
      return SKIP_RESULT;
    }
    const affinityTerms = pod.requiredAffinityTerms.map((t) => mergeNamespaces(t, listers));
    const antiAffinityTerms = pod.requiredAntiAffinityTerms.map((t) => mergeNamespaces(t, listers));
    const nsLabels = namespaceLabels(listers, pod.namespace);
    const existingAntiAffinityCounts: TopologyCounts = new Map();
    for (const info of cache.nodesWithRequiredAntiAffinityPods) {
      if (info.node === undefined) continue;
      for (const existing of info.podsWithRequiredAntiAffinity) {
        updateWithAntiAffinityTerms(existingAntiAffinityCounts, existing.requiredAntiAffinityTerms, pod.pod, nsLabels, info.node, 1);
      }
    }
    const affinityCounts: TopologyCounts = new Map();
    const antiAffinityCounts: TopologyCounts = new Map();
    if (affinityTerms.length > 0 || antiAffinityTerms.length > 0) {
      for (const info of cache.nodeInfoList()) {
        for (const existing of info.pods) {
          updateWithAffinityTerms(affinityCounts, affinityTerms, existing.pod, info.node!, 1);
          updateWithAntiAffinityTerms(antiAffinityCounts, antiAffinityTerms, existing.pod, undefined, info.node!, 1);
        }
      }
    }
    if (existingAntiAffinityCounts.size === 0 && affinityTerms.length === 0 && antiAffinityTerms.length === 0) return SKIP_RESULT;
    return { state: { affinityTerms, antiAffinityTerms, namespaceLabels: nsLabels, existingAntiAffinityCounts, affinityCounts, antiAffinityCounts } };
  }

  filter(_cycle: unknown, pod: PodInfo, info: NodeInfo, state: AffinityFilterState): MaybeStatus {
    const labels = info.labels ?? {};
    if (!satisfyPodAffinity(state, labels, pod.pod)) return this.affinityNotMatch;
    if (state.antiAffinityCounts.size > 0) {
      for (const t of state.antiAffinityTerms) {
        const tv = labels[t.topologyKey];
        if (tv !== undefined && (state.antiAffinityCounts.get(`${t.topologyKey}\u0000${tv}`) ?? 0) > 0) return this.antiAffinityNotMatch;
      }
    }
    if (state.existingAntiAffinityCounts.size > 0) {
      for (const [key, value] of Object.entries(labels)) {
        if ((state.existingAntiAffinityCounts.get(`${key}\u0000${value}`) ?? 0) > 0) return this.existingNotMatch;
      }
    }
    return undefined;
  }

  cloneState(state: AffinityFilterState): AffinityFilterState {
    return {
      ...state,
      existingAntiAffinityCounts: new Map(state.existingAntiAffinityCounts),
      affinityCounts: new Map(state.affinityCounts),
      antiAffinityCounts: new Map(state.antiAffinityCounts),
    };
  }

  addPod(state: AffinityFilterState, pod: PodInfo, added: PodInfo, node: NodeInfo): void {
    updateWithPod(state, pod, added, node.node, 1);
  }

  removePod(state: AffinityFilterState, pod: PodInfo, removed: PodInfo, node: NodeInfo): void {
    updateWithPod(state, pod, removed, node.node, -1);
  }

  eventsToRegister(): readonly ClusterEventWithHint[] {
    return [
      {
        event: { resource: 'Pod', actionType: ActionType.Add | ActionType.UpdatePodLabel | ActionType.Delete },
        hint: (pod, original, modified) => {
          const unassigned = (p: unknown): boolean => p !== undefined && ((p as Pod).spec.nodeName ?? '') === '';
          if (unassigned(original) || unassigned(modified)) return 'QueueSkip';
          const info = podInfoFor(pod);
          if (modified !== undefined) {
            const matchesNow = podMatchesAllTerms(info.requiredAffinityTerms, modified as Pod);
            const matchedBefore = original !== undefined && podMatchesAllTerms(info.requiredAffinityTerms, original as Pod);
            return matchesNow && !matchedBefore ? 'Queue' : 'QueueSkip';
          }
          const deleted = original as Pod;
          const blocked = info.requiredAntiAffinityTerms.some((t) => t.selector.test(deleted.metadata.labels));
          return blocked || podInfoFor(deleted).hasRequiredAntiAffinity ? 'Queue' : 'QueueSkip';
        },
      },
      {
        event: { resource: 'Node', actionType: ActionType.Add | ActionType.UpdateNodeLabel },
        hint: (pod, _original, modified) => {
          const info = podInfoFor(pod);
          const labels = (modified as Node | undefined)?.metadata.labels ?? {};
          return [...info.requiredAffinityTerms, ...info.requiredAntiAffinityTerms].some((t) => Object.hasOwn(labels, t.topologyKey)) ? 'Queue' : 'QueueSkip';
        },
      },
    ];
  }
}

/**
 * satisfyPodAffinity: every required term's domain on the node holds a matching pod — or, for the
 * first pod of a group with affinity to itself, no pod matches anywhere and the pod matches its own terms.
 */
function satisfyPodAffinity(state: AffinityFilterState, labels: Readonly<Record<string, string>>, pod: Pod): boolean {
  let podsExist = true;
  for (const t of state.affinityTerms) {
    const tv = labels[t.topologyKey];
    if (tv === undefined) return false;
    if ((state.affinityCounts.get(`${t.topologyKey}\u0000${tv}`) ?? 0) <= 0) podsExist = false;
  }
  if (podsExist) return true;
  return state.affinityCounts.size === 0 && podMatchesAllTerms(state.affinityTerms, pod);
}

/** preFilterState.updateWithPod. */
function updateWithPod(state: AffinityFilterState, pod: PodInfo, changed: PodInfo, node: Node | undefined, multiplier: number): void {
  if (node === undefined) return;
  updateWithAntiAffinityTerms(state.existingAntiAffinityCounts, changed.requiredAntiAffinityTerms, pod.pod, state.namespaceLabels, node, multiplier);
  updateWithAffinityTerms(state.affinityCounts, state.affinityTerms, changed.pod, node, multiplier);
  updateWithAntiAffinityTerms(state.antiAffinityCounts, state.antiAffinityTerms, changed.pod, undefined, node, multiplier);
}
