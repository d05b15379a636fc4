/**
 * The small vocabulary the defaulters are written in. Defaulting works like the Go code it
 * follows: it copies the incoming object once (`cloneJson`) and then fills fields of that private
 * copy in place, so the caller's (possibly deep-frozen) object is never touched.
 *
 * Go's notion of "unset" differs by field type, so there is one setter per kind of Go field:
 * a `string` is unset when empty, an `int32` when zero, a pointer when nil.
 */

/** A JSON object being defaulted (a private, mutable copy). */
export type Fields = Record<string, unknown>;

/** True for a plain JSON object (not an array, not null). */
export function isFields(value: unknown): value is Fields {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A deep copy of a JSON value: arrays and plain objects are copied, `undefined` members dropped. */
export function cloneJson<T>(value: T): T {
  if (typeof value !== 'object' || value === null) return value;
  if (Array.isArray(value)) return value.map((item: unknown) => cloneJson(item)) as T;
  const copy: Fields = {};
  for (const key of Object.keys(value)) {
    const member = (value as Fields)[key];
    if (member !== undefined) copy[key] = cloneJson(member);
  }
  return copy as T;
}

/** The object at `parent[key]`, or undefined when absent or not an object. */
export function child(parent: Fields, key: string): Fields | undefined {
  const value = parent[key];
  return isFields(value) ? value : undefined;
}

/** The object at `parent[key]`, created empty when absent or null (Go: allocating a nil struct pointer). */
export function ensureChild(parent: Fields, key: string): Fields {
  const value = parent[key];
  if (isFields(value)) return value;
  const created: Fields = {};
  parent[key] = created;
  return created;
}

/** The objects of the array at `parent[key]` (non-objects are skipped; absent gives none). */
export function items(parent: Fields, key: string): Fields[] {
  const value = parent[key];
  return Array.isArray(value) ? value.filter(isFields) : [];
}

/** The labels map at `parent[key]` as strings, or undefined when absent. */
export function stringMap(parent: Fields, key: string): Record<string, string> | undefined {
  const value = parent[key];
  if (!isFields(value)) return undefined;
  const map: Record<string, string> = {};
  for (const [k, v] of Object.entries(value)) if (typeof v === 'string') map[k] = v;
  return map;
}

/** Sets a Go `string` field when it is empty (absent, null or ''). */
export function defaultString(o: Fields, key: string, value: string): void {
  const current = o[key];
  if (current === undefined || current === null || current === '') o[key] = value;
}

/** Sets a Go `int32`/`int64` field when it is zero (absent, null or 0). */
export function defaultInt(o: Fields, key: string, value: number): void {
  const current = o[key];
  if (current === undefined || current === null || current === 0) o[key] = value;
}

/** Sets a Go pointer field when it is nil (absent or null); `value` is copied. */
export function defaultPointer(o: Fields, key: string, value: unknown): void {
  const current = o[key];
  if (current === undefined || current === null) o[key] = cloneJson(value);
}

/** True when a Go map or slice field is empty (absent, null, or no members). */
export function isEmptyCollection(value: unknown): boolean {
  if (value === undefined || value === null) return true;
  if (Array.isArray(value)) return value.length === 0;
  return isFields(value) && Object.keys(value).length === 0;
}
