/**
 * metrics.k8s.io/v1beta1 over HTTP, as the aggregation layer serves it: while the metrics-server
 * runs (its APIService `v1beta1.metrics.k8s.io` is Available) the group is in discovery and
 * requests reach it; otherwise the group is absent and kube-aggregator's proxy answers 503
 * `service unavailable`. Objects and errors follow metrics-server (pkg/api/node.go, pod.go):
 * NodeMetrics and PodMetrics sorted by namespace and name, usage as canonical quantities (CPU
 * DecimalSI from nanocores, memory BinarySI bytes), NotFound from its listers or its own
 * `nodemetrics`/`podmetrics` resources. This is what `kubectl top` reads.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { notFound } from '../api/status.js';
import { newMilliQuantity, newQuantity, quantityToString } from '../api/quantity.js';
import { rfc3339 } from '../api/time.js';
import type { KubeObject } from '../api/types.js';
import { metricsApiFor } from '../metrics/aggregator.js';
import type { NodeMetrics, PodMetrics } from '../metrics/types.js';
import { apiGroup, apiResourceList, type DiscoveredGroup, type DiscoveredResource } from './discovery.js';
import { selectorOptions } from './list-query.js';
import { formatDuration } from './protobuf/well-known.js';
import type { HandlerContext } from './resource-handler.js';
import { methodNotAllowed, pathNotFound, writeJson, writeStatus } from './respond.js';

/** The resource metrics API group. */
export const METRICS_GROUP = 'metrics.k8s.io';
/** Its only version. */
export const METRICS_VERSION = 'v1beta1';
const API_VERSION = `${METRICS_GROUP}/${METRICS_VERSION}`;
const ROOT = `/apis/${METRICS_GROUP}`;

function metricsResource(resource: string, kind: string, singular: string, namespaced: boolean): DiscoveredResource {
  return {
    resource,
    group: METRICS_GROUP,
    version: METRICS_VERSION,
    kind,
    singular,
    namespaced,
    shortNames: [],
    categories: [],
    verbs: ['get', 'list'],
    subresources: [],
  };
}

/** metrics.k8s.io as metrics-server registers it (its pod storage names no singular). */
export const METRICS_DISCOVERY_GROUP: DiscoveredGroup = {
  name: METRICS_GROUP,
  versions: [
    {
      version: METRICS_VERSION,
      resources: [metricsResource('nodes', 'NodeMetrics', 'node', false), metricsResource('pods', 'PodMetrics', '', true)],
    },
  ],
};

/** The groups of the APIServices that are Available behind `api`: metrics.k8s.io while a metrics-server runs. */
export function availableApiServiceGroups(api: object): readonly DiscoveredGroup[] {
  return metricsApiFor(api) === undefined ? [] : [METRICS_DISCOVERY_GROUP];
}

/** Whether a path (without query or trailing slash) belongs to metrics.k8s.io. */
export function isMetricsPath(path: string): boolean {
  return path === ROOT || path.startsWith(`${ROOT}/`);
}

/** kube-aggregator's answer for an APIService that is not Available (`http.Error`: plain text). */
function serviceUnavailable(res: ServerResponse): void {
  const body = 'service unavailable\n';
  res.writeHead(503, {
    'Content-Type': 'text/plain; charset=utf-8',
    'X-Content-Type-Options': 'nosniff',
    'Content-Length': Buffer.byteLength(body),
  });
  res.end(body);
}

function usage(cpuMilli: number, memoryBytes: number): { cpu: string; memory: string } {
  return { cpu: quantityToString(newMilliQuantity(cpuMilli, 'DecimalSI')), memory: quantityToString(newQuantity(memoryBytes, 'BinarySI')) };
}

function metadata(object: KubeObject, now: number): Record<string, unknown> {
  const meta: Record<string, unknown> = { name: object.metadata.name ?? '' };
  if (object.metadata.namespace !== undefined) meta['namespace'] = object.metadata.namespace;
  meta['creationTimestamp'] = rfc3339(now);
  if (object.metadata.labels !== undefined) meta['labels'] = object.metadata.labels;
  return meta;
}

function nodeMetricsObject(node: KubeObject, m: NodeMetrics, now: number): Record<string, unknown> {
  return { metadata: metadata(node, now), timestamp: rfc3339(m.timestamp), window: formatDuration(m.windowMs * 1e6), usage: usage(m.cpuMilli, m.memoryBytes) };
}

function podMetricsObject(pod: KubeObject, m: PodMetrics, now: number): Record<string, unknown> {
  return {
    metadata: metadata(pod, now),
    timestamp: rfc3339(m.timestamp),
    window: formatDuration(m.windowMs * 1e6),
    containers: m.containers.map((c) => ({ name: c.name, usage: usage(c.cpuMilli, c.memoryBytes) })),
  };
}

