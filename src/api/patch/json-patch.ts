/**
 * JSON patch (RFC 6902, `application/json-patch+json`) as kube-apiserver applies it with
 * evanphx/json-patch v4: `add`, `remove`, `replace`, `move`, `copy`, `test`, JSON pointers with
 * `~0`/`~1`, `-` to append, negative indices, and v4's error texts. Like v4, `replace` of a
 * missing object member adds it. Operations apply in order; the first failure stops the patch.
 */
import type { JsonObject, JsonValue } from '../types.js';
import { shallowCopy } from '../freeze.js';
import { deepEqual, isMap } from './go-values.js';
import { put } from './list-order.js';
import type { PatchResult } from './patch-result.js';
import { patchFailure, patched } from './patch-result.js';

/** One operation as sent; fields are checked when applied, as upstream does. */
export interface JsonPatchOperation {
  op?: JsonValue;
  path?: JsonValue;
  from?: JsonValue;
  value?: JsonValue;
  [key: string]: JsonValue | undefined;
}

/**
 * The message kube-apiserver actually answers a failed JSON patch with (422, reason Invalid,
 * `NewGenericServerResponse`): the detailed text below is only logged upstream.
 */
export const JSON_PATCH_REJECTED = 'the server rejected our request due to an error in our request';

const MISSING = 'missing value';
const INVALID_INDEX = 'invalid index referenced';

type Container = JsonObject | JsonValue[];

/** A failed step: the message so far (upstream wraps errors as `context: cause`). */
class Failure {
  constructor(readonly message: string) {}
}

function decodeKey(key: string): string {
  return key.replace(/~[01]/g, (m) => (m === '~1' ? '/' : '~'));
}

/** strconv.Atoi, with its error texts. */
function atoi(key: string): number | Failure {
  if (!/^[+-]?[0-9]+$/.test(key)) return new Failure(`strconv.Atoi: parsing ${JSON.stringify(key)}: invalid syntax`);
  const n = Number(key);
  if (Math.abs(n) > 2 ** 63) return new Failure(`strconv.Atoi: parsing ${JSON.stringify(key)}: value out of range`);
  return n;
}

function invalidIndex(idx: number): Failure {
  return new Failure(`Unable to access invalid index: ${idx}: ${INVALID_INDEX}`);
}

/** Reads `key` of a container: undefined when an object lacks it, a Failure for a bad array index. */
function get(c: Container, key: string): JsonValue | undefined | Failure {
  if (!Array.isArray(c)) return Object.hasOwn(c, key) ? c[key] : undefined;
  const idx = atoi(key);
  if (idx instanceof Failure) return idx;
  if (idx >= c.length || idx < 0) return invalidIndex(idx);
  return c[idx];
}

/** The containers along a pointer, as evanphx `findObject` walks them; undefined if any is missing. */
function walk(doc: JsonValue, path: string): { chain: Container[]; keys: string[]; key: string } | undefined {
  const split = path.split('/');
  if (split.length < 2) return undefined;
  const keys = split.slice(1, -1).map(decodeKey);
  if (!isMap(doc) && !Array.isArray(doc)) return undefined;
  const chain: Container[] = [doc];
  for (const k of keys) {
    const next = get(chain[chain.length - 1]!, k);
    if (next instanceof Failure || (!isMap(next) && !Array.isArray(next))) return undefined;
    chain.push(next);
  }
  return { chain, keys, key: decodeKey(split[split.length - 1]!) };
}

/** Rebuilds the document with the last container of `chain` replaced by `container`. */
function rebuild(chain: Container[], keys: string[], container: Container): JsonValue {
  let node: JsonValue = container;
  for (let i = keys.length - 1; i >= 0; i--) {
    const parent = chain[i]!;
    if (Array.isArray(parent)) {
      const copy = [...parent];
      copy[Number(keys[i])] = node;
      node = copy;
    } else {
      // Not spread: the copy may gain keys and is stored frozen (see shallowCopy: shared hidden classes).
      const copy = shallowCopy(parent);
      put(copy, keys[i]!, node);
      node = copy;
    }
  }
  return node;
}

function copyOf(c: Container): Container {
  return Array.isArray(c) ? [...c] : shallowCopy(c);
}

function add(c: Container, key: string, value: JsonValue): Failure | undefined {
  if (!Array.isArray(c)) {
    put(c, key, value);
    return undefined;
  }
  if (key === '-') {
    c.push(value);
    return undefined;
  }
  const parsedIdx = atoi(key);
  if (parsedIdx instanceof Failure) return new Failure(`value was not a proper array index: '${key}': ${parsedIdx.message}`);
  let idx = parsedIdx;
  const size = c.length + 1;
  if (idx >= size || idx < -size) return invalidIndex(idx);
  if (idx < 0) idx += size;
  c.splice(idx, 0, value);
  return undefined;
}

function remove(c: Container, key: string): Failure | undefined {
  if (!Array.isArray(c)) {
    if (!Object.hasOwn(c, key)) return new Failure(`Unable to remove nonexistent key: ${key}: ${MISSING}`);
    delete c[key];
    return undefined;
  }
  const parsedIdx = atoi(key);
  if (parsedIdx instanceof Failure) return parsedIdx;
  let idx = parsedIdx;
  if (idx >= c.length || idx < -c.length) return invalidIndex(idx);
  if (idx < 0) idx += c.length;
  c.splice(idx, 1);
  return undefined;
}

function str(value: JsonValue | undefined): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

