/**
 * Typed views of apps/v1 Deployment as the Deployment controller reads and writes it, and the
 * accessors for its defaulted fields. The controller works on a deep copy of the cached object
 * (`deployment.DeepCopy()` upstream), which it changes as it goes: annotations, conditions, status.
 */
import type { KubeObject } from '../../api/types.js';
import type { LabelSelector } from '../../api/label-selector.js';
import type { IntOrPercent } from '../common/int-or-percent.js';
import type { PodTemplate } from '../common/pod-control.js';

/** apps.RollingUpdateDeployment. */
export interface RollingUpdateDeployment {
  maxSurge?: IntOrPercent;
  maxUnavailable?: IntOrPercent;
}

/** apps.DeploymentStrategy. */
export interface DeploymentStrategy {
  type?: string;
  rollingUpdate?: RollingUpdateDeployment;
}

/** apps.DeploymentSpec. */
export interface DeploymentSpec {
  replicas?: number;
  selector?: LabelSelector;
  template?: PodTemplate;
  strategy?: DeploymentStrategy;
  minReadySeconds?: number;
  revisionHistoryLimit?: number;
  paused?: boolean;
  progressDeadlineSeconds?: number;
}

/** apps.DeploymentCondition. */
export interface DeploymentCondition {
  type: string;
  status: string;
  lastUpdateTime?: string;
  lastTransitionTime?: string;
  reason?: string;
  message?: string;
}

/** apps.DeploymentStatus: zero counts are omitted, as Go's omitempty writes them. */
export interface DeploymentStatus {
  observedGeneration?: number;
  replicas?: number;
  updatedReplicas?: number;
  readyReplicas?: number;
  availableReplicas?: number;
  unavailableReplicas?: number;
  conditions?: DeploymentCondition[];
  collisionCount?: number;
}

/** An apps/v1 Deployment. */
export interface Deployment extends KubeObject {
  spec?: DeploymentSpec;
  status?: DeploymentStatus;
}

/** apps.RecreateDeploymentStrategyType. */
export const RECREATE = 'Recreate';
/** apps.RollingUpdateDeploymentStrategyType. */
export const ROLLING_UPDATE = 'RollingUpdate';

/** `*(d.Spec.Replicas)` (defaulting sets 1). */
export function deploymentReplicas(d: Readonly<Deployment>): number {
  return d.spec?.replicas ?? 1;
}

/** IsRollingUpdate. */
export function isRollingUpdate(d: Readonly<Deployment>): boolean {
  return d.spec?.strategy?.type === ROLLING_UPDATE;
}

/** The status counts, each read as a number (absent counts are 0). */
export function statusOf(d: Readonly<Deployment>): Required<Omit<DeploymentStatus, 'conditions' | 'collisionCount'>> {
  const s = d.status ?? {};
  return {
    observedGeneration: s.observedGeneration ?? 0,
    replicas: s.replicas ?? 0,
    updatedReplicas: s.updatedReplicas ?? 0,
    readyReplicas: s.readyReplicas ?? 0,
    availableReplicas: s.availableReplicas ?? 0,
    unavailableReplicas: s.unavailableReplicas ?? 0,
  };
}

/** HasProgressDeadline: a deadline is set and is not math.MaxInt32 (which means none). */
export function hasProgressDeadline(d: Readonly<Deployment>): boolean {
  const seconds = d.spec?.progressDeadlineSeconds;
  return seconds !== undefined && seconds !== 2 ** 31 - 1;
}

/** HasRevisionHistoryLimit: a limit is set and is not math.MaxInt32 (which means keep all). */
export function hasRevisionHistoryLimit(d: Readonly<Deployment>): boolean {
  const limit = d.spec?.revisionHistoryLimit;
  return limit !== undefined && limit !== 2 ** 31 - 1;
}
