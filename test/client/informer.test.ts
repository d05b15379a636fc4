import test from 'ava';
import type { KubeObject } from '../../src/api/types.js';
import { tooManyRequests } from '../../src/api/status.js';
import { VirtualClock } from '../../src/clock/virtual-clock.js';
import { SharedInformer, type SharedInformerOptions } from '../../src/client/informer.js';
import type { ResourceEventHandler } from '../../src/client/event-handlers.js';
import type { ReflectorError } from '../../src/client/watch-end.js';
import { FakeApi, WATCH_CLOSED } from './fake-api.js';

const START = 1_000_000;

function pod(name: string, spec: Record<string, unknown> = {}, labels?: Record<string, string>): KubeObject {
  const metadata: KubeObject['metadata'] = { name };
  if (labels !== undefined) metadata.labels = labels;
  return { apiVersion: 'v1', kind: 'Pod', metadata, spec };
}

function rv(obj: KubeObject): string {
  return obj.metadata.resourceVersion ?? '?';
}

/** A handler that writes down every notification as a short line. */
function recorder(): { log: string[]; handler: ResourceEventHandler<KubeObject> } {
  const log: string[] = [];
  const handler: ResourceEventHandler<KubeObject> = {
    onAdd: (obj, initial) => log.push(`add ${obj.metadata.name}@${rv(obj)}${initial ? ' initial' : ''}`),
    onUpdate: (oldObj, newObj) => log.push(`update ${newObj.metadata.name}@${rv(oldObj)}->${rv(newObj)}`),
    onDelete: (obj, unknown) => log.push(`delete ${obj.metadata.name}${unknown ? ' (final state unknown)' : ''}`),
  };
  return { log, handler };
}

function setup(options: SharedInformerOptions<KubeObject> = {}) {
  const clock = new VirtualClock({ startTime: START });
  const api = new FakeApi(clock);
  const informer = new SharedInformer<KubeObject>(api, clock, 'pods', options);
  const { log, handler } = recorder();
  informer.addEventHandler(handler);
  const elapsed = (): number => clock.now() - START;
  return { clock, api, informer, log, elapsed };
}

function value<T>(result: { ok: true; value: T } | { ok: false }): T {
  if (!result.ok) throw new Error('unexpected failure');
  return result.value;
}

test('list then watch fills the cache and calls the handlers in order', (t) => {
  const { clock, api, informer, log } = setup();
  api.create('pods', 'default', pod('a'));
  api.create('pods', 'default', pod('b'));
  informer.start();
  t.true(informer.hasSynced());
  t.is(informer.lastSyncResourceVersion, '2');
  t.deepEqual(log, ['add a@1 initial', 'add b@2 initial']);
  api.create('pods', 'default', pod('c'));
  clock.runUntilIdle();
  t.deepEqual(log, ['add a@1 initial', 'add b@2 initial', 'add c@3']);
  t.deepEqual(informer.lister.list().map((p) => p.metadata.name), ['a', 'b', 'c']);
  t.is(informer.lastSyncResourceVersion, '3');
  t.deepEqual(
    api.calls.map((c) => `${c.verb} ${c.resourceVersion ?? ''}`),
    ['list ', 'watch 2'],
  );
});

test('the cache holds the very objects the API server handed out', (t) => {
  const { clock, api, informer } = setup();
  informer.start();
  const created = value(api.create('pods', 'default', pod('a')));
  clock.runUntilIdle();
  t.is(informer.lister.get('default', 'a'), created);
  t.true(Object.isFrozen(informer.lister.get('default', 'a')));
});

test('updates and deletes from the watch reach the cache and the handlers', (t) => {
  const { clock, api, informer, log } = setup();
  const a = value(api.create('pods', 'default', pod('a')));
  api.create('pods', 'default', pod('b'));
  informer.start();
  api.update('pods', 'default', { ...a, spec: { nodeName: 'node-1' } });
  api.delete('pods', 'default', 'b');
  clock.runUntilIdle();
  t.deepEqual(log.slice(2), ['update a@1->3', 'delete b']);
  t.deepEqual(informer.lister.get('default', 'a')?.['spec'], { nodeName: 'node-1' });
  t.is(informer.lister.get('default', 'b'), undefined);
  t.is(informer.lastSyncResourceVersion, '4');
});