/** Applies one operation, returning the new document or the failure. */
function applyOperation(doc: JsonValue, op: JsonPatchOperation): JsonValue | Failure {
  const kind = str(op.op) ?? 'unknown';
  const path = str(op.path);
  const value = op.value === undefined ? null : op.value;
  switch (kind) {
    case 'add': {
      if (path === undefined) return new Failure(`add operation failed to decode path: ${MISSING}`);
      const at = walk(doc, path);
      if (!at) return new Failure(`add operation does not apply: doc is missing path: "${path}": ${MISSING}`);
      const c = copyOf(at.chain[at.chain.length - 1]!);
      const err = add(c, at.key, value);
      return err ? new Failure(`error in add for path: '${path}': ${err.message}`) : rebuild(at.chain, at.keys, c);
    }
    case 'remove': {
      if (path === undefined) return new Failure(`remove operation failed to decode path: ${MISSING}`);
      const at = walk(doc, path);
      if (!at) return new Failure(`remove operation does not apply: doc is missing path: "${path}": ${MISSING}`);
      const c = copyOf(at.chain[at.chain.length - 1]!);
      const err = remove(c, at.key);
      return err ? new Failure(`error in remove for path: '${path}': ${err.message}`) : rebuild(at.chain, at.keys, c);
    }
    case 'replace': {
      if (path === undefined) return new Failure(`replace operation failed to decode path: operation missing path field: ${MISSING}`);
      const at = walk(doc, path);
      if (!at) return new Failure(`replace operation does not apply: doc is missing path: ${path}: ${MISSING}`);
      const c = copyOf(at.chain[at.chain.length - 1]!);
      if (get(c, at.key) instanceof Failure) return new Failure(`replace operation does not apply: doc is missing key: ${path}: ${MISSING}`);
      if (Array.isArray(c)) c[Number(at.key)] = value;
      else put(c, at.key, value);
      return rebuild(at.chain, at.keys, c);
    }
    case 'test': {
      if (path === undefined) return new Failure(`test operation failed to decode path: operation missing path field: ${MISSING}`);
      const at = walk(doc, path);
      if (!at) return new Failure(`test operation does not apply: is missing path: ${path}: ${MISSING}`);
      const current = get(at.chain[at.chain.length - 1]!, at.key);
      if (current instanceof Failure) return new Failure(`error in test for path: '${path}': ${current.message}`);
      const same = current === undefined || current === null ? value === null : deepEqual(current, value);
      return same ? doc : new Failure(`testing value ${path} failed: test failed`);
    }
    case 'move':
    case 'copy':
      return moveOrCopy(doc, op, kind);
    default:
      return new Failure(`Unexpected kind: ${kind}`);
  }
}

/** `move` takes the value away from `from`; `copy` leaves it (a missing `from` member copies as null, as v4 does). */
function moveOrCopy(doc: JsonValue, op: JsonPatchOperation, kind: 'move' | 'copy'): JsonValue | Failure {
  const from = str(op.from);
  if (from === undefined) return new Failure(`${kind} operation failed to decode from: operation, missing from field: ${MISSING}`);
  const source = walk(doc, from);
  if (!source) return new Failure(`${kind} operation does not apply: doc is missing from path: ${from}: ${MISSING}`);
  const sourceContainer = source.chain[source.chain.length - 1]!;
  const got = get(sourceContainer, source.key);
  if (got instanceof Failure) return new Failure(kind === 'move' ? `error in move for path: '${source.key}': ${got.message}` : `error in copy for from: '${from}': ${got.message}`);
  let next = doc;
  if (kind === 'move') {
    const c = copyOf(sourceContainer);
    const err = remove(c, source.key);
    if (err) return new Failure(`error in move for path: '${source.key}': ${err.message}`);
    next = rebuild(source.chain, source.keys, c);
  }
  const path = str(op.path);
  if (path === undefined) return new Failure(kind === 'move' ? `move operation failed to decode path: operation missing path field: ${MISSING}` : `copy operation failed to decode path: ${MISSING}`);
  const target = walk(next, path);
  if (!target) return new Failure(`${kind} operation does not apply: doc is missing destination path: ${path}: ${MISSING}`);
  const c = copyOf(target.chain[target.chain.length - 1]!);
  const err = add(c, target.key, got ?? null);
  if (err) return new Failure(kind === 'move' ? `error in move for path: '${path}': ${err.message}` : `error while adding value during copy: ${err.message}`);
  return rebuild(target.chain, target.keys, c);
}

/**
 * Applies a JSON patch (an array of operations) to a document. A patch that is not an array of
 * objects fails with 400 and Go's decode error; an operation that does not apply fails with
 * 422 and evanphx's text (see `JSON_PATCH_REJECTED` for what the API server shows). Inputs are
 * never modified; the result shares unchanged subtrees with `doc`.
 */
export function applyJsonPatch(doc: JsonValue, patch: JsonValue): PatchResult<JsonValue> {
  if (!Array.isArray(patch)) {
    const type = patch === null ? 'null' : isMap(patch) ? 'object' : typeof patch;
    if (patch !== null) return patchFailure(`json: cannot unmarshal ${type} into Go value of type jsonpatch.Patch`, 400);
    return patched(doc);
  }
  for (const op of patch) {
    if (op !== null && !isMap(op)) {
      return patchFailure(`json: cannot unmarshal ${Array.isArray(op) ? 'array' : typeof op} into Go value of type jsonpatch.Operation`, 400);
    }
  }
  let current = doc;
  for (const op of patch) {
    const next = applyOperation(current, (op ?? {}) as JsonPatchOperation);
    if (next instanceof Failure) return patchFailure(next.message, 422);
    current = next;
  }
  return patched(current);
}
