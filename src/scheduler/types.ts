/**
 * Typed views of the objects kube-scheduler reads (core/v1 Pod, Node, PersistentVolumeClaim, …),
 * with only the fields the scheduler uses. The objects themselves stay the frozen JSON the API
 * server handed out; these types only describe them.
 */
import type { LabelSelector } from '../api/label-selector.js';
import type { KubeObject } from '../api/types.js';
import type { Taint, Toleration } from '../api/taints.js';

/** The scheduler name a pod gets by defaulting (v1.DefaultSchedulerName). */
export const DEFAULT_SCHEDULER_NAME = 'default-scheduler';

export type { Taint, Toleration };

/** v1.NodeSelectorRequirement. */
export interface NodeSelectorRequirement {
  key: string;
  operator: string;
  values?: string[];
}

/** v1.NodeSelectorTerm: requirements ANDed; terms of a selector are ORed. */
export interface NodeSelectorTerm {
  matchExpressions?: NodeSelectorRequirement[];
  matchFields?: NodeSelectorRequirement[];
}

/** v1.PreferredSchedulingTerm. */
export interface PreferredSchedulingTerm {
  weight: number;
  preference: NodeSelectorTerm;
}

/** v1.PodAffinityTerm. */
export interface PodAffinityTerm {
  labelSelector?: LabelSelector | null;
  namespaces?: string[];
  topologyKey: string;
  namespaceSelector?: LabelSelector | null;
}

/** v1.WeightedPodAffinityTerm. */
export interface WeightedPodAffinityTerm {
  weight: number;
  podAffinityTerm: PodAffinityTerm;
}

/** v1.Affinity. */
export interface Affinity {
  nodeAffinity?: {
    requiredDuringSchedulingIgnoredDuringExecution?: { nodeSelectorTerms?: NodeSelectorTerm[] } | null;
    preferredDuringSchedulingIgnoredDuringExecution?: PreferredSchedulingTerm[];
  };
  podAffinity?: {
    requiredDuringSchedulingIgnoredDuringExecution?: PodAffinityTerm[];
    preferredDuringSchedulingIgnoredDuringExecution?: WeightedPodAffinityTerm[];
  };
  podAntiAffinity?: {
    requiredDuringSchedulingIgnoredDuringExecution?: PodAffinityTerm[];
    preferredDuringSchedulingIgnoredDuringExecution?: WeightedPodAffinityTerm[];
  };
}

/** v1.TopologySpreadConstraint. */
export interface TopologySpreadConstraint {
  maxSkew: number;
  topologyKey: string;
  whenUnsatisfiable: string;
  labelSelector?: LabelSelector | null;
  minDomains?: number;
  nodeAffinityPolicy?: string;
  nodeTaintsPolicy?: string;
  matchLabelKeys?: string[];
}

/** v1.ContainerPort. */
export interface ContainerPort {
  containerPort: number;
  hostPort?: number;
  hostIP?: string;
  protocol?: string;
}

/** v1.Container, as far as the scheduler looks. */
export interface Container {
  name: string;
  image?: string;
  ports?: ContainerPort[];
  resources?: { requests?: Record<string, unknown>; limits?: Record<string, unknown> };
  restartPolicy?: string;
}

/** v1.Volume, as far as the scheduler looks. */
export interface Volume {
  name: string;
  persistentVolumeClaim?: { claimName: string; readOnly?: boolean };
  ephemeral?: { volumeClaimTemplate?: unknown };
}

/** v1.PodSpec, as far as the scheduler looks. */
export interface PodSpec {
  nodeName?: string;
  nodeSelector?: Record<string, string>;
  affinity?: Affinity;
  tolerations?: Toleration[];
  schedulerName?: string;
  priority?: number;
  preemptionPolicy?: string;
  schedulingGates?: { name: string }[];
  containers?: Container[];
  initContainers?: Container[];
  overhead?: Record<string, unknown>;
  topologySpreadConstraints?: TopologySpreadConstraint[];
  volumes?: Volume[];
}

/** v1.PodCondition. */
export interface PodCondition {
  type: string;
  status: string;
  reason?: string;
  message?: string;
  lastProbeTime?: string | null;
  lastTransitionTime?: string | null;
}

/** v1.Pod. */
export interface Pod extends KubeObject {
  spec: PodSpec;
  status?: { phase?: string; conditions?: PodCondition[]; nominatedNodeName?: string };
}

/** v1.ContainerImage, as kubelets report them in `status.images`. */
export interface ContainerImage {
  names?: string[];
  sizeBytes?: number;
}

/** v1.Node. */
export interface Node extends KubeObject {
  spec?: { unschedulable?: boolean; taints?: Taint[] };
  status?: {
    allocatable?: Record<string, unknown>;
    capacity?: Record<string, unknown>;
    images?: ContainerImage[];
    conditions?: { type: string; status: string; reason?: string; message?: string }[];
  };
}

/** v1.PersistentVolumeClaim. */
export interface PersistentVolumeClaim extends KubeObject {
  spec?: {
    volumeName?: string;
    storageClassName?: string | null;
    accessModes?: string[];
    resources?: { requests?: Record<string, unknown> };
  };
  status?: { phase?: string };
}

/** v1.PersistentVolume. */
export interface PersistentVolume extends KubeObject {
  spec?: {
    storageClassName?: string;
    capacity?: Record<string, unknown>;
    accessModes?: string[];
    claimRef?: { namespace?: string; name?: string; uid?: string } | null;
    nodeAffinity?: { required?: { nodeSelectorTerms?: NodeSelectorTerm[] } | null } | null;
  };
  status?: { phase?: string };
}

/** storage.k8s.io/v1 StorageClass. */
export interface StorageClass extends KubeObject {
  provisioner?: string;
  volumeBindingMode?: string;
  allowedTopologies?: { matchLabelExpressions?: { key: string; values: string[] }[] }[];
}

/** The spec of a pod, never undefined. */
export function podSpec(pod: KubeObject): PodSpec {
  return ((pod as Pod).spec ?? {}) as PodSpec;
}

/** `namespace/name`, the key the scheduling queue and diagnoses use. */
export function podKey(pod: KubeObject): string {
  return `${pod.metadata.namespace ?? ''}/${pod.metadata.name ?? ''}`;
}

/** True once the pod is assigned to a node (`spec.nodeName` set). */
export function isAssignedPod(pod: KubeObject): boolean {
  const nodeName = podSpec(pod).nodeName;
  return nodeName !== undefined && nodeName !== '';
}

/** corev1helpers.PodPriority: `spec.priority`, 0 when absent. */
export function podPriority(pod: KubeObject): number {
  return podSpec(pod).priority ?? 0;
}
