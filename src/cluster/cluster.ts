/**
 * The cluster, assembled: one virtual clock, one seeded generator, etcd, kube-apiserver in front of
 * it, and the components that are its clients (kube-controller-manager, kube-scheduler, a kubelet
 * per node). Components never call each other; the cluster only starts and stops them.
 */
import type { KubeObject } from '../api/types.js';
import { Random } from '../api/random.js';
import { VirtualClock } from '../clock/virtual-clock.js';
import { EtcdServer } from '../etcd/etcd-server.js';
import { EtcdStorage } from '../apiserver/etcd-storage.js';
import { KubeApiServer } from '../apiserver/api-server.js';
import { bootstrapApiServer } from '../apiserver/bootstrap.js';
import { startCompactor } from '../apiserver/compactor.js';
import type { ClusterComponent } from '../client/component.js';
import type { CommandTarget } from './commands/types.js';
import { CONTROL_PLANE_ADDRESS, type ClusterOptions } from './cluster-config.js';
import { startClusterComponents, type ClusterComponents } from './components.js';

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
export class Cluster implements CommandTarget {
  readonly clock: VirtualClock;
  readonly random: Random;
  readonly etcd: EtcdServer<KubeObject>;
  readonly api: KubeApiServer;
  /** The control plane and node components (undefined unless `components: 'full'`). */
  readonly parts: ClusterComponents | undefined;
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
    if (options.components === 'full') {
      this.parts = startClusterComponents(this.api, this.clock, this.random, options);
      for (const component of this.parts.all()) this.registry.set(component.name, component);
    }
  }

  /** A component by name: `etcd`, `kube-scheduler`, `kube-controller-manager`, `kubelet/node-1`. */
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

  /** Stops every component and real timer. */
  dispose(): void {
    this.parts?.stopAll();
    this.stopCompactor();
    this.clock.dispose();
  }
}
