import test from 'ava';
import { MvccStore } from '../../src/etcd/kvstore.js';
import { ErrCompacted } from '../../src/etcd/errors.js';
import type { EtcdResult } from '../../src/etcd/errors.js';
import type { WatchEvent, WatchHandle } from '../../src/etcd/key-value.js';
import { FakeScheduler } from './fake-scheduler.js';

function setup(): { store: MvccStore<unknown>; scheduler: FakeScheduler } {
  const scheduler = new FakeScheduler();
  return { store: new MvccStore<unknown>(scheduler), scheduler };
}

function value<T>(result: EtcdResult<T>): T {
  if (!result.ok) throw new Error(`unexpected ${result.error.code}`);
  return result.value;
}

/** Watches and records every event and every batch. */
function record(store: MvccStore<unknown>, prefix: string, startRevision: number) {
  const events: WatchEvent<unknown>[] = [];
  const batches: number[] = [];
  const handle = value(
    store.watch(prefix, startRevision, (batch) => {
      batches.push(batch.length);
      events.push(...batch);
    }),
  );
  const summary = (): string[] => events.map((e) => `${e.type} ${e.kv.key} @${e.kv.modRevision}`);
  return { events, batches, handle, summary };
}

test('events are delivered later through the scheduler, never inside the write', (t) => {
  const { store, scheduler } = setup();
  const w = record(store, '/registry/pods/', 0);
  store.put('/registry/pods/default/a', 1);
  store.put('/registry/pods/default/b', 1);
  t.deepEqual(w.events, []);
  t.is(scheduler.pending, 1);
  scheduler.runAll();
  t.deepEqual(w.summary(), ['PUT /registry/pods/default/a @2', 'PUT /registry/pods/default/b @3']);
  t.deepEqual(w.batches, [2]);
});

test('events carry the new version and the one it replaced', (t) => {
  const { store, scheduler } = setup();
  const w = record(store, '/registry/pods/', 0);
  store.put('/registry/pods/default/a', 'v1');
  store.put('/registry/pods/default/a', 'v2');
  store.delete('/registry/pods/default/a');
  scheduler.runAll();
  const [created, updated, deleted] = w.events;
  t.is(created?.prevKv, undefined);
  t.is(updated?.kv.version, 2);
  t.is(updated?.prevKv?.value, 'v1');
  t.deepEqual(deleted, {
    type: 'DELETE',
    kv: { key: '/registry/pods/default/a', modRevision: 4, createRevision: 0, version: 0 },
    prevKv: updated?.kv,
  });
});

test('a watch sees only keys under its prefix', (t) => {
  const { store, scheduler } = setup();
  const pods = record(store, '/registry/pods/default/', 0);
  const everything = record(store, '/registry/', 0);
  store.put('/registry/pods/default/a', 1);
  store.put('/registry/pods/other/b', 1);
  store.put('/registry/podtemplates/default/c', 1);
  store.put('/registry/health', 1);
  scheduler.runAll();
  t.deepEqual(pods.summary(), ['PUT /registry/pods/default/a @2']);
  t.is(everything.events.length, 4);
});

test('the writes of one txn share a revision and arrive in the order of the txn', (t) => {
  const { store, scheduler } = setup();
  const w = record(store, '/registry/', 0);
  store.put('/registry/pods/default/old', 1);
  store.txn({
    compare: [],
    success: [
      { type: 'put', key: '/registry/pods/default/z', value: 1 },
      { type: 'delete', key: '/registry/pods/default/old' },
      { type: 'put', key: '/registry/events/default/e', value: 1 },
    ],
  });
  scheduler.runAll();
  t.deepEqual(w.summary(), [
    'PUT /registry/pods/default/old @2',
    'PUT /registry/pods/default/z @3',
    'DELETE /registry/pods/default/old @3',
    'PUT /registry/events/default/e @3',
  ]);
});

test('a watch from a past revision replays history, then continues live', (t) => {
  const { store, scheduler } = setup();
  for (let i = 0; i < 5; i++) store.put(`/registry/pods/default/p-${i}`, i);
  scheduler.runAll();
  const w = record(store, '/registry/pods/', 4);
  store.put('/registry/pods/default/p-5', 5);
  scheduler.runAll();
  t.deepEqual(
    w.events.map((e) => e.kv.modRevision),
    [4, 5, 6, 7],
  );
});

test('a client that saw revision N and re-watches from N+1 misses nothing', (t) => {
  const { store, scheduler } = setup();
  const first = record(store, '/registry/pods/', 0);
  store.put('/registry/pods/default/a', 1);
  store.put('/registry/pods/default/b', 1);
  scheduler.runAll();
  const lastSeen = first.events[first.events.length - 1]!.kv.modRevision;
  first.handle.cancel();
  store.put('/registry/pods/default/c', 1);
  store.delete('/registry/pods/default/a');
  scheduler.runAll();
  const second = record(store, '/registry/pods/', lastSeen + 1);
  store.put('/registry/pods/default/d', 1);
  scheduler.runAll();
  t.deepEqual(
    [...first.summary(), ...second.summary()],
    [
      'PUT /registry/pods/default/a @2',
      'PUT /registry/pods/default/b @3',
      'PUT /registry/pods/default/c @4',
      'DELETE /registry/pods/default/a @5',
      'PUT /registry/pods/default/d @6',
    ],
  );
});

