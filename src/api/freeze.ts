/**
 * Immutability helpers for stored objects: the API server deep-freezes what it stores and hands the
 * same frozen object to every reader; writers clone and build a new object.
 */

/**
 * Freezes `value` and everything reachable from it, in place, and returns it. A value that is
 * already frozen is assumed to be deeply frozen and is skipped, so freezing an object built from
 * frozen parts costs only the new parts.
 */
export function deepFreeze<T>(value: T): T {
  if (typeof value !== 'object' || value === null || Object.isFrozen(value)) return value;
  Object.freeze(value);
  for (const child of Object.values(value)) deepFreeze(child);
  return value;
}

/**
 * A deep, unfrozen copy of a JSON value. A plain recursive copy rather than `structuredClone`:
 * for JSON it gives the same result, is several times faster on Node 20 (no serialisation
 * round trip), and leaves out `undefined` properties the way the JSON wire form would.
 */
export function deepClone<T>(value: T): T {
  if (typeof value !== 'object' || value === null) return value;
  if (Array.isArray(value)) return value.map((item) => deepClone(item)) as T;
  const copy: Record<string, unknown> = {};
  for (const [key, child] of Object.entries(value)) {
    if (child !== undefined) copy[key] = deepClone(child);
  }
  return copy as T;
}
