/**
 * A minimal scheduler for the etcd tests: callbacks wait in a queue until the test runs them,
 * so every delivery point is explicit.
 */
import type { Scheduler, TimerId } from '../../src/clock/types.js';

/** Queues callbacks; `runAll()` runs them (and any they schedule) in order. */
export class FakeScheduler implements Scheduler {
  private nextId = 1;
  private readonly queue = new Map<TimerId, () => void>();

  setTimeout(fn: () => void, _ms: number): TimerId {
    const id = this.nextId++;
    this.queue.set(id, fn);
    return id;
  }

  clearTimeout(id: TimerId): void {
    this.queue.delete(id);
  }

  /** How many callbacks are waiting. */
  get pending(): number {
    return this.queue.size;
  }

  /** Runs queued callbacks until none is left; returns how many ran. */
  runAll(): number {
    let ran = 0;
    for (;;) {
      const next = this.queue.entries().next();
      if (next.done === true) return ran;
      const [id, fn] = next.value;
      this.queue.delete(id);
      fn();
      if (++ran > 100_000) throw new Error('scheduler did not settle');
    }
  }
}
