/**
 * Job conditions with Kubernetes' reasons and messages: the interim SuccessCriteriaMet and
 * FailureTarget (set while pods are still being cleaned up) and the terminal Complete and Failed.
 */
import { rfc3339 } from '../../api/time.js';
import type { Job, JobCondition } from './types.js';

/** batch.JobReasonCompletionsReached and its message. */
export const COMPLETIONS_REACHED = { reason: 'CompletionsReached', message: 'Reached expected number of succeeded pods' };
/** batch.JobReasonBackoffLimitExceeded and its message. */
export const BACKOFF_LIMIT_EXCEEDED = { reason: 'BackoffLimitExceeded', message: 'Job has reached the specified backoff limit' };
/** batch.JobReasonDeadlineExceeded and its message. */
export const DEADLINE_EXCEEDED = { reason: 'DeadlineExceeded', message: 'Job was active longer than specified deadline' };
/** batch.JobReasonPodFailurePolicy. */
export const POD_FAILURE_POLICY_REASON = 'PodFailurePolicy';

/** newCondition. */
export function newCondition(type: string, status: string, reason: string, message: string, now: number): JobCondition {
  const time = rfc3339(now);
  return { type, status, lastProbeTime: time, lastTransitionTime: time, reason, message };
}

/** findConditionByType. */
export function findCondition(conditions: readonly JobCondition[] | undefined, type: string): JobCondition | undefined {
  return conditions?.find((c) => c.type === type);
}

/** util.IsJobFinished: Complete or Failed is True. */
export function isJobFinished(job: Readonly<Job>): boolean {
  return (job.status?.conditions ?? []).some((c) => (c.type === 'Complete' || c.type === 'Failed') && c.status === 'True');
}

/** The terminal condition of a finished Job (type Complete or Failed), if any. */
export function finishedConditionType(job: Readonly<Job>): 'Complete' | 'Failed' | undefined {
  for (const c of job.status?.conditions ?? []) {
    if ((c.type === 'Complete' || c.type === 'Failed') && c.status === 'True') return c.type;
  }
  return undefined;
}

/**
 * ensureJobConditionStatus: sets the condition of `type` (a new one is not added as False);
 * returns the list and whether it changed.
 */
export function ensureConditionStatus(
  list: JobCondition[],
  type: string,
  status: string,
  reason: string,
  message: string,
  now: number,
): { conditions: JobCondition[]; changed: boolean } {
  const index = list.findIndex((c) => c.type === type);
  if (index >= 0) {
    const c = list[index]!;
    if (c.status === status && (c.reason ?? '') === reason && (c.message ?? '') === message) return { conditions: list, changed: false };
    const next = [...list];
    next[index] = newCondition(type, status, reason, message, now);
    return { conditions: next, changed: true };
  }
  if (status === 'False') return { conditions: list, changed: false };
  return { conditions: [...list, newCondition(type, status, reason, message, now)], changed: true };
}
