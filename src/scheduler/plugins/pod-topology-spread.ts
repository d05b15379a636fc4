/**
 * PodTopologySpread (PreFilter, Filter, PreScore, Score): DoNotSchedule constraints keep the
 * number of matching pods per topology domain within maxSkew of the least loaded domain;
 * ScheduleAnyway constraints (and the system defaults, for pods of Services and workloads) favour
 * nodes in less loaded domains. Pods without constraints skip all of it.
 */
import { ActionType, type ClusterEventWithHint } from '../framework/events.js';
import { SKIP_RESULT, type EnqueueExtensions, type FilterPlugin, type FrameworkHandle, type PreFilterResult } from '../framework/interface.js';
import { Status, type MaybeStatus } from '../framework/status.js';
import type { NodeInfo } from '../node-info.js';
import { getRequiredNodeAffinity } from '../node-selector.js';
import type { PodInfo } from '../pod-info.js';
import type { Node, Pod } from '../types.js';
import { Names } from './names.js';
import { countNodePodsMatchSelector, filterConstraints, nodeHasTopologyKeys, nodeIncluded, type SpreadConstraint } from './spread-constraints.js';
import { SpreadScoring } from './spread-scoring.js';

/** podtopologyspread.ErrReasonConstraintsNotMatch. */
export const ERR_REASON_CONSTRAINTS_NOT_MATCH = "node(s) didn't match pod topology spread constraints";
/** podtopologyspread.ErrReasonNodeLabelNotMatch. */
export const ERR_REASON_NODE_LABEL_NOT_MATCH = `${ERR_REASON_CONSTRAINTS_NOT_MATCH} (missing required label)`;

/** `key\0value`: a topology domain. */
export function topologyPair(key: string, value: string): string {
  return `${key}\u0000${value}`;
}

/** What PreFilter computes: matching pods per domain and the global minimum per topology key. */
export interface SpreadFilterState {
  readonly constraints: readonly SpreadConstraint[];
  readonly matchNum: Map<string, number>;
  readonly domainsNum: Map<string, number>;
  readonly minMatchNum: Map<string, number>;
}

const MAX_INT32 = 2147483647;

function recomputeMinimums(state: SpreadFilterState): void {
  state.minMatchNum.clear();
  state.domainsNum.clear();
  for (const c of state.constraints) state.minMatchNum.set(c.topologyKey, MAX_INT32);
  for (const [pair, n] of state.matchNum) {
    const key = pair.slice(0, pair.indexOf('\u0000'));
    state.domainsNum.set(key, (state.domainsNum.get(key) ?? 0) + 1);
    if (n < (state.minMatchNum.get(key) ?? MAX_INT32)) state.minMatchNum.set(key, n);
  }
}

/** The PodTopologySpread plugin (filtering here, scoring in spread-scoring.ts). */
export class PodTopologySpread extends SpreadScoring implements FilterPlugin<SpreadFilterState>, EnqueueExtensions {
  readonly name = Names.PodTopologySpread;
  private readonly labelMissing = new Status('UnschedulableAndUnresolvable', [ERR_REASON_NODE_LABEL_NOT_MATCH], this.name);
  private readonly notMatch = new Status('Unschedulable', [ERR_REASON_CONSTRAINTS_NOT_MATCH], this.name);

  constructor(handle: FrameworkHandle) {
    super(handle);
  }

  /** getConstraints: the pod's DoNotSchedule constraints, or the (DoNotSchedule) defaults — none. */
  private hardConstraints(pod: Pod): SpreadConstraint[] {
    const own = pod.spec.topologySpreadConstraints ?? [];
    if (own.length > 0) return filterConstraints(own, pod.metadata.labels, 'DoNotSchedule');
    return this.defaults.get(pod, 'DoNotSchedule');
  }

  preFilter(_cycle: unknown, pod: PodInfo): PreFilterResult<SpreadFilterState> {
    const constraints = this.hardConstraints(pod.pod);
    if (constraints.length === 0) return SKIP_RESULT;
    const state: SpreadFilterState = { constraints, matchNum: new Map(), domainsNum: new Map(), minMatchNum: new Map() };
    const required = getRequiredNodeAffinity(pod.pod);
    for (const info of this.handle.cache.nodeInfoList()) {
      const node = info.node!;
      if (!nodeHasTopologyKeys(node.metadata.labels, constraints)) continue;
      for (const c of constraints) {
        if (!nodeIncluded(c, pod, node, required)) continue;
        const pair = topologyPair(c.topologyKey, node.metadata.labels![c.topologyKey]!);
        state.matchNum.set(pair, (state.matchNum.get(pair) ?? 0) + countNodePodsMatchSelector(info, c.selector, pod.namespace));
      }
    }
    recomputeMinimums(state);
    return { state };
  }

