/**
 * What kube-apiserver does for `kubectl`'s server-side apply on objects that client-side apply
 * managed (fieldmanager lastAppliedManager and lastAppliedUpdater): conflicts on fields whose
 * live value is still what the `last-applied-configuration` annotation says are forgiven, and
 * the annotation is rewritten to the newly applied configuration, so a later client-side apply
 * still computes the right three-way patch.
 */
import type { JsonObject, JsonValue, KubeObject } from '../api/types.js';
import type { FieldSet } from './managed-fields-set.js';
import { difference } from './managed-fields-set.js';
import { isMap } from '../api/patch/go-values.js';
import { compareObjects, toFieldSet, trackedView } from './managed-fields-walk.js';

/** corev1.LastAppliedConfigAnnotation. */
export const LAST_APPLIED_ANNOTATION = 'kubectl.kubernetes.io/last-applied-configuration';

/** The only manager whose applies get this treatment (kubectl's default for --server-side). */
export const KUBECTL_APPLY_MANAGER = 'kubectl';

/**
 * The fields the live object's last-applied configuration sets to the value they still have
 * (allowedConflictsFromLastApplied); undefined when there is no usable annotation.
 */
export function fieldsStillAsLastApplied(live: KubeObject, kind: string, hasStatus: boolean): FieldSet | undefined {
  const text = live.metadata.annotations?.[LAST_APPLIED_ANNOTATION];
  if (text === undefined || text === '') return undefined;
  let lastApplied: JsonValue;
  try {
    lastApplied = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (!isMap(lastApplied)) return undefined;
  const last = trackedView(lastApplied, hasStatus);
  const set = toFieldSet(last, kind);
  const comparison = compareObjects(last, trackedView(live, hasStatus), kind);
  return difference(difference(difference(set, comparison.modified), comparison.added), comparison.removed);
}

/**
 * `object` with its last-applied annotation (when it has one) set to `config` without that
 * annotation, as compact JSON with sorted keys (buildLastApplied).
 */
export function withLastAppliedUpdated(object: JsonObject, config: JsonObject): JsonObject {
  const metadata = object['metadata'];
  if (!isMap(metadata)) return object;
  const annotations = metadata['annotations'];
  if (!isMap(annotations) || typeof annotations[LAST_APPLIED_ANNOTATION] !== 'string' || annotations[LAST_APPLIED_ANNOTATION] === '') return object;
  const copy: JsonObject = { ...config };
  const configMetadata = copy['metadata'];
  if (isMap(configMetadata) && isMap(configMetadata['annotations'])) {
    const configAnnotations: JsonObject = { ...configMetadata['annotations'] };
    delete configAnnotations[LAST_APPLIED_ANNOTATION];
    copy['metadata'] = { ...configMetadata, annotations: configAnnotations };
  }
  const value = JSON.stringify(sortedKeys(copy));
  return { ...object, metadata: { ...metadata, annotations: { ...annotations, [LAST_APPLIED_ANNOTATION]: value } } };
}

/** A JSON value with every object's keys in order, as Go's encoding of a map writes them. */
function sortedKeys(value: JsonValue): JsonValue {
  if (Array.isArray(value)) return value.map(sortedKeys);
  if (!isMap(value)) return value;
  const out: JsonObject = {};
  for (const key of Object.keys(value).sort()) {
    const child = value[key];
    if (child !== undefined) out[key] = sortedKeys(child);
  }
  return out;
}
