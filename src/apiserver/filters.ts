/**
 * List and watch filtering by label and field selectors, with the field labels each kind
 * supports in kube-apiserver (its strategies' GetAttrs / field label conversion functions).
 */
import type { KubeObject } from '../api/types.js';
import type { Result } from '../api/result.js';
import { fail, ok } from '../api/result.js';
import { badRequest } from '../api/status.js';
import { matches, parseSelector } from '../api/label-selector.js';
import { matchesFields, parseFieldSelector } from '../api/field-selector.js';
import type { ListOptions } from './types.js';
import type { ResourceInfo } from './registry.js';

/** Whether an object passes a list's or watch's selectors. */
export type ObjectFilter = (object: KubeObject) => boolean;

/** Field labels beyond metadata.name/namespace, per kind, with the value an absent field reads as. */
const FIELD_LABELS: Record<string, Record<string, string>> = {
  Pod: {
    'spec.nodeName': '',
    'spec.restartPolicy': '',
    'spec.schedulerName': '',
    'spec.serviceAccountName': '',
    'spec.hostNetwork': 'false',
    'status.phase': '',
    'status.podIP': '',
    'status.nominatedNodeName': '',
  },
  Event: {
    'involvedObject.kind': '',
    'involvedObject.namespace': '',
    'involvedObject.name': '',
    'involvedObject.uid': '',
    'involvedObject.apiVersion': '',
    'involvedObject.resourceVersion': '',
    'involvedObject.fieldPath': '',
    reason: '',
    reportingComponent: '',
    source: '',
    type: '',
  },
  Node: { 'spec.unschedulable': 'false' },
  Secret: { type: '' },
  Namespace: { 'status.phase': '' },
  ReplicaSet: { 'status.replicas': '0' },
  ReplicationController: { 'status.replicas': '0' },
  Job: { 'status.successful': '0' },
};

const COMMON_FIELDS = new Set(['metadata.name', 'metadata.namespace']);

/** Compiles a list's selectors into a filter; undefined when nothing is filtered. Bad selectors are 400s. */
export function compileFilter(info: ResourceInfo, options: ListOptions): Result<ObjectFilter | undefined> {
  const filters: ObjectFilter[] = [];
  if (options.labelSelector) {
    const selector = parseSelector(options.labelSelector);
    if (!selector.ok) return fail(badRequest(selector.message));
    const compiled = selector.value;
    filters.push((object) => matches(compiled, object.metadata.labels));
  }
  if (options.fieldSelector) {
    const selector = parseFieldSelector(options.fieldSelector);
    if (!selector.ok) return fail(badRequest(selector.message));
    const supported = FIELD_LABELS[info.kind] ?? {};
    for (const requirement of selector.value.requirements) {
      if (!COMMON_FIELDS.has(requirement.field) && !(requirement.field in supported)) {
        return fail(badRequest(`field label not supported: ${requirement.field}`));
      }
    }
    const compiled = selector.value;
    filters.push((object) => matchesFields(compiled, (field) => fieldValue(object, field, supported)));
  }
  if (filters.length === 0) return ok(undefined);
  if (filters.length === 1) return ok(filters[0]);
  return ok((object) => filters.every((filter) => filter(object)));
}

/** The string value of a field label on an object (events' `source` is `source.component`). */
function fieldValue(object: KubeObject, field: string, supported: Record<string, string>): string {
  const path = field === 'source' && object.kind === 'Event' ? 'source.component' : field;
  let value: unknown = object;
  for (const part of path.split('.')) {
    if (typeof value !== 'object' || value === null) return supported[field] ?? '';
    value = (value as Record<string, unknown>)[part];
  }
  if (value === undefined || value === null) return supported[field] ?? '';
  return typeof value === 'string' ? value : String(value);
}
