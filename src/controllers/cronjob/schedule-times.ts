/**
 * When a CronJob should have run (pkg/controller/cronjob/utils.go): the most recent missed
 * schedule time since the last one (or the CronJob's creation), how many were missed, and how long
 * to wait for the next one (plus 100 ms against clock skew).
 */
import { parseTime } from '../../api/time.js';
import type { CronSchedule } from './cron-schedule.js';
import type { CronJob } from './types.js';

/** nextScheduleDelta: the padding added to the requeue for the next schedule. */
export const NEXT_SCHEDULE_DELTA_MS = 100;

/** How many schedule times were missed. */
export type MissedSchedules = 'none' | 'few' | 'many';

/** The result of mostRecentScheduleTime. */
export interface MostRecent {
  earliestTime: number;
  mostRecentTime?: number;
  missed: MissedSchedules;
  /** `time difference between two schedules is less than 1 second`. */
  error?: string;
}

/** mostRecentScheduleTime. */
export function mostRecentScheduleTime(cj: Readonly<CronJob>, now: number, schedule: CronSchedule, includeStartingDeadlineSeconds: boolean): MostRecent {
  let earliestTime = parseTime(cj.status?.lastScheduleTime) ?? parseTime(cj.metadata.creationTimestamp) ?? 0;
  const deadline = cj.spec?.startingDeadlineSeconds;
  if (includeStartingDeadlineSeconds && deadline != null) {
    const schedulingDeadline = now - deadline * 1000;
    if (schedulingDeadline > earliestTime) earliestTime = schedulingDeadline;
  }
  const t1 = schedule.next(earliestTime);
  const t2 = schedule.next(t1);
  if (now < t1) return { earliestTime, missed: 'none' };
  if (now < t2) return { earliestTime, mostRecentTime: t1, missed: 'none' };
  const between = Math.round((t2 - t1) / 1000);
  if (between < 1) return { earliestTime, missed: 'none', error: 'time difference between two schedules is less than 1 second' };
  const elapsed = Math.floor((now - t1) / 1000);
  const missedCount = Math.floor(elapsed / between) + 1;
  let mostRecentTime: number | undefined;
  const potentialEarliest = t1 + (missedCount - 2) * between * 1000;
  for (let t = schedule.next(potentialEarliest); t !== 0 && t <= now; t = schedule.next(t)) mostRecentTime = t;
  const missed: MissedSchedules = missedCount > 100 ? 'many' : missedCount > 0 ? 'few' : 'none';
  return mostRecentTime === undefined ? { earliestTime, missed } : { earliestTime, mostRecentTime, missed };
}

/** nextScheduleTimeDuration: how long until the next schedule time after the last one (or now, if some were missed). */
export function nextScheduleTimeDuration(cj: Readonly<CronJob>, now: number, schedule: CronSchedule): number {
  const recent = mostRecentScheduleTime(cj, now, schedule, false);
  let from: number;
  if (recent.error !== undefined) from = now;
  else if (recent.mostRecentTime !== undefined) from = recent.mostRecentTime;
  else from = recent.missed === 'none' ? recent.earliestTime : now;
  return schedule.next(from) + NEXT_SCHEDULE_DELTA_MS - now;
}
