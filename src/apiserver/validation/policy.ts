/**
 * PodDisruptionBudgets (pkg/apis/policy/validation): minAvailable or maxUnavailable (not both),
 * each a non-negative integer or a percent up to 100%, and a valid selector.
 */
import { notSupported } from '../../api/field-errors.js';
import type { Errors, Json } from './access.js';
import { intOrStringAt, objectAt, stringAt } from './access.js';
import { goPointer, invalidGo } from './go-value.js';
import { readLabelSelector } from './labels.js';
import { metaOf, validateObjectMeta, validateObjectMetaUpdate } from './metadata.js';
import { nameIsDNSSubdomain } from './names.js';
import { validateNotMoreThan100Percent, validatePositiveIntOrPercent } from './rollout.js';

/** The spec as Go's %#v prints a policy.PodDisruptionBudgetSpec: its fields are pointers. */
function goSpec(spec: Json): string {
  const set = (field: string): boolean => spec[field] !== undefined && spec[field] !== null;
  return (
    `policy.PodDisruptionBudgetSpec{MinAvailable:${goPointer('intstr.IntOrString', set('minAvailable'), 0)}, ` +
    `Selector:${goPointer('v1.LabelSelector', set('selector'), 1)}, MaxUnavailable:${goPointer('intstr.IntOrString', set('maxUnavailable'), 2)}, ` +
    `UnhealthyPodEvictionPolicy:${goPointer('policy.UnhealthyPodEvictionPolicyType', set('unhealthyPodEvictionPolicy'), 3)}}`
  );
}

function validateSpec(errs: Errors, spec: Json): void {
  const minAvailable = intOrStringAt(errs, spec, 'spec', 'minAvailable');
  const maxUnavailable = intOrStringAt(errs, spec, 'spec', 'maxUnavailable');
  if (minAvailable !== undefined && maxUnavailable !== undefined) {
    errs.push(invalidGo('spec', goSpec(spec), 'minAvailable and maxUnavailable cannot be both set'));
  }
  for (const [field, value] of [['minAvailable', minAvailable], ['maxUnavailable', maxUnavailable]] as const) {
    if (value === undefined) continue;
    validatePositiveIntOrPercent(errs, value, `spec.${field}`);
    validateNotMoreThan100Percent(errs, value, `spec.${field}`);
  }
  readLabelSelector(errs, spec.selector, 'spec.selector');
  const policy = stringAt(errs, spec, 'spec', 'unhealthyPodEvictionPolicy');
  if (policy !== undefined && policy !== 'AlwaysAllow' && policy !== 'IfHealthyBudget') {
    errs.push(notSupported('spec.unhealthyPodEvictionPolicy', policy, ['AlwaysAllow', 'IfHealthyBudget']));
  }
}

/** ValidatePodDisruptionBudget. */
export function validatePodDisruptionBudgetCreate(errs: Errors, pdb: Json): void {
  validateObjectMeta(errs, metaOf(errs, pdb), nameIsDNSSubdomain);
  validateSpec(errs, objectAt(errs, pdb, '', 'spec') ?? {});
}

/** ValidatePodDisruptionBudgetUpdate: the spec may change, and is validated again. */
export function validatePodDisruptionBudgetUpdate(errs: Errors, pdb: Json, old: Json): void {
  validateObjectMetaUpdate(errs, metaOf(errs, pdb), metaOf([], old));
  validateSpec(errs, objectAt(errs, pdb, '', 'spec') ?? {});
}