test('a 410 Expired relists after the back-off and the handlers see exactly the changes of the gap', (t) => {
  const { clock, api, informer, log, elapsed } = setup();
  const a = value(api.create('pods', 'default', pod('a')));
  api.create('pods', 'default', pod('b'));
  api.create('pods', 'default', pod('c'));
  informer.start();
  log.length = 0;
  api.endWatches(); // 410 Expired
  clock.runUntilIdle({ maxDuration: 0 });
  t.is(informer.state, 'backingOff');
  api.update('pods', 'default', { ...a, spec: { nodeName: 'node-1' } });
  api.delete('pods', 'default', 'b');
  api.create('pods', 'default', pod('d'));
  api.compact();
  clock.advance(800);
  t.deepEqual(log, ['update a@1->4', 'add d@6', 'delete b (final state unknown)']);
  t.deepEqual(informer.lister.list().map((p) => p.metadata.name).sort(), ['a', 'c', 'd']);
  t.deepEqual(
    api.calls.map((c) => `${c.verb}@${c.at - START}`),
    ['list@0', 'watch@0', 'list@800', 'watch@800'],
  );
  t.is(informer.lastError, undefined, 'an expired watch is not an error');
  api.create('pods', 'default', pod('e'));
  clock.runUntilIdle();
  t.deepEqual(log.slice(3), ['add e@7']);
  t.is(elapsed(), 800);
});

test('a closed watch is resumed from the last seen resourceVersion without a relist', (t) => {
  const { clock, api, informer, log } = setup();
  informer.start();
  api.create('pods', 'default', pod('a'));
  clock.advance(5000);
  api.endWatches(WATCH_CLOSED);
  api.create('pods', 'default', pod('b')); // written while no watch is open
  clock.runUntilIdle();
  t.deepEqual(log, ['add a@1', 'add b@2']);
  t.deepEqual(
    api.calls.map((c) => `${c.verb} ${c.resourceVersion ?? ''}`),
    ['list ', 'watch 0', 'watch 1'],
  );
  t.is(informer.state, 'watching');
});

test('resuming a closed watch from a compacted resourceVersion gets 410 and relists with nothing missed', (t) => {
  const { clock, api, informer, log } = setup();
  informer.start();
  api.create('pods', 'default', pod('a'));
  clock.advance(5000);
  api.endWatches(WATCH_CLOSED);
  api.create('pods', 'default', pod('b'));
  api.compact();
  clock.runUntilIdle({ maxDuration: 0 });
  t.is(informer.state, 'backingOff');
  clock.advance(800);
  t.deepEqual(log, ['add a@1', 'add b@2']);
  t.deepEqual(
    api.calls.map((c) => `${c.verb} ${c.resourceVersion ?? ''}`),
    ['list ', 'watch 0', 'watch 1', 'list ', 'watch 2'],
  );
});

test('a watch closed at once without events counts as an error and relists after the back-off', (t) => {
  const { clock, api, informer } = setup();
  const errors: ReflectorError[] = [];
  informer.setWatchErrorHandler((e) => errors.push(e));
  informer.start();
  api.endWatches(WATCH_CLOSED);
  clock.runUntilIdle({ maxDuration: 0 });
  t.is(errors[0]?.message, 'very short watch: pods: Unexpected watch close - watch lasted less than a second and no items received');
  clock.advance(800);
  t.deepEqual(api.calls.map((c) => c.verb), ['list', 'watch', 'list', 'watch']);
});

test('a failing LIST is retried with back-off and the informer catches up with nothing missed', (t) => {
  const { clock, api, informer, log } = setup();
  const errors: ReflectorError[] = [];
  informer.setWatchErrorHandler((e) => errors.push(e));
  api.create('pods', 'default', pod('a'));
  api.etcdDown();
  informer.start();
  t.false(informer.hasSynced());
  api.create('pods', 'default', pod('b'));
  clock.advance(800 + 1600 + 3200 + 6400);
  api.create('pods', 'default', pod('c'));
  api.etcdUp();
  clock.advance(12_800);
  t.deepEqual(
    api.calls.map((c) => `${c.verb}@${c.at - START}${c.ok ? '' : ' failed'}`),
    ['list@0 failed', 'list@800 failed', 'list@2400 failed', 'list@5600 failed', 'list@12000 failed', 'list@24800', 'watch@24800'],
  );
  t.true(informer.hasSynced());
  t.deepEqual(log, ['add a@1 initial', 'add b@2 initial', 'add c@3 initial']);
  t.is(errors.length, 5);
  t.is(errors[0]?.message, 'failed to list pods: Internal error occurred: etcdserver: request timed out');
  t.is(errors[0]?.status?.code, 500);
  t.is(informer.lastError, undefined);
});

