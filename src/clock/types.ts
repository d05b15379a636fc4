/**
 * The time interfaces cluster code depends on. XState's `createActor(logic, { clock })` accepts
 * any `Scheduler`; cluster code also reads `now()`.
 */

import type { ActorOptions, AnyActorLogic } from 'xstate';

/** An opaque timer handle. */
export type TimerId = number;

/** Schedules callbacks in (virtual) time: the interface XState's actor `clock` option expects. */
export interface Scheduler {
  setTimeout(fn: () => void, ms: number): TimerId;
  clearTimeout(id: TimerId): void;
}

/** A scheduler that also tells the time, in milliseconds since the Unix epoch (virtual). */
export interface Clock extends Scheduler {
  now(): number;
}

/**
 * The clock type XState's `createActor(logic, { clock })` accepts. XState does not export it, so
 * it is derived from the actor options; a `Clock` must stay assignable to it.
 */
export type ActorClock = NonNullable<ActorOptions<AnyActorLogic>['clock']>;

/**
 * The host's real time, as the clock's real-time and as-fast-as-possible modes need it. Injected so
 * tests of those modes drive a fake and never wait.
 */
export interface RealTime {
  /** Milliseconds on a monotonic real clock. */
  now(): number;
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
  /** Runs `fn` after pending I/O; falls back to `setTimeout(fn, 0)` when absent. */
  setImmediate?(fn: () => void): unknown;
}

/** A clock that can also run background timers, which never keep the cluster from settling. */
export interface BackgroundClock extends Clock {
  setBackgroundTimeout(fn: () => void, ms: number): TimerId;
}

/** True when `clock` can run background timers. */
export function isBackgroundClock(clock: Clock): clock is BackgroundClock {
  return typeof (clock as Partial<BackgroundClock>).setBackgroundTimeout === 'function';
}
