/**
 * computeReplicasForMetric for one metric of spec.metrics (horizontal.go): Resource and
 * ContainerResource metrics come from the resource metrics API (metrics.k8s.io) when a
 * metrics-server runs; Pods, Object and External metrics need custom or external metrics APIs the
 * playground never has, so they fail as metrics.ts describes.
 */
import { milliValue, parseQuantity, quantityToString } from '../../api/quantity.js';
import { metricFailure, type MetricFailure, type MetricSpec } from './metrics.js';
import { getRawResourceReplicas, getResourceReplicas, type ReplicaCalculation } from './replica-calculator.js';

/** autoscaling/v2 MetricValueStatus. */
export interface MetricValueStatus {
  averageValue?: string;
  averageUtilization?: number;
}

/** A metric's replica proposal, its name (for events and conditions) and its status entry. */
export interface MetricProposal {
  ok: true;
  replicas: number;
  metricName: string;
  status: Record<string, unknown>;
}

/** The input of a resource metric's calculation, without the resource and container. */
export type MetricContext = Omit<ReplicaCalculation, 'resource' | 'container'>;

/** resource.NewMilliQuantity(value, DecimalSI).String(). */
function milliQuantity(milli: number): string {
  return quantityToString({ nanos: BigInt(Math.trunc(milli)) * 1_000_000n, format: 'DecimalSI' });
}

/** computeStatusForResourceMetricGeneric: the proposal, or the error (already wrapped with `failed to get … utilization:`). */
function resourceProposal(
  c: MetricContext,
  resource: string,
  container: string,
  target: { averageUtilization?: number; averageValue?: string } | undefined,
): { ok: true; replicas: number; metricName: string; current: MetricValueStatus } | { ok: false; message: string } {
  const calc: ReplicaCalculation = { ...c, resource, container };
  const averageValue = target?.averageValue === undefined ? undefined : parseQuantity(target.averageValue);
  if (averageValue !== undefined && averageValue.ok) {
    const got = getRawResourceReplicas(calc, milliValue(averageValue.value));
    if (!got.ok) return { ok: false, message: `failed to get ${resource} usage: ${got.message}` };
    return { ok: true, replicas: got.replicas, metricName: `${resource} resource`, current: { averageValue: milliQuantity(got.rawAverage) } };
  }
  if (target?.averageUtilization === undefined) {
    return { ok: false, message: 'invalid resource metric source: neither an average utilization target nor an average value (usage) target was set' };
  }
  const got = getResourceReplicas(calc, target.averageUtilization);
  if (!got.ok) return { ok: false, message: `failed to get ${resource} utilization: ${got.message}` };
  const metricName = container === '' ? `${resource} resource utilization (percentage of request)` : `${resource} container resource utilization (percentage of request)`;
  return { ok: true, replicas: got.replicas, metricName, current: { averageValue: milliQuantity(got.rawAverage), averageUtilization: got.utilization } };
}

/** computeReplicasForMetric against a running metrics-server. */
export function computeReplicasForMetric(spec: MetricSpec, c: MetricContext): MetricProposal | (MetricFailure & { ok: false }) {
  if (spec.type === 'Resource') {
    const name = spec.resource?.name ?? '';
    const got = resourceProposal(c, name, '', spec.resource?.target);
    if (!got.ok) return { ok: false, reason: 'FailedGetResourceMetric', eventMessage: got.message, error: `failed to get ${name} resource metric value: ${got.message}` };
    return { ok: true, replicas: got.replicas, metricName: got.metricName, status: { type: 'Resource', resource: { name, current: got.current } } };
  }
  if (spec.type === 'ContainerResource') {
    const name = spec.containerResource?.name ?? '';
    const container = spec.containerResource?.container ?? '';
    const got = resourceProposal(c, name, container, spec.containerResource?.target);
    if (!got.ok) return { ok: false, reason: 'FailedGetContainerResourceMetric', eventMessage: got.message, error: `failed to get ${name} container metric value: ${got.message}` };
    return { ok: true, replicas: got.replicas, metricName: got.metricName, status: { type: 'ContainerResource', containerResource: { name, container, current: got.current } } };
  }
  return { ok: false, ...metricFailure(spec, c.namespace) };
}