const byNamespaceAndName = (a: KubeObject, b: KubeObject): number => {
  const ka = `${a.metadata.namespace ?? ''}/${a.metadata.name ?? ''}`;
  const kb = `${b.metadata.namespace ?? ''}/${b.metadata.name ?? ''}`;
  return ka < kb ? -1 : ka > kb ? 1 : 0;
};

/** Serves any request under `/apis/metrics.k8s.io`. */
export function serveMetricsApi(ctx: HandlerContext, path: string, req: IncomingMessage, res: ServerResponse, query: URLSearchParams): void {
  const metrics = metricsApiFor(ctx.api);
  if (path === ROOT) {
    const group = metrics === undefined ? undefined : apiGroup(METRICS_GROUP, [METRICS_DISCOVERY_GROUP]);
    return group === undefined ? writeStatus(res, pathNotFound()) : writeJson(res, 200, group);
  }
  const [version, ...rest] = path.slice(ROOT.length + 1).split('/').map((s) => decodeURIComponent(s));
  if (version !== METRICS_VERSION) return writeStatus(res, pathNotFound());
  if (metrics === undefined) return serviceUnavailable(res);
  if (req.method !== 'GET' && req.method !== 'HEAD') return writeStatus(res, methodNotAllowed(req.method ?? ''));
  if (rest.length === 0) return writeJson(res, 200, apiResourceList(METRICS_GROUP, METRICS_VERSION, [METRICS_DISCOVERY_GROUP]));

  const now = ctx.clock.now();
  const [first, second, third, fourth, ...extra] = rest;
  if (first === 'nodes' && third === undefined) {
    const samples = new Map(metrics.nodeMetrics().map((m) => [m.name, m]));
    if (second === undefined) {
      const nodes = ctx.api.list('nodes', '', selectorOptions(query));
      if (!nodes.ok) return writeStatus(res, nodes.status);
      const items = [...nodes.value.items].sort(byNamespaceAndName).flatMap((node) => {
        const m = samples.get(node.metadata.name ?? '');
        return m === undefined ? [] : [nodeMetricsObject(node, m, now)];
      });
      return writeJson(res, 200, { kind: 'NodeMetricsList', apiVersion: API_VERSION, metadata: {}, items });
    }
    // A missing node is the node lister's NotFound; a node without samples is metrics-server's own.
    const node = ctx.api.get('nodes', '', second);
    if (!node.ok) return writeStatus(res, node.status.code === 404 ? notFound({ group: '', resource: 'node' }, second) : node.status);
    const m = samples.get(second);
    if (m === undefined) return writeStatus(res, notFound({ group: METRICS_GROUP, resource: 'nodemetrics' }, second));
    return writeJson(res, 200, { kind: 'NodeMetrics', apiVersion: API_VERSION, ...nodeMetricsObject(node.value, m, now) });
  }

  const allNamespaces = first === 'pods' && third === undefined;
  const inNamespace = first === 'namespaces' && second !== undefined && third === 'pods' && extra.length === 0;
  if (!allNamespaces && !inNamespace) return writeStatus(res, pathNotFound());
  const namespace = inNamespace ? (second ?? '') : '';
  const name = inNamespace ? fourth : second;
  const samples = new Map(metrics.podMetrics(namespace).map((m) => [`${m.namespace}/${m.name}`, m]));
  if (name === undefined) {
    const pods = ctx.api.list('pods', namespace, selectorOptions(query));
    if (!pods.ok) return writeStatus(res, pods.status);
    const items = [...pods.value.items].sort(byNamespaceAndName).flatMap((pod) => {
      const m = samples.get(`${pod.metadata.namespace ?? ''}/${pod.metadata.name ?? ''}`);
      return m === undefined ? [] : [podMetricsObject(pod, m, now)];
    });
    return writeJson(res, 200, { kind: 'PodMetricsList', apiVersion: API_VERSION, metadata: {}, items });
  }
  if (namespace === '') return writeStatus(res, pathNotFound());
  const pod = ctx.api.get('pods', namespace, name);
  if (!pod.ok) return writeStatus(res, pod.status);
  const m = samples.get(`${namespace}/${name}`);
  if (m === undefined) return writeStatus(res, notFound({ group: METRICS_GROUP, resource: 'podmetrics' }, `${namespace}/${name}`));
  return writeJson(res, 200, { kind: 'PodMetrics', apiVersion: API_VERSION, ...podMetricsObject(pod.value, m, now) });
}
