import test from 'ava';
import { MvccStore } from '../../src/etcd/kvstore.js';
import { ErrCompacted, ErrFutureRevision } from '../../src/etcd/errors.js';
import type { EtcdResult } from '../../src/etcd/errors.js';
import { isTombstone } from '../../src/etcd/key-value.js';
import { FakeScheduler } from './fake-scheduler.js';

function newStore(): MvccStore<unknown> {
  return new MvccStore<unknown>(new FakeScheduler());
}

function value<T>(result: EtcdResult<T>): T {
  if (!result.ok) throw new Error(`unexpected ${result.error.code}`);
  return result.value;
}

function keysOf(store: MvccStore<unknown>, prefix: string): string[] {
  return value(store.range(prefix)).kvs.map((kv) => kv.key);
}

test('a fresh store is at revision 1 and each put advances it by one', (t) => {
  const store = newStore();
  t.is(store.revision, 1);
  t.is(store.put('/registry/pods/default/a', { n: 1 }).revision, 2);
  t.is(store.put('/registry/pods/default/b', { n: 2 }).revision, 3);
  t.is(store.revision, 3);
});

test('a put keeps the create revision and bumps mod revision and version', (t) => {
  const store = newStore();
  store.put('/registry/pods/default/a', 1);
  store.put('/registry/pods/default/other', 0);
  const second = store.put('/registry/pods/default/a', 2);
  t.deepEqual(second.kv, { key: '/registry/pods/default/a', value: 2, createRevision: 2, modRevision: 4, version: 2 });
  t.deepEqual(second.prevKv, { key: '/registry/pods/default/a', value: 1, createRevision: 2, modRevision: 2, version: 1 });
});

test('the store keeps the value by reference', (t) => {
  const store = newStore();
  const pod = Object.freeze({ metadata: Object.freeze({ name: 'a' }) });
  store.put('/registry/pods/default/a', pod);
  t.is(value(store.get('/registry/pods/default/a')).kv?.value, pod);
});

test('a deleted and re-created key starts again at version 1 with a new create revision', (t) => {
  const store = newStore();
  store.put('/registry/pods/default/a', 1);
  store.put('/registry/pods/default/a', 2);
  const deleted = store.delete('/registry/pods/default/a');
  t.is(deleted.deleted, 1);
  t.is(deleted.revision, 4);
  t.is(deleted.prevKv?.version, 2);
  t.is(value(store.get('/registry/pods/default/a')).kv, undefined);
  const recreated = store.put('/registry/pods/default/a', 3);
  t.deepEqual(recreated.kv, { key: '/registry/pods/default/a', value: 3, createRevision: 5, modRevision: 5, version: 1 });
  t.is(recreated.prevKv, undefined);
});

test('deleting a missing key does not advance the revision', (t) => {
  const store = newStore();
  store.put('/registry/pods/default/a', 1);
  const result = store.delete('/registry/pods/default/missing');
  t.deepEqual(result, { revision: 2, deleted: 0, prevKv: undefined });
  t.is(store.revision, 2);
});

test('keyCount counts live keys only', (t) => {
  const store = newStore();
  store.put('/registry/pods/default/a', 1);
  store.put('/registry/pods/default/b', 1);
  store.put('/registry/pods/default/a', 2);
  store.delete('/registry/pods/default/b');
  t.is(store.keyCount, 1);
});

test('a get at a past revision returns the version live then', (t) => {
  const store = newStore();
  store.put('/registry/pods/default/a', 'v1');
  store.put('/registry/pods/default/a', 'v2');
  store.delete('/registry/pods/default/a');
  t.is(value(store.get('/registry/pods/default/a', { revision: 1 })).kv, undefined);
  t.is(value(store.get('/registry/pods/default/a', { revision: 2 })).kv?.value, 'v1');
  t.is(value(store.get('/registry/pods/default/a', { revision: 3 })).kv?.value, 'v2');
  t.is(value(store.get('/registry/pods/default/a', { revision: 4 })).kv, undefined);
  t.is(value(store.get('/registry/pods/default/a', { revision: 3 })).revision, 4);
});

