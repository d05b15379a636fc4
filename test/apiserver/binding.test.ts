import test from 'ava';
import type { KubeObject } from '../../src/api/types.js';
import type { WatchEvent } from '../../src/apiserver/types.js';
import { Cluster } from '../../src/cluster/cluster.js';

function pod(name: string, spec: Record<string, unknown> = {}, metadata: Record<string, unknown> = {}): KubeObject {
  return { apiVersion: 'v1', kind: 'Pod', metadata: { name, ...metadata }, spec: { containers: [{ name: 'c', image: 'nginx:1.27' }], ...spec } };
}

function binding(name: string, node: string, extra: Record<string, unknown> = {}): KubeObject {
  return { apiVersion: 'v1', kind: 'Binding', metadata: { name, ...extra }, target: { apiVersion: 'v1', kind: 'Node', name: node } };
}

function must<T>(result: { ok: true; value: T } | { ok: false; status: { message?: string } }): T {
  if (!result.ok) throw new Error(`unexpected failure: ${result.status.message}`);
  return result.value;
}

function failure(result: { ok: true } | { ok: false; status: { code: number; reason?: string; message?: string } }): { code: number; reason?: string; message?: string } {
  if (result.ok) throw new Error('expected a failure');
  return result.status;
}

interface PodView {
  spec: { nodeName?: string };
  status: { conditions?: Record<string, unknown>[] };
}

