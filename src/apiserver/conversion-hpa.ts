/**
 * HorizontalPodAutoscaler conversion between autoscaling/v1 and the stored autoscaling/v2, as
 * pkg/apis/autoscaling/v1/conversion.go converts (v1.32): what v1 cannot hold travels in the
 * `autoscaling.alpha.kubernetes.io/…` annotations, in v1 shape.
 */
import type { KubeObject } from '../api/types.js';

type Fields = Record<string, unknown>;

/** autoscaling.MetricSpecsAnnotation: the v2 metrics autoscaling/v1 cannot hold, in v1 shape. */
export const METRIC_SPECS_ANNOTATION = 'autoscaling.alpha.kubernetes.io/metrics';
/** autoscaling.MetricStatusesAnnotation: every current metric, in v1 shape. */
export const METRIC_STATUSES_ANNOTATION = 'autoscaling.alpha.kubernetes.io/current-metrics';
/** autoscaling.HorizontalPodAutoscalerConditionsAnnotation: the status conditions. */
export const CONDITIONS_ANNOTATION = 'autoscaling.alpha.kubernetes.io/conditions';
/** autoscaling.BehaviorSpecsAnnotation: `spec.behavior`, marshalled from the internal type (Go field names). */
export const BEHAVIOR_SPECS_ANNOTATION = 'autoscaling.alpha.kubernetes.io/behavior';

const ROUND_TRIP_ANNOTATIONS = [METRIC_SPECS_ANNOTATION, BEHAVIOR_SPECS_ANNOTATION, METRIC_STATUSES_ANNOTATION, CONDITIONS_ANNOTATION];

/**
 * Convert_autoscaling_HorizontalPodAutoscaler_To_v1_HorizontalPodAutoscaler: the CPU
 * utilization target becomes `targetCPUUtilizationPercentage`, the current CPU utilization
 * `currentCPUUtilizationPercentage`; the other metrics, every current metric, the behavior and
 * the conditions travel in annotations so that a v1 read-modify-write loses nothing.
 */
export function hpaV2ToV1(hpa: KubeObject): KubeObject {
  const spec = fields(hpa.spec);
  const status = fields(hpa.status);
  const metrics = list(spec.metrics);
  const currentMetrics = list(status.currentMetrics);
  const conditions = list(status.conditions);
  const isCpu = (m: Fields): boolean => m.type === 'Resource' && fields(m.resource).name === 'cpu';
  const cpuTarget = metrics.find(isCpu);
  const others = metrics.filter((m) => !(isCpu(m) && fields(fields(m.resource).target).averageUtilization != null));
  const kept = dropRoundTripAnnotations(hpa);
  const annotations = { ...kept };
  if (others.length > 0) annotations[METRIC_SPECS_ANNOTATION] = JSON.stringify(others.map(metricSpecToV1));
  if (currentMetrics.length > 0) annotations[METRIC_STATUSES_ANNOTATION] = JSON.stringify(currentMetrics.map(metricStatusToV1));
  if (spec.behavior != null) annotations[BEHAVIOR_SPECS_ANNOTATION] = JSON.stringify(behaviorToInternal(fields(spec.behavior)));
  if (conditions.length > 0) annotations[CONDITIONS_ANNOTATION] = JSON.stringify(conditions.map(conditionToV1));

  const v1Spec: Fields = { scaleTargetRef: spec.scaleTargetRef, minReplicas: spec.minReplicas, maxReplicas: spec.maxReplicas };
  const target = cpuTarget ? fields(fields(cpuTarget.resource).target).averageUtilization : undefined;
  if (target != null) v1Spec.targetCPUUtilizationPercentage = target;
  const v1Status: Fields = {
    observedGeneration: status.observedGeneration,
    lastScaleTime: status.lastScaleTime,
    currentReplicas: status.currentReplicas ?? 0,
    desiredReplicas: status.desiredReplicas ?? 0,
  };
  for (const metric of currentMetrics) {
    const current = fields(fields(metric.resource).current).averageUtilization;
    if (isCpu(metric) && current != null) v1Status.currentCPUUtilizationPercentage = current;
  }
  const metadata = withAnnotations(hpa, Object.keys(annotations).length > 0 ? annotations : kept).metadata;
  return { ...hpa, apiVersion: 'autoscaling/v1', metadata, spec: compact(v1Spec), status: compact(v1Status) };
}

