/**
 * The list helpers strategic merge patch shares between applying a patch and computing one:
 * element kinds, partitioning, and the order rules of "preserve order in strategic merge patch"
 * ($setElementOrder > order in the patch > order in the live list). Ported from
 * k8s.io/apimachinery/pkg/util/strategicpatch/patch.go, including its error texts.
 */
import type { JsonObject, JsonValue } from '../types.js';
import type { GoKind } from './go-values.js';
import { errBadArgType, errNoMergeKey, goKind, goString, isMap } from './go-values.js';
import { ERR_NO_LIST_OF_LISTS, PatchError } from './patch-result.js';

/** The directive key inside a map or list element. */
export const DIRECTIVE_MARKER = '$patch';

/** Sets a key on a fresh object, safely even for `__proto__`. */
export function put(target: JsonObject, key: string, value: JsonValue | undefined): void {
  if (key === '__proto__') Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
  else target[key] = value;
}

/** The common kind of the elements of the lists (`sliceElementType`). */
export function sliceElementKind(...lists: (readonly JsonValue[] | undefined)[]): GoKind {
  let previous: GoKind | undefined;
  for (const list of lists) {
    for (const v of list ?? []) {
      const current = goKind(v);
      if (previous === undefined) {
        previous = current;
        if (previous === 'slice') throw new PatchError(ERR_NO_LIST_OF_LISTS, 422);
      } else if (previous !== current) {
        throw new PatchError(`list element types are not identical: ${goString(lists.map((l) => (l ? [...l] : null)))}`);
      }
    }
  }
  if (previous === undefined) throw new PatchError('no elements in any of the given slices');
  return previous;
}

/** The value an element is identified by: its merge key for maps, itself otherwise. */
function identity(item: JsonValue | undefined, mergeKey: string, kind: GoKind): JsonValue | undefined {
  if (kind !== 'map') return item;
  return isMap(item) ? item[mergeKey] : undefined;
}

/** The position of `value` in `list`, compared by merge key (`index`); -1 if absent. */
export function indexOf(list: readonly JsonValue[], value: JsonValue, mergeKey: string, kind: GoKind): number {
  const wanted = identity(value, mergeKey, kind);
  return list.findIndex((item) => identity(item, mergeKey, kind) === wanted);
}

/** Checks that every element of the lists is a map carrying the merge key (`validateMergeKeyInLists`). */
export function validateMergeKeyInLists(mergeKey: string, ...lists: readonly JsonValue[][]): void {
  for (const list of lists) {
    for (const item of list) {
      if (!isMap(item)) throw new PatchError(errBadArgType('map', item));
      if (!Object.hasOwn(item, mergeKey)) throw new PatchError(errNoMergeKey(item, mergeKey));
    }
  }
}

/** Splits elements into those without and those with `$patch: delete` (`extractToDeleteItems`). */
function extractToDeleteItems(list: readonly JsonValue[]): [JsonValue[], JsonValue[]] {
  const keep: JsonValue[] = [];
  const remove: JsonValue[] = [];
  for (const v of list) {
    if (!isMap(v)) throw new PatchError(errBadArgType('map', v));
    (v[DIRECTIVE_MARKER] === 'delete' ? remove : keep).push(v);
  }
  return [keep, remove];
}

/** Sorts `toSort` by the position of each element in `order`; delete directives go last (`normalizeSliceOrder`). */
export function normalizeSliceOrder(toSort: readonly JsonValue[], order: readonly JsonValue[], mergeKey: string, kind: GoKind): JsonValue[] {
  let sortable = [...toSort];
  let toDelete: JsonValue[] = [];
  if (kind === 'map') {
    validateMergeKeyInLists(mergeKey, sortable, [...order]);
    [sortable, toDelete] = extractToDeleteItems(sortable);
  }
  const position = new Map(sortable.map((v) => [v, indexOf(order, v, mergeKey, kind)]));
  sortable.sort((a, b) => {
    const ia = position.get(a)!;
    const ib = position.get(b)!;
    return ia >= 0 && ib >= 0 ? ia - ib : 0;
  });
  return [...sortable, ...toDelete];
}

