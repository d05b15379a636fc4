/**
 * Two core/v1 resources that have no storage of their own: `bindings`, the legacy form of
 * `pods/<name>/binding` (POST `/api/v1/namespaces/<ns>/bindings`, the pod named by the Binding's
 * own name; pkg/registry/core/pod/storage LegacyBindingREST), and the read-only, deprecated
 * `componentstatuses` (pkg/registry/core/componentstatus), which kube-apiserver computes on each
 * request by probing kube-scheduler, kube-controller-manager and etcd. Here the probe is the
 * component's state, read through `ComponentStateSource`.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { badRequest, notFound } from '../api/status.js';
import type { KubeObject } from '../api/types.js';
import type { WriteOptions } from '../apiserver/types.js';
import { decodeJson, isJsonObject, readBody } from './body.js';
import type { DiscoveredResource } from './discovery.js';
import type { HandlerContext } from './resource-handler.js';
import { methodNotAllowed, writeJson, writeStatus } from './respond.js';
import { acceptsTable } from './table.js';

/** A component's state by its name (`kube-scheduler`, `etcd`): `stopped` when it is down, undefined when unknown. */
export type ComponentStateSource = (component: string) => string | undefined;

/** The discovery entries of the two resources, as kube-apiserver 1.32 lists them in `/api/v1`. */
export const LEGACY_CORE_RESOURCES: readonly DiscoveredResource[] = [
  { resource: 'bindings', group: '', version: 'v1', kind: 'Binding', singular: 'binding', namespaced: true, shortNames: [], categories: [], verbs: ['create'], subresources: [] },
  {
    resource: 'componentstatuses',
    group: '',
    version: 'v1',
    kind: 'ComponentStatus',
    singular: 'componentstatus',
    namespaced: false,
    shortNames: ['cs'],
    categories: [],
    verbs: ['get', 'list'],
    subresources: [],
  },
];

/** The deprecation warning kube-apiserver adds to every componentstatuses answer (a `Warning: 299` header). */
export const COMPONENT_STATUS_WARNING = '299 - "v1 ComponentStatus is deprecated in v1.19+"';

/** What the API server probes for each ComponentStatus: the component, and the address of its health check. */
const PROBED: readonly { name: string; component: string; url: string; address: string }[] = [
  { name: 'scheduler', component: 'kube-scheduler', url: 'https://127.0.0.1:10259/healthz', address: '127.0.0.1:10259' },
  { name: 'controller-manager', component: 'kube-controller-manager', url: 'https://127.0.0.1:10257/healthz', address: '127.0.0.1:10257' },
  { name: 'etcd-0', component: 'etcd', url: 'https://127.0.0.1:2379/health', address: '127.0.0.1:2379' },
];

/** The ComponentStatus objects, probed now. A component the source does not know is taken as running. */
export function componentStatuses(states: ComponentStateSource | undefined): object[] {
  return PROBED.map((probe) => {
    const healthy = states?.(probe.component) !== 'stopped';
    const condition = healthy
      ? { type: 'Healthy', status: 'True', message: 'ok' }
      : { type: 'Healthy', status: 'False', error: `Get "${probe.url}": dial tcp ${probe.address}: connect: connection refused` };
    return { kind: 'ComponentStatus', apiVersion: 'v1', metadata: { name: probe.name }, conditions: [condition] };
  });
}

interface ComponentStatusView {
  metadata: { name: string };
  conditions: { type: string; status: string; message?: string; error?: string }[];
}

/** printComponentStatus as a server-side Table. */
function componentStatusTable(items: readonly object[]): object {
  return {
    kind: 'Table',
    apiVersion: 'meta.k8s.io/v1',
    metadata: {},
    columnDefinitions: [
      { name: 'Name', type: 'string', format: 'name', description: 'Name must be unique within a namespace. Is required when creating resources, although some resources may allow a client to request the generation of an appropriate name automatically. Name is primarily intended for creation idempotence and configuration definition. Cannot be updated. More info: https://kubernetes.io/docs/concepts/overview/working-with-objects/names#names', priority: 0 },
      { name: 'Status', type: 'string', format: '', description: 'Status of the component conditions', priority: 0 },
      { name: 'Message', type: 'string', format: '', description: 'Message of the component conditions', priority: 0 },
      { name: 'Error', type: 'string', format: '', description: 'Error of the component conditions', priority: 0 },
    ],
    rows: items.map((item) => {
      const cs = item as ComponentStatusView;
      const healthy = cs.conditions.find((c) => c.type === 'Healthy');
      const status = healthy === undefined ? 'Unknown' : healthy.status === 'True' ? 'Healthy' : 'Unhealthy';
      return {
        cells: [cs.metadata.name, status, healthy?.message ?? '', healthy?.error ?? ''],
        object: { kind: 'PartialObjectMetadata', apiVersion: 'meta.k8s.io/v1', metadata: cs.metadata },
      };
    }),
  };
}

const COMPONENT_STATUSES = /^\/api\/v1\/componentstatuses(?:\/([^/]+))?$/;
const BINDINGS = /^\/api\/v1\/namespaces\/([^/]+)\/bindings$/;

/** Whether `path` is one of the two resources served here. */
export function isLegacyCorePath(path: string): boolean {
  return COMPONENT_STATUSES.test(path) || BINDINGS.test(path);
}

/** Serves `componentstatuses` (GET) and `bindings` (POST). */
export async function serveLegacyCore(ctx: HandlerContext, path: string, req: IncomingMessage, res: ServerResponse, query: URLSearchParams): Promise<void> {
  const cs = COMPONENT_STATUSES.exec(path);
  if (cs !== null) {
    if (req.method !== 'GET' && req.method !== 'HEAD') return writeStatus(res, methodNotAllowed(req.method ?? ''));
    res.setHeader('Warning', COMPONENT_STATUS_WARNING);
    const items = componentStatuses(ctx.componentStates);
    const name = cs[1] === undefined ? undefined : decodeURIComponent(cs[1]);
    if (name !== undefined) {
      const item = items.find((i) => (i as ComponentStatusView).metadata.name === name);
      // Upstream answers a plain error for an unknown component: `Component not found: <name>`.
      if (item === undefined) return writeStatus(res, { ...notFound({ group: '', resource: 'componentstatuses' }, name), message: `Component not found: ${name}` });
      return writeJson(res, 200, acceptsTable(req.headers.accept) ? componentStatusTable([item]) : item);
    }
    if (acceptsTable(req.headers.accept)) return writeJson(res, 200, componentStatusTable(items));
    return writeJson(res, 200, { kind: 'ComponentStatusList', apiVersion: 'v1', metadata: {}, items });
  }
  const binding = BINDINGS.exec(path);
  if (binding === null || req.method !== 'POST') return writeStatus(res, methodNotAllowed(req.method ?? ''));
  const namespace = decodeURIComponent(binding[1] ?? '');
  const body = await readBody(req);
  if (!body.ok) return writeStatus(res, body.status);
  const decoded = decodeJson(body.value);
  if (!decoded.ok) return writeStatus(res, decoded.status);
  if (!isJsonObject(decoded.value)) return writeStatus(res, badRequest('Object \'Kind\' is missing in \'' + body.value.toString('utf8') + '\''));
  const object = decoded.value as unknown as KubeObject;
  if (!isJsonObject(object.metadata)) object.metadata = {};
  const options: WriteOptions = query.get('dryRun') === 'All' ? { dryRun: true } : {};
  const created = ctx.api.create('bindings', namespace, object, options);
  if (!created.ok) return writeStatus(res, created.status);
  return writeJson(res, 201, created.value);
}
