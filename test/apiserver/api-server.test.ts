import test from 'ava';
import type { KubeObject } from '../../src/api/types.js';
import type { WatchEvent } from '../../src/apiserver/types.js';
import { Cluster } from '../../src/cluster/cluster.js';

function pod(name: string, extra: Partial<KubeObject> = {}, labels: Record<string, string> = { app: 'web' }): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, labels },
    spec: { containers: [{ name: 'c', image: 'nginx:1.27' }] },
    ...extra,
  };
}

function deployment(name: string, replicas = 2): KubeObject {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name },
    spec: {
      replicas,
      selector: { matchLabels: { app: name } },
      template: { metadata: { labels: { app: name } }, spec: { containers: [{ name: 'c', image: 'nginx:1.27' }] } },
    },
  };
}

function must<T>(result: { ok: true; value: T } | { ok: false; status: { message?: string } }): T {
  if (!result.ok) throw new Error(`unexpected failure: ${result.status.message}`);
  return result.value;
}

test('a new cluster has the system namespaces and the kubernetes Service at 10.96.0.1', (t) => {
  const { api } = new Cluster();
  const names = must(api.list('namespaces', '')).items.map((n) => n.metadata.name);
  t.deepEqual(names, ['default', 'kube-node-lease', 'kube-public', 'kube-system']);
  const svc = must(api.get('services', 'default', 'kubernetes'));
  t.is((svc.spec as { clusterIP: string }).clusterIP, '10.96.0.1');
});

