/**
 * Defaults of batch/v1 Jobs and CronJobs (pkg/apis/batch/v1/defaults.go).
 */
import type { KubeObject } from '../../api/types.js';
import type { Fields } from './fields.js';
import { child, cloneJson, defaultPointer, defaultString, ensureChild, isEmptyCollection, items, stringMap } from './fields.js';
import { defaultPodTemplate, templateOf } from './pod-spec.js';

/** math.MaxInt32: a Job with a per-index backoff limit has no overall one. */
const MAX_INT32 = 2147483647;
/** Job templates keep their restartPolicy: see PodSpecDefaulting. */
const JOB_POD_SPEC = { restartPolicy: false };

/** The defaults of a JobSpec that SetDefaults_Job gives a Job (a CronJob's job template does not get them). */
function defaultJobSpec(spec: Fields): void {
  if (spec.completions == null && spec.parallelism == null) {
    spec.completions = 1;
    spec.parallelism = 1;
  }
  defaultPointer(spec, 'parallelism', 1);
  defaultPointer(spec, 'backoffLimit', spec.backoffLimitPerIndex == null ? 6 : MAX_INT32);
  defaultPointer(spec, 'completionMode', 'NonIndexed');
  defaultPointer(spec, 'suspend', false);
  const podFailurePolicy = child(spec, 'podFailurePolicy');
  if (podFailurePolicy) {
    for (const rule of items(podFailurePolicy, 'rules')) {
      for (const pattern of items(rule, 'onPodConditions')) defaultString(pattern, 'status', 'True');
    }
  }
  defaultPointer(spec, 'podReplacementPolicy', podFailurePolicy ? 'Failed' : 'TerminatingOrFailed');
  defaultPointer(spec, 'manualSelector', false);
}

/**
 * SetDefaults_Job: completions and parallelism 1 when neither is set (parallelism 1 whenever it
 * is unset), backoffLimit 6 (no overall limit with a per-index one), NonIndexed, not suspended,
 * pods replaced once TerminatingOrFailed (only once Failed with a pod failure policy),
 * `manualSelector: false`, and a Job without labels takes its template's labels.
 */
export function defaultJob(job: KubeObject): KubeObject {
  const copy = cloneJson(job) as KubeObject & Fields;
  const spec = ensureChild(copy, 'spec');
  defaultJobSpec(spec);
  const template = templateOf(spec);
  const templateMetadata = template ? child(template, 'metadata') : undefined;
  const labels = templateMetadata ? stringMap(templateMetadata, 'labels') : undefined;
  const metadata = ensureChild(copy, 'metadata');
  if (labels && Object.keys(labels).length > 0 && isEmptyCollection(metadata.labels)) metadata.labels = { ...labels };
  defaultPodTemplate(template, JOB_POD_SPEC);
  return copy;
}

/**
 * SetDefaults_CronJob: concurrency `Allow`, not suspended, 3 successful and 1 failed Jobs kept.
 * Its job template gets only the PodSpec defaults of its pod template.
 */
export function defaultCronJob(cronJob: KubeObject): KubeObject {
  const copy = cloneJson(cronJob) as KubeObject & Fields;
  const spec = ensureChild(copy, 'spec');
  defaultString(spec, 'concurrencyPolicy', 'Allow');
  defaultPointer(spec, 'suspend', false);
  defaultPointer(spec, 'successfulJobsHistoryLimit', 3);
  defaultPointer(spec, 'failedJobsHistoryLimit', 1);
  const jobTemplate = child(spec, 'jobTemplate');
  const jobSpec = jobTemplate ? child(jobTemplate, 'spec') : undefined;
  defaultPodTemplate(templateOf(jobSpec), JOB_POD_SPEC);
  return copy;
}
