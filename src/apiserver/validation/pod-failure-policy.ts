/**
 * A Job's podFailurePolicy (validatePodFailurePolicy): at most 20 rules, each with a supported
 * action and exactly one of onExitCodes (In/NotIn, ordered unique values, a known container) or
 * onPodConditions.
 */
import type { FieldError } from '../../api/field-errors.js';
import { child, duplicate, index, invalidValue, notSupported, required } from '../../api/field-errors.js';
import type { Errors, Json } from './access.js';
import { arrayAt, asObject, objectAt, objectsAt, stringAt } from './access.js';
import { goInt32Slice, invalidGo } from './go-value.js';
import { isQualifiedName } from './names.js';

const ACTIONS = ['Count', 'FailIndex', 'FailJob', 'Ignore'];
const OPERATORS = ['In', 'NotIn'];
const STATUSES = ['False', 'True', 'Unknown'];

/** `field.Invalid(path, field.OmitValueType{}, detail)`: the message carries no value. */
function invalidOmitted(field: string, detail: string): FieldError {
  return { type: 'Invalid', field, detail };
}

/** `valid values: ["A" "B"]`, as Go's %q prints a []string. */
function validValues(values: string[]): string {
  return `valid values: [${values.map((v) => JSON.stringify(v)).join(' ')}]`;
}

function containerNames(jobSpec: Json): Set<string> {
  const spec = asObject(asObject(jobSpec.template)?.spec) ?? {};
  const names = new Set<string>();
  for (const key of ['containers', 'initContainers']) {
    for (const c of Array.isArray(spec[key]) ? spec[key] : []) {
      const name = asObject(c)?.name;
      if (typeof name === 'string') names.add(name);
    }
  }
  return names;
}

function validateOnExitCodes(errs: Errors, req: Json, path: string, names: Set<string>): void {
  const operator = stringAt(errs, req, path, 'operator') ?? '';
  if (operator === '') errs.push(required(child(path, 'operator'), validValues(OPERATORS)));
  else if (!OPERATORS.includes(operator)) errs.push(notSupported(child(path, 'operator'), operator, OPERATORS));
  const container = stringAt(errs, req, path, 'containerName');
  if (container !== undefined && !names.has(container)) {
    errs.push(invalidValue(child(path, 'containerName'), container, 'must be one of the container or initContainer names in the pod template'));
  }
  const values = (arrayAt(errs, req, path, 'values') ?? []).filter((v): v is number => Number.isInteger(v));
  const valuesPath = child(path, 'values');
  if (values.length === 0) errs.push(invalidGo(valuesPath, Array.isArray(req.values) ? '[]int32{}' : '[]int32(nil)', 'at least one value is required'));
  const seen = new Set<number>();
  values.forEach((v, j) => {
    if (operator === 'In' && v === 0) errs.push(invalidValue(index(valuesPath, j), v, 'must not be 0 for the In operator'));
    if (seen.has(v)) errs.push(duplicate(index(valuesPath, j), v));
    seen.add(v);
  });
  if (values.some((v, j) => j > 0 && values[j - 1]! > v)) errs.push(invalidGo(valuesPath, goInt32Slice(values), 'must be ordered'));
}

/** validatePodFailurePolicy at `spec.podFailurePolicy`. */
export function validatePodFailurePolicy(errs: Errors, policy: Json, jobSpec: Json, path: string): void {
  const rulesPath = child(path, 'rules');
  const rules = objectsAt(errs, policy, path, 'rules');
  if (rules.length > 20) errs.push({ type: 'TooMany', field: rulesPath, badValue: rules.length, detail: 'must have at most 20 items' });
  const names = containerNames(jobSpec);
  rules.forEach((rule, i) => {
    if (!rule) return;
    const p = index(rulesPath, i);
    const action = stringAt(errs, rule, p, 'action') ?? '';
    if (action === '') errs.push(required(child(p, 'action'), validValues(ACTIONS)));
    else if (action === 'FailIndex') {
      if (jobSpec.backoffLimitPerIndex === undefined) errs.push(invalidValue(child(p, 'action'), action, 'requires the backoffLimitPerIndex to be set'));
    } else if (!ACTIONS.includes(action)) errs.push(notSupported(child(p, 'action'), action, ACTIONS));
    const onExitCodes = objectAt(errs, rule, p, 'onExitCodes');
    if (onExitCodes) validateOnExitCodes(errs, onExitCodes, child(p, 'onExitCodes'), names);
    const conditions = objectsAt(errs, rule, p, 'onPodConditions');
    conditions.forEach((pattern, j) => {
      if (!pattern) return;
      const pp = index(child(p, 'onPodConditions'), j);
      const type = stringAt(errs, pattern, pp, 'type') ?? '';
      for (const msg of isQualifiedName(type)) errs.push(invalidValue(child(pp, 'type'), type, msg));
      const status = stringAt(errs, pattern, pp, 'status') ?? '';
      if (status === '') errs.push(required(child(pp, 'status'), validValues(STATUSES)));
      else if (!STATUSES.includes(status)) errs.push(notSupported(child(pp, 'status'), status, STATUSES));
    });
    if (onExitCodes && conditions.length > 0) errs.push(invalidOmitted(p, 'specifying both OnExitCodes and OnPodConditions is not supported'));
    if (!onExitCodes && conditions.length === 0) errs.push(invalidOmitted(p, 'specifying one of OnExitCodes and OnPodConditions is required'));
  });
}
