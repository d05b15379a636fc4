import test from 'ava';
import type { KubeObject } from '../../src/api/types.js';
import type { WatchEvent, WatchHandle } from '../../src/apiserver/types.js';
import { WATCH_CACHE_CAPACITY } from '../../src/apiserver/watch-buffer.js';
import { Cluster } from '../../src/cluster/cluster.js';

function pod(name: string, nodeName?: string): KubeObject {
  const spec: Record<string, unknown> = { containers: [{ name: 'c', image: 'nginx:1.27' }] };
  if (nodeName) spec.nodeName = nodeName;
  return { apiVersion: 'v1', kind: 'Pod', metadata: { name }, spec };
}

function configMap(name: string): KubeObject {
  return { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name }, data: { v: name } };
}

function bind(cluster: Cluster, name: string, node: string): void {
  must(cluster.api.create('pods/binding', 'default', { apiVersion: 'v1', kind: 'Binding', metadata: { name }, target: { kind: 'Node', name: node } }));
}

function must<T>(result: { ok: true; value: T } | { ok: false; status: { message?: string } }): T {
  if (!result.ok) throw new Error(`unexpected failure: ${result.status.message}`);
  return result.value;
}

function line(event: WatchEvent): string {
  return `${event.type} ${(event.object as KubeObject).metadata.name}`;
}

const NODES = 1000;

test('a thousand node-scoped watchers each see only their own pods, sharing one storage watch', (t) => {
  const cluster = new Cluster();
  const { api } = cluster;
  const seen = new Map<string, string[]>();
  for (let i = 0; i < NODES; i++) {
    const node = `node-${i}`;
    const events: string[] = [];
    seen.set(node, events);
    must(api.watch('pods', '', { fieldSelector: `spec.nodeName=${node}`, resourceVersion: String(cluster.etcd.revision) }, (e) => events.push(line(e))));
  }
  t.like(api.watchCacheStats, { storageWatches: 1, cachedWatchers: NODES, directWatchers: 0 });
  for (let i = 0; i < NODES; i++) must(api.create('pods', 'default', pod(`static-${i}`, `node-${i}`)));
  for (let i = 0; i < NODES; i++) must(api.create('pods', 'default', pod(`bound-${i}`)));
  for (let i = 0; i < NODES; i++) bind(cluster, `bound-${i}`, `node-${(i + 1) % NODES}`);
  must(api.delete('pods', 'default', 'static-7', { gracePeriodSeconds: 0 }));
  cluster.clock.runUntilIdle();
  t.deepEqual(seen.get('node-1'), ['ADDED static-1', 'ADDED bound-0']);
  t.deepEqual(seen.get('node-7'), ['ADDED static-7', 'ADDED bound-6', 'DELETED static-7']);
  t.deepEqual(seen.get('node-0'), ['ADDED static-0', 'ADDED bound-999']);
  const total = [...seen.values()].reduce((n, events) => n + events.length, 0);
  t.is(total, 2 * NODES + 1);
});

test('with triggers an event is offered only to the watchers of its node, its previous node and the unindexed ones', (t) => {
  const cluster = new Cluster();
  const { api } = cluster;
  const rv = String(cluster.etcd.revision);
  const handles: WatchHandle[] = [];
  for (let i = 0; i < NODES; i++) handles.push(must(api.watch('pods', '', { fieldSelector: `spec.nodeName=${'node-' + i}`, resourceVersion: rv }, () => undefined)));
  const unscheduled: string[] = [];
  handles.push(must(api.watch('pods', '', { fieldSelector: 'spec.nodeName=', resourceVersion: rv }, (e) => unscheduled.push(line(e)))));
  let everything = 0;
  handles.push(must(api.watch('pods', '', { resourceVersion: rv }, () => void everything++)));
  const before = api.watchCacheStats;

  const pods = 200;
  for (let i = 0; i < pods; i++) must(api.create('pods', 'default', pod(`web-${i}`)));
  for (let i = 0; i < pods; i++) bind(cluster, `web-${i}`, `node-${i}`);
  cluster.clock.runUntilIdle();

  const after = api.watchCacheStats;
  // A create is offered to the `spec.nodeName=` watcher and the unfiltered one; a binding also to its node's watcher.
  t.is(after.offered - before.offered, pods * 2 + pods * 3);
  t.is(after.delivered - before.delivered, pods * 2 + pods * 3);
  t.is(everything, pods * 2);
  t.is(unscheduled.length, pods * 2);
  t.deepEqual(unscheduled.slice(0, 1), ['ADDED web-0']);
  t.true(unscheduled.includes('DELETED web-0'), 'a bound pod leaves the unscheduled view');
  t.is(after.storageWatches, 1);
  for (const handle of handles) handle.stop();
  t.like(api.watchCacheStats, { storageWatches: 0, cachedWatchers: 0 });
});

