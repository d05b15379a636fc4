/**
 * The cluster's virtual clock, with every delay rounded up to a whole millisecond.
 *
 * Why: jittered back-offs (client-go's wait.Backoff, as the informers use it) produce fractional
 * delays, which would make `clock.now()` fractional; timestamps and event names (hex Unix
 * nanoseconds, built with BigInt) need whole milliseconds. This belongs in VirtualClock itself
 * (src/clock/virtual-clock.ts `nonNegative`); until it is there, the cluster rounds here.
 */
import { VirtualClock } from '../clock/virtual-clock.js';
import type { TimerId } from '../clock/types.js';

/** A VirtualClock whose timers fire on whole milliseconds. */
export class WholeMillisecondClock extends VirtualClock {
  override setTimeout(fn: () => void, ms: number): TimerId {
    return super.setTimeout(fn, Math.ceil(ms));
  }

  override setBackgroundTimeout(fn: () => void, ms: number): TimerId {
    return super.setBackgroundTimeout(fn, Math.ceil(ms));
  }
}
