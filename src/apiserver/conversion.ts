/**
 * Conversion between a resource's served versions and its stored version, as the API server's
 * scheme converts (only HorizontalPodAutoscalers are served in two versions here: autoscaling/v1
 * and the stored autoscaling/v2, pkg/apis/autoscaling/v1/conversion.go), and the v1 → internal
 * conversions that change what is stored (a Secret's write-only `stringData`).
 */
import type { KubeList, KubeObject } from '../api/types.js';
import { formatApiVersion } from '../api/types.js';
import { dropRoundTripAnnotations, hpaV1ToV2, hpaV2ToV1, withAnnotations } from './conversion-hpa.js';
import type { ResourceInfo } from './registry.js';
import { apiVersionOf } from './registry.js';

/** The object in its resource's stored version. */
export function toStoredVersion(info: ResourceInfo, input: KubeObject): KubeObject {
  const stored = apiVersionOf(info);
  const object = info.kind === 'Secret' ? mergeStringData(input) : input;
  if (info.kind === 'HorizontalPodAutoscaler') {
    // Every version but v1 round-trips without the annotations: ones sent in are dropped.
    return object.apiVersion === 'autoscaling/v1' ? hpaV1ToV2(object, stored) : withAnnotations(object, dropRoundTripAnnotations(object));
  }
  return object.apiVersion === stored ? object : { ...object, apiVersion: stored };
}

/**
 * A stored object as a client of `version` (the version in the request's URL) reads it. Status
 * objects and objects already in that version pass through unchanged; managedFields keep the
 * apiVersion each manager wrote with.
 */
export function toServedVersion(info: ResourceInfo, object: KubeObject, version: string): KubeObject {
  if (version === info.version) return object;
  const apiVersion = formatApiVersion(info.group, version);
  if (object.kind === 'Status' || object.apiVersion === apiVersion) return object;
  if (info.kind === 'HorizontalPodAutoscaler' && version === 'v1' && object.kind === info.kind) return hpaV2ToV1(object);
  return { ...object, apiVersion };
}

/** A list (its apiVersion and every item) as a client of `version` reads it. */
export function toServedList(info: ResourceInfo, list: KubeList, version: string): KubeList {
  if (version === info.version) return list;
  return { ...list, apiVersion: formatApiVersion(info.group, version), items: list.items.map((item) => toServedVersion(info, item, version)) };
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
