import test from 'ava';
import type { KubeObject } from '../../src/api/types.js';
import { podGCControllerFactory, podGCControllerFactoryWith } from '../../src/controllers/podgc/pod-gc-controller.js';
import { byEvictionAndCreationTimestamp, failedStatus, terminatedPodsToDelete } from '../../src/controllers/podgc/plan.js';
import { getObject, mustCreate, names, pod, setPodStatus, startControllers } from './garbagecollector-harness.js';

function node(name: string, extra: { ready?: boolean; taints?: object[] } = {}): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: { name },
    spec: extra.taints ? { taints: extra.taints } : {},
    status: { conditions: [{ type: 'Ready', status: extra.ready === false ? 'False' : 'True' }] },
  };
}

test('a pod bound to a node that does not exist is marked Failed and force-deleted after the 40 s quarantine', (t) => {
  const h = startControllers([['pod-garbage-collector', podGCControllerFactory]]);
  // The first check ran at start; the pod appears just after it (kubectl apply of pod-nginx-specific-node.yaml).
  mustCreate(h.api, 'pods', 'default', pod('nginx', { nodeName: 'foo-node' }));
  h.advance(20_000); // the check at 20 s quarantines foo-node until 60 s
  h.advance(39_999);
  t.truthy(getObject(h.api, 'pods', 'default', 'nginx'));
  t.deepEqual(h.writes, []);
  h.advance(1);
  t.is(getObject(h.api, 'pods', 'default', 'nginx'), undefined);
  t.deepEqual(h.writes, ['update pods/status nginx', 'delete pods nginx']);
  h.dispose();
});

test('the orphan check keeps the cluster busy until the orphaned pod is gone, then goes back to the background', (t) => {
  const h = startControllers([['pod-garbage-collector', podGCControllerFactory]]);
  const start = h.cluster.clock.now();
  mustCreate(h.api, 'pods', 'default', pod('nginx', { nodeName: 'foo-node' }));
  h.settle();
  t.is(getObject(h.api, 'pods', 'default', 'nginx'), undefined);
  t.is(h.cluster.clock.now() - start, 60_000);
  t.true(h.cluster.clock.idle);
  h.dispose();
});

test('the status written before the forced deletion is Failed with the DisruptionTarget condition DeletionByPodGC', (t) => {
  const stored = { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' }, status: { phase: 'Pending', qosClass: 'BestEffort' } };
  t.deepEqual(
    failedStatus(stored, { type: 'DisruptionTarget', status: 'True', reason: 'DeletionByPodGC', message: 'PodGC: node no longer exists' }, Date.UTC(2025, 0, 1, 0, 1)),
    {
      phase: 'Failed',
      qosClass: 'BestEffort',
      conditions: [
        { type: 'DisruptionTarget', status: 'True', reason: 'DeletionByPodGC', message: 'PodGC: node no longer exists', lastProbeTime: null, lastTransitionTime: '2025-01-01T00:01:00Z' },
      ],
    },
  );
  t.is(failedStatus({ ...stored, status: { phase: 'Succeeded' } }, undefined, 0), undefined);
});

test('a pod whose node is back before the quarantine ends is kept', (t) => {
  const h = startControllers([['pod-garbage-collector', podGCControllerFactory]]);
  mustCreate(h.api, 'pods', 'default', pod('web', { nodeName: 'node-9' }));
  h.advance(30_000);
  mustCreate(h.api, 'nodes', '', node('node-9'));
  h.settle();
  h.advance(120_000);
  t.truthy(getObject(h.api, 'pods', 'default', 'web'));
  t.deepEqual(h.writes, []);
  h.dispose();
});

test('the pods of a deleted node are collected after the quarantine', (t) => {
  const h = startControllers([['pod-garbage-collector', podGCControllerFactory]], {
    before: (api) => {
      mustCreate(api, 'nodes', '', node('node-1'));
      mustCreate(api, 'pods', 'default', pod('a', { nodeName: 'node-1' }));
      mustCreate(api, 'pods', 'default', pod('b', { nodeName: 'node-1' }));
    },
  });
  h.settle();
  t.deepEqual(names(h.api, 'pods', 'default'), ['a', 'b']);
  h.api.delete('nodes', '', 'node-1');
  h.settle();
  t.deepEqual(names(h.api, 'pods', 'default'), []);
  h.dispose();
});

test('a terminating pod that was never scheduled is deleted at the next check', (t) => {
  const h = startControllers([['pod-garbage-collector', podGCControllerFactory]]);
  mustCreate(h.api, 'pods', 'default', {
    ...pod('stuck'),
    metadata: { name: 'stuck', namespace: 'default', finalizers: ['example.com/hold'] },
  });
  h.api.delete('pods', 'default', 'stuck');
  t.truthy(getObject(h.api, 'pods', 'default', 'stuck')?.metadata.deletionTimestamp);
  h.settle();
  // Marked Failed, then deleted with grace 0, which changes nothing more: the finalizer holds the object.
  const stored = getObject(h.api, 'pods', 'default', 'stuck');
  t.is((stored?.['status'] as { phase: string }).phase, 'Failed');
  t.deepEqual(h.writes, ['update pods/status stuck']);
  t.true(h.cluster.clock.idle);
  h.dispose();
});

test('terminated pods beyond the threshold are deleted, oldest first', (t) => {
  const h = startControllers([['pod-garbage-collector', podGCControllerFactoryWith({ terminatedPodThreshold: 2 })]]);
  for (const name of ['done-1', 'done-2', 'done-3']) {
    mustCreate(h.api, 'pods', 'default', pod(name));
    setPodStatus(h.api, 'default', name, 'Succeeded', false);
    h.advance(1_000);
  }
  mustCreate(h.api, 'pods', 'default', pod('running'));
  h.advance(20_000);
  t.deepEqual(names(h.api, 'pods', 'default'), ['done-2', 'done-3', 'running']);
  t.deepEqual(h.writes, ['delete pods done-1']);
  h.dispose();
});

test('evicted pods go before older terminated pods', (t) => {
  const at = (name: string, time: string, status: object): KubeObject => ({ apiVersion: 'v1', kind: 'Pod', metadata: { name, creationTimestamp: time }, status });
  const old = at('old', '2025-01-01T00:00:00Z', { phase: 'Succeeded' });
  const evicted = at('evicted', '2025-01-01T01:00:00Z', { phase: 'Failed', reason: 'Evicted' });
  const young = at('young', '2025-01-01T02:00:00Z', { phase: 'Failed' });
  t.deepEqual([young, old, evicted].sort(byEvictionAndCreationTimestamp).map((p) => p.metadata.name), ['evicted', 'old', 'young']);
  t.deepEqual(terminatedPodsToDelete([young, old, evicted], 1).map((p) => p.metadata.name), ['evicted', 'old']);
});

test('terminating pods on a NotReady node tainted out-of-service are force-deleted', (t) => {
  const h = startControllers([['pod-garbage-collector', podGCControllerFactory]], {
    before: (api) => {
      mustCreate(api, 'nodes', '', node('node-1', { ready: false, taints: [{ key: 'node.kubernetes.io/out-of-service', value: 'nodeshutdown', effect: 'NoExecute' }] }));
      mustCreate(api, 'pods', 'default', pod('web', { nodeName: 'node-1' }));
      api.delete('pods', 'default', 'web');
    },
  });
  t.is(getObject(h.api, 'pods', 'default', 'web'), undefined);
  t.deepEqual(h.writes, ['update pods/status web', 'delete pods web']);
  h.dispose();
});
