/**
 * The framework runtime (pkg/scheduler/framework/runtime/framework.go): one profile's plugins in
 * their configured order, and the functions that run an extension point across them — stopping
 * at the first rejection in Filter, honouring Skip from PreFilter/PreScore, normalising and
 * weighting scores.
 */
import type { NodeInfo } from '../node-info.js';
import type { PodInfo } from '../pod-info.js';
import type { Pod } from '../types.js';
import type { CycleState } from './cycle-state.js';
import type { ClusterEventWithHint } from './events.js';
import type { Diagnosis } from './fit-error.js';
import type {
  BindPlugin,
  EnqueueExtensions,
  FilterPlugin,
  PostFilterPlugin,
  PostFilterResult,
  PreBindPlugin,
  PreEnqueuePlugin,
  ReservePlugin,
  ScorePlugin,
} from './interface.js';
import { ScoreLayouts, type ScoreOutcome } from './score-layout.js';
import { errorStatus, Status, type MaybeStatus } from './status.js';

export type { PluginScores, PluginWeight, ScoreOutcome } from './score-layout.js';

/** A score plugin with its profile weight. */
export interface WeightedScorePlugin {
  readonly plugin: ScorePlugin;
  readonly weight: number;
}

/** The plugins of a profile, each list in execution order. */
export interface ProfilePlugins {
  readonly preEnqueue: readonly PreEnqueuePlugin[];
  readonly filter: readonly FilterPlugin[];
  readonly postFilter: readonly PostFilterPlugin[];
  readonly score: readonly WeightedScorePlugin[];
  readonly reserve: readonly ReservePlugin[];
  readonly preBind: readonly PreBindPlugin[];
  readonly bind: readonly BindPlugin[];
  readonly enqueueExtensions: readonly EnqueueExtensions[];
}


/** The outcome of PreFilter. */
export interface PreFilterOutcome {
  status: MaybeStatus;
  /** The only nodes to evaluate (PreFilterResult.NodeNames merged), when some plugin narrowed them. */
  nodeNames?: ReadonlySet<string>;
  /** The plugins that narrowed the nodes. */
  pluginsWithNodes: readonly string[];
}

const NONE: readonly never[] = Object.freeze([]);
/** The outcome of a PreFilter that neither rejected nor narrowed (shared: that is nearly every pod). */
const PRE_FILTER_PASSED: PreFilterOutcome = Object.freeze({ status: undefined, pluginsWithNodes: NONE });

/** A profile ready to run. */
export class Framework {
  private readonly scoreBuffers: number[][] = [];
  private readonly totalsBuffer: number[] = [];
  private readonly scoreLayouts: ScoreLayouts;

  constructor(readonly plugins: ProfilePlugins) {
    this.scoreLayouts = new ScoreLayouts(plugins.score, this.scoreBuffers);
  }

  /** RunPreEnqueuePlugins: the first rejection, or Success. */
  runPreEnqueuePlugins(pod: Pod): MaybeStatus {
    for (const pl of this.plugins.preEnqueue) {
      const status = pl.preEnqueue(pod);
      if (status !== undefined && status.code !== 'Success') return status.withPlugin(pl.name);
    }
    return undefined;
  }

  /** RunPreFilterPlugins: fills the cycle's filter states; stops at an UnschedulableAndUnresolvable rejection. */
  runPreFilterPlugins(cycle: CycleState, pod: PodInfo): PreFilterOutcome {
    const filters = this.plugins.filter;
    cycle.filterStates = new Array(filters.length);
    cycle.skipFilter = new Array<boolean>(filters.length).fill(false);
    let returnStatus: MaybeStatus;
    let nodeNames: Set<string> | undefined;
    const pluginsWithNodes: string[] = [];
    for (let i = 0; i < filters.length; i++) {
      const pl = filters[i]!;
      if (pl.preFilter === undefined) continue;
      const r = pl.preFilter(cycle, pod);
      const s = r.status;
      if (s !== undefined && s.code === 'Skip') {
        cycle.skipFilter[i] = true;
        continue;
      }
      if (s !== undefined && s.code !== 'Success') {
        if (s.code === 'UnschedulableAndUnresolvable') return { status: s.withPlugin(pl.name), pluginsWithNodes };
        if (s.code === 'Unschedulable') {
          returnStatus = s.withPlugin(pl.name);
          continue;
        }
        return { status: errorStatus(`running PreFilter plugin "${pl.name}": ${s.message()}`, pl.name), pluginsWithNodes };
      }
      cycle.filterStates[i] = r.state;
      if (r.nodeNames !== undefined) {
        pluginsWithNodes.push(pl.name);
        nodeNames = nodeNames === undefined ? new Set(r.nodeNames) : new Set([...nodeNames].filter((n) => r.nodeNames!.has(n)));
        if (nodeNames.size === 0) {
          const msg = pluginsWithNodes.length === 1 ? `node(s) didn't satisfy plugin ${pluginsWithNodes[0]}` : `node(s) didn't satisfy plugin(s) [${pluginsWithNodes.join(' ')}] simultaneously`;
          return { status: new Status('UnschedulableAndUnresolvable', [msg]), nodeNames, pluginsWithNodes };
        }
      }
    }
    cycle.activeFilters = [];
    for (let i = 0; i < filters.length; i++) if (!cycle.skipFilter[i]) cycle.activeFilters.push(i);
    if (nodeNames === undefined) return returnStatus === undefined ? PRE_FILTER_PASSED : { status: returnStatus, pluginsWithNodes };
    return { status: returnStatus, nodeNames, pluginsWithNodes };
  }

