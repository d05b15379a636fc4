/**
 * The scheduling parts of a pod spec: tolerations, node and pod affinity, topology spread
 * constraints and scheduling gates (ValidateTolerations, validateAffinity,
 * validateTopologySpreadConstraints, validateSchedulingGates).
 */
import { child, duplicate, index, invalidValue, notSupported, required, forbiddenField } from '../../api/field-errors.js';
import type { Errors, Json } from './access.js';
import { intAt, objectAt, objectsAt, stringAt, stringsAt } from './access.js';
import { readLabelSelector, validateLabelName } from './labels.js';
import { isDNS1123Label, isQualifiedName, isValidLabelValue, nameIsDNSSubdomain } from './names.js';

/** The taint effects (validateTaintEffect), in upstream order. */
export const TAINT_EFFECTS = ['NoSchedule', 'PreferNoSchedule', 'NoExecute'];

/** ValidateTolerations. */
export function validateTolerations(errs: Errors, spec: Json, path: string): void {
  objectsAt(errs, spec, path, 'tolerations').forEach((t, i) => {
    if (!t) return;
    const p = index(child(path, 'tolerations'), i);
    const key = stringAt(errs, t, p, 'key') ?? '';
    const operator = stringAt(errs, t, p, 'operator') ?? '';
    const value = stringAt(errs, t, p, 'value') ?? '';
    const effect = stringAt(errs, t, p, 'effect') ?? '';
    const tolerationSeconds = intAt(errs, t, p, 'tolerationSeconds');
    if (key.length > 0) validateLabelName(errs, key, child(p, 'key'));
    if (key.length === 0 && operator !== 'Exists') {
      errs.push(invalidValue(child(p, 'operator'), operator, 'operator must be Exists when `key` is empty, which means "match all values and all keys"'));
    }
    if (tolerationSeconds !== undefined && effect !== 'NoExecute') {
      errs.push(invalidValue(child(p, 'effect'), effect, "effect must be 'NoExecute' when `tolerationSeconds` is set"));
    }
    if (operator === 'Equal' || operator === '') {
      const msgs = isValidLabelValue(value);
      if (msgs.length > 0) errs.push(invalidValue(child(p, 'operator'), value, msgs.join(';')));
    } else if (operator === 'Exists') {
      if (value.length > 0) errs.push(invalidValue(child(p, 'operator'), value, "value must be empty when `operator` is 'Exists'"));
    } else {
      errs.push(notSupported(child(p, 'operator'), operator, ['Equal', 'Exists']));
    }
    if (effect.length > 0 && !TAINT_EFFECTS.includes(effect)) errs.push(notSupported(child(p, 'effect'), effect, TAINT_EFFECTS));
  });
}

