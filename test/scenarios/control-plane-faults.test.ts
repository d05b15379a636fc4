/**
 * Faults in the control plane, end to end on a full cluster with the clock advanced explicitly:
 * stopping kube-scheduler, kube-controller-manager, etcd or kube-apiserver halts what that part
 * does, the rest keeps retrying, and starting it again brings everything back with nothing lost.
 */
import test from 'ava';
import type { Cluster, ClusterOptions } from '../../src/cluster/cluster.js';
import type { KubeObject } from '../../src/api/types.js';
import { create, deployment, fullCluster, get, isReady, list, nodeOf, pod, podStatus, run } from './scenario-helpers.js';

/** The kinds whose objects must all survive an outage (events come and go). */
const KEPT = ['namespaces', 'nodes', 'deployments', 'replicasets', 'pods', 'services', 'serviceaccounts', 'configmaps'];

/**
 * How long etcd or kube-apiserver stays down: shorter than node-monitor-grace-period (50 s), so
 * the nodes stay Ready. (A longer outage makes the node lifecycle controller mark every pod
 * NotReady, and the kubelet here does not yet reconcile its pods' statuses with the API server's
 * as the real status manager does, so the pods would stay NotReady.)
 */
const OUTAGE_MS = 30_000;

/** Every kept object as `resource namespace/name`. */
function objectNames(cluster: Cluster): string[] {
  return KEPT.flatMap((resource) => list(cluster, resource, '').map((o) => `${resource} ${o.metadata.namespace ?? ''}/${o.metadata.name}`));
}

/** A Deployment `web` of `replicas`, run until available. */
function webRunning(t: { teardown: (fn: () => void) => void }, replicas: number): Cluster {
  const cluster = fullCluster(t as never);
  create(cluster, 'deployments', deployment('web', 'nginx:1.27', replicas));
  cluster.clock.advance(60_000);
  return cluster;
}

function webPods(cluster: Cluster): KubeObject[] {
  return list(cluster, 'pods', 'default', 'app=web');
}

/** Deployment `web` reports every replica available and each of its pods is Running and Ready. */
function assertRecovered(t: { is: (a: unknown, b: unknown, m?: string) => void; true: (v: boolean, m?: string) => void }, cluster: Cluster, replicas: number): void {
  const web = get(cluster, 'deployments', 'web')!;
  t.is((web['status'] as { availableReplicas?: number }).availableReplicas, replicas, 'deployment available');
  const pods = webPods(cluster);
  t.is(pods.length, replicas, 'pod count');
  for (const p of pods) {
    t.is(podStatus(cluster, p), 'Running', `${p.metadata.name} Running`);
    t.true(isReady(p), `${p.metadata.name} Ready`);
  }
}

test('with kube-scheduler stopped a new pod stays Pending, and is scheduled once it starts', (t) => {
  const cluster = webRunning(t, 2);
  t.is(run(cluster, 'stop scheduler'), 'kube-scheduler stopped');
  t.is(cluster.component('kube-scheduler')?.state, 'stopped');
  create(cluster, 'pods', pod('late', [{ name: 'app', image: 'nginx:1.27' }]));
  cluster.clock.advance(60_000);
  t.is(nodeOf(get(cluster, 'pods', 'late')!), undefined);
  t.is(podStatus(cluster, get(cluster, 'pods', 'late')!), 'Pending');

  t.is(run(cluster, 'start scheduler'), 'kube-scheduler started');
  cluster.clock.advance(30_000);
  const late = get(cluster, 'pods', 'late')!;
  t.truthy(nodeOf(late));
  t.is(podStatus(cluster, late), 'Running');
  assertRecovered(t, cluster, 2);
});

test('with kube-controller-manager stopped a deleted pod is not replaced, and is once it starts', (t) => {
  const cluster = webRunning(t, 3);
  const victim = webPods(cluster)[0]!.metadata.name!;
  run(cluster, 'stop controller-manager');
  t.is(cluster.component('kube-controller-manager')?.state, 'stopped');
  run(cluster, `delete pod/${victim}`);
  cluster.clock.advance(60_000);
  t.is(get(cluster, 'pods', victim), undefined);
  t.is(webPods(cluster).length, 2);

  run(cluster, 'start controller-manager');
  cluster.clock.advance(60_000);
  t.false(webPods(cluster).some((p) => p.metadata.name === victim));
  assertRecovered(t, cluster, 3);
});

test('with etcd stopped API writes fail with etcd\'s timeout, and everything catches up once it starts', (t) => {
  const cluster = webRunning(t, 2);
  run(cluster, 'scale deployment/web 4');
  const before = objectNames(cluster);
  run(cluster, 'stop etcd');
  t.is(cluster.component('etcd')?.state, 'stopped');
  const refused = cluster.api.create('configmaps', 'default', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'during' } });
  t.like(refused, { ok: false, status: { code: 500, message: 'etcdserver: request timed out' } });
  cluster.clock.advance(OUTAGE_MS);

  run(cluster, 'start etcd');
  cluster.clock.advance(120_000);
  const after = objectNames(cluster);
  t.deepEqual(before.filter((n) => !after.includes(n)), [], 'no object lost');
  assertRecovered(t, cluster, 4);
});

