/**
 * The last scheduling diagnosis of each pod, for the dashboard's "why is this pod Pending / why
 * this node": per-node filter verdicts (plugin and reasons), per-node scores by plugin, the chosen
 * node. Pending pods keep theirs until they are scheduled or deleted; diagnoses of scheduled pods
 * are kept for the most recent ones only, so ten thousand pods cost no memory to speak of.
 * Records hold the scheduler's own structures and are turned into plain rows only when asked for.
 */
import type { Diagnosis } from './framework/fit-error.js';
import type { StatusCode } from './framework/status.js';
import type { ScoreRecord } from './schedule-pod.js';

/** How many diagnoses of scheduled pods are kept. */
export const MAX_SCHEDULED_DIAGNOSES = 512;

/** One node's filter verdict. */
export interface NodeVerdict {
  readonly node: string;
  readonly plugin: string;
  readonly code: StatusCode;
  readonly reasons: readonly string[];
}

/** One node's scores: per plugin (normalised, 0..100), its weight, and the weighted total. */
export interface NodeScore {
  readonly node: string;
  readonly total: number;
  readonly plugins: readonly { readonly plugin: string; readonly weight: number; readonly score: number }[];
}

/** The outcome of the last attempt. */
export type AttemptResult = 'Scheduled' | 'Unschedulable' | 'SchedulerError';

/** A pod's last scheduling attempt, as the dashboard shows it. */
export interface SchedulingDiagnosis {
  readonly pod: string;
  readonly attempt: number;
  /** Virtual time of the attempt (ms). */
  readonly time: number;
  readonly result: AttemptResult;
  /** The FailedScheduling message, or the Scheduled event's. */
  readonly message: string;
  readonly numAllNodes: number;
  readonly preFilterMessage: string;
  readonly postFilterMessage: string;
  /** Nodes that failed a filter, with the plugin and its reasons (nodes never evaluated are absent). */
  readonly rejected: readonly NodeVerdict[];
  /** How many feasible nodes were scored (0 when one node was feasible, or none). */
  readonly nodesScored: number;
  /** The chosen node's and the best other nodes' scores, highest total first. */
  readonly scores: readonly NodeScore[];
  readonly selectedNode?: string;
  readonly nominatedNode?: string;
}

/** What the scheduler records after an attempt. */
export interface AttemptRecord {
  readonly pod: string;
  readonly attempt: number;
  readonly time: number;
  readonly result: AttemptResult;
  readonly message: string;
  readonly numAllNodes: number;
  readonly diagnosis?: Diagnosis;
  readonly scores?: ScoreRecord;
  readonly selectedNode?: string;
  readonly nominatedNode?: string;
}

/** The diagnoses, by `namespace/name`. */
export class DiagnosisStore {
  private readonly pending = new Map<string, AttemptRecord>();
  private readonly scheduled = new Map<string, AttemptRecord>();

  /** Records an attempt. */
  record(r: AttemptRecord): void {
    if (r.result === 'Scheduled') {
      this.pending.delete(r.pod);
      this.scheduled.delete(r.pod);
      this.scheduled.set(r.pod, r);
      if (this.scheduled.size > MAX_SCHEDULED_DIAGNOSES) this.scheduled.delete(this.scheduled.keys().next().value!);
    } else {
      this.scheduled.delete(r.pod);
      this.pending.set(r.pod, r);
    }
  }

  /** Forgets a deleted pod. */
  forget(key: string): void {
    this.pending.delete(key);
    this.scheduled.delete(key);
  }

  /** Forgets everything (the scheduler stopped). */
  clear(): void {
    this.pending.clear();
    this.scheduled.clear();
  }

  /** The last diagnosis of a pod, as plain data. */
  get(key: string): SchedulingDiagnosis | undefined {
    const r = this.pending.get(key) ?? this.scheduled.get(key);
    return r === undefined ? undefined : materialize(r);
  }
}

function materialize(r: AttemptRecord): SchedulingDiagnosis {
  const rejected: NodeVerdict[] = [];
  for (const [node, status] of r.diagnosis?.nodeToStatus.entries() ?? []) rejected.push({ node, plugin: status.plugin, code: status.code, reasons: status.reasons });
  rejected.sort((a, b) => (a.node < b.node ? -1 : a.node > b.node ? 1 : 0));
  const d: SchedulingDiagnosis = {
    pod: r.pod,
    attempt: r.attempt,
    time: r.time,
    result: r.result,
    message: r.message,
    numAllNodes: r.numAllNodes,
    preFilterMessage: r.diagnosis?.preFilterMsg ?? '',
    postFilterMessage: r.diagnosis?.postFilterMsg ?? '',
    rejected,
    nodesScored: r.scores?.nodesScored ?? 0,
    scores: r.scores === undefined ? [] : nodeScores(r.scores),
  };
  return { ...d, ...(r.selectedNode ? { selectedNode: r.selectedNode } : {}), ...(r.nominatedNode ? { nominatedNode: r.nominatedNode } : {}) };
}

function nodeScores(record: ScoreRecord): NodeScore[] {
  const { plugins, nodes, totals, scores } = record;
  return nodes.map((node, n) => ({ node, total: totals[n]!, plugins: plugins.map((p, i) => ({ ...p, score: scores[n * plugins.length + i]! })) }));
}
