/**
 * Outcomes of applying or computing a patch, with the HTTP code kube-apiserver answers a failure
 * with (400 for a malformed patch, 422 when a well-formed patch does not apply, 500 otherwise),
 * and the error texts of k8s.io/apimachinery/pkg/util/mergepatch.
 */

/** The patched or computed document, or why it failed. */
export type PatchResult<T> = { ok: true; value: T } | { ok: false; message: string; code: 400 | 422 | 500 };

/** A successful patch outcome. */
export function patched<T>(value: T): PatchResult<T> {
  return { ok: true, value };
}

/** A failed patch outcome. */
export function patchFailure<T = never>(message: string, code: 400 | 422 | 500): PatchResult<T> {
  return { ok: false, message, code };
}

/**
 * A failure raised deep inside a recursive merge and caught at the public entry point, where it
 * becomes a `PatchResult`; it never escapes this folder.
 */
export class PatchError extends Error {
  constructor(
    message: string,
    readonly code: 400 | 422 | 500 = 500,
  ) {
    super(message);
  }
}

/** Runs a merge that may raise `PatchError` and turns the outcome into a value. */
export function catchPatchError<T>(run: () => T): PatchResult<T> {
  try {
    return patched(run());
  } catch (e) {
    if (e instanceof PatchError) return patchFailure(e.message, e.code);
    throw e;
  }
}

/** mergepatch.ErrBadJSONDoc. */
export const ERR_BAD_JSON_DOC = 'invalid JSON document';
/** mergepatch.ErrNoListOfLists. */
export const ERR_NO_LIST_OF_LISTS = 'lists of lists are not supported';
/** mergepatch.ErrBadPatchFormatForPrimitiveList. */
export const ERR_BAD_PATCH_FORMAT_FOR_PRIMITIVE_LIST = 'invalid patch format of primitive list';
/** mergepatch.ErrBadPatchFormatForRetainKeys. */
export const ERR_BAD_PATCH_FORMAT_FOR_RETAIN_KEYS = 'invalid patch format of retainKeys';
/** mergepatch.ErrBadPatchFormatForSetElementOrderList. */
export const ERR_BAD_PATCH_FORMAT_FOR_SET_ELEMENT_ORDER_LIST = 'invalid patch format of setElementOrder list';
