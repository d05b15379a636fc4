import test from 'ava';
import type { KubeObject } from '../../src/api/types.js';
import { deepFreeze } from '../../src/api/freeze.js';
import { parseTime, rfc3339 } from '../../src/api/time.js';
import { cachedLabelSelector, cachedParseTime } from '../../src/controllers/common/cached-parsing.js';
import { podFromTemplate } from '../../src/controllers/common/pod-control.js';
import { replicaSetControllerFactory, replicationControllerFactory } from '../../src/controllers/replicaset/factories.js';
import type { ReplicaSetController } from '../../src/controllers/replicaset/replica-set-controller.js';
import { replicasAction } from '../../src/controllers/replicaset/manage-replicas.js';
import { getPodsToDelete } from '../../src/controllers/replicaset/pods-to-delete.js';
import type { Pod } from '../../src/controllers/replicaset/types.js';
import { eventsFor, mustCreate, setPodStatus, type Harness } from './workload-fixtures.js';
import { activePods, corpusObjects, isReady, startManager, finishTerminatingPods, listPods, markPodsReady, masked, mustGet, podsOf, replicaSet, template } from './replicaset-fixtures.js';

const SUFFIX = /^frontend-[bcdfghjklmnpqrstvwxz2456789]{5}$/;

function startReplicaSets(): ReturnType<typeof startManager> {
  return startManager([
    ['replicaset', replicaSetControllerFactory],
    ['replicationcontroller', replicationControllerFactory],
  ]);
}

function settle(h: Harness): void {
  h.cluster.clock.runUntilIdle({ maxDuration: 60_000 });
}

function rsController(h: Harness): ReplicaSetController {
  return h.controllers.get('replicaset') as ReplicaSetController;
}

function status(obj: KubeObject): Record<string, unknown> {
  return obj['status'] as Record<string, unknown>;
}

test('a ReplicaSet of 3 creates 3 pods named after it from its template, then reports them', (t) => {
  const h = startReplicaSets();
  const rs = mustCreate(h.api, 'replicasets', 'default', replicaSet('frontend', 3, { tier: 'frontend' }));
  settle(h);
  const pods = listPods(h.api);
  t.is(pods.length, 3);
  for (const pod of pods) {
    t.regex(pod.metadata.name ?? '', SUFFIX);
    t.is(pod.metadata.generateName, 'frontend-');
    t.deepEqual(pod.metadata.labels, { tier: 'frontend' });
    t.deepEqual(pod.metadata.ownerReferences, [
      { apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'frontend', uid: rs.metadata.uid ?? '', controller: true, blockOwnerDeletion: true },
    ]);
  }
  t.deepEqual(masked(h.writes), [
    'create pods frontend-*',
    'create pods frontend-*',
    'create pods frontend-*',
    'update replicasets/status frontend',
    'update replicasets/status frontend',
  ]);
  t.deepEqual(status(mustGet(h.api, 'replicasets', 'frontend')), { replicas: 3, fullyLabeledReplicas: 3, observedGeneration: 1 });
  t.deepEqual(
    eventsFor(h.api, 'default', 'frontend').map((e) => e.replace(/frontend-\w{5}$/, 'frontend-*')),
    ['SuccessfulCreate Created pod: frontend-*', 'SuccessfulCreate Created pod: frontend-*', 'SuccessfulCreate Created pod: frontend-*'],
  );
});

test('the ReplicaSet controller does nothing in the steady state', (t) => {
  const h = startReplicaSets();
  mustCreate(h.api, 'replicasets', 'default', replicaSet('frontend', 3, { tier: 'frontend' }));
  settle(h);
  markPodsReady(h.api, h.cluster.clock.now());
  settle(h);
  h.writes.length = 0;
  t.is(rsController(h).sync('default/frontend'), 'done');
  settle(h);
  t.deepEqual(h.writes, []);
  t.true(h.cluster.clock.idle, 'no timer left pending: the cluster has settled');
  t.deepEqual(status(mustGet(h.api, 'replicasets', 'frontend')), {
    replicas: 3,
    fullyLabeledReplicas: 3,
    readyReplicas: 3,
    availableReplicas: 3,
    observedGeneration: 1,
  });
});

