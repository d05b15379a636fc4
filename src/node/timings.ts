/**
 * Every delay of a kubelet, named, in one place. `REAL` keeps the kubelet's own defaults (v1.32
 * KubeletConfiguration and the constants in pkg/kubelet); `FAST` shortens the long waits for demos.
 */
import type { TimingProfileName } from '../client/component.js';

/** The kubelet's named delays, in milliseconds unless the name says otherwise. */
export interface KubeletTimings {
  /** nodeStatusUpdateFrequency: how often the kubelet computes its node status. */
  readonly nodeStatusUpdateFrequencyMs: number;
  /** nodeStatusReportFrequency: an unchanged node status is still posted this often. */
  readonly nodeStatusReportFrequencyMs: number;
  /** nodeLeaseDurationSeconds, written into the Lease. */
  readonly nodeLeaseDurationSeconds: number;
  /** How often the node Lease is renewed (a quarter of the lease duration, as the kubelet does). */
  readonly nodeLeaseRenewIntervalMs: number;
  /** Registration retries start at this delay and double (kubelet registerWithAPIServer: 100 ms … 7 s). */
  readonly registerRetryInitialMs: number;
  /** The longest wait between two registration attempts. */
  readonly registerRetryMaxMs: number;
  /** RunPodSandbox: the pause container plus CNI ADD. */
  readonly sandboxCreateMs: number;
  /** CreateContainer + StartContainer in containerd. */
  readonly containerStartMs: number;
  /** A pull of an image the node already has (resolving the manifest only). */
  readonly imageRepullMs: number;
  /** How long a pull the registry refuses takes before it fails. */
  readonly failedPullMs: number;
  /** Image pull back-off: first delay (kubelet backOffPeriod). */
  readonly imagePullBackOffInitialMs: number;
  /** Image pull back-off: cap (MaxContainerBackOff). */
  readonly imagePullBackOffMaxMs: number;
  /** CrashLoopBackOff: first delay. */
  readonly crashLoopBackOffInitialMs: number;
  /** CrashLoopBackOff: cap; a back-off resets after twice this without a failure. */
  readonly crashLoopBackOffMaxMs: number;
  /**
   * How soon after a failed pull or container start the pod worker syncs again (the PLEG relist
   * that follows a failure): ErrImagePull turns into ImagePullBackOff, RunContainerError into a restart.
   */
  readonly errorResyncMs: number;
  /** The pod worker's back-off after a failed sync (CreateContainerConfigError, ErrImageNeverPull). */
  readonly podWorkerBackOffMs: number;
  /** Volume mount retries: first delay (nestedpendingoperations initialDurationBeforeRetry). */
  readonly mountRetryInitialMs: number;
  /** Volume mount retries: cap (maxDurationBeforeRetry, 2m2s). */
  readonly mountRetryMaxMs: number;
  /** The status manager retries a failed pod status write after this (its syncBatch period). */
  readonly statusRetryMs: number;
  /** The shortest stop window a container gets (minimumGracePeriodInSeconds). */
  readonly minimumGracePeriodMs: number;
  /** Termination grace periods from pod specs are multiplied by this (1 in the real profile). */
  readonly gracePeriodScale: number;
}

/** Kubernetes' own timings. */
export const REAL_KUBELET_TIMINGS: KubeletTimings = Object.freeze({
  nodeStatusUpdateFrequencyMs: 10_000,
  nodeStatusReportFrequencyMs: 300_000,
  nodeLeaseDurationSeconds: 40,
  nodeLeaseRenewIntervalMs: 10_000,
  registerRetryInitialMs: 100,
  registerRetryMaxMs: 7_000,
  sandboxCreateMs: 400,
  containerStartMs: 150,
  imageRepullMs: 350,
  failedPullMs: 1_200,
  imagePullBackOffInitialMs: 10_000,
  imagePullBackOffMaxMs: 300_000,
  crashLoopBackOffInitialMs: 10_000,
  crashLoopBackOffMaxMs: 300_000,
  errorResyncMs: 1_000,
  podWorkerBackOffMs: 10_000,
  mountRetryInitialMs: 500,
  mountRetryMaxMs: 122_000,
  statusRetryMs: 10_000,
  minimumGracePeriodMs: 2_000,
  gracePeriodScale: 1,
});

/** Shortened waits for quick demos (`--profile fast`). */
export const FAST_KUBELET_TIMINGS: KubeletTimings = Object.freeze({
  ...REAL_KUBELET_TIMINGS,
  nodeStatusUpdateFrequencyMs: 2_000,
  nodeStatusReportFrequencyMs: 60_000,
  nodeLeaseRenewIntervalMs: 2_000,
  sandboxCreateMs: 100,
  containerStartMs: 50,
  imageRepullMs: 100,
  failedPullMs: 300,
  imagePullBackOffInitialMs: 2_000,
  imagePullBackOffMaxMs: 30_000,
  crashLoopBackOffInitialMs: 2_000,
  crashLoopBackOffMaxMs: 30_000,
  errorResyncMs: 500,
  podWorkerBackOffMs: 2_000,
  mountRetryMaxMs: 10_000,
  statusRetryMs: 2_000,
  minimumGracePeriodMs: 500,
  gracePeriodScale: 0.1,
});

/** The timings of a profile. */
export function kubeletTimings(profile: TimingProfileName): KubeletTimings {
  return profile === 'fast' ? FAST_KUBELET_TIMINGS : REAL_KUBELET_TIMINGS;
}

/** The two profiles by name: `KubeletTimings.REAL`, `KubeletTimings.FAST`. */
export const KubeletTimings = { REAL: REAL_KUBELET_TIMINGS, FAST: FAST_KUBELET_TIMINGS } as const;
