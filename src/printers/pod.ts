/**
 * `kubectl get pods`: upstream printPod, line by line — READY, the STATUS reason (init containers,
 * waiting and terminated reasons, Completed/NotReady, Terminating, Unknown for NodeLost) and
 * RESTARTS with the age of the last restart.
 */
import type { KubeObject } from '../api/types.js';
import { formatAge, humanDuration, parseTime } from './age.js';
import { ageColumn, column, nameColumn, type Cell, type KindPrinter, type PrintContext } from './columns.js';

/** The reason the node lifecycle controller sets on pods of an unreachable node (pkg/util/node). */
export const nodeUnreachablePodReason = 'NodeLost';
/** The PodScheduled condition reason while scheduling gates remain (v1.PodReasonSchedulingGated). */
export const podReasonSchedulingGated = 'SchedulingGated';

interface ContainerStateView {
  waiting?: { reason?: string };
  running?: { startedAt?: string };
  terminated?: { exitCode?: number; signal?: number; reason?: string; finishedAt?: string };
}

interface ContainerStatusView {
  name: string;
  ready?: boolean;
  started?: boolean;
  restartCount?: number;
  state?: ContainerStateView;
  lastState?: ContainerStateView;
}

interface PodConditionView {
  type: string;
  status: string;
  reason?: string;
}

/** The parts of a v1 Pod the pod printer reads. */
interface PodView extends KubeObject {
  spec?: {
    nodeName?: string;
    containers?: { name: string }[];
    initContainers?: { name: string; restartPolicy?: string }[];
    readinessGates?: { conditionType: string }[];
  };
  status?: {
    phase?: string;
    reason?: string;
    nominatedNodeName?: string;
    podIP?: string;
    podIPs?: { ip: string }[];
    conditions?: PodConditionView[];
    containerStatuses?: ContainerStatusView[];
    initContainerStatuses?: ContainerStatusView[];
  };
}

/** The READY, STATUS and RESTARTS cells of one pod, computed in one pass as upstream does. */
export interface PodSummary {
  ready: string;
  status: string;
  restarts: string;
}

function conditionIs(conditions: readonly PodConditionView[] | undefined, type: string): boolean {
  const condition = conditions?.find((c) => c.type === type);
  return condition !== undefined && condition.status === 'True';
}

/** A restart time later than `latest` (Go's lastRestartDate.Before(&finishedAt)). */
function later(latest: number | undefined, status: ContainerStatusView): number | undefined {
  const finished = status.lastState?.terminated === undefined ? undefined : parseTime(status.lastState.terminated.finishedAt);
  if (finished === undefined) return latest;
  return latest === undefined || latest < finished ? finished : latest;
}

/**
 * formatRestarts: the RESTARTS cell, `3` or, when the last restart time is known, `3 (2m ago)`.
 * `lastRestart` is the latest `lastState.terminated.finishedAt` (epoch ms or RFC 3339).
 */
export function formatRestarts(restarts: number, lastRestart: number | string | undefined, now: number): string {
  const last = typeof lastRestart === 'string' ? parseTime(lastRestart) : lastRestart;
  if (restarts === 0 || last === undefined) return String(restarts);
  return `${restarts} (${humanDuration(now - last)} ago)`;
}