test('a ReplicaSet adopts matching orphan pods and creates only the missing ones', (t) => {
  const h = startReplicaSets();
  for (const pod of corpusObjects('website/pods/pod-rs.yaml')) mustCreate(h.api, 'pods', 'default', pod);
  settle(h);
  const [frontend] = corpusObjects('website/controllers/frontend.yaml');
  const rs = mustCreate(h.api, 'replicasets', 'default', frontend!);
  settle(h);
  const pods = podsOf(h.api, rs.metadata.uid);
  t.deepEqual(pods.map((p) => p.metadata.name).filter((n) => !SUFFIX.test(n ?? '')), ['pod1', 'pod2']);
  t.is(pods.length, 3);
  t.deepEqual(masked(h.writes), ['patch pods pod1', 'patch pods pod2', 'create pods frontend-*', 'update replicasets/status frontend', 'update replicasets/status frontend']);
});

test('orphan pods created after a full ReplicaSet are adopted and deleted', (t) => {
  const h = startReplicaSets();
  const [frontend] = corpusObjects('website/controllers/frontend.yaml');
  const rs = mustCreate(h.api, 'replicasets', 'default', frontend!);
  settle(h);
  markPodsReady(h.api, h.cluster.clock.now());
  settle(h);
  const before = podsOf(h.api, rs.metadata.uid).map((p) => p.metadata.name);
  h.writes.length = 0;
  for (const pod of corpusObjects('website/pods/pod-rs.yaml')) mustCreate(h.api, 'pods', 'default', pod);
  settle(h);
  t.deepEqual(podsOf(h.api, rs.metadata.uid).map((p) => p.metadata.name), before, 'the unassigned, not-ready pods go first');
  t.deepEqual(h.writes, [
    'patch pods pod1',
    'patch pods pod2',
    'delete pods pod1',
    'delete pods pod2',
    'update replicasets/status frontend',
    'update replicasets/status frontend',
  ]);
});

test('a pod whose labels stop matching is released and replaced', (t) => {
  const h = startReplicaSets();
  mustCreate(h.api, 'replicasets', 'default', replicaSet('frontend', 2, { tier: 'frontend' }));
  settle(h);
  const [first] = listPods(h.api);
  const name = first!.metadata.name ?? '';
  h.api.patch('pods', 'default', name, 'merge', { metadata: { labels: { tier: 'debug' } } });
  settle(h);
  t.falsy(mustGet(h.api, 'pods', name).metadata.ownerReferences?.length);
  t.is(activePods(listPods(h.api)).filter((p) => p.metadata.labels?.['tier'] === 'frontend').length, 2);
});

test('deleted pods are replaced at once, without waiting for their graceful end', (t) => {
  const h = startReplicaSets();
  const rs = mustCreate(h.api, 'replicasets', 'default', replicaSet('frontend', 3, { tier: 'frontend' }));
  settle(h);
  markPodsReady(h.api, h.cluster.clock.now());
  const [victim] = listPods(h.api);
  h.api.delete('pods', 'default', victim!.metadata.name ?? '');
  settle(h);
  t.is(activePods(podsOf(h.api, rs.metadata.uid)).length, 3);
  t.is(podsOf(h.api, rs.metadata.uid).length, 4, 'the deleted pod is still terminating');
  finishTerminatingPods(h.api);
  settle(h);
  t.is(podsOf(h.api, rs.metadata.uid).length, 3);
  t.is((status(mustGet(h.api, 'replicasets', 'frontend'))['replicas'] as number), 3);
});

test('a restarted controller manager replaces the pods deleted while it was stopped', (t) => {
  const h = startReplicaSets();
  const rs = mustCreate(h.api, 'replicasets', 'default', replicaSet('frontend', 3, { tier: 'frontend' }));
  settle(h);
  h.manager.stop();
  for (const pod of listPods(h.api)) h.api.delete('pods', 'default', pod.metadata.name ?? '');
  settle(h);
  t.is(listPods(h.api).length, 0);
  h.manager.start();
  settle(h);
  t.is(activePods(podsOf(h.api, rs.metadata.uid)).length, 3);
});

