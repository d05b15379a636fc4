/**
 * The kinds kube-apiserver serves: group, version, resource name, scope and etcd key prefix, as in
 * a real v1.32 cluster (pkg/registry/*, and the storage prefixes of pkg/kubeapiserver/default_storage_factory_builder.go).
 */
import { formatApiVersion, parseApiVersion } from '../api/types.js';

/** One served resource. */
export interface ResourceInfo {
  group: string;
  /** The version objects are stored and served in. */
  version: string;
  kind: string;
  /** Plural resource name, as in URLs: `pods`, `deployments`. */
  resource: string;
  singular: string;
  shortNames: readonly string[];
  namespaced: boolean;
  /** etcd key prefix without a trailing slash: `/registry/pods`, `/registry/minions`. */
  etcdPrefix: string;
  /** `all` for the kinds `kubectl get all` shows. */
  categories: readonly string[];
  /** Whether the kind has a `status` subresource (spec and status written separately). */
  hasStatus: boolean;
  /** Other versions accepted on input and converted to `version` (e.g. autoscaling/v1 HPAs). */
  alsoServedVersions?: readonly string[];
}

type Row = [group: string, version: string, kind: string, resource: string, namespaced: boolean, etcdPrefix: string, shortNames: string, categories: string, hasStatus: boolean];

// prettier-ignore
const ROWS: readonly Row[] = [
  ['', 'v1', 'Namespace', 'namespaces', false, 'namespaces', 'ns', '', true],
  ['', 'v1', 'Node', 'nodes', false, 'minions', 'no', '', true],
  ['', 'v1', 'Pod', 'pods', true, 'pods', 'po', 'all', true],
  ['', 'v1', 'Service', 'services', true, 'services/specs', 'svc', 'all', true],
  ['', 'v1', 'Endpoints', 'endpoints', true, 'services/endpoints', 'ep', '', false],
  ['', 'v1', 'ConfigMap', 'configmaps', true, 'configmaps', 'cm', '', false],
  ['', 'v1', 'Secret', 'secrets', true, 'secrets', '', '', false],
  ['', 'v1', 'ServiceAccount', 'serviceaccounts', true, 'serviceaccounts', 'sa', '', false],
  ['', 'v1', 'Event', 'events', true, 'events', 'ev', '', false],
  ['', 'v1', 'ReplicationController', 'replicationcontrollers', true, 'controllers', 'rc', 'all', true],
  ['', 'v1', 'PersistentVolume', 'persistentvolumes', false, 'persistentvolumes', 'pv', '', true],
  ['', 'v1', 'PersistentVolumeClaim', 'persistentvolumeclaims', true, 'persistentvolumeclaims', 'pvc', '', true],
  ['', 'v1', 'LimitRange', 'limitranges', true, 'limitranges', 'limits', '', false],
  ['', 'v1', 'ResourceQuota', 'resourcequotas', true, 'resourcequotas', 'quota', '', true],
  ['apps', 'v1', 'Deployment', 'deployments', true, 'deployments', 'deploy', 'all', true],
  ['apps', 'v1', 'ReplicaSet', 'replicasets', true, 'replicasets', 'rs', 'all', true],
  ['apps', 'v1', 'DaemonSet', 'daemonsets', true, 'daemonsets', 'ds', 'all', true],
  ['apps', 'v1', 'StatefulSet', 'statefulsets', true, 'statefulsets', 'sts', 'all', true],
  ['apps', 'v1', 'ControllerRevision', 'controllerrevisions', true, 'controllerrevisions', '', '', false],
  ['batch', 'v1', 'Job', 'jobs', true, 'jobs', '', 'all', true],
  ['batch', 'v1', 'CronJob', 'cronjobs', true, 'cronjobs', 'cj', 'all', true],
  ['coordination.k8s.io', 'v1', 'Lease', 'leases', true, 'leases', '', '', false],
  ['discovery.k8s.io', 'v1', 'EndpointSlice', 'endpointslices', true, 'endpointslices', '', '', false],
  ['policy', 'v1', 'PodDisruptionBudget', 'poddisruptionbudgets', true, 'poddisruptionbudgets', 'pdb', '', true],
  ['autoscaling', 'v2', 'HorizontalPodAutoscaler', 'horizontalpodautoscalers', true, 'horizontalpodautoscalers', 'hpa', 'all', true],
  ['networking.k8s.io', 'v1', 'Ingress', 'ingresses', true, 'ingress', 'ing', '', true],
  ['networking.k8s.io', 'v1', 'IngressClass', 'ingressclasses', false, 'ingressclasses', '', '', false],
  ['networking.k8s.io', 'v1', 'NetworkPolicy', 'networkpolicies', true, 'networkpolicies', 'netpol', '', false],
  ['scheduling.k8s.io', 'v1', 'PriorityClass', 'priorityclasses', false, 'priorityclasses', 'pc', '', false],
  ['storage.k8s.io', 'v1', 'StorageClass', 'storageclasses', false, 'storageclasses', 'sc', '', false],
];

