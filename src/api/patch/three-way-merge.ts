/**
 * Computing strategic merge patches, as kubectl does (`strategicpatch.CreateThreeWayMergePatch`
 * and `CreateTwoWayMergePatch`). `kubectl apply` compares the last-applied configuration
 * (original), the new manifest (modified) and the live object (current): fields set in the
 * manifest are sent, fields removed from the manifest since the last apply are deleted (`null`,
 * `$patch: delete`, `$deleteFromPrimitiveList`), and fields the manifest never set — replicas
 * changed by `kubectl scale`, status, defaults, others' annotations — are left alone.
 */
import type { JsonObject, JsonValue } from '../types.js';
import { deepEqual, errBadArgType, errNoMergeKey, goKind, goString, isMap } from './go-values.js';
import {
  DIRECTIVE_MARKER,
  compareText,
  deduplicateScalars,
  normalizeSliceOrder,
  put,
  sliceElementKind,
  sortMapsByField,
  sortScalars,
} from './list-order.js';
import type { PatchType } from './patch-meta.js';
import { fieldType, lookupPatchMeta, rootPatchType, splitStrategy } from './patch-meta.js';
import type { PatchResult } from './patch-result.js';
import { PatchError, catchPatchError } from './patch-result.js';
import { DELETE_FROM_PRIMITIVE_LIST_PREFIX, RETAIN_KEYS_DIRECTIVE, SET_ELEMENT_ORDER_PREFIX } from './directives.js';
import { mergeMap } from './strategic-merge-patch.js';

/** strategicpatch.DiffOptions. */
interface DiffOptions {
  readonly setElementOrder?: boolean;
  readonly ignoreChangesAndAdditions?: boolean;
  readonly ignoreDeletions?: boolean;
  readonly buildRetainKeysDirective?: boolean;
}

/** The patch that turns `original` into `modified` (`diffMaps`). */
function diffMaps(original: JsonObject, modified: JsonObject, type: PatchType, options: DiffOptions): JsonObject {
  const patch: JsonObject = {};
  const retainKeys: JsonValue[] = [];
  for (const [key, modifiedValue] of Object.entries(modified)) {
    if (modifiedValue === undefined) continue;
    if (options.buildRetainKeysDirective && modifiedValue !== null) retainKeys.push(key);
    if (!Object.hasOwn(original, key) || original[key] === undefined) {
      if (!options.ignoreChangesAndAdditions) put(patch, key, modifiedValue);
      continue;
    }
    const originalValue = original[key]!;
    if (key === DIRECTIVE_MARKER) {
      if (typeof originalValue !== 'string' || typeof modifiedValue !== 'string') throw new PatchError(`invalid value for special key: ${DIRECTIVE_MARKER}`);
      if (originalValue !== modifiedValue) put(patch, key, modifiedValue);
      continue;
    }
    const kind = goKind(originalValue);
    if (kind !== goKind(modifiedValue)) {
      if (!options.ignoreChangesAndAdditions) put(patch, key, modifiedValue);
      continue;
    }
    const meta = lookupPatchMeta(type, key);
    const { strategy, retainKeys: buildRetainKeysDirective } = splitStrategy(meta);
    if (kind === 'map' && strategy !== 'replace') {
      const value = diffMaps(originalValue as JsonObject, modifiedValue as JsonObject, fieldType(meta), { ...options, buildRetainKeysDirective });
      if (Object.keys(value).length > 0) put(patch, key, value);
    } else if (kind === 'slice' && strategy === 'merge') {
      const mergeKey = meta.patchMergeKey ?? '';
      const [add, remove, order] = diffLists(originalValue as JsonValue[], modifiedValue as JsonValue[], fieldType(meta), mergeKey, {
        ...options,
        buildRetainKeysDirective,
      });
      if (add.length > 0) put(patch, key, add);
      if (remove.length > 0) put(patch, `${DELETE_FROM_PRIMITIVE_LIST_PREFIX}/${key}`, remove);
      if (order.length > 0) put(patch, `${SET_ELEMENT_ORDER_PREFIX}/${key}`, order);
    } else if (kind === 'map') {
      if (!options.ignoreChangesAndAdditions) put(patch, key, modifiedValue);
    } else if (!options.ignoreChangesAndAdditions && !deepEqual(originalValue, modifiedValue)) {
      put(patch, key, modifiedValue);
    }
  }
  if (!options.ignoreDeletions) {
    for (const key of Object.keys(original)) {
      if (original[key] !== undefined && (!Object.hasOwn(modified, key) || modified[key] === undefined)) put(patch, key, null);
    }
  }
  const hasAdditionalField = Object.keys(original).some((k) => original[k] !== null && original[k] !== undefined && !Object.hasOwn(modified, k));
  if (retainKeys.length > 0 && (Object.keys(patch).length > 0 || hasAdditionalField)) put(patch, RETAIN_KEYS_DIRECTIVE, sortScalars(retainKeys));
  return patch;
}

