/**
 * The pod status the kubelet writes (generateAPIPodStatus and convertToAPIContainerStatuses):
 * container statuses from the runtime's records and the last start error, then the phase and the
 * kubelet's conditions, with a condition's lastTransitionTime kept until its status flips.
 * What did not change since the status the kubelet wrote last is that status's own (frozen) object,
 * and the states of one container instance are made once: the API server then finds most of a new
 * status already frozen and equal by reference, and nothing is built only to be compared and dropped.
 */
import { timeText } from './timestamps.js';
import type { ContainerHistory, ContainerRecord } from './container-store.js';
import { isRunning } from './container-store.js';
import { jsonEqual } from '../api/equal.js';
import type { ContainerSpec, ContainerState, ContainerStatus, PodCondition, PodSpecView, PodStatus } from './pod-types.js';
import {
  containersReadyCondition,
  podInitializedCondition,
  podPhase,
  podReadyFrom,
  podReadyToStartContainersCondition,
} from './pod-phase.js';

/** The `containerd://<id>` form of a container id. */
export function containerIdUri(id: string): string {
  return `containerd://${id}`;
}

/** `state.terminated` of an exited container. */
function terminatedState(record: ContainerRecord, containerID: string): ContainerState {
  // A process that never started reports the zero time, as containerd does.
  const startedAt = record.reason === 'StartError' ? timeText(0) : timeText(record.startedAt);
  const finishedAt = timeText(record.exitAt ?? record.startedAt);
  const terminated: NonNullable<ContainerState['terminated']> =
    record.message === undefined
      ? { exitCode: record.exitCode, reason: record.reason, startedAt, finishedAt, containerID }
      : { exitCode: record.exitCode, reason: record.reason, message: record.message, startedAt, finishedAt, containerID };
  return Object.freeze({ terminated: Object.freeze(terminated) });
}

/** What a container instance shows, made once: its id, its running state, and its terminated state once it exited for good. */
interface InstanceStates {
  readonly containerID: string;
  running?: ContainerState;
  terminated?: ContainerState;
}

const instanceStates = new WeakMap<ContainerRecord, InstanceStates>();

function statesOf(record: ContainerRecord): InstanceStates {
  let states = instanceStates.get(record);
  if (states === undefined) {
    states = { containerID: containerIdUri(record.id) };
    instanceStates.set(record, states);
  }
  return states;
}

function runningState(record: ContainerRecord): ContainerState {
  const states = statesOf(record);
  return (states.running ??= Object.freeze({ running: Object.freeze({ startedAt: timeText(record.startedAt) }) }));
}

/** The terminated state of an instance that is not running at `now` (an exited record never changes again). */
function exitedState(record: ContainerRecord): ContainerState {
  const states = statesOf(record);
  return (states.terminated ??= terminatedState(record, states.containerID));
}

const EMPTY_STATE: ContainerState = Object.freeze({});
/** `{ waiting: { reason } }` of a container that never ran, by reason (ContainerCreating, PodInitializing). */
const defaultWaitingStates = new Map<string, ContainerState>();

function defaultWaitingState(reason: string): ContainerState {
  let state = defaultWaitingStates.get(reason);
  if (state === undefined) {
    state = Object.freeze({ waiting: Object.freeze({ reason }) });
    defaultWaitingStates.set(reason, state);
  }
  return state;
}

/** status.volumeMounts of a spec's volumeMounts list, made once per (frozen) list. */
const mountStatuses = new WeakMap<object, NonNullable<ContainerStatus['volumeMounts']>>();

function volumeMountStatuses(mounts: unknown[]): NonNullable<ContainerStatus['volumeMounts']> {
  let statuses = mountStatuses.get(mounts);
  if (statuses === undefined) {
    statuses = mounts.map((m) => {
      const mount = m as { name: string; mountPath: string; readOnly?: boolean };
      return mount.readOnly === true
        ? { name: mount.name, mountPath: mount.mountPath, readOnly: true, recursiveReadOnly: 'Disabled' }
        : { name: mount.name, mountPath: mount.mountPath };
    });
    deepFreezeMounts(statuses);
    mountStatuses.set(mounts, statuses);
  }
  return statuses;
}

