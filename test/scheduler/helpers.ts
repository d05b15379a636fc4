/**
 * A small cluster for scheduler tests: kube-apiserver on a virtual clock, a tainted control-plane
 * node and three workers, and kube-scheduler started on it. No kubelets or controllers run, so
 * every change the tests see is the scheduler's (or the API server's, for bindings).
 */
import type { KubeObject } from '../../src/api/types.js';
import type { ApiClient } from '../../src/apiserver/types.js';
import { Cluster } from '../../src/cluster/cluster.js';
import { createScheduler, type KubeScheduler } from '../../src/scheduler/scheduler.js';
import type { Pod } from '../../src/scheduler/types.js';

/** The control-plane node's taint, as kubeadm sets it. */
export const CONTROL_PLANE_TAINT = { key: 'node-role.kubernetes.io/control-plane', effect: 'NoSchedule' };

/** Node options. */
export interface NodeOptions {
  cpu?: string;
  memory?: string;
  pods?: string;
  labels?: Record<string, string>;
  taints?: { key: string; value?: string; effect: string }[];
  unschedulable?: boolean;
  extended?: Record<string, string>;
}

/** A Node object as a kubelet would register it. */
export function nodeObject(name: string, options: NodeOptions = {}): KubeObject {
  const resources = { cpu: options.cpu ?? '4', memory: options.memory ?? '8Gi', pods: options.pods ?? '110', ...options.extended };
  const spec: Record<string, unknown> = {};
  if (options.taints) spec['taints'] = options.taints;
  if (options.unschedulable) spec['unschedulable'] = true;
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: { name, labels: { 'kubernetes.io/hostname': name, 'kubernetes.io/os': 'linux', ...options.labels } },
    spec,
    status: { capacity: resources, allocatable: resources, conditions: [{ type: 'Ready', status: 'True' }] },
  };
}

/** A pod with one container asking for `requests`, plus any spec fields. */
export function podObject(name: string, requests: Record<string, string> = { cpu: '100m' }, spec: Record<string, unknown> = {}, metadata: Record<string, unknown> = {}): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, ...metadata },
    spec: { containers: [{ name: 'app', image: 'nginx:1.27', resources: { requests } }], ...spec },
  };
}

/** The test cluster. */
export interface TestCluster {
  cluster: Cluster;
  api: ApiClient;
  scheduler: KubeScheduler;
  /** Creates a pod in `default` (failing the test setup loudly if the API server refuses it). */
  createPod(pod: KubeObject): Pod;
  /** The pod as the API server has it now. */
  pod(name: string): Pod;
  /** `Reason: message` of the events about a pod, oldest first. */
  events(name: string): string[];
  /** The events about a pod as stored. */
  eventObjects(name: string): KubeObject[];
  /** The PodScheduled condition. */
  scheduled(name: string): { status: string; reason?: string; message?: string; lastTransitionTime?: string | null } | undefined;
  /** Runs the clock until only background timers remain. */
  settle(): void;
}

/** Unwraps an API result. */
export function must<T>(result: { ok: true; value: T } | { ok: false; status: { message?: string } }): T {
  if (!result.ok) throw new Error(result.status.message ?? 'API call failed');
  return result.value;
}

/** Starts the standard cluster: control-plane (tainted) + node-1..3, and the scheduler. */
export function startCluster(options: { workers?: NodeOptions; api?: (api: ApiClient) => ApiClient; start?: boolean } = {}): TestCluster {
  const cluster = new Cluster({ seed: 1 });
  const rawApi = cluster.api;
  must(rawApi.create('nodes', '', nodeObject('control-plane', { taints: [CONTROL_PLANE_TAINT], labels: { 'node-role.kubernetes.io/control-plane': '' } })));
  for (const name of ['node-1', 'node-2', 'node-3']) must(rawApi.create('nodes', '', nodeObject(name, options.workers)));
  const api = options.api ? options.api(rawApi) : rawApi;
  const scheduler = createScheduler({ api, clock: cluster.clock, random: cluster.random.fork('kube-scheduler'), profile: 'real' });
  if (options.start !== false) scheduler.start();
  const eventObjects = (name: string): KubeObject[] =>
    must(rawApi.list('events', 'default'))
      .items.filter((e) => (e['involvedObject'] as { name?: string }).name === name)
      .sort((a, b) => String(a['firstTimestamp']).localeCompare(String(b['firstTimestamp'])) || (a.metadata.name ?? '').localeCompare(b.metadata.name ?? ''));
  return {
    cluster,
    api: rawApi,
    scheduler,
    createPod: (pod) => must(rawApi.create('pods', pod.metadata.namespace ?? 'default', pod)) as Pod,
    pod: (name) => must(rawApi.get('pods', 'default', name)) as Pod,
    events: (name) => eventObjects(name).map((e) => `${String(e['reason'])}: ${String(e['message'])}`),
    eventObjects,
    scheduled: (name) => (must(rawApi.get('pods', 'default', name)) as Pod).status?.conditions?.find((c) => c.type === 'PodScheduled'),
    settle: () => {
      cluster.clock.runUntilIdle({ maxDuration: 60 * 60_000 });
    },
  };
}
