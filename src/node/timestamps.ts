/**
 * metav1.Time text for the kubelet's statuses. A status generation formats a few distinct seconds
 * over and over (the pod's start, its containers' starts, now), so each second's text is kept.
 */
import { rfc3339 } from '../api/time.js';

/** Seconds formatted so far; cleared when it grows past `MAX_SECONDS` (a long simulation). */
const texts = new Map<number, string>();
const MAX_SECONDS = 4096;

/** `2025-01-01T10:00:00Z` for an epoch-ms instant (truncated to the second, as metav1.Time is). */
export function timeText(ms: number): string {
  const second = Math.floor(ms / 1000);
  let text = texts.get(second);
  if (text === undefined) {
    if (texts.size >= MAX_SECONDS) texts.clear();
    text = rfc3339(second * 1000);
    texts.set(second, text);
  }
  return text;
}
