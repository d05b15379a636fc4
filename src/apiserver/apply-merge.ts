/**
 * Merging an applied configuration into a live object (structured-merge-diff's typed.Merge) and
 * removing the fields an applier gave up (typed.RemoveItems). Maps merge key by key, associative
 * lists item by item keeping the order structured-merge-diff keeps, and atomic values are
 * replaced. A `null` in the configuration clears the field.
 */
import type { JsonObject, JsonValue } from '../api/types.js';
import { deepClone } from '../api/freeze.js';
import type { FieldSchema } from './managed-fields-schema.js';
import { fieldSchema, itemElements, rootSchema } from './managed-fields-schema.js';
import type { FieldSet } from './managed-fields-set.js';
import { isMap } from '../api/patch/go-values.js';
import { pruneNulls } from '../api/patch/json-merge-patch.js';
import { itemSchema } from './managed-fields-walk.js';

/** `live` with `config` merged in, as a new object (live's untouched parts are shared). */
export function mergeApplied(live: JsonObject, config: JsonObject, kind: string): JsonObject {
  return (mergeValues(live, config, rootSchema(kind)) ?? {}) as JsonObject;
}

function mergeValues(lhs: JsonValue | undefined, rhs: JsonValue | undefined, schema: FieldSchema): JsonValue | undefined {
  if (rhs === undefined) return lhs;
  if (rhs === null) return undefined;
  if (Array.isArray(lhs) && Array.isArray(rhs) && !schema.atomic) {
    const merged = mergeLists(lhs, rhs, schema);
    if (merged !== undefined) return merged;
  }
  if (isMap(lhs) && isMap(rhs) && !schema.atomic) {
    const out: JsonObject = { ...lhs };
    for (const key of Object.keys(rhs)) {
      const value = mergeValues(lhs[key], rhs[key], fieldSchema(schema, key));
      if (value === undefined) delete out[key];
      else out[key] = value;
    }
    return out;
  }
  return isMap(rhs) || Array.isArray(rhs) ? pruneNulls(rhs) : rhs;
}

/**
 * Merges two associative lists item by item: live items keep their places, the configuration's
 * shared items keep the configuration's relative order, and new items go where the configuration
 * puts them (mergingWalker.visitListItems). Undefined when either list cannot be keyed.
 */
function mergeLists(lhs: JsonValue[], rhs: JsonValue[], schema: FieldSchema): JsonValue[] | undefined {
  const lEls = itemElements(schema, lhs);
  const rEls = itemElements(schema, rhs);
  if (lEls === undefined || rEls === undefined) return undefined;
  const left = new Map(lEls.map((e, i) => [e, lhs[i]]));
  const right = new Map(rEls.map((e, i) => [e, rhs[i]]));
  const shared = rEls.filter((e) => left.has(e));
  let nextShared = shared.shift();
  const merged = new Set<string>();
  const out: JsonValue[] = [];
  const take = (element: string): void => {
    merged.add(element);
    const item = mergeValues(left.get(element), right.get(element), itemSchema(schema));
    if (item !== undefined) out.push(item);
  };
  let li = 0;
  let ri = 0;
  while (li < lEls.length || ri < rEls.length) {
    const l = lEls[li];
    const r = rEls[ri];
    if (l !== undefined && r !== undefined) {
      if (l === r) {
        take(l);
        li++;
        ri++;
        nextShared = shared.shift();
        continue;
      }
      if (right.has(l) && nextShared !== undefined && nextShared !== l) {
        li++;
        continue;
      }
    }
    if (l !== undefined) {
      if (!right.has(l)) {
        out.push(left.get(l) ?? null);
        li++;
        continue;
      }
      if (merged.has(l)) {
        li++;
        continue;
      }
    }
    if (r !== undefined) {
      take(r);
      ri++;
      if (nextShared === r) nextShared = shared.shift();
    }
  }
  return out;
}

/**
 * `object` without the member paths of `set` (typed.RemoveItems). A map or list emptied by the
 * removal goes too, as Go's `omitempty` drops an empty map or slice.
 */
export function removeMembers(object: JsonObject, set: FieldSet, kind: string): JsonObject {
  return (removeFrom(deepClone(object), set, rootSchema(kind)) ?? {}) as JsonObject;
}

function removeFrom(value: JsonValue, set: FieldSet, schema: FieldSchema): JsonValue {
  if (Array.isArray(value)) {
    const elements = itemElements(schema, value);
    if (elements === undefined) return value;
    const out: JsonValue[] = [];
    value.forEach((item, i) => {
      const node = set.children.get(elements[i] ?? '');
      if (node === undefined) out.push(item);
      else if (!node.member) out.push(removeFrom(item, node, itemSchema(schema)));
    });
    return out;
  }
  if (!isMap(value)) return value;
  for (const [element, node] of set.children) {
    if (!element.startsWith('f:')) continue;
    const key = element.slice(2);
    const child = value[key];
    if (child === undefined) continue;
    if (node.member) {
      delete value[key];
      continue;
    }
    const rest = removeFrom(child, node, fieldSchema(schema, key));
    if (isEmptied(child, rest)) delete value[key];
    else value[key] = rest;
  }
  return value;
}

function isEmptied(before: JsonValue, after: JsonValue): boolean {
  if (Array.isArray(before) && Array.isArray(after)) return before.length > 0 && after.length === 0;
  if (isMap(before) && isMap(after)) return Object.keys(after).length === 0;
  return false;
}
