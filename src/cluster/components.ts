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
import { MetricsServer } from '../metrics/metrics-server.js';
import { createCoreDns, type CoreDns } from '../network/coredns.js';
import { createIngressController, type IngressController } from '../network/ingress-controller.js';
import { createKubeProxy, type KubeProxy } from '../network/kube-proxy.js';
import { createNetworkAddons } from '../network/addons.js';
import { CONTROL_PLANE_ADDRESS, planNodes, type ClusterOptions, type NodePlan } from './cluster-config.js';

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
  /** The metrics-server add-on serving metrics.k8s.io (to the HPA controller and `top`). */
  readonly metricsServer: MetricsServer;
  /** Kubelets by node name, control plane first, then in joining order. */
  readonly kubelets: ReadonlyMap<string, Kubelet>;
  /** kube-proxy by node name: it lives and dies with its node's kubelet (kill-node, revive-node). */
  readonly kubeProxies: ReadonlyMap<string, KubeProxy>;
  /** CoreDNS, answering cluster DNS names. */
  readonly coreDns: CoreDns;
  /** The ingress-nginx controller add-on. */
  readonly ingressController: IngressController;
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
  const kubeProxies = new Map<string, KubeProxy>();
  const stopFollowing = new Map<string, () => void>();
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
    const proxy = createKubeProxy(context(`kube-proxy/${node.name}`), node.name, node.internalIP);
    kubeProxies.set(node.name, proxy);
    stopFollowing.set(node.name, followMachine(kubelet, proxy));
    return kubelet;
  };
  for (const node of nodes) makeKubelet(node);
  // The storage addon a minikube cluster comes with: a default StorageClass its provisioner serves.
  api.create('storageclasses', '', defaultStorageClass());
  createNetworkAddons(api);
  const coreDns = createCoreDns(context('coredns'));
  const ingressController = createIngressController(context('ingress-nginx-controller'), CONTROL_PLANE_ADDRESS);
  const all = (): ClusterComponent[] => [controllerManager, scheduler, ...kubelets.values(), ...kubeProxies.values(), coreDns, ingressController];
  for (const component of all()) component.start();
  const metricsServer = new MetricsServer(context('metrics-server'));
  metricsServer.start();
  return {
    controllerManager,
    scheduler,
    metricsServer,
    kubelets,
    kubeProxies,
    coreDns,
    ingressController,
    all,
    addNode(node) {
      const name = node.name ?? freeNodeName(kubelets);
      if (kubelets.has(name)) throw new Error(`node ${name} already has a kubelet`);
      const plan: NodePlan = { name, controlPlane: false, internalIP: freeNodeIP(new Set(addresses.values())) };
      makeKubelet(plan, node).start();
      kubeProxies.get(name)?.start();
      return plan;
    },
    removeNode(name) {
      const kubelet = kubelets.get(name);
      if (kubelet === undefined) return false;
      kubelet.stop();
      stopFollowing.get(name)?.();
      stopFollowing.delete(name);
      kubeProxies.get(name)?.stop();
      kubeProxies.delete(name);
      kubelets.delete(name);
      addresses.delete(name);
      return true;
    },
    stopAll: () => {
      metricsServer.stop();
      for (const component of all()) component.stop();
    },
  };
}

/**
 * kube-proxy runs on its node's machine: when the kubelet stops (the node is killed) kube-proxy
 * stops with it, keeping its stale rules; when the kubelet starts again, so does kube-proxy.
 * Returns the unsubscribe function.
 */
function followMachine(kubelet: Kubelet, proxy: KubeProxy): () => void {
  const subscription = kubelet.actor.subscribe((snapshot) => {
    const alive = snapshot.value !== 'stopped';
    if (alive && proxy.state === 'stopped') proxy.start();
    else if (!alive && proxy.state !== 'stopped') proxy.stop();
  });
  return () => subscription.unsubscribe();
}