test('a binding assigns the pod to the node in one write and answers Success', (t) => {
  const cluster = new Cluster();
  const { api } = cluster;
  const created = must(api.create('pods', 'default', pod('web')));
  const before = cluster.etcd.revision;
  cluster.clock.advance(5000);
  const answer = must(api.create('pods/binding', 'default', binding('web', 'node-1', { annotations: { 'example.com/bound-by': 'test' } })));
  t.deepEqual(answer, { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Success', code: 201 });
  t.is(cluster.etcd.revision, before + 1);
  const bound = must(api.get('pods', 'default', 'web'));
  const view = bound as unknown as PodView;
  t.is(view.spec.nodeName, 'node-1');
  t.is(bound.metadata.resourceVersion, String(before + 1));
  t.is(bound.metadata.uid, created.metadata.uid);
  t.deepEqual(bound.metadata.annotations, { 'example.com/bound-by': 'test' });
  t.deepEqual(view.status.conditions, [{ type: 'PodScheduled', status: 'True', lastProbeTime: null, lastTransitionTime: '2025-01-01T00:00:05Z' }]);
  t.is(bound.metadata.generation, undefined);
});

test('binding replaces a PodScheduled=False condition whole, as UpdatePodCondition does', (t) => {
  const cluster = new Cluster();
  const { api } = cluster;
  const created = must(api.create('pods', 'default', pod('web')));
  const unschedulable = { type: 'PodScheduled', status: 'False', reason: 'Unschedulable', message: '0/3 nodes are available: 3 Insufficient cpu.', lastProbeTime: null, lastTransitionTime: '2025-01-01T00:00:00Z' };
  must(api.update('pods', 'default', { ...created, status: { ...(created.status as object), conditions: [unschedulable] } }, { subresource: 'status' }));
  cluster.clock.advance(7000);
  must(api.create('pods/binding', 'default', binding('web', 'node-2')));
  const view = must(api.get('pods', 'default', 'web')) as unknown as PodView;
  t.deepEqual(view.status.conditions, [{ type: 'PodScheduled', status: 'True', lastProbeTime: null, lastTransitionTime: '2025-01-01T00:00:07Z' }]);
});

test('binding a pod that is already assigned is a Conflict on pods/binding', (t) => {
  const { api } = new Cluster();
  must(api.create('pods', 'default', pod('web', { nodeName: 'node-1' })));
  const status = failure(api.create('pods/binding', 'default', binding('web', 'node-2')));
  t.is(status.code, 409);
  t.is(status.reason, 'Conflict');
  t.is(status.message, 'Operation cannot be fulfilled on pods/binding "web": pod web is already assigned to node "node-1"');
});

test('binding a missing pod is NotFound', (t) => {
  const { api } = new Cluster();
  const status = failure(api.create('pods/binding', 'default', binding('ghost', 'node-1')));
  t.is(status.code, 404);
  t.is(status.message, 'pods "ghost" not found');
});

test('a binding whose target is not a Node fails validation the way BindingREST reports it', (t) => {
  const { api } = new Cluster();
  must(api.create('pods', 'default', pod('web')));
  const wrongKind = failure(api.create('pods/binding', 'default', { ...binding('web', 'x'), target: { kind: 'Pod', name: 'x' } }));
  t.is(wrongKind.code, 500);
  t.is(wrongKind.message, 'target.kind: Unsupported value: "Pod": supported values: "Node", "<empty>"');
  const noName = failure(api.create('pods/binding', 'default', { ...binding('web', 'x'), target: { kind: '' } }));
  t.is(noName.message, 'target.name: Required value');
  must(api.create('pods/binding', 'default', { ...binding('web', 'x'), target: { name: 'node-1' } }));
});

test('a pod being deleted or still gated cannot be bound', (t) => {
  const { api } = new Cluster();
  must(api.create('pods', 'default', pod('leaving', {}, { finalizers: ['example.com/hold'] })));
  must(api.delete('pods', 'default', 'leaving'));
  const deleting = failure(api.create('pods/binding', 'default', binding('leaving', 'node-1')));
  t.is(deleting.code, 409);
  t.is(deleting.message, 'Operation cannot be fulfilled on pods/binding "leaving": pod leaving is being deleted, cannot be assigned to a host');
  must(api.create('pods', 'default', pod('gated', { schedulingGates: [{ name: 'example.com/wait' }] })));
  const gated = failure(api.create('pods/binding', 'default', binding('gated', 'node-1')));
  t.is(gated.message, 'Operation cannot be fulfilled on pods/binding "gated": pod gated has non-empty .spec.schedulingGates');
});

test("a binding's uid is a precondition on the pod", (t) => {
  const { api } = new Cluster();
  const created = must(api.create('pods', 'default', pod('web')));
  const status = failure(api.create('pods/binding', 'default', binding('web', 'node-1', { uid: 'not-the-uid' })));
  t.is(status.code, 409);
  t.is(
    status.message,
    `Operation cannot be fulfilled on pods "web": StorageError: invalid object, Code: 4, Key: /registry/pods/default/web, ResourceVersion: 0, AdditionalErrorMsg: Precondition failed: UID in precondition: not-the-uid, UID in object meta: ${created.metadata.uid}`,
  );
  must(api.create('pods/binding', 'default', binding('web', 'node-1', { uid: created.metadata.uid })));
});

test('a dry-run binding changes nothing, and the legacy bindings resource binds too', (t) => {
  const cluster = new Cluster();
  const { api } = cluster;
  must(api.create('pods', 'default', pod('web')));
  const revision = cluster.etcd.revision;
  must(api.create('pods/binding', 'default', binding('web', 'node-1'), { dryRun: true }));
  t.is(cluster.etcd.revision, revision);
  must(api.create('bindings', 'default', binding('web', 'node-3')));
  t.is((must(api.get('pods', 'default', 'web')) as unknown as PodView).spec.nodeName, 'node-3');
});

test("a node's watchers see the bound pod arrive through the clock", (t) => {
  const cluster = new Cluster();
  const { api } = cluster;
  must(api.create('pods', 'default', pod('web')));
  const seen: string[] = [];
  const record = (e: WatchEvent): void => void seen.push(`${e.type} ${(e.object as KubeObject).metadata.name}`);
  must(api.watch('pods', '', { fieldSelector: 'spec.nodeName=node-1' }, record));
  must(api.create('pods/binding', 'default', binding('web', 'node-1')));
  t.deepEqual(seen, []);
  cluster.clock.runUntilIdle();
  t.deepEqual(seen, ['ADDED web']);
});
