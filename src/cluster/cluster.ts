/**
 * The cluster, assembled: one virtual clock, one seeded generator, etcd, and kube-apiserver in
 * front of it. Later parts (controllers, scheduler, kubelets) join here as clients of the API.
 */
import type { KubeObject } from '../api/types.js';
import { Random } from '../api/random.js';
import { VirtualClock } from '../clock/virtual-clock.js';
import { EtcdServer } from '../etcd/etcd-server.js';
import { EtcdStorage } from '../apiserver/etcd-storage.js';
import { KubeApiServer } from '../apiserver/api-server.js';
import { bootstrapApiServer } from '../apiserver/bootstrap.js';
import { startCompactor } from '../apiserver/compactor.js';

/** Options of a new cluster. */
export interface ClusterOptions {
  /** Seed of every random choice (names, IPs, latencies). */
  seed?: number | string;
  /** Virtual time at start (epoch ms). */
  startTime?: number;
}

/** The InternalIP of the control-plane node, where kube-apiserver listens. */
export const CONTROL_PLANE_ADDRESS = '172.18.0.2';

/** A running cluster. */
export class Cluster {
  readonly clock: VirtualClock;
  readonly random: Random;
  readonly etcd: EtcdServer<KubeObject>;
  readonly api: KubeApiServer;
  private readonly stopCompactor: () => void;

  constructor(options: ClusterOptions = {}) {
    this.clock = new VirtualClock(options.startTime === undefined ? {} : { startTime: options.startTime });
    this.random = new Random(options.seed ?? 1);
    this.etcd = new EtcdServer<KubeObject>(this.clock);
    this.api = new KubeApiServer(new EtcdStorage(this.etcd), this.clock, this.random.fork('kube-apiserver'));
    bootstrapApiServer(this.api, CONTROL_PLANE_ADDRESS);
    this.stopCompactor = startCompactor(this.etcd, this.clock);
  }

  /** Stops every component and real timer. */
  dispose(): void {
    this.stopCompactor();
    this.clock.dispose();
  }
}
