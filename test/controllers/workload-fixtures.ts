/**
 * Helpers for the DaemonSet, StatefulSet, Job and CronJob controller tests: a real cluster with
 * the controllers under test, an API client that records every write the controllers make, and
 * the kubelet's part played by hand (pods marked Running, Ready, Succeeded or Failed through the
 * status subresource).
 */
import type { KubeObject } from '../../src/api/types.js';
import type { ApiClient } from '../../src/apiserver/types.js';
import { rfc3339 } from '../../src/api/time.js';
import { Cluster } from '../../src/cluster/cluster.js';
import { EventRecorder } from '../../src/client/event-recorder.js';
import { SharedInformerFactory } from '../../src/client/informer-factory.js';
import type { Controller, ControllerContext, ControllerFactory } from '../../src/controllers/common/controller.js';

/** A running cluster with some controllers and the log of their writes. */
export interface Harness {
  cluster: Cluster;
  /** The API as the test (not the controllers) uses it. */
  api: ApiClient;
  /** `create pods web-0`, `update statefulsets/status web`, `delete pods web-1`, … in order. */
  writes: string[];
  /** The running controllers by name. */
  controllers: Map<string, Controller>;
}

function nameOf(obj: KubeObject | undefined, fallback: string): string {
  return obj?.metadata.name ?? fallback;
}

/** An ApiClient that appends every successful write to `writes` (events are left out). */
export function recordingApi(api: ApiClient, writes: string[]): ApiClient {
  const log = (verb: string, resource: string, name: string, sub?: string) => {
    if (resource !== 'events') writes.push(`${verb} ${resource}${sub ? `/${sub}` : ''} ${name}`);
  };
  return {
    get: (...a) => api.get(...a),
    list: (...a) => api.list(...a),
    watch: (...a) => api.watch(...a),
    create(resource, ns, obj, opts) {
      const r = api.create(resource, ns, obj, opts);
      if (r.ok) log('create', resource, nameOf(r.value, ''));
      return r;
    },
    update(resource, ns, obj, opts) {
      const r = api.update(resource, ns, obj, opts);
      if (r.ok) log('update', resource, nameOf(obj, ''), opts?.subresource);
      return r;
    },
    patch(resource, ns, name, type, patch, opts) {
      const r = api.patch(resource, ns, name, type, patch, opts);
      if (r.ok) log('patch', resource, name, opts?.subresource);
      return r;
    },
    delete(resource, ns, name, opts) {
      const r = api.delete(resource, ns, name, opts);
      if (r.ok) log('delete', resource, name);
      return r;
    },
  };
}

/**
 * Starts a cluster and runs `factories` the way kube-controller-manager does: one shared informer
 * factory, every controller built, the informers started, then each controller run. (Built by
 * hand: KubeControllerManager's machine starts its controller children before its `beginRun`
 * entry action has made the informer factory, so it currently runs no controller.)
 */
export function startHarness(factories: [string, ControllerFactory][], options: { startTime?: number } = {}): Harness {
  const cluster = new Cluster({ seed: 1, ...options });
  const writes: string[] = [];
  const api = recordingApi(cluster.api, writes);
  const random = cluster.random.fork('kcm');
  const informers = new SharedInformerFactory(api, cluster.clock, { rng: () => random.next() });
  const recorders = new Map<string, EventRecorder>();
  const recorder = (component: string): EventRecorder => {
    let r = recorders.get(component);
    if (r === undefined) recorders.set(component, (r = new EventRecorder(api, cluster.clock, component)));
    return r;
  };
  const controllers = new Map<string, Controller>();
  for (const [name, factory] of factories) {
    const ctx: ControllerContext = { api, clock: cluster.clock, random: random.fork(name), profile: 'real', informers, recorder };
    controllers.set(name, factory(ctx));
  }
  informers.start();
  for (const controller of controllers.values()) controller.run();
  cluster.clock.runUntilIdle({ maxDuration: 0 });
  return { cluster, api: cluster.api, writes, controllers };
}

/** Creates or fails the test. */
export function mustCreate(api: ApiClient, resource: string, namespace: string, obj: KubeObject): KubeObject {
  const r = api.create(resource, namespace, obj);
  if (!r.ok) throw new Error(`create ${resource}: ${r.status.message ?? ''}`);
  return r.value;
}

/** A Ready node, optionally tainted and labelled. */
export function createNode(api: ApiClient, name: string, options: { taints?: object[]; labels?: Record<string, string> } = {}): KubeObject {
  const node: KubeObject = {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: { name, labels: { 'kubernetes.io/hostname': name, 'kubernetes.io/os': 'linux', ...options.labels } },
    spec: options.taints ? { taints: options.taints } : {},
  };
  return mustCreate(api, 'nodes', '', node);
}

/** The pods of a namespace whose names start with `prefix`, sorted by name. */
export function podsNamed(api: ApiClient, namespace: string, prefix: string): KubeObject[] {
  const r = api.list('pods', namespace);
  if (!r.ok) return [];
  return r.value.items.filter((p) => (p.metadata.name ?? '').startsWith(prefix)).sort((a, b) => ((a.metadata.name ?? '') < (b.metadata.name ?? '') ? -1 : 1));
}

/** What the kubelet would report for a pod. */
export interface PodOutcome {
  phase: 'Running' | 'Succeeded' | 'Failed';
  ready?: boolean;
  exitCode?: number;
  conditions?: object[];
}

/** Writes a pod's status as its kubelet would (phase, Ready condition, terminated container states). */
export function setPodStatus(api: ApiClient, namespace: string, name: string, outcome: PodOutcome, now: number): KubeObject {
  const current = api.get('pods', namespace, name);
  if (!current.ok) throw new Error(`get pod ${name}: ${current.status.message ?? ''}`);
  const pod = current.value;
  const time = rfc3339(now);
  const containers = ((pod['spec'] as { containers?: { name: string; image: string }[] }).containers ?? []).map((c) => {
    const state =
      outcome.phase === 'Running'
        ? { running: { startedAt: time } }
        : { terminated: { exitCode: outcome.exitCode ?? (outcome.phase === 'Succeeded' ? 0 : 1), reason: outcome.phase === 'Succeeded' ? 'Completed' : 'Error', startedAt: time, finishedAt: time } };
    return { name: c.name, image: c.image, imageID: '', ready: outcome.ready === true, restartCount: 0, started: outcome.phase === 'Running', state };
  });
  const ready = outcome.phase === 'Running' && outcome.ready === true ? 'True' : 'False';
  const status = {
    ...(pod['status'] as object),
    phase: outcome.phase,
    conditions: [{ type: 'Ready', status: ready, lastTransitionTime: time }, ...(outcome.conditions ?? [])],
    containerStatuses: containers,
    startTime: time,
  };
  const r = api.update('pods', namespace, { ...pod, status }, { subresource: 'status' });
  if (!r.ok) throw new Error(`update pod status ${name}: ${r.status.message ?? ''}`);
  return r.value;
}

/** The events recorded about `name`, as `Reason message` lines in creation order. */
export function eventsFor(api: ApiClient, namespace: string, name: string): string[] {
  const r = api.list('events', namespace);
  if (!r.ok) return [];
  return r.value.items
    .filter((e) => (e['involvedObject'] as { name?: string }).name === name)
    .map((e) => `${e['reason'] as string} ${e['message'] as string}`);
}
