/**
 * When a ReplicaSet with minReadySeconds should look at its pods again: a ready pod becomes
 * available minReadySeconds after its Ready condition turned True, and no watch event marks that
 * moment (controller.FindMinNextPodAvailabilityCheck). v1.32 waited a full minReadySeconds after
 * each status write; waiting only the remaining time counts the pod as soon as it is available.
 */
import { podFacts } from './pod-facts.js';
import type { Pod } from './types.js';

/** The milliseconds until the first of `pods` that is ready but not yet available becomes available; undefined if none. */
export function nextAvailabilityCheck(pods: readonly Pod[], minReadySeconds: number, now: number): number | undefined {
  if (minReadySeconds <= 0) return undefined;
  let next: number | undefined;
  for (const pod of pods) {
    const { ready, readySince } = podFacts(pod);
    if (!ready || readySince === undefined) continue;
    const wait = readySince + minReadySeconds * 1000 - now;
    if (wait > 0 && (next === undefined || wait < next)) next = wait;
  }
  return next;
}