test('create sets uid, creationTimestamp, resourceVersion from the etcd revision, and defaults', (t) => {
  const cluster = new Cluster();
  const created = must(cluster.api.create('pods', 'default', pod('web')));
  t.regex(created.metadata.uid ?? '', /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  t.is(created.metadata.creationTimestamp, '2025-01-01T00:00:00Z');
  t.is(created.metadata.resourceVersion, String(cluster.etcd.revision));
  t.is((created.spec as { restartPolicy: string }).restartPolicy, 'Always');
  t.is((created.status as { phase: string }).phase, 'Pending');
  t.true(Object.isFrozen(created) && Object.isFrozen(created.metadata));
  t.truthy(cluster.etcd.valueJson('/registry/pods/default/web'));
});

test('generateName appends five characters from the Kubernetes alphabet', (t) => {
  const { api } = new Cluster();
  const created = must(api.create('pods', 'default', pod('', { metadata: { generateName: 'web-' } })));
  t.regex(created.metadata.name ?? '', /^web-[bcdfghjklmnpqrstvwxz2456789]{5}$/);
});

test('creating an existing object is AlreadyExists', (t) => {
  const { api } = new Cluster();
  must(api.create('deployments', 'default', deployment('web')));
  const again = api.create('deployments', 'default', deployment('web'));
  t.false(again.ok);
  if (!again.ok) {
    t.is(again.status.code, 409);
    t.is(again.status.message, 'deployments.apps "web" already exists');
  }
});

test('an update with a stale resourceVersion is a 409 Conflict in the real wording', (t) => {
  const { api } = new Cluster();
  const first = must(api.create('deployments', 'default', deployment('web')));
  must(api.update('deployments', 'default', { ...first, spec: { ...(first.spec as object), replicas: 3 } }));
  const stale = api.update('deployments', 'default', { ...first, spec: { ...(first.spec as object), replicas: 5 } });
  t.false(stale.ok);
  if (!stale.ok) {
    t.is(stale.status.code, 409);
    t.is(
      stale.status.message,
      'Operation cannot be fulfilled on deployments.apps "web": the object has been modified; please apply your changes to the latest version and try again',
    );
  }
});

test('a spec change bumps generation, a status write does not, and a no-op update writes nothing', (t) => {
  const cluster = new Cluster();
  const { api } = cluster;
  const created = must(api.create('deployments', 'default', deployment('web')));
  t.is(created.metadata.generation, 1);
  const scaled = must(api.update('deployments', 'default', { ...created, spec: { ...(created.spec as object), replicas: 4 } }));
  t.is(scaled.metadata.generation, 2);
  const withStatus = must(api.update('deployments', 'default', { ...scaled, status: { replicas: 4 } }, { subresource: 'status' }));
  t.is(withStatus.metadata.generation, 2);
  t.deepEqual(withStatus.status, { replicas: 4 });
  const revision = cluster.etcd.revision;
  const same = must(api.update('deployments', 'default', withStatus));
  t.is(same.metadata.resourceVersion, withStatus.metadata.resourceVersion);
  t.is(cluster.etcd.revision, revision);
});

test('a spec update cannot change status, and a status update cannot change spec', (t) => {
  const { api } = new Cluster();
  const created = must(api.create('deployments', 'default', deployment('web')));
  const viaSpec = must(api.update('deployments', 'default', { ...created, status: { replicas: 9 } }));
  t.deepEqual(viaSpec.status, {});
  const viaStatus = must(api.update('deployments', 'default', { ...viaSpec, spec: { ...(viaSpec.spec as object), replicas: 9 } }, { subresource: 'status' }));
  t.is((viaStatus.spec as { replicas: number }).replicas, 2);
});

test('invalid objects are refused with 422 and the real field messages', (t) => {
  const { api } = new Cluster();
  const bad = api.create('deployments', 'default', deployment('web', -1));
  t.false(bad.ok);
  if (!bad.ok) {
    t.is(bad.status.code, 422);
    t.is(bad.status.message, 'Deployment.apps "web" is invalid: spec.replicas: Invalid value: -1: must be greater than or equal to 0');
    t.deepEqual(bad.status.details?.causes?.[0], {
      reason: 'FieldValueInvalid',
      message: 'Invalid value: -1: must be greater than or equal to 0',
      field: 'spec.replicas',
    });
  }
  t.false(must(api.list('deployments', 'default')).items.length > 0);
});

test('objects in a namespace that does not exist are refused by NamespaceLifecycle', (t) => {
  const { api } = new Cluster();
  const refused = api.create('pods', 'mem-example', pod('memory-demo'));
  t.false(refused.ok);
  if (!refused.ok) t.is(refused.status.message, 'namespaces "mem-example" not found');
});

test('the default namespace cannot be deleted', (t) => {
  const { api } = new Cluster();
  const refused = api.delete('namespaces', '', 'default');
  t.false(refused.ok);
  if (!refused.ok) t.is(refused.status.message, 'namespaces "default" is forbidden: this namespace may not be deleted');
});

test('deleting a bound pod is graceful: deletionTimestamp now + 30 s, removed by a delete with grace 0', (t) => {
  const cluster = new Cluster();
  const { api } = cluster;
  must(api.create('pods', 'default', pod('web', { spec: { nodeName: 'node-1', containers: [{ name: 'c', image: 'nginx:1.27' }] } })));
  const marked = must(api.delete('pods', 'default', 'web'));
  t.is(marked.metadata.deletionTimestamp, '2025-01-01T00:00:30Z');
  t.is(marked.metadata.deletionGracePeriodSeconds, 30);
  t.true(must(api.get('pods', 'default', 'web')).metadata.deletionTimestamp !== undefined);
  must(api.delete('pods', 'default', 'web', { gracePeriodSeconds: 0 }));
  const gone = api.get('pods', 'default', 'web');
  t.false(gone.ok);
  if (!gone.ok) t.is(gone.status.message, 'pods "web" not found');
});

test('an unscheduled pod is deleted at once', (t) => {
  const { api } = new Cluster();
  must(api.create('pods', 'default', pod('web')));
  must(api.delete('pods', 'default', 'web'));
  t.false(api.get('pods', 'default', 'web').ok);
});

test('finalizers keep an object until the last one is removed', (t) => {
  const { api } = new Cluster();
  must(api.create('configmaps', 'default', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'cfg', finalizers: ['example.com/hold'] } }));
  const marked = must(api.delete('configmaps', 'default', 'cfg'));
  t.truthy(marked.metadata.deletionTimestamp);
  const held = must(api.get('configmaps', 'default', 'cfg'));
  must(api.update('configmaps', 'default', { ...held, metadata: { ...held.metadata, finalizers: [] } }));
  t.false(api.get('configmaps', 'default', 'cfg').ok);
});

