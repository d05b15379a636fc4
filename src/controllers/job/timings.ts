/**
 * The Job controller's timings and limits (pkg/controller/job/job_controller.go). The pod failure
 * back-off is 10 s doubling; the code caps it at 10 minutes (the documentation says six).
 */
import type { TimingProfileName } from '../../client/component.js';

/** syncJobBatchPeriod: pod events for a Job are batched into one sync a second later. */
export const SYNC_JOB_BATCH_PERIOD_MS = 1000;
/** DefaultJobApiBackOff / MaxJobApiBackOff: retry of a failed sync. */
export const JOB_API_BACKOFF_MS = { initial: 1000, max: 60_000 };
/** MaxUncountedPods: at most this many pod UIDs in status.uncountedTerminatedPods. */
export const MAX_UNCOUNTED_PODS = 500;
/** MaxPodCreateDeletePerSync. */
export const MAX_POD_CREATE_DELETE_PER_SYNC = 500;

/** DefaultJobPodFailureBackOff and MaxJobPodFailureBackOff, per timing profile. */
export const POD_FAILURE_BACKOFF: Readonly<Record<TimingProfileName, { initialMs: number; maxMs: number }>> = {
  real: { initialMs: 10_000, maxMs: 10 * 60_000 },
  fast: { initialMs: 1000, maxMs: 60_000 },
};
