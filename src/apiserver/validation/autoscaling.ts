/**
 * HorizontalPodAutoscalers, autoscaling/v2 (pkg/apis/autoscaling/validation): replica bounds,
 * the scale target, each metric's source and target, and the scaling behavior.
 */
import { child, forbiddenField, index, invalidValue, notSupported, required } from '../../api/field-errors.js';
import { quantityFromJson } from '../../api/quantity.js';
import type { Errors, Json } from './access.js';
import { intAt, objectAt, objectsAt, stringAt } from './access.js';
import { metaOf, validateObjectMeta, validateObjectMetaUpdate } from './metadata.js';
import { isDNS1123Label, isValidPathSegmentName, nameIsDNSSubdomain } from './names.js';

const METRIC_TYPES = ['ContainerResource', 'External', 'Object', 'Pods', 'Resource'];
const SOURCE_FIELD: Record<string, string> = {
  Object: 'object',
  Pods: 'pods',
  Resource: 'resource',
  External: 'external',
  ContainerResource: 'containerResource',
};

function validateReference(errs: Errors, ref: Json, path: string): void {
  for (const field of ['kind', 'name']) {
    const value = stringAt(errs, ref, path, field) ?? '';
    if (value === '') errs.push(required(child(path, field), ''));
    else for (const msg of isValidPathSegmentName(value)) errs.push(invalidValue(child(path, field), value, msg));
  }
}

function validateMetricName(errs: Errors, source: Json, path: string): void {
  const metric = objectAt(errs, source, path, 'metric') ?? {};
  const name = stringAt(errs, metric, child(path, 'metric'), 'name') ?? '';
  if (name === '') errs.push(required(child(path, 'metric.name'), 'must specify a metric name'));
  else for (const msg of isValidPathSegmentName(name)) errs.push(invalidValue(child(path, 'metric.name'), name, msg));
}

/** validateMetricTarget; returns which of value, averageValue, averageUtilization are set. */
function validateTarget(errs: Errors, source: Json, path: string): Set<string> {
  const target = objectAt(errs, source, path, 'target') ?? {};
  const p = child(path, 'target');
  const type = stringAt(errs, target, p, 'type') ?? '';
  if (type === '') errs.push(required(child(p, 'type'), 'must specify a metric target type'));
  if (!['Utilization', 'Value', 'AverageValue'].includes(type)) errs.push(invalidValue(child(p, 'type'), type, 'must be either Utilization, Value, or AverageValue'));
  const set = new Set<string>();
  for (const field of ['value', 'averageValue']) {
    if (target[field] === undefined || target[field] === null) continue;
    set.add(field);
    const q = quantityFromJson(target[field]);
    if (!q.ok) errs.push(invalidValue(child(p, field), target[field], q.message));
    else if (q.value.nanos <= 0n) errs.push(invalidValue(child(p, field), target[field], 'must be positive'));
  }
  const utilization = intAt(errs, target, p, 'averageUtilization');
  if (utilization !== undefined) {
    set.add('averageUtilization');
    if (utilization < 1) errs.push(invalidValue(child(p, 'averageUtilization'), utilization, 'must be greater than 0'));
  }
  return set;
}

function validateSource(errs: Errors, kind: string, source: Json, path: string): void {
  const t = (field: string): string => child(child(path, 'target'), field);
  if (kind === 'Resource' || kind === 'ContainerResource') {
    if (!stringAt(errs, source, path, 'name')) errs.push(required(child(path, 'name'), 'must specify a resource name'));
    if (kind === 'ContainerResource') {
      const container = stringAt(errs, source, path, 'container') ?? '';
      if (container === '') errs.push(required(child(path, 'container'), 'must specify a container'));
      else for (const msg of isDNS1123Label(container)) errs.push(invalidValue(child(path, 'container'), container, msg));
    }
    const set = validateTarget(errs, source, path);
    if (!set.has('averageUtilization') && !set.has('averageValue')) errs.push(required(t('averageUtilization'), 'must set either a target raw value or a target utilization'));
    if (set.has('averageUtilization') && set.has('averageValue')) errs.push(forbiddenField(t('averageValue'), 'may not set both a target raw value and a target utilization'));
    return;
  }
  if (kind === 'Object') validateReference(errs, objectAt(errs, source, path, 'describedObject') ?? {}, child(path, 'describedObject'));
  validateMetricName(errs, source, path);
  const set = validateTarget(errs, source, path);
  if (kind === 'Pods' && !set.has('averageValue')) errs.push(required(t('averageValue'), 'must specify a positive target averageValue'));
  if (kind === 'Object' && !set.has('value') && !set.has('averageValue')) errs.push(required(t('averageValue'), 'must set either a target value or averageValue'));
  if (kind === 'External') {
    if (!set.has('value') && !set.has('averageValue')) errs.push(required(t('averageValue'), 'must set either a target value for metric or a per-pod target'));
    if (set.has('value') && set.has('averageValue')) errs.push(forbiddenField(t('value'), 'may not set both a target value for metric and a per-pod target'));
  }
}

