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
import { namespaceControllerFactory } from './namespace/namespace-controller.js';
import { nodeIpamControllerFactory } from './nodeipam/node-ipam-controller.js';
import { podGCControllerFactory } from './podgc/pod-gc-controller.js';
import { replicaSetControllerFactory, replicationControllerFactory } from './replicaset/factories.js';
import { rootCACertPublisherFactory } from './serviceaccount/root-ca-cert-publisher.js';
import { serviceAccountsControllerFactory } from './serviceaccount/serviceaccounts-controller.js';
import { statefulSetControllerFactory } from './statefulset/statefulset-controller.js';

export { KubeControllerManager } from './controller-manager.js';
export type { Controller, ControllerContext, ControllerFactory } from './common/controller.js';

/** kube-controller-manager's default controllers. */
export const DEFAULT_CONTROLLERS: ReadonlyMap<string, ControllerFactory> = new Map([
  ['serviceaccount', serviceAccountsControllerFactory],
  ['root-ca-cert-publisher', rootCACertPublisherFactory],
  ['node-ipam', nodeIpamControllerFactory],
  ['namespace', namespaceControllerFactory],
  ['garbage-collector', garbageCollectorControllerFactory],
  ['pod-garbage-collector', podGCControllerFactory],
  ['deployment', deploymentControllerFactory],
  ['replicaset', replicaSetControllerFactory],
  ['replicationcontroller', replicationControllerFactory],
  ['daemonset', daemonSetControllerFactory],
  ['statefulset', statefulSetControllerFactory],
  ['job', jobControllerFactory],
  ['ttl-after-finished', ttlAfterFinishedControllerFactory],
  ['cronjob', cronJobControllerFactory],
]);