/**
 * Convert_v1_HorizontalPodAutoscaler_To_autoscaling_HorizontalPodAutoscaler: the CPU target
 * becomes a Resource metric, and what the annotations carry comes back (other metrics before
 * the CPU one); the annotations themselves are never stored.
 */
export function hpaV1ToV2(hpa: KubeObject, apiVersion: string): KubeObject {
  const given = hpa.metadata.annotations ?? {};
  const decode = (key: string): Fields[] => {
    const text = given[key];
    if (text === undefined) return [];
    try {
      const parsed: unknown = JSON.parse(text);
      return list(parsed);
    } catch {
      return [];
    }
  };
  const { targetCPUUtilizationPercentage: target, ...spec } = fields(hpa.spec);
  const metrics = decode(METRIC_SPECS_ANNOTATION).map(metricSpecFromV1);
  if (typeof target === 'number') metrics.push(resourceMetric('cpu', { type: 'Utilization', averageUtilization: target }));
  if (metrics.length > 0) spec.metrics = metrics;
  const behavior = behaviorFromInternal(given[BEHAVIOR_SPECS_ANNOTATION]);
  if (behavior) spec.behavior = behavior;

  const out: KubeObject = { ...withAnnotations(hpa, dropRoundTripAnnotations(hpa)), apiVersion, spec };
  if (hpa.status !== undefined) {
    const { currentCPUUtilizationPercentage: current, ...status } = fields(hpa.status);
    if (typeof current === 'number') status.currentMetrics = [{ type: 'Resource', resource: { name: 'cpu', current: { averageUtilization: current } } }];
    if (given[METRIC_STATUSES_ANNOTATION] !== undefined) status.currentMetrics = decode(METRIC_STATUSES_ANNOTATION).map(metricStatusFromV1);
    if (given[CONDITIONS_ANNOTATION] !== undefined) status.conditions = decode(CONDITIONS_ANNOTATION).map((c) => compact({ ...c, lastTransitionTime: c.lastTransitionTime ?? undefined }));
    out.status = status;
  }
  return out;
}

/** Convert_autoscaling_MetricSpec_To_v1_MetricSpec (autoscaling/v1 keeps the v2beta1 shape). */
function metricSpecToV1(metric: Fields): Fields {
  const out: Fields = { type: metric.type };
  const object = fields(metric.object), pods = fields(metric.pods), resource = fields(metric.resource);
  const container = fields(metric.containerResource), external = fields(metric.external);
  if (metric.object != null) {
    const target = fields(object.target), id = fields(object.metric);
    out.object = compact({ target: object.describedObject, metricName: id.name, targetValue: target.value ?? '0', selector: id.selector, averageValue: target.averageValue });
  }
  if (metric.pods != null) {
    const target = fields(pods.target), id = fields(pods.metric);
    out.pods = compact({ metricName: id.name, targetAverageValue: target.averageValue ?? '0', selector: id.selector });
  }
  if (metric.resource != null) out.resource = resourceSourceToV1(resource);
  if (metric.containerResource != null) out.containerResource = compact({ ...resourceSourceToV1(container), container: container.container });
  if (metric.external != null) {
    const target = fields(external.target), id = fields(external.metric);
    out.external = compact({ metricName: id.name, metricSelector: id.selector, targetValue: target.value, targetAverageValue: target.averageValue });
  }
  return out;
}

function resourceSourceToV1(source: Fields): Fields {
  const target = fields(source.target);
  return compact({ name: source.name, targetAverageUtilization: target.averageUtilization, targetAverageValue: target.averageValue });
}

