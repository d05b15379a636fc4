import test from 'ava';
import { createActor, setup } from 'xstate';
import { TimerHeap } from '../../src/clock/timer-heap.js';
import type { ActorClock, Clock, RealTime } from '../../src/clock/types.js';
import { DEFAULT_START_TIME, VirtualClock } from '../../src/clock/virtual-clock.js';

/** A tiny deterministic PRNG (mulberry32): floats in [0, 1). */
function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Real time for the real-time modes: another virtual clock, advanced by hand. */
function fakeRealTime(): VirtualClock {
  return new VirtualClock({ startTime: 0 });
}

// Type-level checks: the clock is what XState's `clock` option and cluster code expect.
const asActorClock: ActorClock = new VirtualClock();
const asClock: Clock = new VirtualClock();
const asRealTime: RealTime = fakeRealTime();
void [asActorClock, asClock, asRealTime];

test('the clock starts at 2025-01-01T00:00:00Z unless a start time is given', (t) => {
  t.is(new VirtualClock().now(), Date.UTC(2025, 0, 1));
  t.is(DEFAULT_START_TIME, Date.parse('2025-01-01T00:00:00Z'));
  t.is(new VirtualClock({ startTime: 42 }).now(), 42);
});

test('timers run in due-time order, ties in insertion order, each at its own due time', (t) => {
  const clock = new VirtualClock({ startTime: 0 });
  const ran: string[] = [];
  const at = (name: string, ms: number): unknown => clock.setTimeout(() => ran.push(`${name}@${clock.now()}`), ms);
  at('c', 30);
  at('a1', 10);
  at('b', 20);
  at('a2', 10);
  at('a3', 10);
  clock.advance(100);
  t.deepEqual(ran, ['a1@10', 'a2@10', 'a3@10', 'b@20', 'c@30']);
  t.is(clock.now(), 100);
});

test('negative, NaN and infinite delays are treated as 0', (t) => {
  const clock = new VirtualClock({ startTime: 0 });
  const ran: number[] = [];
  clock.setTimeout(() => ran.push(1), -5);
  clock.setTimeout(() => ran.push(2), Number.NaN);
  clock.setTimeout(() => ran.push(3), Infinity);
  t.is(clock.nextDueTime(), 0);
  clock.advance(0);
  t.deepEqual(ran, [1, 2, 3]);
});

test('clearTimeout cancels a timer, even from another timer due at the same time', (t) => {
  const clock = new VirtualClock({ startTime: 0 });
  const ran: string[] = [];
  const cancelled = clock.setTimeout(() => ran.push('cancelled'), 50);
  clock.setTimeout(() => ran.push('kept'), 10);
  const later = clock.setTimeout(() => ran.push('later'), 20);
  const tie = clock.setTimeout(() => ran.push('tie'), 10);
  clock.setTimeout(() => {
    ran.push('canceller');
    clock.clearTimeout(later);
  }, 5);
  clock.setTimeout(() => clock.clearTimeout(tie), 10); // scheduled after `tie`: too late
  clock.clearTimeout(cancelled);
  clock.clearTimeout(cancelled);
  clock.clearTimeout(987654);
  clock.advance(100);
  t.deepEqual(ran, ['canceller', 'kept', 'tie']);
  t.is(clock.pendingTimers, 0);
});

test('timers scheduled while advancing run in the same advance when they fall within the window', (t) => {
  const clock = new VirtualClock({ startTime: 0 });
  const ran: string[] = [];
  clock.setTimeout(() => {
    ran.push(`outer@${clock.now()}`);
    clock.setTimeout(() => ran.push(`zero@${clock.now()}`), 0);
    clock.setTimeout(() => ran.push(`inner@${clock.now()}`), 40);
    clock.setTimeout(() => ran.push(`outside@${clock.now()}`), 60);
  }, 50);
  clock.setTimeout(() => ran.push(`sibling@${clock.now()}`), 50);
  clock.advance(100);
  t.deepEqual(ran, ['outer@50', 'sibling@50', 'zero@50', 'inner@90']);
  t.is(clock.nextDueTime(), 110);
  t.is(clock.pendingTimers, 1);
});

