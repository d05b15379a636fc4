/**
 * The kubelet's pod phase (pkg/kubelet/kubelet_pods.go getPhase) and pod conditions
 * (pkg/kubelet/status/generate.go), computed from container statuses exactly as v1.32 does.
 */
import type { ContainerSpec, ContainerStatus, PodCondition, PodSpecView } from './pod-types.js';
import { isRestartableInitContainer } from './pod-types.js';

function statusOf(statuses: readonly ContainerStatus[], name: string): ContainerStatus | undefined {
  for (const status of statuses) if (status.name === name) return status;
  return undefined;
}

/** kubecontainer.HasAnyRegularContainerStarted. */
export function hasAnyRegularContainerStarted(spec: PodSpecView, statuses: readonly ContainerStatus[]): boolean {
  for (const container of spec.containers ?? []) {
    const status = statusOf(statuses, container.name);
    if (status !== undefined && (status.state.running !== undefined || status.state.terminated !== undefined)) return true;
  }
  return false;
}

/** getPhase: `statuses` holds init and regular container statuses; `podIsTerminal` when the pod worker is done with it. */
export function podPhase(spec: PodSpecView, statuses: readonly ContainerStatus[], podIsTerminal: boolean): string {
  const initContainers = spec.initContainers ?? [];
  let pendingRestartableInit = 0;
  let pendingRegularInit = 0;
  let failedInitialization = 0;
  for (const container of initContainers) {
    if (isRestartableInitContainer(container)) continue;
    const status = statusOf(statuses, container.name);
    if (status === undefined || status.state.running !== undefined) pendingRegularInit++;
    else if (status.state.terminated !== undefined) {
      if (status.state.terminated.exitCode !== 0) failedInitialization++;
    } else if (status.state.waiting !== undefined) {
      if (status.lastState.terminated !== undefined) {
        if (status.lastState.terminated.exitCode !== 0) failedInitialization++;
      } else pendingRegularInit++;
    } else pendingRegularInit++;
  }

  let unknown = 0;
  let running = 0;
  let waiting = 0;
  let stopped = 0;
  let succeeded = 0;
  for (const container of initContainers) {
    if (!isRestartableInitContainer(container)) continue;
    const status = statusOf(statuses, container.name);
    if (status === undefined) unknown++;
    else if (status.state.running !== undefined) {
      if (!status.started) pendingRestartableInit++;
      running++;
    } else if (status.state.terminated !== undefined) {
      // Terminated sidecars do not count.
    } else if (status.state.waiting !== undefined) {
      if (status.lastState.terminated === undefined) {
        pendingRestartableInit++;
        waiting++;
      }
    } else {
      pendingRestartableInit++;
      unknown++;
    }
  }
  for (const container of spec.containers ?? []) {
    const status = statusOf(statuses, container.name);
    if (status === undefined) unknown++;
    else if (status.state.running !== undefined) running++;
    else if (status.state.terminated !== undefined) {
      stopped++;
      if (status.state.terminated.exitCode === 0) succeeded++;
    } else if (status.state.waiting !== undefined) {
      if (status.lastState.terminated !== undefined) stopped++;
      else waiting++;
    } else unknown++;
  }

  const restartPolicy = spec.restartPolicy ?? 'Always';
  if (failedInitialization > 0 && restartPolicy === 'Never') return 'Failed';
  if (pendingRegularInit > 0 || (pendingRestartableInit > 0 && !hasAnyRegularContainerStarted(spec, statuses)) || waiting > 0) {
    return 'Pending';
  }
  if (running > 0 && unknown === 0) return 'Running';
  if (running === 0 && stopped > 0 && unknown === 0) {
    if (podIsTerminal) return stopped === succeeded ? 'Succeeded' : 'Failed';
    if (restartPolicy === 'Always') return 'Running';
    if (stopped === succeeded) return 'Succeeded';
    if (restartPolicy === 'Never') return 'Failed';
    return 'Running';
  }
  return 'Pending';
}

/** `[a b]`: how Go prints a []string. */
function goList(names: readonly string[]): string {
  return `[${names.join(' ')}]`;
}

function condition(type: string, status: 'True' | 'False', reason?: string, message?: string): PodCondition {
  const c: PodCondition = { type, status, lastProbeTime: null, lastTransitionTime: null };
  if (reason !== undefined) c.reason = reason;
  if (message !== undefined) c.message = message;
  return c;
}

/** Sorts a container into `unknown` (no status) or `unready`; the lists are made on first use. */
function checkReady(container: ContainerSpec, statuses: readonly ContainerStatus[], lists: { unknown?: string[]; unready?: string[] }): void {
  const status = statusOf(statuses, container.name);
  if (status === undefined) (lists.unknown ??= []).push(container.name);
  else if (!status.ready) (lists.unready ??= []).push(container.name);
}

