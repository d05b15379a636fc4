/**
 * The visible state of a pod actor with nothing to do right now, read from its containers:
 * a back-off or error first (as kubectl's STATUS does), then initializing, starting or ready.
 */
import { isRunning } from './container-store.js';
import { isRestartableInitContainer } from './pod-types.js';
import type { PodWorker } from './pod-worker.js';

/** Where an idle pod actor rests (its visible state). */
export type PodRoute = 'succeeded' | 'failed' | 'crashLoopBackOff' | 'pullBackOff' | 'blocked' | 'initializing' | 'ready' | 'starting';

/** Where an idle pod actor rests: its back-off or error state, or how far its containers got. */
export function podRoute(worker: PodWorker, now: number): PodRoute {
  let crash = false;
  let pull = false;
  let blocked = false;
  for (const track of worker.tracks.values()) {
    const history = worker.history(track.name);
    if (track.waiting === undefined || (history !== undefined && isRunning(history.current, now))) continue;
    const reason = track.waiting.reason;
    if (reason === 'CrashLoopBackOff') crash = true;
    else if (reason === 'ImagePullBackOff' || reason === 'ErrImagePull') pull = true;
    else blocked = true;
  }
  if (crash) return 'crashLoopBackOff';
  if (pull) return 'pullBackOff';
  if (blocked) return 'blocked';
  let allReady = true;
  let anyRegular = false;
  for (const track of worker.tracks.values()) {
    const spec = worker.specOf(track.name);
    if (spec === undefined || (track.init && !isRestartableInitContainer(spec))) continue;
    const history = worker.history(track.name);
    if (!track.init && history !== undefined) anyRegular = true;
    if (history === undefined || !isRunning(history.current, now) || !track.isReady()) allReady = false;
  }
  if (!anyRegular) return 'initializing';
  return allReady ? 'ready' : 'starting';
}
