/**
 * The replica calculator for resource metrics (pkg/controller/podautoscaler/replica_calculator.go
 * GetResourceReplicas, GetRawResourceReplicas): usage over request averaged over the ready pods,
 * with missing and not-yet-ready pods counted so as to damp the change, and the 10 % tolerance.
 */
import type { KubeObject } from '../../api/types.js';
import type { Selector } from '../../api/label-selector.js';
import { milliValue, parseQuantity } from '../../api/quantity.js';
import type { MetricsClient } from '../../metrics/types.js';
import { podCondition } from '../common/pod-conditions.js';
import { getResourceMetric, type PodMetricsInfo } from './resource-metrics.js';
import { CPU_INITIALIZATION_PERIOD_MS, DELAY_OF_INITIAL_READINESS_STATUS_MS, HPA_TOLERANCE } from './timings.js';

/** What a replica calculation needs besides the metric. */
export interface ReplicaCalculation {
  client: MetricsClient | undefined;
  pods: readonly KubeObject[];
  now: number;
  currentReplicas: number;
  resource: string;
  namespace: string;
  selector: Selector;
  container: string;
}

/** A proposal: the replica count, the utilization (percent of request) and the raw average (milli-units). */
export type ReplicaProposal = { ok: true; replicas: number; utilization: number; rawAverage: number; timestamp: number } | { ok: false; message: string };

interface Grouped {
  readyPodCount: number;
  unready: Set<string>;
  missing: Set<string>;
  ignored: Set<string>;
}

function time(value: string | undefined): number | undefined {
  return value === undefined ? undefined : Date.parse(value);
}

/** groupPods. */
function groupPods(pods: readonly KubeObject[], metrics: PodMetricsInfo, resource: string, now: number): Grouped {
  const g: Grouped = { readyPodCount: 0, unready: new Set(), missing: new Set(), ignored: new Set() };
  for (const pod of pods) {
    const name = pod.metadata.name ?? '';
    const status = (pod['status'] ?? {}) as { phase?: string; startTime?: string };
    if (pod.metadata.deletionTimestamp !== undefined || status.phase === 'Failed') {
      g.ignored.add(name);
      continue;
    }
    if (status.phase === 'Pending') {
      g.unready.add(name);
      continue;
    }
    const metric = metrics.get(name);
    if (metric === undefined) {
      g.missing.add(name);
      continue;
    }
    if (resource === 'cpu') {
      const condition = podCondition(pod, 'Ready');
      const start = time(status.startTime);
      let unready: boolean;
      if (condition === undefined || start === undefined) unready = true;
      else {
        const transition = time(condition.lastTransitionTime) ?? 0;
        if (start + CPU_INITIALIZATION_PERIOD_MS > now) unready = condition.status === 'False' || metric.timestamp < transition + metric.windowMs;
        else unready = condition.status === 'False' && start + DELAY_OF_INITIAL_READINESS_STATUS_MS > transition;
      }
      if (unready) {
        g.unready.add(name);
        continue;
      }
    }
    g.readyPodCount++;
  }
  return g;
}

interface Container {
  name: string;
  restartPolicy?: string;
  resources?: { requests?: Record<string, string> };
}

/** calculatePodRequests: each pod's request of `resource` in milli-units, or the missing-request error. */
function calculatePodRequests(pods: readonly KubeObject[], container: string, resource: string): { ok: true; requests: Map<string, number> } | { ok: false; message: string } {
  const requests = new Map<string, number>();
  for (const pod of pods) {
    const spec = (pod['spec'] ?? {}) as { containers?: Container[]; initContainers?: Container[] };
    const containers = [...(spec.containers ?? []), ...(spec.initContainers ?? []).filter((c) => c.restartPolicy === 'Always')];
    let sum = 0;
    for (const c of containers) {
      if (container !== '' && container !== c.name) continue;
      const request = c.resources?.requests?.[resource];
      const q = request === undefined ? undefined : parseQuantity(request);
      if (q === undefined || !q.ok) return { ok: false, message: `missing request for ${resource} in container ${c.name} of Pod ${pod.metadata.name ?? ''}` };
      sum += milliValue(q.value);
    }
    requests.set(pod.metadata.name ?? '', sum);
  }
  return { ok: true, requests };
}

