import { systemRealTime } from './real-time.js';
import { TimerHeap } from './timer-heap.js';
import type { Clock, RealTime, TimerId } from './types.js';

/** How the clock moves: not at all, with real time × speed, or as fast as timers can run. */
export type ClockMode = 'paused' | 'running' | 'fast';

/** Options of a `VirtualClock`. */
export interface VirtualClockOptions {
  /** Virtual time at start, in ms since the Unix epoch; `DEFAULT_START_TIME` when absent. */
  startTime?: number;
  /** Real time for `play` and `playFast`; the process's own by default. */
  realTime?: RealTime;
  /** Real milliseconds of timer work per `playFast` chunk before yielding (default 10). */
  chunkMs?: number;
}

/** Limits of `runUntilIdle`, in virtual milliseconds and in timers run. */
export interface RunUntilIdleOptions {
  maxDuration?: number;
  maxTimers?: number;
}

/** What `runUntilIdle` did: `idle` is false when a limit stopped it with timers left. */
export interface RunUntilIdleResult {
  idle: boolean;
  timersRun: number;
}

/** 2025-01-01T00:00:00Z: the default start, fixed so that runs are deterministic. */
export const DEFAULT_START_TIME = Date.UTC(2025, 0, 1);

/**
 * The cluster's one clock: virtual time with a heap of timers. It implements XState's actor
 * `clock` option, and moves paused (`advance`, `step`), in real time × speed (`play`) or as fast
 * as possible (`playFast`, `runUntilIdle`). Time never passes a pending timer without running it,
 * and while a timer runs `now()` is exactly its due time.
 */
export class VirtualClock implements Clock {
  /** Background timers keep running but do not count as pending work (periodic housekeeping such as compaction). */
  private readonly heap = new TimerHeap();
  private readonly listeners = new Set<(now: number) => void>();
  private readonly realTime: RealTime;
  private readonly chunkMs: number;
  private time: number;
  private currentMode: ClockMode = 'paused';
  private currentSpeed = 1;
  /** Real and virtual time when `running` last (re)started: virtual = anchor + real elapsed × speed. */
  private anchorReal = 0;
  private anchorVirtual = 0;
  private wakeHandle: unknown;
  /** The virtual due time the real wake-up is set for, while one is set. */
  private wakeDue: number | undefined;
  private chunkPending = false;
  private draining = false;

  constructor(options: VirtualClockOptions = {}) {
    this.time = options.startTime ?? DEFAULT_START_TIME;
    this.realTime = options.realTime ?? systemRealTime;
    this.chunkMs = options.chunkMs ?? 10;
  }

  /** The current mode. */
  get mode(): ClockMode {
    return this.currentMode;
  }

  /** Virtual milliseconds per real millisecond in `running` mode. */
  get speed(): number {
    return this.currentSpeed;
  }

  /** How many timers are waiting. */
  get pendingTimers(): number {
    return this.heap.size;
  }

  /** When the next timer is due, or undefined when none is waiting. */
  nextDueTime(): number | undefined {
    return this.heap.peek()?.due;
  }

  /** Virtual time in ms since the Unix epoch. While `running` it follows real time, up to the next timer. */
  now(): number {
    if (this.currentMode === 'running' && !this.draining) {
      this.time = Math.min(this.realTarget(), this.nextDueTime() ?? Infinity);
    }
    return this.time;
  }

  /** Runs `fn` after `ms` virtual milliseconds; a negative, NaN or infinite delay means 0. */
  setTimeout(fn: () => void, ms: number): TimerId {
    return this.schedule(fn, ms, false);
  }

  /** Inserts a timer (one the heap counts as background when `background`) and wakes the clock for it. */
  private schedule(fn: () => void, ms: number, background: boolean): TimerId {
    const due = this.now() + nonNegative(ms);
    const id = this.heap.insert(due, fn, background);
    if (this.draining) return id; // the drain in progress reschedules when it ends
    if (this.currentMode === 'fast' && !this.chunkPending) this.scheduleChunk();
    if (this.currentMode === 'running' && (this.wakeDue === undefined || due < this.wakeDue)) this.scheduleWake();
    return id;
  }

  /**
   * Like `setTimeout`, but the timer does not keep the cluster busy: `runUntilIdle` stops when
   * only background timers are left (as Node's `unref()` does for a process).
   */
  setBackgroundTimeout(fn: () => void, ms: number): TimerId {
    return this.schedule(fn, ms, true);
  }

  /** Cancels a timer; unknown ids and timers that already ran are ignored. */
  clearTimeout(id: TimerId): void {
    this.heap.cancel(id);
  }

  /** Whether only background timers (or none) are waiting. */
  get idle(): boolean {
    return this.heap.size === this.heap.backgroundSize;
  }

