/**
 * The node lifecycle controller's periods (kube-controller-manager flags --node-monitor-period,
 * --node-monitor-grace-period, --node-startup-grace-period, v1.32 defaults), per timing profile.
 */
import type { TimingProfileName } from '../../client/component.js';

/** The periods the node lifecycle controller works with. */
export interface NodeLifecycleTimings {
  /** nodeMonitorPeriod: how often every node's health is checked. */
  nodeMonitorPeriodMs: number;
  /** nodeMonitorGracePeriod: how long a node may go without a Lease renewal or status post before it is Unknown. */
  nodeMonitorGracePeriodMs: number;
  /** nodeStartupGracePeriod: the same, for a node that never posted a Ready condition. */
  nodeStartupGracePeriodMs: number;
}

/** Kubernetes' own: a check every 5 s, Unknown after 50 s of silence (60 s for a node that never posted). */
export const REAL_NODE_LIFECYCLE_TIMINGS: NodeLifecycleTimings = Object.freeze({
  nodeMonitorPeriodMs: 5_000,
  nodeMonitorGracePeriodMs: 50_000,
  nodeStartupGracePeriodMs: 60_000,
});

/** The `fast` profile: the kubelet renews every 2 s there, so a fifth of the grace suffices. */
export const FAST_NODE_LIFECYCLE_TIMINGS: NodeLifecycleTimings = Object.freeze({
  nodeMonitorPeriodMs: 1_000,
  nodeMonitorGracePeriodMs: 10_000,
  nodeStartupGracePeriodMs: 12_000,
});

/** The timings of a profile. */
export function nodeLifecycleTimings(profile: TimingProfileName): NodeLifecycleTimings {
  return profile === 'fast' ? FAST_NODE_LIFECYCLE_TIMINGS : REAL_NODE_LIFECYCLE_TIMINGS;
}
