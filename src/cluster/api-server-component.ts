/**
 * kube-apiserver as a component the user can stop and start. While it is stopped every client call
 * fails as a refused connection would, and every open watch ends with that error; etcd keeps
 * everything, so when it starts again the informers relist and the cluster catches up.
 */
import { serviceUnavailable, type Status } from '../api/status.js';
import type { KubeApiServer } from '../apiserver/api-server.js';
import type { ClusterComponent } from '../client/component.js';

/** The port kube-apiserver listens on (kubeadm's default `--secure-port`). */
export const API_SERVER_PORT = 6443;

/**
 * What a client sees when kube-apiserver is down: client-go's dial error
 * (`dial tcp 172.18.0.2:6443: connect: connection refused`), as a 503 so that callers treat it as
 * a transient failure and retry (informers relist after their back-off).
 */
export function connectionRefused(address: string, port: number = API_SERVER_PORT): Status {
  return serviceUnavailable(`dial tcp ${address}:${port}: connect: connection refused`);
}

/** kube-apiserver's lifecycle: `running` serves requests, `stopped` refuses them. */
export class ApiServerComponent implements ClusterComponent {
  readonly name = 'kube-apiserver';

  constructor(
    private readonly api: KubeApiServer,
    /** The address clients dial: the control-plane node's InternalIP. */
    private readonly address: string,
  ) {}

  get state(): string {
    return this.api.serving ? 'running' : 'stopped';
  }

  start(): void {
    this.api.startServing();
  }

  stop(): void {
    this.api.stopServing(connectionRefused(this.address));
  }
}
