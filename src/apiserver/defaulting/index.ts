/**
 * kube-apiserver's defaulting, as a learner sees its result in `kubectl get -o yaml`: the
 * SetDefaults_* functions of pkg/apis/<group>/<version>/defaults.go (Kubernetes v1.32), plus
 * what the create strategies and the default mutating admission plugins add to every object.
 */
import type { KubeObject } from '../../api/types.js';
import type { DefaultingOptions } from './options.js';
import { defaultPod } from './pod.js';
import {
  defaultDaemonSet,
  defaultDeployment,
  defaultPodTemplateObject,
  defaultReplicaSet,
  defaultReplicationController,
  defaultStatefulSet,
} from './workloads.js';
import { defaultCronJob, defaultJob } from './batch.js';
import { defaultService } from './service.js';
import { defaultEndpoints, defaultLimitRange, defaultNamespace, defaultNode, defaultResourceQuota, defaultSecret } from './core.js';
import { defaultPersistentVolume, defaultPersistentVolumeClaim, defaultStorageClass } from './storage.js';
import { defaultHorizontalPodAutoscaler } from './autoscaling.js';
import { defaultEndpointSlice, defaultIngressClass, defaultNetworkPolicy } from './networking.js';
import { defaultRoleBinding } from './rbac.js';
import { defaultPriorityClass } from './priority.js';

export type { DefaultingOperation, DefaultingOptions } from './options.js';
export { defaultPod } from './pod.js';
export {
  defaultDaemonSet,
  defaultDeployment,
  defaultPodTemplateObject,
  defaultReplicaSet,
  defaultReplicationController,
  defaultStatefulSet,
} from './workloads.js';
export { defaultCronJob, defaultJob } from './batch.js';
export { generateJobSelector, CONTROLLER_UID_LABEL, JOB_NAME_LABEL, LEGACY_CONTROLLER_UID_LABEL, LEGACY_JOB_NAME_LABEL } from './job-selector.js';
export { defaultService } from './service.js';
export { defaultEndpoints, defaultLimitRange, defaultNamespace, defaultNode, defaultResourceQuota, defaultSecret } from './core.js';
export { defaultPersistentVolume, defaultPersistentVolumeClaim, defaultStorageClass } from './storage.js';
export { defaultHorizontalPodAutoscaler } from './autoscaling.js';
export { defaultEndpointSlice, defaultIngressClass, defaultNetworkPolicy } from './networking.js';
export { defaultRoleBinding } from './rbac.js';
export { checkPodPriority, defaultPriorityClass, SYSTEM_PRIORITY_CLASSES } from './priority.js';
export { mountServiceAccountToken, taintNodesByCondition } from './create-admission.js';

type Defaulter = (object: KubeObject, options: DefaultingOptions) => KubeObject;

/** The defaulter of each kind, keyed `<group>/<Kind>` (the core group is ''). */
const DEFAULTERS: ReadonlyMap<string, Defaulter> = new Map<string, Defaulter>([
  ['/Pod', defaultPod],
  ['/PodTemplate', defaultPodTemplateObject],
  ['/ReplicationController', defaultReplicationController],
  ['/Service', defaultService],
  ['/Namespace', defaultNamespace],
  ['/Secret', defaultSecret],
  ['/Node', defaultNode],
  ['/Endpoints', defaultEndpoints],
  ['/PersistentVolume', defaultPersistentVolume],
  ['/PersistentVolumeClaim', defaultPersistentVolumeClaim],
  ['/LimitRange', defaultLimitRange],
  ['/ResourceQuota', defaultResourceQuota],
  ['apps/Deployment', defaultDeployment],
  ['apps/ReplicaSet', defaultReplicaSet],
  ['apps/DaemonSet', defaultDaemonSet],
  ['apps/StatefulSet', defaultStatefulSet],
  ['batch/Job', defaultJob],
  ['batch/CronJob', defaultCronJob],
  ['autoscaling/HorizontalPodAutoscaler', defaultHorizontalPodAutoscaler],
  ['networking.k8s.io/NetworkPolicy', defaultNetworkPolicy],
  ['networking.k8s.io/IngressClass', defaultIngressClass],
  ['discovery.k8s.io/EndpointSlice', defaultEndpointSlice],
  ['rbac.authorization.k8s.io/RoleBinding', defaultRoleBinding],
  ['rbac.authorization.k8s.io/ClusterRoleBinding', defaultRoleBinding],
  ['storage.k8s.io/StorageClass', defaultStorageClass],
  ['scheduling.k8s.io/PriorityClass', defaultPriorityClass],
]);

/**
 * Returns `object` defaulted as kube-apiserver defaults a `kind` of API `group` ('' for core):
 * always a new object, the input (which may be deep-frozen) is never modified. Kinds without
 * defaults (ConfigMap, Ingress, Lease, Event, PodDisruptionBudget, …) are returned unchanged.
 * Defaulting is idempotent and safe on every write; pass `{ operation: 'CREATE' }` on create for
 * the steps only a create takes (see DefaultingOptions).
 */
export function applyDefaults(kind: string, group: string, object: KubeObject, options: DefaultingOptions = {}): KubeObject {
  const defaulter = DEFAULTERS.get(`${group}/${kind}`);
  return defaulter ? defaulter(object, options) : object;
}
