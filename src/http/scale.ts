/**
 * The `scale` subresource of Deployments, ReplicaSets, StatefulSets and ReplicationControllers
 * (autoscaling/v1 Scale), which `kubectl scale` and the HorizontalPodAutoscaler use: reading it
 * shows spec.replicas, status.replicas and the label selector as a string; writing it (PUT or any
 * patch type) changes only the parent's spec.replicas.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { badRequest, invalid } from '../api/status.js';
import type { JsonObject, JsonValue, KubeObject } from '../api/types.js';
import { formatLabelSelector, type LabelSelector } from '../api/label-selector.js';
import { applyJsonPatch } from '../api/patch/json-patch.js';
import { applyMergePatch } from '../api/patch/json-merge-patch.js';
import { required } from '../api/field-errors.js';
import type { ApiClient, PatchType } from '../apiserver/types.js';
import { managerOrUserAgent } from '../apiserver/managed-fields-user-agent.js';
import { decodeJson, readBody } from './body.js';
import { methodNotAllowed, writeJson, writeStatus } from './respond.js';
import { clientResourceName, type ResourceRoute } from './route.js';

/** Kinds with a scale subresource. */
export const SCALABLE_KINDS: ReadonlySet<string> = new Set(['Deployment', 'ReplicaSet', 'StatefulSet', 'ReplicationController']);

/** The Scale of `object`. */
export function scaleOf(object: KubeObject): JsonObject {
  const spec = (object['spec'] ?? {}) as { replicas?: number; selector?: unknown };
  const status = (object['status'] ?? {}) as { replicas?: number };
  const selector =
    object.kind === 'ReplicationController'
      ? Object.entries((spec.selector ?? {}) as Record<string, string>).map(([k, v]) => `${k}=${v}`).join(',')
      : formatLabelSelector(spec.selector as LabelSelector | undefined);
  const metadata: JsonObject = { name: object.metadata.name ?? '', namespace: object.metadata.namespace ?? '' };
  if (object.metadata.uid !== undefined) metadata['uid'] = object.metadata.uid;
  if (object.metadata.resourceVersion !== undefined) metadata['resourceVersion'] = object.metadata.resourceVersion;
  if (object.metadata.creationTimestamp !== undefined) metadata['creationTimestamp'] = object.metadata.creationTimestamp;
  return {
    kind: 'Scale',
    apiVersion: 'autoscaling/v1',
    metadata,
    spec: { replicas: spec.replicas ?? 1 },
    status: { replicas: status.replicas ?? 0, selector },
  };
}

/** Serves GET, PUT and PATCH on `<scalable>/<name>/scale`. */
export async function handleScale(
  api: ApiClient,
  route: ResourceRoute & { name: string },
  patchType: PatchType | undefined,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  const resource = clientResourceName(route.info);
  const current = api.get(resource, route.namespace, route.name);
  if (!current.ok) return writeStatus(res, current.status);
  const scale = scaleOf(current.value);
  if (req.method === 'GET') return writeJson(res, 200, scale);
  if (req.method !== 'PUT' && req.method !== 'PATCH') return writeStatus(res, methodNotAllowed(req.method ?? ''));
  const body = await readBody(req);
  if (!body.ok) return writeStatus(res, body.status);
  const decoded = decodeJson(body.value);
  if (!decoded.ok) return writeStatus(res, decoded.status);
  const patch = decoded.value as JsonValue;
  let wanted: JsonValue = patch;
  if (req.method === 'PATCH') {
    // A Scale has no lists, so a strategic merge patch is a merge patch.
    const applied = patchType === 'json' ? applyJsonPatch(scale, patch) : applyMergePatch(scale, patch);
    if (!applied.ok) return writeStatus(res, badRequest(applied.message));
    wanted = applied.value;
  }
  const replicas = ((wanted as { spec?: { replicas?: unknown } } | null)?.spec?.replicas);
  if (typeof replicas !== 'number' || !Number.isInteger(replicas)) {
    return writeStatus(res, invalid('autoscaling', 'Scale', route.name, [required('spec.replicas')]));
  }
  // Recorded in managedFields as the caller's write through the scale subresource (`kubectl`, subresource scale).
  const fieldManager = managerOrUserAgent(new URL(req.url ?? '/', 'http://localhost').searchParams.get('fieldManager'), req.headers['user-agent']);
  const patched = api.patch(resource, route.namespace, route.name, 'merge', { spec: { replicas } }, fieldManager ? { fieldManager, subresource: 'scale' } : {});
  if (!patched.ok) return writeStatus(res, patched.status);
  return writeJson(res, 200, scaleOf(patched.value));
}