/** metricsclient.GetResourceUtilizationRatio. */
function utilizationRatio(metrics: PodMetricsInfo, requests: Map<string, number>, target: number): { ok: true; ratio: number; utilization: number; rawAverage: number } | { ok: false; message: string } {
  let metricsTotal = 0;
  let requestsTotal = 0;
  let entries = 0;
  for (const [name, metric] of metrics) {
    const request = requests.get(name);
    if (request === undefined) continue;
    metricsTotal += metric.value;
    requestsTotal += request;
    entries++;
  }
  if (requestsTotal === 0) return { ok: false, message: 'no metrics returned matched known pods' };
  const utilization = Math.trunc((metricsTotal * 100) / requestsTotal);
  return { ok: true, ratio: utilization / target, utilization, rawAverage: Math.trunc(metricsTotal / entries) };
}

/** The pods' metrics without the ignored and unready ones, or upstream's error when none remain. */
function fetch(c: ReplicaCalculation): { ok: true; metrics: PodMetricsInfo; timestamp: number; grouped: Grouped } | { ok: false; message: string } {
  const got = getResourceMetric(c.client, c.resource, c.namespace, c.selector, c.container);
  if (!got.ok) return { ok: false, message: `unable to get metrics for resource ${c.resource}: ${got.message}` };
  if (c.pods.length === 0) return { ok: false, message: 'no pods returned by selector while calculating replica count' };
  const grouped = groupPods(c.pods, got.metrics, c.resource, c.now);
  const metrics = new Map(got.metrics);
  for (const name of [...grouped.ignored, ...grouped.unready]) metrics.delete(name);
  if (metrics.size === 0) return { ok: false, message: 'did not receive metrics for targeted pods (pods might be unready)' };
  return { ok: true, metrics, timestamp: got.timestamp, grouped };
}

/** GetResourceReplicas: the replica count for a target utilization (percent of request). */
export function getResourceReplicas(c: ReplicaCalculation, targetUtilization: number): ReplicaProposal {
  const fetched = fetch(c);
  if (!fetched.ok) return fetched;
  const { metrics, timestamp, grouped } = fetched;
  const req = calculatePodRequests(c.pods, c.container, c.resource);
  if (!req.ok) return req;
  const first = utilizationRatio(metrics, req.requests, targetUtilization);
  if (!first.ok) return first;
  const { ratio, utilization, rawAverage } = first;
  const same = { ok: true as const, replicas: c.currentReplicas, utilization, rawAverage, timestamp };
  const scaleUpWithUnready = grouped.unready.size > 0 && ratio > 1;
  if (!scaleUpWithUnready && grouped.missing.size === 0) {
    if (Math.abs(1 - ratio) <= HPA_TOLERANCE) return same;
    return { ...same, replicas: Math.ceil(ratio * grouped.readyPodCount) };
  }
  if (grouped.missing.size > 0) {
    for (const name of grouped.missing) {
      if (ratio < 1) metrics.set(name, { value: ((req.requests.get(name) ?? 0) * Math.max(100, targetUtilization)) / 100, timestamp, windowMs: 0 });
      else if (ratio > 1) metrics.set(name, { value: 0, timestamp, windowMs: 0 });
    }
  }
  if (scaleUpWithUnready) for (const name of grouped.unready) metrics.set(name, { value: 0, timestamp, windowMs: 0 });
  const second = utilizationRatio(metrics, req.requests, targetUtilization);
  if (!second.ok) return second;
  const newRatio = second.ratio;
  if (Math.abs(1 - newRatio) <= HPA_TOLERANCE || (ratio < 1 && newRatio > 1) || (ratio > 1 && newRatio < 1)) return same;
  const replicas = Math.ceil(newRatio * metrics.size);
  if ((newRatio < 1 && replicas > c.currentReplicas) || (newRatio > 1 && replicas < c.currentReplicas)) return same;
  return { ...same, replicas };
}

/** GetRawResourceReplicas: the replica count for a target average value (milli-units per pod). */
export function getRawResourceReplicas(c: ReplicaCalculation, targetAverageMilli: number): ReplicaProposal {
  const fetched = fetch(c);
  if (!fetched.ok) return fetched;
  const { metrics, timestamp } = fetched;
  let total = 0;
  for (const m of metrics.values()) total += m.value;
  const rawAverage = Math.trunc(total / metrics.size);
  // GetMetricReplicas's plain-metric calculation over the ready pods (usage / target).
  const ratio = total / (targetAverageMilli * metrics.size);
  const replicas = Math.abs(1 - ratio) <= HPA_TOLERANCE ? c.currentReplicas : Math.ceil(total / targetAverageMilli);
  return { ok: true, replicas, utilization: 0, rawAverage, timestamp };
}
