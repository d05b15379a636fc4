/**
 * JSON merge patch (RFC 7386, `application/merge-patch+json`), as kube-apiserver applies it with
 * evanphx/json-patch `MergePatch`: objects merge recursively, `null` deletes a key, anything
 * else (arrays included) replaces the target. Used by `kubectl scale`, `label`, `annotate`,
 * `patch --type=merge`.
 */
import type { JsonObject, JsonValue } from '../types.js';
import { deepEqual, isMap } from './go-values.js';
import { put } from './list-order.js';
import { shallowCopy } from '../freeze.js';
import type { PatchResult } from './patch-result.js';
import { patchFailure, patched } from './patch-result.js';

/** evanphx/json-patch `ErrBadJSONPatch`, answered with 400. */
export const INVALID_JSON_PATCH = 'Invalid JSON Patch';

/** Removes null members from objects, recursively (also inside arrays, whose null elements stay). */
/** The value with every object's `null` members dropped (a null inside an array stays). */
export function pruneNulls(value: JsonValue): JsonValue {
  if (Array.isArray(value)) return value.map((v) => (v === null ? v : pruneNulls(v)));
  if (!isMap(value)) return value;
  const out: JsonObject = {};
  for (const [k, v] of Object.entries(value)) if (v !== null && v !== undefined) put(out, k, pruneNulls(v));
  return out;
}

function merge(target: JsonValue | undefined, patch: JsonValue): JsonValue {
  if (!isMap(patch)) return patch;
  if (!isMap(target)) return pruneNulls(patch);
  // Not spread: the copy may gain keys and is stored frozen (see shallowCopy: shared hidden classes).
  const out: JsonObject = shallowCopy(target);
  for (const [k, v] of Object.entries(patch)) {
    if (v === undefined) continue;
    if (v === null) delete out[k];
    else put(out, k, merge(out[k] ?? undefined, v));
  }
  return out;
}

/**
 * Applies a merge patch. The patch must be an object (or an array, which replaces the document);
 * `null` and scalars fail with `Invalid JSON Patch`. Inputs are never modified; the result shares
 * unchanged subtrees with `original`.
 */
export function applyMergePatch(original: JsonValue, patch: JsonValue): PatchResult<JsonValue> {
  if (Array.isArray(patch)) return patched(pruneNulls(patch));
  if (!isMap(patch)) return patchFailure(INVALID_JSON_PATCH, 400);
  return patched(merge(original, patch));
}

/** The merge patch that turns `original` into `modified` (`jsonpatch.CreateMergePatch`): changed keys, `null` for removed ones. */
export function createMergePatch(original: JsonObject, modified: JsonObject): JsonObject {
  const patch: JsonObject = {};
  for (const [k, v] of Object.entries(modified)) {
    if (v === undefined) continue;
    const before = original[k];
    if (before === undefined) put(patch, k, v);
    else if (isMap(before) && isMap(v)) {
      const inner = createMergePatch(before, v);
      if (Object.keys(inner).length > 0) put(patch, k, inner);
    } else if (!deepEqual(before, v)) put(patch, k, v);
  }
  for (const k of Object.keys(original)) if (original[k] !== undefined && modified[k] === undefined) put(patch, k, null);
  return patch;
}
