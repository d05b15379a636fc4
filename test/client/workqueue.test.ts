import test from 'ava';
import { VirtualClock } from '../../src/clock/virtual-clock.js';
import { ExponentialBackoff } from '../../src/client/backoff.js';
import { BucketRateLimiter, ItemExponentialFailureRateLimiter } from '../../src/client/rate-limiter.js';
import { RateLimitingQueue, type SyncResult } from '../../src/client/workqueue.js';

const START = 1_000_000;

function setup() {
  const clock = new VirtualClock({ startTime: START });
  const queue = new RateLimitingQueue(clock, { name: 'test' });
  const processed: string[] = [];
  const elapsed = (): number => clock.now() - START;
  return { clock, queue, processed, elapsed };
}

test('a key added while queued is processed once', (t) => {
  const { clock, queue, processed } = setup();
  queue.run((key) => void processed.push(key));
  queue.add('default/a');
  queue.add('default/b');
  queue.add('default/a');
  t.is(queue.len, 2);
  t.deepEqual(processed, [], 'processing waits for a clock callback');
  clock.runUntilIdle();
  t.deepEqual(processed, ['default/a', 'default/b']);
  t.is(queue.metrics().addsTotal, 2);
});

test('a key added while being processed is processed again after done, never twice at once', (t) => {
  const { clock, queue } = setup();
  const log: string[] = [];
  let first = true;
  queue.run((key) => {
    log.push(`start ${key} processing=${queue.metrics().processing}`);
    if (first) {
      first = false;
      queue.add(key);
      t.is(queue.len, 0, 'not queued while it is processing');
    }
    log.push(`end ${key}`);
  });
  queue.add('a');
  clock.runUntilIdle();
  t.deepEqual(log, ['start a processing=1', 'end a', 'start a processing=1', 'end a']);
});

test('get and done follow client-go: a key re-added during processing is queued on done', (t) => {
  const { queue } = setup();
  queue.add('a');
  t.is(queue.get(), 'a');
  queue.add('a');
  t.is(queue.len, 0);
  queue.done('a');
  t.is(queue.len, 1);
  t.is(queue.get(), 'a');
  queue.done('a');
  t.is(queue.get(), undefined);
});

test('requeue retries after a per-key back-off of 5, 10, 20, 40 ms and done resets it', (t) => {
  const { clock, queue, elapsed } = setup();
  const times: number[] = [];
  let failures = 4;
  queue.run((): SyncResult => {
    times.push(elapsed());
    return failures-- > 0 ? 'requeue' : 'done';
  });
  queue.add('a');
  clock.runUntilIdle();
  t.deepEqual(times, [0, 5, 15, 35, 75]);
  t.is(queue.numRequeues('a'), 0, 'done forgets the failures');
  failures = 1;
  queue.add('a');
  clock.runUntilIdle();
  t.deepEqual(times.slice(5).map((x) => x - 75), [0, 5]);
});

test('requeueAfterMs processes the key again after exactly that delay', (t) => {
  const { clock, queue, elapsed } = setup();
  const times: number[] = [];
  queue.run((): SyncResult | undefined => {
    times.push(elapsed());
    return times.length === 1 ? { requeueAfterMs: 10_000 } : undefined;
  });
  queue.add('a');
  clock.runUntilIdle();
  t.deepEqual(times, [0, 10_000]);
});

test('addAfter queues the key once its delay has passed, keeping the earliest time', (t) => {
  const { clock, queue, processed, elapsed } = setup();
  const times: number[] = [];
  queue.run((key) => {
    processed.push(key);
    times.push(elapsed());
  });
  queue.addAfter('a', 1000);
  queue.addAfter('a', 500);
  queue.addAfter('a', 2000);
  t.is(queue.metrics().waiting, 1);
  clock.advance(499);
  t.deepEqual(processed, []);
  clock.runUntilIdle();
  t.deepEqual(processed, ['a']);
  t.deepEqual(times, [500]);
  t.is(queue.metrics().waiting, 0);
});

test('a key that keeps re-adding itself is processed once per pass and does not starve the clock', (t) => {
  const { clock, queue } = setup();
  let runs = 0;
  let other = false;
  queue.run((key) => {
    runs++;
    queue.add(key);
  });
  queue.add('a');
  clock.setTimeout(() => (other = true), 0);
  clock.runUntilIdle({ maxTimers: 5 });
  t.true(other);
  t.is(runs, 4);
});

test('queue depth is exposed for the dashboard', (t) => {
  const { queue } = setup();
  queue.add('a');
  queue.add('b');
  queue.addAfter('c', 100);
  t.deepEqual(queue.metrics(), { name: 'test', depth: 2, processing: 0, waiting: 1, addsTotal: 2, retriesTotal: 1 });
});

test('shutDown drops queued and waiting keys, cancels timers and ignores adds', (t) => {
  const { clock, queue, processed } = setup();
  queue.run((key) => void processed.push(key));
  queue.add('a');
  queue.addAfter('b', 100);
  queue.shutDown();
  queue.add('c');
  t.true(queue.shuttingDown);
  t.is(clock.pendingTimers, 0);
  clock.runUntilIdle();
  t.deepEqual(processed, []);
  t.is(queue.len, 0);
});

test('the per-key rate limiter doubles from 5 ms and stops at 1000 s', (t) => {
  const limiter = new ItemExponentialFailureRateLimiter(5, 1_000_000);
  const delays = Array.from({ length: 20 }, () => limiter.when('a'));
  t.deepEqual(delays.slice(0, 4), [5, 10, 20, 40]);
  t.is(delays[17], 655_360);
  t.is(delays[18], 1_000_000);
  t.is(limiter.when('b'), 5, 'keys back off independently');
  t.is(limiter.numRequeues('a'), 20);
  limiter.forget('a');
  t.is(limiter.when('a'), 5);
});

test('the overall bucket allows a burst of 100 then 10 retries a second', (t) => {
  const clock = new VirtualClock();
  const bucket = new BucketRateLimiter(clock, 10, 100);
  const delays = Array.from({ length: 102 }, () => bucket.when());
  t.deepEqual(delays.slice(0, 100), Array(100).fill(0));
  t.deepEqual(delays.slice(100), [100, 200]);
  clock.advance(1000);
  t.is(bucket.when(), 0);
});

test('the reflector back-off is 0.8 s doubling to 30 s and resets after 2 quiet minutes', (t) => {
  const clock = new VirtualClock();
  const backoff = new ExponentialBackoff(clock);
  const delays: number[] = [];
  for (let i = 0; i < 8; i++) {
    const d = backoff.next();
    delays.push(d);
    clock.advance(d);
  }
  t.deepEqual(delays, [800, 1600, 3200, 6400, 12_800, 25_600, 30_000, 30_000]);
  clock.advance(120_001);
  t.is(backoff.next(), 800);
});

test('with a seeded random source the reflector back-off jitters within [d, 2d)', (t) => {
  const clock = new VirtualClock();
  const draws = [0, 0.5, 0.999];
  const backoff = new ExponentialBackoff(clock, undefined, () => draws.shift() ?? 0);
  t.deepEqual([backoff.next(), backoff.next(), backoff.next()], [800, 2400, 3200 + 0.999 * 3200]);
});
