/**
 * The strategic-merge-patch directives (`$retainKeys`, `$setElementOrder/<list>`,
 * `$deleteFromPrimitiveList/<list>`, `$patch`) and how patch values are kept once merged:
 * the parts of strategicpatch/patch.go that apply.ts and three-way-merge.ts share.
 */
import type { JsonObject, JsonValue } from '../types.js';
import { deepEqual, errBadArgType, errNoMergeKey, goString, isMap } from './go-values.js';
import { DIRECTIVE_MARKER, put } from './list-order.js';
import {
  ERR_BAD_PATCH_FORMAT_FOR_PRIMITIVE_LIST,
  ERR_BAD_PATCH_FORMAT_FOR_RETAIN_KEYS,
  ERR_BAD_PATCH_FORMAT_FOR_SET_ELEMENT_ORDER_LIST,
  PatchError,
} from './patch-result.js';

/** `$retainKeys`. */
export const RETAIN_KEYS_DIRECTIVE = '$retainKeys';
/** Prefix of `$setElementOrder/<list>`. */
export const SET_ELEMENT_ORDER_PREFIX = '$setElementOrder';
/** Prefix of `$deleteFromPrimitiveList/<list>`. */
export const DELETE_FROM_PRIMITIVE_LIST_PREFIX = '$deleteFromPrimitiveList';

/** mergeMap's switches (strategicpatch.MergeOptions): the server merges parallel lists and drops unmatched nulls; patch arithmetic does neither. */
export interface MergeOptions {
  readonly mergeParallelList: boolean;
  readonly ignoreUnmatchedNulls: boolean;
}

/** True for a key that is a directive rather than a field. */
export function isDirectiveKey(key: string): boolean {
  return (
    key === DIRECTIVE_MARKER ||
    key === RETAIN_KEYS_DIRECTIVE ||
    key.startsWith(SET_ELEMENT_ORDER_PREFIX) ||
    key.startsWith(DELETE_FROM_PRIMITIVE_LIST_PREFIX)
  );
}

/**
 * A patch value taken as is (new key, replaced value), as upstream's `removeDirectives` leaves
 * it: maps carrying `$patch` are dropped. On the server, nulls are dropped too
 * (`discardNullValuesFromPatch`), and so are the other directive keys, which upstream leaves
 * for the typed decode to discard; the playground stores plain JSON, so it drops them here.
 * Undefined means "keep nothing".
 */
export function storable(value: JsonValue | undefined, options: MergeOptions): JsonValue | undefined {
  if (Array.isArray(value)) {
    const out: JsonValue[] = [];
    for (const e of value) {
      const kept = storable(e, options);
      if (kept !== undefined) out.push(kept);
    }
    return out;
  }
  if (!isMap(value)) return value;
  if (Object.hasOwn(value, DIRECTIVE_MARKER)) return undefined;
  const out: JsonObject = {};
  for (const [k, v] of Object.entries(value)) {
    if (v === undefined || (options.mergeParallelList && (v === null || isDirectiveKey(k)))) continue;
    const kept = storable(v, options);
    if (kept !== undefined) put(out, k, kept);
  }
  return out;
}

/** Sets `key` to a storable patch value, or removes it when nothing is kept. */
export function putStorable(target: JsonObject, key: string, value: JsonValue | undefined, options: MergeOptions): void {
  const kept = storable(value, options);
  if (kept === undefined) delete target[key];
  else put(target, key, kept);
}

/** `extractKey`: the list name after `<prefix>/`. */
export function extractKey(key: string, prefix: string): string {
  const slash = key.indexOf('/');
  if (slash < 0 || key.slice(0, slash) !== prefix) {
    throw new PatchError(prefix === SET_ELEMENT_ORDER_PREFIX ? ERR_BAD_PATCH_FORMAT_FOR_SET_ELEMENT_ORDER_LIST : ERR_BAD_PATCH_FORMAT_FOR_PRIMITIVE_LIST, 400);
  }
  return key.slice(slash + 1);
}

function mergeKeyValueEqual(left: JsonValue | undefined, right: JsonValue | undefined, mergeKey: string): boolean {
  if (mergeKey === '') return left === right;
  if (!isMap(left)) throw new PatchError(errBadArgType('map', left));
  if (!isMap(right)) throw new PatchError(errBadArgType('map', right));
  if (!Object.hasOwn(left, mergeKey)) throw new PatchError(errNoMergeKey(left, mergeKey));
  if (!Object.hasOwn(right, mergeKey)) throw new PatchError(errNoMergeKey(right, mergeKey));
  return left[mergeKey] === right[mergeKey];
}

/** The patch list must follow the relative order of the `$setElementOrder` list (`validatePatchWithSetOrderList`). */
export function validatePatchWithSetOrderList(patchList: JsonValue[], setOrderList: JsonValue[], mergeKey: string): void {
  if (setOrderList.length === 0 || patchList.length === 0) return;
  const items = mergeKey === '' ? patchList : patchList.filter((v) => !(isMap(v) && v[DIRECTIVE_MARKER] === 'delete'));
  let p = 0;
  let s = 0;
  while (p < items.length && s < setOrderList.length) {
    if (isMap(items[p]) && Object.hasOwn(items[p] as JsonObject, DIRECTIVE_MARKER)) {
      p++;
      continue;
    }
    if (mergeKeyValueEqual(items[p], setOrderList[s], mergeKey)) p++;
    s++;
  }
  if (p < items.length && s >= setOrderList.length) {
    throw new PatchError(`The order in patch list:\n${goString(patchList)}\n doesn't match ${SET_ELEMENT_ORDER_PREFIX} list:\n${goString(setOrderList)}\n`);
  }
}

/** Applies `$retainKeys` to `original` (`applyRetainKeysDirective`); the patch loses the directive. */
export function applyRetainKeysDirective(original: JsonObject, patch: JsonObject, options: MergeOptions): void {
  if (!Object.hasOwn(patch, RETAIN_KEYS_DIRECTIVE)) return;
  const retain = patch[RETAIN_KEYS_DIRECTIVE];
  delete patch[RETAIN_KEYS_DIRECTIVE];
  if (!options.mergeParallelList) {
    if (!Object.hasOwn(original, RETAIN_KEYS_DIRECTIVE)) put(original, RETAIN_KEYS_DIRECTIVE, retain);
    else if (!deepEqual(original[RETAIN_KEYS_DIRECTIVE], retain)) {
      throw new PatchError(`${goString(original[RETAIN_KEYS_DIRECTIVE])} and ${goString(retain)} are not deep equal: this may happen when calculating the 3-way diff patch`);
    }
    return;
  }
  if (!Array.isArray(retain)) throw new PatchError(ERR_BAD_PATCH_FORMAT_FOR_RETAIN_KEYS, 400);
  const keep = new Set<JsonValue>(retain);
  for (const [k, v] of Object.entries(patch)) {
    if (v === null || k.startsWith(DELETE_FROM_PRIMITIVE_LIST_PREFIX) || k.startsWith(SET_ELEMENT_ORDER_PREFIX)) continue;
    if (!keep.has(k)) throw new PatchError(ERR_BAD_PATCH_FORMAT_FOR_RETAIN_KEYS, 400);
  }
  for (const k of Object.keys(original)) if (!keep.has(k)) delete original[k];
}