test('foreground deletion adds the foregroundDeletion finalizer', (t) => {
  const { api } = new Cluster();
  must(api.create('deployments', 'default', deployment('web')));
  const marked = must(api.delete('deployments', 'default', 'web', { propagationPolicy: 'Foreground' }));
  t.deepEqual(marked.metadata.finalizers, ['foregroundDeletion']);
});

test('lists filter by label selectors with matchExpressions-style terms and by field selectors', (t) => {
  const { api } = new Cluster();
  must(api.create('pods', 'default', pod('a', {}, { app: 'web', tier: 'front' })));
  must(api.create('pods', 'default', pod('b', { spec: { nodeName: 'node-1', containers: [{ name: 'c', image: 'x:1' }] } }, { app: 'db' })));
  must(api.create('pods', 'default', pod('c', {}, { app: 'web' })));
  const names = (options: { labelSelector?: string; fieldSelector?: string }): string[] =>
    must(api.list('pods', 'default', options)).items.map((p) => p.metadata.name ?? '');
  t.deepEqual(names({ labelSelector: 'app=web' }), ['a', 'c']);
  t.deepEqual(names({ labelSelector: 'app in (web,db),!tier' }), ['b', 'c']);
  t.deepEqual(names({ fieldSelector: 'spec.nodeName=node-1' }), ['b']);
  t.deepEqual(names({ fieldSelector: 'spec.nodeName=' }), ['a', 'c']);
  t.deepEqual(names({ fieldSelector: 'metadata.name!=a,status.phase=Pending' }), ['b', 'c']);
  const unsupported = api.list('pods', 'default', { fieldSelector: 'spec.foo=bar' });
  t.false(unsupported.ok);
  if (!unsupported.ok) t.is(unsupported.status.message, 'field label not supported: spec.foo');
});

test('a list pinning metadata.name reads that one object, still filtered by the other selectors, at the current revision', (t) => {
  const { api } = new Cluster();
  must(api.create('pods', 'default', pod('a', {}, { app: 'web' })));
  must(api.create('pods', 'default', pod('b', {}, { app: 'db' })));
  const list = (namespace: string, options: { labelSelector?: string; fieldSelector?: string }): { names: string[]; rv: string } => {
    const listed = must(api.list('pods', namespace, options));
    return { names: listed.items.map((p) => p.metadata.name ?? ''), rv: listed.metadata.resourceVersion ?? '' };
  };
  const rv = String(api.resourceVersion);
  t.deepEqual(list('default', { fieldSelector: 'metadata.name=b' }), { names: ['b'], rv });
  t.deepEqual(list('default', { fieldSelector: 'metadata.name==b,status.phase=Pending' }), { names: ['b'], rv });
  t.deepEqual(list('default', { fieldSelector: 'metadata.name=b', labelSelector: 'app=web' }), { names: [], rv });
  t.deepEqual(list('default', { fieldSelector: 'metadata.name=missing' }), { names: [], rv });
  t.deepEqual(list('', { fieldSelector: 'metadata.name=a' }), { names: ['a'], rv }, 'across namespaces the prefix is ranged');
  t.deepEqual(list('kube-system', { fieldSelector: 'metadata.name=a' }), { names: [], rv });
  const nodes = must(api.list('namespaces', '', { fieldSelector: 'metadata.name=kube-public' })).items.map((n) => n.metadata.name);
  t.deepEqual(nodes, ['kube-public']);
});

test('a watch from a resourceVersion delivers every later change in order, through the clock', (t) => {
  const cluster = new Cluster();
  const { api } = cluster;
  const first = must(api.create('pods', 'default', pod('a')));
  const seen: string[] = [];
  must(api.watch('pods', 'default', { resourceVersion: first.metadata.resourceVersion ?? '' }, (e: WatchEvent) => {
    seen.push(`${e.type} ${(e.object as KubeObject).metadata.name} ${(e.object as KubeObject).metadata.resourceVersion}`);
  }));
  const b = must(api.create('pods', 'default', pod('b')));
  const b2 = must(api.update('pods', 'default', { ...b, metadata: { ...b.metadata, labels: { app: 'other' } } }));
  const deleted = must(api.delete('pods', 'default', 'a'));
  t.deepEqual(seen, [], 'nothing is delivered inside the write calls');
  cluster.clock.runUntilIdle();
  t.deepEqual(seen, [
    `ADDED b ${b.metadata.resourceVersion}`,
    `MODIFIED b ${b2.metadata.resourceVersion}`,
    `DELETED a ${deleted.metadata.resourceVersion}`,
  ]);
});

