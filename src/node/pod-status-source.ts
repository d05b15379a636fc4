/**
 * Gathers what a pod worker knows (runtime records, last start errors, probe results, IP) into
 * the inputs of the pure status generator.
 */
import { computePodQOS } from '../api/qos.js';
import { timeText } from './timestamps.js';
import { KUBELET_POD_CONDITIONS } from './pod-phase.js';
import { assemblePodStatus, containerStatus, sameAsBefore, type ContainerFacts } from './pod-status.js';
import type { ContainerSpec, ContainerStatus, PodCondition, PodStatus } from './pod-types.js';
import type { PodWorker } from './pod-worker.js';

const NO_CONDITIONS: readonly PodCondition[] = [];

function statuses(
  worker: PodWorker,
  specs: readonly ContainerSpec[],
  defaultWaitingReason: string,
  now: number,
  previous: readonly ContainerStatus[] | undefined,
): ContainerStatus[] {
  const out: ContainerStatus[] = [];
  for (const spec of specs) {
    const track = worker.tracks.get(spec.name);
    const facts: ContainerFacts = {
      spec,
      init: track?.init ?? false,
      history: worker.history(spec.name),
      waiting: track?.waiting,
      defaultWaitingReason,
      started: track?.started() ?? false,
      ready: track?.isReady() ?? false,
    };
    out.push(sameAsBefore(containerStatus(facts, now), previous, out.length));
  }
  return out;
}

/** The pod's conditions other components own, for its readiness gates (read only when it has some). */
function otherConditions(worker: PodWorker): readonly PodCondition[] {
  const pod = worker.pod;
  if (pod.spec.readinessGates === undefined || pod.spec.readinessGates.length === 0) return NO_CONDITIONS;
  const others: PodCondition[] = [];
  for (const c of pod.status?.conditions ?? []) if (!KUBELET_POD_CONDITIONS.has(c.type)) others.push(c);
  return others;
}

/** The status the kubelet would write for `worker`'s pod at `now`. */
export function generatePodStatus(worker: PodWorker, now: number): PodStatus {
  const pod = worker.pod;
  const spec = pod.spec;
  const initSpecs = spec.initContainers ?? [];
  const defaultWaiting = initSpecs.length > 0 ? 'PodInitializing' : 'ContainerCreating';
  const own = worker.lastWritten;
  const hasSandbox = worker.sandboxReady(now);
  return assemblePodStatus({
    spec,
    initContainerStatuses: statuses(worker, initSpecs, defaultWaiting, now, own?.initContainerStatuses),
    containerStatuses: statuses(worker, spec.containers ?? [], defaultWaiting, now, own?.containerStatuses),
    terminal: worker.terminal,
    hasSandbox,
    otherConditions: otherConditions(worker),
    previous: own ?? pod.status,
    previousIsOwn: own !== undefined,
    now,
    hostIP: worker.host.nodeIP,
    podIP: hasSandbox || worker.terminal ? worker.podIP : undefined,
    startTime: worker.startTime ?? timeText(worker.firstSeen),
    qosClass: pod.status?.qosClass ?? computePodQOS(pod),
  });
}
