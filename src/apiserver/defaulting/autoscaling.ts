/**
 * Defaults of HorizontalPodAutoscalers (pkg/apis/autoscaling/v1 and v2 defaults.go, v1.32).
 */
import type { KubeObject } from '../../api/types.js';
import type { Fields } from './fields.js';
import { child, cloneJson, defaultPointer, ensureChild, isEmptyCollection, isFields, items } from './fields.js';
import { canonicalQuantityField } from './resource-list.js';

/** autoscaling.DefaultCPUUtilization. */
export const DEFAULT_CPU_UTILIZATION = 80;

/** The scale-up rules an HPA with a `behavior` gets (the controller's historical behavior). */
function defaultScaleUpRules(): Fields {
  return {
    stabilizationWindowSeconds: 0,
    selectPolicy: 'Max',
    policies: [
      { type: 'Pods', value: 4, periodSeconds: 15 },
      { type: 'Percent', value: 100, periodSeconds: 15 },
    ],
  };
}

/**
 * The scale-down rules an HPA with a `behavior` gets. No stabilization window: the controller's
 * --horizontal-pod-autoscaler-downscale-stabilization flag (5 minutes) applies instead.
 */
function defaultScaleDownRules(): Fields {
  return { selectPolicy: 'Max', policies: [{ type: 'Percent', value: 100, periodSeconds: 15 }] };
}

/** copyHPAScalingRules: what the user set wins over the defaults, field by field. */
function scalingRules(given: unknown, defaults: Fields): Fields {
  if (!isFields(given)) return defaults;
  for (const key of ['selectPolicy', 'stabilizationWindowSeconds', 'policies']) {
    if (given[key] !== undefined && given[key] !== null) defaults[key] = given[key];
  }
  return defaults;
}

/** Metric targets' quantities (`value`, `averageValue`) in canonical form, as they read back. */
function canonicalMetricTargets(metrics: Fields[]): void {
  for (const metric of metrics) {
    for (const source of Object.values(metric)) {
      if (!isFields(source)) continue;
      const target = child(source, 'target');
      if (!target) continue;
      for (const key of ['value', 'averageValue']) if (target[key] != null) target[key] = canonicalQuantityField(target[key]);
    }
  }
}

/**
 * SetDefaults_HorizontalPodAutoscaler (autoscaling/v2): at least 1 replica, a target of 80% CPU
 * utilization when no metric is given, and when `behavior` is present its missing scale-up and
 * scale-down rules filled in. autoscaling/v1 only defaults minReplicas.
 */
export function defaultHorizontalPodAutoscaler(hpa: KubeObject): KubeObject {
  const copy = cloneJson(hpa) as KubeObject & Fields;
  const spec = ensureChild(copy, 'spec');
  defaultPointer(spec, 'minReplicas', 1);
  if (copy.apiVersion === 'autoscaling/v1') return copy;
  if (isEmptyCollection(spec.metrics)) {
    spec.metrics = [
      { type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: DEFAULT_CPU_UTILIZATION } } },
    ];
  }
  canonicalMetricTargets(items(spec, 'metrics'));
  const behavior = child(spec, 'behavior');
  if (behavior) {
    behavior.scaleUp = scalingRules(behavior.scaleUp, defaultScaleUpRules());
    behavior.scaleDown = scalingRules(behavior.scaleDown, defaultScaleDownRules());
  }
  return copy;
}
