/**
 * The documents kubectl reads before anything else: `/version` and the legacy discovery of
 * `/api`, `/apis`, `/api/v1` and `/apis/<group>/<version>` (k8s.io/apimachinery/pkg/apis/meta/v1
 * APIVersions, APIGroupList, APIResourceList), rendered from one model of the served groups that
 * the aggregated discovery (aggregated-discovery.ts) renders too. The model is built from the API
 * server's registry, plus the groups of aggregated API servers (metrics.k8s.io) while they are available.
 */
import { SCALABLE_KINDS } from './scale.js';
import { RESOURCES, type ResourceInfo } from '../apiserver/registry.js';
import { LEGACY_CORE_RESOURCES } from './legacy-core.js';

/** The verbs of every ordinary resource, as a real kube-apiserver lists them. */
export const RESOURCE_VERBS: readonly string[] = ['create', 'delete', 'deletecollection', 'get', 'list', 'patch', 'update', 'watch'];

/** version.Info of the simulated kube-apiserver: v1.32, so that kubectl 1.32 sees no version skew. */
export const VERSION_INFO = {
  major: '1',
  minor: '32',
  gitVersion: 'v1.32.0',
  gitCommit: '70d3cc986aa8221cd1dfb1121852688902d3bf53',
  gitTreeState: 'clean',
  buildDate: '2024-12-11T17:59:15Z',
  goVersion: 'go1.23.3',
  compiler: 'gc',
  platform: 'linux/amd64',
} as const;

/**
 * The minimal OpenAPI v2 document as protobuf (`Document{swagger: "2.0"}`): enough for kubectl's
 * client-side validation to find no schema and let `apply -f` and `create -f` through.
 */
export const OPENAPI_V2_PROTOBUF: Uint8Array = Uint8Array.from([0x0a, 0x03, 0x32, 0x2e, 0x30]);

/** The Content-Type of {@link OPENAPI_V2_PROTOBUF} (without the `@`, which Go's MIME parser rejects). */
export const OPENAPI_V2_CONTENT_TYPE = 'application/com.github.proto-openapi.spec.v2.v1.0+protobuf';

/** A subresource as discovery lists it; `group`/`version` differ from the parent's for scale and eviction. */
export interface DiscoveredSubresource {
  subresource: string;
  group: string;
  version: string;
  kind: string;
  verbs: readonly string[];
}

/** A resource of one group-version as discovery lists it (APIResource / APIResourceDiscovery). */
export interface DiscoveredResource {
  resource: string;
  group: string;
  version: string;
  kind: string;
  /** '' where the serving storage names none (metrics-server's pods). */
  singular: string;
  namespaced: boolean;
  shortNames: readonly string[];
  categories: readonly string[];
  verbs: readonly string[];
  subresources: readonly DiscoveredSubresource[];
}

/** One served group with its versions, preferred first; the core group is named ''. */
export interface DiscoveredGroup {
  name: string;
  versions: readonly { version: string; resources: readonly DiscoveredResource[] }[];
}

/**
 * The order kube-apiserver lists its built-in groups in (by group priority, as in
 * pkg/controlplane/apiserver and the aggregator's default APIService priorities); it decides
 * the order of `kubectl get all` sections.
 */
const GROUP_ORDER: readonly string[] = [
  'apps',
  'events.k8s.io',
  'autoscaling',
  'batch',
  'networking.k8s.io',
  'policy',
  'storage.k8s.io',
  'scheduling.k8s.io',
  'coordination.k8s.io',
  'discovery.k8s.io',
];

const UPDATE_VERBS: readonly string[] = ['get', 'patch', 'update'];

/** The subresources the HTTP front serves for a resource, in name order as kube-apiserver lists them. */
function servedSubresources(info: ResourceInfo, version: string): DiscoveredSubresource[] {
  const subs: DiscoveredSubresource[] = [];
  const own = { group: info.group, version };
  if (info.group === '' && info.resource === 'pods') {
    subs.push({ subresource: 'binding', ...own, kind: 'Binding', verbs: ['create'] });
    subs.push({ subresource: 'eviction', group: 'policy', version: 'v1', kind: 'Eviction', verbs: ['create'] });
    subs.push({ subresource: 'log', ...own, kind: 'Pod', verbs: ['get'] });
  }
  if (SCALABLE_KINDS.has(info.kind)) subs.push({ subresource: 'scale', group: 'autoscaling', version: 'v1', kind: 'Scale', verbs: UPDATE_VERBS });
  if (info.hasStatus) subs.push({ subresource: 'status', ...own, kind: info.kind, verbs: UPDATE_VERBS });
  return subs.sort((a, b) => (a.subresource < b.subresource ? -1 : 1));
}

