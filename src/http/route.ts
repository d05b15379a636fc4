/**
 * Resource URL paths as kube-apiserver lays them out (k8s.io/apiserver RequestInfoFactory):
 * `/api/v1/<resource>[/<name>[/<sub>]]`, `/api/v1/namespaces/<ns>/<resource>[/<name>[/<sub>]]`,
 * and the same under `/apis/<group>/<version>`.
 */
import { RESOURCES, type ResourceInfo } from '../apiserver/registry.js';

/** A request for a resource: the collection (no `name`), one object, or one of its subresources. */
export interface ResourceRoute {
  info: ResourceInfo;
  /** The version named in the URL (one of the versions the resource is served in). */
  version: string;
  /** '' for cluster-scoped resources and for all-namespace collections. */
  namespace: string;
  name?: string;
  subresource?: string;
}

/** What a path names: a discovery document, a resource, or nothing served. */
export type Route =
  | { kind: 'resourceList'; group: string; version: string }
  | { kind: 'resource'; route: ResourceRoute }
  | { kind: 'notFound' };

/** Subresources of a Namespace that share the namespaced-collection URL shape. */
const NAMESPACE_SUBRESOURCES = new Set(['status', 'finalize']);

/** Finds the served resource `resource` in `group` at `version`. */
function findResource(group: string, version: string, resource: string): ResourceInfo | undefined {
  return RESOURCES.find(
    (info) =>
      info.group === group &&
      info.resource === resource &&
      (info.version === version || (info.alsoServedVersions?.includes(version) ?? false)),
  );
}

/** Splits `/api/v1/...` or `/apis/<g>/<v>/...` into group, version and the remaining segments. */
function groupVersionOf(segments: readonly string[]): { group: string; version: string; rest: string[] } | undefined {
  if (segments[0] === 'api' && segments[1] !== undefined) return { group: '', version: segments[1], rest: segments.slice(2) };
  if (segments[0] === 'apis' && segments[1] !== undefined && segments[2] !== undefined) {
    return { group: segments[1], version: segments[2], rest: segments.slice(3) };
  }
  return undefined;
}

/** Resolves a URL path (already without the query) to a route. */
export function parseRoute(pathname: string): Route {
  let segments: string[];
  try {
    segments = pathname.split('/').filter((s) => s !== '').map((s) => decodeURIComponent(s));
  } catch {
    return { kind: 'notFound' };
  }
  const gv = groupVersionOf(segments);
  if (gv === undefined) return { kind: 'notFound' };
  const { group, version, rest } = gv;
  if (rest.length === 0) return { kind: 'resourceList', group, version };

  let namespace = '';
  let parts = rest;
  const namespaced = rest[0] === 'namespaces' && group === '' && rest.length >= 3 && !NAMESPACE_SUBRESOURCES.has(rest[2] ?? '');
  const namespacedInGroup = rest[0] === 'namespaces' && group !== '' && rest.length >= 3;
  if (namespaced || namespacedInGroup) {
    namespace = rest[1] ?? '';
    parts = rest.slice(2);
  }
  const [resource, name, subresource, ...extra] = parts;
  if (resource === undefined || extra.length > 0) return { kind: 'notFound' };
  const info = findResource(group, version, resource);
  if (info === undefined) return { kind: 'notFound' };
  if (namespace !== '' && !info.namespaced) return { kind: 'notFound' };
  const route: ResourceRoute = { info, version, namespace };
  if (name !== undefined) route.name = name;
  if (subresource !== undefined) route.subresource = subresource;
  return { kind: 'resource', route };
}

/** The name the in-process ApiClient takes for a resource: `pods`, `deployments.apps`. */
export function clientResourceName(info: ResourceInfo): string {
  return info.group === '' ? info.resource : `${info.resource}.${info.group}`;
}
