/**
 * Gathers what a pod worker knows (runtime records, last start errors, probe results, IP) into
 * the inputs of the pure status generator.
 */
import { computePodQOS } from '../api/qos.js';
import { timeText } from './timestamps.js';
import { KUBELET_POD_CONDITIONS } from './pod-phase.js';
import { assemblePodStatus, containerStatus } from './pod-status.js';
import type { ContainerSpec, ContainerStatus, PodCondition, PodStatus } from './pod-types.js';
import type { PodWorker } from './pod-worker.js';

function statuses(worker: PodWorker, specs: readonly ContainerSpec[], defaultWaitingReason: string, now: number): ContainerStatus[] {
  const out: ContainerStatus[] = [];
  for (const spec of specs) {
    const track = worker.tracks.get(spec.name);
    out.push(
      containerStatus(
        {
          spec,
          init: track?.init ?? false,
          history: worker.history(spec.name),
          waiting: track?.waiting,
          defaultWaitingReason,
          started: track?.started() ?? false,
          ready: track?.isReady() ?? false,
        },
        now,
      ),
    );
  }
  return out;
}

/** The status the kubelet would write for `worker`'s pod at `now`. */
export function generatePodStatus(worker: PodWorker, now: number): PodStatus {
  const pod = worker.pod;
  const spec = pod.spec;
  const initSpecs = spec.initContainers ?? [];
  const defaultWaiting = initSpecs.length > 0 ? 'PodInitializing' : 'ContainerCreating';
  const others: PodCondition[] = [];
  for (const c of pod.status?.conditions ?? []) if (!KUBELET_POD_CONDITIONS.has(c.type)) others.push(c);
  return assemblePodStatus({
    spec,
    initContainerStatuses: statuses(worker, initSpecs, defaultWaiting, now),
    containerStatuses: statuses(worker, spec.containers ?? [], defaultWaiting, now),
    terminal: worker.terminal,
    hasSandbox: worker.sandboxReady(now),
    otherConditions: others,
    previous: worker.lastWritten ?? pod.status,
    now,
    hostIP: worker.host.nodeIP,
    podIP: worker.sandboxReady(now) || worker.terminal ? worker.podIP : undefined,
    startTime: worker.startTime ?? timeText(worker.firstSeen),
    qosClass: pod.status?.qosClass ?? computePodQOS(pod),
  });
}
