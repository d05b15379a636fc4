import test from 'ava';
import type { KubeObject, OwnerReference } from '../../src/api/types.js';
import { parseSelector, type Selector } from '../../src/api/label-selector.js';
import { VirtualClock } from '../../src/clock/virtual-clock.js';
import {
  CONTROLLER_UID_INDEX,
  controllerUidIndexFunc,
  NAMESPACE_INDEX,
  orphanPodIndexKeyForNamespace,
  POD_CONTROLLER_UID_INDEX,
  POD_NODE_NAME_INDEX,
  podControllerUidIndexFunc,
  podNodeNameIndexFunc,
} from '../../src/client/index-funcs.js';
import { Indexer } from '../../src/client/indexer.js';
import { SharedInformer } from '../../src/client/informer.js';
import { Lister } from '../../src/client/lister.js';
import { metaNamespaceKeyFunc, splitMetaNamespaceKey } from '../../src/client/store.js';
import { FakeApi } from './fake-api.js';

function owner(uid: string, controller = true): OwnerReference {
  return { apiVersion: 'apps/v1', kind: 'ReplicaSet', name: `rs-${uid}`, uid, controller };
}

function pod(namespace: string, name: string, options: { node?: string; owners?: OwnerReference[]; labels?: Record<string, string>; rv?: string } = {}): KubeObject {
  const metadata: KubeObject['metadata'] = { namespace, name, resourceVersion: options.rv ?? '1' };
  if (options.owners !== undefined) metadata.ownerReferences = options.owners;
  if (options.labels !== undefined) metadata.labels = options.labels;
  return { apiVersion: 'v1', kind: 'Pod', metadata, spec: options.node === undefined ? {} : { nodeName: options.node } };
}

function selector(text: string): Selector {
  const parsed = parseSelector(text);
  if (!parsed.ok) throw new Error(parsed.message);
  return parsed.value;
}

function names(objs: readonly KubeObject[]): string[] {
  return objs.map((o) => o.metadata.name ?? '').sort();
}

test('keys are namespace/name, or name for cluster-scoped objects', (t) => {
  t.is(metaNamespaceKeyFunc(pod('default', 'web')), 'default/web');
  t.is(metaNamespaceKeyFunc({ apiVersion: 'v1', kind: 'Node', metadata: { name: 'node-1' } }), 'node-1');
  t.deepEqual(splitMetaNamespaceKey('default/web'), { namespace: 'default', name: 'web' });
  t.deepEqual(splitMetaNamespaceKey('node-1'), { namespace: '', name: 'node-1' });
});

test('indexes by node and by controller stay correct as pods move between nodes and owners', (t) => {
  const clock = new VirtualClock();
  const api = new FakeApi(clock);
  const informer = new SharedInformer<KubeObject>(api, clock, 'pods', {
    indexers: { [POD_NODE_NAME_INDEX]: podNodeNameIndexFunc, [CONTROLLER_UID_INDEX]: controllerUidIndexFunc },
  });
  const byNode = (node: string): string[] => names(informer.lister.byIndex(POD_NODE_NAME_INDEX, node));
  const byOwner = (uid: string): string[] => names(informer.lister.byIndex(CONTROLLER_UID_INDEX, uid));
  api.create('pods', 'default', pod('default', 'a', { node: 'node-1', owners: [owner('rs1')] }));
  api.create('pods', 'default', pod('default', 'b', { node: 'node-1', owners: [owner('rs1')] }));
  api.create('pods', 'default', pod('default', 'c'));
  informer.start();
  t.deepEqual(byNode('node-1'), ['a', 'b']);
  t.deepEqual(byOwner('rs1'), ['a', 'b']);

  const b = informer.lister.get('default', 'b')!;
  api.update('pods', 'default', { ...b, spec: { nodeName: 'node-2' }, metadata: { ...b.metadata, ownerReferences: [owner('rs2')] } });
  const c = informer.lister.get('default', 'c')!;
  api.update('pods', 'default', { ...c, spec: { nodeName: 'node-2' } });
  clock.runUntilIdle();
  t.deepEqual(byNode('node-1'), ['a']);
  t.deepEqual(byNode('node-2'), ['b', 'c']);
  t.deepEqual(byOwner('rs1'), ['a']);
  t.deepEqual(byOwner('rs2'), ['b']);

  api.delete('pods', 'default', 'a');
  clock.runUntilIdle();
  t.deepEqual(byNode('node-1'), []);
  t.deepEqual(byOwner('rs1'), []);
  t.deepEqual(informer.indexer.listIndexFuncValues(POD_NODE_NAME_INDEX), ['node-2'], 'empty index values are dropped');
});