test('watchers pinned by metadata.name are indexed too', (t) => {
  const cluster = new Cluster();
  const { api } = cluster;
  const seen: string[] = [];
  must(api.watch('configmaps', 'default', { fieldSelector: 'metadata.name=b' }, (e) => seen.push(line(e))));
  const before = api.watchCacheStats.offered;
  for (const name of ['a', 'b', 'c', 'd']) must(api.create('configmaps', 'default', configMap(name)));
  cluster.clock.runUntilIdle();
  t.deepEqual(seen, ['ADDED b']);
  t.is(api.watchCacheStats.offered - before, 1);
});

test('a watch from a recent resourceVersion is replayed from the cache, one from before it gets its own storage watch', (t) => {
  const cluster = new Cluster();
  const { api } = cluster;
  must(api.watch('configmaps', 'default', { resourceVersion: String(cluster.etcd.revision) }, () => undefined));
  const first = must(api.create('configmaps', 'default', configMap('first')));
  must(api.create('configmaps', 'default', configMap('second')));
  must(api.create('configmaps', 'default', configMap('third')));
  cluster.clock.runUntilIdle();

  const recent: string[] = [];
  must(api.watch('configmaps', 'default', { resourceVersion: first.metadata.resourceVersion ?? '' }, (e) => recent.push(line(e))));
  t.like(api.watchCacheStats, { storageWatches: 1, cachedWatchers: 2, directWatchers: 0 });
  must(api.create('configmaps', 'default', configMap('fourth')));
  t.deepEqual(recent, [], 'replayed events also come through the clock');
  cluster.clock.runUntilIdle();
  t.deepEqual(recent, ['ADDED second', 'ADDED third', 'ADDED fourth']);

  for (let i = 0; i < WATCH_CACHE_CAPACITY; i++) must(api.create('configmaps', 'default', configMap(`filler-${i}`)));
  cluster.clock.runUntilIdle();
  const old: string[] = [];
  must(api.watch('configmaps', 'default', { resourceVersion: first.metadata.resourceVersion ?? '' }, (e) => old.push(line(e))));
  t.like(api.watchCacheStats, { storageWatches: 2, directWatchers: 1 });
  cluster.clock.runUntilIdle();
  t.is(old.length, 3 + WATCH_CACHE_CAPACITY);
  t.deepEqual(old.slice(0, 4), ['ADDED second', 'ADDED third', 'ADDED fourth', 'ADDED filler-0']);
});

test('a watcher that stops inside its handler gets nothing more, and one started inside a handler misses nothing', (t) => {
  const cluster = new Cluster();
  const { api } = cluster;
  const first: string[] = [];
  const second: string[] = [];
  const handle = must(
    api.watch('configmaps', 'default', { resourceVersion: String(cluster.etcd.revision) }, (e) => {
      first.push(line(e));
      handle.stop();
      const rv = (e.object as KubeObject).metadata.resourceVersion ?? '';
      must(api.watch('configmaps', 'default', { resourceVersion: rv }, (next) => second.push(line(next))));
    }),
  );
  must(api.create('configmaps', 'default', configMap('a')));
  must(api.create('configmaps', 'default', configMap('b')));
  cluster.clock.runUntilIdle();
  must(api.create('configmaps', 'default', configMap('c')));
  cluster.clock.runUntilIdle();
  t.deepEqual(first, ['ADDED a']);
  t.deepEqual(second, ['ADDED b', 'ADDED c']);
  t.like(api.watchCacheStats, { storageWatches: 1, cachedWatchers: 1 });
});

test('a watch from an explicit resourceVersion on a shared prefix still fails while etcd is stopped', (t) => {
  const cluster = new Cluster();
  const { api } = cluster;
  must(api.watch('configmaps', 'default', {}, () => undefined));
  cluster.etcd.stop();
  const refused = api.watch('configmaps', 'default', { resourceVersion: String(cluster.etcd.revision) }, () => undefined);
  t.false(refused.ok);
  if (!refused.ok) t.is(refused.status.message, 'etcdserver: request timed out');
  cluster.etcd.start();
});

test('a compacted resourceVersion gets 410 even while a shared watch could replay it', (t) => {
  const cluster = new Cluster();
  const { api } = cluster;
  must(api.watch('configmaps', 'default', {}, () => undefined));
  const old = must(api.create('configmaps', 'default', configMap('a')));
  must(api.create('configmaps', 'default', configMap('b')));
  must(api.create('configmaps', 'default', configMap('c')));
  cluster.clock.runUntilIdle();
  cluster.etcd.compact(cluster.etcd.revision);
  const seen: WatchEvent[] = [];
  must(api.watch('configmaps', 'default', { resourceVersion: old.metadata.resourceVersion ?? '' }, (e) => seen.push(e)));
  cluster.clock.runUntilIdle();
  t.is(seen.length, 1);
  t.like(seen[0], { type: 'ERROR', object: { code: 410, reason: 'Expired' } });
});
