import test from 'ava';
import type { KubeObject } from '../../src/api/types.js';
import { Cluster } from '../../src/cluster/cluster.js';

type Resources = { requests?: Record<string, string>; limits?: Record<string, string> };

function pod(name: string, resources?: Resources, spec: Record<string, unknown> = {}, metadata: Record<string, unknown> = {}): KubeObject {
  const container: Record<string, unknown> = { name: 'nginx', image: 'nginx:1.27' };
  if (resources) container.resources = resources;
  return { apiVersion: 'v1', kind: 'Pod', metadata: { name, ...metadata }, spec: { containers: [container], ...spec } };
}

function namespaceWithAccount(cluster: Cluster, name: string): void {
  must(cluster.api.create('namespaces', '', { apiVersion: 'v1', kind: 'Namespace', metadata: { name } }));
  must(cluster.api.create('serviceaccounts', name, { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'default' } }));
}

function limitRange(name: string, limits: Record<string, unknown>[]): KubeObject {
  return { apiVersion: 'v1', kind: 'LimitRange', metadata: { name }, spec: { limits } };
}

function quota(name: string, hard: Record<string, string>, spec: Record<string, unknown> = {}): KubeObject {
  return { apiVersion: 'v1', kind: 'ResourceQuota', metadata: { name }, spec: { hard, ...spec } };
}

function must<T>(result: { ok: true; value: T } | { ok: false; status: { message?: string } }): T {
  if (!result.ok) throw new Error(`unexpected failure: ${result.status.message}`);
  return result.value;
}

function refusal(result: { ok: true } | { ok: false; status: { code: number; message?: string } }): string {
  if (result.ok) throw new Error('expected a refusal');
  if (result.status.code !== 403) throw new Error(`expected 403, got ${result.status.code}: ${result.status.message}`);
  return result.status.message ?? '';
}

interface PodView {
  spec: {
    serviceAccountName?: string;
    volumes?: { name: string }[];
    imagePullSecrets?: unknown[];
    containers: { volumeMounts?: unknown[]; resources: Resources }[];
    initContainers?: { volumeMounts?: unknown[] }[];
  };
  status: { qosClass: string };
}

const TOKEN_MOUNT = '/var/run/secrets/kubernetes.io/serviceaccount';

// ServiceAccount

test('every system namespace starts with a default ServiceAccount', (t) => {
  const { api } = new Cluster();
  for (const namespace of ['default', 'kube-system', 'kube-public', 'kube-node-lease']) t.true(api.get('serviceaccounts', namespace, 'default').ok);
});

test('a new pod runs as default and mounts the projected token volume in every container', (t) => {
  const { api } = new Cluster();
  const created = must(api.create('pods', 'default', { ...pod('web'), spec: { initContainers: [{ name: 'init', image: 'busybox:1.36' }], containers: [{ name: 'nginx', image: 'nginx:1.27' }] } }));
  const spec = (created as unknown as PodView).spec;
  t.is(spec.serviceAccountName, 'default');
  const volume = spec.volumes?.[0] as { name: string; projected: unknown };
  t.regex(volume.name, /^kube-api-access-[bcdfghjklmnpqrstvwxz2456789]{5}$/);
  t.deepEqual(volume.projected, {
    defaultMode: 420,
    sources: [
      { serviceAccountToken: { expirationSeconds: 3607, path: 'token' } },
      { configMap: { name: 'kube-root-ca.crt', items: [{ key: 'ca.crt', path: 'ca.crt' }] } },
      { downwardAPI: { items: [{ path: 'namespace', fieldRef: { apiVersion: 'v1', fieldPath: 'metadata.namespace' } }] } },
    ],
  });
  const mount = { name: volume.name, readOnly: true, mountPath: TOKEN_MOUNT };
  t.deepEqual(spec.containers[0]?.volumeMounts, [mount]);
  t.deepEqual(spec.initContainers?.[0]?.volumeMounts, [mount]);
});

