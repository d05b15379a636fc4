/**
 * metav1.Time text for the kubelet's statuses. A status generation formats the same second many
 * times (conditions, start times), so the last result is kept.
 */
import { rfc3339 } from '../api/time.js';

let lastSecond = Number.NaN;
let lastText = '';

/** `2025-01-01T10:00:00Z` for an epoch-ms instant (truncated to the second, as metav1.Time is). */
export function timeText(ms: number): string {
  const second = Math.floor(ms / 1000);
  if (second !== lastSecond) {
    lastSecond = second;
    lastText = rfc3339(second * 1000);
  }
  return lastText;
}
