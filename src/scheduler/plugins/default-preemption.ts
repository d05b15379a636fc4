/**
 * DefaultPreemption (PostFilter; framework/preemption): when no node fits, find nodes where
 * evicting lower-priority pods would make room, pick the best one, evict the fewest and least
 * important victims (DisruptionTarget condition, then delete), and nominate the node. When it
 * cannot help, its own `0/N nodes are available: …` text becomes the `preemption:` part of the
 * FailedScheduling message.
 */
import { parseTime } from '../../api/time.js';
import type { CycleState } from '../framework/cycle-state.js';
import { fitErrorMessage, NodeToStatus, type Diagnosis } from '../framework/fit-error.js';
import type { FrameworkHandle, PostFilterPlugin, PostFilterResult } from '../framework/interface.js';
import { Status, type MaybeStatus } from '../framework/status.js';
import type { NodeInfo } from '../node-info.js';
import type { PodInfo } from '../pod-info.js';
import { podPriority, type Pod } from '../types.js';
import { Names } from './names.js';
import { evictVictims, isTerminatingByPreemption } from './preemption-victims.js';

/** The reason for nodes whose failure preemption cannot fix. */
export const PREEMPTION_NOT_HELPFUL = 'Preemption is not helpful for scheduling';
/** The reason for nodes without lower-priority pods. */
export const NO_PREEMPTION_VICTIMS = 'No preemption victims found for incoming pod';

/** MinCandidateNodesPercentage / MinCandidateNodesAbsolute defaults. */
const MIN_CANDIDATE_NODES_PERCENTAGE = 10;
const MIN_CANDIDATE_NODES_ABSOLUTE = 100;

/** A node where preemption would work, and the pods it would evict (most important first). */
interface Candidate {
  readonly name: string;
  readonly victims: readonly PodInfo[];
}

/** What the evaluator needs from the framework: filters on what-if states. */
export interface PreemptionFramework {
  cloneCycle(cycle: CycleState): CycleState;
  addPodToState(cycle: CycleState, pod: PodInfo, added: PodInfo, node: NodeInfo): void;
  removePodFromState(cycle: CycleState, pod: PodInfo, removed: PodInfo, node: NodeInfo): void;
  runFilterPluginsWithNominatedPods(cycle: CycleState, pod: PodInfo, node: NodeInfo): MaybeStatus;
}

/** util.MoreImportantPod: higher priority, then earlier start. */
function moreImportant(a: PodInfo, b: PodInfo): number {
  if (a.priority !== b.priority) return b.priority - a.priority;
  return startTime(a) - startTime(b);
}

function startTime(p: PodInfo): number {
  const status = p.pod.status as { startTime?: string } | undefined;
  return parseTime(status?.startTime) ?? parseTime(p.pod.metadata.creationTimestamp) ?? 0;
}

/** The DefaultPreemption plugin. */
export class DefaultPreemption implements PostFilterPlugin {
  readonly name = Names.DefaultPreemption;

  constructor(
    private readonly handle: FrameworkHandle,
    private readonly framework: () => PreemptionFramework,
    private readonly random: () => number,
  ) {}

  postFilter(cycle: CycleState, pod: PodInfo, diagnosis: Diagnosis): { result?: PostFilterResult; status: MaybeStatus } {
    const { result, status } = this.preempt(cycle, pod, diagnosis.nodeToStatus);
    const msg = status?.message() ?? '';
    if (status !== undefined && msg !== '') return { ...(result ? { result } : {}), status: new Status(status.code, [`preemption: ${msg}`], this.name) };
    return result ? { result, status } : { status };
  }

  /** Evaluator.Preempt. */
  private preempt(cycle: CycleState, pod: PodInfo, m: NodeToStatus): { result?: PostFilterResult; status: MaybeStatus } {
    const eligible = this.podEligibleToPreemptOthers(pod.pod, m.get(pod.pod.status?.nominatedNodeName ?? ''));
    if (eligible !== undefined) return { status: new Status('Unschedulable', [eligible]) };
    const allNodes = this.handle.cache.nodeInfoList();
    if (allNodes.length === 0) return { status: new Status('Error', ['no nodes available']) };
    const { candidates, statuses } = this.findCandidates(cycle, pod, allNodes, m);
    if (candidates.length === 0) {
      statuses.absentNodesStatus = new Status('UnschedulableAndUnresolvable', [PREEMPTION_NOT_HELPFUL]);
      const message = fitErrorMessage(allNodes.length, { nodeToStatus: statuses, unschedulablePlugins: new Set(), pendingPlugins: new Set(), preFilterMsg: '', postFilterMsg: '' });
      return { result: { nominatedNodeName: '' }, status: new Status('Unschedulable', [message]) };
    }
    const best = selectCandidate(candidates);
    evictVictims(this.handle, pod, best.name, best.victims);
    return { result: { nominatedNodeName: best.name }, status: undefined };
  }

