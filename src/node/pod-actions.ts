/**
 * computePodActions (pkg/kubelet/kuberuntime/kuberuntime_manager.go) for a pod with a sandbox:
 * which containers to start now — the next init container (sidecars start and must be started
 * before the next one), then every regular container that never ran or should restart under the
 * pod's restartPolicy — and, once the regular containers are done for good, which sidecars to stop.
 */
import type { ContainerHistory, ContainerRecord } from './container-store.js';
import { isRunning } from './container-store.js';
import type { ContainerSpec, PodSpecView } from './pod-types.js';
import { isRestartableInitContainer } from './pod-types.js';

/** What a sync should do with the pod's containers. */
export interface PodActions {
  /** Containers to start, in order (an init container blocks the ones after it). */
  toStart: string[];
  /** Running sidecars to stop because the pod is done (a shared empty list when none: read it, never push to it). */
  toStop: ContainerRecord[];
  /** Nothing runs and nothing will: the pod is Succeeded or Failed. */
  terminal: boolean;
  /** A regular container has run (init containers are done). */
  regularStarted: boolean;
}

const NO_RECORDS = Object.freeze([]) as unknown as ContainerRecord[];
const NO_CONTAINERS: readonly ContainerSpec[] = Object.freeze([]);

/** What computePodActions reads from a pod worker. */
export interface PodActionsSource {
  readonly pod: { spec: PodSpecView };
  history(name: string): ContainerHistory | undefined;
  /** The container's startup probe passed (or it has none). */
  isStarted(name: string): boolean;
}

/** kuberuntime's ShouldContainerBeRestarted for an exited container. */
export function shouldRestart(restartPolicy: string, exitCode: number): boolean {
  if (restartPolicy === 'Never') return false;
  if (restartPolicy === 'OnFailure') return exitCode !== 0;
  return true;
}

/** The containers to start and stop for a pod whose sandbox exists. */
export function computePodActions(source: PodActionsSource, now: number): PodActions {
  const spec = source.pod.spec;
  const policy = spec.restartPolicy ?? 'Always';
  const containers: ContainerSpec[] = spec.containers ?? [];
  let regularStarted = false;
  for (const c of containers) {
    if (source.history(c.name) === undefined) continue;
    regularStarted = true;
    break;
  }
  const actions: PodActions = { toStart: [], toStop: NO_RECORDS, terminal: false, regularStarted };

  let initFailed = false;
  for (const container of spec.initContainers ?? NO_CONTAINERS) {
    const history = source.history(container.name);
    if (isRestartableInitContainer(container)) {
      if (history !== undefined && isRunning(history.current, now)) {
        if (source.isStarted(container.name) || regularStarted) continue;
        return actions; // wait for the sidecar to be started
      }
      actions.toStart.push(container.name);
      if (regularStarted) continue;
      return actions;
    }
    if (regularStarted) continue; // initialization is over
    if (history === undefined) {
      actions.toStart.push(container.name);
      return actions;
    }
    if (isRunning(history.current, now)) return actions;
    if (history.current.exitCode === 0) continue;
    if (policy === 'Never') {
      initFailed = true;
      break;
    }
    actions.toStart.push(container.name);
    return actions;
  }

  let regularDone = containers.length > 0 && !initFailed;
  if (!initFailed) {
    for (const container of containers) {
      const history = source.history(container.name);
      if (history === undefined) {
        actions.toStart.push(container.name);
        regularDone = false;
      } else if (isRunning(history.current, now)) regularDone = false;
      else if (shouldRestart(policy, history.current.exitCode)) {
        actions.toStart.push(container.name);
        regularDone = false;
      }
    }
  }
  if (!regularDone && !initFailed) return actions;

  // The regular containers are done for good (or initialization failed): sidecars stop, nothing restarts.
  const running = (name: string): ContainerRecord | undefined => {
    const history = source.history(name);
    return history !== undefined && isRunning(history.current, now) ? history.current : undefined;
  };
  const sidecars = new Set((spec.initContainers ?? []).filter(isRestartableInitContainer).map((c) => c.name));
  actions.toStart = actions.toStart.filter((name) => !sidecars.has(name));
  actions.toStop = [];
  let anyRunning = false;
  for (const container of [...(spec.initContainers ?? []), ...containers]) {
    const record = running(container.name);
    if (record === undefined) continue;
    anyRunning = true;
    if (sidecars.has(container.name)) actions.toStop.push(record);
  }
  actions.terminal = !anyRunning;
  return actions;
}
