import test from 'ava';
import type { KubeObject } from '../../src/api/types.js';
import type { ApiClient } from '../../src/apiserver/types.js';
import { garbageCollectorControllerFactory } from '../../src/controllers/garbagecollector/garbage-collector.js';
import { eventsFor, getObject, mustCreate, names, ownerRef, pod, startControllers, workload } from './garbagecollector-harness.js';

function startGc(before?: (api: ApiClient) => void) {
  return startControllers([['garbage-collector', garbageCollectorControllerFactory]], before ? { before } : {});
}

/** A Deployment, its ReplicaSet and two pods, linked by controller references as their controllers link them. */
function seedDeployment(api: ApiClient): { deploy: KubeObject; rs: KubeObject } {
  const deploy = mustCreate(api, 'deployments', 'default', workload('Deployment', 'web', { replicas: 2 }));
  const rs = mustCreate(api, 'replicasets', 'default', workload('ReplicaSet', 'web-7d4b9', { replicas: 2, label: 'web', owners: [ownerRef(deploy)] }));
  for (const name of ['web-7d4b9-abcde', 'web-7d4b9-fghij']) mustCreate(api, 'pods', 'default', pod(name, { labels: { app: 'web' }, owners: [ownerRef(rs)] }));
  return { deploy, rs };
}

test('deleting a Deployment in the background removes its ReplicaSet and, through it, its pods', (t) => {
  const h = startGc();
  seedDeployment(h.api);
  h.settle();
  t.deepEqual(h.writes, [], 'nothing to collect while every owner exists');

  t.true(h.api.delete('deployments', 'default', 'web', { propagationPolicy: 'Background' }).ok);
  h.settle();
  t.deepEqual(names(h.api, 'replicasets', 'default'), []);
  t.deepEqual(names(h.api, 'pods', 'default'), []);
  t.deepEqual(h.writes, ['delete replicasets web-7d4b9', 'delete pods web-7d4b9-abcde', 'delete pods web-7d4b9-fghij']);
  h.dispose();
});

test('dependents whose owner was deleted before the collector started are collected at start', (t) => {
  const h = startGc((api) => {
    seedDeployment(api);
    api.delete('deployments', 'default', 'web');
  });
  h.settle();
  t.deepEqual(names(h.api, 'replicasets', 'default'), []);
  t.deepEqual(names(h.api, 'pods', 'default'), []);
  h.dispose();
});

test('an object keeps living while one of its owners exists, and loses the reference to the owner that went', (t) => {
  const h = startGc();
  const a = mustCreate(h.api, 'configmaps', 'default', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'a' } });
  const b = mustCreate(h.api, 'configmaps', 'default', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'b' } });
  mustCreate(h.api, 'secrets', 'default', {
    apiVersion: 'v1',
    kind: 'Secret',
    metadata: { name: 'shared', ownerReferences: [ownerRef(a, {}), ownerRef(b, {})] },
  });
  h.settle();
  h.api.delete('configmaps', 'default', 'a');
  h.settle();
  const secret = getObject(h.api, 'secrets', 'default', 'shared');
  t.deepEqual(secret?.metadata.ownerReferences?.map((r) => r.name), ['b']);
  t.deepEqual(h.writes, ['patch secrets shared']);

  h.api.delete('configmaps', 'default', 'b');
  h.settle();
  t.is(getObject(h.api, 'secrets', 'default', 'shared'), undefined);
  h.dispose();
});

test('an owner reference to a recreated object of the same name does not keep the dependent (checked by uid)', (t) => {
  const h = startGc();
  const old = mustCreate(h.api, 'configmaps', 'default', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'owner' } });
  h.api.delete('configmaps', 'default', 'owner');
  mustCreate(h.api, 'configmaps', 'default', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'owner' } });
  mustCreate(h.api, 'configmaps', 'default', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'dep', ownerReferences: [ownerRef(old)] } });
  h.settle();
  t.is(getObject(h.api, 'configmaps', 'default', 'dep'), undefined);
  t.truthy(getObject(h.api, 'configmaps', 'default', 'owner'));
  h.dispose();
});

test('foreground deletion deletes the blocking dependents first, then removes the foregroundDeletion finalizer', (t) => {
  const h = startGc();
  seedDeployment(h.api);
  h.settle();
  t.true(h.api.delete('deployments', 'default', 'web', { propagationPolicy: 'Foreground' }).ok);
  const marked = getObject(h.api, 'deployments', 'default', 'web');
  t.deepEqual(marked?.metadata.finalizers, ['foregroundDeletion']);
  h.settle();
  t.is(getObject(h.api, 'deployments', 'default', 'web'), undefined);
  t.deepEqual(names(h.api, 'replicasets', 'default'), []);
  t.deepEqual(names(h.api, 'pods', 'default'), []);
  t.deepEqual(h.writes, [
    'delete replicasets web-7d4b9',
    'delete pods web-7d4b9-abcde',
    'delete pods web-7d4b9-fghij',
    'patch replicasets web-7d4b9',
    'patch deployments web',
  ]);
  h.dispose();
});