  /** PodEligibleToPreemptOthers: undefined when eligible, else why not. */
  private podEligibleToPreemptOthers(pod: Pod, nominatedNodeStatus: Status): string | undefined {
    if (pod.spec.preemptionPolicy === 'Never') return 'not eligible due to preemptionPolicy=Never.';
    const nominated = pod.status?.nominatedNodeName ?? '';
    if (nominated === '' || nominatedNodeStatus.code === 'UnschedulableAndUnresolvable') return undefined;
    const info = this.handle.cache.get(nominated);
    if (info !== undefined) {
      const priority = podPriority(pod);
      for (const p of info.pods) {
        if (p.priority < priority && isTerminatingByPreemption(p.pod)) return 'not eligible due to a terminating pod on the nominated node.';
      }
    }
    return undefined;
  }

  /** findCandidates: dry-run preemption on every node where it might help, from a random offset. */
  private findCandidates(cycle: CycleState, pod: PodInfo, allNodes: readonly NodeInfo[], m: NodeToStatus): { candidates: Candidate[]; statuses: NodeToStatus } {
    const statuses = new NodeToStatus();
    const notHelpful = new Status('UnschedulableAndUnresolvable', [PREEMPTION_NOT_HELPFUL]);
    const potential: NodeInfo[] = [];
    for (const node of allNodes) {
      if (m.get(node.name).code === 'UnschedulableAndUnresolvable') statuses.set(node.name, notHelpful);
      else potential.push(node);
    }
    const candidates: Candidate[] = [];
    if (potential.length === 0) return { candidates, statuses };
    let numCandidates = Math.floor((allNodes.length * MIN_CANDIDATE_NODES_PERCENTAGE) / 100);
    numCandidates = Math.min(Math.max(numCandidates, MIN_CANDIDATE_NODES_ABSOLUTE), allNodes.length);
    const offset = Math.floor(this.random() * potential.length);
    for (let i = 0; i < potential.length && candidates.length < numCandidates; i++) {
      const node = potential[(offset + i) % potential.length]!;
      const { victims, status } = this.selectVictimsOnNode(cycle, pod, node);
      if (status === undefined && victims.length > 0) candidates.push({ name: node.name, victims });
      else statuses.set(node.name, status ?? new Status('Error', [`expected at least one victim pod on node "${node.name}"`]));
    }
    return { candidates, statuses };
  }

  /** SelectVictimsOnNode: remove every lower-priority pod; if the pod then fits, reprieve as many as possible, most important first. */
  private selectVictimsOnNode(cycle: CycleState, pod: PodInfo, original: NodeInfo): { victims: PodInfo[]; status: MaybeStatus } {
    const fwk = this.framework();
    const node = original.clone();
    const state = fwk.cloneCycle(cycle);
    const potential: PodInfo[] = [];
    for (const p of original.pods) {
      if (p.priority >= pod.priority) continue;
      potential.push(p);
      node.removePod(p.uid);
      fwk.removePodFromState(state, pod, p, node);
    }
    if (potential.length === 0) return { victims: [], status: new Status('UnschedulableAndUnresolvable', [NO_PREEMPTION_VICTIMS]) };
    const fits = fwk.runFilterPluginsWithNominatedPods(state, pod, node);
    if (fits !== undefined && fits.code !== 'Success') return { victims: [], status: fits };
    potential.sort(moreImportant);
    const victims: PodInfo[] = [];
    for (const p of potential) {
      node.addPod(p);
      fwk.addPodToState(state, pod, p, node);
      const status = fwk.runFilterPluginsWithNominatedPods(state, pod, node);
      if (status !== undefined && status.code !== 'Success') {
        node.removePod(p.uid);
        fwk.removePodFromState(state, pod, p, node);
        victims.push(p);
      }
    }
    return { victims, status: undefined };
  }
}

/** pickOneNodeForPreemption without PodDisruptionBudgets: lowest highest-priority victim, lowest priority sum, fewest victims, latest start. */
function selectCandidate(candidates: readonly Candidate[]): Candidate {
  const score = (c: Candidate): number[] => {
    const highest = c.victims[0]?.priority ?? 0;
    let sum = 0;
    for (const v of c.victims) sum += v.priority + 2147483647 + 1;
    const latestStart = Math.min(...c.victims.filter((v) => v.priority === highest).map(startTime));
    return [-highest, -sum, -c.victims.length, latestStart];
  };
  let best = candidates[0]!;
  let bestScore = score(best);
  for (const c of candidates.slice(1)) {
    const s = score(c);
    for (let i = 0; i < s.length; i++) {
      if (s[i]! === bestScore[i]!) continue;
      if (s[i]! > bestScore[i]!) {
        best = c;
        bestScore = s;
      }
      break;
    }
  }
  return best;
}
