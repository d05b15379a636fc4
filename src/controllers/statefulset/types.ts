/**
 * The fields of apps/v1 StatefulSet, its pods and its PersistentVolumeClaims the controller reads
 * and writes.
 */
import type { JsonObject, KubeObject } from '../../api/types.js';
import type { LabelSelector } from '../../api/label-selector.js';
import type { PodTemplate } from '../common/pod-control.js';

/** Retain or Delete. */
export type RetentionPolicyType = 'Retain' | 'Delete' | string;

/** apps/v1 StatefulSetSpec. */
export interface StatefulSetSpec {
  replicas?: number;
  selector?: LabelSelector;
  template?: PodTemplate;
  volumeClaimTemplates?: KubeObject[];
  serviceName?: string;
  podManagementPolicy?: 'OrderedReady' | 'Parallel' | string;
  updateStrategy?: { type?: string; rollingUpdate?: { partition?: number; maxUnavailable?: number | string } };
  revisionHistoryLimit?: number;
  minReadySeconds?: number;
  persistentVolumeClaimRetentionPolicy?: { whenDeleted?: RetentionPolicyType; whenScaled?: RetentionPolicyType };
  ordinals?: { start?: number };
}

/** apps/v1 StatefulSetStatus. */
export interface StatefulSetStatus {
  observedGeneration?: number;
  replicas: number;
  readyReplicas?: number;
  currentReplicas?: number;
  updatedReplicas?: number;
  currentRevision?: string;
  updateRevision?: string;
  collisionCount?: number;
  conditions?: JsonObject[];
  availableReplicas: number;
}

/** apps/v1 StatefulSet. */
export interface StatefulSet extends KubeObject {
  spec?: StatefulSetSpec;
  status?: StatefulSetStatus;
}

/** A pod volume, as far as the controller looks at it. */
export interface PodVolume {
  name: string;
  persistentVolumeClaim?: { claimName: string; readOnly?: boolean };
  [key: string]: unknown;
}

/** The pod fields the controller reads and writes. */
export interface StatefulPod extends KubeObject {
  spec?: { hostname?: string; subdomain?: string; volumes?: PodVolume[] } & JsonObject;
  status?: { phase?: string } & JsonObject;
}
