/**
 * controller.slowStartBatch: creates in batches of 1, 2, 4, … so that a create that fails (quota,
 * admission, a terminating namespace) fails once instead of hundreds of times, with one event.
 */

/** controller.SlowStartInitialBatchSize. */
export const SLOW_START_INITIAL_BATCH_SIZE = 1;

/** What a slow start did: how many calls succeeded and how many were never attempted. */
export interface SlowStartOutcome {
  successes: number;
  /** Calls skipped after a batch had a failure (their expectations must be lowered). */
  skipped: number;
}

/**
 * Calls `fn(i)` for i in [0, count) in doubling batches starting at `initialBatchSize` (each batch
 * at most `maxBatchSize`); `fn` returns whether it succeeded. After a batch with a failure the
 * remaining calls are skipped.
 */
export function slowStartBatch(
  count: number,
  fn: (index: number) => boolean,
  initialBatchSize: number = SLOW_START_INITIAL_BATCH_SIZE,
  maxBatchSize: number = Infinity,
): SlowStartOutcome {
  let successes = 0;
  let next = 0;
  let remaining = count;
  for (let batch = Math.min(remaining, initialBatchSize); batch > 0; batch = Math.min(2 * batch, remaining, maxBatchSize)) {
    let failures = 0;
    for (let i = 0; i < batch; i++) {
      if (fn(next++)) successes++;
      else failures++;
    }
    remaining -= batch;
    if (failures > 0) return { successes, skipped: remaining };
  }
  return { successes, skipped: 0 };
}
