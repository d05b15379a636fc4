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
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) freezeUnfrozen(value);
  return value;
}

/**
 * Freezes an unfrozen object and what it reaches. Children are tested before the call and walked
 * without building an array of them: every stored write passes through here.
 */
function freezeUnfrozen(value: object): void {
  Object.freeze(value);
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const child: unknown = value[i];
      if (typeof child === 'object' && child !== null && !Object.isFrozen(child)) freezeUnfrozen(child);
    }
    return;
  }
  for (const key in value) {
    const child: unknown = (value as Record<string, unknown>)[key];
    if (typeof child === 'object' && child !== null && !Object.isFrozen(child)) freezeUnfrozen(child);
  }
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

/**
 * A shallow, unfrozen copy of a plain object, for a writer that adds properties to it. Not
 * `{ ...value }`: on Node 20 (V8 11.3), once the code is optimised, an object made by spread that
 * then gets a property it did not have receives a hidden class (map) of its own. Stored objects
 * built that way each had their own map: slow to freeze, slow to read everywhere (megamorphic
 * property access) and costly to collect. `Object.assign` builds the copy along the shared map
 * transitions; an object with an own `__proto__` key, which it would set as the prototype, is
 * copied by spread.
 */
export function shallowCopy<T extends object>(value: T): T {
  return Object.hasOwn(value, '__proto__') ? { ...value } : Object.assign({}, value);
}
