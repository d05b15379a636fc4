/**
 * The fields of apps/v1 DaemonSet the controller reads and writes.
 */
import type { JsonObject, KubeObject } from '../../api/types.js';
import type { LabelSelector } from '../../api/label-selector.js';
import type { PodTemplate } from '../common/pod-control.js';

/** An int or a percentage (`1`, `"25%"`). */
export type IntOrString = number | string;

/** apps/v1 DaemonSetSpec. */
export interface DaemonSetSpec {
  selector?: LabelSelector;
  template?: PodTemplate;
  updateStrategy?: { type?: string; rollingUpdate?: { maxUnavailable?: IntOrString; maxSurge?: IntOrString } };
  minReadySeconds?: number;
  revisionHistoryLimit?: number;
}

/** apps/v1 DaemonSetStatus. */
export interface DaemonSetStatus {
  currentNumberScheduled?: number;
  numberMisscheduled?: number;
  desiredNumberScheduled?: number;
  numberReady?: number;
  observedGeneration?: number;
  updatedNumberScheduled?: number;
  numberAvailable?: number;
  numberUnavailable?: number;
  collisionCount?: number;
  conditions?: JsonObject[];
}

/** apps/v1 DaemonSet. */
export interface DaemonSet extends KubeObject {
  spec?: DaemonSetSpec;
  status?: DaemonSetStatus;
}

/** The pod fields the controller reads. */
export interface DaemonPod extends KubeObject {
  spec?: { nodeName?: string } & JsonObject;
  status?: { phase?: string } & JsonObject;
}
