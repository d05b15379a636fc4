/**
 * The HPA controller's periods and windows (kube-controller-manager --horizontal-pod-autoscaler-*
 * flags, v1.32 defaults).
 */
import type { TimingProfileName } from '../../client/component.js';

/** Every HPA is reconciled this long after its last reconcile (and after it is created or changed). */
export const HPA_SYNC_PERIOD_MS = 15_000;

/** --horizontal-pod-autoscaler-tolerance: a usage ratio this close to 1 leaves the replicas alone. */
export const HPA_TOLERANCE = 0.1;

/** --horizontal-pod-autoscaler-cpu-initialization-period: CPU samples of young pods are checked against readiness. */
export const CPU_INITIALIZATION_PERIOD_MS = 5 * 60_000;

/** --horizontal-pod-autoscaler-initial-readiness-delay: a pod unready this soon after starting may still become ready. */
export const DELAY_OF_INITIAL_READINESS_STATUS_MS = 30_000;

/** --horizontal-pod-autoscaler-downscale-stabilization: a scale-down uses the highest recommendation of this window. */
export const DOWNSCALE_STABILIZATION_WINDOW_MS: Readonly<Record<TimingProfileName, number>> = { real: 5 * 60_000, fast: 30_000 };

/** Without spec.behavior a scale-up goes at most to max(2 × current, 4) per reconcile (scaleUpLimitFactor, scaleUpLimitMinimum). */
export const SCALE_UP_LIMIT_FACTOR = 2;
/** The smallest scale-up limit. */
export const SCALE_UP_LIMIT_MINIMUM = 4;