  /**
   * RunFilterPlugins: the first plugin that rejects the node, or Success. The first active plugins
   * are called from call sites of their own (by position), so each site sees one plugin class and
   * the per-node calls stay monomorphic; any further plugins share the loop.
   */
  runFilterPlugins(cycle: CycleState, pod: PodInfo, node: NodeInfo): MaybeStatus {
    const filters = this.plugins.filter;
    const active = cycle.activeFilters;
    const states = cycle.filterStates;
    const n = active.length;
    let i = 0;
    let status: MaybeStatus;
    if (n > 0 && (status = filters[(i = active[0]!)]!.filter(cycle, pod, node, states[i])) !== undefined && status.code !== 'Success') return this.filterRejection(i, status);
    if (n > 1 && (status = filters[(i = active[1]!)]!.filter(cycle, pod, node, states[i])) !== undefined && status.code !== 'Success') return this.filterRejection(i, status);
    if (n > 2 && (status = filters[(i = active[2]!)]!.filter(cycle, pod, node, states[i])) !== undefined && status.code !== 'Success') return this.filterRejection(i, status);
    if (n > 3 && (status = filters[(i = active[3]!)]!.filter(cycle, pod, node, states[i])) !== undefined && status.code !== 'Success') return this.filterRejection(i, status);
    if (n > 4 && (status = filters[(i = active[4]!)]!.filter(cycle, pod, node, states[i])) !== undefined && status.code !== 'Success') return this.filterRejection(i, status);
    for (let a = 5; a < n; a++) {
      i = active[a]!;
      status = filters[i]!.filter(cycle, pod, node, states[i]);
      if (status !== undefined && status.code !== 'Success') return this.filterRejection(i, status);
    }
    return undefined;
  }

  /** A filter plugin's rejection as RunFilterPlugins reports it (anything but a rejection is an error). */
  private filterRejection(index: number, status: Status): Status {
    if (status.isRejected()) return status;
    const name = this.plugins.filter[index]!.name;
    return errorStatus(`running "${name}" filter plugin: ${status.message()}`, name);
  }

  /** RunPreFilterExtensionAddPod on a cloned state (nominated pods, preemption). */
  addPodToState(cycle: CycleState, pod: PodInfo, added: PodInfo, node: NodeInfo): void {
    this.plugins.filter.forEach((pl, i) => {
      if (!cycle.skipFilter[i] && pl.addPod !== undefined) pl.addPod(cycle.filterStates[i], pod, added, node);
    });
  }

  /** RunPreFilterExtensionRemovePod on a cloned state (preemption's victims). */
  removePodFromState(cycle: CycleState, pod: PodInfo, removed: PodInfo, node: NodeInfo): void {
    this.plugins.filter.forEach((pl, i) => {
      if (!cycle.skipFilter[i] && pl.removePod !== undefined) pl.removePod(cycle.filterStates[i], pod, removed, node);
    });
  }

  /** CycleState.Clone with each plugin's own state copy. */
  cloneCycle(cycle: CycleState): CycleState {
    return cycle.clone((i, state) => {
      const pl = this.plugins.filter[i]!;
      return pl.cloneState === undefined || state === undefined ? state : pl.cloneState(state);
    });
  }

  /** RunPostFilterPlugins: the first success, or the rejections' reasons together. */
  runPostFilterPlugins(cycle: CycleState, pod: PodInfo, diagnosis: Diagnosis): { result?: PostFilterResult; status: MaybeStatus } {
    let result: PostFilterResult | undefined;
    const reasons: string[] = [];
    let rejector = '';
    for (const pl of this.plugins.postFilter) {
      const r = pl.postFilter(cycle, pod, diagnosis);
      const s = r.status;
      if (s === undefined || s.code === 'Success') return r;
      if (s.code === 'UnschedulableAndUnresolvable') return { ...r, status: s.withPlugin(pl.name) };
      if (!s.isRejected()) return { status: errorStatus(s.message(), pl.name) };
      if (r.result !== undefined) result = r.result;
      reasons.push(...s.reasons);
      if (rejector === '') rejector = pl.name;
    }
    const status = new Status('Unschedulable', reasons, rejector);
    return result === undefined ? { status } : { result, status };
  }