test('a watch failing while etcd is down relists after the back-off and repairs the cache', (t) => {
  const { clock, api, informer, log } = setup();
  api.create('pods', 'default', pod('a'));
  informer.start();
  api.etcdDown();
  clock.runUntilIdle({ maxDuration: 0 });
  t.is(informer.lastError?.message, 'watch of pods ended with: Internal error occurred: etcdserver: request timed out');
  api.delete('pods', 'default', 'a');
  api.create('pods', 'default', pod('b'));
  clock.advance(800); // list fails again
  api.etcdUp();
  clock.advance(1600);
  t.deepEqual(log, ['add a@1 initial', 'add b@3', 'delete a (final state unknown)']);
  t.deepEqual(
    api.calls.map((c) => `${c.verb}@${c.at - START}${c.ok ? '' : ' failed'}`),
    ['list@0', 'watch@0', 'list@800 failed', 'list@2400', 'watch@2400'],
  );
});

test('a WATCH refused with 429 is retried after the back-off without a relist', (t) => {
  const { clock, api, informer, log } = setup();
  informer.start();
  clock.advance(5000);
  api.watchFailure = tooManyRequests('too many requests, please try again later', 1);
  api.endWatches(WATCH_CLOSED);
  api.create('pods', 'default', pod('a'));
  clock.advance(800);
  api.watchFailure = undefined;
  clock.advance(1600);
  t.deepEqual(
    api.calls.map((c) => `${c.verb}@${c.at - START} ${c.resourceVersion ?? ''}${c.ok ? '' : ' failed'}`),
    ['list@0 ', 'watch@0 0', 'watch@5000 0 failed', 'watch@5800 0 failed', 'watch@7400 0'],
  );
  clock.runUntilIdle();
  t.deepEqual(log, ['add a@1']);
});

test('resync calls onUpdate(obj, obj) for every cached object each period', (t) => {
  const { clock, api, informer, log } = setup({ resyncPeriodMs: 30_000 });
  api.create('pods', 'default', pod('a'));
  api.create('pods', 'default', pod('b'));
  informer.start();
  clock.advance(29_999);
  t.is(log.length, 2);
  clock.advance(1);
  t.deepEqual(log.slice(2), ['update a@1->1', 'update b@2->2']);
  clock.advance(30_000);
  t.is(log.length, 6);
});

test('a handler added after sync first gets onAdd for everything cached', (t) => {
  const { clock, api, informer } = setup();
  api.create('pods', 'default', pod('a'));
  informer.start();
  const late = recorder();
  const registration = informer.addEventHandler(late.handler);
  t.true(registration.hasSynced());
  t.deepEqual(late.log, ['add a@1 initial']);
  informer.removeEventHandler(registration);
  api.create('pods', 'default', pod('b'));
  clock.runUntilIdle();
  t.deepEqual(late.log, ['add a@1 initial']);
});

test('stop closes the watch and cancels every timer', (t) => {
  const { clock, api, informer, log } = setup({ resyncPeriodMs: 1000 });
  informer.start();
  informer.stop();
  api.create('pods', 'default', pod('a'));
  clock.runUntilIdle();
  t.is(api.watchCount, 0);
  t.is(clock.pendingTimers, 0);
  t.deepEqual(log, []);
  t.is(informer.state, 'stopped');
});

test('an informer for one namespace lists and watches only that namespace', (t) => {
  const { clock, api, informer, log } = setup({ namespace: 'team-a' });
  api.create('pods', 'team-a', pod('a'));
  api.create('pods', 'team-b', pod('b'));
  informer.start();
  api.create('pods', 'team-b', pod('c'));
  api.create('pods', 'team-a', pod('d'));
  clock.runUntilIdle();
  t.deepEqual(log, ['add a@1 initial', 'add d@4']);
});
