/**
 * A node's agents: the kubelet (node registration, lease and status, one pod actor per pod bound
 * to the node) and its configuration. The container runtime it drives lives in ./runtime.
 */
export { createKubelet, type Kubelet, type KubeletState, type PodActorSummary } from './kubelet.js';
export { CONTROL_PLANE_TAINT, kindNodeIP, kindNodeLabels, type KubeletConfig, type NodeCapacity, type Taint } from './kubelet-config.js';
export { kubeletMachine } from './kubelet-machine.js';
export { podMachine, podStateName } from './pod-machine.js';
export { FAST_KUBELET_TIMINGS, KubeletTimings, kubeletTimings, REAL_KUBELET_TIMINGS } from './timings.js';
export type { ImageRecord } from './image-store.js';
export { NODE_LEASE_NAMESPACE } from './node-lease.js';
export { CONTAINER_RUNTIME_VERSION, KUBELET_VERSION } from './node-status.js';
export { EMPTY_POD_LOG, logContainer, type PodLog, type PodLogOptions } from './pod-logs.js';