test('a pod naming a missing ServiceAccount is forbidden in the real words, under its generateName', (t) => {
  const cluster = new Cluster();
  const named = cluster.api.create('pods', 'default', pod('web', undefined, { serviceAccountName: 'builder' }));
  t.is(refusal(named), 'pods "web" is forbidden: error looking up service account default/builder: serviceaccount "builder" not found');
  must(cluster.api.create('namespaces', '', { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'team-a' } }));
  const generated = cluster.api.create('pods', 'team-a', pod('', undefined, {}, { generateName: 'web-7d4b9c-' }));
  t.is(refusal(generated), 'pods "web-7d4b9c-" is forbidden: error looking up service account team-a/default: serviceaccount "default" not found');
});

test("automountServiceAccountToken false on the account skips the token, and the pod's own choice wins", (t) => {
  const { api } = new Cluster();
  must(api.create('serviceaccounts', 'default', { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'quiet' }, automountServiceAccountToken: false, imagePullSecrets: [{ name: 'regcred' }] }));
  const quiet = must(api.create('pods', 'default', pod('quiet', undefined, { serviceAccountName: 'quiet' }))) as unknown as PodView;
  t.is(quiet.spec.volumes, undefined);
  t.is(quiet.spec.containers[0]?.volumeMounts, undefined);
  t.deepEqual(quiet.spec.imagePullSecrets, [{ name: 'regcred' }]);
  const insists = must(api.create('pods', 'default', pod('insists', undefined, { serviceAccountName: 'quiet', automountServiceAccountToken: true }))) as unknown as PodView;
  t.is(insists.spec.volumes?.length, 1);
  const optedOut = must(api.create('pods', 'default', pod('opted-out', undefined, { automountServiceAccountToken: false }))) as unknown as PodView;
  t.is(optedOut.spec.volumes, undefined);
});

test('mirror pods get no service account, and may not name one', (t) => {
  const { api } = new Cluster();
  const mirror = { annotations: { 'kubernetes.io/config.mirror': 'abc' } };
  const created = must(api.create('pods', 'kube-system', pod('etcd-node-1', undefined, { nodeName: 'node-1' }, mirror))) as unknown as PodView;
  t.is(created.spec.serviceAccountName, undefined);
  t.is(created.spec.volumes, undefined);
  const named = api.create('pods', 'kube-system', pod('proxy-node-1', undefined, { nodeName: 'node-1', serviceAccountName: 'default' }, mirror));
  t.is(refusal(named), 'pods "proxy-node-1" is forbidden: a mirror pod may not reference service accounts');
});

// LimitRanger

test('a LimitRange with only max and min is defaulted: default from max, defaultRequest from default', (t) => {
  const { api } = new Cluster();
  const created = must(api.create('limitranges', 'default', limitRange('cpu-min-max-demo-lr', [{ type: 'Container', max: { cpu: '800m' }, min: { cpu: '200m' } }])));
  t.deepEqual((created.spec as { limits: unknown[] }).limits, [
    { type: 'Container', max: { cpu: '800m' }, min: { cpu: '200m' }, default: { cpu: '800m' }, defaultRequest: { cpu: '800m' } },
  ]);
});

test('a pod without resources gets the LimitRange defaults, the annotation saying so, and the QoS class they make', (t) => {
  const { api } = new Cluster();
  must(api.create('limitranges', 'default', limitRange('defaults', [{ type: 'Container', default: { cpu: '1', memory: '512Mi' }, defaultRequest: { cpu: '0.5', memory: '256Mi' } }])));
  const created = must(api.create('pods', 'default', pod('default-demo')));
  const view = created as unknown as PodView;
  t.deepEqual(view.spec.containers[0]?.resources, { limits: { cpu: '1', memory: '512Mi' }, requests: { cpu: '500m', memory: '256Mi' } });
  t.is(created.metadata.annotations?.['kubernetes.io/limit-ranger'], 'LimitRanger plugin set: cpu, memory request for container nginx; cpu, memory limit for container nginx');
  t.is(view.status.qosClass, 'Burstable');
  const limitOnly = must(api.create('pods', 'default', pod('limit-only', { limits: { memory: '1Gi' } }))) as unknown as PodView;
  t.deepEqual(limitOnly.spec.containers[0]?.resources, { limits: { memory: '1Gi', cpu: '1' }, requests: { memory: '1Gi', cpu: '500m' } });
});

