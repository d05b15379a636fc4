/**
 * What field tracking needs to know of a kind's schema: which lists are associative (and by which
 * keys: the `+listType=map` / `+listMapKey` tags of k8s.io/api), which are sets, which maps and
 * lists are atomic. Built on the strategic-merge tags (src/api/patch/patch-meta.ts): a list with a
 * merge key is a map list, a merge list without one is a set, every other list is atomic, and
 * maps are granular except label selectors (`+structType=atomic`, `+mapType=atomic`).
 */
import type { JsonValue } from '../api/types.js';
import type { PatchType } from '../api/patch/patch-meta.js';
import { fieldType, lookupPatchMeta, rootPatchType, splitStrategy } from '../api/patch/patch-meta.js';

/** The shape of a value at some position of an object. */
export interface FieldSchema {
  /** The tagged fields of the map here (or of the list's elements). */
  readonly type: PatchType;
  /** Owned and replaced as a whole. */
  readonly atomic: boolean;
  /** For an associative list: its key fields, in name order. */
  readonly listKeys?: readonly string[];
  /** For a list of primitives with set semantics (`finalizers`). */
  readonly set?: boolean;
}

/** Where a strategic merge key is only one of the `listMapKey`s. */
const EXTRA_KEYS: Readonly<Record<string, readonly string[]>> = {
  containerPort: ['containerPort', 'protocol'],
  port: ['port', 'protocol'],
  topologyKey: ['topologyKey', 'whenUnsatisfiable'],
};

/** Key fields with a schema default, used when an item leaves them out (`protocol` is TCP). */
const KEY_DEFAULTS: Readonly<Record<string, JsonValue>> = { protocol: 'TCP' };

/** Fields holding a metav1.LabelSelector or an atomic map (Service `spec.selector`). */
const ATOMIC_MAPS: ReadonlySet<string> = new Set(['selector', 'labelSelector', 'namespaceSelector', 'podSelector']);

/** Lists tagged with a merge key whose `+listType` is nevertheless atomic (node addresses may repeat a type). */
const ATOMIC_LISTS: ReadonlySet<string> = new Set(['addresses']);

/** The schema of a kind's top level. */
export function rootSchema(kind: string): FieldSchema {
  return { type: rootPatchType(kind), atomic: false };
}

/** The schema of field `name` of a map of schema `parent`. */
export function fieldSchema(parent: FieldSchema, name: string): FieldSchema {
  const meta = lookupPatchMeta(parent.type, name);
  const type = fieldType(meta);
  const { strategy } = splitStrategy(meta);
  if (strategy === 'merge' && !ATOMIC_LISTS.has(name)) {
    if (meta.patchMergeKey === undefined) return { type, atomic: false, set: true };
    return { type, atomic: false, listKeys: EXTRA_KEYS[meta.patchMergeKey] ?? [meta.patchMergeKey] };
  }
  return { type, atomic: ATOMIC_MAPS.has(name) };
}

/**
 * The path element of one item of a list (`k:{"name":"c"}` or `v:"x"`), or undefined when the
 * list is atomic or the item lacks a key (the whole list is then treated as atomic).
 */
function itemElement(schema: FieldSchema, item: JsonValue): string | undefined {
  if (schema.set) return typeof item === 'object' && item !== null ? undefined : `v:${JSON.stringify(item)}`;
  const keys = schema.listKeys;
  if (keys === undefined || typeof item !== 'object' || item === null || Array.isArray(item)) return undefined;
  const key: Record<string, JsonValue> = {};
  for (const name of keys) {
    const value = item[name] ?? KEY_DEFAULTS[name];
    if (value === undefined) {
      if (name === keys[0]) return undefined;
      continue;
    }
    key[name] = value;
  }
  return `k:${JSON.stringify(key)}`;
}

/** The path elements of every item of a list, or undefined when the list must be handled as atomic. */
export function itemElements(schema: FieldSchema, list: readonly JsonValue[]): string[] | undefined {
  if (schema.atomic || (schema.listKeys === undefined && !schema.set)) return undefined;
  const out: string[] = [];
  const seen = new Set<string>();
  for (const item of list) {
    const element = itemElement(schema, item);
    // An item without its key, or a repeated key, cannot be tracked item by item.
    if (element === undefined || seen.has(element)) return undefined;
    seen.add(element);
    out.push(element);
  }
  return out;
}
