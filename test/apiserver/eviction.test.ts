import test from 'ava';
import type { KubeObject } from '../../src/api/types.js';
import type { Status } from '../../src/api/status.js';
import { Cluster } from '../../src/cluster/cluster.js';

function cluster(): Cluster {
  return new Cluster({ seed: 1 });
}

function runningPod(c: Cluster, name: string, labels: Record<string, string> = { app: 'web' }, phase = 'Running'): void {
  const created = c.api.create('pods', 'default', {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, labels },
    spec: { nodeName: 'node-1', containers: [{ name: 'web', image: 'nginx:1.27' }] },
  });
  if (!created.ok) throw new Error(created.status.message);
  const status = { phase, conditions: [{ type: 'Ready', status: phase === 'Running' ? 'True' : 'False' }] };
  const updated = c.api.update('pods', 'default', { ...created.value, status } as KubeObject, { subresource: 'status' });
  if (!updated.ok) throw new Error(updated.status.message);
}

function pdb(c: Cluster, name: string, status: Record<string, unknown>, selector: Record<string, string> = { app: 'web' }): void {
  const created = c.api.create('poddisruptionbudgets', 'default', {
    apiVersion: 'policy/v1',
    kind: 'PodDisruptionBudget',
    metadata: { name },
    spec: { minAvailable: 2, selector: { matchLabels: selector } },
  });
  if (!created.ok) throw new Error(created.status.message);
  const updated = c.api.update('poddisruptionbudgets', 'default', { ...created.value, status: { observedGeneration: 1, ...status } } as KubeObject, { subresource: 'status' });
  if (!updated.ok) throw new Error(updated.status.message);
}

function evict(c: Cluster, name: string, deleteOptions?: Record<string, unknown>) {
  const body: KubeObject = { apiVersion: 'policy/v1', kind: 'Eviction', metadata: { name, namespace: 'default' } };
  if (deleteOptions) body['deleteOptions'] = deleteOptions;
  return c.api.create('pods/eviction', 'default', body);
}

function failure(result: ReturnType<typeof evict>): Status {
  if (result.ok) throw new Error('expected a failure');
  return result.status;
}

test('evicting a missing pod is 404 NotFound', (t) => {
  const c = cluster();
  const status = failure(evict(c, 'nope'));
  t.is(status.code, 404);
  t.is(status.message, 'pods "nope" not found');
  c.dispose();
});

test('a disruption budget with no disruption allowed refuses with 429 and names the budget in the cause', (t) => {
  const c = cluster();
  runningPod(c, 'web-1');
  pdb(c, 'web-pdb', { disruptionsAllowed: 0, currentHealthy: 2, desiredHealthy: 2, expectedPods: 3 });
  const status = failure(evict(c, 'web-1'));
  t.is(status.code, 429);
  t.is(status.reason, 'TooManyRequests');
  t.is(status.message, "Cannot evict pod as it would violate the pod's disruption budget.");
  t.deepEqual(status.details?.causes, [{ reason: 'DisruptionBudget', message: 'The disruption budget web-pdb needs 2 healthy pods and has 2 currently' }]);
  const pod = c.api.get('pods', 'default', 'web-1');
  t.true(pod.ok && pod.value.metadata.deletionTimestamp === undefined);
  c.dispose();
});

test('a budget whose status the disruption controller has not observed yet refuses with 429', (t) => {
  const c = cluster();
  runningPod(c, 'web-1');
  c.api.create('poddisruptionbudgets', 'default', {
    apiVersion: 'policy/v1',
    kind: 'PodDisruptionBudget',
    metadata: { name: 'web-pdb' },
    spec: { minAvailable: 1, selector: { matchLabels: { app: 'web' } } },
  });
  const status = failure(evict(c, 'web-1'));
  t.is(status.code, 429);
  t.is(status.details?.retryAfterSeconds, 10);
  t.deepEqual(status.details?.causes, [{ reason: 'DisruptionBudget', message: 'The disruption budget web-pdb is still being processed by the server.' }]);
  c.dispose();
});

test('an allowed eviction decrements disruptionsAllowed, records the pod and deletes it gracefully', (t) => {
  const c = cluster();
  runningPod(c, 'web-1');
  pdb(c, 'web-pdb', { disruptionsAllowed: 1, currentHealthy: 3, desiredHealthy: 2, expectedPods: 3 });
  const result = evict(c, 'web-1');
  t.deepEqual(result.ok && result.value, { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Success', code: 201 });
  const budget = c.api.get('poddisruptionbudgets', 'default', 'web-pdb');
  const status = budget.ok ? (budget.value['status'] as { disruptionsAllowed: number; disruptedPods: Record<string, string>; conditions: { type: string; status: string; reason: string }[] }) : undefined;
  t.is(status?.disruptionsAllowed, 0);
  t.deepEqual(Object.keys(status?.disruptedPods ?? {}), ['web-1']);
  t.like(status?.conditions.find((cond) => cond.type === 'DisruptionAllowed'), { status: 'False', reason: 'InsufficientPods' });
  const pod = c.api.get('pods', 'default', 'web-1');
  if (!pod.ok) return t.fail('a running pod terminates gracefully');
  t.is(pod.value.metadata.deletionGracePeriodSeconds, 30);
  const conditions = (pod.value['status'] as { conditions: { type: string; reason?: string; message?: string }[] }).conditions;
  t.like(conditions.find((cond) => cond.type === 'DisruptionTarget'), { reason: 'EvictionByEvictionAPI', message: 'Eviction API: evicting' });
  t.is(failure(evict(c, 'web-2')).code, 404);
  c.dispose();
});

test('the eviction honours the grace period of its deleteOptions', (t) => {
  const c = cluster();
  runningPod(c, 'web-1');
  t.true(evict(c, 'web-1', { gracePeriodSeconds: 5 }).ok);
  const pod = c.api.get('pods', 'default', 'web-1');
  t.is(pod.ok && pod.value.metadata.deletionGracePeriodSeconds, 5);
  c.dispose();
});

test('a pod selected by two budgets cannot be evicted: 500', (t) => {
  const c = cluster();
  runningPod(c, 'web-1');
  pdb(c, 'a', { disruptionsAllowed: 1, currentHealthy: 3, desiredHealthy: 2, expectedPods: 3 });
  pdb(c, 'b', { disruptionsAllowed: 1, currentHealthy: 3, desiredHealthy: 2, expectedPods: 3 });
  const status = failure(evict(c, 'web-1'));
  t.is(status.code, 500);
  t.is(status.reason, 'InternalError');
  t.is(status.message, 'Internal error occurred: This pod has more than one PodDisruptionBudget, which the eviction subresource does not support.');
  c.dispose();
});

test('a pending pod is deleted without consulting its budget', (t) => {
  const c = cluster();
  runningPod(c, 'web-1', { app: 'web' }, 'Pending');
  pdb(c, 'web-pdb', { disruptionsAllowed: 0, currentHealthy: 0, desiredHealthy: 2, expectedPods: 3 });
  t.true(evict(c, 'web-1').ok);
  const budget = c.api.get('poddisruptionbudgets', 'default', 'web-pdb');
  t.is(budget.ok && (budget.value['status'] as { disruptionsAllowed: number }).disruptionsAllowed, 0);
  c.dispose();
});

test('a budget in another namespace or with another selector does not guard the pod', (t) => {
  const c = cluster();
  runningPod(c, 'web-1');
  pdb(c, 'other', { disruptionsAllowed: 0, currentHealthy: 1, desiredHealthy: 1, expectedPods: 1 }, { app: 'db' });
  t.true(evict(c, 'web-1').ok);
  c.dispose();
});
