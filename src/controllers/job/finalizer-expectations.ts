/**
 * uidTrackingExpectations (pkg/controller/job/tracking_utils.go): the pods whose tracking
 * finalizer a Job's sync removed but the informer has not yet shown removed, so the next sync does
 * not count them twice.
 */

/** Pod UIDs with a finalizer removal in flight, per Job key. */
export class FinalizerExpectations {
  private readonly uids = new Map<string, Set<string>>();

  /** getExpectedUIDs. */
  expectedUids(jobKey: string): ReadonlySet<string> {
    return this.uids.get(jobKey) ?? new Set();
  }

  /** expectFinalizersRemoved. */
  expectRemoved(jobKey: string, podUids: readonly string[]): void {
    let set = this.uids.get(jobKey);
    if (set === undefined) this.uids.set(jobKey, (set = new Set()));
    for (const uid of podUids) set.add(uid);
  }

  /** finalizerRemovalObserved. */
  observed(jobKey: string, podUid: string): void {
    const set = this.uids.get(jobKey);
    if (set === undefined) return;
    set.delete(podUid);
    if (set.size === 0) this.uids.delete(jobKey);
  }

  /** deleteExpectations. */
  forget(jobKey: string): void {
    this.uids.delete(jobKey);
  }
}
