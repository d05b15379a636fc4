/**
 * The namespace controller's waits (pkg/controller/namespace and its deleter).
 */

/** namespaceDeletionGracePeriod: a namespace event is processed this long after it is seen (admission caches catch up). */
export const NAMESPACE_DELETION_GRACE_PERIOD_MS = 5_000;

/** --namespace-sync-period: how often every terminating namespace is looked at again. */
export const NAMESPACE_SYNC_PERIOD_MS = 5 * 60_000;

/** finalizerEstimateSeconds: the wait assumed for objects held only by finalizers. */
export const FINALIZER_ESTIMATE_SECONDS = 15;

/** The namespace queue's retry back-off: 5 ms doubling up to 60 s (nm.queue's rate limiter). */
export const NAMESPACE_RETRY_MAX_DELAY_MS = 60_000;
