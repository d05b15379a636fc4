/**
 * The patch verb: read the live object, apply a JSON merge patch, a JSON patch or a strategic
 * merge patch to it, and send the result down the update path (validation, generation,
 * optimistic concurrency). A patch that cannot apply fails as kube-apiserver fails it.
 */
import type { JsonObject, JsonValue, KubeObject } from '../api/types.js';
import type { Result } from '../api/result.js';
import { fail } from '../api/result.js';
import type { Status } from '../api/status.js';
import { badRequest } from '../api/status.js';
import type { PatchResult } from '../api/patch/patch-result.js';
import { applyMergePatch } from '../api/patch/json-merge-patch.js';
import { applyJsonPatch, JSON_PATCH_REJECTED } from '../api/patch/json-patch.js';
import { applyStrategicMergePatch } from '../api/patch/strategic-merge-patch.js';
import type { PatchOptions, PatchType } from './types.js';
import type { ResourceInfo } from './registry.js';
import type { ServerContext } from './server-context.js';
import { readExisting } from './server-context.js';
import { updateObject } from './update.js';
import { applyObject } from './apply.js';
import { toServedVersion } from './conversion.js';

/** Patches one object (or its status with `subresource: 'status'`); an `apply` patch is server-side apply (apply.ts). */
export function patchObject(
  ctx: ServerContext,
  info: ResourceInfo,
  namespace: string,
  name: string,
  type: PatchType,
  patch: unknown,
  options: PatchOptions = {},
): Result<KubeObject> {
  if (type === 'apply') return applyObject(ctx, info, namespace, name, patch, options);
  const ns = info.namespaced ? namespace : '';
  const current = readExisting(ctx, info, ns, name);
  if (!current.ok) return current;
  const live = current.value.object;
  const result = applyPatch(type, options.version === undefined ? live : toServedVersion(info, live, options.version), patch as JsonValue, info.kind);
  if (!result.ok) return fail(patchFailed(result));
  const next = result.value as unknown as KubeObject;
  if (typeof next !== 'object' || next === null || Array.isArray(next)) return fail(badRequest('the patch did not produce an object'));
  const metadata = typeof next.metadata === 'object' && next.metadata !== null ? next.metadata : {};
  // A patch carries a precondition only if it sets resourceVersion itself.
  const patchedVersion = (patch as { metadata?: { resourceVersion?: unknown } } | null)?.metadata?.resourceVersion;
  const resourceVersion = typeof patchedVersion === 'string' ? patchedVersion : live.metadata.resourceVersion;
  const input: KubeObject = { ...next, metadata: { ...metadata, name, resourceVersion } };
  if (info.namespaced) input.metadata.namespace = ns;
  return updateObject(ctx, info, ns, input, options);
}

function applyPatch(type: Exclude<PatchType, 'apply'>, live: KubeObject, patch: JsonValue, kind: string): PatchResult<JsonValue> {
  const original = live as unknown as JsonObject;
  switch (type) {
    case 'merge':
      return applyMergePatch(original, patch);
    case 'json':
      return applyJsonPatch(original, patch);
    case 'strategic':
      return applyStrategicMergePatch(original, patch, kind);
  }
}

/**
 * 422 for a well-formed patch that does not apply, 400 for a malformed one, as kube-apiserver
 * answers. The 422 is upstream's `NewGenericServerResponse(422, …)`: no kind or name, the patch
 * error as the one cause, so kubectl prints `The request is invalid: : <error>`.
 */
function patchFailed(result: { message: string; code: number }): Status {
  if (result.code !== 422) return badRequest(result.message);
  return {
    kind: 'Status',
    apiVersion: 'v1',
    metadata: {},
    status: 'Failure',
    message: JSON_PATCH_REJECTED,
    reason: 'Invalid',
    details: { causes: [{ reason: 'UnexpectedServerResponse', message: result.message }] },
    code: 422,
  };
}
