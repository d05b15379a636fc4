/**
 * The fields of batch/v1 CronJob the controller reads and writes.
 */
import type { JsonObject, KubeObject, ObjectMeta } from '../../api/types.js';
import type { ObjectReference } from '../../client/event-recorder.js';

/** batch/v1 CronJobSpec. */
export interface CronJobSpec {
  schedule?: string;
  timeZone?: string;
  startingDeadlineSeconds?: number;
  concurrencyPolicy?: 'Allow' | 'Forbid' | 'Replace' | string;
  suspend?: boolean;
  jobTemplate?: { metadata?: ObjectMeta; spec?: JsonObject };
  successfulJobsHistoryLimit?: number;
  failedJobsHistoryLimit?: number;
}

/** batch/v1 CronJobStatus. */
export interface CronJobStatus {
  active?: ObjectReference[];
  lastScheduleTime?: string;
  lastSuccessfulTime?: string;
}

/** batch/v1 CronJob. */
export interface CronJob extends KubeObject {
  spec?: CronJobSpec;
  status?: CronJobStatus;
}
