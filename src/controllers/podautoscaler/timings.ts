/**
 * The HPA controller's period (kube-controller-manager --horizontal-pod-autoscaler-sync-period).
 */

/** Every HPA is reconciled this long after its last reconcile (and after it is created or changed). */
export const HPA_SYNC_PERIOD_MS = 15_000;
