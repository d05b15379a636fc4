/**
 * The scheduling framework's extension points (pkg/scheduler/framework/interface.go): PreEnqueue,
 * PreFilter/Filter (with the AddPod/RemovePod extensions preemption needs), PostFilter,
 * PreScore/Score/NormalizeScore, Reserve, PreBind, Bind, and the cluster events each plugin
 * wants to hear about (EnqueueExtensions with queueing hints). Plugins return Statuses, never throw.
 *
 * A plugin's per-cycle data is what its PreFilter / PreScore returns; the framework hands it back
 * to Filter / Score, which keeps the per-node calls free of lookups.
 */
import type { Lister } from '../../client/lister.js';
import type { KubeObject } from '../../api/types.js';
import type { ApiClient } from '../../apiserver/types.js';
import type { SchedulerCache } from '../cache.js';
import type { NodeInfo } from '../node-info.js';
import type { PodInfo } from '../pod-info.js';
import type { Pod } from '../types.js';
import type { ClusterEventWithHint } from './events.js';
import type { Diagnosis } from './fit-error.js';
import type { CycleState } from './cycle-state.js';
import { SKIP, type MaybeStatus, type Status } from './status.js';

/** framework.MaxNodeScore. */
export const MAX_NODE_SCORE = 100;

/** The one PreFilter/PreScore result that says Skip (shared: most pods skip most plugins, every cycle). */
export const SKIP_RESULT: { readonly status: Status } = Object.freeze({ status: SKIP });

/** Every plugin has a name (as in the KubeSchedulerConfiguration). */
export interface Plugin {
  readonly name: string;
}

/** PreEnqueuePlugin: decides whether a pod may enter the active queue at all. */
export interface PreEnqueuePlugin extends Plugin {
  preEnqueue(pod: Pod): MaybeStatus;
}

/** What a PreFilter returns: a rejection or Skip, the state Filter gets, and optionally the only nodes worth checking. */
export interface PreFilterResult<S> {
  status?: Status;
  state?: S;
  /** PreFilterResult.NodeNames: when set, only these nodes are evaluated. */
  nodeNames?: ReadonlySet<string>;
}

/** PreFilterPlugin + FilterPlugin (+ PreFilterExtensions). */
export interface FilterPlugin<S = unknown> extends Plugin {
  preFilter?(cycle: CycleState, pod: PodInfo): PreFilterResult<S>;
  filter(cycle: CycleState, pod: PodInfo, node: NodeInfo, state: S): MaybeStatus;
  /** A copy of the state that addPod/removePod may change (CycleState.Clone). */
  cloneState?(state: S): S;
  /** PreFilterExtensions.AddPod: the state as if `added` ran on `node`. */
  addPod?(state: S, pod: PodInfo, added: PodInfo, node: NodeInfo): void;
  /** PreFilterExtensions.RemovePod: the state as if `removed` were gone from `node`. */
  removePod?(state: S, pod: PodInfo, removed: PodInfo, node: NodeInfo): void;
}

/** What a PreScore returns: Skip (or an error) and the state Score gets. */
export interface PreScoreResult<S> {
  status?: Status;
  state?: S;
}

/** PreScorePlugin + ScorePlugin (+ ScoreExtensions.NormalizeScore). */
export interface ScorePlugin<S = unknown> extends Plugin {
  preScore?(cycle: CycleState, pod: PodInfo, nodes: readonly NodeInfo[]): PreScoreResult<S>;
  /** Score: one node's raw score. */
  score(cycle: CycleState, pod: PodInfo, node: NodeInfo, state: S): number;
  /** Score for every node into `scores` (a batch loop inside each plugin keeps the per-node call monomorphic). */
  scoreNodes(cycle: CycleState, pod: PodInfo, nodes: readonly NodeInfo[], state: S, scores: number[]): void;
  normalizeScore?(cycle: CycleState, pod: PodInfo, nodes: readonly NodeInfo[], scores: number[], state: S): void;
}

/** PostFilterResult: the node the pod is nominated to (preemption). */
export interface PostFilterResult {
  nominatedNodeName?: string;
}

/** PostFilterPlugin: runs after no node fit (DefaultPreemption). */
export interface PostFilterPlugin extends Plugin {
  postFilter(cycle: CycleState, pod: PodInfo, diagnosis: Diagnosis): { result?: PostFilterResult; status: MaybeStatus };
}

/** ReservePlugin. */
export interface ReservePlugin extends Plugin {
  reserve(cycle: CycleState, pod: PodInfo, nodeName: string): MaybeStatus;
  unreserve(cycle: CycleState, pod: PodInfo, nodeName: string): void;
}

/** PreBindPlugin. */
export interface PreBindPlugin extends Plugin {
  preBind(cycle: CycleState, pod: PodInfo, nodeName: string): MaybeStatus;
}

/** BindPlugin. */
export interface BindPlugin extends Plugin {
  bind(cycle: CycleState, pod: PodInfo, nodeName: string): MaybeStatus;
}

/** EnqueueExtensions: the cluster events that may make a pod this plugin rejected schedulable. */
export interface EnqueueExtensions extends Plugin {
  eventsToRegister(): readonly ClusterEventWithHint[];
}

/** The listers plugins read (from the scheduler's informers). */
export interface SchedulerListers {
  readonly namespaces: Lister<KubeObject>;
  readonly persistentVolumeClaims: Lister<KubeObject>;
  readonly persistentVolumes: Lister<KubeObject>;
  readonly storageClasses: Lister<KubeObject>;
  readonly services: Lister<KubeObject>;
  readonly replicaSets: Lister<KubeObject>;
  readonly statefulSets: Lister<KubeObject>;
  readonly replicationControllers: Lister<KubeObject>;
  readonly pods: Lister<KubeObject>;
}

/** framework.Handle: what plugins may use besides their arguments. */
export interface FrameworkHandle {
  readonly cache: SchedulerCache;
  readonly listers: SchedulerListers;
  readonly api: ApiClient;
  /** Records an event as `default-scheduler`. */
  event(object: KubeObject, type: 'Normal' | 'Warning', reason: string, message: string): void;
  /** Pods nominated to a node (by preemption), highest priority first. */
  nominatedPodsForNode(nodeName: string): readonly PodInfo[];
  /** Runs every filter plugin for `pod` on `node` (preemption re-checks a node with victims removed). */
  runFilterPlugins(cycle: CycleState, pod: PodInfo, node: NodeInfo): MaybeStatus;
  /** Virtual now, in ms. */
  now(): number;
}