function validateMetrics(errs: Errors, spec: Json): void {
  objectsAt(errs, spec, 'spec', 'metrics').forEach((metric, i) => {
    if (!metric) return;
    const p = index('spec.metrics', i);
    const type = stringAt(errs, metric, p, 'type') ?? '';
    if (type === '') errs.push(required(child(p, 'type'), 'must specify a metric source type'));
    if (!METRIC_TYPES.includes(type)) errs.push(notSupported(child(p, 'type'), type, METRIC_TYPES));
    const present = Object.values(SOURCE_FIELD).filter((f) => metric[f] !== undefined && metric[f] !== null);
    const first = present[0];
    if (first) {
      const kind = Object.keys(SOURCE_FIELD).find((k) => SOURCE_FIELD[k] === first)!;
      const source = objectAt(errs, metric, p, first);
      if (source) validateSource(errs, kind, source, child(p, first));
    }
    const expected = SOURCE_FIELD[type];
    if (expected && !present.includes(expected)) errs.push(required(child(p, expected), 'must populate information for the given metric source'));
    if (present.length !== 1) {
      for (const f of present) if (f !== expected) errs.push(forbiddenField(child(p, f), 'must populate the given metric source only'));
    }
  });
}

function validateBehavior(errs: Errors, spec: Json): void {
  const behavior = objectAt(errs, spec, 'spec', 'behavior');
  if (!behavior) return;
  for (const direction of ['scaleUp', 'scaleDown']) {
    const p = `spec.behavior.${direction}`;
    const rules = objectAt(errs, behavior, 'spec.behavior', direction);
    if (!rules) continue;
    const window = intAt(errs, rules, p, 'stabilizationWindowSeconds');
    if (window !== undefined && window < 0) errs.push(invalidValue(child(p, 'stabilizationWindowSeconds'), window, 'must be greater than or equal to zero'));
    if (window !== undefined && window > 3600) errs.push(invalidValue(child(p, 'stabilizationWindowSeconds'), window, 'must be less than or equal to 3600'));
    const select = stringAt(errs, rules, p, 'selectPolicy');
    if (select !== undefined && !['Disabled', 'Max', 'Min'].includes(select)) errs.push(notSupported(child(p, 'selectPolicy'), select, ['Disabled', 'Max', 'Min']));
    const policies = objectsAt(errs, rules, p, 'policies');
    if (Array.isArray(rules.policies) && policies.length === 0) errs.push(required(child(p, 'policies'), 'must specify at least one Policy'));
    policies.forEach((policy, i) => {
      if (!policy) return;
      const pp = index(child(p, 'policies'), i);
      const type = stringAt(errs, policy, pp, 'type') ?? '';
      if (type !== 'Pods' && type !== 'Percent') errs.push(notSupported(child(pp, 'type'), type, ['Percent', 'Pods']));
      const value = intAt(errs, policy, pp, 'value') ?? 0;
      if (value <= 0) errs.push(invalidValue(child(pp, 'value'), value, 'must be greater than zero'));
      const period = intAt(errs, policy, pp, 'periodSeconds') ?? 0;
      if (period <= 0) errs.push(invalidValue(child(pp, 'periodSeconds'), period, 'must be greater than zero'));
      if (period > 1800) errs.push(invalidValue(child(pp, 'periodSeconds'), period, 'must be less than or equal to 1800'));
    });
  }
}

function validateSpec(errs: Errors, spec: Json): void {
  const minReplicas = intAt(errs, spec, 'spec', 'minReplicas');
  const maxReplicas = intAt(errs, spec, 'spec', 'maxReplicas') ?? 0;
  if (minReplicas !== undefined && minReplicas < 1) errs.push(invalidValue('spec.minReplicas', minReplicas, 'must be greater than or equal to 1'));
  if (maxReplicas < 1) errs.push(invalidValue('spec.maxReplicas', maxReplicas, 'must be greater than 0'));
  if (minReplicas !== undefined && maxReplicas < minReplicas) errs.push(invalidValue('spec.maxReplicas', maxReplicas, 'must be greater than or equal to `minReplicas`'));
  validateReference(errs, objectAt(errs, spec, 'spec', 'scaleTargetRef') ?? {}, 'spec.scaleTargetRef');
  validateMetrics(errs, spec);
  validateBehavior(errs, spec);
}

/** ValidateHorizontalPodAutoscaler. */
export function validateHorizontalPodAutoscalerCreate(errs: Errors, hpa: Json): void {
  validateObjectMeta(errs, metaOf(errs, hpa), nameIsDNSSubdomain);
  validateSpec(errs, objectAt(errs, hpa, '', 'spec') ?? {});
}

/** ValidateHorizontalPodAutoscalerUpdate. */
export function validateHorizontalPodAutoscalerUpdate(errs: Errors, hpa: Json, old: Json): void {
  validateObjectMetaUpdate(errs, metaOf(errs, hpa), metaOf([], old));
  validateSpec(errs, objectAt(errs, hpa, '', 'spec') ?? {});
}