/**
 * Interleaves server-only items (`left`) into patch items (`right`), keeping the relative order
 * of each; a server item goes first only when both are in the live list and it came first
 * there (`mergeSortedSlice`).
 */
function mergeSortedSlice(left: JsonValue[], right: JsonValue[], serverOrder: readonly JsonValue[], mergeKey: string, kind: GoKind): JsonValue[] {
  const out: JsonValue[] = [];
  let i = 0;
  let j = 0;
  while (i < left.length || j < right.length) {
    if (i >= left.length) out.push(right[j++]!);
    else if (j >= right.length) out.push(left[i++]!);
    else {
      const li = indexOf(serverOrder, left[i]!, mergeKey, kind);
      const ri = indexOf(serverOrder, right[j]!, mergeKey, kind);
      out.push(li >= 0 && ri >= 0 && li < ri ? left[i++]! : right[j++]!);
    }
  }
  return out;
}

/** Orders patch items by `patchOrder`, server-only items by `serverOrder`, then interleaves them (`normalizeElementOrder`). */
export function normalizeElementOrder(
  patch: readonly JsonValue[],
  serverOnly: readonly JsonValue[],
  patchOrder: readonly JsonValue[],
  serverOrder: readonly JsonValue[],
  mergeKey: string,
  kind: GoKind,
): JsonValue[] {
  const sortedPatch = normalizeSliceOrder(patch, patchOrder, mergeKey, kind);
  const sortedServer = normalizeSliceOrder(serverOnly, serverOrder, mergeKey, kind);
  return mergeSortedSlice(sortedServer, sortedPatch, serverOrder, mergeKey, kind);
}

/** The map in `list` whose `key` equals `value`, and its index (`findMapInSliceBasedOnKeyValue`). */
export function findMapByKey(list: readonly JsonValue[], key: string, value: JsonValue | undefined): [JsonObject, number] | undefined {
  for (let i = 0; i < list.length; i++) {
    const v = list[i];
    if (!isMap(v)) throw new PatchError(`value for key ${i} is not a map.`);
    if (Object.hasOwn(v, key) && v[key] === value) return [v, i];
  }
  return undefined;
}

/** Splits `list` into items present in `partitionBy` and the rest (`partitionPrimitivesByPresentInList` / `partitionMapsByPresentInList`). */
export function partitionByPresence(list: readonly JsonValue[], partitionBy: readonly JsonValue[], mergeKey: string): [JsonValue[], JsonValue[]] {
  const present: JsonValue[] = [];
  const absent: JsonValue[] = [];
  if (mergeKey === '') {
    const set = new Set(partitionBy);
    for (const v of list) (set.has(v) ? present : absent).push(v);
    return [present, absent];
  }
  for (const v of list) {
    if (!isMap(v)) throw new PatchError(errBadArgType('map', v));
    if (!Object.hasOwn(v, mergeKey)) throw new PatchError(errNoMergeKey(v, mergeKey));
    (findMapByKey(partitionBy, mergeKey, v[mergeKey]) ? present : absent).push(v);
  }
  return [present, absent];
}

/** Removes later duplicates the way upstream does (each duplicate is replaced by the last element), on a copy. */
export function deduplicateScalars(list: readonly JsonValue[]): JsonValue[] {
  const s = [...list];
  let length = s.length - 1;
  for (let i = 0; i < length; i++) {
    for (let j = i + 1; j <= length; j++) {
      if (s[i] === s[j]) {
        s[j] = s[length]!;
        s.length = length;
        length--;
        j--;
      }
    }
  }
  return s;
}

/** Sorts scalars by their `%v` text, on a copy (`sortScalars`). */
export function sortScalars(list: readonly JsonValue[]): JsonValue[] {
  return [...list].sort((a, b) => compareText(goString(a), goString(b)));
}

/** Sorts maps by the `%v` text of their merge key, on a copy (`sortMapsBasedOnField`). */
export function sortMapsByField(list: readonly JsonValue[], field: string): JsonValue[] {
  return [...list].sort((a, b) => compareText(goString(isMap(a) ? a[field] : undefined), goString(isMap(b) ? b[field] : undefined)));
}

/** Byte-wise string order, as Go compares strings. */
export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
