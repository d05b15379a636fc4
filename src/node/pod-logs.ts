/**
 * `kubectl logs` end to end, in-process: the API server's checks (LogLocation: which container,
 * is the pod on a node), then the kubelet's (GetKubeletContainerLogs: which instance the pod status
 * names, validateContainerLogStatus's refusals), then the reading itself with PodLogOptions
 * (tailLines, sinceSeconds/sinceTime, limitBytes, timestamps) and `follow` on the virtual clock.
 */
import { ok, fail, type Result } from '../api/result.js';
import { badRequest } from '../api/status.js';
import type { KubeObject } from '../api/types.js';
import type { BackgroundClock } from '../clock/types.js';
import { containerLogEntries, logTimestamp, MAX_LOG_LINES, nextLogTime, type ContainerLogEntry } from './container-logs.js';
import type { ContainerRecord, ContainerStore } from './container-store.js';

/** PodLogOptions, as the query of `GET …/pods/<name>/log` carries them (times in epoch ms). */
export interface PodLogOptions {
  container?: string;
  previous?: boolean;
  follow?: boolean;
  tailLines?: number;
  sinceSeconds?: number;
  sinceTime?: number;
  limitBytes?: number;
  timestamps?: boolean;
}

/** A log as read now, and how to follow it. */
export interface PodLog {
  /** What the log holds now, after the options. */
  readonly text: string;
  /**
   * Calls `onText` with what is written as the clock moves on, then `onEnd` once the container has
   * stopped (or `limitBytes` is spent). Returns a function that stops following.
   */
  follow(onText: (text: string) => void, onEnd: () => void): () => void;
}

/** How often a follower looks again at a container that writes nothing (the kubelet re-checks its state). */
const FOLLOW_POLL_MS = 1000;

interface PodSpecContainers {
  initContainers?: { name?: string }[];
  containers?: { name?: string }[];
}

/** LogLocation's choice of container: the only one, or the one named, which must exist. */
export function logContainer(pod: KubeObject, container: string | undefined): Result<string> {
  const spec = (pod.spec ?? {}) as PodSpecContainers;
  const containers = (spec.containers ?? []).map((c) => c.name ?? '');
  const all = [...(spec.initContainers ?? []).map((c) => c.name ?? ''), ...containers];
  const name = pod.metadata.name ?? '';
  if (container === undefined || container === '') {
    if (containers.length === 1) return ok(containers[0]!);
    if (containers.length === 0) return fail(badRequest(`a container name must be specified for pod ${name}`));
    return fail(badRequest(`a container name must be specified for pod ${name}, choose one of: [${all.join(' ')}]`));
  }
  if (!all.includes(container)) return fail(badRequest(`container ${container} is not valid for pod ${name}`));
  return ok(container);
}

interface StatusState {
  waiting?: { reason?: string };
  running?: unknown;
  terminated?: { containerID?: string };
}

interface ContainerStatusLike {
  name?: string;
  containerID?: string;
  state?: StatusState;
  lastState?: StatusState;
}

/** validateContainerLogStatus: the id of the instance whose log is asked for, from the pod's status. */
function containerIdFor(pod: KubeObject, container: string, previous: boolean): Result<string> {
  const status = (pod.status ?? {}) as { containerStatuses?: ContainerStatusLike[]; initContainerStatuses?: ContainerStatusLike[] };
  const podName = pod.metadata.name ?? '';
  const found = [...(status.containerStatuses ?? []), ...(status.initContainerStatuses ?? [])].find((s) => s.name === container);
  const refuse = (what: string): Result<string> => fail(badRequest(`container "${container}" in pod "${podName}" ${what}`));
  if (found === undefined) return refuse('is not available');
  const last = found.lastState?.terminated;
  const { waiting, running, terminated } = found.state ?? {};
  if (previous) {
    if (last === undefined || !last.containerID) return fail(badRequest(`previous terminated container "${container}" in pod "${podName}" not found`));
    return ok(last.containerID);
  }
  if (running !== undefined) return ok(found.containerID ?? '');
  if (terminated !== undefined) {
    if (terminated.containerID) return ok(terminated.containerID);
    if (last?.containerID) return ok(last.containerID);
    return refuse('is terminated');
  }
  if (last !== undefined) return last.containerID ? ok(last.containerID) : refuse('is terminated');
  if (waiting !== undefined) {
    if (waiting.reason === 'ErrImagePull') return refuse("is waiting to start: image can't be pulled");
    if (waiting.reason === 'ImagePullBackOff') return refuse('is waiting to start: trying and failing to pull image');
    return refuse(`is waiting to start: ${waiting.reason ?? ''}`);
  }
  return refuse('is waiting to start - no logs yet');
}

