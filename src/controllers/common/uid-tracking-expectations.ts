/**
 * controller.UIDTrackingControllerExpectations: expectations that remember which pods a controller
 * deleted (by `namespace/name`), so that a deletion is counted once whether the informer shows it
 * as the pod's deletionTimestamp being set or as the pod going away. The ReplicaSet and
 * ReplicationController controllers use it; plain counts would count a graceful deletion twice.
 */
import type { Clock } from '../../clock/types.js';
import { ControllerExpectations } from './expectations.js';

/** Pending creates (counted) and deletes (by pod key) per controller key. */
export class UIDTrackingControllerExpectations {
  private readonly counts: ControllerExpectations;
  private readonly deleteKeys = new Map<string, Set<string>>();

  constructor(clock: Clock) {
    this.counts = new ControllerExpectations(clock);
  }

  /** SatisfiedExpectations: nothing pending, expired, or never set. */
  satisfied(key: string): boolean {
    return this.counts.satisfied(key);
  }

  /** ExpectCreations: `adds` creates from now (and no deletes). */
  expectCreations(key: string, adds: number): void {
    this.counts.expect(key, adds, 0);
  }

  /** ExpectDeletions: the deletion of each pod in `podKeys` (`namespace/name`). */
  expectDeletions(key: string, podKeys: readonly string[]): void {
    const keys = new Set(podKeys);
    this.deleteKeys.set(key, keys);
    this.counts.expect(key, 0, keys.size);
  }

  /** CreationObserved (or a create that failed or was skipped). */
  creationObserved(key: string): void {
    this.counts.creationObserved(key);
  }

  /** DeletionObserved: counts `podKey` once, and only if its deletion was expected. */
  deletionObserved(key: string, podKey: string): void {
    if (this.deleteKeys.get(key)?.delete(podKey) === true) this.counts.deletionObserved(key);
  }

  /** DeleteExpectations: the controller is gone. */
  forget(key: string): void {
    this.counts.forget(key);
    this.deleteKeys.delete(key);
  }
}
