import test from 'ava';
import { Cluster } from '../../src/cluster/cluster.js';
import { RateLimitingQueue } from '../../src/client/workqueue.js';
import { metaNamespaceKeyFunc } from '../../src/client/store.js';
import type { Controller, ControllerFactory } from '../../src/controllers/common/controller.js';
import { KubeControllerManager } from '../../src/controllers/controller-manager.js';

/** A controller that records every ConfigMap key it syncs. */
function recordingFactory(seen: string[]): ControllerFactory {
  return (ctx): Controller => {
    const queue = new RateLimitingQueue(ctx.clock, { name: 'recorder' });
    ctx.informers.informer('configmaps').addEventHandler({ onAdd: (obj) => queue.add(metaNamespaceKeyFunc(obj)) });
    return {
      name: 'recorder',
      run: () => queue.run((key) => void seen.push(key)),
      stop: () => queue.shutDown(),
      queues: () => [queue.metrics()],
    };
  };
}

test('the manager runs each controller on shared informers, and a restart starts them afresh', (t) => {
  const cluster = new Cluster({ seed: 1 });
  const seen: string[] = [];
  const manager = new KubeControllerManager(
    { api: cluster.api, clock: cluster.clock, random: cluster.random, profile: 'real' },
    new Map([['recorder', recordingFactory(seen)]]),
  );
  cluster.api.create('configmaps', 'default', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'a' } });
  manager.start();
  cluster.clock.runUntilIdle();
  t.is(manager.state, 'running');
  t.deepEqual(seen, ['default/a']);
  t.deepEqual([...manager.controllers().keys()], ['recorder']);

  manager.stop();
  t.is(manager.state, 'stopped');
  t.deepEqual([...manager.controllers().keys()], []);
  cluster.api.create('configmaps', 'default', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'b' } });
  cluster.clock.runUntilIdle();
  t.deepEqual(seen, ['default/a']);

  manager.start();
  cluster.clock.runUntilIdle();
  t.deepEqual(seen.slice(1).sort(), ['default/a', 'default/b']);
  cluster.dispose();
});