test('LimitRanger refuses containers outside min and max with the real messages', (t) => {
  const { api } = new Cluster();
  must(api.create('limitranges', 'default', limitRange('cpu-min-max-demo-lr', [{ type: 'Container', max: { cpu: '800m' }, min: { cpu: '200m' } }])));
  const tooMuch = api.create('pods', 'default', pod('constraints-cpu-demo-2', { limits: { cpu: '1.5' }, requests: { cpu: '500m' } }));
  t.is(refusal(tooMuch), 'pods "constraints-cpu-demo-2" is forbidden: maximum cpu usage per Container is 800m, but limit is 1500m');
  const tooLittle = api.create('pods', 'default', pod('constraints-cpu-demo-3', { limits: { cpu: '800m' }, requests: { cpu: '100m' } }));
  t.is(refusal(tooLittle), 'pods "constraints-cpu-demo-3" is forbidden: minimum cpu usage per Container is 200m, but request is 100m');
  const defaulted = must(api.create('pods', 'default', pod('constraints-cpu-demo-4'))) as unknown as PodView;
  t.deepEqual(defaulted.spec.containers[0]?.resources, { limits: { cpu: '800m' }, requests: { cpu: '800m' } });
});

test('several LimitRanger errors are listed together, ratios print as %f', (t) => {
  const { api } = new Cluster();
  must(api.create('limitranges', 'default', limitRange('mixed', [{ type: 'Container', max: { memory: '1Gi' }, maxLimitRequestRatio: { cpu: '2' } }])));
  const refused = api.create('pods', 'default', pod('greedy', { limits: { memory: '1.5Gi', cpu: '2' }, requests: { memory: '1Gi', cpu: '500m' } }));
  t.is(
    refusal(refused),
    'pods "greedy" is forbidden: [maximum memory usage per Container is 1Gi, but limit is 1536Mi, cpu max limit to request ratio per Container is 2, but provided ratio is 4.000000]',
  );
});

test('Pod limits apply to the sum of the containers', (t) => {
  const { api } = new Cluster();
  must(api.create('limitranges', 'default', limitRange('pod-max', [{ type: 'Pod', max: { memory: '1Gi' } }])));
  const twoContainers = {
    ...pod('pair'),
    spec: {
      containers: [
        { name: 'a', image: 'nginx:1.27', resources: { limits: { memory: '600Mi' } } },
        { name: 'b', image: 'nginx:1.27', resources: { limits: { memory: '600Mi' } } },
      ],
    },
  };
  t.is(refusal(api.create('pods', 'default', twoContainers)), 'pods "pair" is forbidden: maximum memory usage per Pod is 1Gi, but limit is 1200Mi');
});

test('a PersistentVolumeClaim over the LimitRange maximum is refused', (t) => {
  const { api } = new Cluster();
  must(api.create('limitranges', 'default', limitRange('storagelimits', [{ type: 'PersistentVolumeClaim', max: { storage: '2Gi' }, min: { storage: '1Gi' } }])));
  const claim: KubeObject = {
    apiVersion: 'v1',
    kind: 'PersistentVolumeClaim',
    metadata: { name: 'pvc-limit-greater' },
    spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '5Gi' } } },
  };
  t.is(refusal(api.create('persistentvolumeclaims', 'default', claim)), 'persistentvolumeclaims "pvc-limit-greater" is forbidden: maximum storage usage per PersistentVolumeClaim is 2Gi, but request is 5Gi');
});

// ResourceQuota

