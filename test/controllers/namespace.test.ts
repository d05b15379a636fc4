import test from 'ava';
import type { KubeObject } from '../../src/api/types.js';
import type { ApiClient } from '../../src/apiserver/types.js';
import { namespaceControllerFactory } from '../../src/controllers/namespace/namespace-controller.js';
import { updatedConditions } from '../../src/controllers/namespace/conditions.js';
import { getObject, mustCreate, names, pod, startControllers, workload } from './garbagecollector-harness.js';

/**
 * A namespace also held by a finalizer of the test's own, so it can be inspected after the
 * namespace controller finalized it. (The API server currently removes a deleted namespace at once,
 * ignoring spec.finalizers; see the report.)
 */
function heldNamespace(api: ApiClient, name: string): void {
  mustCreate(api, 'namespaces', '', { apiVersion: 'v1', kind: 'Namespace', metadata: { name, finalizers: ['example.com/hold'] } });
  mustCreate(api, 'serviceaccounts', name, { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'default' } });
}

function conditions(ns: KubeObject | undefined): [string, string, string, string][] {
  const list = ((ns?.['status'] as { conditions?: { type: string; status: string; reason: string; message: string }[] } | undefined)?.conditions) ?? [];
  return list.map((c) => [c.type, c.status, c.reason, c.message]);
}

const ALL_CLEAR: [string, string, string, string][] = [
  ['NamespaceDeletionDiscoveryFailure', 'False', 'ResourcesDiscovered', 'All resources successfully discovered'],
  ['NamespaceDeletionGroupVersionParsingFailure', 'False', 'ParsedGroupVersions', 'All legacy kube types successfully parsed'],
  ['NamespaceDeletionContentFailure', 'False', 'ContentDeleted', 'All content successfully deleted, may be waiting on finalization'],
  ['NamespaceContentRemaining', 'False', 'ContentRemoved', 'All content successfully removed'],
  ['NamespaceFinalizersRemaining', 'False', 'ContentHasNoFinalizers', 'All content-preserving finalizers finished'],
];

test('a deleted namespace is emptied 5 s later, its conditions set, and the kubernetes finalizer removed', (t) => {
  const h = startControllers([['namespace', namespaceControllerFactory]]);
  heldNamespace(h.api, 'team');
  mustCreate(h.api, 'configmaps', 'team', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'settings' } });
  mustCreate(h.api, 'deployments', 'team', { ...workload('Deployment', 'web'), metadata: { name: 'web', namespace: 'team' } });
  mustCreate(h.api, 'pods', 'team', pod('standalone', { namespace: 'team' }));
  h.settle();
  t.deepEqual(h.writes, [], 'an active namespace is left alone');

  t.true(h.api.delete('namespaces', '', 'team').ok);
  h.advance(4_999);
  t.deepEqual(h.writes, []);
  h.advance(1);
  t.deepEqual(names(h.api, 'configmaps', 'team'), []);
  t.deepEqual(names(h.api, 'deployments', 'team'), []);
  t.deepEqual(names(h.api, 'pods', 'team'), []);
  const ns = getObject(h.api, 'namespaces', '', 'team');
  t.deepEqual((ns?.['spec'] as { finalizers: string[] }).finalizers, []);
  t.deepEqual(conditions(ns), ALL_CLEAR);
  t.deepEqual(h.writes, [
    'delete pods standalone',
    'delete configmaps settings',
    'delete serviceaccounts default',
    'delete deployments web',
    'update namespaces/status team',
    'update namespaces team',
  ]);
  h.dispose();
});

test('a pod still terminating keeps the namespace, which is checked again after half its grace period', (t) => {
  const h = startControllers([['namespace', namespaceControllerFactory]]);
  heldNamespace(h.api, 'team');
  mustCreate(h.api, 'nodes', '', { apiVersion: 'v1', kind: 'Node', metadata: { name: 'node-1' } });
  mustCreate(h.api, 'pods', 'team', pod('web', { namespace: 'team', nodeName: 'node-1' }));
  h.api.delete('namespaces', '', 'team');
  h.advance(5_000);
  const ns = getObject(h.api, 'namespaces', '', 'team');
  t.deepEqual((ns?.['spec'] as { finalizers: string[] }).finalizers, ['kubernetes']);
  t.deepEqual(conditions(ns)[3], ['NamespaceContentRemaining', 'True', 'SomeResourcesRemain', 'Some resources are remaining: pods. has 1 resource instances']);
  // Writing the conditions is a namespace update: another pass 5 s later finds the pod still there
  // and comes back after 30/2 + 1 s. Meanwhile the kubelet finishes the pod.
  h.advance(5_000);
  h.api.delete('pods', 'team', 'web', { gracePeriodSeconds: 0 });
  h.advance(15_999);
  t.deepEqual((getObject(h.api, 'namespaces', '', 'team')?.['spec'] as { finalizers: string[] }).finalizers, ['kubernetes']);
  h.advance(1);
  const done = getObject(h.api, 'namespaces', '', 'team');
  t.deepEqual((done?.['spec'] as { finalizers: string[] }).finalizers, []);
  t.deepEqual(conditions(done), ALL_CLEAR);
  h.dispose();
});

test('content held by finalizers is reported, and waited for', (t) => {
  const h = startControllers([['namespace', namespaceControllerFactory]]);
  heldNamespace(h.api, 'team');
  mustCreate(h.api, 'configmaps', 'team', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'held', finalizers: ['example.com/x'] } });
  h.api.delete('namespaces', '', 'team');
  h.advance(5_000);
  const ns = getObject(h.api, 'namespaces', '', 'team');
  t.deepEqual(conditions(ns).slice(3), [
    ['NamespaceContentRemaining', 'True', 'SomeResourcesRemain', 'Some resources are remaining: configmaps. has 1 resource instances'],
    ['NamespaceFinalizersRemaining', 'True', 'SomeFinalizersRemain', 'Some content in the namespace has finalizers remaining: example.com/x in 1 resource instances'],
  ]);
  const held = getObject(h.api, 'configmaps', 'team', 'held');
  h.api.update('configmaps', 'team', { ...held!, metadata: { ...held!.metadata, finalizers: [] } });
  h.settle();
  t.deepEqual((getObject(h.api, 'namespaces', '', 'team')?.['spec'] as { finalizers: string[] }).finalizers, []);
  h.dispose();
});

test('a condition keeps its transition time while its status stays the same', (t) => {
  const totals = { remainingByResource: new Map([['pods.', 2]]), remainingByFinalizer: new Map<string, number>(), deleteErrors: [] };
  const first = updatedConditions([], totals, Date.UTC(2025, 0, 1, 0, 0, 0))!;
  const second = updatedConditions(first, { ...totals, remainingByResource: new Map([['pods.', 1]]) }, Date.UTC(2025, 0, 1, 0, 0, 30))!;
  const remaining = second.find((c) => c.type === 'NamespaceContentRemaining');
  t.is(remaining?.message, 'Some resources are remaining: pods. has 1 resource instances');
  t.is(remaining?.lastTransitionTime, '2025-01-01T00:00:00Z');
  t.is(updatedConditions(second, { ...totals, remainingByResource: new Map([['pods.', 1]]) }, Date.UTC(2025, 0, 1, 0, 1)), undefined);
  const cleared = updatedConditions(second, { ...totals, remainingByResource: new Map() }, Date.UTC(2025, 0, 1, 0, 1))!;
  t.is(cleared.find((c) => c.type === 'NamespaceContentRemaining')?.lastTransitionTime, '2025-01-01T00:01:00Z');
});
