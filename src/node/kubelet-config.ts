/**
 * How a kubelet is configured (the parts of KubeletConfiguration and its flags the playground
 * uses), and the labels and taints a kind node registers with.
 */
import type { ContainerRuntime } from './runtime/types.js';

/** A node taint (v1.Taint). */
export interface Taint {
  key: string;
  value?: string;
  effect: 'NoSchedule' | 'PreferNoSchedule' | 'NoExecute';
}

/** `status.capacity` of the node; allocatable equals it, as on kind nodes. */
export interface NodeCapacity {
  cpu: string;
  memory: string;
  pods: string;
  'ephemeral-storage': string;
  [resource: string]: string;
}

/** One kubelet's configuration. */
export interface KubeletConfig {
  nodeName: string;
  /** The node's InternalIP (kind: control plane 172.18.0.2, workers 172.18.0.3, …). */
  internalIP: string;
  capacity: NodeCapacity;
  labels: Record<string, string>;
  /** --register-with-taints. */
  taints?: Taint[];
  runtime: ContainerRuntime;
  /** --pod-cidr: registered in the Node's spec; otherwise the kubelet waits for node-ipam to set one. */
  podCIDR?: string;
  /** Images already on the node (kind preloads its own), resolved through the runtime. */
  preloadedImages?: string[];
  /** serializeImagePulls (default true). */
  serializeImagePulls?: boolean;
}

/** The taint kubeadm registers the control-plane node with. */
export const CONTROL_PLANE_TAINT: Taint = Object.freeze({ key: 'node-role.kubernetes.io/control-plane', effect: 'NoSchedule' });

/** The well-known labels a kind node has (kubelet's own plus kubeadm's control-plane role). */
export function kindNodeLabels(nodeName: string, controlPlane: boolean): Record<string, string> {
  const labels: Record<string, string> = {
    'beta.kubernetes.io/arch': 'amd64',
    'beta.kubernetes.io/os': 'linux',
    'kubernetes.io/arch': 'amd64',
    'kubernetes.io/hostname': nodeName,
    'kubernetes.io/os': 'linux',
  };
  if (controlPlane) {
    labels['node-role.kubernetes.io/control-plane'] = '';
    labels['node.kubernetes.io/exclude-from-external-load-balancers'] = '';
  }
  return labels;
}

/** The InternalIP of the `index`-th kind node (0: the control plane, 172.18.0.2). */
export function kindNodeIP(index: number): string {
  const host = index + 2;
  return `172.18.${Math.floor(host / 256)}.${host % 256}`;
}
