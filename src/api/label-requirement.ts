/**
 * One term of a label selector (labels.Requirement): its operators, the validation
 * `labels.NewRequirement` applies, with the field-error texts kube-apiserver prints, and its
 * canonical string.
 */
import { isQualifiedName, isValidLabelValue } from './label-validation.js';

/** selection.Operator, with upstream's spellings. */
export type Operator = 'in' | 'notin' | '=' | '==' | '!=' | 'exists' | '!' | 'gt' | 'lt';

/** labels.Requirement: one term of a selector. */
export interface Requirement {
  readonly key: string;
  readonly operator: Operator;
  readonly values: readonly string[];
}

/** Decimal integers as Go's strconv.ParseInt accepts them (for `gt`/`lt`). */
export const INTEGER = /^[+-]?[0-9]+$/;

/** Go's `%#v` of a []string, as field errors print a bad value list. */
function goStringSlice(values: readonly string[] | null): string {
  if (values === null) return '[]string(nil)';
  return `[]string{${values.map((v) => JSON.stringify(v)).join(', ')}}`;
}

/** labels.NewRequirement's validation: the problems, printed as field errors (null values print as Go's nil slice). */
export function requirementErrors(key: string, operator: Operator, values: readonly string[] | null): string[] {
  const errs: string[] = [];
  const keyErrs = isQualifiedName(key);
  if (keyErrs.length > 0) errs.push(`key: Invalid value: ${JSON.stringify(key)}: ${keyErrs.join('; ')}`);
  const list = values ?? [];
  const bad = (detail: string): number => errs.push(`values: Invalid value: ${goStringSlice(values)}: ${detail}`);
  if ((operator === 'in' || operator === 'notin') && list.length === 0) bad("for 'in', 'notin' operators, values set can't be empty");
  if ((operator === '=' || operator === '==' || operator === '!=') && list.length !== 1) bad('exact-match compatibility requires one single value');
  if ((operator === 'exists' || operator === '!') && list.length !== 0) bad('values set must be empty for exists and does not exist');
  if (operator === 'gt' || operator === 'lt') {
    if (list.length !== 1) bad("for 'Gt', 'Lt' operators, exactly one value is required");
    list.forEach((v, i) => {
      if (!INTEGER.test(v)) errs.push(`values[${i}]: Invalid value: ${JSON.stringify(v)}: for 'Gt', 'Lt' operators, the value must be an integer`);
    });
  }
  list.forEach((v, i) => {
    const valueErrs = isValidLabelValue(v);
    if (valueErrs.length > 0) errs.push(`values[${i}][${key}]: Invalid value: ${JSON.stringify(v)}: ${valueErrs.join('; ')}`);
  });
  return errs;
}

/** utilerrors.NewAggregate(...).Error(): one message bare, several in brackets, duplicates dropped. */
export function aggregate(messages: string[]): string {
  const unique = [...new Set(messages)];
  return unique.length === 1 ? unique[0]! : `[${unique.join(', ')}]`;
}

const OPERATOR_TEXT: Record<Operator, string> = { in: ' in ', notin: ' notin ', '=': '=', '==': '==', '!=': '!=', gt: '>', lt: '<', exists: '', '!': '' };

/** `Requirement.String()`: `!k`, `k`, `k=v`, `k in (a,b)` (values sorted for display). */
export function requirementToString(r: Requirement): string {
  if (r.operator === 'exists') return r.key;
  if (r.operator === '!') return `!${r.key}`;
  const values = r.values.length === 1 ? r.values[0]! : [...r.values].sort().join(',');
  const set = r.operator === 'in' || r.operator === 'notin';
  return `${r.key}${OPERATOR_TEXT[r.operator]}${set ? `(${values})` : values}`;
}
