/**
 * The shape of the simulated cluster: a kind-like set of nodes (one control-plane node, N workers)
 * and the defaults the CLI contract names.
 */
import type { TimingProfileName } from '../client/component.js';

/** Options of a new cluster. */
export interface ClusterOptions {
  /** Seed of every random choice (names, IPs, latencies). */
  seed?: number | string;
  /** Virtual time at start (epoch ms). */
  startTime?: number;
  /** Worker nodes (default 3); a control-plane node is always added. 0: control plane only. */
  workers?: number;
  /** CPU capacity of each node, a quantity (default `4`). */
  nodeCpu?: string;
  /** Memory capacity of each node, a quantity (default `8Gi`). */
  nodeMemory?: string;
  /** Pod capacity of each node (default 110, the kubelet's maxPods). */
  nodePods?: number;
  /** Timing profile (default `real`). */
  profile?: TimingProfileName;
  /**
   * Which parts run: `api` (the default) only etcd and kube-apiserver, for tests of the API and of
   * single components; `full` also kube-controller-manager, kube-scheduler and the kubelets.
   */
  components?: 'full' | 'api';
  /**
   * With `components: 'full'`: keep the control plane's static pods (etcd, kube-apiserver,
   * kube-scheduler, kube-controller-manager) as mirror pods in kube-system, as kubeadm does
   * (default true).
   */
  controlPlanePods?: boolean;
}

/** One node to create: its name, role and address. */
export interface NodePlan {
  name: string;
  controlPlane: boolean;
  internalIP: string;
}

/** The InternalIP of the control-plane node, where kube-apiserver listens. */
export const CONTROL_PLANE_ADDRESS = '172.18.0.2';

/** The control-plane node's name. */
export const CONTROL_PLANE_NODE = 'control-plane';

/**
 * The nodes of a cluster with `workers` workers: `control-plane` at 172.18.0.2, then `node-1`,
 * `node-2`, … at 172.18.0.3 onwards, counting through the 172.18.0.0/16 docker network as kind's does.
 */
export function planNodes(workers: number): NodePlan[] {
  const nodes: NodePlan[] = [{ name: CONTROL_PLANE_NODE, controlPlane: true, internalIP: CONTROL_PLANE_ADDRESS }];
  for (let i = 1; i <= workers; i++) {
    const host = i + 2;
    nodes.push({ name: `node-${i}`, controlPlane: false, internalIP: `172.18.${Math.floor(host / 256)}.${host % 256}` });
  }
  return nodes;
}
