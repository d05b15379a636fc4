/**
 * `kubectl apply` for one object, through the API: create it with the last-applied annotation
 * when absent; otherwise send the three-way strategic merge patch (last-applied, manifest, live)
 * so that fields others own (replicas set by `scale`, status, defaults) are left alone.
 */
import type { JsonObject, KubeObject } from '../api/types.js';
import type { Status } from '../api/status.js';
import { badRequest, noKindMatch } from '../api/status.js';
import type { ApiClient } from '../apiserver/types.js';
import type { ResourceInfo } from '../apiserver/registry.js';
import { resourceForKind } from '../apiserver/registry.js';
import { createThreeWayMergePatch } from '../api/patch/three-way-merge.js';

/** The annotation holding the manifest as last applied. */
export const LAST_APPLIED_ANNOTATION = 'kubectl.kubernetes.io/last-applied-configuration';

/** What applying one object did: kubectl's `created`, `configured` or `unchanged`, or the server's refusal. */
export type ApplyOutcome =
  | { ok: true; action: 'created' | 'configured' | 'unchanged'; object: KubeObject; info: ResourceInfo }
  | { ok: false; status: Status; info?: ResourceInfo };

/** Applies one manifest object. Namespaced objects without a namespace go to `defaultNamespace`. */
export function applyObject(api: ApiClient, manifest: KubeObject, defaultNamespace = 'default'): ApplyOutcome {
  const info = resourceForKind(String(manifest.apiVersion ?? ''), String(manifest.kind ?? ''));
  if (!info) return { ok: false, status: noKindMatch(String(manifest.kind ?? ''), String(manifest.apiVersion ?? '')) };
  const namespace = info.namespaced ? manifest.metadata.namespace || defaultNamespace : '';
  const modified = withLastApplied(manifest, namespace);
  const name = manifest.metadata.name ?? '';

  const live = name === '' ? undefined : api.get(info.resource, namespace, name);
  if (live === undefined || (!live.ok && live.status.code === 404)) {
    const created = api.create(info.resource, namespace, modified, { fieldManager: 'kubectl-client-side-apply' });
    return created.ok ? { ok: true, action: 'created', object: created.value, info } : { ok: false, status: created.status, info };
  }
  if (!live.ok) return { ok: false, status: live.status, info };

  const original = lastApplied(live.value);
  const computed = createThreeWayMergePatch(asJson(original), asJson(modified) ?? {}, asJson(live.value) ?? {}, info.kind);
  if (!computed.ok) return { ok: false, status: badRequest(computed.message), info };
  const patch = computed.value;
  if (Object.keys(patch).length === 0) return { ok: true, action: 'unchanged', object: live.value, info };
  const patched = api.patch(info.resource, namespace, name, 'strategic', patch, { fieldManager: 'kubectl-client-side-apply' });
  if (!patched.ok) return { ok: false, status: patched.status, info };
  const changed = patched.value.metadata.resourceVersion !== live.value.metadata.resourceVersion;
  return { ok: true, action: changed ? 'configured' : 'unchanged', object: patched.value, info };
}

/**
 * The manifest as kubectl sends it: namespace filled in, and the last-applied annotation holding
 * the manifest itself as compact JSON with sorted keys and a trailing newline.
 */
function withLastApplied(manifest: KubeObject, namespace: string): KubeObject {
  const annotations = { ...(manifest.metadata.annotations ?? {}) };
  delete annotations[LAST_APPLIED_ANNOTATION];
  const metadata = { ...manifest.metadata, annotations };
  if (namespace !== '') metadata.namespace = namespace;
  const recorded = { ...manifest, metadata };
  const lastAppliedJson = `${JSON.stringify(sortKeys(recorded))}\n`;
  return { ...recorded, metadata: { ...metadata, annotations: { ...annotations, [LAST_APPLIED_ANNOTATION]: lastAppliedJson } } };
}

/** The last-applied manifest recorded on a live object, or undefined. */
function lastApplied(live: KubeObject): KubeObject | undefined {
  const text = live.metadata.annotations?.[LAST_APPLIED_ANNOTATION];
  if (!text) return undefined;
  try {
    return JSON.parse(text) as KubeObject;
  } catch {
    return undefined;
  }
}

/** A copy with object keys sorted, as Go's encoding/json writes maps. */
function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (typeof value !== 'object' || value === null) return value;
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(value).sort()) out[key] = sortKeys((value as Record<string, unknown>)[key]);
  return out;
}

/** `deployment.apps/web`, `pod/nginx`: how kubectl names an object in its output. */
export function qualifiedObjectName(info: ResourceInfo, name: string): string {
  return `${info.singular}${info.group === '' ? '' : `.${info.group}`}/${name}`;
}

/** Objects are JSON; the patch functions take them as such. */
function asJson(object: KubeObject | undefined): JsonObject | undefined {
  return object as unknown as JsonObject | undefined;
}
