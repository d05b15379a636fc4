import test from 'ava';
import type { KubeObject } from '../../src/api/types.js';
import { statefulSetControllerFactory } from '../../src/controllers/statefulset/statefulset-controller.js';
import { eventsFor, mustCreate, podsNamed, setPodStatus, startHarness, type Harness } from './workload-fixtures.js';

function statefulSet(replicas: number, extra: Record<string, unknown> = {}): KubeObject {
  return {
    apiVersion: 'apps/v1',
    kind: 'StatefulSet',
    metadata: { name: 'web', namespace: 'default' },
    spec: {
      serviceName: 'nginx',
      replicas,
      selector: { matchLabels: { app: 'nginx' } },
      template: { metadata: { labels: { app: 'nginx' } }, spec: { containers: [{ name: 'nginx', image: 'registry.k8s.io/nginx-slim:0.24', volumeMounts: [{ name: 'www', mountPath: '/usr/share/nginx/html' }] }] } },
      volumeClaimTemplates: [{ metadata: { name: 'www' }, spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } } }],
      ...extra,
    },
  };
}

function podNames(h: Harness): string[] {
  return podsNamed(h.api, 'default', 'web-').map((p) => p.metadata.name!);
}

function markReady(h: Harness, name: string): void {
  setPodStatus(h.api, 'default', name, { phase: 'Running', ready: true }, h.cluster.clock.now());
  h.cluster.clock.runUntilIdle();
}

function getSet(h: Harness): KubeObject {
  const r = h.api.get('statefulsets', 'default', 'web');
  if (!r.ok) throw new Error('no set');
  return r.value;
}

test('an OrderedReady StatefulSet creates web-0, web-1 and web-2 strictly in order', (t) => {
  const h = startHarness([['statefulset', statefulSetControllerFactory]]);
  mustCreate(h.api, 'statefulsets', 'default', statefulSet(3));
  h.cluster.clock.runUntilIdle();
  t.deepEqual(podNames(h), ['web-0']);
  setPodStatus(h.api, 'default', 'web-0', { phase: 'Running', ready: false }, h.cluster.clock.now());
  h.cluster.clock.runUntilIdle();
  t.deepEqual(podNames(h), ['web-0'], 'web-1 waits until web-0 is Ready');
  markReady(h, 'web-0');
  t.deepEqual(podNames(h), ['web-0', 'web-1']);
  markReady(h, 'web-1');
  t.deepEqual(podNames(h), ['web-0', 'web-1', 'web-2']);
  markReady(h, 'web-2');
  t.deepEqual(
    eventsFor(h.api, 'default', 'web'),
    [0, 1, 2].flatMap((i) => [`SuccessfulCreate create Claim www-web-${i} Pod web-${i} in StatefulSet web success`, `SuccessfulCreate create Pod web-${i} in StatefulSet web successful`]),
  );
});

test('a StatefulSet pod has its identity, hostname, subdomain, revision label and claim volume', (t) => {
  const h = startHarness([['statefulset', statefulSetControllerFactory]]);
  mustCreate(h.api, 'statefulsets', 'default', statefulSet(1));
  h.cluster.clock.runUntilIdle();
  const pod = podsNamed(h.api, 'default', 'web-0')[0]!;
  const set = getSet(h);
  const status = set['status'] as { updateRevision: string };
  t.is(pod.metadata.generateName, 'web-');
  t.deepEqual(pod.metadata.labels, {
    app: 'nginx',
    'statefulset.kubernetes.io/pod-name': 'web-0',
    'apps.kubernetes.io/pod-index': '0',
    'controller-revision-hash': status.updateRevision,
  });
  t.regex(status.updateRevision, /^web-[bcdfghjklmnpqrstvwxz2456789]+$/);
  const spec = pod['spec'] as { hostname: string; subdomain: string; volumes: unknown[] };
  t.is(spec.hostname, 'web-0');
  t.is(spec.subdomain, 'nginx');
  t.deepEqual(spec.volumes[0], { name: 'www', persistentVolumeClaim: { claimName: 'www-web-0' } });
  const claim = h.api.get('persistentvolumeclaims', 'default', 'www-web-0');
  t.true(claim.ok);
  if (claim.ok) t.deepEqual(claim.value.metadata.labels, { app: 'nginx' });
});