/** Convert_autoscaling_MetricStatus_To_v1_MetricStatus. */
function metricStatusToV1(metric: Fields): Fields {
  const out: Fields = { type: metric.type };
  const object = fields(metric.object), pods = fields(metric.pods), external = fields(metric.external);
  if (metric.object != null) {
    const current = fields(object.current), id = fields(object.metric);
    out.object = compact({ target: object.describedObject, metricName: id.name, currentValue: current.value ?? '0', selector: id.selector, averageValue: current.averageValue });
  }
  if (metric.pods != null) {
    const id = fields(pods.metric);
    out.pods = compact({ metricName: id.name, currentAverageValue: fields(pods.current).averageValue ?? '0', selector: id.selector });
  }
  for (const key of ['resource', 'containerResource'] as const) {
    if (metric[key] == null) continue;
    const source = fields(metric[key]), current = fields(source.current);
    out[key] = compact({ name: source.name, currentAverageUtilization: current.averageUtilization, currentAverageValue: current.averageValue ?? '0', container: source.container });
  }
  if (metric.external != null) {
    const current = fields(external.current), id = fields(external.metric);
    out.external = compact({ metricName: id.name, metricSelector: id.selector, currentValue: current.value ?? '0', currentAverageValue: current.averageValue });
  }
  return out;
}

/** The v1 metric spec of an annotation back in v2 shape (Convert_v1_*MetricSource_To_autoscaling_*). */
function metricSpecFromV1(metric: Fields): Fields {
  const out: Fields = { type: metric.type };
  const identifier = (name: unknown, selector: unknown): Fields => compact({ name, selector });
  if (metric.object != null) {
    const o = fields(metric.object);
    const target = compact({ type: o.averageValue == null ? 'Value' : 'AverageValue', value: o.targetValue, averageValue: o.averageValue });
    out.object = { describedObject: o.target, target, metric: identifier(o.metricName, o.selector) };
  }
  if (metric.pods != null) {
    const p = fields(metric.pods);
    out.pods = { metric: identifier(p.metricName, p.selector), target: { type: 'AverageValue', averageValue: p.targetAverageValue } };
  }
  for (const key of ['resource', 'containerResource'] as const) {
    if (metric[key] == null) continue;
    const r = fields(metric[key]);
    const utilization = r.targetAverageUtilization;
    const target = compact({ type: utilization == null ? 'AverageValue' : 'Utilization', averageValue: r.targetAverageValue, averageUtilization: utilization });
    out[key] = compact({ name: r.name, target, container: r.container });
  }
  if (metric.external != null) {
    const e = fields(metric.external);
    const target = compact({ type: e.targetValue == null ? 'AverageValue' : 'Value', value: e.targetValue, averageValue: e.targetAverageValue });
    out.external = { metric: identifier(e.metricName, e.metricSelector), target };
  }
  return out;
}

/** The v1 metric status of an annotation back in v2 shape. */
function metricStatusFromV1(metric: Fields): Fields {
  const out: Fields = { type: metric.type };
  const identifier = (name: unknown, selector: unknown): Fields => compact({ name, selector });
  if (metric.object != null) {
    const o = fields(metric.object);
    out.object = { metric: identifier(o.metricName, o.selector), current: compact({ value: o.currentValue, averageValue: o.averageValue }), describedObject: o.target };
  }
  if (metric.pods != null) {
    const p = fields(metric.pods);
    out.pods = { metric: identifier(p.metricName, p.selector), current: { averageValue: p.currentAverageValue } };
  }
  for (const key of ['resource', 'containerResource'] as const) {
    if (metric[key] == null) continue;
    const r = fields(metric[key]);
    out[key] = compact({ name: r.name, current: compact({ averageValue: r.currentAverageValue, averageUtilization: r.currentAverageUtilization }), container: r.container });
  }
  if (metric.external != null) {
    const e = fields(metric.external);
    out.external = { metric: identifier(e.metricName, e.metricSelector), current: compact({ value: e.currentValue, averageValue: e.currentAverageValue }) };
  }
  return out;
}

