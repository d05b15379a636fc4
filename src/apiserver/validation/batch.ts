/**
 * Jobs and CronJobs (pkg/apis/batch/validation): counts, completion mode, the pod failure policy,
 * a template that restarts OnFailure or Never, the generated selector, cron schedules, and what a
 * Job update may not change.
 */
import { jsonEqual } from '../../api/equal.js';
import { child, invalidValue, notSupported, required } from '../../api/field-errors.js';
import type { Errors, Json } from './access.js';
import { asObject, boolAt, intAt, objectAt, stringAt } from './access.js';
import { cronScheduleError } from './cron.js';
import { goLabelSelector, goStringMap, invalidGo } from './go-value.js';
import { readLabelSelector, selectorMatches } from './labels.js';
import { FIELD_IMMUTABLE, metaOf, validateImmutableField, validateNonnegative, validateObjectMeta, validateObjectMetaUpdate } from './metadata.js';
import { isDNS1123Label, nameIsDNSSubdomain } from './names.js';
import { validatePodTemplateSpec } from './pod.js';
import { validatePodFailurePolicy } from './pod-failure-policy.js';
import { selectorMismatch, templateLabels, validateImmutableSelector } from './workloads.js';

/** validateJobSpec (shared by Jobs and CronJob job templates). */
function validateJobSpec(errs: Errors, spec: Json, path: string): void {
  for (const field of ['parallelism', 'completions', 'activeDeadlineSeconds', 'backoffLimit', 'ttlSecondsAfterFinished', 'backoffLimitPerIndex', 'maxFailedIndexes']) {
    validateNonnegative(errs, intAt(errs, spec, path, field), child(path, field));
  }
  if (spec.maxFailedIndexes !== undefined && spec.backoffLimitPerIndex === undefined) {
    errs.push(required(child(path, 'backoffLimitPerIndex'), 'when maxFailedIndexes is specified'));
  }
  const mode = stringAt(errs, spec, path, 'completionMode');
  if (mode !== undefined && mode !== 'NonIndexed' && mode !== 'Indexed') errs.push(notSupported(child(path, 'completionMode'), mode, ['NonIndexed', 'Indexed']));
  if (mode === 'Indexed' && spec.completions === undefined) errs.push(required(child(path, 'completions'), 'when completion mode is Indexed'));
  if (mode !== 'Indexed') {
    for (const field of ['backoffLimitPerIndex', 'maxFailedIndexes']) {
      if (typeof spec[field] === 'number') errs.push(invalidValue(child(path, field), spec[field], 'requires indexed completion mode'));
    }
  }
  const template = objectAt(errs, spec, path, 'template');
  const podFailurePolicy = objectAt(errs, spec, path, 'podFailurePolicy');
  if (podFailurePolicy) validatePodFailurePolicy(errs, podFailurePolicy, spec, child(path, 'podFailurePolicy'));
  const replacement = stringAt(errs, spec, path, 'podReplacementPolicy');
  if (replacement !== undefined) {
    const allowed = podFailurePolicy ? ['Failed'] : ['Failed', 'TerminatingOrFailed'];
    if (!allowed.includes(replacement)) errs.push(notSupported(child(path, 'podReplacementPolicy'), replacement, allowed));
  }
  validatePodTemplateSpec(errs, template ?? {}, child(path, 'template'));
  const podSpec = asObject(template?.spec) ?? {};
  const restartPolicy = typeof podSpec.restartPolicy === 'string' ? podSpec.restartPolicy : '';
  const policyPath = child(path, 'template.spec.restartPolicy');
  if (restartPolicy === 'Always' || restartPolicy === '') errs.push(required(policyPath, 'valid values: "OnFailure", "Never"'));
  else if (restartPolicy !== 'OnFailure' && restartPolicy !== 'Never') errs.push(notSupported(policyPath, restartPolicy, ['OnFailure', 'Never']));
  else if (podFailurePolicy && restartPolicy !== 'Never') errs.push(invalidValue(policyPath, restartPolicy, 'only "Never" is supported when podFailurePolicy is specified'));
}

function hasLabel(errs: Errors, labels: Record<string, string> | undefined, key: string, expected: string): void {
  const path = `spec.template.metadata.labels[${key}]`;
  if (labels?.[key] === undefined) errs.push(required(path, `must be '${expected}'`));
  else if (labels[key] !== expected) errs.push(invalidValue(path, labels, `must be '${expected}'`));
}

