/**
 * Indexed Jobs (pkg/controller/job/indexed_job_utils.go): each pod carries a completion index in
 * the `batch.kubernetes.io/job-completion-index` annotation and label; the Job records the indexes
 * that succeeded as compressed intervals (`status.completedIndexes: "0-2,4"`), and new pods go to
 * the lowest indexes that are neither succeeded nor running.
 */
import type { JsonObject, KubeObject } from '../../api/types.js';
import type { PodTemplate } from '../common/pod-control.js';
import type { Job } from './types.js';

/** batch.JobCompletionIndexAnnotation (also the label key, with PodIndexLabel). */
export const JOB_COMPLETION_INDEX_ANNOTATION = 'batch.kubernetes.io/job-completion-index';
/** The environment variable indexed pods read their index from. */
export const COMPLETION_INDEX_ENV_NAME = 'JOB_COMPLETION_INDEX';
/** names.MaxGeneratedNameLength: 63 minus the 5 random characters. */
const MAX_GENERATED_NAME_LENGTH = 58;

/** A closed interval of indexes. */
export interface Interval {
  first: number;
  last: number;
}

/** orderedIntervals: sorted, non-overlapping, non-adjacent intervals. */
export type OrderedIntervals = readonly Interval[];

/** isIndexedJob. */
export function isIndexedJob(job: Readonly<Job>): boolean {
  return job.spec?.completionMode === 'Indexed';
}

/** getCompletionIndex: the pod's index, or −1 (unknownCompletionIndex). */
export function completionIndex(pod: Readonly<KubeObject>): number {
  const value = pod.metadata.annotations?.[JOB_COMPLETION_INDEX_ANNOTATION];
  if (value === undefined || !/^[0-9]+$/.test(value)) return -1;
  const n = Number(value);
  return n <= 2147483647 ? n : -1;
}

/** The total number of indexes in the intervals. */
export function totalIndexes(intervals: OrderedIntervals): number {
  return intervals.reduce((sum, v) => sum + v.last - v.first + 1, 0);
}

/** Whether `ix` is in the intervals. */
export function hasIndex(intervals: OrderedIntervals, ix: number): boolean {
  return intervals.some((v) => v.first <= ix && ix <= v.last);
}

/** withOrderedIndexes: the intervals with the (sorted) indexes added, adjacent runs merged. */
export function withOrderedIndexes(intervals: OrderedIntervals, indexes: readonly number[]): Interval[] {
  const all = new Set<number>();
  for (const v of intervals) for (let i = v.first; i <= v.last; i++) all.add(i);
  for (const i of indexes) all.add(i);
  const sorted = [...all].sort((a, b) => a - b);
  const out: Interval[] = [];
  for (const i of sorted) {
    const last = out[out.length - 1];
    if (last !== undefined && last.last + 1 === i) last.last = i;
    else out.push({ first: i, last: i });
  }
  return out;
}

/** orderedIntervals.String: `0-2,4,6,7`. Two adjacent indexes print as a list, longer runs as a range. */
export function intervalsToString(intervals: OrderedIntervals): string {
  return intervals
    .map((v) => (v.last === v.first ? `${v.first}` : v.last === v.first + 1 ? `${v.first},${v.last}` : `${v.first}-${v.last}`))
    .join(',');
}

/** parseIndexesFromString: the intervals of a `completedIndexes` string, ignoring indexes ≥ completions. */
export function parseIndexes(value: string | undefined, completions: number): Interval[] {
  const indexes: number[] = [];
  for (const part of (value ?? '').split(',')) {
    if (part === '') continue;
    const [a, b] = part.split('-');
    const first = Number(a);
    const last = b === undefined ? first : Number(b);
    if (!Number.isInteger(first) || !Number.isInteger(last)) continue;
    for (let i = first; i <= last && i < completions; i++) indexes.push(i);
  }
  return withOrderedIndexes([], indexes);
}

/**
 * calculateSucceededIndexes: the indexes recorded in the status, and those plus the indexes of
 * succeeded pods still carrying the tracking finalizer.
 */
export function succeededIndexes(job: Readonly<Job>, pods: readonly KubeObject[], hasFinalizer: (pod: KubeObject) => boolean): { prev: Interval[]; next: Interval[] } {
  const completions = job.spec?.completions ?? 0;
  const prev = parseIndexes(job.status?.completedIndexes, completions);
  const fresh: number[] = [];
  for (const pod of pods) {
    const ix = completionIndex(pod);
    const phase = (pod['status'] as { phase?: string } | undefined)?.phase;
    if (phase === 'Succeeded' && ix >= 0 && ix < completions && hasFinalizer(pod)) fresh.push(ix);
  }
  return { prev, next: withOrderedIndexes(prev, fresh) };
}

/** firstPendingIndexes: the lowest `count` indexes below `completions` that are not in `nonPending`. */
export function firstPendingIndexes(nonPending: OrderedIntervals, count: number, completions: number): number[] {
  const result: number[] = [];
  let candidate = 0;
  for (const v of nonPending) {
    for (; candidate < completions && result.length < count && candidate < v.first; candidate++) result.push(candidate);
    if (candidate < v.last + 1) candidate = v.last + 1;
  }
  for (; candidate < completions && result.length < count; candidate++) result.push(candidate);
  return result;
}

/** podGenerateNameWithIndex: `<job>-<index>-`, the job name cut so the whole fits. */
export function podGenerateNameWithIndex(jobName: string, index: number): string {
  const suffix = `-${index}-`;
  const prefix = `${jobName}${suffix}`;
  return prefix.length > MAX_GENERATED_NAME_LENGTH ? `${jobName.slice(0, MAX_GENERATED_NAME_LENGTH - suffix.length)}${suffix}` : prefix;
}

function withIndexEnv(container: JsonObject): JsonObject {
  const env = (container['env'] as { name: string }[] | undefined) ?? [];
  if (env.some((e) => e.name === COMPLETION_INDEX_ENV_NAME)) return container;
  const variable = { name: COMPLETION_INDEX_ENV_NAME, valueFrom: { fieldRef: { fieldPath: `metadata.labels['${JOB_COMPLETION_INDEX_ANNOTATION}']` } } };
  return { ...container, env: [...(env as JsonObject[]), variable] };
}

/** addCompletionIndexEnvVariables: every (init) container gets JOB_COMPLETION_INDEX from the pod's index label. */
export function withCompletionIndexEnv(template: PodTemplate): PodTemplate {
  const spec = { ...template.spec };
  for (const key of ['initContainers', 'containers']) {
    const containers = spec[key] as JsonObject[] | undefined;
    if (Array.isArray(containers)) spec[key] = containers.map(withIndexEnv);
  }
  return { ...template, spec };
}

/** The template of the pod for index `ix`: annotation, label and hostname `<job>-<ix>`. */
export function templateForIndex(template: PodTemplate, jobName: string, ix: number): PodTemplate {
  const metadata = template.metadata ?? {};
  return {
    metadata: {
      ...metadata,
      annotations: { ...metadata.annotations, [JOB_COMPLETION_INDEX_ANNOTATION]: String(ix) },
      labels: { ...metadata.labels, [JOB_COMPLETION_INDEX_ANNOTATION]: String(ix) },
    },
    spec: { ...template.spec, hostname: `${jobName}-${ix}` },
  };
}