function discoveredResource(info: ResourceInfo, version: string): DiscoveredResource {
  return {
    resource: info.resource,
    group: info.group,
    version,
    kind: info.kind,
    singular: info.singular,
    namespaced: info.namespaced,
    shortNames: info.shortNames,
    categories: info.categories,
    verbs: RESOURCE_VERBS,
    subresources: servedSubresources(info, version),
  };
}

/** Every version a resource is served in, preferred first. */
function servedVersions(info: ResourceInfo): string[] {
  return [info.version, ...(info.alsoServedVersions ?? [])];
}

function buildGroups(): DiscoveredGroup[] {
  const byGroup = new Map<string, Map<string, DiscoveredResource[]>>();
  for (const info of RESOURCES) {
    const versions = byGroup.get(info.group) ?? new Map<string, DiscoveredResource[]>();
    byGroup.set(info.group, versions);
    for (const version of servedVersions(info)) {
      const resources = versions.get(version) ?? [];
      versions.set(version, resources);
      resources.push(discoveredResource(info, version));
    }
  }
  // bindings and componentstatuses: served without storage of their own (legacy-core.ts).
  byGroup.get('')?.get('v1')?.push(...LEGACY_CORE_RESOURCES);
  const rank = (name: string): number => (name === '' ? -1 : GROUP_ORDER.includes(name) ? GROUP_ORDER.indexOf(name) : GROUP_ORDER.length);
  return [...byGroup]
    .sort(([a], [b]) => rank(a) - rank(b))
    .map(([name, versions]) => ({
      name,
      // kube-apiserver sorts each group-version's resource paths (installer.go), subresources after their parent.
      versions: [...versions].map(([version, resources]) => ({ version, resources: resources.sort((a, b) => (a.resource < b.resource ? -1 : 1)) })),
    }));
}

/** The groups kube-apiserver itself serves (core first), built once from the registry. */
export const BUILT_IN_GROUPS: readonly DiscoveredGroup[] = buildGroups();

/** The built-in groups followed by `aggregated` (the groups of available APIServices). */
export function servedGroups(aggregated: readonly DiscoveredGroup[] = []): readonly DiscoveredGroup[] {
  return aggregated.length === 0 ? BUILT_IN_GROUPS : [...BUILT_IN_GROUPS, ...aggregated];
}

/** `GET /api`: APIVersions. */
export function apiVersions(serverAddress: string): object {
  return {
    kind: 'APIVersions',
    versions: ['v1'],
    serverAddressByClientCIDRs: [{ clientCIDR: '0.0.0.0/0', serverAddress }],
  };
}

function groupDocument(group: DiscoveredGroup): object {
  const entries = group.versions.map(({ version }) => ({ groupVersion: `${group.name}/${version}`, version }));
  return { name: group.name, versions: entries, preferredVersion: entries[0] };
}

/** `GET /apis`: APIGroupList. */
export function apiGroupList(aggregated: readonly DiscoveredGroup[] = []): object {
  return {
    kind: 'APIGroupList',
    apiVersion: 'v1',
    groups: servedGroups(aggregated).filter((g) => g.name !== '').map(groupDocument),
  };
}

/** `GET /apis/<group>`: APIGroup, or undefined when the group is not served. */
export function apiGroup(name: string, aggregated: readonly DiscoveredGroup[] = []): object | undefined {
  const group = name === '' ? undefined : servedGroups(aggregated).find((g) => g.name === name);
  return group === undefined ? undefined : { kind: 'APIGroup', apiVersion: 'v1', ...groupDocument(group) };
}

/** The APIResource entries of a resource and its subresources. */
function apiResources(resource: DiscoveredResource): Record<string, unknown>[] {
  const entry: Record<string, unknown> = {
    name: resource.resource,
    singularName: resource.singular,
    namespaced: resource.namespaced,
    kind: resource.kind,
    verbs: resource.verbs,
  };
  if (resource.shortNames.length > 0) entry['shortNames'] = resource.shortNames;
  if (resource.categories.length > 0) entry['categories'] = resource.categories;
  const subs = resource.subresources.map((sub) => {
    const other = sub.group !== resource.group || sub.version !== resource.version;
    return {
      name: `${resource.resource}/${sub.subresource}`,
      singularName: '',
      namespaced: resource.namespaced,
      ...(other ? { group: sub.group, version: sub.version } : {}),
      kind: sub.kind,
      verbs: sub.verbs,
    };
  });
  return [entry, ...subs];
}

/**
 * `GET /api/v1` or `GET /apis/<group>/<version>`: APIResourceList, or undefined when that
 * group-version is not served.
 */
export function apiResourceList(group: string, version: string, aggregated: readonly DiscoveredGroup[] = []): object | undefined {
  const served = servedGroups(aggregated).find((g) => g.name === group)?.versions.find((v) => v.version === version);
  if (served === undefined) return undefined;
  return {
    kind: 'APIResourceList',
    apiVersion: 'v1',
    groupVersion: group === '' ? version : `${group}/${version}`,
    resources: served.resources.flatMap(apiResources),
  };
}
