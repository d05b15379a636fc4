import test from 'ava';
import type { KubeObject } from '../../src/api/types.js';
import { Cluster } from '../../src/cluster/cluster.js';
import { EventRecorder } from '../../src/client/event-recorder.js';

interface EventFields {
  count: number;
  reason: string;
  message: string;
  type: string;
  firstTimestamp: string;
  lastTimestamp: string;
  source: { component: string; host?: string };
  involvedObject: { kind: string; name: string; namespace: string; uid: string };
}

function events(cluster: Cluster): (KubeObject & EventFields)[] {
  const listed = cluster.api.list('events', 'default');
  return listed.ok ? (listed.value.items as (KubeObject & EventFields)[]) : [];
}

test('a repeated event bumps count and lastTimestamp of one Event instead of creating another', (t) => {
  const cluster = new Cluster();
  const created = cluster.api.create('pods', 'default', {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: 'web' },
    spec: { containers: [{ name: 'c', image: 'nginx:1.27' }] },
  });
  if (!created.ok) return t.fail();
  const recorder = new EventRecorder(cluster.api, cluster.clock, 'kubelet', 'node-1');
  recorder.event(created.value, 'Warning', 'BackOff', 'Back-off restarting failed container c in pod web_default(uid)');
  cluster.clock.advance(10_000);
  recorder.event(created.value, 'Warning', 'BackOff', 'Back-off restarting failed container c in pod web_default(uid)');
  recorder.event(created.value, 'Normal', 'Pulled', 'Container image "nginx:1.27" already present on machine');

  const all = events(cluster);
  t.is(all.length, 2);
  const backOff = all.find((e) => e.reason === 'BackOff')!;
  t.is(backOff.count, 2);
  t.is(backOff.firstTimestamp, '2025-01-01T00:00:00Z');
  t.is(backOff.lastTimestamp, '2025-01-01T00:00:10Z');
  t.deepEqual(backOff.source, { component: 'kubelet', host: 'node-1' });
  t.like(backOff.involvedObject, { kind: 'Pod', name: 'web', namespace: 'default', uid: created.value.metadata.uid });
  t.regex(backOff.metadata.name ?? '', /^web\.[0-9a-f]+$/);
});

test('events at the same instant get distinct names', (t) => {
  const cluster = new Cluster();
  const recorder = new EventRecorder(cluster.api, cluster.clock, 'default-scheduler');
  const ref = { kind: 'Pod', name: 'web', namespace: 'default', apiVersion: 'v1' };
  recorder.event(ref, 'Normal', 'Scheduled', 'Successfully assigned default/web to node-1');
  recorder.event(ref, 'Warning', 'FailedScheduling', '0/3 nodes are available: 3 Insufficient cpu.');
  t.is(events(cluster).length, 2);
});

test('the LRU cache keeps its capacity, evicting the least recently used entry', async (t) => {
  const { LruCache } = await import('../../src/client/lru-cache.js');
  const cache = new LruCache<number>(3);
  cache.set('a', 1);
  cache.set('b', 2);
  cache.set('c', 3);
  cache.set('a', 10);
  cache.set('d', 4);
  t.deepEqual(cache.keys(), ['c', 'a', 'd']);
  t.is(cache.get('b'), undefined);
  t.is(cache.get('a'), 10);
  t.deepEqual(cache.keys(), ['c', 'a', 'd'], 'a get does not count as a use');
  t.true(cache.delete('c'));
  t.false(cache.delete('c'));
  cache.set('e', 5);
  t.deepEqual(cache.keys(), ['a', 'd', 'e']);
  t.is(cache.size, 3);
});

test('a recorder forgets its least recently used event after 4096 others, and then creates a new Event for it', (t) => {
  const cluster = new Cluster();
  const recorder = new EventRecorder(cluster.api, cluster.clock, 'replicaset-controller');
  const ref = { kind: 'ReplicaSet', name: 'web-1', namespace: 'default', apiVersion: 'apps/v1', uid: 'u-1' };
  recorder.event(ref, 'Normal', 'SuccessfulCreate', 'Created pod: web-1-0');
  recorder.event(ref, 'Normal', 'SuccessfulCreate', 'Created pod: web-1-0');
  for (let i = 1; i <= 4096; i++) recorder.event(ref, 'Normal', 'SuccessfulCreate', `Created pod: web-1-${i}`);
  recorder.event(ref, 'Normal', 'SuccessfulCreate', 'Created pod: web-1-4096');
  recorder.event(ref, 'Normal', 'SuccessfulCreate', 'Created pod: web-1-0');
  const all = events(cluster);
  const first = all.filter((e) => e.message === 'Created pod: web-1-0');
  t.deepEqual(first.map((e) => e.count), [2, 1]);
  t.deepEqual(all.filter((e) => e.message === 'Created pod: web-1-4096').map((e) => e.count), [2]);
  t.deepEqual(first[1]!.involvedObject, ref);
});
