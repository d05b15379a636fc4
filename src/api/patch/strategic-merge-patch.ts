/**
 * Strategic merge patch (`application/strategic-merge-patch+json`) as kube-apiserver applies it
 * (`strategicpatch.StrategicMergeMapPatch`): maps merge, `null` deletes, lists with a `merge`
 * strategy merge element-wise by their merge key, other lists are replaced, and the directives
 * `$patch`, `$retainKeys`, `$setElementOrder/<list>` and `$deleteFromPrimitiveList/<list>` are
 * honoured and never stored. `mergeMap` is shared with the three-way patch computation, which
 * uses it to combine two patches.
 */
import type { JsonObject, JsonValue } from '../types.js';
import { shallowCopy } from '../freeze.js';
import {
  DELETE_FROM_PRIMITIVE_LIST_PREFIX,
  SET_ELEMENT_ORDER_PREFIX,
  applyRetainKeysDirective,
  extractKey,
  putStorable,
  storable,
  validatePatchWithSetOrderList,
} from './directives.js';
import type { MergeOptions } from './directives.js';
import { deepEqual, errBadArgType, errBadPatchType, errNoMergeKey, goKind, isMap } from './go-values.js';
import {
  DIRECTIVE_MARKER,
  deduplicateScalars,
  findMapByKey,
  normalizeElementOrder,
  partitionByPresence,
  put,
  sliceElementKind,
} from './list-order.js';
import type { PatchType } from './patch-meta.js';
import { fieldType, lookupPatchMeta, rootPatchType, splitStrategy } from './patch-meta.js';
import type { PatchResult } from './patch-result.js';
import { ERR_BAD_PATCH_FORMAT_FOR_SET_ELEMENT_ORDER_LIST, PatchError, catchPatchError, patchFailure, patched } from './patch-result.js';

const SERVER: MergeOptions = { mergeParallelList: true, ignoreUnmatchedNulls: true };

/** Merges each `$setElementOrder/<list>` with its list and enforces the order (`mergePatchIntoOriginal`). */
function mergePatchIntoOriginal(original: JsonObject, patch: JsonObject, type: PatchType, options: MergeOptions): void {
  for (const key of Object.keys(patch)) {
    if (!key.startsWith(SET_ELEMENT_ORDER_PREFIX)) continue;
    const setOrder = patch[key];
    if (!options.mergeParallelList) {
      if (!Object.hasOwn(original, key)) put(original, key, setOrder);
      else if (!deepEqual(original[key], setOrder)) throw new PatchError(ERR_BAD_PATCH_FORMAT_FOR_SET_ELEMENT_ORDER_LIST, 400);
    }
    delete patch[key];
    if (!Array.isArray(setOrder)) throw new PatchError(errBadArgType('slice', setOrder));
    const listKey = extractKey(key, SET_ELEMENT_ORDER_PREFIX);
    const foundOriginal = Object.hasOwn(original, listKey);
    const foundPatch = Object.hasOwn(patch, listKey);
    const originalList = original[listKey];
    const patchList = patch[listKey];
    if (foundOriginal && !Array.isArray(originalList)) throw new PatchError(errBadArgType('slice', originalList));
    if (foundPatch && !Array.isArray(patchList)) throw new PatchError(errBadArgType('slice', patchList));
    const originalItems = foundOriginal ? (originalList as JsonValue[]) : [];
    const patchItems = foundPatch ? (patchList as JsonValue[]) : [];
    const meta = lookupPatchMeta(type, listKey);
    const mergeKey = meta.patchMergeKey ?? '';
    validatePatchWithSetOrderList(patchItems, setOrder, mergeKey);
    let merged: JsonValue[];
    if (foundOriginal && !foundPatch) merged = originalItems;
    else if (!foundOriginal && foundPatch) merged = storable(patchItems, options) as JsonValue[];
    else if (foundOriginal && foundPatch) merged = mergeSliceHandler(originalItems, patchItems, fieldType(meta), splitStrategy(meta).strategy, mergeKey, false, options);
    else continue;
    const [inOrder, serverOnly] = partitionByPresence(merged, setOrder, mergeKey);
    const kind = sliceElementKind(foundOriginal ? originalItems : undefined, foundPatch ? patchItems : undefined);
    put(original, listKey, normalizeElementOrder(inOrder, serverOnly, setOrder, originalItems, mergeKey, kind));
    delete patch[listKey];
  }
}

/**
 * Merges `patch` into `original` (`mergeMap`) without touching either: changed maps and lists
 * are copies, unchanged subtrees are shared. Raises `PatchError`; callers catch it.
 */
