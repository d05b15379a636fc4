/**
 * ControllerV2.syncCronJob and cleanupFinishedJobs (pkg/controller/cronjob/cronjob_controllerv2.go):
 * reconcile the active list with the CronJob's Jobs, delete finished Jobs beyond the history
 * limits, and — when a schedule time has come and the concurrency policy allows — create the Job
 * `<cronjob>-<minutes since epoch>`. Every change goes into one status write by the caller.
 */
import type { KubeObject } from '../../api/types.js';
import { parseTime, rfc3339 } from '../../api/time.js';
import type { ApiClient } from '../../apiserver/types.js';
import { referenceTo, type EventRecorder } from '../../client/event-recorder.js';
import type { Clock } from '../../clock/types.js';
import { newControllerRef } from '../common/owner-references.js';
import { finishedConditionType, isJobFinished } from '../job/conditions.js';
import type { Job } from '../job/types.js';
import { parseStandard } from './cron-schedule.js';
import { mostRecentScheduleTime, nextScheduleTimeDuration } from './schedule-times.js';
import { formatRfc3339, loadLocation, UTC } from './time-zone.js';
import type { CronJob, CronJobStatus } from './types.js';

/** batch.CronJobScheduledTimestampAnnotation. */
export const CRONJOB_SCHEDULED_TIMESTAMP_ANNOTATION = 'batch.kubernetes.io/cronjob-scheduled-timestamp';

/** What syncCronJob works with. */
export interface CronJobDeps {
  api: ApiClient;
  clock: Clock;
  recorder: EventRecorder;
}

/** The CronJob being synced, with the status the sync edits. */
export interface CronJobCopy {
  cronJob: Readonly<CronJob>;
  status: CronJobStatus & { active: NonNullable<CronJobStatus['active']> };
}

const inActive = (cj: CronJobCopy, uid: string | undefined): boolean => cj.status.active.some((r) => r.uid === uid);
const removeFromActive = (cj: CronJobCopy, uid: string | undefined): void => {
  cj.status.active = cj.status.active.filter((r) => r.uid !== uid);
};

/** getJobName: `<cronjob>-<scheduled time in minutes since the epoch>`. */
export function jobName(cj: Readonly<CronJob>, scheduledTime: number): string {
  return `${cj.metadata.name ?? ''}-${Math.floor(scheduledTime / 60_000)}`;
}

/** getJobFromTemplate2: the Job for `scheduledTime`, with the scheduled-timestamp annotation in the CronJob's zone. */
export function jobFromTemplate(cj: Readonly<CronJob>, scheduledTime: number): KubeObject {
  const template = cj.spec?.jobTemplate ?? {};
  const zone = loadLocation(cj.spec?.timeZone ?? '');
  const annotations = { ...template.metadata?.annotations, [CRONJOB_SCHEDULED_TIMESTAMP_ANNOTATION]: formatRfc3339(scheduledTime, zone.ok ? zone.value : UTC) };
  const metadata: KubeObject['metadata'] = { name: jobName(cj, scheduledTime), namespace: cj.metadata.namespace ?? '', annotations, ownerReferences: [newControllerRef(cj)] };
  if (template.metadata?.labels !== undefined && Object.keys(template.metadata.labels).length > 0) metadata.labels = { ...template.metadata.labels };
  return { apiVersion: 'batch/v1', kind: 'Job', metadata, spec: structuredClone(template.spec ?? {}) };
}

/** deleteJob: deletes a Job (its pods follow in the background) and drops it from the active list. */
function deleteJob(deps: CronJobDeps, cj: CronJobCopy, job: Readonly<Job>): boolean {
  const deleted = deps.api.delete('jobs', job.metadata.namespace ?? '', job.metadata.name ?? '', { propagationPolicy: 'Background' });
  if (!deleted.ok) {
    deps.recorder.event(cj.cronJob, 'Warning', 'FailedDelete', `Deleted job: ${deleted.status.message ?? ''}`);
    return false;
  }
  removeFromActive(cj, job.metadata.uid);
  deps.recorder.event(cj.cronJob, 'Normal', 'SuccessfulDelete', `Deleted job ${job.metadata.name ?? ''}`);
  return true;
}

