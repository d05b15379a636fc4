/**
 * The cluster, assembled: one virtual clock, one seeded generator, etcd, kube-apiserver in front of
 * it, and the components that are its clients (kube-controller-manager, kube-scheduler, a kubelet
 * per node). Components never call each other; the cluster only starts and stops them.
 */
import type { KubeObject } from '../api/types.js';
import { ok, type Result } from '../api/result.js';
import { EMPTY_POD_LOG, logContainer, type PodLog, type PodLogOptions } from '../node/index.js';
import { Random } from '../api/random.js';
import { VirtualClock } from '../clock/virtual-clock.js';
import { EtcdServer } from '../etcd/etcd-server.js';
import { EtcdStorage } from '../apiserver/etcd-storage.js';
import { KubeApiServer } from '../apiserver/api-server.js';
import { bootstrapApiServer } from '../apiserver/bootstrap.js';
import { startCompactor } from '../apiserver/compactor.js';
import type { ClusterComponent } from '../client/component.js';
import { CommandOutput, type NodeFleet, type NodeRequest, type RunningOperation } from './commands/node-fleet.js';
import { CONTROL_PLANE_ADDRESS, CONTROL_PLANE_NODE, type ClusterOptions } from './cluster-config.js';
import { startClusterComponents, type ClusterComponents } from './components.js';
import { ApiServerComponent } from './api-server-component.js';
import { ControlPlanePods } from './control-plane-pods.js';
import { startLeaderElection, type LeaderElection } from './leader-election.js';

export { CONTROL_PLANE_ADDRESS, type ClusterOptions } from './cluster-config.js';

/** etcd as a component the user can stop and start. */
class EtcdComponent implements ClusterComponent {
  readonly name = 'etcd';
  constructor(private readonly etcd: EtcdServer<KubeObject>) {}
  get state(): string {
    return this.etcd.state;
  }
  start(): void {
    this.etcd.start();
  }
  stop(): void {
    this.etcd.stop();
  }
}

/** A running cluster. */
export class Cluster implements NodeFleet {
  readonly clock: VirtualClock;
  readonly random: Random;
  readonly etcd: EtcdServer<KubeObject>;
  readonly api: KubeApiServer;
  /** The control plane and node components (undefined unless `components: 'full'`). */
  readonly parts: ClusterComponents | undefined;
  /** The control plane's mirror pods in kube-system (undefined unless `components: 'full'`). */
  readonly controlPlanePods: ControlPlanePods | undefined;
  /** The leader-election Leases of kube-controller-manager and kube-scheduler (undefined unless `components: 'full'`). */
  readonly leaderElection: LeaderElection | undefined;
  /** Lines that running commands (`drain`) print after their first answer. */
  readonly commandOutput = new CommandOutput();
  /** Commands still running on the cluster clock, by key (`drain/node-1`). */
  readonly operations = new Map<string, RunningOperation>();
  private readonly registry = new Map<string, ClusterComponent>();
  private readonly stopCompactor: () => void;

  constructor(options: ClusterOptions = {}) {
    this.clock = new VirtualClock(options.startTime === undefined ? {} : { startTime: options.startTime });
    this.random = new Random(options.seed ?? 1);
    this.etcd = new EtcdServer<KubeObject>(this.clock);
    this.api = new KubeApiServer(new EtcdStorage(this.etcd), this.clock, this.random.fork('kube-apiserver'));
    bootstrapApiServer(this.api, CONTROL_PLANE_ADDRESS);
    this.stopCompactor = startCompactor(this.etcd, this.clock);
    this.registry.set('etcd', new EtcdComponent(this.etcd));
    this.registry.set('kube-apiserver', new ApiServerComponent(this.api, CONTROL_PLANE_ADDRESS));
    if (options.components === 'full') {
      this.parts = startClusterComponents(this.api, this.clock, this.random, options);
      for (const component of this.parts.all()) this.registry.set(component.name, component);
      // Its own generator (not a fork of `random`, which would shift every later fork).
      const electionRandom = new Random(`${options.seed ?? 1}/leader-election`);
      this.leaderElection = startLeaderElection(this.api, this.clock, electionRandom, (name) => this.component(name), CONTROL_PLANE_NODE);
      if (options.controlPlanePods !== false) {
        this.controlPlanePods = new ControlPlanePods(this.api, this.clock, (name) => this.component(name), CONTROL_PLANE_NODE, CONTROL_PLANE_ADDRESS);
        this.controlPlanePods.start();
      }
    }
  }

  /** A component by name: `etcd`, `kube-apiserver`, `kube-scheduler`, `kube-controller-manager`, `kubelet/node-1`. */
  component(name: string): ClusterComponent | undefined {
    return this.registry.get(name);
  }

  /** Every component's name, control plane first. */
  componentNames(): string[] {
    return [...this.registry.keys()];
  }

  /** Every component. */
  components(): ClusterComponent[] {
    return [...this.registry.values()];
  }

  /** The kubelet of a node. */
  kubelet(nodeName: string): ClusterComponent | undefined {
    return this.parts?.kubelets.get(nodeName);
  }

  /**
   * `kubectl logs`: the log of one container of a pod, as the API server (LogLocation) and then
   * the pod's kubelet answer it. A pod on no node yet has an empty log, as upstream.
   */
  podLogs(namespace: string, name: string, options: PodLogOptions = {}): Result<PodLog> {
    const pod = this.api.get('pods', namespace, name);
    if (!pod.ok) return pod;
    const container = logContainer(pod.value, options.container);
    if (!container.ok) return container;
    const nodeName = (pod.value['spec'] as { nodeName?: string } | undefined)?.nodeName;
    const kubelet = nodeName ? this.parts?.kubelets.get(nodeName) : undefined;
    return kubelet === undefined ? ok(EMPTY_POD_LOG) : kubelet.podLogs(pod.value, container.value, options);
  }

  /** A new node joins: its kubelet starts (and registers the Node). */
  addNode(request: NodeRequest): { ok: true; name: string } | { ok: false; message: string } {
    if (this.parts === undefined) return { ok: false, message: 'error: this cluster runs no kubelets (start it with all components)' };
    if (request.name !== undefined && (this.parts.kubelets.has(request.name) || this.api.get('nodes', '', request.name).ok)) {
      return { ok: false, message: `Error from server (AlreadyExists): nodes "${request.name}" already exists` };
    }
    const plan = this.parts.addNode(request);
    for (const component of [this.parts.kubelets.get(plan.name), this.parts.kubeProxies.get(plan.name)]) {
      if (component !== undefined) this.registry.set(component.name, component);
    }
    return { ok: true, name: plan.name };
  }

  /** A node leaves: its kubelet and kube-proxy stop and are forgotten (the caller deletes the Node object). */
  removeNode(nodeName: string): boolean {
    const kubelet = this.parts?.kubelets.get(nodeName);
    const proxy = this.parts?.kubeProxies.get(nodeName);
    if (kubelet === undefined || !this.parts?.removeNode(nodeName)) return false;
    this.registry.delete(kubelet.name);
    if (proxy !== undefined) this.registry.delete(proxy.name);
    return true;
  }

  /** Stops every component and real timer. */
  dispose(): void {
    for (const operation of this.operations.values()) operation.cancel();
    this.controlPlanePods?.stop();
    this.leaderElection?.stop();
    this.parts?.stopAll();
    this.stopCompactor();
    this.clock.dispose();
  }
}