test('advance runs timers due exactly at the end of the window and none after it', (t) => {
  const clock = new VirtualClock({ startTime: 1000 });
  const ran: number[] = [];
  clock.setTimeout(() => ran.push(100), 100);
  clock.setTimeout(() => ran.push(101), 101);
  clock.advance(100);
  t.deepEqual(ran, [100]);
  t.is(clock.now(), 1100);
  clock.advance(0);
  t.deepEqual(ran, [100]);
  clock.advance(1);
  t.deepEqual(ran, [100, 101]);
  t.is(clock.nextDueTime(), undefined);
});

test('runUntilIdle runs every timer, including ones scheduled on the way', (t) => {
  const clock = new VirtualClock({ startTime: 0 });
  let chain = 0;
  const next = (): void => {
    if (++chain < 5) clock.setTimeout(next, 1000);
  };
  clock.setTimeout(next, 1000);
  clock.setTimeout(() => undefined, 10);
  t.deepEqual(clock.runUntilIdle(), { idle: true, timersRun: 6 });
  t.is(clock.now(), 5000);
});

test('runUntilIdle stops at maxTimers or maxDuration and then reports not idle', (t) => {
  const clock = new VirtualClock({ startTime: 0 });
  const tick = (): void => void clock.setTimeout(tick, 10);
  tick();
  t.deepEqual(clock.runUntilIdle({ maxTimers: 3 }), { idle: false, timersRun: 3 });
  t.is(clock.now(), 30);
  t.deepEqual(clock.runUntilIdle({ maxDuration: 25 }), { idle: false, timersRun: 2 });
  t.is(clock.now(), 55);
});

test('a throwing timer propagates its error and leaves the other timers intact', (t) => {
  const clock = new VirtualClock({ startTime: 0 });
  const ran: number[] = [];
  clock.setTimeout(() => ran.push(1), 10);
  clock.setTimeout(() => {
    throw new Error('bug');
  }, 20);
  clock.setTimeout(() => ran.push(3), 30);
  t.throws(() => clock.advance(100), { message: 'bug' });
  t.is(clock.now(), 20);
  t.is(clock.pendingTimers, 1);
  clock.advance(100);
  t.deepEqual(ran, [1, 3]);
});

test('advancing from inside a timer callback is a bug', (t) => {
  const clock = new VirtualClock({ startTime: 0 });
  clock.setTimeout(() => clock.advance(1), 10);
  t.throws(() => clock.advance(10), { message: /inside a timer callback/ });
});

test('listeners hear once per advance, not once per timer, until they unsubscribe', (t) => {
  const clock = new VirtualClock({ startTime: 0 });
  const heard: number[] = [];
  const unsubscribe = clock.onAdvance((now) => heard.push(now));
  for (let i = 1; i <= 10; i++) clock.setTimeout(() => undefined, i);
  clock.advance(100);
  unsubscribe();
  clock.advance(100);
  t.deepEqual(heard, [100]);
});

test('step pauses a running clock and advances it by the given time', (t) => {
  const real = fakeRealTime();
  const clock = new VirtualClock({ startTime: 0, realTime: real });
  clock.play(1);
  clock.step(250);
  t.is(clock.mode, 'paused');
  t.is(clock.now(), 250);
  real.advance(1000);
  t.is(clock.now(), 250);
});

test('100,000 timers at seeded random times, a third of them cancelled, run in order', (t) => {
  const clock = new VirtualClock({ startTime: 0 });
  const random = mulberry32(2025);
  const ran: Array<{ due: number; seq: number }> = [];
  const ids: number[] = [];
  for (let seq = 0; seq < 100_000; seq++) {
    const due = Math.floor(random() * 10_000);
    ids.push(clock.setTimeout(() => ran.push({ due, seq }), due));
  }
  const cancelled = new Set<number>();
  for (let seq = 0; seq < 100_000; seq++) {
    if (random() < 1 / 3) {
      cancelled.add(seq);
      clock.clearTimeout(ids[seq]!);
    }
  }
  t.deepEqual(clock.runUntilIdle(), { idle: true, timersRun: 100_000 - cancelled.size });
  const outOfOrder = ran.findIndex((x, i) => {
    const prev = ran[i - 1];
    return prev !== undefined && (prev.due > x.due || (prev.due === x.due && prev.seq > x.seq));
  });
  t.is(outOfOrder, -1);
  t.false(ran.some((x) => cancelled.has(x.seq)));
});