test('a read at a future revision fails with FutureRevision', (t) => {
  const store = newStore();
  store.put('/registry/pods/default/a', 1);
  t.deepEqual(store.get('/registry/pods/default/a', { revision: 3 }), { ok: false, error: ErrFutureRevision });
  t.deepEqual(store.range('/registry/pods/', { revision: 3 }), { ok: false, error: ErrFutureRevision });
  t.is(ErrFutureRevision.message, 'mvcc: required revision is a future revision');
});

test('range returns keys in lexicographic order whatever the insertion order', (t) => {
  const store = newStore();
  for (const name of ['web-2', 'api-1', 'web-10', 'db-0', 'web-1']) store.put(`/registry/pods/default/${name}`, name);
  t.deepEqual(keysOf(store, '/registry/pods/'), [
    '/registry/pods/default/api-1',
    '/registry/pods/default/db-0',
    '/registry/pods/default/web-1',
    '/registry/pods/default/web-10',
    '/registry/pods/default/web-2',
  ]);
  store.put('/registry/pods/default/cache-0', 'late');
  t.is(keysOf(store, '/registry/pods/')[1], '/registry/pods/default/cache-0');
});

test('range of one prefix never returns keys of a neighbouring prefix', (t) => {
  const store = newStore();
  store.put('/registry/pods/default/a', 1);
  store.put('/registry/pods/kube-system/b', 1);
  store.put('/registry/podtemplates/default/t', 1);
  store.put('/registry/deployments/default/web', 1);
  t.deepEqual(keysOf(store, '/registry/pods/default/'), ['/registry/pods/default/a']);
  t.deepEqual(keysOf(store, '/registry/pods/'), ['/registry/pods/default/a', '/registry/pods/kube-system/b']);
  t.deepEqual(keysOf(store, '/registry/pod'), [
    '/registry/pods/default/a',
    '/registry/pods/kube-system/b',
    '/registry/podtemplates/default/t',
  ]);
});

test('range across resources merges short keys into key order', (t) => {
  const store = newStore();
  store.put('/registry/services/specs/default/web', 1);
  store.put('/registry/health', 1);
  store.put('/registry/apiregistration.k8s.io/apiservices/v1.', 1);
  t.deepEqual(keysOf(store, '/registry/'), [
    '/registry/apiregistration.k8s.io/apiservices/v1.',
    '/registry/health',
    '/registry/services/specs/default/web',
  ]);
  t.deepEqual(keysOf(store, ''), keysOf(store, '/registry/'));
});

test('range skips deleted keys and honours limit and keysOnly', (t) => {
  const store = newStore();
  for (const name of ['a', 'b', 'c', 'd']) store.put(`/registry/pods/default/${name}`, { name });
  store.delete('/registry/pods/default/b');
  const limited = value(store.range('/registry/pods/', { limit: 2 }));
  t.deepEqual(limited.kvs.map((kv) => kv.key), ['/registry/pods/default/a', '/registry/pods/default/c']);
  t.is(limited.count, 3);
  t.true(limited.more);
  const keysOnly = value(store.range('/registry/pods/', { keysOnly: true }));
  t.is(keysOnly.kvs[0]?.value, undefined);
  t.is(keysOnly.kvs[0]?.modRevision, 2);
  t.false(keysOnly.more);
});

test('range at a past revision lists the keys live then', (t) => {
  const store = newStore();
  store.put('/registry/pods/default/a', 1);
  store.put('/registry/pods/default/b', 1);
  store.delete('/registry/pods/default/a');
  store.put('/registry/pods/default/c', 1);
  t.deepEqual(value(store.range('/registry/pods/', { revision: 3 })).kvs.map((kv) => kv.key), [
    '/registry/pods/default/a',
    '/registry/pods/default/b',
  ]);
});

