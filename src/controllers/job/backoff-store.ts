/**
 * The Job controller's pod failure back-off (pkg/controller/job/backoff_utils.go): per Job, the
 * failures since the last success and when the last one happened. Replacement pods wait
 * 10 s × 2^(failures−1), capped, from the last failure; a success resets the count.
 */
import { finishedTime } from './job-pods.js';
import type { JobPod } from './types.js';

/** backoffRecord. */
export interface BackoffRecord {
  key: string;
  failuresAfterLastSuccess: number;
  lastFailureTime?: number;
}

/** backoffStore. */
export class BackoffStore {
  private readonly records = new Map<string, BackoffRecord>();

  /** newBackoffRecord: the record after counting the newly finished pods (not stored until `update`). */
  newRecord(key: string, newSucceeded: readonly JobPod[], newFailed: readonly JobPod[]): BackoffRecord {
    const old = this.records.get(key);
    const record: BackoffRecord = { key, failuresAfterLastSuccess: old?.failuresAfterLastSuccess ?? 0 };
    if (old?.lastFailureTime !== undefined) record.lastFailureTime = old.lastFailureTime;
    const failedTimes = newFailed.map(finishedTime).sort((a, b) => a - b);
    if (newSucceeded.length === 0) {
      if (failedTimes.length === 0) return record;
      record.failuresAfterLastSuccess += failedTimes.length;
      record.lastFailureTime = failedTimes[failedTimes.length - 1]!;
      return record;
    }
    record.failuresAfterLastSuccess = 0;
    delete record.lastFailureTime;
    const lastSuccess = Math.max(...newSucceeded.map(finishedTime));
    for (let i = failedTimes.length - 1; i >= 0; i--) {
      const failedAt = failedTimes[i]!;
      if (failedAt <= lastSuccess) break;
      record.lastFailureTime ??= failedAt;
      record.failuresAfterLastSuccess++;
    }
    return record;
  }

  /** updateBackoffRecord. */
  update(record: BackoffRecord): void {
    this.records.set(record.key, { ...record });
  }

  /** removeBackoffRecord. */
  remove(key: string): void {
    this.records.delete(key);
  }
}

/** getRemainingTimeForFailuresCount: how long new pods must still wait at `now`. */
export function remainingBackoffMs(record: Readonly<BackoffRecord>, now: number, initialMs: number, maxMs: number): number {
  if (record.failuresAfterLastSuccess === 0 || record.lastFailureTime === undefined) return 0;
  let backoff = initialMs;
  for (let i = 1; i < record.failuresAfterLastSuccess; i++) {
    backoff *= 2;
    if (backoff >= maxMs) {
      backoff = maxMs;
      break;
    }
  }
  const elapsed = now - record.lastFailureTime;
  return backoff < elapsed ? 0 : backoff - elapsed;
}