test('the heap pops in (due, insertion) order after cancels from its middle', (t) => {
  const heap = new TimerHeap();
  const noop = (): void => undefined;
  const ids = [5, 1, 4, 1, 3, 9, 2, 6].map((due) => heap.insert(due, noop));
  t.true(heap.cancel(ids[2]!));
  t.false(heap.cancel(ids[2]!));
  t.true(heap.cancel(ids[1]!));
  const popped: number[] = [];
  for (let timer = heap.pop(); timer !== undefined; timer = heap.pop()) popped.push(timer.id);
  t.deepEqual(popped, [ids[3], ids[6], ids[4], ids[0], ids[7], ids[5]]);
});

test('running at speed 2, 500 real ms move the clock 1000 virtual ms', (t) => {
  const real = fakeRealTime();
  const clock = new VirtualClock({ startTime: 0, realTime: real });
  const ran: number[] = [];
  clock.setTimeout(() => ran.push(clock.now()), 1000);
  clock.play(2);
  t.is(clock.mode, 'running');
  real.advance(499);
  t.deepEqual(ran, []);
  t.is(clock.now(), 998);
  real.advance(1);
  t.deepEqual(ran, [1000]);
  t.is(clock.now(), 1000);
});

test('a running clock follows real time but never passes a pending timer', (t) => {
  let realNow = 0;
  const wakes: Array<() => void> = [];
  const real: RealTime = { now: () => realNow, setTimeout: (fn) => wakes.push(fn), clearTimeout: () => undefined };
  const clock = new VirtualClock({ startTime: 0, realTime: real });
  const ran: number[] = [];
  clock.play(1);
  realNow = 300;
  t.is(clock.now(), 300);
  clock.setTimeout(() => ran.push(clock.now()), 100);
  realNow = 1000; // the wake-up is late
  t.is(clock.now(), 400);
  wakes.pop()!();
  t.deepEqual(ran, [400]);
  t.is(clock.now(), 1000);
  clock.pause();
  realNow = 2000;
  t.is(clock.now(), 1000);
});

test('a timer earlier than the planned wake-up moves the wake-up earlier', (t) => {
  const real = fakeRealTime();
  const clock = new VirtualClock({ startTime: 0, realTime: real });
  const ran: string[] = [];
  clock.setTimeout(() => ran.push('late'), 1000);
  clock.play(4);
  t.is(real.nextDueTime(), 250);
  clock.setTimeout(() => ran.push(`early@${clock.now()}`), 100);
  t.is(real.nextDueTime(), 25);
  t.is(real.pendingTimers, 1);
  real.advance(25);
  t.deepEqual(ran, ['early@100']);
  real.advance(225);
  t.deepEqual(ran, ['early@100', 'late']);
});

test('changing speed while running keeps the time reached so far', (t) => {
  const real = fakeRealTime();
  const clock = new VirtualClock({ startTime: 0, realTime: real });
  clock.play(1);
  real.advance(100);
  clock.setSpeed(10);
  t.is(clock.speed, 10);
  real.advance(100);
  t.is(clock.now(), 1100);
  t.throws(() => clock.setSpeed(0), { instanceOf: RangeError });
});

test('playFast runs timers in chunks, yielding between them, and stops on pause', (t) => {
  let realNow = 0;
  const immediates: Array<() => void> = [];
  const real: RealTime = {
    now: () => (realNow += 1), // every look at the time costs 1 ms of real time
    setTimeout: () => t.fail('fast mode needs no real timeout'),
    clearTimeout: () => undefined,
    setImmediate: (fn) => immediates.push(fn),
  };
  const clock = new VirtualClock({ startTime: 0, realTime: real, chunkMs: 2 });
  const heard: number[] = [];
  clock.onAdvance((now) => heard.push(now));
  for (let i = 1; i <= 1000; i++) clock.setTimeout(() => undefined, i);
  clock.playFast();
  t.is(immediates.length, 1);
  immediates.shift()!();
  t.is(clock.pendingTimers, 1000 - 128); // the deadline is looked at every 64 timers
  t.deepEqual(heard, [128]);
  t.is(immediates.length, 1);
  clock.pause();
  immediates.shift()!();
  t.is(immediates.length, 0);
  t.is(clock.pendingTimers, 1000 - 128);
});