test('a txn whose mod revision compare holds runs its success branch at one new revision', (t) => {
  const store = newStore();
  const created = store.put('/registry/pods/default/a', 'v1');
  const result = store.txn({
    compare: [{ key: '/registry/pods/default/a', target: 'modRevision', result: '=', value: created.kv.modRevision }],
    success: [
      { type: 'put', key: '/registry/pods/default/a', value: 'v2' },
      { type: 'put', key: '/registry/pods/default/b', value: 'b1' },
      { type: 'get', key: '/registry/pods/default/a' },
    ],
    failure: [{ type: 'get', key: '/registry/pods/default/a' }],
  });
  t.true(result.succeeded);
  t.is(result.revision, 3);
  t.is(store.revision, 3);
  const [put, , get] = result.responses;
  t.is(put?.type === 'put' ? put.kv.modRevision : 0, 3);
  t.is(put?.type === 'put' ? put.prevKv?.value : undefined, 'v1');
  t.is(value(store.get('/registry/pods/default/b')).kv?.modRevision, 3);
  t.is(get?.type === 'get' ? get.kv?.value : undefined, 'v2');
});

test('a txn whose compare fails runs its failure branch and writes nothing', (t) => {
  const store = newStore();
  store.put('/registry/pods/default/a', 'v1');
  store.put('/registry/pods/default/a', 'v2');
  const result = store.txn({
    compare: [{ key: '/registry/pods/default/a', target: 'modRevision', result: '=', value: 2 }],
    success: [{ type: 'put', key: '/registry/pods/default/a', value: 'stale' }],
    failure: [{ type: 'get', key: '/registry/pods/default/a' }],
  });
  t.false(result.succeeded);
  t.is(result.revision, 3);
  t.deepEqual(result.responses, [{ type: 'get', kv: value(store.get('/registry/pods/default/a')).kv }]);
  t.is(value(store.get('/registry/pods/default/a')).kv?.value, 'v2');
});

test('compares on a missing key read zero, which is how create checks absence', (t) => {
  const store = newStore();
  const create = (): boolean =>
    store.txn({
      compare: [{ key: '/registry/pods/default/a', target: 'modRevision', result: '=', value: 0 }],
      success: [{ type: 'put', key: '/registry/pods/default/a', value: 1 }],
    }).succeeded;
  t.true(create());
  t.false(create());
  t.is(store.revision, 2);
});

test('compares on version and create revision support every operator', (t) => {
  const store = newStore();
  store.put('/registry/pods/default/a', 1);
  store.put('/registry/pods/default/a', 2);
  const holds = (target: 'version' | 'createRevision', result: '=' | '!=' | '<' | '>', n: number): boolean =>
    store.txn({ compare: [{ key: '/registry/pods/default/a', target, result, value: n }], success: [] }).succeeded;
  t.true(holds('version', '=', 2));
  t.true(holds('version', '!=', 1));
  t.true(holds('version', '>', 1));
  t.false(holds('version', '<', 2));
  t.true(holds('createRevision', '=', 2));
  t.true(holds('createRevision', '<', 3));
  t.is(store.revision, 3);
});

test('a txn that writes one key twice is a bug and throws', (t) => {
  const store = newStore();
  t.throws(
    () =>
      store.txn({
        compare: [],
        success: [
          { type: 'put', key: '/k/a/b', value: 1 },
          { type: 'delete', key: '/k/a/b' },
        ],
      }),
    { message: 'etcdserver: duplicate key given in txn request' },
  );
});