export function mergeMap(original: JsonObject | undefined, patchIn: JsonObject, type: PatchType, options: MergeOptions): JsonObject {
  if (Object.hasOwn(patchIn, DIRECTIVE_MARKER)) {
    const directive = patchIn[DIRECTIVE_MARKER];
    if (directive === 'replace') {
      const replacement: JsonObject = shallowCopy(patchIn);
      delete replacement[DIRECTIVE_MARKER];
      return storable(replacement, options) as JsonObject;
    }
    if (directive === 'delete') return {};
    throw new PatchError(errBadPatchType(directive, patchIn));
  }
  // Not spread: the copy may gain keys and is stored frozen (see shallowCopy: shared hidden classes).
  const out: JsonObject = shallowCopy(original ?? {});
  const patch: JsonObject = { ...patchIn };
  applyRetainKeysDirective(out, patch, options);
  mergePatchIntoOriginal(out, patch, type, options);

  for (const [patchKey, patchValue] of Object.entries(patch)) {
    if (patchValue === undefined) continue;
    let key = patchKey;
    let isDeleteList = false;
    if (patchKey.startsWith(DELETE_FROM_PRIMITIVE_LIST_PREFIX)) {
      if (!options.mergeParallelList) {
        put(out, patchKey, patchValue);
        continue;
      }
      key = extractKey(patchKey, DELETE_FROM_PRIMITIVE_LIST_PREFIX);
      isDeleteList = true;
    }
    if (patchValue === null) {
      delete out[key];
      if (options.ignoreUnmatchedNulls) continue;
    }
    const originalValue = out[key];
    const kind = goKind(originalValue);
    if (!Object.hasOwn(out, key) || kind !== goKind(patchValue)) {
      // A deletion list never creates or replaces the list it deletes from.
      if (!isDeleteList) putStorable(out, key, patchValue, options);
      continue;
    }
    const meta = lookupPatchMeta(type, key);
    const { strategy } = splitStrategy(meta);
    if (kind === 'map' && strategy === 'replace') putStorable(out, key, patchValue, options);
    else if (kind === 'map') put(out, key, mergeMap(originalValue as JsonObject, patchValue as JsonObject, fieldType(meta), options));
    else if (kind === 'slice') {
      put(out, key, mergeSliceHandler(originalValue as JsonValue[], patchValue as JsonValue[], fieldType(meta), strategy, meta.patchMergeKey ?? '', isDeleteList, options));
    } else put(out, key, patchValue);
  }
  return out;
}

function mergeSliceHandler(
  original: JsonValue[],
  patch: JsonValue[],
  elementType: PatchType,
  strategy: string,
  mergeKey: string,
  isDeleteList: boolean,
  options: MergeOptions,
): JsonValue[] {
  // Deletion lists delete whatever the field's strategy (kubernetes/kubernetes#110472).
  if (strategy !== 'merge' && !isDeleteList) return storable(patch, options) as JsonValue[];
  return mergeSlice(original, patch, elementType, mergeKey, options, isDeleteList);
}

/** Merges two lists by merge key, or as a set of scalars (`mergeSlice`). */
function mergeSlice(original: JsonValue[], patch: JsonValue[], elementType: PatchType, mergeKey: string, options: MergeOptions, isDeleteList: boolean): JsonValue[] {
  if (original.length === 0 && patch.length === 0) return original;
  const kind = sliceElementKind(original, patch);
  let merged: JsonValue[];
  if (kind !== 'map') {
    if (options.mergeParallelList && isDeleteList) {
      const remove = new Set(patch);
      return original.filter((v) => !remove.has(v));
    }
    merged = deduplicateScalars([...original, ...patch]);
  } else {
    if (mergeKey === '') throw new PatchError('cannot merge lists without merge key for type struct');
    [original, patch] = mergeSliceWithSpecialElements(original, patch, mergeKey);
    merged = [...original];
    for (const v of patch) {
      const item = v as JsonObject;
      if (!Object.hasOwn(item, mergeKey)) throw new PatchError(errNoMergeKey(item, mergeKey));
      const found = findMapByKey(merged, mergeKey, item[mergeKey]);
      if (found) merged[found[1]] = mergeMap(found[0], item, elementType, options);
      else {
        const kept = storable(item, options);
        if (kept !== undefined) merged.push(kept);
      }
    }
  }
  const [patchItems, serverOnly] = partitionByPresence(merged, patch, kind === 'map' ? mergeKey : '');
  return normalizeElementOrder(patchItems, serverOnly, patch, original, kind === 'map' ? mergeKey : '', kind);
}

/** Handles `$patch: delete` / `$patch: replace` elements (`mergeSliceWithSpecialElements`). */
function mergeSliceWithSpecialElements(original: JsonValue[], patch: JsonValue[], mergeKey: string): [JsonValue[], JsonValue[]] {
  const plain: JsonValue[] = [];
  let replace = false;
  for (const v of patch) {
    const item = v as JsonObject;
    if (!Object.hasOwn(item, DIRECTIVE_MARKER)) {
      plain.push(v);
      continue;
    }
    const directive = item[DIRECTIVE_MARKER];
    if (directive === 'delete') {
      if (!Object.hasOwn(item, mergeKey)) throw new PatchError(errNoMergeKey(item, mergeKey));
      const value = item[mergeKey];
      original = original.filter((e) => !(isMap(e) && Object.hasOwn(e, mergeKey) && e[mergeKey] === value));
    } else if (directive === 'replace') {
      replace = true;
    } else if (directive === 'merge') {
      throw new PatchError('merging lists cannot yet be specified in the patch');
    } else {
      throw new PatchError(errBadPatchType(directive, item));
    }
  }
  return replace ? [plain, []] : [original, plain];
}

/**
 * Applies a strategic merge patch to an object of `kind`, as kube-apiserver does for
 * `PATCH` with `application/strategic-merge-patch+json`. Inputs are never modified (they may be
 * frozen); the result shares unchanged subtrees with `original`.
 */
export function applyStrategicMergePatch(original: JsonObject, patch: JsonValue, kind: string): PatchResult<JsonObject> {
  if (patch === null) return patched(original);
  if (!isMap(patch)) return patchFailure(`json: cannot unmarshal ${goJsonType(patch)} into Go value of type map[string]interface {}`, 400);
  return catchPatchError(() => mergeMap(original, patch, rootPatchType(kind), SERVER));
}

function goJsonType(value: JsonValue): string {
  return Array.isArray(value) ? 'array' : typeof value;
}