test('a pod over the pods quota is refused and used counts what was admitted', (t) => {
  const cluster = new Cluster();
  const { api } = cluster;
  namespaceWithAccount(cluster, 'quota-pod-example');
  const created = must(api.create('resourcequotas', 'quota-pod-example', quota('pod-demo', { pods: '2' })));
  t.deepEqual(created.status, { hard: { pods: '2' }, used: { pods: '0' } });
  must(api.create('pods', 'quota-pod-example', pod('', undefined, {}, { generateName: 'pod-quota-demo-5d8b7b5f8c-' })));
  must(api.create('pods', 'quota-pod-example', pod('', undefined, {}, { generateName: 'pod-quota-demo-5d8b7b5f8c-' })));
  const third = api.create('pods', 'quota-pod-example', pod('', undefined, {}, { generateName: 'pod-quota-demo-5d8b7b5f8c-' }));
  t.is(refusal(third), 'pods "pod-quota-demo-5d8b7b5f8c-" is forbidden: exceeded quota: pod-demo, requested: pods=1, used: pods=2, limited: pods=2');
  t.deepEqual(must(api.get('resourcequotas', 'quota-pod-example', 'pod-demo')).status, { hard: { pods: '2' }, used: { pods: '2' } });
});

test('a compute quota makes every container state its requests and limits, and sums them', (t) => {
  const cluster = new Cluster();
  const { api } = cluster;
  namespaceWithAccount(cluster, 'quota-mem-cpu-example');
  const hard = { 'requests.cpu': '1', 'requests.memory': '1Gi', 'limits.cpu': '2', 'limits.memory': '2Gi' };
  must(api.create('resourcequotas', 'quota-mem-cpu-example', quota('mem-cpu-demo', hard)));
  t.is(
    refusal(api.create('pods', 'quota-mem-cpu-example', pod('bare'))),
    'pods "bare" is forbidden: failed quota: mem-cpu-demo: must specify limits.cpu for: nginx; limits.memory for: nginx; requests.cpu for: nginx; requests.memory for: nginx',
  );
  must(api.create('pods', 'quota-mem-cpu-example', pod('quota-mem-cpu-demo', { limits: { memory: '800Mi', cpu: '800m' }, requests: { memory: '600Mi', cpu: '400m' } })));
  t.deepEqual(must(api.get('resourcequotas', 'quota-mem-cpu-example', 'mem-cpu-demo')).status, {
    hard: { 'limits.cpu': '2', 'limits.memory': '2Gi', 'requests.cpu': '1', 'requests.memory': '1Gi' },
    used: { 'limits.cpu': '800m', 'limits.memory': '800Mi', 'requests.cpu': '400m', 'requests.memory': '600Mi' },
  });
  const second = api.create('pods', 'quota-mem-cpu-example', pod('quota-mem-cpu-demo-2', { limits: { memory: '1Gi', cpu: '800m' }, requests: { memory: '700Mi', cpu: '400m' } }));
  t.is(refusal(second), 'pods "quota-mem-cpu-demo-2" is forbidden: exceeded quota: mem-cpu-demo, requested: requests.memory=700Mi, used: requests.memory=600Mi, limited: requests.memory=1Gi');
});

test('LimitRange defaults run before the quota asks for requests and limits', (t) => {
  const cluster = new Cluster();
  const { api } = cluster;
  namespaceWithAccount(cluster, 'team');
  must(api.create('limitranges', 'team', limitRange('defaults', [{ type: 'Container', default: { cpu: '500m', memory: '128Mi' }, defaultRequest: { cpu: '250m', memory: '64Mi' } }])));
  must(api.create('resourcequotas', 'team', quota('compute', { cpu: '1', 'limits.memory': '1Gi' })));
  must(api.create('pods', 'team', pod('a')));
  t.deepEqual(must(api.get('resourcequotas', 'team', 'compute')).status, { hard: { cpu: '1', 'limits.memory': '1Gi' }, used: { cpu: '250m', 'limits.memory': '128Mi' } });
});

