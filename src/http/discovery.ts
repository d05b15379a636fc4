/**
 * The documents kubectl reads before anything else: `/version` and the legacy discovery of
 * `/api`, `/apis`, `/api/v1` and `/apis/<group>/<version>`, built from the API server's registry
 * (k8s.io/apimachinery/pkg/apis/meta/v1 APIVersions, APIGroupList, APIResourceList).
 */
import { SCALABLE_KINDS } from './scale.js';
import { RESOURCES, type ResourceInfo } from '../apiserver/registry.js';

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

/** Every version a resource is served in, preferred first. */
function servedVersions(info: ResourceInfo): string[] {
  return [info.version, ...(info.alsoServedVersions ?? [])];
}

/** The named groups with their versions, preferred first, in discovery order. */
function groupVersions(): Map<string, string[]> {
  const groups = new Map<string, string[]>();
  for (const info of RESOURCES) {
    if (info.group === '') continue;
    const versions = groups.get(info.group) ?? [];
    for (const version of servedVersions(info)) if (!versions.includes(version)) versions.push(version);
    groups.set(info.group, versions);
  }
  return groups;
}

/** `GET /api`: APIVersions. */
export function apiVersions(serverAddress: string): object {
  return {
    kind: 'APIVersions',
    versions: ['v1'],
    serverAddressByClientCIDRs: [{ clientCIDR: '0.0.0.0/0', serverAddress }],
  };
}

function groupDocument(name: string, versions: readonly string[]): object {
  const entries = versions.map((version) => ({ groupVersion: `${name}/${version}`, version }));
  return { name, versions: entries, preferredVersion: entries[0] };
}

/** `GET /apis`: APIGroupList. */
export function apiGroupList(): object {
  return {
    kind: 'APIGroupList',
    apiVersion: 'v1',
    groups: [...groupVersions()].map(([name, versions]) => groupDocument(name, versions)),
  };
}

/** `GET /apis/<group>`: APIGroup, or undefined when the group is not served. */
export function apiGroup(group: string): object | undefined {
  const versions = groupVersions().get(group);
  return versions === undefined ? undefined : { kind: 'APIGroup', apiVersion: 'v1', ...groupDocument(group, versions) };
}

/** One APIResource entry. */
function apiResource(info: ResourceInfo): Record<string, unknown> {
  const entry: Record<string, unknown> = {
    name: info.resource,
    singularName: info.singular,
    namespaced: info.namespaced,
    kind: info.kind,
    verbs: RESOURCE_VERBS,
  };
  if (info.shortNames.length > 0) entry['shortNames'] = info.shortNames;
  if (info.categories.length > 0) entry['categories'] = info.categories;
  return entry;
}

/** The subresources the HTTP front serves for a resource. */
function subresources(info: ResourceInfo): Record<string, unknown>[] {
  const subs: Record<string, unknown>[] = [];
  const sub = (name: string, kind: string, verbs: readonly string[], gv?: { group: string; version: string }): void => {
    subs.push({ name: `${info.resource}/${name}`, singularName: '', namespaced: info.namespaced, ...gv, kind, verbs });
  };
  if (info.group === '' && info.resource === 'pods') {
    sub('binding', 'Binding', ['create']);
    sub('eviction', 'Eviction', ['create'], { group: 'policy', version: 'v1' });
  }
  if (info.hasStatus) sub('status', info.kind, ['get', 'patch', 'update']);
  if (SCALABLE_KINDS.has(info.kind)) sub('scale', 'Scale', ['get', 'patch', 'update'], { group: 'autoscaling', version: 'v1' });
  return subs;
}

/**
 * `GET /api/v1` or `GET /apis/<group>/<version>`: APIResourceList, or undefined when that
 * group-version is not served.
 */
export function apiResourceList(group: string, version: string): object | undefined {
  const served = RESOURCES.filter((info) => info.group === group && servedVersions(info).includes(version));
  if (served.length === 0) return undefined;
  return {
    kind: 'APIResourceList',
    apiVersion: 'v1',
    groupVersion: group === '' ? version : `${group}/${version}`,
    resources: served.flatMap((info) => [apiResource(info), ...subresources(info)]),
  };
}
