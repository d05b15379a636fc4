/**
 * Conversion of objects sent in an older served version to the stored version, as the API
 * server's scheme converts them (only autoscaling/v1 HorizontalPodAutoscalers need it here), and
 * the v1 → internal conversions that change what is stored (a Secret's write-only `stringData`).
 */
import type { KubeObject } from '../api/types.js';
import type { ResourceInfo } from './registry.js';
import { apiVersionOf } from './registry.js';

/** The object in its resource's stored version. */
export function toStoredVersion(info: ResourceInfo, input: KubeObject): KubeObject {
  const stored = apiVersionOf(info);
  const object = info.kind === 'Secret' ? mergeStringData(input) : input;
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

/**
 * Convert_v1_Secret_To_core_Secret: `stringData` overwrites `data` key by key (the API stores the
 * bytes, here base64) and is never stored or returned. Non-string values are left for validation.
 */
function mergeStringData(secret: KubeObject): KubeObject {
  const stringData = secret.stringData;
  if (stringData === null || typeof stringData !== 'object' || Array.isArray(stringData)) return secret;
  const entries = Object.entries(stringData);
  if (!entries.every(([, value]) => typeof value === 'string')) return secret;
  const { stringData: _written, ...rest } = secret;
  if (entries.length === 0) return rest as KubeObject;
  const data = { ...((secret.data ?? {}) as Record<string, unknown>) };
  for (const [key, value] of entries) data[key] = Buffer.from(value as string).toString('base64');
  return { ...rest, data } as KubeObject;
}