function deepFreezeMounts(statuses: NonNullable<ContainerStatus['volumeMounts']>): void {
  for (const mount of statuses) Object.freeze(mount);
  Object.freeze(statuses);
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
  let lastState: ContainerState = EMPTY_STATE;
  let ready = false;
  let started = false;
  let status: ContainerStatus;
  if (history === undefined) {
    state = facts.waiting !== undefined ? { waiting: facts.waiting } : defaultWaitingState(facts.defaultWaitingReason);
    status = { name: spec.name, state, lastState, ready, restartCount: 0, image: spec.image ?? '', imageID: '', started };
  } else {
    const current = history.current;
    const running = isRunning(current, now);
    state = running ? runningState(current) : exitedState(current);
    if (history.previous !== undefined) lastState = exitedState(history.previous);
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
      containerID: statesOf(current).containerID,
      started,
    };
  }
  const mounts = spec.volumeMounts;
  if (Array.isArray(mounts) && mounts.length > 0) status.volumeMounts = volumeMountStatuses(mounts);
  return status;
}

/**
 * `status`, or the equal container status of `previous` (the status the kubelet wrote last) so that
 * an unchanged container keeps its stored object.
 */
export function sameAsBefore(status: ContainerStatus, previous: readonly ContainerStatus[] | undefined, index: number): ContainerStatus {
  const before = previous?.[index];
  return before !== undefined && jsonEqual(status, before) ? before : status;
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
  /** `previous` is the kubelet's own last write: its unchanged parts are re-used as they are. */
  previousIsOwn?: boolean;
  now: number;
  hostIP: string;
  podIP: string | undefined;
  startTime: string;
  qosClass: string | undefined;
}

function previousCondition(previous: Partial<PodStatus> | undefined, type: string): PodCondition | undefined {
  const conditions = previous?.conditions;
  if (conditions === undefined) return undefined;
  for (const c of conditions) if (c.type === type) return c;
  return undefined;
}

/**
 * Sets `lastTransitionTime` from the previous condition of the same type while its status is
 * unchanged; a condition equal to the kubelet's own previous one is that one.
 */
function withTransitionTime(condition: PodCondition, previous: Partial<PodStatus> | undefined, own: boolean, now: number): PodCondition {
  const before = previousCondition(previous, condition.type);
  if (before !== undefined && before.status === condition.status) {
    if (own && before.reason === condition.reason && before.message === condition.message && before.lastProbeTime === null) return before;
    condition.lastTransitionTime = before.lastTransitionTime;
  } else condition.lastTransitionTime = timeText(now);
  return condition;
}

/** The kubelet's pod status (only the conditions it owns; the status manager merges the others back in). */
export function assemblePodStatus(inputs: PodStatusInputs): PodStatus {
  const { spec, initContainerStatuses, containerStatuses, previous, now } = inputs;
  const own = inputs.previousIsOwn === true;
  const all = initContainerStatuses.length > 0 ? [...initContainerStatuses, ...containerStatuses] : containerStatuses;
  const phase = podPhase(spec, all, inputs.terminal);
  const containersReady = containersReadyCondition(spec, all, phase);
  const conditions = [
    withTransitionTime(podReadyToStartContainersCondition(inputs.hasSandbox), previous, own, now),
    withTransitionTime(podInitializedCondition(spec, all, phase), previous, own, now),
    withTransitionTime(podReadyFrom(spec, inputs.otherConditions, containersReady), previous, own, now),
    withTransitionTime(containersReady, previous, own, now),
    withTransitionTime({ type: 'PodScheduled', status: 'True', lastProbeTime: null, lastTransitionTime: null }, previous, own, now),
  ];
  const hostIPs = own && previous?.hostIPs?.[0]?.ip === inputs.hostIP && previous.hostIPs.length === 1 ? previous.hostIPs : [{ ip: inputs.hostIP }];
  const status = { phase, conditions, hostIP: inputs.hostIP, hostIPs } as PodStatus;
  if (inputs.podIP !== undefined) {
    status.podIP = inputs.podIP;
    status.podIPs = own && previous?.podIPs?.[0]?.ip === inputs.podIP && previous.podIPs.length === 1 ? previous.podIPs : [{ ip: inputs.podIP }];
  }
  status.startTime = inputs.startTime;
  if (initContainerStatuses.length > 0) status.initContainerStatuses = initContainerStatuses;
  status.containerStatuses = containerStatuses;
  if (inputs.qosClass !== undefined) status.qosClass = inputs.qosClass;
  return status;
}