/** The element patches, the primitive deletions and the `$setElementOrder` list of a merge list (`diffLists`). */
function diffLists(original: JsonValue[], modified: JsonValue[], elementType: PatchType, mergeKey: string, options: DiffOptions): [JsonValue[], JsonValue[], JsonValue[]] {
  if (original.length === 0) {
    if (modified.length === 0 || options.ignoreChangesAndAdditions) return [[], [], []];
    return [modified, [], []];
  }
  const kind = sliceElementKind(original, modified);
  if (kind === 'map') {
    const [changes, deletions] = diffListsOfMaps(original, modified, elementType, mergeKey, options);
    const patchList = [...normalizeSliceOrder(changes, modified, mergeKey, kind), ...deletions];
    const orderSame = isOrderSame(original, modified, mergeKey);
    const wantOrder =
      options.setElementOrder &&
      ((!options.ignoreChangesAndAdditions && (patchList.length > 0 || !orderSame)) || (!options.ignoreDeletions && patchList.length > 0));
    const order = wantOrder ? modified.map((v) => ({ [mergeKey]: (v as JsonObject)[mergeKey] }) as JsonObject) : [];
    return [patchList, [], order];
  }
  const sortedOriginal = sortScalars(original);
  const [additions, deletions] = diffListsOfScalars(sortedOriginal, modified, options);
  const patchList = normalizeSliceOrder(additions, modified, mergeKey, kind);
  // Upstream sorts `original` in place before this comparison, so compare the sorted copy.
  const wantOrder =
    options.setElementOrder &&
    ((!options.ignoreDeletions && deletions.length > 0) || (!options.ignoreChangesAndAdditions && !deepEqual(sortedOriginal, modified)));
  return [patchList, deletions, wantOrder ? modified : []];
}

function isOrderSame(original: JsonValue[], modified: JsonValue[], mergeKey: string): boolean {
  if (original.length !== modified.length) return false;
  return modified.every((m, i) => {
    const o = original[i];
    if (!isMap(o)) throw new PatchError(errBadArgType('map', o));
    if (!isMap(m)) throw new PatchError(errBadArgType('map', m));
    if (!Object.hasOwn(o, mergeKey)) throw new PatchError(errNoMergeKey(o, mergeKey));
    if (!Object.hasOwn(m, mergeKey)) throw new PatchError(errNoMergeKey(m, mergeKey));
    return o[mergeKey] === m[mergeKey];
  });
}

/** Additions and deletions between two scalar lists, compared as sorted `%v` texts (`diffListsOfScalars`). */
function diffListsOfScalars(sortedOriginal: JsonValue[], modified: JsonValue[], options: DiffOptions): [JsonValue[], JsonValue[]] {
  const mod = sortScalars(modified);
  const additions: JsonValue[] = [];
  const deletions: JsonValue[] = [];
  let o = 0;
  let m = 0;
  while (o < sortedOriginal.length || m < mod.length) {
    const cmp = o >= sortedOriginal.length ? 1 : m >= mod.length ? -1 : compareText(goString(sortedOriginal[o]), goString(mod[m]));
    if (cmp === 0) {
      o++;
      m++;
    } else if (cmp > 0) {
      if (!options.ignoreChangesAndAdditions) additions.push(mod[m]!);
      m++;
    } else {
      if (!options.ignoreDeletions) deletions.push(sortedOriginal[o]!);
      o++;
    }
  }
  return [additions, deduplicateScalars(deletions)];
}

