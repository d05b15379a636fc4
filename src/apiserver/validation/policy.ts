/**
 * PodDisruptionBudgets (pkg/apis/policy/validation): minAvailable or maxUnavailable (not both),
 * each a non-negative integer or a percent up to 100%, and a valid selector.
 */
import { invalidValue, notSupported } from '../../api/field-errors.js';
import type { Errors, Json } from './access.js';
import { intOrStringAt, objectAt, stringAt } from './access.js';
import { readLabelSelector, selectorValue } from './labels.js';
import { metaOf, validateObjectMeta, validateObjectMetaUpdate } from './metadata.js';
import { nameIsDNSSubdomain } from './names.js';
import { validateNotMoreThan100Percent, validatePositiveIntOrPercent } from './rollout.js';

/** The spec as Go's encoding/json prints a policy.PodDisruptionBudgetSpec (struct field order). */
function specValue(spec: Json): Json {
  const out: Json = {};
  for (const field of ['minAvailable', 'selector', 'maxUnavailable', 'unhealthyPodEvictionPolicy']) {
    if (spec[field] !== undefined && spec[field] !== null) out[field] = field === 'selector' ? selectorValue(spec[field]) : spec[field];
  }
  return out;
}

function validateSpec(errs: Errors, spec: Json): void {
  const minAvailable = intOrStringAt(errs, spec, 'spec', 'minAvailable');
  const maxUnavailable = intOrStringAt(errs, spec, 'spec', 'maxUnavailable');
  if (minAvailable !== undefined && maxUnavailable !== undefined) {
    errs.push(invalidValue('spec', specValue(spec), 'minAvailable and maxUnavailable cannot be both set'));
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