function validateNodeSelectorTerm(errs: Errors, term: Json, path: string, allowInvalidValues: boolean): void {
  objectsAt(errs, term, path, 'matchExpressions').forEach((rq, j) => {
    if (!rq) return;
    const p = index(child(path, 'matchExpressions'), j);
    const operator = stringAt(errs, rq, p, 'operator') ?? '';
    const values = stringsAt(errs, rq, p, 'values');
    if (operator === 'In' || operator === 'NotIn') {
      if (values.length === 0) errs.push(required(child(p, 'values'), "must be specified when `operator` is 'In' or 'NotIn'"));
    } else if (operator === 'Exists' || operator === 'DoesNotExist') {
      if (values.length > 0) errs.push(forbiddenField(child(p, 'values'), "may not be specified when `operator` is 'Exists' or 'DoesNotExist'"));
    } else if (operator === 'Gt' || operator === 'Lt') {
      if (values.length !== 1) errs.push(required(child(p, 'values'), "must be specified single value when `operator` is 'Lt' or 'Gt'"));
    } else {
      errs.push(invalidValue(child(p, 'operator'), operator, 'not a valid selector operator'));
    }
    validateLabelName(errs, stringAt(errs, rq, p, 'key') ?? '', child(p, 'key'));
    if (!allowInvalidValues) {
      values.forEach((v, k) => {
        for (const msg of isValidLabelValue(v)) errs.push(invalidValue(index(child(p, 'values'), k), v, msg));
      });
    }
  });
  objectsAt(errs, term, path, 'matchFields').forEach((rq, j) => {
    if (!rq) return;
    const p = index(child(path, 'matchFields'), j);
    const operator = stringAt(errs, rq, p, 'operator') ?? '';
    const values = stringsAt(errs, rq, p, 'values');
    if (operator !== 'In' && operator !== 'NotIn') errs.push(invalidValue(child(p, 'operator'), operator, 'not a valid selector operator'));
    else if (values.length !== 1) {
      errs.push(required(child(p, 'values'), "must be only one value when `operator` is 'In' or 'NotIn' for node field selector"));
    }
    const key = stringAt(errs, rq, p, 'key') ?? '';
    if (key !== 'metadata.name') errs.push(invalidValue(child(p, 'key'), key, 'not a valid field selector key'));
    else values.forEach((v, k) => nameIsDNSSubdomain(v, false).forEach((msg) => errs.push(invalidValue(index(child(p, 'values'), k), v, msg))));
  });
}

function validateWeight(errs: Errors, term: Json, path: string): void {
  const weight = intAt(errs, term, path, 'weight') ?? 0;
  if (weight <= 0 || weight > 100) errs.push(invalidValue(child(path, 'weight'), weight, 'must be in the range 1-100'));
}

function validatePodAffinityTerm(errs: Errors, term: Json, path: string): void {
  readLabelSelector(errs, term.labelSelector, child(path, 'labelSelector'));
  readLabelSelector(errs, term.namespaceSelector, child(path, 'namespaceSelector'));
  for (const ns of stringsAt(errs, term, path, 'namespaces')) {
    for (const msg of isDNS1123Label(ns)) errs.push(invalidValue(child(path, 'namespace'), ns, msg));
  }
  const topologyKey = stringAt(errs, term, path, 'topologyKey') ?? '';
  if (topologyKey.length === 0) errs.push(required(child(path, 'topologyKey'), 'can not be empty'));
  validateLabelName(errs, topologyKey, child(path, 'topologyKey'));
}

function validatePodAffinity(errs: Errors, affinity: Json, path: string): void {
  objectsAt(errs, affinity, path, 'requiredDuringSchedulingIgnoredDuringExecution').forEach((term, i) => {
    if (term) validatePodAffinityTerm(errs, term, index(child(path, 'requiredDuringSchedulingIgnoredDuringExecution'), i));
  });
  objectsAt(errs, affinity, path, 'preferredDuringSchedulingIgnoredDuringExecution').forEach((weighted, i) => {
    if (!weighted) return;
    const p = index(child(path, 'preferredDuringSchedulingIgnoredDuringExecution'), i);
    validateWeight(errs, weighted, p);
    const term = objectAt(errs, weighted, p, 'podAffinityTerm');
    validatePodAffinityTerm(errs, term ?? {}, child(p, 'podAffinityTerm'));
  });
}