  /** RunPreScorePlugins: fills the cycle's score states; an error stops scheduling. */
  runPreScorePlugins(cycle: CycleState, pod: PodInfo, nodes: readonly NodeInfo[]): MaybeStatus {
    const scorers = this.plugins.score;
    cycle.scoreStates = new Array(scorers.length);
    cycle.skipScore = new Array<boolean>(scorers.length).fill(false);
    for (let i = 0; i < scorers.length; i++) {
      const pl = scorers[i]!.plugin;
      if (pl.preScore === undefined) continue;
      const r = pl.preScore(cycle, pod, nodes);
      if (r.status !== undefined && r.status.code === 'Skip') {
        cycle.skipScore[i] = true;
        continue;
      }
      if (r.status !== undefined && r.status.code !== 'Success') return errorStatus(`running PreScore plugin "${pl.name}": ${r.status.message()}`, pl.name);
      cycle.scoreStates[i] = r.state;
    }
    return undefined;
  }

  /**
   * RunScorePlugins: each plugin's normalised scores, and the weighted totals per node. The arrays
   * are reused by the next call: copy what must outlive it.
   */
  runScorePlugins(cycle: CycleState, pod: PodInfo, nodes: readonly NodeInfo[]): ScoreOutcome {
    const n = nodes.length;
    const totals = this.totalsBuffer;
    totals.length = n;
    totals.fill(0);
    const scorers = this.plugins.score;
    let ran = 0;
    for (let i = 0; i < scorers.length; i++) {
      if (cycle.skipScore[i]) continue;
      ran += 2 ** i;
      const { plugin, weight } = scorers[i]!;
      const state = cycle.scoreStates[i];
      const scores = (this.scoreBuffers[i] ??= []);
      scores.length = n;
      plugin.scoreNodes(cycle, pod, nodes, state, scores);
      plugin.normalizeScore?.(cycle, pod, nodes, scores, state);
      for (let j = 0; j < n; j++) totals[j]! += scores[j]! * weight;
    }
    const layout = this.scoreLayouts.get(ran);
    return { totals, perPlugin: layout.perPlugin, plugins: layout.plugins };
  }

  /** RunReservePluginsReserve; on failure the reserved plugins are unreserved. */
  runReservePlugins(cycle: CycleState, pod: PodInfo, nodeName: string): MaybeStatus {
    for (const pl of this.plugins.reserve) {
      const s = pl.reserve(cycle, pod, nodeName);
      if (s !== undefined && s.code !== 'Success') return s.withPlugin(pl.name);
    }
    return undefined;
  }

  /** RunReservePluginsUnreserve, in reverse order. */
  runUnreservePlugins(cycle: CycleState, pod: PodInfo, nodeName: string): void {
    for (let i = this.plugins.reserve.length - 1; i >= 0; i--) this.plugins.reserve[i]!.unreserve(cycle, pod, nodeName);
  }

  /** RunPreBindPlugins. */
  runPreBindPlugins(cycle: CycleState, pod: PodInfo, nodeName: string): MaybeStatus {
    for (const pl of this.plugins.preBind) {
      const s = pl.preBind(cycle, pod, nodeName);
      if (s === undefined || s.code === 'Success') continue;
      if (s.isRejected()) return s.withPlugin(pl.name);
      return errorStatus(`running PreBind plugin "${pl.name}": ${s.message()}`, pl.name);
    }
    return undefined;
  }

  /** RunBindPlugins: the first plugin that does not Skip binds. */
  runBindPlugins(cycle: CycleState, pod: PodInfo, nodeName: string): MaybeStatus {
    for (const pl of this.plugins.bind) {
      const s = pl.bind(cycle, pod, nodeName);
      if (s !== undefined && s.code === 'Skip') continue;
      if (s === undefined || s.code === 'Success') return undefined;
      if (s.isRejected()) return s.withPlugin(pl.name);
      return errorStatus(`running Bind plugin "${pl.name}": ${s.message()}`, pl.name);
    }
    return undefined;
  }

  /** The queueing hint registrations, by plugin name. */
  queueingHints(): Map<string, readonly ClusterEventWithHint[]> {
    const map = new Map<string, readonly ClusterEventWithHint[]>();
    for (const ext of this.plugins.enqueueExtensions) map.set(ext.name, ext.eventsToRegister());
    return map;
  }
}
