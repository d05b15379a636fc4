/**
 * kube-scheduler's named delays (KubeSchedulerConfiguration and pkg/scheduler/internal/queue), in
 * virtual milliseconds. `real` is Kubernetes' own defaults; `fast` shortens the waits for demos.
 */
import type { TimingProfileName } from '../client/component.js';

/** The scheduler's delays. */
export interface SchedulerTimings {
  /** podInitialBackoffSeconds: the back-off after a pod's first failed attempt. */
  readonly podInitialBackoffMs: number;
  /** podMaxBackoffSeconds: the back-off doubles per attempt up to this. */
  readonly podMaxBackoffMs: number;
  /** podMaxInUnschedulablePodsDuration: an unschedulable pod is retried at the latest after this. */
  readonly podMaxInUnschedulablePodsDurationMs: number;
  /** How often the queue looks for pods that stayed unschedulable too long (flushUnschedulablePodsLeftover). */
  readonly unschedulablePodsFlushIntervalMs: number;
}

/** Kubernetes v1.32's defaults. */
export const REAL_SCHEDULER_TIMINGS: SchedulerTimings = Object.freeze({
  podInitialBackoffMs: 1_000,
  podMaxBackoffMs: 10_000,
  podMaxInUnschedulablePodsDurationMs: 5 * 60_000,
  unschedulablePodsFlushIntervalMs: 30_000,
});

/** Shorter waits for `--profile fast`. */
export const FAST_SCHEDULER_TIMINGS: SchedulerTimings = Object.freeze({
  podInitialBackoffMs: 250,
  podMaxBackoffMs: 2_000,
  podMaxInUnschedulablePodsDurationMs: 30_000,
  unschedulablePodsFlushIntervalMs: 5_000,
});

/** The timings of a profile. */
export function schedulerTimings(profile: TimingProfileName): SchedulerTimings {
  return profile === 'fast' ? FAST_SCHEDULER_TIMINGS : REAL_SCHEDULER_TIMINGS;
}