test('a foreground deletion waits for a dependent that is still terminating', (t) => {
  const h = startGc();
  const rs = mustCreate(h.api, 'replicasets', 'default', workload('ReplicaSet', 'api', { replicas: 1 }));
  mustCreate(h.api, 'nodes', '', { apiVersion: 'v1', kind: 'Node', metadata: { name: 'node-1' } });
  mustCreate(h.api, 'pods', 'default', pod('api-1', { labels: { app: 'api' }, owners: [ownerRef(rs)], nodeName: 'node-1' }));
  h.settle();
  h.api.delete('replicasets', 'default', 'api', { propagationPolicy: 'Foreground' });
  h.settle();
  // The bound pod has a 30 s grace period: it is terminating, and the ReplicaSet waits for it.
  t.truthy(getObject(h.api, 'pods', 'default', 'api-1')?.metadata.deletionTimestamp);
  t.deepEqual(getObject(h.api, 'replicasets', 'default', 'api')?.metadata.finalizers, ['foregroundDeletion']);
  // The kubelet finishes the pod.
  h.api.delete('pods', 'default', 'api-1', { gracePeriodSeconds: 0 });
  h.settle();
  t.is(getObject(h.api, 'replicasets', 'default', 'api'), undefined);
  h.dispose();
});

test('orphan deletion removes the owner reference from dependents, then the orphan finalizer', (t) => {
  const h = startGc();
  seedDeployment(h.api);
  h.settle();
  t.true(h.api.delete('replicasets', 'default', 'web-7d4b9', { propagationPolicy: 'Orphan' }).ok);
  h.settle();
  t.is(getObject(h.api, 'replicasets', 'default', 'web-7d4b9'), undefined);
  t.deepEqual(names(h.api, 'pods', 'default'), ['web-7d4b9-abcde', 'web-7d4b9-fghij']);
  for (const name of ['web-7d4b9-abcde', 'web-7d4b9-fghij']) t.deepEqual(getObject(h.api, 'pods', 'default', name)?.metadata.ownerReferences ?? [], []);
  t.deepEqual(h.writes, ['patch pods web-7d4b9-abcde', 'patch pods web-7d4b9-fghij', 'patch replicasets web-7d4b9']);
  h.dispose();
});

test('a dependent naming an owner in another namespace is collected, with an OwnerRefInvalidNamespace warning', (t) => {
  const h = startGc();
  mustCreate(h.api, 'namespaces', '', { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'other' } });
  const owner = mustCreate(h.api, 'configmaps', 'default', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'owner' } });
  h.settle();
  mustCreate(h.api, 'configmaps', 'other', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'dep', ownerReferences: [ownerRef(owner, {})] } });
  h.settle();
  t.is(getObject(h.api, 'configmaps', 'other', 'dep'), undefined);
  const events = eventsFor(h.api, 'other', 'ConfigMap', 'dep');
  t.deepEqual(events.map((e) => [e.type, e.reason, e.source]), [['Warning', 'OwnerRefInvalidNamespace', 'garbage-collector-controller']]);
  t.is(events[0]?.message, `ownerRef [v1/ConfigMap, namespace: other, name: owner, uid: ${owner.metadata.uid ?? ''}] does not exist in namespace "other"`);
  h.dispose();
});

test('a namespaced dependent of a cluster-scoped owner lives while the owner does', (t) => {
  const h = startGc();
  const node = mustCreate(h.api, 'nodes', '', { apiVersion: 'v1', kind: 'Node', metadata: { name: 'node-1' } });
  mustCreate(h.api, 'leases', 'kube-node-lease', {
    apiVersion: 'coordination.k8s.io/v1',
    kind: 'Lease',
    metadata: { name: 'node-1', ownerReferences: [ownerRef(node, {})] },
    spec: { holderIdentity: 'node-1' },
  });
  h.settle();
  t.truthy(getObject(h.api, 'leases', 'kube-node-lease', 'node-1'));
  h.api.delete('nodes', '', 'node-1');
  h.settle();
  t.is(getObject(h.api, 'leases', 'kube-node-lease', 'node-1'), undefined);
  h.dispose();
});
