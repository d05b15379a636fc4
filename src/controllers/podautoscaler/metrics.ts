/**
 * computeReplicasForMetrics without a metrics pipeline (horizontal.go, replica_calculator.go):
 * the playground serves neither metrics.k8s.io nor the custom and external metrics APIs, so every
 * metric fails exactly as it does in a cluster whose metrics API returns nothing, with upstream's
 * wrapping of the error at each level.
 */

/** One metric of spec.metrics (autoscaling/v2 MetricSpec). */
export interface MetricSpec {
  type?: string;
  resource?: { name?: string; target?: { type?: string; averageUtilization?: number; averageValue?: string } };
  containerResource?: { name?: string; container?: string; target?: { type?: string; averageUtilization?: number; averageValue?: string } };
  pods?: { metric?: { name?: string } };
  object?: { metric?: { name?: string }; describedObject?: { kind?: string; name?: string } };
  external?: { metric?: { name?: string } };
}

/** Why a metric gave no replica count: the event reason, the event message, and the error computeReplicasForMetric returns. */
export interface MetricFailure {
  reason: string;
  eventMessage: string;
  error: string;
}

/** What the resource metrics client says when no metrics-server serves metrics.k8s.io. */
const NO_RESOURCE_METRICS = 'unable to fetch metrics from resource metrics API: the server could not find the requested resource (get pods.metrics.k8s.io)';
const NO_CUSTOM_METRICS = 'unable to fetch metrics from custom metrics API: no custom metrics API (custom.metrics.k8s.io) registered';
const NO_EXTERNAL_METRICS = 'unable to fetch metrics from external metrics API: no external metrics API (external.metrics.k8s.io) registered';

/** The failure of one metric (computeReplicasForMetric with the metrics client erroring). */
export function metricFailure(spec: MetricSpec, namespace: string): MetricFailure {
  switch (spec.type) {
    case 'Resource': {
      const name = spec.resource?.name ?? '';
      const err = resourceMetricError(name, spec.resource?.target?.averageUtilization === undefined && spec.resource?.target?.averageValue !== undefined);
      return { reason: 'FailedGetResourceMetric', eventMessage: err, error: `failed to get ${name} resource metric value: ${err}` };
    }
    case 'ContainerResource': {
      const name = spec.containerResource?.name ?? '';
      const err = resourceMetricError(name, spec.containerResource?.target?.averageUtilization === undefined);
      return { reason: 'FailedGetContainerResourceMetric', eventMessage: err, error: `failed to get ${name} container metric value: ${err}` };
    }
    case 'Pods': {
      const err = `unable to get metric ${spec.pods?.metric?.name ?? ''}: ${NO_CUSTOM_METRICS}`;
      return { reason: 'FailedGetPodsMetric', eventMessage: err, error: `failed to get pods metric value: ${err}` };
    }
    case 'Object': {
      const described = spec.object?.describedObject ?? {};
      const err = `unable to get metric ${spec.object?.metric?.name ?? ''}: ${described.kind ?? ''} on ${namespace} ${described.name ?? ''}/${NO_CUSTOM_METRICS}`;
      return { reason: 'FailedGetObjectMetric', eventMessage: err, error: `failed to get object metric value: ${err}` };
    }
    case 'External': {
      const err = `unable to get external metric ${namespace}/${spec.external?.metric?.name ?? ''}/nil: ${NO_EXTERNAL_METRICS}`;
      return { reason: 'FailedGetExternalMetric', eventMessage: err, error: `failed to get external metric value: ${err}` };
    }
    default: {
      const err = `unknown metric source type ${JSON.stringify(spec.type ?? '')}`;
      return { reason: 'InvalidMetricSourceType', eventMessage: err, error: err };
    }
  }
}

/** GetResourceReplicas / GetRawResourceReplicas failing to fetch, wrapped by computeStatusForResourceMetricGeneric. */
function resourceMetricError(resource: string, averageValue: boolean): string {
  const inner = `unable to get metrics for resource ${resource}: ${NO_RESOURCE_METRICS}`;
  return averageValue ? `failed to get ${resource} usage: ${inner}` : `failed to get ${resource} utilization: ${inner}`;
}
