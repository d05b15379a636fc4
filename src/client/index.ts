/**
 * The client library every component uses to read the cluster (informers, listers, indexes) and
 * to schedule its work (rate-limited workqueues), modelled on client-go. Writes go through
 * `ApiClient`'s create/update/patch/delete.
 */
export { ExponentialBackoff, REFLECTOR_BACKOFF, type BackoffParameters } from './backoff.js';
export type { ResourceEventHandler, ResourceEventHandlerRegistration } from './event-handlers.js';
export {
  CONTROLLER_UID_INDEX,
  controllerUidIndexFunc,
  getControllerOf,
  metaNamespaceIndexFunc,
  NAMESPACE_INDEX,
  ORPHAN_POD_INDEX_KEY,
  orphanPodIndexKeyForNamespace,
  POD_CONTROLLER_UID_INDEX,
  POD_NODE_NAME_INDEX,
  podControllerUidIndexFunc,
  podNodeNameIndexFunc,
} from './index-funcs.js';
export { Indexer, type IndexFunc, type Indexers } from './indexer.js';
export { SharedInformer, type InformerState, type SharedInformerOptions } from './informer.js';
export { labelsMatch, Lister, type LabelMatcher } from './lister.js';
export {
  BucketRateLimiter,
  defaultControllerRateLimiter,
  ItemExponentialFailureRateLimiter,
  MaxOfRateLimiter,
  type RateLimiter,
} from './rate-limiter.js';
export { metaNamespaceKeyFunc, objectKey, splitMetaNamespaceKey } from './store.js';
export { isWatchClosed, MIN_WATCH_LIFETIME_MS, watchEndAction, type ReflectorError, type WatchEndAction } from './watch-end.js';
export { RateLimitingQueue, type SyncHandler, type SyncResult, type WorkQueueMetrics, type WorkQueueOptions } from './workqueue.js';
export { SharedInformerFactory } from './informer-factory.js';
export type { ClusterComponent, ComponentContext, TimingProfileName } from './component.js';
