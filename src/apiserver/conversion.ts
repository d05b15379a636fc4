/**
 * Conversion of objects sent in an older served version to the stored version, as the API
 * server's scheme converts them (only autoscaling/v1 HorizontalPodAutoscalers need it here).
 */
import type { KubeObject } from '../api/types.js';
import type { ResourceInfo } from './registry.js';
import { apiVersionOf } from './registry.js';

/** The object in its resource's stored version. */
export function toStoredVersion(info: ResourceInfo, object: KubeObject): KubeObject {
  const stored = apiVersionOf(info);
  if (object.apiVersion === stored) return object;
  if (info.kind === 'HorizontalPodAutoscaler') return hpaV1ToV2(object, stored);
  return { ...object, apiVersion: stored };
}

/** autoscaling/v1 `targetCPUUtilizationPercentage` becomes a v2 Resource metric. */
function hpaV1ToV2(object: KubeObject, apiVersion: string): KubeObject {
  const spec = { ...((object.spec ?? {}) as Record<string, unknown>) };
  const target = spec.targetCPUUtilizationPercentage;
  delete spec.targetCPUUtilizationPercentage;
  if (typeof target === 'number') {
    spec.metrics = [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: target } } }];
  }
  return { ...object, apiVersion, spec };
}
