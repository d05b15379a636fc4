/**
 * A cluster with one kubelet for the node tests: the real API server on the virtual clock, the
 * real simulated container runtime, and helpers to bind pods and read events and statuses.
 */
import type { KubeObject } from '../../src/api/types.js';
import { Cluster } from '../../src/cluster/cluster.js';
import type { ComponentContext } from '../../src/client/component.js';
import { createKubelet, type Kubelet } from '../../src/node/kubelet.js';
import { kindNodeIP, kindNodeLabels, type KubeletConfig } from '../../src/node/kubelet-config.js';
import { createContainerRuntime } from '../../src/node/runtime/container-runtime.js';
import { podStatusReason } from '../../src/printers/pod.js';

/** The node name the tests use. */
export const NODE = 'kind-worker';

/** A cluster, its kubelet, and shortcuts. */
export interface Harness {
  cluster: Cluster;
  kubelet: Kubelet;
  ctx: ComponentContext;
  /** Creates a pod bound to the node. */
  createPod(name: string, spec: Record<string, unknown>, metadata?: Record<string, unknown>): KubeObject;
  pod(name: string): KubeObject | undefined;
  /** The kubectl STATUS of a pod ('' when it is gone). */
  status(name: string): string;
  /** `Reason: message` of every event about `name`, oldest first. */
  events(name: string): string[];
  /** The Event objects about `name`, oldest first. */
  eventObjects(name: string): KubeObject[];
  advance(ms: number): void;
}

/** Options of `harness`. */
export interface HarnessOptions {
  podCIDR?: string | null;
  kubelet?: Partial<KubeletConfig>;
  /** Don't start the kubelet. */
  stopped?: boolean;
}

/** A one-node cluster whose kubelet is started. */
export function harness(options: HarnessOptions = {}): Harness {
  const cluster = new Cluster({ seed: 1 });
  const ctx: ComponentContext = { api: cluster.api, clock: cluster.clock, random: cluster.random.fork('test'), profile: 'real' };
  cluster.api.create('configmaps', 'default', {
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: { name: 'kube-root-ca.crt', namespace: 'default' },
    data: { 'ca.crt': 'x' },
  });
  const config: KubeletConfig = {
    nodeName: NODE,
    internalIP: kindNodeIP(1),
    capacity: { cpu: '8', memory: '32Gi', pods: '110', 'ephemeral-storage': '100Gi' },
    labels: kindNodeLabels(NODE, false),
    runtime: createContainerRuntime(cluster.random.fork('runtime')),
    ...(options.podCIDR === null ? {} : { podCIDR: options.podCIDR ?? '10.244.1.0/24' }),
    ...options.kubelet,
  };
  const kubelet = createKubelet(ctx, config);
  if (!options.stopped) kubelet.start();
  const get = (name: string): KubeObject | undefined => {
    const got = cluster.api.get('pods', 'default', name);
    return got.ok ? got.value : undefined;
  };
  return {
    cluster,
    kubelet,
    ctx,
    createPod(name, spec, metadata = {}) {
      const created = cluster.api.create('pods', 'default', {
        apiVersion: 'v1',
        kind: 'Pod',
        metadata: { name, namespace: 'default', ...metadata },
        spec: { nodeName: NODE, ...spec },
      });
      if (!created.ok) throw new Error(created.status.message);
      return created.value;
    },
    pod: get,
    status(name) {
      const pod = get(name);
      return pod === undefined ? '' : podStatusReason(pod, cluster.clock.now());
    },
    events(name) {
      return this.eventObjects(name).map((e) => `${String(e['reason'])}: ${String(e['message'])}`);
    },
    eventObjects(name) {
      const list = cluster.api.list('events', 'default');
      if (!list.ok) return [];
      return list.value.items
        .filter((e) => (e['involvedObject'] as { name: string }).name === name)
        .sort((a, b) => (a.metadata.name! < b.metadata.name! ? -1 : 1));
    },
    advance(ms) {
      cluster.clock.advance(ms);
    },
  };
}

/** A pod status field, typed loosely for assertions. */
export function statusOf(pod: KubeObject | undefined): Record<string, any> {
  return (pod?.['status'] ?? {}) as Record<string, any>;
}
