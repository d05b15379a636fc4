/**
 * Defaults of the remaining core/v1 kinds: Namespace (with its create strategy), Secret, Node,
 * Endpoints, LimitRange and ResourceQuota.
 */
import type { KubeObject } from '../../api/types.js';
import type { Fields } from './fields.js';
import { child, cloneJson, defaultString, ensureChild, isEmptyCollection, items } from './fields.js';
import type { DefaultingOptions } from './options.js';
import { defaultResourceList } from './resource-list.js';

/** v1.LabelMetadataName: every namespace is labelled with its own name. */
export const LABEL_METADATA_NAME = 'kubernetes.io/metadata.name';
/** v1.FinalizerKubernetes: the namespace controller's finalizer. */
export const FINALIZER_KUBERNETES = 'kubernetes';

/**
 * SetDefaults_Namespace and SetDefaults_NamespaceStatus: the `kubernetes.io/metadata.name` label
 * and phase `Active`. On create (namespaceStrategy.PrepareForCreate) also the `kubernetes`
 * finalizer, which the namespace controller removes when the namespace is deleted.
 */
export function defaultNamespace(namespace: KubeObject, options: DefaultingOptions = {}): KubeObject {
  const copy = cloneJson(namespace) as KubeObject & Fields;
  const metadata = ensureChild(copy, 'metadata');
  const name = metadata.name;
  if (typeof name === 'string' && name !== '') ensureChild(metadata, 'labels')[LABEL_METADATA_NAME] = name;
  defaultString(ensureChild(copy, 'status'), 'phase', 'Active');
  if (options.operation === 'CREATE') {
    const spec = ensureChild(copy, 'spec');
    const finalizers: unknown[] = Array.isArray(spec.finalizers) ? spec.finalizers : [];
    if (!finalizers.includes(FINALIZER_KUBERNETES)) finalizers.push(FINALIZER_KUBERNETES);
    spec.finalizers = finalizers;
  }
  return copy;
}

/** SetDefaults_Secret: type `Opaque`. */
export function defaultSecret(secret: KubeObject): KubeObject {
  const copy = cloneJson(secret) as KubeObject & Fields;
  defaultString(copy, 'type', 'Opaque');
  return copy;
}

/** SetDefaults_NodeStatus: allocatable is the capacity when not reported; quantities canonical. */
export function defaultNode(node: KubeObject): KubeObject {
  const copy = cloneJson(node) as KubeObject & Fields;
  const status = child(copy, 'status');
  if (!status) return copy;
  const capacity = child(status, 'capacity');
  if (capacity && (status.allocatable === undefined || status.allocatable === null)) status.allocatable = cloneJson(capacity);
  defaultResourceList(status.capacity);
  defaultResourceList(status.allocatable);
  return copy;
}

/** SetDefaults_Endpoints: every port's protocol is `TCP` unless given. */
export function defaultEndpoints(endpoints: KubeObject): KubeObject {
  const copy = cloneJson(endpoints) as KubeObject & Fields;
  for (const subset of items(copy, 'subsets')) {
    for (const port of items(subset, 'ports')) defaultString(port, 'protocol', 'TCP');
  }
  return copy;
}

/**
 * SetDefaults_LimitRangeItem: a Container limit's default limit falls back to its max, its default
 * request to its default limit and then its min; all quantities canonical.
 */
export function defaultLimitRange(limitRange: KubeObject): KubeObject {
  const copy = cloneJson(limitRange) as KubeObject & Fields;
  const spec = child(copy, 'spec');
  for (const item of spec ? items(spec, 'limits') : []) {
    if (item.type === 'Container') {
      const defaults = ensureChild(item, 'default');
      const defaultRequest = ensureChild(item, 'defaultRequest');
      for (const [name, value] of Object.entries(child(item, 'max') ?? {})) if (defaults[name] === undefined) defaults[name] = value;
      for (const [name, value] of Object.entries(defaults)) if (defaultRequest[name] === undefined) defaultRequest[name] = value;
      for (const [name, value] of Object.entries(child(item, 'min') ?? {})) {
        if (defaultRequest[name] === undefined) defaultRequest[name] = value;
      }
      // Go allocates both maps, but an empty ResourceList is omitted from the JSON.
      if (isEmptyCollection(defaults)) delete item.default;
      if (isEmptyCollection(defaultRequest)) delete item.defaultRequest;
    }
    for (const key of ['max', 'min', 'default', 'defaultRequest', 'maxLimitRequestRatio']) defaultResourceList(item[key]);
  }
  return copy;
}

/** A ResourceQuota's hard and used quantities, canonical. */
export function defaultResourceQuota(quota: KubeObject): KubeObject {
  const copy = cloneJson(quota) as KubeObject & Fields;
  const spec = child(copy, 'spec');
  if (spec) defaultResourceList(spec.hard);
  const status = child(copy, 'status');
  if (status) {
    defaultResourceList(status.hard);
    defaultResourceList(status.used);
  }
  return copy;
}
