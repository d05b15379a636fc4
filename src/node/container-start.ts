/**
 * Starting one container of a pod (kuberuntime's startContainer): the restart back-off
 * (doBackOff), EnsureImageExists, the environment from ConfigMaps and Secrets, then
 * CreateContainer and StartContainer with their events.
 */
import { isRunning, newContainerRecord } from './container-store.js';
import type { ContainerTrack } from './container-track.js';
import { ensureImage } from './image-puller.js';
import { KubeletEventReason as Reason, kubeletMessages as msg } from './kubelet-events.js';
import { containerConfigError } from './pod-config.js';
import type { PodWorker } from './pod-worker.js';

/** The exit code of a container whose process could not be started. */
const START_ERROR_EXIT_CODE = 128;

/**
 * What stands between a container and its start: its CrashLoopBackOff, its image (pulled when the
 * sandbox is up) and its configuration. `pull` or `start` when that step can begin now.
 */
export function prepareStart(worker: PodWorker, track: ContainerTrack, now: number, sandboxReadyAt: number): 'pull' | 'start' | 'blocked' {
  if (track.retryAt > now) return 'blocked';
  const spec = worker.specOf(track.name);
  if (spec === undefined) return 'blocked';
  const history = worker.history(track.name);
  if (history !== undefined && !isRunning(history.current, now)) {
    const finishedAt = history.current.exitAt ?? now;
    const backoff = worker.host.crashBackoff;
    if (backoff.isInBackOffSince(track.backoffKey, finishedAt, now)) {
      const delay = backoff.get(track.backoffKey);
      track.waiting = { reason: 'CrashLoopBackOff', message: msg.crashLoopWaiting(delay, track.name, worker.podRef) };
      track.retryAt = finishedAt + delay;
      if (track.notifiedCrashBackOff !== track.retryAt) {
        track.notifiedCrashBackOff = track.retryAt;
        worker.event(track, 'Warning', Reason.BackOff, msg.backOffRestarting(track.name, worker.podRef));
      }
      return 'blocked';
    }
  }
  if (!track.imageReady) {
    const outcome = ensureImage(worker, track, spec, now, Math.max(now, sandboxReadyAt));
    if (outcome === 'pulling') return 'pull';
    if (outcome === 'failed') return 'blocked';
    track.imageReady = true;
  }
  const configError = containerConfigError(worker.host.api, worker.namespace, spec);
  if (configError !== undefined) {
    worker.event(track, 'Warning', Reason.Failed, msg.error(configError));
    track.waiting = { reason: 'CreateContainerConfigError', message: configError };
    track.retryAt = now + worker.host.timings.podWorkerBackOffMs;
    track.imageReady = false;
    return 'blocked';
  }
  return 'start';
}

/** CreateContainer + StartContainer: a new instance runs (`Created`, `Started`), or fails to start (StartError). */
export function startContainer(worker: PodWorker, track: ContainerTrack, now: number): void {
  const spec = worker.specOf(track.name);
  if (spec === undefined) return;
  const history = worker.history(track.name);
  const restartCount = history === undefined ? 0 : history.current.restartCount + 1;
  if (history !== undefined && !isRunning(history.current, now)) worker.host.crashBackoff.next(track.backoffKey, now);
  const image = worker.host.images.get(spec.image ?? '');
  const plan = worker.host.runtime.planContainer(worker.pod, spec, restartCount);
  const id = worker.host.runtime.newContainerId();
  const record = newContainerRecord(id, track.name, image?.imageRef ?? spec.image ?? '', image?.imageId ?? '', restartCount, plan, now);
  worker.host.store.addContainer(worker.uid, record);
  worker.event(track, 'Normal', Reason.Created, msg.created(track.name));
  if (plan.startError !== undefined) {
    // The task could not start: exit 128, StartError, and RunContainerError until the next sync.
    record.exitAt = now;
    record.exitCode = START_ERROR_EXIT_CODE;
    record.reason = 'StartError';
    record.message = plan.startError;
    worker.event(track, 'Warning', Reason.Failed, msg.error(plan.startError));
    track.containerStarted(record);
    track.waiting = { reason: 'RunContainerError', message: plan.startError };
    track.retryAt = now + worker.host.timings.errorResyncMs;
  } else {
    worker.event(track, 'Normal', Reason.Started, msg.started(track.name));
    track.containerStarted(record);
  }
  worker.statusChanged();
}
