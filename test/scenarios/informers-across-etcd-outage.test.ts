import test from 'ava';
import type { KubeObject } from '../../src/api/types.js';
import { Cluster } from '../../src/cluster/cluster.js';
import { SharedInformer } from '../../src/client/informer.js';

function configMap(name: string, value: string): KubeObject {
  return { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name }, data: { value } };
}

test('an informer misses nothing across an etcd stop and start', (t) => {
  const cluster = new Cluster();
  const { api, clock, etcd } = cluster;
  const informer = new SharedInformer(api, clock, 'configmaps', { namespace: 'default' });
  const seen: string[] = [];
  informer.addEventHandler({
    onAdd: (o) => seen.push(`add ${o.metadata.name}`),
    onUpdate: (a, b) => seen.push(`update ${b.metadata.name} ${(b.data as { value: string }).value}`),
    onDelete: (o) => seen.push(`delete ${o.metadata.name}`),
  });
  informer.start();
  api.create('configmaps', 'default', configMap('a', '1'));
  clock.advance(1000);
  t.true(informer.hasSynced());

  const a = api.get('configmaps', 'default', 'a');
  if (!a.ok) return t.fail();
  api.update('configmaps', 'default', { ...a.value, data: { value: '2' } });
  etcd.stop();
  clock.advance(60_000);
  t.false(api.create('configmaps', 'default', configMap('b', '1')).ok, 'writes fail while etcd is stopped');
  etcd.start();
  api.create('configmaps', 'default', configMap('b', '1'));
  api.delete('configmaps', 'default', 'a');
  clock.advance(60_000);

  t.deepEqual(seen, ['add a', 'update a 2', 'add b', 'delete a']);
  t.deepEqual(informer.lister.list().map((o) => o.metadata.name), ['b']);
  informer.stop();
});
