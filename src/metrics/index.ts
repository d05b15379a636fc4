/**
 * The resource metrics pipeline: the simulated metrics-server and the aggregation layer through
 * which its clients reach metrics.k8s.io.
 */
export { metricsApiFor, registerMetricsApi, unregisterMetricsApi } from './aggregator.js';
export { MetricsServer, METRICS_SERVER } from './metrics-server.js';
export { CPU_ANNOTATION, MEMORY_ANNOTATION, podUsage } from './usage.js';
export type { ContainerUsage, MetricsClient, NodeMetrics, PodMetrics } from './types.js';