test('unscheduled pods and pods without a controller are not indexed by node or controller', (t) => {
  const indexer = new Indexer<KubeObject>({ [POD_NODE_NAME_INDEX]: podNodeNameIndexFunc, [CONTROLLER_UID_INDEX]: controllerUidIndexFunc });
  indexer.put(pod('default', 'a', { owners: [owner('rs1', false)] }));
  t.deepEqual(indexer.listIndexFuncValues(POD_NODE_NAME_INDEX), []);
  t.deepEqual(indexer.listIndexFuncValues(CONTROLLER_UID_INDEX), []);
});

test('the pod controller index files orphans under their namespace, as ReplicaSet adoption needs', (t) => {
  const indexer = new Indexer<KubeObject>({ [POD_CONTROLLER_UID_INDEX]: podControllerUidIndexFunc });
  indexer.put(pod('default', 'owned', { owners: [owner('rs1')] }));
  indexer.put(pod('default', 'orphan'));
  indexer.put(pod('other', 'orphan'));
  t.deepEqual(names(indexer.byIndex(POD_CONTROLLER_UID_INDEX, 'rs1')), ['owned']);
  t.deepEqual(indexer.indexKeys(POD_CONTROLLER_UID_INDEX, orphanPodIndexKeyForNamespace('default')), ['default/orphan']);
  t.is(orphanPodIndexKeyForNamespace('default'), '_ORPHAN_POD/default');
  indexer.put(pod('default', 'orphan', { owners: [owner('rs1')], rv: '2' }));
  t.deepEqual(names(indexer.byIndex(POD_CONTROLLER_UID_INDEX, 'rs1')), ['orphan', 'owned']);
  t.is(indexer.countByIndex(POD_CONTROLLER_UID_INDEX, orphanPodIndexKeyForNamespace('default')), 0);
});

test('an update that leaves the index values alone does not touch the index', (t) => {
  let calls = 0;
  const indexer = new Indexer<KubeObject>({
    node: (obj) => {
      calls++;
      return podNodeNameIndexFunc(obj);
    },
  });
  const a = pod('default', 'a', { node: 'node-1' });
  indexer.put(a);
  indexer.put(a);
  t.is(calls, 1, 'storing the same object again computes nothing');
  indexer.put(pod('default', 'a', { node: 'node-1', rv: '2' }));
  t.deepEqual(indexer.indexKeys('node', 'node-1'), ['default/a']);
});

test('an index added later indexes what is already stored', (t) => {
  const indexer = new Indexer<KubeObject>();
  indexer.put(pod('default', 'a', { node: 'node-1' }));
  indexer.addIndexers({ [POD_NODE_NAME_INDEX]: podNodeNameIndexFunc });
  t.deepEqual(indexer.indexKeys(POD_NODE_NAME_INDEX, 'node-1'), ['default/a']);
  t.throws(() => indexer.addIndexers({ [POD_NODE_NAME_INDEX]: podNodeNameIndexFunc }), { message: `indexer conflict: ${POD_NODE_NAME_INDEX}` });
  t.throws(() => indexer.byIndex('nope', 'x'), { message: 'Index with name nope does not exist' });
});

test('a lister gets by namespace and name and lists by label selector and namespace', (t) => {
  const indexer = new Indexer<KubeObject>({ [NAMESPACE_INDEX]: (o) => [o.metadata.namespace ?? ''] });
  const lister = new Lister(indexer);
  indexer.put(pod('default', 'web-1', { labels: { app: 'web' } }));
  indexer.put(pod('default', 'db-1', { labels: { app: 'db' } }));
  indexer.put(pod('other', 'web-2', { labels: { app: 'web' } }));
  indexer.put(pod('other', 'bare'));
  t.is(lister.get('default', 'web-1')?.metadata.name, 'web-1');
  t.is(lister.get('other', 'web-1'), undefined);
  t.deepEqual(names(lister.list()), ['bare', 'db-1', 'web-1', 'web-2']);
  t.deepEqual(names(lister.list(selector('app=web'))), ['web-1', 'web-2']);
  t.deepEqual(names(lister.list(selector('!app'))), ['bare']);
  t.deepEqual(names(lister.list((labels) => labels?.['app'] === 'db')), ['db-1']);
  t.deepEqual(names(lister.listNamespace('other')), ['bare', 'web-2']);
  t.deepEqual(names(lister.listNamespace('other', selector('app in (web,db)'))), ['web-2']);
});

test('a lister without a namespace index still lists a namespace', (t) => {
  const indexer = new Indexer<KubeObject>();
  indexer.put(pod('default', 'a'));
  indexer.put(pod('other', 'b'));
  t.deepEqual(names(new Lister(indexer).listNamespace('other')), ['b']);
});
