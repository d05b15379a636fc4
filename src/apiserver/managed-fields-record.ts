/**
 * Recording Update entries in `metadata.managedFields` on the create and update paths, for writes
 * that name a field manager. Writes without one (the cluster's own components) are not tracked —
 * see managed-fields.ts — and only keep the managed fields the object already had.
 */
import type { KubeObject } from '../api/types.js';
import { rfc3339 } from '../api/time.js';
import { shallowCopy } from '../api/freeze.js';
import type { UpdateOptions } from './types.js';
import type { ResourceInfo } from './registry.js';
import { apiVersionOf } from './registry.js';
import { decodeManagedFields, encodeManagedFields, recordUpdate } from './managed-fields.js';

const TEMPLATE = { metadata: {}, spec: {} };

/**
 * The Go zero value of each kind as the field manager sees it on create (`creater.New(kind)`):
 * non-pointer structs are present and empty, so creating fields under them does not make the
 * struct itself a member (`f:spec` has no `.`), while pointer, map and slice fields do.
 */
const ZERO_SPECS: Readonly<Record<string, Record<string, unknown>>> = {
  Deployment: { template: TEMPLATE, strategy: {} },
  ReplicaSet: { template: TEMPLATE },
  ReplicationController: {},
  StatefulSet: { template: TEMPLATE, updateStrategy: {} },
  DaemonSet: { template: TEMPLATE, updateStrategy: {} },
  Job: { template: TEMPLATE },
  CronJob: { jobTemplate: { metadata: {}, spec: { template: TEMPLATE } } },
  Pod: {},
  Service: {},
  Node: {},
  Namespace: {},
  PersistentVolumeClaim: {},
  PersistentVolume: {},
  PodDisruptionBudget: {},
  HorizontalPodAutoscaler: {},
  Ingress: {},
  NetworkPolicy: {},
  PriorityClass: {},
};

function zeroObject(info: ResourceInfo): KubeObject {
  const zero: KubeObject = { apiVersion: apiVersionOf(info), kind: info.kind, metadata: {} };
  const spec = ZERO_SPECS[info.kind];
  if (spec !== undefined) zero['spec'] = spec;
  return zero;
}

/** `object` (being created) with an Update entry for `options.fieldManager`; unchanged without one. */
export function managedFieldsOnCreate(info: ResourceInfo, object: KubeObject, options: UpdateOptions, now: number): KubeObject {
  const manager = options.fieldManager;
  if (manager === undefined || manager === '') return object;
  const given = decodeManagedFields(object.metadata.managedFields) ?? [];
  const managers = recordUpdate(given, zeroObject(info), object, { manager, operation: 'Update', apiVersion: apiVersionOf(info) }, {
    kind: info.kind,
    hasStatus: info.hasStatus,
    time: rfc3339(now),
  });
  return withManagedFields(object, managers.length === 0 ? undefined : encodeManagedFields(managers));
}

/**
 * `next` (replacing `old`) with its managed fields: those the request carries (a client may
 * rewrite them, as kubectl does when it hands client-side apply over to server-side apply) or
 * else the stored ones, plus an Update entry for `options.fieldManager` when it names one.
 */
export function managedFieldsOnUpdate(info: ResourceInfo, old: KubeObject, next: KubeObject, options: UpdateOptions, now: number): KubeObject {
  const manager = options.fieldManager;
  if (manager === undefined || manager === '') {
    const kept = old.metadata.managedFields;
    const given = next.metadata.managedFields;
    if (kept === undefined || (Array.isArray(given) && given.length > 0)) return next;
    return withManagedFields(next, kept);
  }
  const base = decodeManagedFields(next.metadata.managedFields) ?? decodeManagedFields(old.metadata.managedFields) ?? [];
  const writer = { manager, operation: 'Update' as const, apiVersion: apiVersionOf(info), ...(options.subresource === 'scale' ? { subresource: 'scale' } : {}) };
  const managers = recordUpdate(base, old, next, writer, { kind: info.kind, hasStatus: info.hasStatus, time: rfc3339(now) });
  return withManagedFields(next, managers.length === 0 ? undefined : encodeManagedFields(managers));
}

function withManagedFields(object: KubeObject, managedFields: unknown): KubeObject {
  if (managedFields === undefined && object.metadata.managedFields === undefined) return object;
  const metadata = shallowCopy(object.metadata);
  if (managedFields === undefined) delete metadata.managedFields;
  else metadata.managedFields = managedFields;
  const copy = shallowCopy(object);
  copy.metadata = metadata;
  return copy;
}