test('a watch from revision 0 starts with the next write', (t) => {
  const { store, scheduler } = setup();
  store.put('/registry/pods/default/a', 1);
  const w = record(store, '/registry/pods/', 0);
  store.put('/registry/pods/default/b', 1);
  scheduler.runAll();
  t.deepEqual(w.summary(), ['PUT /registry/pods/default/b @3']);
});

test('a watch from a future revision waits for it, as in etcd', (t) => {
  const { store, scheduler } = setup();
  const w = record(store, '/registry/pods/', 4);
  for (const name of ['a', 'b', 'c', 'd']) store.put(`/registry/pods/default/${name}`, 1);
  scheduler.runAll();
  t.deepEqual(
    w.events.map((e) => e.kv.modRevision),
    [4, 5],
  );
});

test('a watch from before the compaction revision fails with Compacted', (t) => {
  const { store } = setup();
  for (const name of ['a', 'b', 'c']) store.put(`/registry/pods/default/${name}`, 1);
  store.compact(3);
  t.deepEqual(store.watch('/registry/pods/', 2, () => {}), { ok: false, error: ErrCompacted });
  t.true(store.watch('/registry/pods/', 3, () => {}).ok);
});

test('a watch from the compaction revision replays from it', (t) => {
  const { store, scheduler } = setup();
  for (const name of ['a', 'b', 'c']) store.put(`/registry/pods/default/${name}`, 1);
  store.compact(3);
  const w = record(store, '/registry/pods/', 3);
  scheduler.runAll();
  t.deepEqual(
    w.events.map((e) => e.kv.modRevision),
    [3, 4],
  );
});

test('compaction never drops events a live watcher has not received yet', (t) => {
  const { store, scheduler } = setup();
  const live = record(store, '/registry/pods/', 0);
  store.put('/registry/pods/default/a', 1);
  const catchingUp = record(store, '/registry/pods/', 2);
  store.put('/registry/pods/default/b', 1);
  store.put('/registry/pods/default/c', 1);
  store.compact(4);
  scheduler.runAll();
  t.deepEqual(
    live.events.map((e) => e.kv.modRevision),
    [2, 3, 4],
  );
  t.deepEqual(catchingUp.events, live.events);
});

test('a cancelled watch gets nothing more, not even a batch already queued', (t) => {
  const { store, scheduler } = setup();
  const w = record(store, '/registry/pods/', 0);
  store.put('/registry/pods/default/a', 1);
  w.handle.cancel();
  w.handle.cancel();
  scheduler.runAll();
  store.put('/registry/pods/default/b', 1);
  scheduler.runAll();
  t.deepEqual(w.events, []);
});

test('a handler that writes is never re-entered and its writes come in a later batch', (t) => {
  const { store, scheduler } = setup();
  const calls: string[] = [];
  let depth = 0;
  const handle: WatchHandle = value(
    store.watch('/registry/pods/', 0, (batch) => {
      depth++;
      t.is(depth, 1);
      for (const event of batch) {
        calls.push(event.kv.key);
        if (event.kv.key.endsWith('/a')) store.put('/registry/pods/default/b', 'from handler');
      }
      depth--;
    }),
  );
  const other = record(store, '/registry/pods/', 0);
  store.put('/registry/pods/default/a', 1);
  scheduler.runAll();
  t.deepEqual(calls, ['/registry/pods/default/a', '/registry/pods/default/b']);
  t.deepEqual(other.batches, [1, 1]);
  t.deepEqual(
    other.events.map((e) => e.kv.modRevision),
    [2, 3],
  );
  handle.cancel();
});

test('many watchers from many revisions each see exactly their events, in order, with no gaps', (t) => {
  const { store, scheduler } = setup();
  let seed = 42;
  const random = (n: number): number => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return seed % n;
  };
  const prefixes = ['/registry/pods/', '/registry/pods/ns-1/', '/registry/', '/registry/services/specs/'];
  const keys = ['/registry/pods/ns-1/a', '/registry/pods/ns-2/b', '/registry/services/specs/ns-1/web', '/registry/minions/n1'];
  const watchers: { prefix: string; from: number; events: WatchEvent<unknown>[] }[] = [];
  for (let step = 0; step < 400; step++) {
    const roll = random(10);
    const key = keys[random(keys.length)]!;
    if (roll < 5) store.put(key, step);
    else if (roll < 7) store.delete(key);
    else if (roll < 8) scheduler.runAll();
    else {
      const start = Math.max(store.compactRevision, random(store.revision + 3));
      const from = start === 0 ? store.revision + 1 : start;
      const watcher = { prefix: prefixes[random(prefixes.length)]!, from, events: [] as WatchEvent<unknown>[] };
      value(store.watch(watcher.prefix, start, (batch) => watcher.events.push(...batch)));
      watchers.push(watcher);
    }
    if (step === 200) store.compact(store.revision - 10);
  }
  scheduler.runAll();
  const all: WatchEvent<unknown>[] = [];
  value(store.watch('', store.compactRevision, (batch) => all.push(...batch)));
  scheduler.runAll();
  t.true(watchers.length > 20);
  t.true(watchers.filter((watcher) => watcher.events.length > 10).length > 10);
  for (const watcher of watchers) {
    const expected = all.filter((e) => e.kv.key.startsWith(watcher.prefix) && e.kv.modRevision >= watcher.from);
    const seen = watcher.events.filter((e) => e.kv.modRevision >= store.compactRevision);
    t.deepEqual(seen, expected);
  }
});