/** byJobStartTime: started Jobs first, oldest first, then by name. */
function compareByStartTime(a: Readonly<Job>, b: Readonly<Job>): number {
  const sa = parseTime(a.status?.startTime);
  const sb = parseTime(b.status?.startTime);
  if (sa === undefined && sb !== undefined) return 1;
  if (sa !== undefined && sb === undefined) return -1;
  if (sa !== sb) return (sa ?? 0) - (sb ?? 0);
  return (a.metadata.name ?? '') < (b.metadata.name ?? '') ? -1 : 1;
}

/** cleanupFinishedJobs: keeps the newest successfulJobsHistoryLimit Complete and failedJobsHistoryLimit Failed Jobs. */
export function cleanupFinishedJobs(deps: CronJobDeps, cj: CronJobCopy, jobs: readonly Job[]): boolean {
  const spec = cj.cronJob.spec ?? {};
  let updateStatus = false;
  const removeOldest = (finished: Job[], limit: number | undefined): void => {
    if (limit == null) return;
    finished.sort(compareByStartTime);
    for (const job of finished.slice(0, Math.max(0, finished.length - limit))) if (deleteJob(deps, cj, job)) updateStatus = true;
  };
  removeOldest(jobs.filter((j) => finishedConditionType(j) === 'Complete'), spec.successfulJobsHistoryLimit);
  removeOldest(jobs.filter((j) => finishedConditionType(j) === 'Failed'), spec.failedJobsHistoryLimit);
  return updateStatus;
}

/** What syncCronJob decided: whether the status changed and when to look again. */
export interface SyncCronJobResult {
  updateStatus: boolean;
  requeueAfterMs?: number;
  ok: boolean;
}

