/**
 * controller.ControllerExpectations: how many creates and deletes a controller is still waiting to
 * see in its informer after issuing them, so it does not act twice on a stale cache. Expectations
 * expire after 5 minutes (ExpectationsTimeout) in case a watch event was lost.
 */
import type { Clock } from '../../clock/types.js';

/** controller.ExpectationsTimeout. */
export const EXPECTATIONS_TIMEOUT_MS = 5 * 60 * 1000;

interface Expectation {
  add: number;
  del: number;
  timestamp: number;
}

/** Pending creates/deletes per controller key (`namespace/name`). */
export class ControllerExpectations {
  private readonly entries = new Map<string, Expectation>();

  constructor(private readonly clock: Clock) {}

  /** SatisfiedExpectations: true when nothing is pending (or the expectation expired, or there is none). */
  satisfied(key: string): boolean {
    const e = this.entries.get(key);
    if (e === undefined) return true;
    if (e.add <= 0 && e.del <= 0) return true;
    return this.clock.now() - e.timestamp > EXPECTATIONS_TIMEOUT_MS;
  }

  /** SetExpectations: expect `add` creates and `del` deletes from now. */
  expect(key: string, add: number, del: number): void {
    this.entries.set(key, { add, del, timestamp: this.clock.now() });
  }

  /** CreationObserved (or a create that failed: the pod will never be observed). */
  creationObserved(key: string): void {
    const e = this.entries.get(key);
    if (e !== undefined) e.add--;
  }

  /** DeletionObserved (or a delete that failed). */
  deletionObserved(key: string): void {
    const e = this.entries.get(key);
    if (e !== undefined) e.del--;
  }

  /** DeleteExpectations: the controller is gone. */
  forget(key: string): void {
    this.entries.delete(key);
  }
}
