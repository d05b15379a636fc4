/**
 * What containerd knows on one node: pod sandboxes and containers. It outlives the kubelet (a
 * kubelet that dies leaves its containers running), so a restarted kubelet re-adopts what it finds
 * here. A container's exit is a time, not an event: whether it is still running is read from the
 * clock, so containers keep "running" and "exiting" while no kubelet watches them.
 */
import { renderTimeMarks } from './runtime/shell/date.js';
import type { ContainerRunPlan } from './runtime/types.js';

/** One container instance (one attempt of a spec container). */
export interface ContainerRecord {
  /** 64 hex characters; the status shows `containerd://<id>`. */
  readonly id: string;
  readonly name: string;
  /** The resolved image reference (`docker.io/library/nginx:1.27`). */
  readonly image: string;
  /** `docker.io/library/nginx@sha256:…`. */
  readonly imageId: string;
  /** How many times this spec container was restarted before this instance. */
  readonly restartCount: number;
  readonly startedAt: number;
  /** What it does by itself. */
  readonly plan: ContainerRunPlan;
  /** When it exits (on its own, or at the end of a stop); undefined: runs until stopped. */
  exitAt: number | undefined;
  exitCode: number;
  /** `Completed`, `Error` or `OOMKilled`. */
  reason: string;
  message: string | undefined;
  /** Whether the kubelet has sent it SIGTERM. */
  stopping: boolean;
}

/** A pod's sandbox: its network namespace and IP. */
export interface PodSandbox {
  readonly podUid: string;
  /** '' for a pod on the host network (it uses the node's IP). */
  readonly ip: string;
  readonly createdAt: number;
}

/** The last two instances of one spec container (the status shows state and lastState). */
export interface ContainerHistory {
  current: ContainerRecord;
  previous: ContainerRecord | undefined;
}

/** A pod's runtime objects. */
export interface PodRuntimeRecords {
  sandbox: PodSandbox | undefined;
  readonly containers: Map<string, ContainerHistory>;
}

/** Exit code of a container killed with SIGKILL (128 + 9). */
export const SIGKILL_EXIT_CODE = 137;

/** Whether `record` runs at `now`. */
export function isRunning(record: ContainerRecord, now: number): boolean {
  return record.exitAt === undefined || now < record.exitAt;
}

/**
 * Creates a container record from a run plan, started at `now`. A termination message a script
 * wrote with `date` holds time marks (the plan is shared by every start): they are printed now.
 */
export function newContainerRecord(
  id: string,
  name: string,
  image: string,
  imageId: string,
  restartCount: number,
  plan: ContainerRunPlan,
  now: number,
): ContainerRecord {
  const exitCode = plan.exitCode ?? 0;
  return {
    id,
    name,
    image,
    imageId,
    restartCount,
    startedAt: now,
    plan,
    exitAt: plan.exitAfterMs === undefined ? undefined : now + plan.exitAfterMs,
    exitCode,
    reason: plan.reason ?? (exitCode === 0 ? 'Completed' : 'Error'),
    message: plan.message === undefined ? undefined : renderTimeMarks(plan.message, now),
    stopping: false,
  };
}

/**
 * Sends SIGTERM to a running container: it exits after its own stop time if it has one within
 * the grace period (exit 0, `Completed`), else it is killed at the end of the grace period (137,
 * `Error`). A container about to exit on its own exits as planned; one already stopping is only
 * killed sooner when the new grace period ends first. Returns whether anything changed.
 */
export function stopContainer(record: ContainerRecord, now: number, graceMs: number): boolean {
  if (!isRunning(record, now)) return false;
  const sigterm = record.plan.stopAfterSigtermMs;
  const graceful = !record.stopping && sigterm !== undefined && sigterm <= graceMs;
  const stopAt = now + (graceful ? sigterm : graceMs);
  record.stopping = true;
  if (record.exitAt !== undefined && record.exitAt <= stopAt) return false;
  record.exitAt = stopAt;
  record.exitCode = graceful ? 0 : SIGKILL_EXIT_CODE;
  record.reason = graceful ? 'Completed' : 'Error';
  record.message = undefined;
  return true;
}

/** Every sandbox and container of one node. */
export class ContainerStore {
  private readonly pods = new Map<string, PodRuntimeRecords>();

  /** The records of `podUid`, created empty on first use. */
  pod(podUid: string): PodRuntimeRecords {
    let records = this.pods.get(podUid);
    if (records === undefined) {
      records = { sandbox: undefined, containers: new Map() };
      this.pods.set(podUid, records);
    }
    return records;
  }

  /** The records of `podUid`, if it has any. */
  find(podUid: string): PodRuntimeRecords | undefined {
    return this.pods.get(podUid);
  }

  /** Adds a new instance of a spec container; the one before becomes `previous`. */
  addContainer(podUid: string, record: ContainerRecord): void {
    const containers = this.pod(podUid).containers;
    const history = containers.get(record.name);
    containers.set(record.name, { current: record, previous: history?.current });
  }

  /** Removes every record of a pod (its sandbox was torn down and its containers removed). */
  removePod(podUid: string): void {
    this.pods.delete(podUid);
  }

  /** The uids of every pod with records. */
  podUids(): string[] {
    return [...this.pods.keys()];
  }

  /** How many containers run at `now` (for the dashboard). */
  runningContainers(now: number): number {
    let count = 0;
    for (const pod of this.pods.values()) {
      for (const history of pod.containers.values()) if (isRunning(history.current, now)) count++;
    }
    return count;
  }
}
