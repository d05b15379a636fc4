/**
 * Starts the cluster's components as clients of kube-apiserver: kube-controller-manager,
 * kube-scheduler and one kubelet per node (each node with its own container runtime), every one
 * with its own seeded generator. Nodes can join and leave while the cluster runs.
 */
import type { Random } from '../api/random.js';
import type { ApiClient } from '../apiserver/types.js';
import type { ClusterComponent, ComponentContext } from '../client/component.js';
import type { VirtualClock } from '../clock/virtual-clock.js';
import { defaultControllers, defaultStorageClass, KubeControllerManager } from '../controllers/index.js';
import { createKubelet, CONTROL_PLANE_TAINT, kindNodeIP, kindNodeLabels, type Kubelet, type Taint } from '../node/index.js';
import { createContainerRuntime } from '../node/runtime/index.js';
import { createScheduler, type KubeScheduler } from '../scheduler/scheduler.js';
import { planNodes, type ClusterOptions, type NodePlan } from './cluster-config.js';

/** A node's disk, as kind nodes report the host's. */
const NODE_EPHEMERAL_STORAGE = '100Gi';

/** A node to add while the cluster runs: a worker with its own capacity, labels and taints. */
export interface JoiningNode {
  /** Default: the first free `node-N`. */
  name?: string;
  cpu?: string;
  memory?: string;
  /** Labels on top of the kind node's well-known ones. */
  labels?: Record<string, string>;
  /** --register-with-taints. */
  taints?: Taint[];
}

/** The running components. */
export interface ClusterComponents {
  readonly controllerManager: KubeControllerManager;
  readonly scheduler: KubeScheduler;
  /** Kubelets by node name, control plane first, then in joining order. */
  readonly kubelets: ReadonlyMap<string, Kubelet>;
  all(): ClusterComponent[];
  /** Starts the kubelet of a new node (it registers its Node); the plan of the node it made. */
  addNode(node: JoiningNode): NodePlan;
  /** Stops a node's kubelet and forgets it (the Node object is the caller's to delete); false if unknown. */
  removeNode(name: string): boolean;
  stopAll(): void;
}

/** The first `node-N` name no node has. */
function freeNodeName(kubelets: ReadonlyMap<string, Kubelet>): string {
  let n = 1;
  while (kubelets.has(`node-${n}`)) n++;
  return `node-${n}`;
}

/** The first kind address (after the control plane's) no node has. */
function freeNodeIP(used: ReadonlySet<string>): string {
  let index = 1;
  while (used.has(kindNodeIP(index))) index++;
  return kindNodeIP(index);
}

/** Creates and starts every component. */
export function startClusterComponents(api: ApiClient, clock: VirtualClock, random: Random, options: ClusterOptions): ClusterComponents {
  const context = (name: string): ComponentContext => ({ api, clock, random: random.fork(name), profile: options.profile ?? 'real' });
  const nodes = planNodes(options.workers ?? 3);
  const controllerManager = new KubeControllerManager(context('kube-controller-manager'), defaultControllers(nodes.length));
  const scheduler = createScheduler(context('kube-scheduler'));
  const kubelets = new Map<string, Kubelet>();
  const addresses = new Map<string, string>();
  const makeKubelet = (node: NodePlan, extra: JoiningNode = {}): Kubelet => {
    const kubelet = createKubelet(context(`kubelet/${node.name}`), {
      nodeName: node.name,
      internalIP: node.internalIP,
      capacity: {
        cpu: extra.cpu ?? options.nodeCpu ?? '4',
        memory: extra.memory ?? options.nodeMemory ?? '8Gi',
        pods: String(options.nodePods ?? 110),
        'ephemeral-storage': NODE_EPHEMERAL_STORAGE,
      },
      labels: { ...kindNodeLabels(node.name, node.controlPlane), ...(extra.labels ?? {}) },
      taints: node.controlPlane ? [CONTROL_PLANE_TAINT] : (extra.taints ?? []),
      runtime: createContainerRuntime(random.fork(`runtime/${node.name}`)),
    });
    kubelets.set(node.name, kubelet);
    addresses.set(node.name, node.internalIP);
    return kubelet;
  };
  for (const node of nodes) makeKubelet(node);
  // The storage addon a minikube cluster comes with: a default StorageClass its provisioner serves.
  api.create('storageclasses', '', defaultStorageClass());
  const all = (): ClusterComponent[] => [controllerManager, scheduler, ...kubelets.values()];
  for (const component of all()) component.start();
  return {
    controllerManager,
    scheduler,
    kubelets,
    all,
    addNode(node) {
      const name = node.name ?? freeNodeName(kubelets);
      if (kubelets.has(name)) throw new Error(`node ${name} already has a kubelet`);
      const plan: NodePlan = { name, controlPlane: false, internalIP: freeNodeIP(new Set(addresses.values())) };
      makeKubelet(plan, node).start();
      return plan;
    },
    removeNode(name) {
      const kubelet = kubelets.get(name);
      if (kubelet === undefined) return false;
      kubelet.stop();
      kubelets.delete(name);
      addresses.delete(name);
      return true;
    },
    stopAll: () => {
      for (const component of all()) component.stop();
    },
  };
}