/** GenerateContainersReadyCondition. */
export function containersReadyCondition(spec: PodSpecView, statuses: readonly ContainerStatus[], phase: string): PodCondition {
  const lists: { unknown?: string[]; unready?: string[] } = {};
  if (spec.initContainers !== undefined) for (const container of spec.initContainers) if (isRestartableInitContainer(container)) checkReady(container, statuses, lists);
  if (spec.containers !== undefined) for (const container of spec.containers) checkReady(container, statuses, lists);
  const { unknown, unready } = lists;
  if (phase === 'Succeeded' && unknown === undefined) return condition('ContainersReady', 'False', 'PodCompleted');
  if (phase === 'Failed') return condition('ContainersReady', 'False', 'PodFailed');
  if (unknown === undefined && unready === undefined) return condition('ContainersReady', 'True');
  const unknownText = unknown === undefined ? undefined : `containers with unknown status: ${goList(unknown)}`;
  const unreadyText = unready === undefined ? undefined : `containers with unready status: ${goList(unready)}`;
  const message = unknownText !== undefined && unreadyText !== undefined ? `${unknownText}, ${unreadyText}` : (unknownText ?? unreadyText);
  return condition('ContainersReady', 'False', 'ContainersNotReady', message);
}

/** GeneratePodReadyCondition (readiness gates read from `conditions`, the pod's other conditions). */
export function podReadyCondition(
  spec: PodSpecView,
  conditions: readonly PodCondition[],
  statuses: readonly ContainerStatus[],
  phase: string,
): PodCondition {
  return podReadyFrom(spec, conditions, containersReadyCondition(spec, statuses, phase));
}

/** GeneratePodReadyCondition from the pod's ContainersReady condition, generated once for both. */
export function podReadyFrom(spec: PodSpecView, conditions: readonly PodCondition[], containersReady: PodCondition): PodCondition {
  if (containersReady.status !== 'True') return { ...containersReady, type: 'Ready' };
  const gates = spec.readinessGates;
  if (gates === undefined || gates.length === 0) return condition('Ready', 'True');
  const messages: string[] = [];
  for (const gate of gates) {
    const c = conditions.find((x) => x.type === gate.conditionType);
    if (c === undefined) messages.push(`corresponding condition of pod readiness gate "${gate.conditionType}" does not exist.`);
    else if (c.status !== 'True') messages.push(`the status of pod readiness gate "${gate.conditionType}" is not "True", but ${c.status}`);
  }
  if (messages.length > 0) return condition('Ready', 'False', 'ReadinessGatesNotReady', messages.join(', '));
  return condition('Ready', 'True');
}

/** GeneratePodInitializedCondition. */
export function podInitializedCondition(spec: PodSpecView, statuses: readonly ContainerStatus[], phase: string): PodCondition {
  // Without init containers nothing is unknown or incomplete.
  if (spec.initContainers === undefined || spec.initContainers.length === 0) {
    return phase === 'Succeeded' ? condition('Initialized', 'True', 'PodCompleted') : condition('Initialized', 'True');
  }
  const unknown: string[] = [];
  const incomplete: string[] = [];
  for (const container of spec.initContainers ?? []) {
    const status = statusOf(statuses, container.name);
    if (status === undefined) {
      unknown.push(container.name);
      continue;
    }
    const initialized = isRestartableInitContainer(container) ? status.started : status.ready;
    if (!initialized) incomplete.push(container.name);
  }
  if (phase === 'Succeeded' && unknown.length === 0) return condition('Initialized', 'True', 'PodCompleted');
  if (hasAnyRegularContainerStarted(spec, statuses)) return condition('Initialized', 'True');
  const messages: string[] = [];
  if (unknown.length > 0) messages.push(`containers with unknown status: ${goList(unknown)}`);
  if (incomplete.length > 0) messages.push(`containers with incomplete status: ${goList(incomplete)}`);
  if (messages.length > 0) return condition('Initialized', 'False', 'ContainersNotInitialized', messages.join(', '));
  return condition('Initialized', 'True');
}

/** GeneratePodReadyToStartContainersCondition: True while the pod has a sandbox with networking. */
export function podReadyToStartContainersCondition(hasSandbox: boolean): PodCondition {
  return condition('PodReadyToStartContainers', hasSandbox ? 'True' : 'False');
}

/** The conditions the kubelet owns (kubetypes.PodConditionsByKubelet). */
export const KUBELET_POD_CONDITIONS: ReadonlySet<string> = new Set([
  'PodScheduled',
  'Ready',
  'Initialized',
  'ContainersReady',
  'PodReadyToStartContainers',
]);
