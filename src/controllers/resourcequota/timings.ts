/**
 * The resource quota controller's period (kube-controller-manager --resource-quota-sync-period).
 */

/** Every quota's usage is recomputed this often, whatever happened. */
export const RESOURCE_QUOTA_SYNC_PERIOD_MS = 5 * 60_000;
