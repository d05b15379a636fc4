/**
 * PodGC's periods (pkg/controller/podgc/gc_controller.go and the kube-controller-manager flag
 * --terminated-pod-gc-threshold), per timing profile.
 */
import type { TimingProfileName } from '../../client/component.js';

/** The periods PodGC works with. */
export interface PodGCTimings {
  /** gcCheckPeriod: how often the whole check runs. */
  gcCheckPeriodMs: number;
  /** quarantineTime: how long a node named by pods must stay missing before its pods are deleted. */
  quarantineTimeMs: number;
}

/** Kubernetes' own: a check every 20 s, a 40 s quarantine. */
export const REAL_POD_GC_TIMINGS: PodGCTimings = Object.freeze({ gcCheckPeriodMs: 20_000, quarantineTimeMs: 40_000 });

/** The `fast` profile: the same shape, a quarter of the wait. */
export const FAST_POD_GC_TIMINGS: PodGCTimings = Object.freeze({ gcCheckPeriodMs: 5_000, quarantineTimeMs: 10_000 });

/** The timings of a profile. */
export function podGCTimings(profile: TimingProfileName): PodGCTimings {
  return profile === 'fast' ? FAST_POD_GC_TIMINGS : REAL_POD_GC_TIMINGS;
}

/** --terminated-pod-gc-threshold: terminated pods kept before PodGC deletes the oldest. */
export const TERMINATED_POD_GC_THRESHOLD = 12_500;
