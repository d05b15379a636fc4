/**
 * The reflector's back-off (k8s.io/apimachinery wait.NewExponentialBackoffManager as client-go's
 * Reflector configures it): 800 ms, doubling, capped at 30 s, reset after 2 min without a back-off.
 * With jitter 1.0 Kubernetes waits [d, 2d); here the jitter needs a seeded random source, so
 * without one the delays are exact and runs stay deterministic.
 */
import type { Clock } from '../clock/types.js';

/** The parameters of an exponential back-off, in milliseconds. */
export interface BackoffParameters {
  initialMs: number;
  maxMs: number;
  /** If no back-off was taken for this long, the next one starts again from `initialMs`. */
  resetMs: number;
  factor: number;
  /** Each delay d becomes d + random × jitter × d (only when a random source is given). */
  jitter: number;
}

/** client-go's Reflector back-off: "backoff will stop at [30,60) sec interval which is 0.22 QPS". */
export const REFLECTOR_BACKOFF: Readonly<BackoffParameters> = Object.freeze({
  initialMs: 800,
  maxMs: 30_000,
  resetMs: 120_000,
  factor: 2,
  jitter: 1,
});

/** wait.BackoffManager: hands out successive delays on the virtual clock. */
export class ExponentialBackoff {
  private duration: number;
  private lastBackoffStart: number | undefined;

  /** `rng` returns floats in [0, 1); without it there is no jitter. */
  constructor(
    private readonly clock: Clock,
    private readonly parameters: Readonly<BackoffParameters> = REFLECTOR_BACKOFF,
    private readonly rng?: () => number,
  ) {
    this.duration = parameters.initialMs;
  }

  /** The delay before the next attempt (wait.Backoff.Step), restarting from the initial delay after a quiet `resetMs`. */
  next(): number {
    const now = this.clock.now();
    const p = this.parameters;
    if (this.lastBackoffStart === undefined || now - this.lastBackoffStart > p.resetMs) this.duration = p.initialMs;
    this.lastBackoffStart = now;
    const delay = this.duration;
    this.duration = Math.min(this.duration * p.factor, p.maxMs);
    if (this.rng === undefined || p.jitter <= 0) return delay;
    return delay + this.rng() * p.jitter * delay;
  }
}