/** The instance of `container` with `containerID` (`containerd://<id>`) among what the node keeps. */
function findInstance(store: ContainerStore, podUid: string, container: string, containerID: string): ContainerRecord | undefined {
  const history = store.find(podUid)?.containers.get(container);
  const id = containerID.replace(/^[a-z]+:\/\//, '');
  return [history?.current, history?.previous].find((record) => record?.id === id);
}

/** Renders entries, with timestamps if asked. */
function render(entries: readonly ContainerLogEntry[], timestamps: boolean): string {
  let text = '';
  for (const entry of entries) text += timestamps ? `${logTimestamp(entry.at)} ${entry.text}` : entry.text;
  return text;
}

/** A log with nothing in it and nothing to come (a pod on no node yet, an instance already removed). */
export const EMPTY_POD_LOG: PodLog = {
  text: '',
  follow: (_onText, onEnd) => {
    onEnd();
    return () => undefined;
  },
};

/** The kubelet's GetKubeletContainerLogs for `container` of `pod` (already checked by {@link logContainer}). */
export function readPodLog(store: ContainerStore, clock: BackgroundClock, pod: KubeObject, container: string, options: PodLogOptions): Result<PodLog> {
  const id = containerIdFor(pod, container, options.previous === true);
  if (!id.ok) return id;
  const record = findInstance(store, pod.metadata.uid ?? '', container, id.value);
  if (record === undefined) return ok(EMPTY_POD_LOG);
  const now = clock.now();
  const since = options.sinceTime ?? (options.sinceSeconds === undefined ? undefined : now - options.sinceSeconds * 1000);
  // As the kubelet's ReadLogs: the tail first, then what is older than `since` is skipped.
  const fromSince = (entries: ContainerLogEntry[]): ContainerLogEntry[] => (since === undefined ? entries : entries.filter((entry) => entry.at >= since));
  const tail = options.tailLines;
  // Only the tail is rendered: a long-running loop's earlier lines are never built for `--tail`.
  const entries = fromSince(tail !== undefined && tail <= 0 ? [] : containerLogEntries(record, undefined, now, Math.min(MAX_LOG_LINES, tail ?? Infinity)));
  const timestamps = options.timestamps === true;
  let budget = options.limitBytes ?? Infinity;
  const limited = (text: string): string => {
    if (budget === Infinity) return text;
    const bytes = Buffer.from(text);
    const cut = bytes.length <= budget ? text : bytes.subarray(0, budget).toString();
    budget -= Math.min(budget, bytes.length);
    return cut;
  };
  const text = limited(render(entries, timestamps));
  return ok({
    text,
    follow(onText, onEnd) {
      let sentUpTo = now;
      let timer: number | undefined;
      let stopped = false;
      const stop = (): void => {
        stopped = true;
        if (timer !== undefined) clock.clearTimeout(timer);
        timer = undefined;
      };
      const tick = (): void => {
        timer = undefined;
        if (stopped) return;
        const at = clock.now();
        const fresh = containerLogEntries(record, sentUpTo, at);
        sentUpTo = at;
        const piece = limited(render(fromSince(fresh), timestamps));
        if (piece !== '') onText(piece);
        if (budget <= 0 || (record.exitAt !== undefined && record.exitAt <= at)) {
          stop();
          onEnd();
          return;
        }
        const next = nextLogTime(record, at);
        const wake = Math.min(next ?? Infinity, record.exitAt ?? Infinity, at + FOLLOW_POLL_MS);
        timer = clock.setBackgroundTimeout(tick, Math.max(0, wake - at));
      };
      tick();
      return stop;
    },
  });
}
