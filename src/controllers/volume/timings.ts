/**
 * The PV controller's period (kube-controller-manager --pvclaimbinder-sync-period).
 */

/** Every claim and volume is synced again this often. */
export const PV_CLAIM_BINDER_SYNC_PERIOD_MS = 15_000;
