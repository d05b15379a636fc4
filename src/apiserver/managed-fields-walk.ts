/**
 * The two walks field tracking makes over objects (structured-merge-diff's typed.ToFieldSet and
 * typed.Compare): the fields an applied configuration sets, and which fields an update added,
 * changed or removed. Both see an object as kube-apiserver's stripMeta manager does: without
 * apiVersion, kind, the server-owned metadata, and the status of a kind with a status subresource
 * (its reset fields).
 */
import type { JsonObject, JsonValue, KubeObject } from '../api/types.js';
import { jsonEqual } from '../api/equal.js';
import { isMap } from '../api/patch/go-values.js';
import type { FieldSchema } from './managed-fields-schema.js';
import { fieldSchema, itemElements, rootSchema } from './managed-fields-schema.js';
import type { FieldSet } from './managed-fields-set.js';
import { emptySet, insertPath, isEmptySet } from './managed-fields-set.js';

/** Metadata fields no manager ever owns (NewStripMetaManager). */
const STRIPPED_METADATA = ['name', 'namespace', 'creationTimestamp', 'selfLink', 'uid', 'clusterName', 'generation', 'managedFields', 'resourceVersion'];

/** The part of an object whose fields are tracked: a shallow copy without the untracked fields. */
export function trackedView(object: KubeObject | JsonObject, hasStatus: boolean): JsonObject {
  const view: JsonObject = {};
  for (const key of Object.keys(object)) {
    if (key === 'apiVersion' || key === 'kind' || (hasStatus && key === 'status')) continue;
    view[key] = (object as JsonObject)[key];
  }
  const metadata = view['metadata'];
  if (isMap(metadata)) {
    const copy: JsonObject = { ...metadata };
    for (const key of STRIPPED_METADATA) delete copy[key];
    view['metadata'] = copy;
  }
  return view;
}

/** The schema of list items of a list of schema `list`. */
export function itemSchema(list: FieldSchema): FieldSchema {
  return { type: list.type, atomic: false };
}

/** The fields an applied configuration sets (typed.ToFieldSet): leaves, atomic values and list items. */
export function toFieldSet(config: JsonObject, kind: string): FieldSet {
  const set = emptySet();
  collect(config, rootSchema(kind), [], set);
  return set;
}

function collect(value: JsonValue | undefined, schema: FieldSchema, path: string[], set: FieldSet): void {
  if (value === undefined) return;
  if (Array.isArray(value)) {
    const elements = itemElements(schema, value);
    if (elements === undefined) {
      insertPath(set, path);
      return;
    }
    value.forEach((item, i) => {
      const at = [...path, elements[i] ?? ''];
      collect(item, itemSchema(schema), at, set);
      insertPath(set, at);
    });
    return;
  }
  if (isMap(value)) {
    if (schema.atomic) {
      if (path.length > 0) insertPath(set, path);
      return;
    }
    for (const key of Object.keys(value)) collect(value[key], fieldSchema(schema, key), [...path, `f:${key}`], set);
    return;
  }
  if (path.length > 0) insertPath(set, path);
}

/** What an update did to the tracked fields (typed.Comparison). */
export interface Comparison {
  added: FieldSet;
  modified: FieldSet;
  removed: FieldSet;
}

/** Compares two objects' tracked fields. */
export function compareObjects(live: JsonObject, next: JsonObject, kind: string): Comparison {
  const comparison: Comparison = { added: emptySet(), modified: emptySet(), removed: emptySet() };
  compareValues(live, next, rootSchema(kind), [], comparison);
  return comparison;
}

/** True when the comparison found nothing. */
export function isSame(comparison: Comparison): boolean {
  return isEmptySet(comparison.added) && isEmptySet(comparison.modified) && isEmptySet(comparison.removed);
}

function compareValues(lhs: JsonValue | undefined, rhs: JsonValue | undefined, schema: FieldSchema, path: string[], out: Comparison): void {
  if (lhs === undefined && rhs === undefined) return;
  const lists = (lhs === undefined || Array.isArray(lhs)) && (rhs === undefined || Array.isArray(rhs));
  if (lists && !schema.atomic) {
    const l = lhs as JsonValue[] | undefined;
    const r = rhs as JsonValue[] | undefined;
    const lElements = itemElements(schema, l ?? []);
    const rElements = itemElements(schema, r ?? []);
    const empty = (l ?? []).length === 0 && (r ?? []).length === 0;
    if (!empty && lElements !== undefined && rElements !== undefined) {
      markPresence(l, r, path, out);
      const left = new Map(lElements.map((e, i) => [e, l?.[i]]));
      const right = new Map(rElements.map((e, i) => [e, r?.[i]]));
      for (const [element, item] of right) compareValues(left.get(element), item, itemSchema(schema), [...path, element], out);
      for (const [element, item] of left) if (!right.has(element)) compareValues(item, undefined, itemSchema(schema), [...path, element], out);
      return;
    }
  }
  const maps = (lhs === undefined || isMap(lhs)) && (rhs === undefined || isMap(rhs));
  if (maps && !schema.atomic) {
    const l = lhs as JsonObject | undefined;
    const r = rhs as JsonObject | undefined;
    const empty = Object.keys(l ?? {}).length === 0 && Object.keys(r ?? {}).length === 0;
    if (!empty) {
      markPresence(l, r, path, out);
      const keys = new Set([...Object.keys(l ?? {}), ...Object.keys(r ?? {})]);
      for (const key of keys) compareValues(l?.[key], r?.[key], fieldSchema(schema, key), [...path, `f:${key}`], out);
      return;
    }
  }
  if (path.length === 0) return;
  if (lhs === undefined) insertPath(out.added, path);
  else if (rhs === undefined) insertPath(out.removed, path);
  else if (!jsonEqual(lhs, rhs)) insertPath(out.modified, path);
}

function markPresence(lhs: unknown, rhs: unknown, path: string[], out: Comparison): void {
  if (path.length === 0) return;
  if (lhs === undefined && rhs !== undefined) insertPath(out.added, path);
  else if (lhs !== undefined && rhs === undefined) insertPath(out.removed, path);
}
