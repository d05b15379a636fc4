/**
 * The pod status the kubelet writes (generateAPIPodStatus and convertToAPIContainerStatuses):
 * container statuses from the runtime's records and the last start error, then the phase and the
 * kubelet's conditions, with a condition's lastTransitionTime kept until its status flips.
 */
import { timeText } from './timestamps.js';
import type { ContainerHistory, ContainerRecord } from './container-store.js';
import { isRunning } from './container-store.js';
import type { ContainerSpec, ContainerState, ContainerStatus, PodCondition, PodSpecView, PodStatus } from './pod-types.js';
import {
  containersReadyCondition,
  podInitializedCondition,
  podPhase,
  podReadyCondition,
  podReadyToStartContainersCondition,
} from './pod-phase.js';

/** The `containerd://<id>` form of a container id. */
export function containerIdUri(id: string): string {
  return `containerd://${id}`;
}

/** `state.terminated` of an exited container. */
function terminatedState(record: ContainerRecord): ContainerState {
  // A process that never started reports the zero time, as containerd does.
  const startedAt = record.reason === 'StartError' ? timeText(0) : timeText(record.startedAt);
  const finishedAt = timeText(record.exitAt ?? record.startedAt);
  const containerID = containerIdUri(record.id);
  const terminated: NonNullable<ContainerState['terminated']> =
    record.message === undefined
      ? { exitCode: record.exitCode, reason: record.reason, startedAt, finishedAt, containerID }
      : { exitCode: record.exitCode, reason: record.reason, message: record.message, startedAt, finishedAt, containerID };
  return { terminated };
}

/** What the kubelet knows of one spec container besides its runtime records. */
export interface ContainerFacts {
  spec: ContainerSpec;
  /** Whether it is an init container of the pod. */
  init: boolean;
  history: ContainerHistory | undefined;
  /** The reason its last start failed (reasonCache), shown while it is not running. */
  waiting: { reason: string; message?: string } | undefined;
  /** The reason shown before it ever ran: ContainerCreating, or PodInitializing when the pod has init containers. */
  defaultWaitingReason: string;
  /** Startup probe passed (or none). */
  started: boolean;
  /** Readiness probe passes (or none). */
  ready: boolean;
}

/** v1.ContainerStatus of one spec container. */
export function containerStatus(facts: ContainerFacts, now: number): ContainerStatus {
  const { spec, history } = facts;
  let state: ContainerState;
  let lastState: ContainerState = {};
  let ready = false;
  let started = false;
  let status: ContainerStatus;
  if (history === undefined) {
    state = { waiting: facts.waiting ?? { reason: facts.defaultWaitingReason } };
    status = { name: spec.name, state, lastState, ready, restartCount: 0, image: spec.image ?? '', imageID: '', started };
  } else {
    const current = history.current;
    const running = isRunning(current, now);
    state = running ? { running: { startedAt: timeText(current.startedAt) } } : terminatedState(current);
    if (history.previous !== undefined) lastState = terminatedState(history.previous);
    if (!running && facts.waiting !== undefined) {
      lastState = state;
      state = { waiting: facts.waiting };
    }
    started = running && facts.started;
    if (facts.init && facts.spec.restartPolicy !== 'Always') ready = !running && state.terminated?.exitCode === 0;
    else ready = started && facts.ready;
    status = {
      name: spec.name,
      state,
      lastState,
      ready,
      restartCount: current.restartCount,
      image: current.image,
      imageID: current.imageId,
      containerID: containerIdUri(current.id),
      started,
    };
  }
  const mounts = spec.volumeMounts;
  if (Array.isArray(mounts) && mounts.length > 0) {
    status.volumeMounts = mounts.map((m) => {
      const mount = m as { name: string; mountPath: string; readOnly?: boolean };
      return mount.readOnly === true
        ? { name: mount.name, mountPath: mount.mountPath, readOnly: true, recursiveReadOnly: 'Disabled' }
        : { name: mount.name, mountPath: mount.mountPath };
    });
  }
  return status;
}

/** Everything besides container statuses that goes into the pod status. */
export interface PodStatusInputs {
  spec: PodSpecView;
  initContainerStatuses: ContainerStatus[];
  containerStatuses: ContainerStatus[];
  /** The pod worker is done with the pod (its containers will not run again). */
  terminal: boolean;
  hasSandbox: boolean;
  /** The pod's conditions the kubelet does not own (readiness gates are read from them). */
  otherConditions: readonly PodCondition[];
  /** The status written before, whose lastTransitionTimes are kept while a condition does not flip. */
  previous: Partial<PodStatus> | undefined;
  now: number;
  hostIP: string;
  podIP: string | undefined;
  startTime: string;
  qosClass: string | undefined;
}

/** Sets `lastTransitionTime` from the previous condition of the same type while its status is unchanged. */
function withTransitionTime(condition: PodCondition, previous: Partial<PodStatus> | undefined, now: number): PodCondition {
  const before = previous?.conditions?.find((c) => c.type === condition.type);
  condition.lastTransitionTime = before !== undefined && before.status === condition.status ? before.lastTransitionTime : timeText(now);
  return condition;
}

/** The kubelet's pod status (only the conditions it owns; the status manager merges the others back in). */
export function assemblePodStatus(inputs: PodStatusInputs): PodStatus {
  const { spec, initContainerStatuses, containerStatuses, previous, now } = inputs;
  const all = initContainerStatuses.length > 0 ? [...initContainerStatuses, ...containerStatuses] : containerStatuses;
  const phase = podPhase(spec, all, inputs.terminal);
  const conditions = [
    podReadyToStartContainersCondition(inputs.hasSandbox),
    podInitializedCondition(spec, all, phase),
    podReadyCondition(spec, inputs.otherConditions, all, phase),
    containersReadyCondition(spec, all, phase),
    { type: 'PodScheduled', status: 'True', lastProbeTime: null, lastTransitionTime: null } satisfies PodCondition,
  ].map((c) => withTransitionTime(c, previous, now));
  const status = { phase, conditions, hostIP: inputs.hostIP, hostIPs: [{ ip: inputs.hostIP }] } as PodStatus;
  if (inputs.podIP !== undefined) {
    status.podIP = inputs.podIP;
    status.podIPs = [{ ip: inputs.podIP }];
  }
  status.startTime = inputs.startTime;
  if (initContainerStatuses.length > 0) status.initContainerStatuses = initContainerStatuses;
  status.containerStatuses = containerStatuses;
  if (inputs.qosClass !== undefined) status.qosClass = inputs.qosClass;
  return status;
}