test('compaction makes older reads fail with Compacted and keeps newer ones', (t) => {
  const store = newStore();
  store.put('/registry/pods/default/a', 'v1');
  store.put('/registry/pods/default/a', 'v2');
  store.put('/registry/pods/default/b', 'b1');
  t.deepEqual(store.compact(3), { ok: true, value: { revision: 4 } });
  t.deepEqual(store.get('/registry/pods/default/a', { revision: 2 }), { ok: false, error: ErrCompacted });
  t.deepEqual(store.range('/registry/pods/', { revision: 2 }), { ok: false, error: ErrCompacted });
  t.is(value(store.get('/registry/pods/default/a', { revision: 3 })).kv?.value, 'v2');
  t.is(ErrCompacted.message, 'mvcc: required revision has been compacted');
});

test('compacting at or below the last compaction fails, and so does a future revision', (t) => {
  const store = newStore();
  store.put('/registry/pods/default/a', 1);
  store.put('/registry/pods/default/a', 2);
  t.true(store.compact(2).ok);
  t.deepEqual(store.compact(2), { ok: false, error: ErrCompacted });
  t.deepEqual(store.compact(4), { ok: false, error: ErrFutureRevision });
});

test('a key deleted before the compaction revision leaves the index', (t) => {
  const store = newStore();
  store.put('/registry/pods/default/a', 1);
  store.delete('/registry/pods/default/a');
  store.put('/registry/pods/default/b', 1);
  store.compact(4);
  t.deepEqual(store.history('/registry/pods/default/a'), []);
  t.deepEqual(keysOf(store, '/registry/pods/'), ['/registry/pods/default/b']);
});

test('a key looked up just before compaction drops it is not found again, and re-creating it starts afresh', (t) => {
  const store = newStore();
  store.put('/registry/pods/default/a', 1);
  store.delete('/registry/pods/default/a');
  t.is(value(store.get('/registry/pods/default/a')).kv, undefined);
  store.compact(3);
  t.deepEqual(store.history('/registry/pods/default/a'), []);
  store.put('/registry/pods/default/a', 2);
  t.deepEqual(keysOf(store, '/registry/pods/'), ['/registry/pods/default/a']);
  t.like(value(store.get('/registry/pods/default/a')).kv, { value: 2, version: 1, createRevision: 4 });
});

test('a create txn on a new key, checked and written with separately built key strings, stores it once', (t) => {
  const store = newStore();
  const key = (): string => ['/registry', 'pods', 'default', 'a'].join('/');
  const created = store.txn({ compare: [{ key: key(), target: 'modRevision', result: '=', value: 0 }], success: [{ type: 'put', key: key(), value: 1 }] });
  t.true(created.succeeded);
  const again = store.txn({ compare: [{ key: key(), target: 'modRevision', result: '=', value: 0 }], success: [{ type: 'put', key: key(), value: 2 }] });
  t.false(again.succeeded);
  t.deepEqual(keysOf(store, '/registry/pods/'), ['/registry/pods/default/a']);
  t.is(store.keyCount, 1);
});

test('history lists versions and deletions since the compaction', (t) => {
  const store = newStore();
  store.put('/registry/pods/default/a', 'v1');
  store.put('/registry/pods/default/a', 'v2');
  store.delete('/registry/pods/default/a');
  store.put('/registry/pods/default/a', 'v3');
  t.deepEqual(
    store.history('/registry/pods/default/a').map((entry) => [entry.modRevision, isTombstone(entry)]),
    [[2, false], [3, false], [4, true], [5, false]],
  );
  store.compact(3);
  t.deepEqual(store.history('/registry/pods/default/a').map((entry) => entry.modRevision), [3, 4, 5]);
});

test('valueJson renders a value as indented JSON, now or at a revision', (t) => {
  const store = newStore();
  store.put('/registry/pods/default/a', { metadata: { name: 'a' } });
  store.put('/registry/pods/default/a', { metadata: { name: 'b' } });
  t.is(store.valueJson('/registry/pods/default/a'), '{\n  "metadata": {\n    "name": "b"\n  }\n}');
  t.is(store.valueJson('/registry/pods/default/a', 2), JSON.stringify({ metadata: { name: 'a' } }, null, 2));
  t.is(store.valueJson('/registry/pods/default/missing'), undefined);
});