const EXTRA_VERSIONS: Record<string, readonly string[]> = { horizontalpodautoscalers: ['v1'] };

/** Every resource the API server serves, in discovery order. */
export const RESOURCES: readonly ResourceInfo[] = ROWS.map(
  ([group, version, kind, resource, namespaced, prefix, shortNames, categories, hasStatus]) => {
    const info: ResourceInfo = {
      group,
      version,
      kind,
      resource,
      singular: kind.toLowerCase(),
      shortNames: shortNames ? shortNames.split(',') : [],
      namespaced,
      etcdPrefix: `/registry/${prefix}`,
      categories: categories ? categories.split(',') : [],
      hasStatus,
    };
    const extra = EXTRA_VERSIONS[resource];
    if (extra) info.alsoServedVersions = extra;
    return Object.freeze(info);
  },
);

const byName = new Map<string, ResourceInfo>();
const byGroupKind = new Map<string, ResourceInfo>();
for (const info of RESOURCES) {
  for (const name of [info.resource, info.singular, ...info.shortNames]) {
    byName.set(name, info);
    byName.set(info.group === '' ? name : `${name}.${info.group}`, info);
  }
  byGroupKind.set(`${info.group}/${info.kind}`, info);
}

/**
 * Finds a resource by the names kubectl accepts: plural, singular, short name, or any of them
 * qualified by group (`deployments.apps`), case-insensitively.
 */
export function lookupResource(name: string): ResourceInfo | undefined {
  return byName.get(name.toLowerCase());
}

/** The Namespace resource, which admission reads on every namespaced create. */
export const NAMESPACES: ResourceInfo = byGroupKind.get('/Namespace')!;

/** Finds the resource for an object's `apiVersion` and `kind`; undefined when the version is not served. */
export function resourceForKind(apiVersion: string, kind: string): ResourceInfo | undefined {
  // Every create and every event asks this with the same few strings: answer from a cache by
  // apiVersion then kind (both strings hash once), not by building a group/kind key each time.
  let byKind = byApiVersionKind.get(apiVersion);
  if (byKind === undefined) {
    if (byApiVersionKind.size >= MAX_CACHED_API_VERSIONS) byApiVersionKind.clear();
    byKind = new Map();
    byApiVersionKind.set(apiVersion, byKind);
  }
  let info = byKind.get(kind);
  if (info === undefined && !byKind.has(kind)) {
    if (byKind.size >= MAX_CACHED_KINDS) byKind.clear();
    info = findResourceForKind(apiVersion, kind);
    byKind.set(kind, info);
  }
  return info;
}

/** resourceForKind's answers; bounded, since clients may send any apiVersion and kind. */
const byApiVersionKind = new Map<string, Map<string, ResourceInfo | undefined>>();
const MAX_CACHED_API_VERSIONS = 64;
const MAX_CACHED_KINDS = 256;

function findResourceForKind(apiVersion: string, kind: string): ResourceInfo | undefined {
  const { group, version } = parseApiVersion(apiVersion);
  const info = byGroupKind.get(`${group}/${kind}`);
  if (!info) return undefined;
  if (info.version === version || info.alsoServedVersions?.includes(version)) return info;
  return undefined;
}

const apiVersions = new Map<ResourceInfo, string>(RESOURCES.map((info) => [info, formatApiVersion(info.group, info.version)]));

/** `apps/v1` for a resource. */
export function apiVersionOf(info: ResourceInfo): string {
  return apiVersions.get(info) ?? formatApiVersion(info.group, info.version);
}

/** The etcd key of one object: `/registry/pods/<ns>/<name>` or `/registry/minions/<name>`. */
export function storageKey(info: ResourceInfo, namespace: string, name: string): string {
  return info.namespaced ? `${info.etcdPrefix}/${namespace}/${name}` : `${info.etcdPrefix}/${name}`;
}

/** The etcd prefix a list or watch reads: one namespace, or all of the resource. */
export function storagePrefix(info: ResourceInfo, namespace: string): string {
  return info.namespaced && namespace !== '' ? `${info.etcdPrefix}/${namespace}/` : `${info.etcdPrefix}/`;
}