test('scaling down deletes pending and not-ready pods before ready ones', (t) => {
  const h = startReplicaSets();
  mustCreate(h.api, 'replicasets', 'default', replicaSet('frontend', 4, { tier: 'frontend' }));
  settle(h);
  const [a, b, c] = listPods(h.api);
  const now = h.cluster.clock.now();
  setPodStatus(h.api, 'default', a!.metadata.name ?? '', { phase: 'Running', ready: true }, now);
  setPodStatus(h.api, 'default', b!.metadata.name ?? '', { phase: 'Running', ready: true }, now);
  setPodStatus(h.api, 'default', c!.metadata.name ?? '', { phase: 'Running', ready: false }, now);
  settle(h);
  const rs = mustGet(h.api, 'replicasets', 'frontend');
  h.api.update('replicasets', 'default', { ...rs, spec: { ...(rs['spec'] as object), replicas: 2 } });
  settle(h);
  const remaining = activePods(listPods(h.api)).map((p) => p.metadata.name);
  t.deepEqual(remaining, [a!.metadata.name, b!.metadata.name]);
});

test('pods to delete are ranked like ActivePodsWithRanks', (t) => {
  const now = Date.UTC(2025, 0, 1, 12);
  const pod = (name: string, fields: { node?: string; phase?: string; readySince?: number; restarts?: number; created?: number; cost?: string }): Pod => ({
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name,
      uid: name,
      creationTimestamp: rfc3339(fields.created ?? now - 3_600_000),
      ...(fields.cost === undefined ? {} : { annotations: { 'controller.kubernetes.io/pod-deletion-cost': fields.cost } }),
    },
    spec: fields.node === undefined ? {} : { nodeName: fields.node },
    status: {
      phase: fields.phase ?? 'Running',
      conditions: fields.readySince === undefined ? [] : [{ type: 'Ready', status: 'True', lastTransitionTime: rfc3339(fields.readySince) }],
      containerStatuses: [{ name: 'c', restartCount: fields.restarts ?? 0 }],
    },
  });
  const pods = [
    pod('ready-old', { node: 'n1', readySince: now - 7_200_000 }),
    pod('ready-cheap', { node: 'n3', readySince: now - 7_200_000, cost: '-5' }),
    pod('pending', { node: 'n1', phase: 'Pending' }),
    pod('unassigned', { phase: 'Pending' }),
    pod('not-ready', { node: 'n1' }),
    pod('ready-new', { node: 'n2', readySince: now - 60_000 }),
    pod('restarted', { node: 'n2', readySince: now - 7_200_000, restarts: 3 }),
  ];
  const order = getPodsToDelete(pods, [], pods.length - 1, now).map((p) => p.metadata.name);
  t.deepEqual(order, ['unassigned', 'pending', 'not-ready', 'ready-cheap', 'ready-new', 'restarted']);
  const colocated = getPodsToDelete([pods[0]!, pods[6]!], [pods[0]!, pods[2]!, pods[4]!, pods[6]!], 1, now).map((p) => p.metadata.name);
  t.deepEqual(colocated, ['ready-old'], 'a pod doubled up on a node with related pods goes first');
});

test('a ReplicaSet creates at most 500 pods per sync', (t) => {
  const h = startReplicaSets();
  mustCreate(h.api, 'replicasets', 'default', replicaSet('frontend', 600, { tier: 'frontend' }));
  settle(h);
  const firstStatus = h.writes.indexOf('update replicasets/status frontend');
  t.is(firstStatus, 500);
  t.is(listPods(h.api).length, 600);
  t.deepEqual(replicasAction(700, 100), { kind: 'delete', count: 500 });
});

