/**
 * The harness of the garbage collector, PodGC, namespace, service account, node IPAM, volume,
 * resource quota, disruption and HPA controller tests: a real cluster (etcd + kube-apiserver), the
 * controllers under test run by kube-controller-manager itself, and the log of every write the
 * controllers make. Kubelets and the scheduler are played by hand.
 */
import type { KubeObject, OwnerReference } from '../../src/api/types.js';
import type { ApiClient } from '../../src/apiserver/types.js';
import { Cluster } from '../../src/cluster/cluster.js';
import type { Controller, ControllerFactory } from '../../src/controllers/common/controller.js';
import { KubeControllerManager } from '../../src/controllers/controller-manager.js';

/** A running cluster with some controllers. */
export interface Harness {
  cluster: Cluster;
  /** The API as the test uses it (its writes are not logged). */
  api: ApiClient;
  /** Every successful write of the controllers, events left out: `delete pods web-1`, `update persistentvolumes/status pv0`, … */
  writes: string[];
  controllers: Map<string, Controller>;
  /** kube-controller-manager running the controllers. */
  manager: KubeControllerManager;
  /** Runs the clock until nothing but background timers is left. */
  settle(): void;
  /** Moves the clock `ms` forward, running what falls due. */
  advance(ms: number): void;
  /** Stops the controllers and the cluster. */
  dispose(): void;
}

/** An ApiClient that logs every successful write to `writes`, events left out. */
export function recordingApi(api: ApiClient, writes: string[]): ApiClient {
  const log = (verb: string, resource: string, name: string, sub?: string): void => {
    if (resource !== 'events') writes.push(`${verb} ${resource}${sub ? `/${sub}` : ''} ${name}`);
  };
  return {
    get: (...a) => api.get(...a),
    list: (...a) => api.list(...a),
    watch: (...a) => api.watch(...a),
    create(resource, ns, obj, opts) {
      const r = api.create(resource, ns, obj, opts);
      if (r.ok) log('create', resource, r.value.metadata.name ?? '');
      return r;
    },
    update(resource, ns, obj, opts) {
      const r = api.update(resource, ns, obj, opts);
      if (r.ok) log('update', resource, obj.metadata.name ?? '', opts?.subresource);
      return r;
    },
    patch(resource, ns, name, type, patch, opts) {
      const r = api.patch(resource, ns, name, type, patch, opts);
      if (r.ok) log('patch', resource, name, opts?.subresource);
      return r;
    },
    delete(resource, ns, name, opts) {
      const before = api.get(resource, ns, name);
      const r = api.delete(resource, ns, name, opts);
      // A delete of an object already being deleted that changes nothing is not a write.
      const unchanged = before.ok && r.ok && r.value.metadata.resourceVersion === before.value.metadata.resourceVersion;
      if (r.ok && !unchanged) log('delete', resource, name);
      return r;
    },
  };
}

/** Starts a cluster running `factories`; `before` seeds objects the controllers find at start. */
export function startControllers(
  factories: [string, ControllerFactory][],
  options: { profile?: 'real' | 'fast'; before?: (api: ApiClient) => void } = {},
): Harness {
  const cluster = new Cluster({ seed: 1 });
  options.before?.(cluster.api);
  const writes: string[] = [];
  const api = recordingApi(cluster.api, writes);
  const manager = new KubeControllerManager({ api, clock: cluster.clock, random: cluster.random.fork('kcm'), profile: options.profile ?? 'real' }, new Map(factories));
  manager.start();
  // The manager runs each controller in a clock callback once the informers have listed.
  cluster.clock.advance(0);
  return {
    cluster,
    api: cluster.api,
    writes,
    controllers: new Map(manager.controllers()),
    manager,
    settle: () => void cluster.clock.runUntilIdle({ maxDuration: 3_600_000 }),
    advance: (ms) => cluster.clock.advance(ms),
    dispose: () => {
      manager.stop();
      cluster.dispose();
    },
  };
}

/** Creates an object or fails the test with the API's message. */
export function mustCreate(api: ApiClient, resource: string, namespace: string, obj: KubeObject): KubeObject {
  const r = api.create(resource, namespace, obj);
  if (!r.ok) throw new Error(`create ${resource} ${obj.metadata.name ?? ''}: ${r.status.message ?? ''}`);
  return r.value;
}

