/**
 * Starts the cluster's components as clients of kube-apiserver: kube-controller-manager,
 * kube-scheduler and one kubelet per node (each node with its own container runtime), every one
 * with its own seeded generator.
 */
import type { Random } from '../api/random.js';
import type { ApiClient } from '../apiserver/types.js';
import type { ClusterComponent, ComponentContext } from '../client/component.js';
import type { VirtualClock } from '../clock/virtual-clock.js';
import { defaultControllers, defaultStorageClass, KubeControllerManager } from '../controllers/index.js';
import { createKubelet, CONTROL_PLANE_TAINT, kindNodeLabels, type Kubelet } from '../node/index.js';
import { createContainerRuntime } from '../node/runtime/index.js';
import { createScheduler, type KubeScheduler } from '../scheduler/scheduler.js';
import { planNodes, type ClusterOptions } from './cluster-config.js';

/** A node's disk, as kind nodes report the host's. */
const NODE_EPHEMERAL_STORAGE = '100Gi';

/** The running components. */
export interface ClusterComponents {
  readonly controllerManager: KubeControllerManager;
  readonly scheduler: KubeScheduler;
  /** Kubelets by node name, control plane first. */
  readonly kubelets: ReadonlyMap<string, Kubelet>;
  all(): ClusterComponent[];
  stopAll(): void;
}

/** Creates and starts every component. */
export function startClusterComponents(api: ApiClient, clock: VirtualClock, random: Random, options: ClusterOptions): ClusterComponents {
  const context = (name: string): ComponentContext => ({ api, clock, random: random.fork(name), profile: options.profile ?? 'real' });
  const nodes = planNodes(options.workers ?? 3);
  const controllerManager = new KubeControllerManager(context('kube-controller-manager'), defaultControllers(nodes.length));
  const scheduler = createScheduler(context('kube-scheduler'));
  const kubelets = new Map<string, Kubelet>();
  for (const node of nodes) {
    const kubelet = createKubelet(context(`kubelet/${node.name}`), {
      nodeName: node.name,
      internalIP: node.internalIP,
      capacity: {
        cpu: options.nodeCpu ?? '4',
        memory: options.nodeMemory ?? '8Gi',
        pods: String(options.nodePods ?? 110),
        'ephemeral-storage': NODE_EPHEMERAL_STORAGE,
      },
      labels: kindNodeLabels(node.name, node.controlPlane),
      taints: node.controlPlane ? [CONTROL_PLANE_TAINT] : [],
      runtime: createContainerRuntime(random.fork(`runtime/${node.name}`)),
    });
    kubelets.set(node.name, kubelet);
  }
  // The storage addon a minikube cluster comes with: a default StorageClass its provisioner serves.
  api.create('storageclasses', '', defaultStorageClass());
  const all: ClusterComponent[] = [controllerManager, scheduler, ...kubelets.values()];
  for (const component of all) component.start();
  return {
    controllerManager,
    scheduler,
    kubelets,
    all: () => all,
    stopAll: () => {
      for (const component of all) component.stop();
    },
  };
}
