/**
 * Safe readers for objects that arrive as plain JSON. Kubernetes decodes into typed Go structs
 * first and refuses a wrong type with a 400; here a wrong type becomes an `Invalid` field error
 * instead, and the reader returns `undefined` so the rules for that field are skipped.
 */
import type { FieldError } from '../../api/field-errors.js';
import { child, invalidValue } from '../../api/field-errors.js';

/** A JSON object whose members are not yet checked. */
export type Json = Record<string, unknown>;

/** The errors one validation run collects. */
export type Errors = FieldError[];

/** The value as an object, or undefined (no error): for optional sub-structures already checked. */
export function asObject(value: unknown): Json | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Json) : undefined;
}

/**
 * `parent[key]` if `ok` accepts it; anything else but absent or null is reported. The field path
 * is joined only for an error: every write reads hundreds of fields through here.
 */
function typed<T>(errs: Errors, parent: Json | undefined, path: string, key: string, ok: (v: unknown) => boolean, detail: string): T | undefined {
  const value = parent?.[key];
  if (value === undefined || value === null) return undefined;
  if (ok(value)) return value as T;
  errs.push(invalidValue(child(path, key), value, detail));
  return undefined;
}

const isObject = (v: unknown): boolean => asObject(v) !== undefined;
const isString = (v: unknown): boolean => typeof v === 'string';
const isInteger = (v: unknown): boolean => Number.isInteger(v);
const isBoolean = (v: unknown): boolean => typeof v === 'boolean';
const isIntOrString = (v: unknown): boolean => typeof v === 'string' || Number.isInteger(v);

/** `parent[key]` as an object; a non-object is reported. */
export function objectAt(errs: Errors, parent: Json | undefined, path: string, key: string): Json | undefined {
  return typed<Json>(errs, parent, path, key, isObject, 'must be an object');
}

/** `parent[key]` as a string; a non-string is reported. */
export function stringAt(errs: Errors, parent: Json | undefined, path: string, key: string): string | undefined {
  return typed<string>(errs, parent, path, key, isString, 'must be a string');
}

/** `parent[key]` as an integer; anything else is reported. */
export function intAt(errs: Errors, parent: Json | undefined, path: string, key: string): number | undefined {
  return typed<number>(errs, parent, path, key, isInteger, 'must be an integer');
}

/** `parent[key]` as a boolean; anything else is reported. */
export function boolAt(errs: Errors, parent: Json | undefined, path: string, key: string): boolean | undefined {
  return typed<boolean>(errs, parent, path, key, isBoolean, 'must be a boolean');
}

/** `parent[key]` as an array; a non-array is reported. */
export function arrayAt(errs: Errors, parent: Json | undefined, path: string, key: string): unknown[] | undefined {
  return typed<unknown[]>(errs, parent, path, key, Array.isArray, 'must be an array');
}

/** `parent[key]` as an array of objects; the array and each non-object item are reported. */
export function objectsAt(errs: Errors, parent: Json | undefined, path: string, key: string): (Json | undefined)[] {
  const items = arrayAt(errs, parent, path, key) ?? [];
  return items.map((item, i) => {
    const o = asObject(item);
    if (!o) errs.push(invalidValue(`${child(path, key)}[${i}]`, item, 'must be an object'));
    return o;
  });
}

/** `parent[key]` as an array of strings; non-string items are reported and dropped. */
export function stringsAt(errs: Errors, parent: Json | undefined, path: string, key: string): string[] {
  const items = arrayAt(errs, parent, path, key) ?? [];
  const out: string[] = [];
  items.forEach((item, i) => {
    if (typeof item === 'string') out.push(item);
    else errs.push(invalidValue(`${child(path, key)}[${i}]`, item, 'must be a string'));
  });
  return out;
}

/** `parent[key]` as a map of strings (labels, annotations, selectors); bad entries are reported and dropped. */
export function stringMapAt(errs: Errors, parent: Json | undefined, path: string, key: string): Record<string, string> | undefined {
  const o = objectAt(errs, parent, path, key);
  if (!o) return undefined;
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(o)) {
    if (typeof v === 'string') out[k] = v;
    else if (v !== undefined) errs.push(invalidValue(`${child(path, key)}[${k}]`, v, 'must be a string'));
  }
  return out;
}

/** `parent[key]` as an int-or-string (ports, maxSurge, minAvailable); anything else is reported. */
export function intOrStringAt(errs: Errors, parent: Json | undefined, path: string, key: string): number | string | undefined {
  return typed<number | string>(errs, parent, path, key, isIntOrString, 'must be an integer or a string');
}