/** A condition in v1 shape (the same fields; a missing lastTransitionTime marshals as null). */
function conditionToV1(condition: Fields): Fields {
  const { type, status, lastTransitionTime, reason, message } = condition;
  return compact({ type, status, lastTransitionTime: lastTransitionTime ?? null, reason: reason || undefined, message: message || undefined });
}

/** The internal HorizontalPodAutoscalerBehavior as Go's json.Marshal writes it: no json tags, nil pointers as null. */
function behaviorToInternal(behavior: Fields): Fields {
  const rules = (value: unknown): Fields | null => {
    if (value == null) return null;
    const r = fields(value);
    const policies = Array.isArray(r.policies) ? list(r.policies).map((p) => ({ Type: p.type, Value: p.value, PeriodSeconds: p.periodSeconds })) : null;
    return { StabilizationWindowSeconds: r.stabilizationWindowSeconds ?? null, SelectPolicy: r.selectPolicy ?? null, Policies: policies };
  };
  return { ScaleUp: rules(behavior.scaleUp), ScaleDown: rules(behavior.scaleDown) };
}

/** The behavior annotation read back (Go's json matches field names case-insensitively); undefined when empty or unreadable. */
function behaviorFromInternal(text: string | undefined): Fields | undefined {
  if (text === undefined) return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return undefined;
  }
  const get = (value: unknown, key: string): unknown => {
    const entry = Object.entries(fields(value)).find(([k]) => k.toLowerCase() === key.toLowerCase());
    return entry?.[1] ?? undefined;
  };
  const rules = (value: unknown): Fields | undefined => {
    if (value == null || typeof value !== 'object') return undefined;
    const policies = get(value, 'Policies');
    return compact({
      stabilizationWindowSeconds: get(value, 'StabilizationWindowSeconds'),
      selectPolicy: get(value, 'SelectPolicy'),
      policies: Array.isArray(policies)
        ? list(policies).map((p) => compact({ type: get(p, 'Type'), value: get(p, 'Value'), periodSeconds: get(p, 'PeriodSeconds') }))
        : undefined,
    });
  };
  const behavior = compact({ scaleUp: rules(get(parsed, 'ScaleUp')), scaleDown: rules(get(parsed, 'ScaleDown')) });
  return Object.keys(behavior).length > 0 ? behavior : undefined;
}

function resourceMetric(name: string, target: Fields): Fields {
  return { type: 'Resource', resource: { name, target } };
}

/** DropRoundTripHorizontalPodAutoscalerAnnotations: the annotations without them (the same object when none is there). */
export function dropRoundTripAnnotations(object: KubeObject): Record<string, string> | undefined {
  const annotations = object.metadata.annotations;
  if (annotations === undefined || !ROUND_TRIP_ANNOTATIONS.some((key) => key in annotations)) return annotations;
  const kept = Object.fromEntries(Object.entries(annotations).filter(([key]) => !ROUND_TRIP_ANNOTATIONS.includes(key)));
  return Object.keys(kept).length > 0 ? kept : undefined;
}

/** The object with `annotations` as its annotations (none when undefined); the same object when they are. */
export function withAnnotations(object: KubeObject, annotations: Record<string, string> | undefined): KubeObject {
  if (annotations === object.metadata.annotations) return object;
  const { annotations: _old, ...metadata } = object.metadata;
  return { ...object, metadata: annotations === undefined ? metadata : { ...metadata, annotations } };
}

function fields(value: unknown): Fields {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Fields) : {};
}

function list(value: unknown): Fields[] {
  return Array.isArray(value) ? value.map(fields) : [];
}

/** Drops undefined members (Go's omitempty on pointers). */
function compact(object: Fields): Fields {
  return Object.fromEntries(Object.entries(object).filter(([, value]) => value !== undefined));
}