/** syncCronJob. */
export function syncCronJob(deps: CronJobDeps, cj: CronJobCopy, jobs: readonly Job[]): SyncCronJobResult {
  const now = deps.clock.now();
  const cronJob = cj.cronJob;
  const spec = cronJob.spec ?? {};
  let updateStatus = false;
  const children = new Set<string>();
  for (const j of jobs) {
    children.add(j.metadata.uid ?? '');
    const found = inActive(cj, j.metadata.uid);
    if (!found && !isJobFinished(j)) {
      const fresh = deps.api.get('cronjobs', cronJob.metadata.namespace ?? '', cronJob.metadata.name ?? '');
      if (!fresh.ok) return { updateStatus, ok: false };
      if (((fresh.value as CronJob).status?.active ?? []).some((r) => r.uid === j.metadata.uid)) continue;
      deps.recorder.event(cronJob, 'Warning', 'UnexpectedJob', `Saw a job that the controller did not create or forgot: ${j.metadata.name ?? ''}`);
    } else if (found && isJobFinished(j)) {
      removeFromActive(cj, j.metadata.uid);
      deps.recorder.event(cronJob, 'Normal', 'SawCompletedJob', `Saw completed job: ${j.metadata.name ?? ''}, status: ${finishedConditionType(j) ?? ''}`);
      updateStatus = true;
    } else if (finishedConditionType(j) === 'Complete') {
      const completion = parseTime(j.status?.completionTime);
      const last = parseTime(cj.status.lastSuccessfulTime);
      if (completion !== undefined && (last === undefined || completion > last)) {
        cj.status.lastSuccessfulTime = j.status!.completionTime!;
        updateStatus = true;
      }
    }
  }
  for (const ref of [...cj.status.active]) {
    if (children.has(ref.uid ?? '')) continue;
    const got = deps.api.get('jobs', ref.namespace ?? '', ref.name);
    if (got.ok) continue;
    if (got.status.code !== 404) return { updateStatus, ok: false };
    deps.recorder.event(cronJob, 'Normal', 'MissingJob', `Active job went missing: ${ref.name}`);
    removeFromActive(cj, ref.uid);
    updateStatus = true;
  }
  if (cronJob.metadata.deletionTimestamp != null) return { updateStatus, ok: true };

  let zone = UTC;
  if (spec.timeZone != null) {
    const loaded = loadLocation(spec.timeZone);
    if (!loaded.ok) {
      deps.recorder.event(cronJob, 'Warning', 'UnknownTimeZone', `invalid timeZone: ${JSON.stringify(spec.timeZone)}: ${loaded.message}`);
      return { updateStatus, ok: true };
    }
    zone = loaded.value;
  }
  if (spec.suspend === true) return { updateStatus, ok: true };
  const scheduleText = spec.schedule ?? '';
  if (scheduleText.includes('TZ')) {
    deps.recorder.event(cronJob, 'Warning', 'UnsupportedSchedule', `CRON_TZ or TZ used in schedule ${JSON.stringify(scheduleText)} is not officially supported, see https://kubernetes.io/docs/concepts/workloads/controllers/cron-jobs/ for more details`);
  }
  const sched = parseStandard(scheduleText, zone);
  if (!sched.ok) {
    deps.recorder.event(cronJob, 'Warning', 'UnparseableSchedule', `unparseable schedule: ${JSON.stringify(scheduleText)} : ${sched.message}`);
    return { updateStatus, ok: true };
  }
  const schedule = sched.value;
  const withStatus: CronJob = { ...cronJob, status: cj.status };
  const next = (): number => nextScheduleTimeDuration(withStatus, now, schedule);
  const recent = mostRecentScheduleTime(withStatus, now, schedule, true);
  if (recent.error !== undefined) {
    deps.recorder.event(cronJob, 'Warning', 'InvalidSchedule', `invalid schedule: ${scheduleText} : ${recent.error}`);
    return { updateStatus, ok: true };
  }
  const scheduledTime = recent.mostRecentTime;
  if (scheduledTime === undefined || scheduledTime > now) return { updateStatus, ok: true, requeueAfterMs: next() };
  if (recent.missed === 'many') {
    deps.recorder.event(cronJob, 'Warning', 'TooManyMissedTimes', 'too many missed start times. Set or decrease .spec.startingDeadlineSeconds or check clock skew');
  }
  if (spec.startingDeadlineSeconds != null && scheduledTime + spec.startingDeadlineSeconds * 1000 < now) {
    deps.recorder.event(cronJob, 'Warning', 'MissSchedule', `Missed scheduled time to start a job: ${rfc1123z(scheduledTime)}`);
    return { updateStatus, ok: true, requeueAfterMs: next() };
  }
  const name = jobName(cronJob, scheduledTime);
  if (cj.status.active.some((r) => r.name === name) || parseTime(cj.status.lastScheduleTime) === scheduledTime) {
    return { updateStatus, ok: true, requeueAfterMs: next() };
  }
  if (spec.concurrencyPolicy === 'Forbid' && cj.status.active.length > 0) {
    deps.recorder.event(cronJob, 'Normal', 'JobAlreadyActive', 'Not starting job because prior execution is running and concurrency policy is Forbid');
    return { updateStatus, ok: true, requeueAfterMs: next() };
  }
  if (spec.concurrencyPolicy === 'Replace') {
    for (const ref of [...cj.status.active]) {
      const got = deps.api.get('jobs', ref.namespace ?? '', ref.name);
      if (!got.ok) {
        deps.recorder.event(cronJob, 'Warning', 'FailedGet', `Get job: ${got.status.message ?? ''}`);
        return { updateStatus, ok: false };
      }
      if (!deleteJob(deps, cj, got.value as Job)) return { updateStatus, ok: false };
      updateStatus = true;
    }
  }
  const request = jobFromTemplate(cronJob, scheduledTime);
  let created = deps.api.create('jobs', cronJob.metadata.namespace ?? '', request);
  if (!created.ok && created.status.reason === 'AlreadyExists') {
    const existing = deps.api.get('jobs', cronJob.metadata.namespace ?? '', name);
    if (!existing.ok) return { updateStatus, ok: false };
    const ownerUid = existing.value.metadata.ownerReferences?.find((r) => r.controller === true)?.uid;
    if (ownerUid !== cronJob.metadata.uid || inActive(cj, existing.value.metadata.uid)) return { updateStatus, ok: true };
    created = existing;
  } else if (!created.ok) {
    deps.recorder.event(cronJob, 'Warning', 'FailedCreate', `Error creating job: ${created.status.message ?? ''}`);
    return { updateStatus, ok: false };
  } else {
    deps.recorder.event(cronJob, 'Normal', 'SuccessfulCreate', `Created job ${created.value.metadata.name ?? ''}`);
  }
  cj.status.active = [...cj.status.active, referenceTo(created.value)];
  cj.status.lastScheduleTime = rfc3339(scheduledTime);
  return { updateStatus: true, ok: true, requeueAfterMs: next() };
}

/** time.RFC1123Z in UTC: `Wed, 01 Jan 2025 00:01:00 +0000`. */
function rfc1123z(ms: number): string {
  return new Date(ms).toUTCString().replace('GMT', '+0000');
}