test('a refused pod gives FailedCreate events, a ReplicaFailure condition and retries with back-off', (t) => {
  const h = startReplicaSets();
  const rs = replicaSet('frontend', 3, { tier: 'frontend' }, { template: template({ tier: 'frontend' }, { priorityClassName: 'placeholder' }) });
  mustCreate(h.api, 'replicasets', 'default', rs);
  h.cluster.clock.advance(1000);
  t.is(listPods(h.api).length, 0);
  const [failure] = (status(mustGet(h.api, 'replicasets', 'frontend'))['conditions'] as { type: string; status: string; reason: string; message: string }[]);
  t.like(failure, { type: 'ReplicaFailure', status: 'True', reason: 'FailedCreate' });
  t.regex(failure!.message, /^pods "frontend-\w*" is forbidden: no PriorityClass with name placeholder was found$/);
  const event = mustEvents(h, 'FailedCreate');
  t.regex(event.message, /^Error creating: pods "frontend-\w*" is forbidden: no PriorityClass with name placeholder was found$/);
  t.is(event.type, 'Warning');
  const attemptsInFirstSecond = event.count;
  t.true(attemptsInFirstSecond >= 5 && attemptsInFirstSecond <= 10, `back-off 5 ms, 10 ms, 20 ms, …: ${attemptsInFirstSecond} attempts`);

  mustCreate(h.api, 'priorityclasses', '', { apiVersion: 'scheduling.k8s.io/v1', kind: 'PriorityClass', metadata: { name: 'placeholder' }, value: -10 });
  h.cluster.clock.advance(10 * 60_000);
  t.is(listPods(h.api).length, 3);
  t.is(status(mustGet(h.api, 'replicasets', 'frontend'))['conditions'], undefined);
});

function mustEvents(h: Harness, reason: string): { message: string; type: string; count: number } {
  const r = h.api.list('events', 'default');
  const found = r.ok ? r.value.items.find((e) => e['reason'] === reason) : undefined;
  if (found === undefined) throw new Error(`no ${reason} event`);
  return found as unknown as { message: string; type: string; count: number };
}

test('availableReplicas counts a ready pod once minReadySeconds have passed since it became ready', (t) => {
  const h = startReplicaSets();
  mustCreate(h.api, 'replicasets', 'default', replicaSet('frontend', 2, { tier: 'frontend' }, { minReadySeconds: 30 }));
  settle(h);
  markPodsReady(h.api, h.cluster.clock.now());
  h.cluster.clock.advance(1000);
  t.like(status(mustGet(h.api, 'replicasets', 'frontend')), { readyReplicas: 2, availableReplicas: undefined });
  h.cluster.clock.advance(28_000);
  t.like(status(mustGet(h.api, 'replicasets', 'frontend')), { availableReplicas: undefined });
  h.cluster.clock.advance(1000);
  t.like(status(mustGet(h.api, 'replicasets', 'frontend')), { readyReplicas: 2, availableReplicas: 2 });
});

test('a ReplicationController takes its selector from its template and keeps its pods', (t) => {
  const h = startReplicaSets();
  const rc = mustCreate(h.api, 'replicationcontrollers', 'default', {
    apiVersion: 'v1',
    kind: 'ReplicationController',
    metadata: { name: 'nginx' },
    spec: { replicas: 2, template: template({ app: 'nginx' }) },
  });
  t.deepEqual((rc['spec'] as { selector: unknown }).selector, { app: 'nginx' });
  settle(h);
  const pods = podsOf(h.api, rc.metadata.uid);
  t.is(pods.length, 2);
  t.like(pods[0]!.metadata.ownerReferences?.[0], { apiVersion: 'v1', kind: 'ReplicationController', name: 'nginx', controller: true });
  t.like(status(mustGet(h.api, 'replicationcontrollers', 'nginx')), { replicas: 2, fullyLabeledReplicas: 2, observedGeneration: 1 });
  const events = h.api.list('events', 'default');
  const sources = events.ok ? new Set(events.value.items.map((e) => (e['source'] as { component: string }).component)) : new Set();
  t.deepEqual([...sources], ['replication-controller']);
  t.deepEqual(listPods(h.api).filter((p) => p.metadata.ownerReferences?.[0]?.kind === 'ReplicaSet'), [], 'the ReplicaSet controller leaves them alone');
});

