/**
 * How Go sees decoded JSON (`interface{}` values), for faithful strategic-merge behaviour:
 * the dynamic kind of a value, `fmt.Sprintf("%v", v)` (merge lists are sorted by it and error
 * messages print it), deep equality, and the mergepatch error texts that embed values.
 */
import type { JsonObject, JsonValue } from '../types.js';

/** The reflect.Kind of a decoded JSON value. */
export type GoKind = 'map' | 'slice' | 'string' | 'number' | 'bool' | 'nil';

/** The kind of a JSON value as Go's decoder would type it. */
export function goKind(value: JsonValue | undefined): GoKind {
  if (value === null || value === undefined) return 'nil';
  if (Array.isArray(value)) return 'slice';
  switch (typeof value) {
    case 'object':
      return 'map';
    case 'string':
      return 'string';
    case 'number':
      return 'number';
    default:
      return 'bool';
  }
}

/** True for a JSON object (a Go map[string]interface{}). */
export function isMap(value: JsonValue | undefined): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** `fmt.Sprintf("%v", value)`: maps print as `map[k:v …]` with sorted keys, slices as `[a b]`, null as `<nil>`. */
export function goString(value: JsonValue | undefined): string {
  if (value === null || value === undefined) return '<nil>';
  if (Array.isArray(value)) return `[${value.map(goString).join(' ')}]`;
  if (typeof value === 'object') {
    const keys = Object.keys(value).filter((k) => value[k] !== undefined).sort();
    return `map[${keys.map((k) => `${k}:${goString(value[k])}`).join(' ')}]`;
  }
  if (typeof value === 'number' && !Number.isInteger(value)) {
    // Go's %v of a float64 is %g with the shortest digits: exponent form below 1e-4 and from 1e6.
    const exponent = Math.floor(Math.log10(Math.abs(value)));
    if (exponent >= -4 && exponent < 6) return String(value);
    return value.toExponential().replace(/e([+-])(\d)$/, 'e$10$2');
  }
  return String(value);
}

/** reflect.DeepEqual over JSON values. */
export function deepEqual(a: JsonValue | undefined, b: JsonValue | undefined): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a)) {
    const bb = b as JsonValue[];
    return a.length === bb.length && a.every((v, i) => deepEqual(v, bb[i]));
  }
  const ao = a as JsonObject;
  const bo = b as JsonObject;
  const keys = Object.keys(ao).filter((k) => ao[k] !== undefined);
  if (keys.length !== Object.keys(bo).filter((k) => bo[k] !== undefined).length) return false;
  return keys.every((k) => Object.hasOwn(bo, k) && deepEqual(ao[k], bo[k]));
}

/** Go type names as mergepatch.ErrBadArgType prints them. */
const GO_TYPE_NAMES: Record<GoKind, string> = {
  map: 'map[string]interface {}',
  slice: '[]interface {}',
  string: 'string',
  number: 'float64',
  bool: 'bool',
  nil: '<nil>',
};

/** mergepatch.ErrBadArgType: `expected a map[string]interface {}, but received a string`. */
export function errBadArgType(expected: GoKind, actual: JsonValue | undefined): string {
  return `expected a ${GO_TYPE_NAMES[expected]}, but received a ${GO_TYPE_NAMES[goKind(actual)]}`;
}

/** mergepatch.ErrNoMergeKey. */
export function errNoMergeKey(m: JsonObject, mergeKey: string): string {
  return `map: ${goString(m)} does not contain declared merge key: ${mergeKey}`;
}

/** mergepatch.ErrBadPatchType. */
export function errBadPatchType(directive: JsonValue | undefined, m: JsonObject): string {
  return `unknown patch type: ${goString(directive)} in map: ${goString(m)}`;
}
