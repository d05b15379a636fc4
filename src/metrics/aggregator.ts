/**
 * The aggregation layer's view of metrics.k8s.io: the APIService `v1beta1.metrics.k8s.io` is
 * available while a metrics-server runs for a cluster. Clients look the API up by the cluster's
 * kube-apiserver; without a metrics-server they get upstream's "could not find the requested
 * resource" error.
 */
import type { MetricsClient } from './types.js';

const served = new WeakMap<object, MetricsClient>();

/** Registers the metrics-server serving metrics.k8s.io behind `api`. */
export function registerMetricsApi(api: object, client: MetricsClient): void {
  served.set(api, client);
}

/** Removes the registration (only if `client` is the one registered). */
export function unregisterMetricsApi(api: object, client: MetricsClient): void {
  if (served.get(api) === client) served.delete(api);
}

/** The metrics API behind `api`, or undefined when no metrics-server runs. */
export function metricsApiFor(api: object): MetricsClient | undefined {
  return served.get(api);
}
