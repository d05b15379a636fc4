import { VirtualClock } from '../src/clock/virtual-clock.js';
import type { BenchLine } from './types.js';

const TIMERS = 1_000_000;

/** mulberry32: a tiny seeded PRNG, so every run schedules the same due times. */
function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function perSecond(count: number, startedAt: number): number {
  return Math.round((count * 1000) / (performance.now() - startedAt));
}

/** Timers per second: schedule and run 1,000,000 timers at random due times. */
function scheduleAndRun(): BenchLine {
  const clock = new VirtualClock();
  const random = mulberry32(1);
  let ran = 0;
  const callback = (): void => void (ran += 1);
  const startedAt = performance.now();
  for (let i = 0; i < TIMERS; i++) clock.setTimeout(callback, Math.floor(random() * 3_600_000));
  clock.runUntilIdle();
  const value = perSecond(TIMERS, startedAt);
  if (ran !== TIMERS) throw new Error(`clock bench: ran ${ran} of ${TIMERS} timers`);
  return { name: 'clock: schedule + run 1M timers (random due times)', value, unit: 'timers/s' };
}

/** Timers per second: schedule 1,000,000 timers at random due times, then cancel every one. */
function scheduleAndCancel(): BenchLine {
  const clock = new VirtualClock();
  const random = mulberry32(2);
  const callback = (): void => undefined;
  const ids: number[] = new Array<number>(TIMERS);
  const startedAt = performance.now();
  for (let i = 0; i < TIMERS; i++) ids[i] = clock.setTimeout(callback, Math.floor(random() * 3_600_000));
  for (const id of ids) clock.clearTimeout(id);
  const value = perSecond(TIMERS, startedAt);
  if (clock.pendingTimers !== 0) throw new Error('clock bench: cancelled timers are still pending');
  return { name: 'clock: schedule + cancel 1M timers', value, unit: 'timers/s' };
}

/** The virtual clock's throughput figures for `npm run bench`. */
export function benchClock(): BenchLine[] {
  return [scheduleAndRun(), scheduleAndCancel()];
}