/** Upstream printPod's computation of READY, STATUS and RESTARTS. */
export function podSummary(pod: KubeObject, now: number): PodSummary {
  const { spec = {}, status = {}, metadata } = pod as PodView;
  const initContainerSpecs = spec.initContainers ?? [];
  let restarts = 0;
  let restartableInitContainerRestarts = 0;
  let totalContainers = (spec.containers ?? []).length;
  let readyContainers = 0;
  let lastRestartDate: number | undefined;
  let lastRestartableInitContainerRestartDate: number | undefined;

  const podPhase = status.phase ?? '';
  let reason = status.reason !== undefined && status.reason !== '' ? status.reason : podPhase;
  for (const condition of status.conditions ?? []) {
    if (condition.type === 'PodScheduled' && condition.reason === podReasonSchedulingGated) {
      reason = podReasonSchedulingGated;
    }
  }

  const restartable = new Set<string>();
  for (const container of initContainerSpecs) {
    if (container.restartPolicy === 'Always') {
      restartable.add(container.name);
      totalContainers++;
    }
  }

  let initializing = false;
  const initStatuses = status.initContainerStatuses ?? [];
  for (const [i, container] of initStatuses.entries()) {
    restarts += container.restartCount ?? 0;
    lastRestartDate = later(lastRestartDate, container);
    const isRestartable = restartable.has(container.name);
    if (isRestartable) {
      restartableInitContainerRestarts += container.restartCount ?? 0;
      lastRestartableInitContainerRestartDate = later(lastRestartableInitContainerRestartDate, container);
    }
    const { terminated, waiting } = container.state ?? {};
    if (terminated !== undefined && (terminated.exitCode ?? 0) === 0) continue;
    if (isRestartable && container.started === true) {
      if (container.ready === true) readyContainers++;
      continue;
    }
    if (terminated !== undefined) {
      if (terminated.reason === undefined || terminated.reason === '') {
        reason =
          (terminated.signal ?? 0) !== 0
            ? `Init:Signal:${terminated.signal ?? 0}`
            : `Init:ExitCode:${terminated.exitCode ?? 0}`;
      } else {
        reason = `Init:${terminated.reason}`;
      }
    } else if (waiting?.reason !== undefined && waiting.reason !== '' && waiting.reason !== 'PodInitializing') {
      reason = `Init:${waiting.reason}`;
    } else {
      reason = `Init:${i}/${initContainerSpecs.length}`;
    }
    initializing = true;
    break;
  }

  if (!initializing || conditionIs(status.conditions, 'Initialized')) {
    restarts = restartableInitContainerRestarts;
    lastRestartDate = lastRestartableInitContainerRestartDate;
    let hasRunning = false;
    const statuses = status.containerStatuses ?? [];
    for (let i = statuses.length - 1; i >= 0; i--) {
      const container = statuses[i];
      if (container === undefined) continue;
      restarts += container.restartCount ?? 0;
      lastRestartDate = later(lastRestartDate, container);
      const { waiting, terminated, running } = container.state ?? {};
      if (waiting?.reason !== undefined && waiting.reason !== '') {
        reason = waiting.reason;
      } else if (terminated?.reason !== undefined && terminated.reason !== '') {
        reason = terminated.reason;
      } else if (terminated !== undefined) {
        reason =
          (terminated.signal ?? 0) !== 0 ? `Signal:${terminated.signal ?? 0}` : `ExitCode:${terminated.exitCode ?? 0}`;
      } else if (container.ready === true && running !== undefined) {
        hasRunning = true;
        readyContainers++;
      }
    }
    // Back to "Running" if at least one container still reports running.
    if (reason === 'Completed' && hasRunning) {
      reason = conditionIs(status.conditions, 'Ready') ? 'Running' : 'NotReady';
    }
  }

  const deleting = metadata.deletionTimestamp !== undefined && metadata.deletionTimestamp !== null;
  if (deleting && status.reason === nodeUnreachablePodReason) {
    reason = 'Unknown';
  } else if (deleting && podPhase !== 'Succeeded' && podPhase !== 'Failed') {
    reason = 'Terminating';
  }

  return {
    ready: `${readyContainers}/${totalContainers}`,
    status: reason,
    restarts: formatRestarts(restarts, lastRestartDate, now),
  };
}

/**
 * The STATUS column of `kubectl get pods` (e.g. `Running`, `Init:1/2`, `CrashLoopBackOff`,
 * `Completed`, `Terminating`). The text does not depend on time; `now` is accepted so that callers
 * can pass the clock as to the other cells.
 */
export function podStatusReason(pod: KubeObject, now = 0): string {
  return podSummary(pod, now).status;
}

/** The READINESS GATES cell: `<none>`, or how many of the gates' conditions are True, as `t/n`. */
function readinessGates(pod: PodView): string {
  const gates = pod.spec?.readinessGates ?? [];
  if (gates.length === 0) return '<none>';
  let trueConditions = 0;
  for (const gate of gates) {
    const condition = pod.status?.conditions?.find((c) => c.type === gate.conditionType);
    if (condition?.status === 'True') trueConditions++;
  }
  return `${trueConditions}/${gates.length}`;
}

/** podIPs[0], where converting v1 to the internal version makes a non-empty `podIP` authoritative. */
function podIP(pod: PodView): string | undefined {
  const legacy = pod.status?.podIP;
  return legacy !== undefined && legacy !== '' ? legacy : pod.status?.podIPs?.[0]?.ip;
}

function orNone(value: string | undefined): string {
  return value === undefined || value === '' ? '<none>' : value;
}

/** Pods: NAME READY STATUS RESTARTS AGE; wide IP NODE NOMINATED NODE READINESS GATES. */
export const podPrinter: KindPrinter = {
  columns: [
    nameColumn,
    column('Ready', 'string', 'The aggregate readiness state of this pod for accepting traffic.'),
    column('Status', 'string', 'The aggregate status of the containers in this pod.'),
    column(
      'Restarts',
      'string',
      'The number of times the containers in this pod have been restarted and when the last container in this pod has restarted.',
    ),
    ageColumn,
    column('IP', 'string', 'podIP address allocated to the pod. Routable at least within the cluster. Empty if not yet allocated.', 1),
    column('Node', 'string', 'NodeName indicates in which node this pod is scheduled.', 1),
    column('Nominated Node', 'string', 'nominatedNodeName is set only when this pod preempts other pods on the node, but it cannot be scheduled right away as preemption victims receive their graceful termination periods.', 1),
    column('Readiness Gates', 'string', 'If specified, all readiness gates will be evaluated for pod readiness.', 1),
  ],
  cells(object: KubeObject, { now }: PrintContext): Cell[] {
    const pod = object as PodView;
    const summary = podSummary(pod, now);
    return [
      pod.metadata.name ?? '',
      summary.ready,
      summary.status,
      summary.restarts,
      formatAge(pod.metadata.creationTimestamp, now),
      orNone(podIP(pod)),
      orNone(pod.spec?.nodeName),
      orNone(pod.status?.nominatedNodeName),
      readinessGates(pod),
    ];
  },
};
