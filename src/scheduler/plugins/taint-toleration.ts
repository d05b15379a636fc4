/**
 * TaintToleration (Filter, Score): a node's NoSchedule/NoExecute taints keep off pods that do not
 * tolerate them; untolerated PreferNoSchedule taints lower a node's score.
 */
import { ActionType, type ClusterEventWithHint } from '../framework/events.js';
import type { EnqueueExtensions, FilterPlugin, PreScoreResult, ScorePlugin } from '../framework/interface.js';
import { Status, type MaybeStatus } from '../framework/status.js';
import type { CycleState } from '../framework/cycle-state.js';
import type { NodeInfo } from '../node-info.js';
import type { PodInfo } from '../pod-info.js';
import { findUntoleratedTaint, tolerationsTolerateTaint } from '../taints.js';
import type { Node, Toleration } from '../types.js';
import { defaultNormalizeScore } from './default-normalize.js';
import { Names } from './names.js';
import { ownPodHint } from './node-unschedulable.js';

/** The TaintToleration plugin. */
export class TaintToleration implements FilterPlugin<undefined>, ScorePlugin<readonly Toleration[]>, EnqueueExtensions {
  readonly name = Names.TaintToleration;
  /** One status object per distinct taint text, so rejecting a thousand nodes allocates nothing. */
  private readonly statuses = new Map<string, Status>();

  filter(_cycle: unknown, pod: PodInfo, node: NodeInfo): MaybeStatus {
    if (node.taints.length === 0) return undefined;
    const taint = findUntoleratedTaint(node.taints, pod.tolerations);
    if (taint === undefined) return undefined;
    const reason = `node(s) had untolerated taint {${taint.key}: ${taint.value ?? ''}}`;
    let status = this.statuses.get(reason);
    if (status === undefined) this.statuses.set(reason, (status = new Status('UnschedulableAndUnresolvable', [reason], this.name)));
    return status;
  }

  /** The tolerations that can tolerate PreferNoSchedule taints (getAllTolerationPreferNoSchedule). */
  preScore(_cycle: unknown, pod: PodInfo): PreScoreResult<readonly Toleration[]> {
    return { state: pod.tolerations.filter((t) => !t.effect || t.effect === 'PreferNoSchedule') };
  }

  /** Score for every node (the batch form of Score, so this loop stays monomorphic). */
  scoreNodes(cycle: CycleState, pod: PodInfo, nodes: readonly NodeInfo[], state: readonly Toleration[], scores: number[]): void {
    for (let i = 0; i < nodes.length; i++) scores[i] = this.score(cycle, pod, nodes[i]!, state);
  }

  /** How many PreferNoSchedule taints the pod does not tolerate. */
  score(_cycle: unknown, _pod: PodInfo, node: NodeInfo, tolerations: readonly Toleration[]): number {
    const taints = node.taints;
    let intolerable = 0;
    for (let i = 0; i < taints.length; i++) {
      const taint = taints[i]!;
      if (taint.effect !== 'PreferNoSchedule') continue;
      if (!tolerationsTolerateTaint(tolerations, taint)) intolerable++;
    }
    return intolerable;
  }

  normalizeScore(_cycle: unknown, _pod: PodInfo, _nodes: readonly NodeInfo[], scores: number[]): void {
    defaultNormalizeScore(scores, true);
  }

  eventsToRegister(): readonly ClusterEventWithHint[] {
    return [
      {
        event: { resource: 'Node', actionType: ActionType.Add | ActionType.UpdateNodeTaint },
        hint: (pod, original, modified) => {
          const tolerations = pod.spec.tolerations ?? [];
          const untolerated = (node: Node | undefined): boolean => node === undefined || findUntoleratedTaint(node.spec?.taints ?? [], tolerations) !== undefined;
          const wasUntolerated = original === undefined || untolerated(original as Node);
          return wasUntolerated && !untolerated(modified as Node | undefined) ? 'Queue' : 'QueueSkip';
        },
      },
      { event: { resource: 'Pod', actionType: ActionType.UpdatePodTolerations }, hint: ownPodHint },
    ];
  }
}