/** validateGeneratedSelector: the generated labels are on the template and the selector picks them. */
function validateGeneratedSelector(errs: Errors, meta: Json, spec: Json, requirePrefixed: boolean): void {
  if (spec.manualSelector === true || spec.selector === undefined || spec.selector === null) return;
  const uid = typeof meta.uid === 'string' ? meta.uid : '';
  const name = typeof meta.name === 'string' ? meta.name : '';
  if (uid === '') errs.push(required('metadata.uid', ''));
  const labels = templateLabels(asObject(spec.template));
  const expected: Record<string, string> = { 'controller-uid': uid, 'job-name': name };
  hasLabel(errs, labels, 'controller-uid', uid);
  hasLabel(errs, labels, 'job-name', name);
  if (requirePrefixed) {
    hasLabel(errs, labels, 'batch.kubernetes.io/controller-uid', uid);
    hasLabel(errs, labels, 'batch.kubernetes.io/job-name', name);
    expected['batch.kubernetes.io/controller-uid'] = uid;
    expected['batch.kubernetes.io/job-name'] = name;
  }
  const selector = readLabelSelector([], spec.selector, 'spec.selector');
  if (selector?.usable && !selectorMatches(selector, expected)) {
    errs.push(invalidGo('spec.selector', goLabelSelector(spec.selector), '`selector` not auto-generated'));
  }
}

function validateJob(errs: Errors, job: Json, requirePrefixed: boolean): Json {
  const meta = metaOf(errs, job);
  const spec = objectAt(errs, job, '', 'spec') ?? {};
  validateGeneratedSelector(errs, meta, spec, requirePrefixed);
  validateJobSpec(errs, spec, 'spec');
  const selector = readLabelSelector(errs, spec.selector, 'spec.selector');
  if (spec.selector === undefined || spec.selector === null) errs.push(required('spec.selector', ''));
  const labels = templateLabels(asObject(spec.template));
  if ((selector === undefined || selector.usable) && !selectorMatches(selector, labels)) errs.push(selectorMismatch('spec.template', labels));
  const completions = typeof spec.completions === 'number' ? spec.completions : 0;
  const name = typeof meta.name === 'string' ? meta.name : '';
  if (spec.completionMode === 'Indexed' && completions > 0 && name !== '') {
    const hostname = `${name}-${completions - 1}`;
    if (isDNS1123Label(hostname).length > 0) {
      errs.push(invalidValue('metadata.name', name, `will not able to create pod with invalid DNS label: ${hostname}`));
    }
  }
  return spec;
}

/**
 * The start of Go's rendering of a core.PodTemplateSpec (the full dump upstream prints runs to
 * thousands of characters; the labels and the first container's name and image are kept).
 */
function goPodTemplate(template: unknown): string {
  const t = asObject(template) ?? {};
  const labels = goStringMap(asObject(t.metadata)?.labels);
  const first = asObject(Array.isArray(asObject(t.spec)?.containers) ? (asObject(t.spec)!.containers as unknown[])[0] : undefined) ?? {};
  const container = `core.Container{Name:${JSON.stringify(String(first.name ?? ''))}, Image:${JSON.stringify(String(first.image ?? ''))}, …}`;
  return `core.PodTemplateSpec{ObjectMeta:v1.ObjectMeta{…, Labels:${labels}, …}, Spec:core.PodSpec{…, Containers:[]core.Container{${container}}, …}}`;
}

/** ValidateJob on create. */
export function validateJobCreate(errs: Errors, job: Json): void {
  validateObjectMeta(errs, metaOf(errs, job), nameIsDNSSubdomain);
  validateJob(errs, job, true);
}

/** ValidateJob + ValidateJobUpdate: the selector, template, completions and policies are immutable. */
export function validateJobUpdate(errs: Errors, job: Json, old: Json): void {
  validateObjectMetaUpdate(errs, metaOf(errs, job), metaOf([], old));
  const oldSpec = asObject(old.spec) ?? {};
  const oldLabels = templateLabels(asObject(oldSpec.template)) ?? {};
  const spec = validateJob(errs, job, 'batch.kubernetes.io/job-name' in oldLabels);
  if (spec.completionMode !== 'Indexed') validateImmutableField(errs, spec.completions, oldSpec.completions, 'spec.completions');
  validateImmutableSelector(errs, spec.selector, oldSpec.selector, 'spec.selector');
  if (!jsonEqual(spec.template ?? null, oldSpec.template ?? null)) errs.push(invalidGo('spec.template', goPodTemplate(spec.template), FIELD_IMMUTABLE));
  for (const field of ['completionMode', 'podFailurePolicy', 'backoffLimitPerIndex', 'managedBy', 'successPolicy']) {
    validateImmutableField(errs, spec[field], oldSpec[field], child('spec', field));
  }
}

