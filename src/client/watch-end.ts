/**
 * What a reflector does when its watch ends (client-go Reflector.watch and DefaultWatchErrorHandler),
 * as a pure decision: re-watch from the last resourceVersion, or relist after the back-off.
 */
import { isStatus, type Status } from '../api/status.js';
import type { WatchEvent } from '../apiserver/types.js';

/** A failed LIST or WATCH, as client-go's watch error handler sees it. */
export interface ReflectorError {
  verb: 'list' | 'watch';
  /** `failed to list pods: <why>`, `watch of pods ended with: <why>`, `very short watch: …`. */
  message: string;
  /** The Status the API server returned, when there was one. */
  status?: Status;
}

/** The next step after a watch ended, and the error to report (none for a close or a 410 Expired). */
export type WatchEndAction = { action: 'rewatch' } | { action: 'relist'; error?: ReflectorError };

/**
 * Minimum lifetime of a watch closed without events before the close counts as an error
 * (client-go: "very short watch … Unexpected watch close - watch lasted less than a second and no items received").
 */
export const MIN_WATCH_LIFETIME_MS = 1000;

/**
 * The way the API server ends a watch without an error (until `ApiClient.watch` has an `onClose`):
 * an ERROR event whose Status has `status: 'Success'`.
 */
export function isWatchClosed(event: WatchEvent): boolean {
  return event.type === 'ERROR' && isStatus(event.object) && event.object.status === 'Success';
}

/**
 * Decides what follows the ERROR event that ended a watch of `resource`: a normal close re-watches
 * at once, unless the watch was very short and empty; 410 Expired relists; anything else is an
 * error that relists.
 */
export function watchEndAction(event: WatchEvent, resource: string, lifetimeMs: number, eventCount: number): WatchEndAction {
  if (isWatchClosed(event)) {
    if (lifetimeMs >= MIN_WATCH_LIFETIME_MS || eventCount > 0) return { action: 'rewatch' };
    const message = `very short watch: ${resource}: Unexpected watch close - watch lasted less than a second and no items received`;
    return { action: 'relist', error: { verb: 'watch', message } };
  }
  const status = isStatus(event.object) ? event.object : undefined;
  if (status?.code === 410) return { action: 'relist' };
  const error: ReflectorError = { verb: 'watch', message: `watch of ${resource} ended with: ${status?.message ?? 'unexpected watch error'}` };
  if (status !== undefined) error.status = status;
  return { action: 'relist', error };
}