/** The element map of a merge list at `index`, with its merge key value. */
function elementAt(list: JsonValue[], index: number, mergeKey: string): [JsonObject, JsonValue] {
  const item = list[index];
  if (!isMap(item)) throw new PatchError(errBadArgType('map', item));
  if (!Object.hasOwn(item, mergeKey)) throw new PatchError(errNoMergeKey(item, mergeKey));
  return [item, item[mergeKey]!];
}

/** Changed or added elements, and `$patch: delete` directives for removed ones (`diffListsOfMaps`). */
function diffListsOfMaps(original: JsonValue[], modified: JsonValue[], elementType: PatchType, mergeKey: string, options: DiffOptions): [JsonValue[], JsonValue[]] {
  const patch: JsonValue[] = [];
  const deletions: JsonValue[] = [];
  const orig = sortMapsByField(original, mergeKey);
  const mod = sortMapsByField(modified, mergeKey);
  let o = 0;
  let m = 0;
  while (o < orig.length || m < mod.length) {
    const [originalElement, originalKey] = o < orig.length ? elementAt(orig, o, mergeKey) : [undefined, undefined];
    const [modifiedElement, modifiedKey] = m < mod.length ? elementAt(mod, m, mergeKey) : [undefined, undefined];
    const cmp = originalElement === undefined ? 1 : modifiedElement === undefined ? -1 : compareText(goString(originalKey), goString(modifiedKey));
    if (cmp === 0) {
      const value = diffMaps(originalElement!, modifiedElement!, elementType, options);
      if (Object.keys(value).length > 0) {
        put(value, mergeKey, modifiedKey);
        patch.push(value);
      }
      o++;
      m++;
    } else if (cmp > 0) {
      if (!options.ignoreChangesAndAdditions) patch.push(modifiedElement!);
      m++;
    } else {
      if (!options.ignoreDeletions) deletions.push({ [mergeKey]: originalKey!, [DIRECTIVE_MARKER]: 'delete' } as JsonObject);
      o++;
    }
  }
  return [patch, deletions];
}

/** A deep copy with object keys sorted, the order Go's json.Marshal writes a patch in. */
function sortKeys(value: JsonValue | undefined): JsonValue | undefined {
  if (Array.isArray(value)) return value.map((v) => sortKeys(v)!);
  if (!isMap(value)) return value;
  const out: JsonObject = {};
  for (const key of Object.keys(value).sort(compareText)) if (value[key] !== undefined) put(out, key, sortKeys(value[key]));
  return out;
}

/**
 * The strategic merge patch `kubectl apply` sends (`CreateThreeWayMergePatch` with overwrite):
 * `original` is the last-applied configuration (null when there is none), `modified` the new
 * manifest (with its new last-applied annotation), `current` the live object. An empty object
 * means nothing to change (kubectl prints `unchanged`). Keys come sorted, as kubectl sends them.
 */
export function createThreeWayMergePatch(
  original: JsonObject | null | undefined,
  modified: JsonObject,
  current: JsonObject,
  kind: string,
): PatchResult<JsonObject> {
  return catchPatchError(() => {
    const type = rootPatchType(kind);
    const delta = diffMaps(current, modified, type, { ignoreDeletions: true, setElementOrder: true });
    const deletions = diffMaps(original ?? {}, modified, type, { setElementOrder: true, ignoreChangesAndAdditions: true });
    const patch = mergeMap(deletions, delta, type, { mergeParallelList: false, ignoreUnmatchedNulls: false });
    return sortKeys(patch) as JsonObject;
  });
}

/** The strategic merge patch that turns `original` into `modified` (`CreateTwoWayMergePatch`, used by `kubectl edit`/`set`). */
export function createTwoWayMergePatch(original: JsonObject, modified: JsonObject, kind: string): PatchResult<JsonObject> {
  return catchPatchError(() => sortKeys(diffMaps(original, modified, rootPatchType(kind), { setElementOrder: true })) as JsonObject);
}