  filter(_cycle: unknown, pod: PodInfo, node: NodeInfo, state: SpreadFilterState): MaybeStatus {
    const labels = node.labels;
    for (const c of state.constraints) {
      const value = labels?.[c.topologyKey];
      if (value === undefined) return this.labelMissing;
      let minMatch = state.minMatchNum.get(c.topologyKey) ?? MAX_INT32;
      if ((state.domainsNum.get(c.topologyKey) ?? 0) < c.minDomains) minMatch = 0;
      const selfMatch = c.selector.test(pod.pod.metadata.labels) ? 1 : 0;
      const matchNum = state.matchNum.get(topologyPair(c.topologyKey, value)) ?? 0;
      if (matchNum + selfMatch - minMatch > c.maxSkew) return this.notMatch;
    }
    return undefined;
  }

  cloneState(state: SpreadFilterState): SpreadFilterState {
    return { constraints: state.constraints, matchNum: new Map(state.matchNum), domainsNum: new Map(state.domainsNum), minMatchNum: new Map(state.minMatchNum) };
  }

  addPod(state: SpreadFilterState, pod: PodInfo, added: PodInfo, node: NodeInfo): void {
    this.updateWithPod(state, pod, added, node, 1);
  }

  removePod(state: SpreadFilterState, pod: PodInfo, removed: PodInfo, node: NodeInfo): void {
    this.updateWithPod(state, pod, removed, node, -1);
  }

  private updateWithPod(state: SpreadFilterState, pod: PodInfo, changed: PodInfo, info: NodeInfo, delta: number): void {
    const node = info.node;
    if (node === undefined || changed.namespace !== pod.namespace || !nodeHasTopologyKeys(node.metadata.labels, state.constraints)) return;
    const required = getRequiredNodeAffinity(pod.pod);
    for (const c of state.constraints) {
      if (!c.selector.test(changed.pod.metadata.labels) || !nodeIncluded(c, pod, node, required)) continue;
      const pair = topologyPair(c.topologyKey, node.metadata.labels![c.topologyKey]!);
      state.matchNum.set(pair, (state.matchNum.get(pair) ?? 0) + delta);
    }
    recomputeMinimums(state);
  }

  eventsToRegister(): readonly ClusterEventWithHint[] {
    const constraintsOf = (pod: Pod): SpreadConstraint[] => {
      const own = pod.spec.topologySpreadConstraints ?? [];
      return own.length > 0 ? [...filterConstraints(own, pod.metadata.labels, 'DoNotSchedule'), ...filterConstraints(own, pod.metadata.labels, 'ScheduleAnyway')] : [];
    };
    return [
      {
        event: { resource: 'Pod', actionType: ActionType.Add | ActionType.UpdatePodLabel | ActionType.Delete },
        hint: (pod, original, modified) => {
          const unassigned = (p: unknown): boolean => p !== undefined && ((p as Pod).spec.nodeName ?? '') === '';
          if (unassigned(original) || unassigned(modified)) return 'QueueSkip';
          const constraints = constraintsOf(pod);
          if (original !== undefined && modified !== undefined) {
            return constraints.some((c) => c.selector.test(original.metadata.labels) !== c.selector.test(modified.metadata.labels)) ? 'Queue' : 'QueueSkip';
          }
          const labels = (modified ?? original)?.metadata.labels;
          return constraints.some((c) => c.selector.test(labels)) ? 'Queue' : 'QueueSkip';
        },
      },
      {
        event: { resource: 'Node', actionType: ActionType.Add | ActionType.Delete | ActionType.UpdateNodeLabel | ActionType.UpdateNodeTaint },
        hint: (pod, original, modified) => {
          const node = (modified ?? original) as Node | undefined;
          return nodeHasTopologyKeys(node?.metadata.labels, constraintsOf(pod)) ? 'Queue' : 'QueueSkip';
        },
      },
    ];
  }
}