/** The stored object, or undefined when it does not exist. */
export function getObject(api: ApiClient, resource: string, namespace: string, name: string): KubeObject | undefined {
  const r = api.get(resource, namespace, name);
  return r.ok ? r.value : undefined;
}

/** The names of the objects of `resource` in `namespace`, sorted. */
export function names(api: ApiClient, resource: string, namespace: string): string[] {
  const r = api.list(resource, namespace);
  return r.ok ? r.value.items.map((o) => o.metadata.name ?? '').sort() : [];
}

/** An owner reference to `owner` (controller and blockOwnerDeletion as given). */
export function ownerRef(owner: KubeObject, extra: { controller?: boolean; blockOwnerDeletion?: boolean } = { controller: true, blockOwnerDeletion: true }): OwnerReference {
  return { apiVersion: owner.apiVersion, kind: owner.kind, name: owner.metadata.name ?? '', uid: owner.metadata.uid ?? '', ...extra };
}

/** A pod with one container; `nodeName` binds it at creation. */
export function pod(
  name: string,
  options: { labels?: Record<string, string>; owners?: OwnerReference[]; nodeName?: string; resources?: object; namespace?: string } = {},
): KubeObject {
  const container: Record<string, unknown> = { name: 'app', image: 'nginx:1.27' };
  if (options.resources) container['resources'] = options.resources;
  const spec: Record<string, unknown> = { containers: [container] };
  if (options.nodeName) spec['nodeName'] = options.nodeName;
  const metadata: KubeObject['metadata'] = { name, namespace: options.namespace ?? 'default' };
  if (options.labels) metadata.labels = options.labels;
  if (options.owners) metadata.ownerReferences = options.owners;
  return { apiVersion: 'v1', kind: 'Pod', metadata, spec };
}

/** A Deployment (or, with `kind`, a ReplicaSet) selecting `app: <label>`. */
export function workload(kind: 'Deployment' | 'ReplicaSet' | 'StatefulSet', name: string, options: { replicas?: number; label?: string; owners?: OwnerReference[] } = {}): KubeObject {
  const label = options.label ?? name;
  const spec: Record<string, unknown> = {
    replicas: options.replicas ?? 1,
    selector: { matchLabels: { app: label } },
    template: { metadata: { labels: { app: label } }, spec: { containers: [{ name: 'app', image: 'nginx:1.27' }] } },
  };
  if (kind === 'StatefulSet') spec['serviceName'] = name;
  const metadata: KubeObject['metadata'] = { name, namespace: 'default' };
  if (options.owners) metadata.ownerReferences = options.owners;
  return { apiVersion: 'apps/v1', kind, metadata, spec };
}

/** Plays the kubelet: sets the pod's phase and Ready condition through the status subresource. */
export function setPodStatus(api: ApiClient, namespace: string, name: string, phase: string, ready: boolean): KubeObject {
  const current = getObject(api, 'pods', namespace, name);
  if (current === undefined) throw new Error(`no pod ${name}`);
  const status = {
    ...(current['status'] as object),
    phase,
    conditions: [{ type: 'Ready', status: ready ? 'True' : 'False', lastTransitionTime: '2025-01-01T00:00:00Z' }],
  };
  const r = api.update('pods', namespace, { ...current, status }, { subresource: 'status' });
  if (!r.ok) throw new Error(`pod status ${name}: ${r.status.message ?? ''}`);
  return r.value;
}

/** One recorded event, as `kubectl describe` lists it. */
export interface SeenEvent {
  type: string;
  reason: string;
  message: string;
  source: string;
  count: number;
}

/** The events about the object `kind/name`, oldest first. */
export function eventsFor(api: ApiClient, namespace: string, kind: string, name: string): SeenEvent[] {
  const r = api.list('events', namespace);
  if (!r.ok) return [];
  return r.value.items
    .filter((e) => {
      const involved = e['involvedObject'] as { kind: string; name: string };
      return involved.kind === kind && involved.name === name;
    })
    .map((e) => ({
      type: e['type'] as string,
      reason: e['reason'] as string,
      message: e['message'] as string,
      source: (e['source'] as { component: string }).component,
      count: e['count'] as number,
    }));
}