test('the status counts ready replicas and records the revisions', (t) => {
  const h = startHarness([['statefulset', statefulSetControllerFactory]]);
  mustCreate(h.api, 'statefulsets', 'default', statefulSet(2));
  h.cluster.clock.runUntilIdle();
  markReady(h, 'web-0');
  markReady(h, 'web-1');
  const status = getSet(h)['status'] as Record<string, unknown>;
  t.like(status, { replicas: 2, readyReplicas: 2, currentReplicas: 2, updatedReplicas: 2, availableReplicas: 2, observedGeneration: 1, collisionCount: 0 });
  t.is(status['currentRevision'], status['updateRevision']);
});

test('scaling down removes the highest ordinal first and keeps its claim', (t) => {
  const h = startHarness([['statefulset', statefulSetControllerFactory]]);
  mustCreate(h.api, 'statefulsets', 'default', statefulSet(3));
  h.cluster.clock.runUntilIdle();
  for (const name of ['web-0', 'web-1', 'web-2']) markReady(h, name);
  const set = getSet(h);
  h.api.update('statefulsets', 'default', { ...set, spec: { ...(set['spec'] as object), replicas: 1 } });
  h.cluster.clock.runUntilIdle();
  t.deepEqual(podNames(h), ['web-0']);
  const deletes = h.writes.filter((w) => w.startsWith('delete pods'));
  t.deepEqual(deletes, ['delete pods web-2', 'delete pods web-1']);
  t.true(h.api.get('persistentvolumeclaims', 'default', 'www-web-2').ok, 'Retain keeps the claim');
});

test('a Parallel StatefulSet creates all its pods at once', (t) => {
  const h = startHarness([['statefulset', statefulSetControllerFactory]]);
  mustCreate(h.api, 'statefulsets', 'default', statefulSet(3, { podManagementPolicy: 'Parallel' }));
  h.cluster.clock.runUntilIdle();
  t.deepEqual(podNames(h), ['web-0', 'web-1', 'web-2']);
});

test('a rolling update replaces pods from the highest ordinal down', (t) => {
  const h = startHarness([['statefulset', statefulSetControllerFactory]]);
  mustCreate(h.api, 'statefulsets', 'default', statefulSet(3));
  h.cluster.clock.runUntilIdle();
  for (const name of ['web-0', 'web-1', 'web-2']) markReady(h, name);
  const set = getSet(h);
  const spec = set['spec'] as { template: { spec: { containers: { image: string }[] } } };
  const template = structuredClone(spec.template);
  template.spec.containers[0]!.image = 'registry.k8s.io/nginx-slim:0.27';
  h.writes.length = 0;
  h.api.update('statefulsets', 'default', { ...set, spec: { ...spec, template } });
  h.cluster.clock.runUntilIdle();
  for (const name of ['web-2', 'web-1', 'web-0']) markReady(h, name);
  t.deepEqual(h.writes.filter((w) => w.startsWith('delete pods') || w.startsWith('create pods')), [
    'delete pods web-2',
    'create pods web-2',
    'delete pods web-1',
    'create pods web-1',
    'delete pods web-0',
    'create pods web-0',
  ]);
  const status = getSet(h)['status'] as Record<string, unknown>;
  t.is(status['currentRevision'], status['updateRevision']);
  t.is(status['updatedReplicas'], 3);
});

test('a StatefulSet does nothing in the steady state', (t) => {
  const h = startHarness([['statefulset', statefulSetControllerFactory]]);
  mustCreate(h.api, 'statefulsets', 'default', statefulSet(2));
  h.cluster.clock.runUntilIdle();
  markReady(h, 'web-0');
  markReady(h, 'web-1');
  h.writes.length = 0;
  const set = getSet(h);
  h.api.update('statefulsets', 'default', { ...set, metadata: { ...set.metadata, labels: { touched: 'yes' } } });
  h.cluster.clock.runUntilIdle();
  t.deepEqual(h.writes, []);
});
