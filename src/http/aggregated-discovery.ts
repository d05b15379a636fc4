/**
 * Aggregated discovery (apidiscovery.k8s.io APIGroupDiscoveryList): `/api` and `/apis` in one
 * round trip each, when the client's Accept asks for it. The version is negotiated as
 * kube-apiserver does (k8s.io/apiserver/pkg/endpoints/discovery/aggregated/negotiation.go):
 * kubectl 1.30+ accepts v2 then v2beta1, kubectl 1.27–1.29 only v2beta1, and a client that gets a
 * version it did not ask for decides the server has no resources. client-go picks the format by
 * the response's Content-Type alone, so that header must be exact.
 */
import type { ServerResponse } from 'node:http';
import type { DiscoveredGroup, DiscoveredResource, DiscoveredSubresource } from './discovery.js';

/** The aggregated discovery versions served, in the server's order of preference. */
export type AggregatedDiscoveryVersion = 'v2' | 'v2beta1';

const DISCOVERY_GROUP = 'apidiscovery.k8s.io';
const DISCOVERY_KIND = 'APIGroupDiscoveryList';

/** `application/json;g=apidiscovery.k8s.io;v=<v>;as=APIGroupDiscoveryList`, as kube-apiserver writes it. */
export function aggregatedContentType(version: AggregatedDiscoveryVersion): string {
  return `application/json;g=${DISCOVERY_GROUP};v=${version};as=${DISCOVERY_KIND}`;
}

interface MediaRange {
  type: string;
  params: Map<string, string>;
  q: number;
}

function parseAccept(accept: string): MediaRange[] {
  const ranges = accept.split(',').map((clause): MediaRange => {
    const [type = '', ...rest] = clause.split(';').map((part) => part.trim());
    const params = new Map<string, string>();
    for (const part of rest) {
      const eq = part.indexOf('=');
      if (eq > 0) params.set(part.slice(0, eq).trim().toLowerCase(), part.slice(eq + 1).trim());
    }
    const q = Number(params.get('q') ?? '1');
    return { type: type.toLowerCase(), params, q: Number.isFinite(q) ? q : 0 };
  });
  // goautoneg orders by quality, keeping the client's order among equals (Array.prototype.sort is stable).
  return ranges.filter((r) => r.q > 0).sort((a, b) => b.q - a.q);
}

/** Media types the legacy discovery documents answer (JSON; protobuf clients also take JSON here). */
const LEGACY_TYPES = new Set(['application/json', 'application/*', '*/*', 'application/vnd.kubernetes.protobuf']);

/**
 * The aggregated discovery version to answer `accept` with, or undefined for the legacy
 * documents: the first acceptable media range (by quality, then order) decides.
 */
export function negotiateDiscovery(accept: string | undefined): AggregatedDiscoveryVersion | undefined {
  if (accept === undefined || accept.trim() === '') return undefined;
  for (const range of parseAccept(accept)) {
    const aggregated = range.params.get('g') === DISCOVERY_GROUP && range.params.get('as') === DISCOVERY_KIND;
    if (aggregated) {
      const version = range.params.get('v');
      if (range.type === 'application/json' && (version === 'v2' || version === 'v2beta1')) return version;
      continue;
    }
    if (range.params.has('as')) continue;
    if (LEGACY_TYPES.has(range.type)) return undefined;
  }
  return undefined;
}

function subresourceDiscovery(sub: DiscoveredSubresource): object {
  return { subresource: sub.subresource, responseKind: { group: sub.group, version: sub.version, kind: sub.kind }, verbs: sub.verbs };
}

/** APIResourceDiscovery, with Go's field order and omitempty. */
function resourceDiscovery(resource: DiscoveredResource): object {
  const entry: Record<string, unknown> = {
    resource: resource.resource,
    responseKind: { group: resource.group, version: resource.version, kind: resource.kind },
    scope: resource.namespaced ? 'Namespaced' : 'Cluster',
    singularResource: resource.singular,
    verbs: resource.verbs,
  };
  if (resource.shortNames.length > 0) entry['shortNames'] = resource.shortNames;
  if (resource.categories.length > 0) entry['categories'] = resource.categories;
  if (resource.subresources.length > 0) entry['subresources'] = resource.subresources.map(subresourceDiscovery);
  return entry;
}

/** APIGroupDiscovery: versions preferred first, each `Current`. */
function groupDiscovery(group: DiscoveredGroup): object {
  // ObjectMeta.name is omitempty: the core group's metadata carries no name at all.
  const metadata = group.name === '' ? { creationTimestamp: null } : { name: group.name, creationTimestamp: null };
  return {
    metadata,
    versions: group.versions.map((v) => ({ version: v.version, resources: v.resources.map(resourceDiscovery), freshness: 'Current' })),
  };
}

/** The APIGroupDiscoveryList of `/api` (the core group only) or `/apis` (every named group). */
export function aggregatedDiscovery(root: '/api' | '/apis', version: AggregatedDiscoveryVersion, groups: readonly DiscoveredGroup[]): object {
  const items = groups.filter((g) => (root === '/api' ? g.name === '' : g.name !== ''));
  return { kind: DISCOVERY_KIND, apiVersion: `${DISCOVERY_GROUP}/${version}`, metadata: {}, items: items.map(groupDiscovery) };
}

/**
 * Answers `GET /api` or `GET /apis` in the style the Accept header negotiates: aggregated
 * (with its exact Content-Type) or the legacy document `legacy()`. Both roots negotiate alike,
 * so a client always gets both in the same style.
 */
export function writeDiscoveryRoot(
  res: ServerResponse,
  root: '/api' | '/apis',
  accept: string | undefined,
  groups: readonly DiscoveredGroup[],
  legacy: () => object,
): void {
  const version = negotiateDiscovery(accept);
  const body = JSON.stringify(version === undefined ? legacy() : aggregatedDiscovery(root, version, groups));
  res.writeHead(200, {
    'Content-Type': version === undefined ? 'application/json' : aggregatedContentType(version),
    'Content-Length': Buffer.byteLength(body),
    Vary: 'Accept',
  });
  res.end(body);
}
