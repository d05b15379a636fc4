/**
 * The DaemonSet controller's numbers (pkg/controller/daemon/daemon_controller.go).
 */

/** BurstReplicas: at most this many pod creates or deletes per sync. */
export const BURST_REPLICAS = 250;

/** failedPodsBackoff: the first wait before killing a failed daemon pod again on the same node. */
export const FAILED_POD_BACKOFF_INITIAL_MS = 1000;

/** failedPodsBackoff: the longest wait between kills of failed daemon pods on one node. */
export const FAILED_POD_BACKOFF_MAX_MS = 15 * 60 * 1000;