test('the status always matches a full recount of the pods, whatever happens to them', (t) => {
  const h = startReplicaSets();
  mustCreate(h.api, 'replicasets', 'default', replicaSet('frontend', 6, { tier: 'frontend' }));
  settle(h);
  let seed = 7;
  const next = (n: number): number => {
    seed = (seed * 1103515245 + 12345) % 2 ** 31;
    return seed % n;
  };
  const phases = ['Running', 'Running', 'Failed'] as const;
  for (let step = 0; step < 60; step++) {
    const pods = activePods(listPods(h.api));
    const pod = pods[next(Math.max(pods.length, 1))];
    const name = pod?.metadata.name ?? '';
    const now = h.cluster.clock.now();
    switch (next(7)) {
      case 0:
      case 1:
        if (pod !== undefined) setPodStatus(h.api, 'default', name, { phase: phases[next(3)]!, ready: next(2) === 0 }, now);
        break;
      case 2:
        if (pod !== undefined) h.api.patch('pods', 'default', name, 'merge', { metadata: { labels: { tier: next(2) === 0 ? 'debug' : 'frontend', extra: 'x' } } });
        break;
      case 3:
        if (pod !== undefined) h.api.delete('pods', 'default', name);
        break;
      case 4:
        mustCreate(h.api, 'pods', 'default', { apiVersion: 'v1', kind: 'Pod', metadata: { generateName: 'orphan-', labels: { tier: 'frontend' } }, spec: { containers: [{ name: 'c', image: 'nginx' }] } });
        break;
      case 5: {
        const rs = mustGet(h.api, 'replicasets', 'frontend');
        h.api.update('replicasets', 'default', { ...rs, spec: { ...(rs['spec'] as object), replicas: 3 + next(6) } });
        break;
      }
      default: {
        const rs = mustGet(h.api, 'replicasets', 'frontend');
        const spec = rs['spec'] as { template: { metadata: { labels: Record<string, string> } } };
        const labels = next(2) === 0 ? { tier: 'frontend' } : { tier: 'frontend', extra: 'x' };
        h.api.update('replicasets', 'default', { ...rs, spec: { ...spec, template: { ...spec.template, metadata: { labels } } } });
      }
    }
    settle(h);
    const rs = mustGet(h.api, 'replicasets', 'frontend');
    const templateLabels = (rs['spec'] as { template: { metadata: { labels: Record<string, string> } } }).template.metadata.labels;
    const owned = podsOf(h.api, rs.metadata.uid).filter((p) => {
      const phase = (p['status'] as { phase?: string } | undefined)?.phase;
      return p.metadata.deletionTimestamp === undefined && phase !== 'Failed' && phase !== 'Succeeded';
    });
    const fullyLabeled = owned.filter((p) => Object.entries(templateLabels).every(([k, v]) => p.metadata.labels?.[k] === v)).length;
    const ready = owned.filter((p) => isReady(p)).length;
    const s = status(rs);
    t.deepEqual(
      [s['replicas'], s['fullyLabeledReplicas'] ?? 0, s['readyReplicas'] ?? 0, s['availableReplicas'] ?? 0],
      [owned.length, fullyLabeled, ready, ready],
      `step ${step}`,
    );
  }
});

test('a pod made from a frozen template shares its spec only when asked to', (t) => {
  const frozen = deepFreeze({ metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'c', image: 'nginx' }] } });
  const shared = podFromTemplate(frozen, 'default', undefined, { generateNamePrefix: 'web', shareSpec: true });
  t.is(shared['spec'], frozen.spec);
  const copied = podFromTemplate(frozen, 'default', undefined, { generateNamePrefix: 'web' });
  t.not(copied['spec'], frozen.spec);
  t.deepEqual(copied['spec'], frozen.spec);
  const mutable = { spec: { containers: [{ name: 'c', image: 'nginx' }] } };
  t.not(podFromTemplate(mutable, 'default', undefined, { shareSpec: true })['spec'], mutable.spec);
});

test('frozen selectors and timestamps are parsed once, with the same results', (t) => {
  const selector = deepFreeze({ matchLabels: { app: 'web' } });
  const first = cachedLabelSelector(selector);
  t.is(cachedLabelSelector(selector), first);
  t.true(first.ok && first.value.test({ app: 'web' }));
  t.false(cachedLabelSelector({ matchLabels: { 'bad key!': 'x' } }).ok);
  t.is(cachedParseTime('2025-01-01T00:00:07Z'), parseTime('2025-01-01T00:00:07Z'));
  t.is(cachedParseTime('2025-01-01T00:00:07Z'), parseTime('2025-01-01T00:00:07Z'));
  t.is(cachedParseTime('not a time'), undefined);
});
