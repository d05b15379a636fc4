/**
 * field.Error from k8s.io/apimachinery/pkg/util/validation/field: one validation failure at a
 * field path, printed exactly as kube-apiserver prints it.
 */

/** The kinds of validation failure (field.ErrorType). */
export type FieldErrorType =
  | 'Required'
  | 'Invalid'
  | 'NotSupported'
  | 'Duplicate'
  | 'Forbidden'
  | 'TooLong'
  | 'TooMany'
  | 'NotFound'
  | 'Internal';

/** One validation failure. `field` is a path such as `spec.template.spec.containers[0].image`. */
export interface FieldError {
  type: FieldErrorType;
  field: string;
  /** The offending value; omitted for types that never print one. */
  badValue?: unknown;
  /**
   * The offending value already written as Go's `%#v` prints it (`v1.LabelSelector{…}`,
   * `intstr.IntOrString{…}`), for values `badValue` cannot render; printed as is, instead of `badValue`.
   */
  goValue?: string;
  detail?: string;
}

const TYPE_TEXT: Record<FieldErrorType, string> = {
  Required: 'Required value',
  Invalid: 'Invalid value',
  NotSupported: 'Unsupported value',
  Duplicate: 'Duplicate value',
  Forbidden: 'Forbidden',
  TooLong: 'Too long',
  TooMany: 'Too many',
  NotFound: 'Not found',
  Internal: 'Internal error',
};

const CAUSE_REASON: Record<FieldErrorType, string> = {
  Required: 'FieldValueRequired',
  Invalid: 'FieldValueInvalid',
  NotSupported: 'FieldValueNotSupported',
  Duplicate: 'FieldValueDuplicate',
  Forbidden: 'FieldValueForbidden',
  TooLong: 'FieldValueTooLong',
  TooMany: 'FieldValueTooMany',
  NotFound: 'FieldValueNotFound',
  Internal: 'InternalError',
};

/** Types whose message never includes the bad value. */
const VALUELESS = new Set<FieldErrorType>(['Required', 'Forbidden', 'TooLong', 'Internal']);

/**
 * Go's rendering of a bad value: `%v` for numbers and booleans, `%q` for strings, `%#v` for
 * string slices (`[]string{"a", "b"}`) and string maps (`map[string]string{"app":"web"}`).
 */
function formatValue(value: unknown): string {
  if (value === undefined || value === null) return 'null';
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (Array.isArray(value) && value.every((v) => typeof v === 'string')) {
    return `[]string{${value.map((v) => JSON.stringify(v)).join(', ')}}`;
  }
  if (typeof value === 'object' && !Array.isArray(value) && Object.values(value).every((v) => typeof v === 'string')) {
    const entries = Object.keys(value).sort().map((k) => `${JSON.stringify(k)}:${JSON.stringify((value as Record<string, string>)[k])}`);
    return `map[string]string{${entries.join(', ')}}`;
  }
  return JSON.stringify(value);
}

/** The message without the field path, e.g. `Invalid value: -1: must be greater than or equal to 0`. */
export function errorBody(e: FieldError): string {
  let body = TYPE_TEXT[e.type];
  if (!VALUELESS.has(e.type)) {
    if (e.goValue !== undefined) body += `: ${e.goValue}`;
    else if ('badValue' in e) body += `: ${formatValue(e.badValue)}`;
  }
  if (e.detail) body += `: ${e.detail}`;
  return body;
}

/** The full message, `spec.replicas: Invalid value: -1: must be greater than or equal to 0`. */
export function fieldErrorMessage(e: FieldError): string {
  return `${e.field}: ${errorBody(e)}`;
}

/** The StatusCause reason for an error type (`FieldValueInvalid`, …). */
export function causeReason(e: FieldError): string {
  return CAUSE_REASON[e.type];
}

/** Aggregate several errors the way utilerrors.NewAggregate prints them: one bare, several in brackets. */
export function aggregateMessage(errors: readonly FieldError[]): string {
  const messages = [...new Set(errors.map(fieldErrorMessage))];
  return messages.length === 1 ? messages[0]! : `[${messages.join(', ')}]`;
}

/** `field.Required(path, detail)`. */
export function required(field: string, detail = ''): FieldError {
  return detail ? { type: 'Required', field, detail } : { type: 'Required', field };
}

/** `field.Invalid(path, value, detail)`. */
export function invalidValue(field: string, badValue: unknown, detail = ''): FieldError {
  return { type: 'Invalid', field, badValue, detail };
}

/** `field.NotSupported(path, value, supported)`: detail lists the quoted supported values. */
export function notSupported(field: string, badValue: unknown, supported: readonly string[]): FieldError {
  return { type: 'NotSupported', field, badValue, detail: `supported values: ${supported.map((s) => JSON.stringify(s)).join(', ')}` };
}

/** `field.Duplicate(path, value)`. */
export function duplicate(field: string, badValue: unknown): FieldError {
  return { type: 'Duplicate', field, badValue };
}

/** `field.Forbidden(path, detail)`. */
export function forbiddenField(field: string, detail: string): FieldError {
  return { type: 'Forbidden', field, detail };
}

/** `field.TooLong(path, value, max)`. */
export function tooLong(field: string, badValue: unknown, max: number): FieldError {
  return { type: 'TooLong', field, badValue, detail: `may not be more than ${max} ${max === 1 ? 'byte' : 'bytes'}` };
}

/** `field.NotFound(path, value)`. */
export function notFoundField(field: string, badValue: unknown): FieldError {
  return { type: 'NotFound', field, badValue };
}

/** Joins path segments: `child('spec', 'replicas')` → `spec.replicas`; `index('spec.containers', 0)` → `spec.containers[0]`. */
export function child(parent: string, name: string): string {
  return parent === '' ? name : `${parent}.${name}`;
}

/** `spec.containers[0]`. */
export function index(parent: string, i: number): string {
  return `${parent}[${i}]`;
}

/** `metadata.labels[app]` (field.Path.Key). */
export function key(parent: string, k: string): string {
  return `${parent}[${k}]`;
}
