/**
 * The HPA's resource metrics client (pkg/controller/podautoscaler/metrics/client.go
 * resourceMetricsClient): lists PodMetrics of the target's pods from metrics.k8s.io and sums each
 * pod's (or one container's) usage in milli-units.
 */
import type { Selector } from '../../api/label-selector.js';
import type { MetricsClient, PodMetrics } from '../../metrics/types.js';

/** One pod's usage sample (metricsclient.PodMetric). */
export interface PodMetric {
  value: number;
  timestamp: number;
  windowMs: number;
}

/** Samples by pod name (metricsclient.PodMetricsInfo). */
export type PodMetricsInfo = Map<string, PodMetric>;

/** What the resource metrics API answers when no metrics-server serves it. */
export const NO_RESOURCE_METRICS_API = 'the server could not find the requested resource (get pods.metrics.k8s.io)';

function usage(c: PodMetrics['containers'][number], resource: string): number | undefined {
  if (resource === 'cpu') return c.cpuMilli;
  if (resource === 'memory') return c.memoryBytes * 1000;
  return undefined;
}

/** GetResourceMetric: the samples, or the error upstream gives. */
export function getResourceMetric(
  client: MetricsClient | undefined,
  resource: string,
  namespace: string,
  selector: Selector,
  container: string,
): { ok: true; metrics: PodMetricsInfo; timestamp: number } | { ok: false; message: string } {
  if (client === undefined) return { ok: false, message: `unable to fetch metrics from resource metrics API: ${NO_RESOURCE_METRICS_API}` };
  const items = client.podMetrics(namespace, (labels) => selector.test(labels ?? {}));
  const first = items[0];
  if (first === undefined) return { ok: false, message: 'no metrics returned from resource metrics API' };
  const metrics: PodMetricsInfo = new Map();
  for (const m of items) {
    let sum = 0;
    let missing = false;
    let found = false;
    for (const c of m.containers) {
      if (container !== '' && c.name !== container) continue;
      found = true;
      const value = usage(c, resource);
      if (value === undefined) missing = true;
      else sum += value;
    }
    if (container !== '' && !found) {
      return { ok: false, message: `failed to get container metrics: container ${container} not present in metrics for pod ${m.namespace}/${m.name}` };
    }
    if (!missing) metrics.set(m.name, { value: sum, timestamp: m.timestamp, windowMs: m.windowMs });
  }
  return { ok: true, metrics, timestamp: first.timestamp };
}