  /** Calls `listener(now)` once per advance, wake-up or chunk in which time moved; returns the unsubscribe. */
  onAdvance(listener: (now: number) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Runs, in order, every timer due within the next `ms` virtual milliseconds, then sets now() to the window's end. */
  advance(ms: number): void {
    const end = this.now() + nonNegative(ms);
    this.drain(end, Infinity);
    this.time = end;
    this.afterManualMove();
  }

  /**
   * Runs timers until none but background timers is left, or until `maxDuration` of virtual time
   * or `maxTimers` timers.
   */
  runUntilIdle(options: RunUntilIdleOptions = {}): RunUntilIdleResult {
    const now = this.now();
    const limit = options.maxDuration === undefined ? Infinity : now + nonNegative(options.maxDuration);
    const timersRun = this.drain(limit, options.maxTimers ?? Infinity, undefined, Infinity, true);
    const next = this.nextDueTime();
    if (!this.idle && next !== undefined && next > limit) this.time = limit;
    this.afterManualMove();
    return { idle: this.idle, timersRun };
  }

  /** Pauses, then advances by `ms`: the dashboard's single-step key. */
  step(ms: number): void {
    this.pause();
    this.advance(ms);
  }

  /** Stops time; pending timers keep waiting. */
  pause(): void {
    this.time = this.now();
    this.currentMode = 'paused';
    this.cancelWake();
  }

  /** Moves with real time × `speed` (the current speed when absent), waking at each due timer. */
  play(speed: number = this.currentSpeed): void {
    checkSpeed(speed);
    this.pause();
    this.currentSpeed = speed;
    this.currentMode = 'running';
    this.reanchor();
    this.scheduleWake();
  }

  /** Changes the speed; takes effect at once when running. */
  setSpeed(speed: number): void {
    if (this.currentMode === 'running') this.play(speed);
    else this.currentSpeed = checkSpeed(speed);
  }

  /** Runs timers as fast as possible in chunks of `chunkMs` real time, yielding between chunks. */
  playFast(): void {
    this.pause();
    this.currentMode = 'fast';
    if (!this.chunkPending && this.heap.size > 0) this.scheduleChunk();
  }

  /** Pauses and forgets the listeners; no real timer is left behind. */
  dispose(): void {
    this.pause();
    this.listeners.clear();
  }

  /**
   * Runs timers due at or before `end`, at most `maxTimers`. For a wake-up or a chunk (`mode`
   * given) it stops when a callback changes the mode, and once real time passes `deadline`. A
   * throwing callback is a bug and propagates; it has already left the heap, so the heap stays
   * consistent.
   */
  private drain(end: number, maxTimers: number, mode?: ClockMode, deadline = Infinity, untilIdle = false): number {
    if (this.draining) throw new Error('VirtualClock: time cannot be advanced from inside a timer callback');
    this.draining = true;
    let run = 0;
    try {
      for (let next = this.heap.peek(); next !== undefined && next.due <= end && run < maxTimers; next = this.heap.peek()) {
        if (untilIdle && this.idle) break;
        this.heap.pop();
        this.time = next.due;
        run += 1;
        next.callback();
        if (mode === undefined) continue;
        if (this.currentMode !== mode || ((run & 63) === 0 && this.realTime.now() >= deadline)) break;
      }
    } finally {
      this.draining = false;
    }
    return run;
  }

  private afterManualMove(): void {
    if (this.currentMode === 'running') {
      this.reanchor();
      this.scheduleWake();
    }
    if (this.currentMode === 'fast' && !this.chunkPending && this.heap.size > 0) this.scheduleChunk();
    this.notify();
  }

  private notify(): void {
    for (const listener of this.listeners) listener(this.time);
  }

  /** Virtual time that real time says it is now (whole ms), never before the current time. */
  private realTarget(): number {
    const elapsed = this.realTime.now() - this.anchorReal;
    return Math.max(this.time, Math.floor(this.anchorVirtual + elapsed * this.currentSpeed + 1e-6));
  }

  private reanchor(): void {
    this.anchorReal = this.realTime.now();
    this.anchorVirtual = this.time;
  }

  private scheduleWake(): void {
    this.cancelWake();
    const due = this.nextDueTime();
    if (this.currentMode !== 'running' || due === undefined) return;
    const realDue = this.anchorReal + (due - this.anchorVirtual) / this.currentSpeed;
    this.wakeDue = due;
    this.wakeHandle = this.realTime.setTimeout(() => this.wake(), Math.max(0, Math.ceil(realDue - this.realTime.now())));
  }

  private cancelWake(): void {
    if (this.wakeDue !== undefined) this.realTime.clearTimeout(this.wakeHandle);
    this.wakeHandle = undefined;
    this.wakeDue = undefined;
  }

  private wake(): void {
    this.wakeHandle = undefined;
    this.wakeDue = undefined;
    if (this.currentMode !== 'running') return;
    const end = this.realTarget();
    this.drain(end, Infinity, 'running');
    if (this.currentMode === 'running') this.time = Math.max(this.time, end);
    this.scheduleWake();
    this.notify();
  }

  private scheduleChunk(): void {
    this.chunkPending = true;
    const run = (): void => this.runChunk();
    if (this.realTime.setImmediate !== undefined) this.realTime.setImmediate(run);
    else this.realTime.setTimeout(run, 0);
  }

  private runChunk(): void {
    this.chunkPending = false;
    if (this.currentMode !== 'fast') return;
    const timersRun = this.drain(Infinity, Infinity, 'fast', this.realTime.now() + this.chunkMs);
    if (this.currentMode === 'fast' && this.heap.size > 0) this.scheduleChunk();
    if (timersRun > 0) this.notify();
  }
}

/**
 * A delay as the clock keeps it: never negative, and rounded up to a whole millisecond, so virtual
 * time stays whole (timestamps and event names are built from it; jittered back-offs are fractional).
 */
function nonNegative(ms: number): number {
  return ms > 0 && ms !== Infinity ? Math.ceil(ms) : 0;
}

function checkSpeed(speed: number): number {
  if (!(speed > 0 && Number.isFinite(speed))) throw new RangeError(`VirtualClock: invalid speed ${speed}`);
  return speed;
}
