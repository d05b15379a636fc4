/**
 * kube-apiserver's etcd compaction (--etcd-compaction-interval, 5 minutes): each interval it
 * compacts etcd to the revision it saw at the previous interval, so watchers that fall more than
 * one interval behind get 410 Gone and relist, and history does not grow without bound.
 */
import type { BackgroundClock } from '../clock/types.js';
import type { EtcdServer } from '../etcd/etcd-server.js';

/** The default compaction interval. */
export const COMPACTION_INTERVAL_MS = 5 * 60 * 1000;

/** Starts periodic compaction; returns a function that stops it. */
export function startCompactor<V>(etcd: EtcdServer<V>, clock: BackgroundClock, intervalMs = COMPACTION_INTERVAL_MS): () => void {
  let previous = 0;
  let timer = clock.setBackgroundTimeout(tick, intervalMs);
  function tick(): void {
    if (previous > etcd.compactRevision) etcd.compact(previous);
    previous = etcd.revision;
    timer = clock.setBackgroundTimeout(tick, intervalMs);
  }
  return () => clock.clearTimeout(timer);
}
