/**
 * etcd's revision rules. The store has one revision counter; every write request (a put, a delete
 * that deleted something, a txn with writes) advances it by one, and all writes of one txn share it
 * (etcd's main revision; their order in the event log is etcd's sub revision).
 */
import type { EtcdError } from './errors.js';
import { ErrCompacted, ErrFutureRevision } from './errors.js';
import type { WatchEvent } from './key-value.js';

/** The revision of a fresh store, before any write (like a fresh etcd). */
export const INITIAL_REVISION = 1;

/**
 * Whether a read at `revision` can be served: `Compacted` below the compaction revision,
 * `FutureRevision` above the current one. Callers map 0 (or less) to "current" first.
 */
export function checkReadRevision(revision: number, compactRevision: number, currentRevision: number): EtcdError | undefined {
  if (revision < compactRevision) return ErrCompacted;
  if (revision > currentRevision) return ErrFutureRevision;
  return undefined;
}

/** The index of the first event at or after `revision` in a log kept in revision order. */
export function firstEventAtOrAfter(events: readonly WatchEvent<unknown>[], revision: number): number {
  let low = 0;
  let high = events.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (events[middle]!.kv.modRevision < revision) low = middle + 1;
    else high = middle;
  }
  return low;
}