test('a quota created later counts the pods already running, but not finished ones', (t) => {
  const cluster = new Cluster();
  const { api } = cluster;
  must(api.create('pods', 'default', pod('a', { requests: { cpu: '100m' } })));
  must(api.create('pods', 'default', pod('b', { requests: { cpu: '200m' } })));
  const done = must(api.create('pods', 'default', pod('done', { requests: { cpu: '1' } })));
  must(api.update('pods', 'default', { ...done, status: { ...(done.status as object), phase: 'Succeeded' } }, { subresource: 'status' }));
  const created = must(api.create('resourcequotas', 'default', quota('compute', { pods: '10', 'requests.cpu': '4', 'count/pods': '20', configmaps: '5' })));
  t.deepEqual(created.status, {
    hard: { configmaps: '5', 'count/pods': '20', pods: '10', 'requests.cpu': '4' },
    used: { configmaps: '0', 'count/pods': '3', pods: '2', 'requests.cpu': '300m' },
  });
});

test('object counts and Service node ports are charged on create', (t) => {
  const { api } = new Cluster();
  must(api.create('resourcequotas', 'default', quota('objects', { 'count/configmaps': '1', 'services.nodeports': '1', 'count/deployments.apps': '5' })));
  must(api.create('configmaps', 'default', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'one' } }));
  t.is(
    refusal(api.create('configmaps', 'default', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'two' } })),
    'configmaps "two" is forbidden: exceeded quota: objects, requested: count/configmaps=1, used: count/configmaps=1, limited: count/configmaps=1',
  );
  const service = (name: string): KubeObject => ({ apiVersion: 'v1', kind: 'Service', metadata: { name }, spec: { type: 'NodePort', selector: { app: name }, ports: [{ name: 'a', port: 80 }, { name: 'b', port: 81 }] } });
  t.is(
    refusal(api.create('services', 'default', service('web'))),
    'services "web" is forbidden: exceeded quota: objects, requested: services.nodeports=2, used: services.nodeports=0, limited: services.nodeports=1',
  );
  t.deepEqual((must(api.get('resourcequotas', 'default', 'objects')).status as { used: unknown }).used, {
    'count/configmaps': '1',
    'count/deployments.apps': '0',
    'services.nodeports': '0',
  });
});

test('a BestEffort-scoped quota counts only BestEffort pods', (t) => {
  const { api } = new Cluster();
  must(api.create('resourcequotas', 'default', quota('best-effort', { pods: '1' }, { scopes: ['BestEffort'] })));
  must(api.create('pods', 'default', pod('burstable', { requests: { cpu: '100m' } })));
  must(api.create('pods', 'default', pod('best-effort-1')));
  t.is(refusal(api.create('pods', 'default', pod('best-effort-2'))), 'pods "best-effort-2" is forbidden: exceeded quota: best-effort, requested: pods=1, used: pods=1, limited: pods=1');
});

test('dry runs and refused names charge nothing; deleting leaves used to the quota controller', (t) => {
  const { api } = new Cluster();
  must(api.create('resourcequotas', 'default', quota('pods', { pods: '5' })));
  const used = (): unknown => (must(api.get('resourcequotas', 'default', 'pods')).status as { used: unknown }).used;
  must(api.create('pods', 'default', pod('dry'), { dryRun: true }));
  t.deepEqual(used(), { pods: '0' });
  must(api.create('pods', 'default', pod('a')));
  t.false(api.create('pods', 'default', pod('a')).ok);
  t.deepEqual(used(), { pods: '1' });
  must(api.delete('pods', 'default', 'a'));
  t.deepEqual(used(), { pods: '1' }, 'replenishment is the resource quota controller’s job');
});

test('changing spec.hard recounts the quota status', (t) => {
  const { api } = new Cluster();
  must(api.create('resourcequotas', 'default', quota('q', { pods: '5' })));
  must(api.create('pods', 'default', pod('a', { requests: { memory: '64Mi' } })));
  const charged = must(api.get('resourcequotas', 'default', 'q'));
  const updated = must(api.update('resourcequotas', 'default', { ...charged, spec: { hard: { pods: '5', 'requests.memory': '1Gi' } } }));
  t.deepEqual(updated.status, { hard: { pods: '5', 'requests.memory': '1Gi' }, used: { pods: '1', 'requests.memory': '64Mi' } });
});
