/**
 * The scale subresource as the HPA controller reads and writes it (autoscaling/v1 Scale): the
 * target's spec.replicas, status.replicas and label selector. The playground's API server has no
 * `/scale` endpoint, so the target itself is read, and spec.replicas patched; the errors are the
 * ones the scale endpoints give (`deployments/scale.apps "web" not found`).
 */
import type { KubeObject } from '../../api/types.js';
import { parseApiVersion } from '../../api/types.js';
import { labelSelectorAsSelector, selectorFromSet, selectorToString } from '../../api/label-selector.js';
import { RESOURCES, type ResourceInfo } from '../../apiserver/registry.js';
import type { ApiClient } from '../../apiserver/types.js';

/** autoscaling/v1 Scale, reduced to what the HPA reads. */
export interface Scale {
  resource: ResourceInfo;
  specReplicas: number;
  statusReplicas: number;
  /** The label selector in its string form; '' when the target has none. */
  selector: string;
}

/** The kinds with a scale subresource. */
const SCALABLE = new Set(['deployments', 'replicasets', 'statefulsets', 'replicationcontrollers']);

/** The HPA's scaleTargetRef. */
export interface CrossVersionObjectReference {
  kind?: string;
  name?: string;
  apiVersion?: string;
}

/** The target's scale, or the error message upstream gives. */
export function getScale(api: ApiClient, namespace: string, ref: CrossVersionObjectReference): { ok: true; scale: Scale } | { ok: false; message: string } {
  const { group } = parseApiVersion(ref.apiVersion ?? '');
  const kind = ref.kind ?? '';
  const info = RESOURCES.find((r) => r.group === group && r.kind === kind);
  if (info === undefined) return { ok: false, message: `no matches for kind ${JSON.stringify(kind)} in group ${JSON.stringify(group)}` };
  if (!SCALABLE.has(info.resource)) return { ok: false, message: 'the server could not find the requested resource' };
  const got = api.get(info.resource, namespace, ref.name ?? '');
  if (!got.ok) {
    if (got.status.code !== 404) return { ok: false, message: got.status.message ?? '' };
    const resource = info.group === '' ? `${info.resource}/scale` : `${info.resource}/scale.${info.group}`;
    return { ok: false, message: `${resource} ${JSON.stringify(ref.name ?? '')} not found` };
  }
  return { ok: true, scale: scaleOf(info, got.value) };
}

function scaleOf(info: ResourceInfo, target: KubeObject): Scale {
  const spec = (target['spec'] ?? {}) as { replicas?: number; selector?: unknown };
  const status = (target['status'] ?? {}) as { replicas?: number };
  let selector = '';
  if (info.resource === 'replicationcontrollers') {
    selector = selectorToString(selectorFromSet((spec.selector as Record<string, string> | undefined) ?? null));
  } else {
    const parsed = labelSelectorAsSelector(spec.selector as Parameters<typeof labelSelectorAsSelector>[0]);
    selector = parsed.ok ? selectorToString(parsed.value) : '';
  }
  return { resource: info, specReplicas: spec.replicas ?? 1, statusReplicas: status.replicas ?? 0, selector };
}

/** Scales(namespace).Update: sets the target's spec.replicas. */
export function updateScale(api: ApiClient, namespace: string, scale: Scale, name: string, replicas: number): { ok: true } | { ok: false; message: string } {
  const patched = api.patch(scale.resource.resource, namespace, name, 'merge', { spec: { replicas } });
  return patched.ok ? { ok: true } : { ok: false, message: patched.status.message ?? '' };
}
