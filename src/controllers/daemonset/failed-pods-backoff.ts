/**
 * flowcontrol.Backoff as the DaemonSet controller uses it for failed daemon pods: a per-node delay
 * (1 s doubling to 15 min) between deleting failed pods, so a kubelet that keeps rejecting a pod
 * is not hot-looped. An entry quiet for twice the maximum starts again from the initial delay.
 */
import type { Clock } from '../../clock/types.js';

interface Entry {
  backoffMs: number;
  lastUpdate: number;
}

/** Per-key exponential back-off on the virtual clock. */
export class FailedPodsBackoff {
  private readonly entries = new Map<string, Entry>();

  constructor(
    private readonly clock: Clock,
    private readonly initialMs: number,
    private readonly maxMs: number,
  ) {}

  /** IsInBackOffSinceUpdate: true while less than the current delay has passed since the last `next`. */
  isInBackOffSinceUpdate(key: string, now: number): boolean {
    const entry = this.entries.get(key);
    if (entry === undefined || this.hasExpired(now, entry)) return false;
    return now - entry.lastUpdate < entry.backoffMs;
  }

  /** Get: the current delay of `key` (0 when it has none). */
  get(key: string): number {
    return this.entries.get(key)?.backoffMs ?? 0;
  }

  /** Next: doubles the delay of `key` (or starts it at the initial delay) from `now`. */
  next(key: string, now: number): void {
    const entry = this.entries.get(key);
    if (entry === undefined || this.hasExpired(now, entry)) {
      this.entries.set(key, { backoffMs: this.initialMs, lastUpdate: this.clock.now() });
      return;
    }
    entry.backoffMs = Math.min(entry.backoffMs * 2, this.maxMs);
    entry.lastUpdate = this.clock.now();
  }

  /** Forgets every entry whose key starts with `prefix` (a deleted DaemonSet's uid). */
  forgetPrefix(prefix: string): void {
    for (const key of this.entries.keys()) if (key.startsWith(prefix)) this.entries.delete(key);
  }

  private hasExpired(now: number, entry: Entry): boolean {
    return now - entry.lastUpdate > this.maxMs * 2;
  }
}

/** failedPodsBackoffKey: `<uid>/<observedGeneration>/<node>`. */
export function failedPodsBackoffKey(uid: string, observedGeneration: number, nodeName: string): string {
  return `${uid}/${observedGeneration}/${nodeName}`;
}