function validateTimeZone(errs: Errors, timeZone: string, path: string): void {
  if (timeZone === '') return void errs.push(invalidValue(path, timeZone, 'timeZone must be nil or non-empty string'));
  if (timeZone.toLowerCase() === 'local') {
    return void errs.push(invalidValue(path, timeZone, 'timeZone must be an explicit time zone as defined in https://www.iana.org/time-zones'));
  }
  try {
    new Intl.DateTimeFormat('en-US', { timeZone });
  } catch {
    errs.push(invalidValue(path, timeZone, `unknown time zone ${timeZone}`));
  }
}

function validateCronJobSpec(errs: Errors, spec: Json, oldSpec: Json | undefined): void {
  const schedule = stringAt(errs, spec, 'spec', 'schedule');
  if (!schedule) errs.push(required('spec.schedule', ''));
  else {
    const error = cronScheduleError(schedule);
    if (error) errs.push(invalidValue('spec.schedule', schedule, error));
    const allowTZ = typeof oldSpec?.schedule === 'string' && oldSpec.schedule.includes('TZ');
    if (allowTZ && schedule.includes('TZ') && typeof spec.timeZone === 'string') {
      errs.push(invalidValue('spec.schedule', schedule, 'cannot use both timeZone field and TZ or CRON_TZ in schedule'));
    } else if (!allowTZ && schedule.includes('TZ')) {
      errs.push(invalidValue('spec.schedule', schedule, 'cannot use TZ or CRON_TZ in schedule, use timeZone field instead'));
    }
  }
  validateNonnegative(errs, intAt(errs, spec, 'spec', 'startingDeadlineSeconds'), 'spec.startingDeadlineSeconds');
  const timeZone = stringAt(errs, spec, 'spec', 'timeZone');
  if (timeZone !== undefined && timeZone !== oldSpec?.timeZone) validateTimeZone(errs, timeZone, 'spec.timeZone');
  const policy = stringAt(errs, spec, 'spec', 'concurrencyPolicy');
  if (policy && !['Allow', 'Forbid', 'Replace'].includes(policy)) errs.push(notSupported('spec.concurrencyPolicy', policy, ['Allow', 'Forbid', 'Replace']));
  const jobTemplate = objectAt(errs, spec, 'spec', 'jobTemplate') ?? {};
  const jobSpec = objectAt(errs, jobTemplate, 'spec.jobTemplate', 'spec') ?? {};
  validateJobSpec(errs, jobSpec, 'spec.jobTemplate.spec');
  if (jobSpec.selector !== undefined && jobSpec.selector !== null) {
    errs.push(invalidGo('spec.jobTemplate.spec.selector', goLabelSelector(jobSpec.selector), '`selector` will be auto-generated'));
  }
  if (boolAt(errs, jobSpec, 'spec.jobTemplate.spec', 'manualSelector') === true) {
    errs.push(notSupported('spec.jobTemplate.spec.manualSelector', true, ['nil', 'false']));
  }
  validateNonnegative(errs, intAt(errs, spec, 'spec', 'successfulJobsHistoryLimit'), 'spec.successfulJobsHistoryLimit');
  validateNonnegative(errs, intAt(errs, spec, 'spec', 'failedJobsHistoryLimit'), 'spec.failedJobsHistoryLimit');
}

/** ValidateCronJobCreate: a name of at most 52 characters leaves room for the Job's timestamp suffix. */
export function validateCronJobCreate(errs: Errors, cronJob: Json): void {
  const meta = metaOf(errs, cronJob);
  validateObjectMeta(errs, meta, nameIsDNSSubdomain);
  validateCronJobSpec(errs, objectAt(errs, cronJob, '', 'spec') ?? {}, undefined);
  const name = typeof meta.name === 'string' ? meta.name : '';
  if (name.length > 52) errs.push(invalidValue('metadata.name', name, 'must be no more than 52 characters'));
}

/** ValidateCronJobUpdate (the 52-character limit is not re-checked). */
export function validateCronJobUpdate(errs: Errors, cronJob: Json, old: Json): void {
  validateObjectMetaUpdate(errs, metaOf(errs, cronJob), metaOf([], old));
  validateCronJobSpec(errs, objectAt(errs, cronJob, '', 'spec') ?? {}, asObject(old.spec));
}