/** validateAffinity. */
export function validateAffinity(errs: Errors, spec: Json, path: string): void {
  const affinity = objectAt(errs, spec, path, 'affinity');
  if (!affinity) return;
  const p = child(path, 'affinity');
  const nodeAffinity = objectAt(errs, affinity, p, 'nodeAffinity');
  if (nodeAffinity) {
    const np = child(p, 'nodeAffinity');
    const requiredTerms = objectAt(errs, nodeAffinity, np, 'requiredDuringSchedulingIgnoredDuringExecution');
    if (requiredTerms) {
      const rp = child(np, 'requiredDuringSchedulingIgnoredDuringExecution');
      const terms = objectsAt(errs, requiredTerms, rp, 'nodeSelectorTerms');
      if (terms.length === 0) errs.push(required(child(rp, 'nodeSelectorTerms'), 'must have at least one node selector term'));
      terms.forEach((term, i) => term && validateNodeSelectorTerm(errs, term, index(child(rp, 'nodeSelectorTerms'), i), false));
    }
    objectsAt(errs, nodeAffinity, np, 'preferredDuringSchedulingIgnoredDuringExecution').forEach((term, i) => {
      if (!term) return;
      const tp = index(child(np, 'preferredDuringSchedulingIgnoredDuringExecution'), i);
      validateWeight(errs, term, tp);
      validateNodeSelectorTerm(errs, objectAt(errs, term, tp, 'preference') ?? {}, child(tp, 'preference'), true);
    });
  }
  for (const kind of ['podAffinity', 'podAntiAffinity']) {
    const pod = objectAt(errs, affinity, p, kind);
    if (pod) validatePodAffinity(errs, pod, child(p, kind));
  }
}

/** validateTopologySpreadConstraints. */
export function validateTopologySpreadConstraints(errs: Errors, spec: Json, path: string): void {
  const listPath = child(path, 'topologySpreadConstraints');
  const constraints = objectsAt(errs, spec, path, 'topologySpreadConstraints');
  constraints.forEach((c, i) => {
    if (!c) return;
    const p = index(listPath, i);
    const maxSkew = intAt(errs, c, p, 'maxSkew') ?? 0;
    if (maxSkew <= 0) errs.push(invalidValue(child(p, 'maxSkew'), maxSkew, 'must be greater than zero'));
    const topologyKey = stringAt(errs, c, p, 'topologyKey') ?? '';
    if (topologyKey === '') errs.push(required(child(p, 'topologyKey'), 'can not be empty'));
    const action = stringAt(errs, c, p, 'whenUnsatisfiable') ?? '';
    if (action !== 'DoNotSchedule' && action !== 'ScheduleAnyway') {
      errs.push(notSupported(child(p, 'whenUnsatisfiable'), action, ['DoNotSchedule', 'ScheduleAnyway']));
    }
    const repeated = constraints.slice(i + 1).some((o) => o?.topologyKey === topologyKey && o?.whenUnsatisfiable === action);
    if (repeated) errs.push(duplicate(child(p, '{topologyKey, whenUnsatisfiable}'), `{${topologyKey}, ${action}}`));
    const minDomains = intAt(errs, c, p, 'minDomains');
    if (minDomains !== undefined) {
      if (minDomains <= 0) errs.push(invalidValue(child(p, 'minDomains'), minDomains, 'must be greater than zero'));
      if (action !== 'DoNotSchedule') {
        errs.push(invalidValue(child(p, 'minDomains'), minDomains, `can only use minDomains if whenUnsatisfiable=DoNotSchedule, not ${action}`));
      }
    }
    for (const policy of ['nodeAffinityPolicy', 'nodeTaintsPolicy']) {
      const value = stringAt(errs, c, p, policy);
      if (value !== undefined && value !== 'Honor' && value !== 'Ignore') errs.push(notSupported(child(p, policy), value, ['Honor', 'Ignore']));
    }
    readLabelSelector(errs, c.labelSelector, child(p, 'labelSelector'));
  });
}

/** validateSchedulingGates: qualified names, no duplicates. */
export function validateSchedulingGates(errs: Errors, spec: Json, path: string): void {
  const seen = new Set<string>();
  objectsAt(errs, spec, path, 'schedulingGates').forEach((gate, i) => {
    if (!gate) return;
    const p = index(child(path, 'schedulingGates'), i);
    const name = stringAt(errs, gate, p, 'name') ?? '';
    for (const msg of isQualifiedName(name)) errs.push(invalidValue(p, name, msg));
    if (seen.has(name)) errs.push(duplicate(p, name));
    seen.add(name);
  });
}
