/**
 * Typed views of the objects the ReplicaSet controller reads: apps/v1 ReplicaSet and v1
 * ReplicationController (the same spec and status but for the selector), and the pod fields it
 * ranks by. They describe cached, frozen JSON: never mutate them.
 */
import type { KubeObject } from '../../api/types.js';
import type { PodTemplate } from '../common/pod-control.js';

/** apps.ReplicaSetCondition (and v1.ReplicationControllerCondition). */
export interface ReplicaSetCondition {
  type: string;
  status: string;
  lastTransitionTime?: string;
  reason?: string;
  message?: string;
}

/** apps.ReplicaSetStatus (and v1.ReplicationControllerStatus): `replicas` is always written, zeros elsewhere are omitted. */
export interface ReplicaSetStatus {
  replicas?: number;
  fullyLabeledReplicas?: number;
  readyReplicas?: number;
  availableReplicas?: number;
  observedGeneration?: number;
  conditions?: ReplicaSetCondition[];
}

/** The spec both kinds share; `selector` is a metav1.LabelSelector (ReplicaSet) or a plain map (ReplicationController). */
export interface ReplicaSetSpec {
  replicas?: number;
  minReadySeconds?: number;
  selector?: unknown;
  template?: PodTemplate;
}

/** A ReplicaSet or ReplicationController. */
export interface ReplicaSet extends KubeObject {
  spec?: ReplicaSetSpec;
  status?: ReplicaSetStatus;
}

/** The condition type both kinds report pod creation and deletion failures with. */
export const REPLICA_FAILURE = 'ReplicaFailure';

/** `*(rs.Spec.Replicas)`: the desired number of pods (defaulting sets 1). */
export function specReplicas(rs: Readonly<ReplicaSet>): number {
  return rs.spec?.replicas ?? 1;
}

/** `rs.Spec.MinReadySeconds`. */
export function minReadySeconds(rs: Readonly<ReplicaSet>): number {
  return rs.spec?.minReadySeconds ?? 0;
}

/** The pod fields the controller reads. */
export interface PodView {
  spec?: {
    nodeName?: string;
    initContainers?: { name: string; restartPolicy?: string }[];
  };
  status?: {
    phase?: string;
    conditions?: { type?: string; status?: string; lastTransitionTime?: string }[];
    containerStatuses?: { name: string; restartCount?: number }[];
    initContainerStatuses?: { name: string; restartCount?: number }[];
  };
}

/** A pod as the controller reads it. */
export type Pod = KubeObject & PodView;

/** `pod.Spec.NodeName` ('' while unscheduled). */
export function podNodeName(pod: Readonly<Pod>): string {
  return pod.spec?.nodeName ?? '';
}