test('an idle fast clock resumes when a timer is scheduled', (t) => {
  const immediates: Array<() => void> = [];
  const real: RealTime = {
    now: () => 0,
    setTimeout: () => t.fail('fast mode needs no real timeout'),
    clearTimeout: () => undefined,
    setImmediate: (fn) => immediates.push(fn),
  };
  const clock = new VirtualClock({ startTime: 0, realTime: real });
  clock.playFast();
  t.is(immediates.length, 0);
  clock.setTimeout(() => clock.setTimeout(() => undefined, 5000), 1000);
  t.is(immediates.length, 1);
  immediates.shift()!();
  t.is(clock.now(), 6000);
  t.is(clock.pendingTimers, 0);
  t.is(immediates.length, 0);
});

test('dispose leaves no real timer behind', (t) => {
  const real = fakeRealTime();
  const clock = new VirtualClock({ startTime: 0, realTime: real });
  clock.setTimeout(() => undefined, 1000);
  clock.play(1);
  t.is(real.pendingTimers, 1);
  clock.dispose();
  t.is(real.pendingTimers, 0);
  t.is(clock.mode, 'paused');
});

test('an XState `after` transition fires only once the clock has advanced its delay', (t) => {
  const machine = setup({}).createMachine({
    id: 'waiter',
    initial: 'waiting',
    states: { waiting: { after: { 1000: 'done' } }, done: {} },
  });
  const clock = new VirtualClock();
  const actor = createActor(machine, { clock }).start();
  t.is(clock.pendingTimers, 1);
  clock.advance(999);
  t.is(actor.getSnapshot().value, 'waiting');
  clock.advance(1);
  t.is(actor.getSnapshot().value, 'done');
  actor.stop();
});

test('stopping an XState actor cancels its delayed transition on the clock', (t) => {
  const machine = setup({}).createMachine({ initial: 'waiting', states: { waiting: { after: { 1000: 'done' } }, done: {} } });
  const clock = new VirtualClock();
  createActor(machine, { clock }).start().stop();
  t.is(clock.pendingTimers, 0);
});

test('runUntilIdle stops when only background timers are left', (t) => {
  const clock = new VirtualClock({ startTime: 0 });
  const ran: string[] = [];
  const tick = (): void => {
    ran.push(`tick ${clock.now()}`);
    clock.setBackgroundTimeout(tick, 100);
  };
  clock.setBackgroundTimeout(tick, 100);
  clock.setTimeout(() => ran.push(`work ${clock.now()}`), 250);
  t.false(clock.idle);
  const result = clock.runUntilIdle();
  t.true(result.idle);
  t.deepEqual(ran, ['tick 100', 'tick 200', 'work 250']);
  t.is(clock.now(), 250);
  clock.advance(100);
  t.deepEqual(ran.slice(3), ['tick 300']);
});

test('a cancelled background timer, and one that ran, no longer count towards idleness', (t) => {
  const clock = new VirtualClock({ startTime: 0 });
  const background = clock.setBackgroundTimeout(() => undefined, 50);
  const other = clock.setBackgroundTimeout(() => undefined, 10);
  const work = clock.setTimeout(() => undefined, 100);
  t.false(clock.idle);
  clock.clearTimeout(background);
  clock.clearTimeout(background);
  t.false(clock.idle);
  clock.advance(20);
  t.is(clock.pendingTimers, 1);
  t.false(clock.idle);
  clock.clearTimeout(other);
  clock.clearTimeout(work);
  t.true(clock.idle);
  t.is(clock.pendingTimers, 0);
});
