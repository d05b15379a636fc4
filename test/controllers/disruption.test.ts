import test from 'ava';
import type { KubeObject } from '../../src/api/types.js';
import { disruptionControllerFactory } from '../../src/controllers/disruption/disruption-controller.js';
import { eventsFor, getObject, mustCreate, ownerRef, pod, setPodStatus, startControllers, workload } from './garbagecollector-harness.js';

function pdb(name: string, spec: { minAvailable?: number | string; maxUnavailable?: number | string }, app: string): KubeObject {
  return { apiVersion: 'policy/v1', kind: 'PodDisruptionBudget', metadata: { name, namespace: 'default' }, spec: { ...spec, selector: { matchLabels: { app } } } };
}

function status(h: { api: Parameters<typeof getObject>[0] }, name: string): Record<string, unknown> {
  return getObject(h.api, 'poddisruptionbudgets', 'default', name)?.['status'] as Record<string, unknown>;
}

test('a budget that selects no pod allows no disruption and says so (zk-pdb: MIN AVAILABLE 2, ALLOWED DISRUPTIONS 0)', (t) => {
  const h = startControllers([['disruption', disruptionControllerFactory]]);
  mustCreate(h.api, 'poddisruptionbudgets', 'default', pdb('zk-pdb', { minAvailable: 2 }, 'zookeeper'));
  h.settle();
  t.deepEqual(status(h, 'zk-pdb'), {
    observedGeneration: 1,
    disruptionsAllowed: 0,
    currentHealthy: 0,
    desiredHealthy: 2,
    expectedPods: 0,
    conditions: [{ type: 'DisruptionAllowed', status: 'False', observedGeneration: 1, lastTransitionTime: '2025-01-01T00:00:00Z', reason: 'InsufficientPods', message: '' }],
  });
  t.deepEqual(eventsFor(h.api, 'default', 'PodDisruptionBudget', 'zk-pdb').map((e) => [e.type, e.reason, e.message, e.source]), [
    ['Normal', 'NoPods', 'No matching pods found', 'controllermanager'],
  ]);
  h.dispose();
});

test('maxUnavailable counts against the scale of the pods\' StatefulSet, and ready pods allow disruptions', (t) => {
  const h = startControllers([['disruption', disruptionControllerFactory]]);
  const sts = mustCreate(h.api, 'statefulsets', 'default', workload('StatefulSet', 'zk', { replicas: 3 }));
  for (const name of ['zk-0', 'zk-1', 'zk-2']) mustCreate(h.api, 'pods', 'default', pod(name, { labels: { app: 'zk' }, owners: [ownerRef(sts)] }));
  mustCreate(h.api, 'poddisruptionbudgets', 'default', pdb('zk-pdb', { maxUnavailable: 1 }, 'zk'));
  h.settle();
  t.like(status(h, 'zk-pdb'), { disruptionsAllowed: 0, currentHealthy: 0, desiredHealthy: 2, expectedPods: 3 });
  for (const name of ['zk-0', 'zk-1', 'zk-2']) setPodStatus(h.api, 'default', name, 'Running', true);
  h.settle();
  const s = status(h, 'zk-pdb');
  t.like(s, { disruptionsAllowed: 1, currentHealthy: 3, desiredHealthy: 2, expectedPods: 3 });
  t.like((s['conditions'] as object[])[0], { type: 'DisruptionAllowed', status: 'True', reason: 'SufficientPods' });
  h.writes.length = 0;
  h.advance(60_000);
  t.deepEqual(h.writes, [], 'the steady state writes nothing');
  h.dispose();
});

test('a percentage minAvailable counts through the Deployment above the pods\' ReplicaSet', (t) => {
  const h = startControllers([['disruption', disruptionControllerFactory]]);
  const deploy = mustCreate(h.api, 'deployments', 'default', workload('Deployment', 'web', { replicas: 4 }));
  const rs = mustCreate(h.api, 'replicasets', 'default', workload('ReplicaSet', 'web-1', { replicas: 4, label: 'web', owners: [ownerRef(deploy)] }));
  for (const name of ['web-1-a', 'web-1-b']) {
    mustCreate(h.api, 'pods', 'default', pod(name, { labels: { app: 'web' }, owners: [ownerRef(rs)] }));
    setPodStatus(h.api, 'default', name, 'Running', true);
  }
  mustCreate(h.api, 'poddisruptionbudgets', 'default', pdb('web', { minAvailable: '50%' }, 'web'));
  h.settle();
  t.like(status(h, 'web'), { expectedPods: 4, desiredHealthy: 2, currentHealthy: 2, disruptionsAllowed: 0 });
  h.dispose();
});

test('unmanaged pods under a percentage budget are reported; a DaemonSet has no scale and the budget fails safe', (t) => {
  const h = startControllers([['disruption', disruptionControllerFactory]]);
  mustCreate(h.api, 'pods', 'default', pod('loose', { labels: { app: 'x' } }));
  mustCreate(h.api, 'poddisruptionbudgets', 'default', pdb('x', { maxUnavailable: '10%' }, 'x'));
  const ds = mustCreate(h.api, 'daemonsets', 'default', {
    apiVersion: 'apps/v1',
    kind: 'DaemonSet',
    metadata: { name: 'agent', namespace: 'default' },
    spec: { selector: { matchLabels: { app: 'agent' } }, template: { metadata: { labels: { app: 'agent' } }, spec: { containers: [{ name: 'a', image: 'agent:1' }] } } },
  });
  mustCreate(h.api, 'pods', 'default', pod('agent-1', { labels: { app: 'agent' }, owners: [ownerRef(ds)] }));
  mustCreate(h.api, 'poddisruptionbudgets', 'default', pdb('agent', { maxUnavailable: 1 }, 'agent'));
  h.settle();
  t.deepEqual(eventsFor(h.api, 'default', 'PodDisruptionBudget', 'x').map((e) => e.reason), ['UnmanagedPods']);
  t.regex(eventsFor(h.api, 'default', 'PodDisruptionBudget', 'x')[0]?.message ?? '', /^Pods selected by this PodDisruptionBudget \(selector: &LabelSelector\{MatchLabels:map\[string\]string\{app: x,\},/);
  const agent = status(h, 'agent');
  t.like((agent['conditions'] as object[])[0], { type: 'DisruptionAllowed', status: 'False', reason: 'SyncFailed', message: 'daemonsets.apps does not implement the scale subresource' });
  t.deepEqual(eventsFor(h.api, 'default', 'PodDisruptionBudget', 'agent').map((e) => [e.reason, e.message]), [
    ['CalculateExpectedPodCountFailed', 'Failed to calculate the number of expected pods: daemonsets.apps does not implement the scale subresource'],
  ]);
  h.dispose();
});
