/**
 * Graceful termination of a pod on its node (kuberuntime's killPodWithSyncResult and the status
 * manager's final write): every running container gets SIGTERM and the pod's grace period, a later
 * delete may shorten it, and once nothing runs the final status is written and the Pod object
 * deleted (grace 0, UID precondition).
 */
import { isRunning, stopContainer } from './container-store.js';
import { KubeletEventReason as Reason, kubeletMessages as msg } from './kubelet-events.js';
import type { PodWorker } from './pod-worker.js';

/**
 * Graceful termination starts (`Killing`: Stopping container X, SIGTERM), or a later delete
 * shortened the grace period and the containers still running are killed sooner.
 */
export function beginTermination(worker: PodWorker): void {
  const now = worker.host.clock.now();
  worker.settle();
  const graceMs = worker.gracePeriodMs();
  for (const track of worker.tracks.values()) {
    const history = worker.history(track.name);
    if (history === undefined || !isRunning(history.current, now)) continue;
    if (!history.current.stopping) worker.event(track, 'Normal', Reason.Killing, msg.stopping(track.name));
    if (stopContainer(history.current, now, graceMs)) track.watch(history.current);
  }
  worker.statusChanged();
}

/** Whether no container of the pod runs any more. */
export function allStopped(worker: PodWorker): boolean {
  const now = worker.host.clock.now();
  const records = worker.records();
  if (records === undefined) return true;
  for (const history of records.containers.values()) if (isRunning(history.current, now)) return false;
  return true;
}

/**
 * Every container stopped: the final status is written, then the Pod object deleted (grace 0,
 * UID precondition). `objectDeleted` says whether the object is gone (or never was there).
 */
export function finishTermination(worker: PodWorker): void {
  if (!worker.terminal) worker.becomeTerminal();
  if (worker.host.status.writeNow(worker) === 'failed') return;
  const deleted = worker.host.api.delete('pods', worker.namespace, worker.name, { gracePeriodSeconds: 0, preconditions: { uid: worker.uid } });
  worker.objectDeleted = deleted.ok || deleted.status.code === 404 || deleted.status.code === 409;
}
