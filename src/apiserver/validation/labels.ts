/**
 * Labels and label selectors (k8s.io/apimachinery/pkg/apis/meta/v1/validation): label maps,
 * LabelSelector validation, and whether a selector matches a set of labels.
 */
import { child, index, invalidValue, required, forbiddenField } from '../../api/field-errors.js';
import type { Errors } from './access.js';
import { asObject, objectsAt, stringAt, stringMapAt, stringsAt } from './access.js';
import { isQualifiedName, isValidLabelValue } from './names.js';

/** ValidateLabelName: a label key (or any qualified name) at `path`. */
export function validateLabelName(errs: Errors, key: string, path: string): void {
  for (const msg of isQualifiedName(key)) errs.push(invalidValue(path, key, msg));
}

/** ValidateLabels: every key a qualified name, every value a label value; errors at the map's path. */
export function validateLabels(errs: Errors, labels: Record<string, string> | undefined, path: string): void {
  for (const [k, v] of Object.entries(labels ?? {})) {
    validateLabelName(errs, k, path);
    for (const msg of isValidLabelValue(v)) errs.push(invalidValue(path, v, msg));
  }
}

/** A selector requirement after reading. */
export interface Requirement {
  key: string;
  operator: string;
  values: string[];
}

/** A label selector after reading: `undefined` is a nil selector (matches nothing). */
export interface Selector {
  matchLabels: Record<string, string>;
  matchExpressions: Requirement[];
  /** False when some part failed validation, so matching would be meaningless. */
  usable: boolean;
}

const OPERATORS = new Set(['In', 'NotIn', 'Exists', 'DoesNotExist']);

/**
 * Reads and validates a metav1.LabelSelector at `path` (ValidateLabelSelector): matchLabels as
 * labels, each requirement's operator, values and key.
 */
export function readLabelSelector(errs: Errors, value: unknown, path: string, allowInvalidValues = false): Selector | undefined {
  if (value === undefined || value === null) return undefined;
  const o = asObject(value);
  if (!o) {
    errs.push(invalidValue(path, value, 'must be an object'));
    return undefined;
  }
  const before = errs.length;
  const matchLabels = stringMapAt(errs, o, path, 'matchLabels') ?? {};
  validateLabels(errs, matchLabels, child(path, 'matchLabels'));
  const matchExpressions: Requirement[] = [];
  objectsAt(errs, o, path, 'matchExpressions').forEach((expr, i) => {
    if (!expr) return;
    const p = index(child(path, 'matchExpressions'), i);
    const key = stringAt(errs, expr, p, 'key') ?? '';
    const operator = stringAt(errs, expr, p, 'operator') ?? '';
    const values = stringsAt(errs, expr, p, 'values');
    validateRequirement(errs, { key, operator, values }, p, allowInvalidValues);
    matchExpressions.push({ key, operator, values });
  });
  return { matchLabels, matchExpressions, usable: errs.length === before };
}

function validateRequirement(errs: Errors, r: Requirement, path: string, allowInvalidValues: boolean): void {
  if (r.operator === 'In' || r.operator === 'NotIn') {
    if (r.values.length === 0) errs.push(required(child(path, 'values'), "must be specified when `operator` is 'In' or 'NotIn'"));
  } else if (r.operator === 'Exists' || r.operator === 'DoesNotExist') {
    if (r.values.length > 0) {
      errs.push(forbiddenField(child(path, 'values'), "may not be specified when `operator` is 'Exists' or 'DoesNotExist'"));
    }
  } else {
    errs.push(invalidValue(child(path, 'operator'), r.operator, 'not a valid selector operator'));
  }
  validateLabelName(errs, r.key, child(path, 'key'));
  if (!allowInvalidValues) {
    r.values.forEach((v, i) => {
      for (const msg of isValidLabelValue(v)) errs.push(invalidValue(index(child(path, 'values'), i), v, msg));
    });
  }
}

/** True when the selector has neither matchLabels nor matchExpressions (it matches everything). */
export function isEmptySelector(selector: Selector): boolean {
  return Object.keys(selector.matchLabels).length === 0 && selector.matchExpressions.length === 0;
}

/** Whether `labels` satisfy the selector; a nil selector matches nothing, an empty one everything. */
export function selectorMatches(selector: Selector | undefined, labels: Record<string, string> | undefined): boolean {
  if (!selector) return false;
  const set = labels ?? {};
  for (const [k, v] of Object.entries(selector.matchLabels)) if (set[k] !== v) return false;
  for (const r of selector.matchExpressions) {
    if (!OPERATORS.has(r.operator)) return false;
    const has = Object.prototype.hasOwnProperty.call(set, r.key);
    const value = set[r.key];
    if (r.operator === 'In' && !(has && r.values.includes(value!))) return false;
    if (r.operator === 'NotIn' && has && r.values.includes(value!)) return false;
    if (r.operator === 'Exists' && !has) return false;
    if (r.operator === 'DoesNotExist' && has) return false;
  }
  return true;
}

