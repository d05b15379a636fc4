/**
 * NodeAffinity (PreFilter, Filter, PreScore, Score): `spec.nodeSelector` and required node
 * affinity decide which nodes fit; preferred terms add their weights to a node's score. Required
 * terms that name nodes by `metadata.name` narrow the nodes evaluated at all.
 */
import { ActionType, type ClusterEventWithHint } from '../framework/events.js';
import { SKIP_RESULT, type EnqueueExtensions, type FilterPlugin, type PreFilterResult, type PreScoreResult, type ScorePlugin } from '../framework/interface.js';
import { Status, type MaybeStatus } from '../framework/status.js';
import type { CycleState } from '../framework/cycle-state.js';
import type { NodeInfo } from '../node-info.js';
import { compilePreferredTerms, getRequiredNodeAffinity, hasRequiredNodeAffinity, type RequiredNodeAffinity } from '../node-selector.js';
import type { PodInfo } from '../pod-info.js';
import type { Node } from '../types.js';
import { defaultNormalizeScore } from './default-normalize.js';
import { Names } from './names.js';

/** nodeaffinity.ErrReasonPod. */
export const ERR_REASON_POD = "node(s) didn't match Pod's node affinity/selector";
/** nodeaffinity.errReasonConflict: required terms name disjoint node sets. */
export const ERR_REASON_CONFLICT = 'pod affinity terms conflict';

/** The NodeAffinity plugin. */
export class NodeAffinity implements FilterPlugin<RequiredNodeAffinity>, ScorePlugin<(node: Node) => number>, EnqueueExtensions {
  readonly name = Names.NodeAffinity;
  private readonly rejected = new Status('UnschedulableAndUnresolvable', [ERR_REASON_POD], this.name);

  preFilter(_cycle: unknown, pod: PodInfo): PreFilterResult<RequiredNodeAffinity> {
    if (!hasRequiredNodeAffinity(pod.pod)) return SKIP_RESULT;
    const state = getRequiredNodeAffinity(pod.pod);
    const terms = pod.pod.spec.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution?.nodeSelectorTerms ?? [];
    if (terms.length === 0) return { state };
    let nodeNames: Set<string> | undefined;
    for (const term of terms) {
      let termNames: Set<string> | undefined;
      for (const r of term.matchFields ?? []) {
        if (r.key !== 'metadata.name' || r.operator !== 'In') continue;
        const values = new Set(r.values ?? []);
        termNames = termNames === undefined ? values : new Set([...termNames].filter((n) => values.has(n)));
      }
      if (termNames === undefined) return { state };
      nodeNames = new Set([...(nodeNames ?? []), ...termNames]);
    }
    if (nodeNames !== undefined && nodeNames.size === 0) return { status: new Status('UnschedulableAndUnresolvable', [ERR_REASON_CONFLICT], this.name) };
    return nodeNames === undefined ? { state } : { state, nodeNames };
  }

  filter(_cycle: unknown, _pod: PodInfo, node: NodeInfo, required: RequiredNodeAffinity): MaybeStatus {
    return node.node !== undefined && required.match(node.node) ? undefined : this.rejected;
  }

  preScore(_cycle: unknown, pod: PodInfo): PreScoreResult<(node: Node) => number> {
    const preferred = pod.pod.spec.affinity?.nodeAffinity?.preferredDuringSchedulingIgnoredDuringExecution;
    const scorer = preferred === undefined ? undefined : compilePreferredTerms(preferred);
    return scorer === undefined ? SKIP_RESULT : { state: scorer };
  }

  /** Score for every node (the batch form of Score, so this loop stays monomorphic). */
  scoreNodes(cycle: CycleState, pod: PodInfo, nodes: readonly NodeInfo[], state: (node: Node) => number, scores: number[]): void {
    for (let i = 0; i < nodes.length; i++) scores[i] = this.score(cycle, pod, nodes[i]!, state);
  }

  score(_cycle: unknown, _pod: PodInfo, node: NodeInfo, scorer: (node: Node) => number): number {
    return node.node === undefined ? 0 : scorer(node.node);
  }

  normalizeScore(_cycle: unknown, _pod: PodInfo, _nodes: readonly NodeInfo[], scores: number[]): void {
    defaultNormalizeScore(scores, false);
  }

  eventsToRegister(): readonly ClusterEventWithHint[] {
    return [
      {
        event: { resource: 'Node', actionType: ActionType.Add | ActionType.UpdateNodeLabel },
        hint: (pod, original, modified) => {
          const required = getRequiredNodeAffinity(pod);
          if (modified === undefined || !required.match(modified as Node)) return 'QueueSkip';
          if (original === undefined) return 'Queue';
          return required.match(original as Node) ? 'QueueSkip' : 'Queue';
        },
      },
    ];
  }
}
