/**
 * The controllers kube-controller-manager runs by default, under the names its `--controllers`
 * flag uses, in start order.
 */
import type { ControllerFactory } from './common/controller.js';
import { cronJobControllerFactory } from './cronjob/cronjob-controller.js';
import { daemonSetControllerFactory } from './daemonset/daemonset-controller.js';
import { deploymentControllerFactory } from './deployment/deployment-controller.js';
import { garbageCollectorControllerFactory } from './garbagecollector/garbage-collector.js';
import { jobControllerFactory } from './job/job-controller.js';
import { ttlAfterFinishedControllerFactory } from './job/ttl-after-finished-controller.js';
import { ttlControllerFactory } from './ttl/ttl-controller.js';
import { namespaceControllerFactory } from './namespace/namespace-controller.js';
import { DEFAULT_NODE_IPAM_OPTIONS, nodeIpamControllerFactoryWith } from './nodeipam/node-ipam-controller.js';
import { nodeLifecycleControllerFactory } from './nodelifecycle/node-lifecycle-controller.js';
import { taintEvictionControllerFactory } from './nodelifecycle/taint-eviction-controller.js';
import { podGCControllerFactory } from './podgc/pod-gc-controller.js';
import { replicaSetControllerFactory, replicationControllerFactory } from './replicaset/factories.js';
import { rootCACertPublisherFactory } from './serviceaccount/root-ca-cert-publisher.js';
import { serviceAccountsControllerFactory } from './serviceaccount/serviceaccounts-controller.js';
import { statefulSetControllerFactory } from './statefulset/statefulset-controller.js';
import { persistentVolumeControllerFactory } from './volume/pv-controller.js';
import { hostPathProvisionerFactory } from './volume/hostpath-provisioner.js';
import { resourceQuotaControllerFactory } from './resourcequota/resource-quota-controller.js';
import { disruptionControllerFactory } from './disruption/disruption-controller.js';
import { horizontalPodAutoscalerControllerFactory } from './podautoscaler/horizontal.js';
import { endpointControllerFactory } from './endpoint/endpoints-controller.js';
import { endpointSliceControllerFactory } from './endpointslice/endpointslice-controller.js';
import { serviceLoadBalancerControllerFactory } from './cloud/service-lb-controller.js';

export { KubeControllerManager } from './controller-manager.js';
export type { Controller, ControllerContext, ControllerFactory } from './common/controller.js';

export { defaultStorageClass } from './volume/storage-class.js';

/**
 * The pod network for `nodes` nodes: kind's 10.244.0.0/16 (256 nodes of /24) while it fits, else
 * 10.128.0.0/9 (32,768 nodes), which stays clear of the service range 10.96.0.0/12.
 */
function clusterCidrFor(nodes: number): string {
  return nodes <= 256 ? DEFAULT_NODE_IPAM_OPTIONS.clusterCidr : '10.128.0.0/9';
}

/**
 * kube-controller-manager's default controllers for a cluster of `nodes` nodes, plus the
 * hostpath `storage-provisioner` that minikube runs beside it (it serves the default StorageClass)
 * and cloud-controller-manager's service controller (`service-lb-controller`, load balancers).
 */
export function defaultControllers(nodes: number): ReadonlyMap<string, ControllerFactory> {
  return new Map([
    ['serviceaccount', serviceAccountsControllerFactory],
    ['root-ca-cert-publisher', rootCACertPublisherFactory],
    ['node-ipam', nodeIpamControllerFactoryWith({ ...DEFAULT_NODE_IPAM_OPTIONS, clusterCidr: clusterCidrFor(nodes) })],
    ['node-lifecycle', nodeLifecycleControllerFactory],
    ['taint-eviction', taintEvictionControllerFactory],
    ['namespace', namespaceControllerFactory],
    ['garbage-collector', garbageCollectorControllerFactory],
    ['pod-garbage-collector', podGCControllerFactory],
    ['deployment', deploymentControllerFactory],
    ['replicaset', replicaSetControllerFactory],
    ['replicationcontroller', replicationControllerFactory],
    ['daemonset', daemonSetControllerFactory],
    ['statefulset', statefulSetControllerFactory],
    ['job', jobControllerFactory],
    ['ttl', ttlControllerFactory],
    ['ttl-after-finished', ttlAfterFinishedControllerFactory],
    ['cronjob', cronJobControllerFactory],
    ['persistentvolume-binder', persistentVolumeControllerFactory],
    ['storage-provisioner', hostPathProvisionerFactory],
    ['resourcequota', resourceQuotaControllerFactory],
    ['disruption', disruptionControllerFactory],
    ['horizontalpodautoscaling', horizontalPodAutoscalerControllerFactory],
    ['endpoint', endpointControllerFactory],
    ['endpointslice', endpointSliceControllerFactory],
    // cloud-controller-manager's service controller, run here against the simulated cloud.
    ['service-lb-controller', serviceLoadBalancerControllerFactory],
  ]);
}
