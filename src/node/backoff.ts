/**
 * client-go's flowcontrol.Backoff, as the kubelet uses it for image pulls and container restarts:
 * one entry per key, starting at `initialMs`, doubling on every `next`, capped at `maxMs`, and
 * forgotten once more than twice the cap has passed since it was last bumped.
 */

interface BackoffEntry {
  backoffMs: number;
  lastUpdate: number;
}

/** Per-key exponential back-off on the virtual clock (times are passed in, never read). */
export class Backoff {
  private readonly entries = new Map<string, BackoffEntry>();

  constructor(
    private readonly initialMs: number,
    private readonly maxMs: number,
  ) {}

  /** Whether no key is backing off (then nobody needs to build a key to ask). */
  get empty(): boolean {
    return this.entries.size === 0;
  }

  /** The current delay of `key` (0 when it has none). */
  get(key: string): number {
    return this.entries.get(key)?.backoffMs ?? 0;
  }

  /** Bumps `key`: the initial delay for a new or expired entry, else double (capped). */
  next(key: string, now: number): void {
    const entry = this.entries.get(key);
    if (entry === undefined || this.hasExpired(now, entry)) {
      this.entries.set(key, { backoffMs: this.initialMs, lastUpdate: now });
      return;
    }
    entry.backoffMs = Math.min(entry.backoffMs * 2, this.maxMs);
    entry.lastUpdate = now;
  }

  /** IsInBackOffSince: less than the current delay has passed since `eventTime`. */
  isInBackOffSince(key: string, eventTime: number, now: number): boolean {
    const entry = this.entries.get(key);
    if (entry === undefined || this.hasExpired(now, entry)) return false;
    return now - eventTime < entry.backoffMs;
  }

  /** IsInBackOffSinceUpdate: less than the current delay has passed since the last `next`. */
  isInBackOffSinceUpdate(key: string, now: number): boolean {
    const entry = this.entries.get(key);
    if (entry === undefined || this.hasExpired(now, entry)) return false;
    return now - entry.lastUpdate < entry.backoffMs;
  }

  /** When the back-off of `key` started by its last `next` ends. */
  expiresAt(key: string): number | undefined {
    const entry = this.entries.get(key);
    return entry === undefined ? undefined : entry.lastUpdate + entry.backoffMs;
  }

  /** Forgets `key` (its pod is gone). */
  delete(key: string): void {
    this.entries.delete(key);
  }

  /** Forgets every key starting with `prefix`. */
  deletePrefix(prefix: string): void {
    for (const key of this.entries.keys()) if (key.startsWith(prefix)) this.entries.delete(key);
  }

  private hasExpired(now: number, entry: BackoffEntry): boolean {
    return now - entry.lastUpdate > 2 * this.maxMs;
  }
}
