import test from 'ava';
import { EtcdServer } from '../../src/etcd/etcd-server.js';
import type { EtcdState } from '../../src/etcd/etcd-server.js';
import { ErrUnavailable } from '../../src/etcd/errors.js';
import type { WatchEvent } from '../../src/etcd/key-value.js';
import { FakeScheduler } from './fake-scheduler.js';

function setup(): { etcd: EtcdServer<unknown>; scheduler: FakeScheduler } {
  const scheduler = new FakeScheduler();
  return { etcd: new EtcdServer<unknown>(scheduler), scheduler };
}

const unavailable = { ok: false, error: ErrUnavailable };

test('a new server is running and serves requests', (t) => {
  const { etcd } = setup();
  t.is(etcd.state, 'running');
  t.is(etcd.actor.getSnapshot().value, 'running');
  const put = etcd.put('/registry/pods/default/a', 1);
  t.true(put.ok);
  t.is(etcd.revision, 2);
  t.is(etcd.keyCount, 1);
});

test('every request fails with Unavailable while etcd is stopped', (t) => {
  const { etcd } = setup();
  etcd.put('/registry/pods/default/a', 1);
  etcd.stop();
  t.is(etcd.state, 'stopped');
  t.deepEqual(etcd.get('/registry/pods/default/a'), unavailable);
  t.deepEqual(etcd.range('/registry/pods/'), unavailable);
  t.deepEqual(etcd.put('/registry/pods/default/b', 1), unavailable);
  t.deepEqual(etcd.delete('/registry/pods/default/a'), unavailable);
  t.deepEqual(etcd.txn({ compare: [], success: [] }), unavailable);
  t.deepEqual(etcd.watch('/registry/pods/', 0, () => {}), unavailable);
  t.deepEqual(etcd.compact(2), unavailable);
  t.is(ErrUnavailable.message, 'etcdserver: request timed out');
  t.is(etcd.revision, 2);
});

test('requests succeed again once etcd is started', (t) => {
  const { etcd } = setup();
  etcd.stop();
  etcd.start();
  t.is(etcd.state, 'running');
  t.true(etcd.put('/registry/pods/default/a', 1).ok);
});

test('subscribers hear each state change once', (t) => {
  const { etcd } = setup();
  const states: EtcdState[] = [];
  const unsubscribe = etcd.subscribe((state) => states.push(state));
  etcd.stop();
  etcd.stop();
  etcd.start();
  unsubscribe();
  etcd.stop();
  t.deepEqual(states, ['stopped', 'running']);
});

test('events committed just before a stop are held and delivered after the start', (t) => {
  const { etcd, scheduler } = setup();
  const seen: WatchEvent<unknown>[] = [];
  etcd.watch('/registry/pods/', 0, (batch) => seen.push(...batch));
  etcd.put('/registry/pods/default/a', 1);
  etcd.put('/registry/pods/default/b', 1);
  etcd.stop();
  scheduler.runAll();
  t.deepEqual(seen, []);
  etcd.start();
  scheduler.runAll();
  t.deepEqual(
    seen.map((e) => e.kv.modRevision),
    [2, 3],
  );
  etcd.put('/registry/pods/default/c', 1);
  scheduler.runAll();
  t.deepEqual(
    seen.map((e) => e.kv.modRevision),
    [2, 3, 4],
  );
});

test('a watch replaying history when etcd stops finishes its replay after the start', (t) => {
  const { etcd, scheduler } = setup();
  etcd.put('/registry/pods/default/a', 1);
  etcd.put('/registry/pods/default/b', 1);
  const seen: number[] = [];
  etcd.watch('/registry/pods/', 2, (batch) => seen.push(...batch.map((e) => e.kv.modRevision)));
  etcd.stop();
  scheduler.runAll();
  etcd.start();
  scheduler.runAll();
  t.deepEqual(seen, [2, 3]);
});

test('the dashboard can read history and values while etcd is stopped', (t) => {
  const { etcd } = setup();
  etcd.put('/registry/pods/default/a', { n: 1 });
  etcd.put('/registry/pods/default/a', { n: 2 });
  etcd.stop();
  t.deepEqual(
    etcd.history('/registry/pods/default/a').map((entry) => entry.modRevision),
    [2, 3],
  );
  t.is(etcd.valueJson('/registry/pods/default/a'), '{\n  "n": 2\n}');
});
