/**
 * The time interfaces cluster code depends on. XState's `createActor(logic, { clock })` accepts
 * any `Scheduler`; cluster code also reads `now()`.
 */

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