test('a watch without resourceVersion starts with ADDED for what exists, and selectors turn label changes into ADDED and DELETED', (t) => {
  const cluster = new Cluster();
  const { api } = cluster;
  must(api.create('pods', 'default', pod('a')));
  const b = must(api.create('pods', 'default', pod('b', {}, { app: 'db' })));
  const seen: string[] = [];
  must(api.watch('pods', 'default', { labelSelector: 'app=web' }, (e) => seen.push(`${e.type} ${(e.object as KubeObject).metadata.name}`)));
  const b2 = must(api.update('pods', 'default', { ...b, metadata: { ...b.metadata, labels: { app: 'web' } } }));
  must(api.update('pods', 'default', { ...b2, metadata: { ...b2.metadata, labels: { app: 'db' } } }));
  cluster.clock.runUntilIdle();
  t.deepEqual(seen, ['ADDED a', 'ADDED b', 'DELETED b']);
});

test('a watch from a compacted resourceVersion gets one 410 Expired error', (t) => {
  const cluster = new Cluster();
  const { api } = cluster;
  const old = must(api.create('pods', 'default', pod('a')));
  must(api.create('pods', 'default', pod('b')));
  must(api.create('pods', 'default', pod('c')));
  cluster.etcd.compact(cluster.etcd.revision);
  const seen: WatchEvent[] = [];
  must(api.watch('pods', '', { resourceVersion: old.metadata.resourceVersion ?? '' }, (e) => seen.push(e)));
  cluster.clock.runUntilIdle();
  t.is(seen.length, 1);
  t.is(seen[0]?.type, 'ERROR');
  t.like(seen[0]?.object, { code: 410, reason: 'Expired' });
});

test('while etcd is stopped every request fails and watches pause; on start they resume with nothing lost', (t) => {
  const cluster = new Cluster();
  const { api } = cluster;
  const seen: string[] = [];
  must(api.watch('pods', 'default', { resourceVersion: String(cluster.etcd.revision) }, (e) => seen.push((e.object as KubeObject).metadata.name ?? '')));
  must(api.create('pods', 'default', pod('a')));
  cluster.etcd.stop();
  cluster.clock.runUntilIdle();
  t.deepEqual(seen, []);
  const refused = api.create('pods', 'default', pod('b'));
  t.false(refused.ok);
  if (!refused.ok) t.is(refused.status.code, 500);
  t.false(api.list('pods', 'default').ok);
  cluster.etcd.start();
  must(api.create('pods', 'default', pod('b')));
  cluster.clock.runUntilIdle();
  t.deepEqual(seen, ['a', 'b']);
});

