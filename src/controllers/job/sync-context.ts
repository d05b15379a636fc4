/**
 * What one Job sync works with (syncJobCtx) and the writers it uses, shared by manageJob and the
 * status tracking. `job` is the sync's own mutable copy: its status is edited in place and replaced
 * by what kube-apiserver returns after each status write.
 */
import { deepClone } from '../../api/freeze.js';
import type { Result } from '../../api/result.js';
import { fail, ok } from '../../api/result.js';
import type { ApiClient } from '../../apiserver/types.js';
import type { EventRecorder } from '../../client/event-recorder.js';
import type { Clock } from '../../clock/types.js';
import type { ControllerExpectations } from '../common/expectations.js';
import type { PodControl } from '../common/pod-control.js';
import type { BackoffRecord, BackoffStore } from './backoff-store.js';
import type { FinalizerExpectations } from './finalizer-expectations.js';
import type { Interval } from './indexed-job.js';
import type { Job, JobCondition, JobPod, JobStatus } from './types.js';

/** The Job controller's collaborators. */
export interface JobDeps {
  api: ApiClient;
  clock: Clock;
  recorder: EventRecorder;
  podControl: PodControl;
  expectations: ControllerExpectations;
  finalizerExpectations: FinalizerExpectations;
  backoffStore: BackoffStore;
  podFailureBackoff: { initialMs: number; maxMs: number };
}

/** syncJobCtx. */
export interface SyncJobCtx {
  key: string;
  job: Job & { status: JobStatus };
  pods: JobPod[];
  activePods: JobPod[];
  finishedCondition?: JobCondition;
  succeeded: number;
  failed: number;
  prevSucceededIndexes: Interval[];
  succeededIndexes: Interval[];
  newBackoffRecord: BackoffRecord;
  expectedRmFinalizers: ReadonlySet<string>;
  uncounted: { succeeded: ReadonlySet<string>; failed: ReadonlySet<string> };
  terminating: number;
  ready: number;
  /** Sync again after this long (back-off, active deadline); the smallest wins. */
  requeueAfterMs?: number;
}

/** Asks for another sync after `ms` (keeping an earlier request). */
export function requeueAfter(ctx: SyncJobCtx, ms: number): void {
  ctx.requeueAfterMs = ctx.requeueAfterMs === undefined ? ms : Math.min(ctx.requeueAfterMs, ms);
}

/** The status as batch/v1 serialises it: zero counters and empty lists left out, `ready`, `terminating` and `uncountedTerminatedPods` kept. */
export function serializeJobStatus(status: Readonly<JobStatus>): JobStatus {
  const out: JobStatus = {};
  if (status.conditions !== undefined && status.conditions.length > 0) out.conditions = status.conditions;
  if (status.startTime) out.startTime = status.startTime;
  if (status.completionTime) out.completionTime = status.completionTime;
  if (status.active) out.active = status.active;
  if (status.succeeded) out.succeeded = status.succeeded;
  if (status.failed) out.failed = status.failed;
  if (status.terminating !== undefined) out.terminating = status.terminating;
  if (status.completedIndexes) out.completedIndexes = status.completedIndexes;
  if (status.failedIndexes !== undefined) out.failedIndexes = status.failedIndexes;
  const uncounted = status.uncountedTerminatedPods ?? {};
  out.uncountedTerminatedPods = {};
  if (uncounted.succeeded?.length) out.uncountedTerminatedPods.succeeded = uncounted.succeeded;
  if (uncounted.failed?.length) out.uncountedTerminatedPods.failed = uncounted.failed;
  if (status.ready !== undefined) out.ready = status.ready;
  return out;
}

/** updateJobStatus: writes the sync's status; on success the sync continues from the stored Job. */
export function updateJobStatus(deps: JobDeps, ctx: SyncJobCtx): Result<void> {
  const job = ctx.job;
  const updated = deps.api.update('jobs', job.metadata.namespace ?? '', { ...job, status: serializeJobStatus(job.status) }, { subresource: 'status' });
  if (!updated.ok) return fail(updated.status);
  const stored = deepClone(updated.value) as Job;
  ctx.job = { ...stored, status: { ...stored.status, uncountedTerminatedPods: { ...stored.status?.uncountedTerminatedPods } } };
  return ok(undefined);
}