test('with kube-apiserver stopped every call is refused, and everything catches up once it starts', (t) => {
  const cluster = webRunning(t, 2);
  run(cluster, 'scale deployment/web 4');
  const before = objectNames(cluster);
  t.is(run(cluster, 'stop apiserver'), 'kube-apiserver stopped');
  t.is(cluster.component('kube-apiserver')?.state, 'stopped');
  const message = 'dial tcp 172.18.0.2:6443: connect: connection refused';
  t.like(cluster.api.get('deployments', 'default', 'web'), { ok: false, status: { code: 503, reason: 'ServiceUnavailable', message } });
  t.like(cluster.api.create('configmaps', 'default', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'during' } }), { ok: false });
  t.notThrows(() => cluster.clock.advance(OUTAGE_MS));

  t.is(run(cluster, 'start kube-apiserver'), 'kube-apiserver started');
  cluster.clock.advance(120_000);
  const after = objectNames(cluster);
  t.deepEqual(before.filter((n) => !after.includes(n)), [], 'no object lost');
  assertRecovered(t, cluster, 4);
});

test('an open watch ends with the refusal when kube-apiserver stops', (t) => {
  const cluster = fullCluster(t);
  const seen: string[] = [];
  const watch = cluster.api.watch('configmaps', 'default', { resourceVersion: String(cluster.api.resourceVersion) }, (event) => {
    seen.push(`${event.type} ${(event.object as { message?: string }).message ?? event.object.metadata.name ?? ''}`);
  });
  t.true(watch.ok);
  run(cluster, 'stop apiserver');
  cluster.clock.advance(1000);
  run(cluster, 'start apiserver');
  create(cluster, 'configmaps', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'after' } });
  cluster.clock.advance(1000);
  t.deepEqual(seen, ['ERROR dial tcp 172.18.0.2:6443: connect: connection refused']);
});

const CONTROL_PLANE_PODS = ['etcd-control-plane', 'kube-apiserver-control-plane', 'kube-controller-manager-control-plane', 'kube-scheduler-control-plane'];

test('the control plane runs as four mirror pods in kube-system on the control-plane node', (t) => {
  const cluster = fullCluster(t, { controlPlanePods: true } as ClusterOptions);
  cluster.clock.advance(30_000);
  const pods = list(cluster, 'pods', 'kube-system', 'tier=control-plane');
  t.deepEqual(pods.map((p) => p.metadata.name), CONTROL_PLANE_PODS);
  for (const p of pods) {
    t.is(podStatus(cluster, p), 'Running');
    t.true(isReady(p));
    t.is(nodeOf(p), 'control-plane');
    const annotations = p.metadata.annotations ?? {};
    t.regex(annotations['kubernetes.io/config.mirror'] ?? '', /^[0-9a-f]{32}$/);
    t.is(annotations['kubernetes.io/config.source'], 'file');
    t.like(p.metadata.ownerReferences?.[0], { kind: 'Node', name: 'control-plane', controller: true });
    t.like(p['spec'], { hostNetwork: true, priorityClassName: 'system-node-critical', priority: 2000001000 });
    t.is((p['spec'] as { serviceAccountName?: string }).serviceAccountName, undefined, 'mirror pods are exempt from ServiceAccount admission');
    t.like(p['status'], { podIP: '172.18.0.2', hostIP: '172.18.0.2' });
  }
  const etcd = get(cluster, 'pods', 'etcd-control-plane', 'kube-system')!;
  t.like(etcd.metadata.labels, { component: 'etcd', tier: 'control-plane' });
  t.is((etcd['spec'] as { containers: { image: string }[] }).containers[0]?.image, 'registry.k8s.io/etcd:3.5.16-0');
});

test('stopping kube-scheduler makes its pod NotReady with an Error container, and starting it brings it back', (t) => {
  const cluster = fullCluster(t, { controlPlanePods: true } as ClusterOptions);
  cluster.clock.advance(30_000);
  run(cluster, 'stop scheduler');
  cluster.clock.advance(2000);
  const stopped = get(cluster, 'pods', 'kube-scheduler-control-plane', 'kube-system')!;
  t.false(isReady(stopped));
  t.is(podStatus(cluster, stopped), 'Error');
  t.true(isReady(get(cluster, 'pods', 'etcd-control-plane', 'kube-system')!));

  run(cluster, 'start scheduler');
  cluster.clock.advance(2000);
  const started = get(cluster, 'pods', 'kube-scheduler-control-plane', 'kube-system')!;
  t.true(isReady(started));
  t.is(podStatus(cluster, started), 'Running');
  t.like((started['status'] as { containerStatuses: unknown[] }).containerStatuses[0], { restartCount: 1, ready: true });
});

test('the kube-apiserver pod reports Running again once the API it is written through is back', (t) => {
  const cluster = fullCluster(t, { controlPlanePods: true } as ClusterOptions);
  cluster.clock.advance(30_000);
  run(cluster, 'stop kube-apiserver');
  cluster.clock.advance(10_000);
  run(cluster, 'start kube-apiserver');
  cluster.clock.advance(2000);
  const apiserver = get(cluster, 'pods', 'kube-apiserver-control-plane', 'kube-system')!;
  t.true(isReady(apiserver));
  t.like((apiserver['status'] as { containerStatuses: unknown[] }).containerStatuses[0], { restartCount: 1 });
});