test('Services get a ClusterIP and NodePorts; a taken ClusterIP is refused with the real message', (t) => {
  const { api } = new Cluster();
  const svc = (name: string, spec: Record<string, unknown>): KubeObject => ({
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name },
    spec: { selector: { app: name }, ports: [{ port: 80 }], ...spec },
  });
  const web = must(api.create('services', 'default', svc('web', { type: 'NodePort' })));
  const spec = web.spec as { clusterIP: string; clusterIPs: string[]; ports: { nodePort: number; targetPort: number }[] };
  t.regex(spec.clusterIP, /^10\.(9[6-9]|10[0-9]|11[01])\.\d+\.\d+$/);
  t.deepEqual(spec.clusterIPs, [spec.clusterIP]);
  t.true(spec.ports[0]!.nodePort >= 30000 && spec.ports[0]!.nodePort <= 32767);
  t.is(spec.ports[0]!.targetPort, 80);
  const clash = api.create('services', 'default', svc('dns', { clusterIP: '10.96.0.1' }));
  t.false(clash.ok);
  if (!clash.ok) {
    t.is(
      clash.status.message,
      'Service "dns" is invalid: spec.clusterIPs: Invalid value: []string{"10.96.0.1"}: failed to allocate IP 10.96.0.1: provided IP is already allocated',
    );
  }
  const outOfRange = api.create('services', 'default', svc('low', { type: 'NodePort', ports: [{ port: 80, nodePort: 8080 }] }));
  t.false(outOfRange.ok);
  if (!outOfRange.ok) {
    t.is(
      outOfRange.status.message,
      'Service "low" is invalid: spec.ports[0].nodePort: Invalid value: 8080: provided port is not in the valid range. The range of valid ports is 30000-32767',
    );
    t.is(outOfRange.status.details?.causes?.length, 1);
  }
  must(api.delete('services', 'default', 'web'));
  must(api.create('services', 'default', svc('again', { clusterIP: spec.clusterIP })));
});

test('an unknown kind or version is refused honestly', (t) => {
  const { api } = new Cluster();
  const result = api.create('daemonsets', 'default', { apiVersion: 'extensions/v1beta1', kind: 'DaemonSet', metadata: { name: 'x' } });
  t.false(result.ok);
  if (!result.ok) t.is(result.status.message, 'no matches for kind "DaemonSet" in version "extensions/v1beta1"');
});

test('objects over 1.5 MiB are refused', (t) => {
  const { api } = new Cluster();
  const big = api.create('pods', 'default', pod('big', { spec: { containers: [{ name: 'c', image: 'x:1', args: ['x'.repeat(1.6 * 1024 * 1024)] }] } }));
  t.false(big.ok);
  if (!big.ok) t.is(big.status.code, 413);
  const configMap = api.create('configmaps', 'default', {
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: { name: 'big' },
    data: { blob: 'x'.repeat(1.1 * 1024 * 1024) },
  });
  t.false(configMap.ok, 'ConfigMaps are limited to 1 MiB by validation');
});

test('strategic merge patch merges containers by name and JSON merge patch replaces lists', (t) => {
  const { api } = new Cluster();
  must(api.create('deployments', 'default', deployment('web')));
  const patched = must(
    api.patch('deployments', 'default', 'web', 'strategic', {
      spec: { template: { spec: { containers: [{ name: 'c', image: 'nginx:1.28' }] } } },
    }),
  );
  const containers = (patched.spec as { template: { spec: { containers: { name: string; image: string; imagePullPolicy: string }[] } } }).template.spec.containers;
  t.is(containers.length, 1);
  t.is(containers[0]?.image, 'nginx:1.28');
  t.is(containers[0]?.imagePullPolicy, 'IfNotPresent');
  t.is(patched.metadata.generation, 2);
  const scaled = must(api.patch('deployments', 'default', 'web', 'merge', { spec: { replicas: 5 } }));
  t.is((scaled.spec as { replicas: number }).replicas, 5);
});

test('delete preconditions are checked first and name the kind, as rest.BeforeDelete words them', (t) => {
  const { api } = new Cluster();
  const created = must(api.create('deployments', 'default', deployment('web')));
  const wrongUid = api.delete('deployments', 'default', 'web', { preconditions: { uid: 'other' } });
  t.false(wrongUid.ok);
  if (!wrongUid.ok) {
    t.is(wrongUid.status.code, 409);
    t.is(
      wrongUid.status.message,
      `Operation cannot be fulfilled on Deployment.apps "web": the UID in the precondition (other) does not match the UID in record (${created.metadata.uid}). The object might have been deleted and then recreated`,
    );
  }
  const stale = api.delete('deployments', 'default', 'web', { preconditions: { resourceVersion: '1' } });
  if (!stale.ok) {
    t.is(
      stale.status.message,
      `Operation cannot be fulfilled on Deployment.apps "web": the ResourceVersion in the precondition (1) does not match the ResourceVersion in record (${created.metadata.resourceVersion}). The object might have been modified`,
    );
  } else t.fail();
});
