/**
 * Typed views of the parts of a v1 Pod the kubelet reads and writes. The objects themselves stay
 * plain frozen JSON from the informer; these types only name their fields.
 */
import type { JsonObject, KubeObject } from '../api/types.js';

/** A container's probe (v1.Probe), defaulted by the API server. */
export interface ProbeSpec extends JsonObject {
  initialDelaySeconds?: number;
  periodSeconds?: number;
  timeoutSeconds?: number;
  successThreshold?: number;
  failureThreshold?: number;
  terminationGracePeriodSeconds?: number;
}

/** One `env` entry. */
export interface EnvVarSpec {
  name: string;
  value?: string;
  valueFrom?: {
    configMapKeyRef?: { name?: string; key: string; optional?: boolean };
    secretKeyRef?: { name?: string; key: string; optional?: boolean };
  };
}

/** One `envFrom` entry. */
export interface EnvFromSpec {
  configMapRef?: { name?: string; optional?: boolean };
  secretRef?: { name?: string; optional?: boolean };
}

/** v1.Container (and init containers). */
export interface ContainerSpec extends JsonObject {
  name: string;
  image?: string;
  imagePullPolicy?: string;
  /** `Always` on an init container makes it a sidecar (restartable init container). */
  restartPolicy?: string;
  readinessProbe?: ProbeSpec;
  livenessProbe?: ProbeSpec;
  startupProbe?: ProbeSpec;
}

/** A volume of the pod spec (only the sources the kubelet checks are named). */
export interface VolumeSpec {
  name: string;
  configMap?: { name?: string; optional?: boolean };
  secret?: { secretName?: string; optional?: boolean };
  projected?: {
    sources?: { configMap?: { name?: string; optional?: boolean }; secret?: { name?: string; optional?: boolean } }[];
  };
}

/** v1.PodSpec as the kubelet reads it. */
export interface PodSpecView {
  nodeName?: string;
  containers?: ContainerSpec[];
  initContainers?: ContainerSpec[];
  restartPolicy?: string;
  terminationGracePeriodSeconds?: number;
  hostNetwork?: boolean;
  volumes?: VolumeSpec[];
  readinessGates?: { conditionType: string }[];
}

/** v1.ContainerState: exactly one of the three is set (none for an empty lastState). */
export interface ContainerState {
  waiting?: { reason: string; message?: string };
  running?: { startedAt: string };
  terminated?: {
    exitCode: number;
    reason?: string;
    message?: string;
    startedAt: string;
    finishedAt: string;
    containerID: string;
  };
}

/** v1.ContainerStatus, with the fields in the order Kubernetes serialises them. */
export interface ContainerStatus {
  name: string;
  state: ContainerState;
  lastState: ContainerState;
  ready: boolean;
  restartCount: number;
  image: string;
  imageID: string;
  containerID?: string;
  started: boolean;
  volumeMounts?: { name: string; mountPath: string; readOnly?: boolean; recursiveReadOnly?: string }[];
}

/** v1.PodCondition. */
export interface PodCondition {
  type: string;
  status: 'True' | 'False' | 'Unknown';
  lastProbeTime: null;
  lastTransitionTime: string | null;
  reason?: string;
  message?: string;
}

/** v1.PodStatus as the kubelet writes it. */
export interface PodStatus {
  phase: string;
  conditions: PodCondition[];
  message?: string;
  reason?: string;
  nominatedNodeName?: string;
  hostIP?: string;
  hostIPs?: { ip: string }[];
  podIP?: string;
  podIPs?: { ip: string }[];
  startTime?: string;
  initContainerStatuses?: ContainerStatus[];
  containerStatuses: ContainerStatus[];
  qosClass?: string;
}

/** A Pod as the kubelet sees it. */
export interface PodView extends KubeObject {
  spec: PodSpecView;
  status?: Partial<PodStatus>;
}

/** Whether an init container is a sidecar (podutil.IsRestartableInitContainer). */
export function isRestartableInitContainer(container: ContainerSpec): boolean {
  return container.restartPolicy === 'Always';
}
