/**
 * `kubectl get hpa`: upstream printHorizontalPodAutoscaler and formatHPAMetrics (TARGETS such as
 * `cpu: 42%/80%`, `<unknown>` before the first metrics, at most two then ` + N more...`).
 */
import type { KubeObject } from '../api/types.js';
import { formatAge } from './age.js';
import { ageColumn, column, nameColumn, type Cell, type KindPrinter, type PrintContext } from './columns.js';

/** A resource.Quantity as JSON: a string such as `500m`, or a plain number. */
type Quantity = string | number;

/** autoscaling/v2 MetricTarget. */
interface MetricTarget {
  type?: string;
  value?: Quantity;
  averageValue?: Quantity;
  averageUtilization?: number;
}

/** autoscaling/v2 MetricValueStatus. */
interface MetricValueStatus {
  value?: Quantity;
  averageValue?: Quantity;
  averageUtilization?: number;
}

type Source<T> = { name?: string; target?: MetricTarget; current?: MetricValueStatus } & T;

/** autoscaling/v2 MetricSpec and MetricStatus: one per source type, keyed by `type`. */
interface Metric {
  type: string;
  resource?: Source<object>;
  containerResource?: Source<object>;
  pods?: Source<object>;
  object?: Source<object>;
  external?: Source<object>;
}

/** The parts of an autoscaling/v2 (or v1) HorizontalPodAutoscaler the printer reads. */
interface HorizontalPodAutoscalerView extends KubeObject {
  spec?: {
    scaleTargetRef?: { kind?: string; name?: string };
    minReplicas?: number;
    maxReplicas?: number;
    metrics?: Metric[];
    targetCPUUtilizationPercentage?: number;
  };
  status?: {
    currentReplicas?: number;
    currentMetrics?: Metric[] | null;
    currentCPUUtilizationPercentage?: number;
  };
}

/** Quantity.String(), which prints `<nil>` for a nil quantity. */
function quantity(value: Quantity | undefined): string {
  return value === undefined || value === null ? '<nil>' : String(value);
}

/** The metric specs and statuses, converting autoscaling/v1's CPU percentage fields as upstream does. */
function metricsOf(hpa: HorizontalPodAutoscalerView): { specs: Metric[]; statuses: Metric[] } {
  const spec = hpa.spec ?? {};
  const status = hpa.status ?? {};
  const specs =
    spec.metrics ??
    (spec.targetCPUUtilizationPercentage === undefined
      ? []
      : [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: spec.targetCPUUtilizationPercentage } } }]);
  const statuses =
    status.currentMetrics ??
    (status.currentCPUUtilizationPercentage === undefined
      ? []
      : [{ type: 'Resource', resource: { name: 'cpu', current: { averageUtilization: status.currentCPUUtilizationPercentage } } }]);
  return { specs, statuses };
}

/** Value targets of Object and External metrics: `current/target`, or `current/target (avg)`. */
function valueMetric(target: MetricTarget | undefined, current: MetricValueStatus | undefined, hasStatus: boolean): string {
  if (target?.averageValue !== undefined) {
    const now = hasStatus && current?.averageValue !== undefined ? quantity(current.averageValue) : '<unknown>';
    return `${now}/${quantity(target.averageValue)} (avg)`;
  }
  return `${hasStatus ? quantity(current?.value) : '<unknown>'}/${quantity(target?.value)}`;
}

/** Resource and ContainerResource metrics: `name: current/target`, utilization as a percentage. */
function resourceMetric(source: Source<object> | undefined, status: Source<object> | undefined): string {
  const target = source?.target;
  const resourceName = source?.name ?? '';
  if (target?.averageValue !== undefined) {
    const current = status === undefined ? '<unknown>' : quantity(status.current?.averageValue);
    return `${resourceName}: ${current}/${quantity(target.averageValue)}`;
  }
  const utilization = status?.current?.averageUtilization;
  const current = utilization === undefined ? '<unknown>' : `${utilization}%`;
  const goal = target?.averageUtilization === undefined ? '<auto>' : `${target.averageUtilization}%`;
  return `${resourceName}: ${current}/${goal}`;
}

/** formatHPAMetrics, the TARGETS column. */
export function formatHPAMetrics(object: KubeObject): string {
  const { specs, statuses } = metricsOf(object as HorizontalPodAutoscalerView);
  if (specs.length === 0) return '<none>';
  const list = specs.map((spec, i) => {
    const status = statuses[i];
    switch (spec.type) {
      case 'External':
        return valueMetric(spec.external?.target, status?.external?.current, status?.external !== undefined);
      case 'Object':
        return valueMetric(spec.object?.target, status?.object?.current, status?.object !== undefined);
      case 'Pods': {
        const current = status?.pods === undefined ? '<unknown>' : quantity(status.pods.current?.averageValue);
        return `${current}/${quantity(spec.pods?.target?.averageValue)}`;
      }
      case 'Resource':
        return resourceMetric(spec.resource, status?.resource);
      case 'ContainerResource':
        return resourceMetric(spec.containerResource, status?.containerResource);
      default:
        return '<unknown type>';
    }
  });
  const max = 2;
  const shown = list.slice(0, max).join(', ');
  return list.length > max ? `${shown} + ${list.length - max} more...` : shown;
}

/** HorizontalPodAutoscalers: NAME REFERENCE TARGETS MINPODS MAXPODS REPLICAS AGE. */
export const horizontalPodAutoscalerPrinter: KindPrinter = {
  columns: [
    nameColumn,
    column('Reference', 'string', 'reference to scaled resource; horizontal pod autoscaler will learn the current resource consumption and will set the desired number of pods by using its Scale subresource.'),
    column('Targets', 'string', 'metrics contains the specifications for which to use to calculate the desired replica count (the maximum replica count across all metrics will be used).'),
    column('MinPods', 'string', 'minReplicas is the lower limit for the number of replicas to which the autoscaler can scale down.'),
    column('MaxPods', 'string', 'maxReplicas is the upper limit for the number of replicas to which the autoscaler can scale up.'),
    column('Replicas', 'string', 'currentReplicas is current number of replicas of pods managed by this autoscaler.'),
    ageColumn,
  ],
  cells(object: KubeObject, { now }: PrintContext): Cell[] {
    const hpa = object as HorizontalPodAutoscalerView;
    const target = hpa.spec?.scaleTargetRef;
    const minReplicas = hpa.spec?.minReplicas;
    return [
      hpa.metadata.name ?? '',
      `${target?.kind ?? ''}/${target?.name ?? ''}`,
      formatHPAMetrics(hpa),
      minReplicas === undefined || minReplicas === null ? '<unset>' : String(minReplicas),
      hpa.spec?.maxReplicas ?? 0,
      hpa.status?.currentReplicas ?? 0,
      formatAge(hpa.metadata.creationTimestamp, now),
    ];
  },
};
