import test from 'ava';
import { Cluster } from '../../src/cluster/cluster.js';
import { startApiFront, type ApiFront } from '../../src/http/server.js';
import { negotiateDiscovery } from '../../src/http/aggregated-discovery.js';

let cluster: Cluster;
let front: ApiFront;

test.before(async () => {
  cluster = new Cluster({ seed: 1, components: 'full' });
  cluster.clock.advance(60_000);
  front = await startApiFront({ api: cluster.api, clock: cluster.clock, port: 0 });
});

test.after.always(async () => {
  await front.close();
  cluster.dispose();
});

const V2 = 'application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList';
const V2BETA1 = 'application/json;g=apidiscovery.k8s.io;v=v2beta1;as=APIGroupDiscoveryList';
/** What kubectl 1.30+ sends. */
const KUBECTL_132 = `${V2},${V2BETA1},application/json`;
/** What kubectl 1.27–1.29 send. */
const KUBECTL_127 = `${V2BETA1},application/json`;

interface SubresourceDiscovery {
  subresource: string;
  responseKind: { group: string; version: string; kind: string };
  verbs: string[];
}
interface ResourceDiscovery {
  resource: string;
  responseKind: { group: string; version: string; kind: string };
  scope: string;
  singularResource: string;
  verbs: string[];
  shortNames?: string[];
  categories?: string[];
  subresources?: SubresourceDiscovery[];
}
interface GroupDiscoveryList {
  kind: string;
  apiVersion: string;
  items: { metadata: { name?: string }; versions: { version: string; freshness: string; resources: ResourceDiscovery[] }[] }[];
}

async function get(path: string, accept?: string): Promise<{ status: number; contentType: string | null; text: string }> {
  const response = await fetch(`${front.url}${path}`, accept === undefined ? {} : { headers: { accept } });
  return { status: response.status, contentType: response.headers.get('content-type'), text: await response.text() };
}

async function aggregated(path: '/api' | '/apis', accept = KUBECTL_132): Promise<GroupDiscoveryList> {
  return JSON.parse((await get(path, accept)).text) as GroupDiscoveryList;
}

function resourceIn(list: GroupDiscoveryList, group: string, version: string, resource: string): ResourceDiscovery | undefined {
  return list.items
    .find((g) => (g.metadata.name ?? '') === group)
    ?.versions.find((v) => v.version === version)
    ?.resources.find((r) => r.resource === resource);
}

test('negotiation walks the Accept list and picks the first aggregated version it serves', (t) => {
  t.is(negotiateDiscovery(KUBECTL_132), 'v2');
  t.is(negotiateDiscovery(KUBECTL_127), 'v2beta1');
  t.is(negotiateDiscovery(`application/json;g=apidiscovery.k8s.io;v=v3;as=APIGroupDiscoveryList,${V2BETA1}`), 'v2beta1');
  t.is(negotiateDiscovery(`application/json,${V2}`), undefined);
  t.is(negotiateDiscovery(`${V2};q=0.5,${V2BETA1}`), 'v2beta1');
  t.is(negotiateDiscovery('application/json, */*'), undefined);
  t.is(negotiateDiscovery(undefined), undefined);
});

test('kubectl 1.32 gets both roots as v2 aggregated discovery with the exact Content-Type', async (t) => {
  for (const path of ['/api', '/apis']) {
    const answer = await get(path, KUBECTL_132);
    t.is(answer.status, 200);
    t.is(answer.contentType, V2);
    t.like(JSON.parse(answer.text), { kind: 'APIGroupDiscoveryList', apiVersion: 'apidiscovery.k8s.io/v2' });
  }
});

test('kubectl 1.27 to 1.29 get both roots as v2beta1 aggregated discovery', async (t) => {
  for (const path of ['/api', '/apis']) {
    const answer = await get(path, KUBECTL_127);
    t.is(answer.contentType, V2BETA1);
    t.like(JSON.parse(answer.text), { kind: 'APIGroupDiscoveryList', apiVersion: 'apidiscovery.k8s.io/v2beta1' });
  }
});

test('a client accepting neither version gets the legacy documents', async (t) => {
  const api = await get('/api', 'application/json, */*');
  t.is(api.contentType, 'application/json');
  t.like(JSON.parse(api.text), { kind: 'APIVersions', versions: ['v1'] });
  const apis = await get('/apis');
  t.is(apis.contentType, 'application/json');
  t.like(JSON.parse(apis.text), { kind: 'APIGroupList', apiVersion: 'v1' });
});

test('the group-version documents stay legacy whatever the Accept', async (t) => {
  const answer = await get('/api/v1', KUBECTL_132);
  t.is(answer.contentType, 'application/json');
  t.like(JSON.parse(answer.text), { kind: 'APIResourceList', groupVersion: 'v1' });
  t.like(JSON.parse((await get('/apis/apps/v1', KUBECTL_132)).text), { kind: 'APIResourceList', groupVersion: 'apps/v1' });
});

test('the core group is unnamed and describes pods with every field kubectl reads', async (t) => {
  const list = await aggregated('/api');
  t.is(list.items.length, 1);
  t.is(list.items[0]?.metadata.name, undefined);
  t.is(list.items[0]?.versions[0]?.freshness, 'Current');
  t.deepEqual(resourceIn(list, '', 'v1', 'pods'), {
    resource: 'pods',
    responseKind: { group: '', version: 'v1', kind: 'Pod' },
    scope: 'Namespaced',
    singularResource: 'pod',
    verbs: ['create', 'delete', 'deletecollection', 'get', 'list', 'patch', 'update', 'watch'],
    shortNames: ['po'],
    categories: ['all'],
    subresources: [
      { subresource: 'binding', responseKind: { group: '', version: 'v1', kind: 'Binding' }, verbs: ['create'] },
      { subresource: 'eviction', responseKind: { group: 'policy', version: 'v1', kind: 'Eviction' }, verbs: ['create'] },
      { subresource: 'log', responseKind: { group: '', version: 'v1', kind: 'Pod' }, verbs: ['get'] },
      { subresource: 'status', responseKind: { group: '', version: 'v1', kind: 'Pod' }, verbs: ['get', 'patch', 'update'] },
    ],
  });
  t.like(resourceIn(list, '', 'v1', 'nodes'), { scope: 'Cluster', shortNames: ['no'] });
});

test('scalable kinds list scale as autoscaling/v1 Scale next to status', async (t) => {
  const apis = await aggregated('/apis');
  t.deepEqual(resourceIn(apis, 'apps', 'v1', 'deployments')?.subresources?.map((s) => [s.subresource, s.responseKind]), [
    ['scale', { group: 'autoscaling', version: 'v1', kind: 'Scale' }],
    ['status', { group: 'apps', version: 'v1', kind: 'Deployment' }],
  ]);
  const core = await aggregated('/api');
  t.is(resourceIn(core, '', 'v1', 'replicationcontrollers')?.subresources?.[0]?.responseKind.kind, 'Scale');
});

test('a group lists its preferred version first, each version with its own responseKind', async (t) => {
  const apis = await aggregated('/apis', KUBECTL_127);
  const autoscaling = apis.items.find((g) => g.metadata.name === 'autoscaling');
  t.deepEqual(autoscaling?.versions.map((v) => v.version), ['v2', 'v1']);
  t.deepEqual(resourceIn(apis, 'autoscaling', 'v1', 'horizontalpodautoscalers')?.responseKind, { group: 'autoscaling', version: 'v1', kind: 'HorizontalPodAutoscaler' });
});

test('aggregated and legacy discovery list the same resources and subresources', async (t) => {
  const apis = await aggregated('/apis');
  const core = await aggregated('/api');
  for (const group of [...core.items, ...apis.items]) {
    for (const version of group.versions) {
      const name = group.metadata.name ?? '';
      const path = name === '' ? `/api/${version.version}` : `/apis/${name}/${version.version}`;
      const legacy = JSON.parse((await get(path)).text) as { resources: { name: string }[] };
      const names = version.resources.flatMap((r) => [r.resource, ...(r.subresources ?? []).map((s) => `${r.resource}/${s.subresource}`)]);
      t.deepEqual(names, legacy.resources.map((r) => r.name), path);
    }
  }
});

test.serial('metrics.k8s.io is discovered in both styles only while the metrics-server runs', async (t) => {
  const metricsServer = cluster.parts!.metricsServer;
  const hasMetrics = async (): Promise<[boolean, boolean]> => {
    const apis = await aggregated('/apis');
    const legacy = JSON.parse((await get('/apis')).text) as { groups: { name: string }[] };
    return [apis.items.some((g) => g.metadata.name === 'metrics.k8s.io'), legacy.groups.some((g) => g.name === 'metrics.k8s.io')];
  };
  t.deepEqual(await hasMetrics(), [true, true]);
  t.like(resourceIn(await aggregated('/apis'), 'metrics.k8s.io', 'v1beta1', 'pods'), {
    responseKind: { group: 'metrics.k8s.io', version: 'v1beta1', kind: 'PodMetrics' },
    scope: 'Namespaced',
    verbs: ['get', 'list'],
  });
  metricsServer.stop();
  try {
    t.deepEqual(await hasMetrics(), [false, false]);
    const unavailable = await get('/apis/metrics.k8s.io/v1beta1/nodes');
    t.is(unavailable.status, 503);
    t.is(unavailable.text, 'service unavailable\n');
  } finally {
    metricsServer.start();
  }
  t.deepEqual(await hasMetrics(), [true, true]);
});

test('the legacy metrics.k8s.io resource list names NodeMetrics and PodMetrics', async (t) => {
  const list = JSON.parse((await get('/apis/metrics.k8s.io/v1beta1')).text) as { groupVersion: string; resources: unknown[] };
  t.is(list.groupVersion, 'metrics.k8s.io/v1beta1');
  t.deepEqual(list.resources, [
    { name: 'nodes', singularName: 'node', namespaced: false, kind: 'NodeMetrics', verbs: ['get', 'list'] },
    { name: 'pods', singularName: '', namespaced: true, kind: 'PodMetrics', verbs: ['get', 'list'] },
  ]);
});

test('NodeMetricsList carries the metrics-server sample as canonical quantities', async (t) => {
  const samples = cluster.parts!.metricsServer.nodeMetrics();
  const list = JSON.parse((await get('/apis/metrics.k8s.io/v1beta1/nodes')).text) as {
    kind: string;
    apiVersion: string;
    items: { metadata: { name: string }; window: string; timestamp: string; usage: { cpu: string; memory: string } }[];
  };
  t.is(list.kind, 'NodeMetricsList');
  t.is(list.apiVersion, 'metrics.k8s.io/v1beta1');
  t.deepEqual(list.items.map((i) => i.metadata.name), samples.map((s) => s.name));
  const first = list.items[0]!;
  const sample = samples[0]!;
  t.is(first.window, '15s');
  t.is(first.timestamp, new Date(sample.timestamp).toISOString().replace('.000Z', 'Z'));
  t.is(first.usage.cpu, `${sample.cpuMilli}m`);
  t.is(first.usage.memory, `${sample.memoryBytes / (1024 * 1024)}Mi`);
});

test('node metrics honour label and field selectors and answer one node by name', async (t) => {
  const byLabel = JSON.parse((await get('/apis/metrics.k8s.io/v1beta1/nodes?labelSelector=node-role.kubernetes.io%2Fcontrol-plane')).text) as { items: { metadata: { name: string } }[] };
  t.deepEqual(byLabel.items.map((i) => i.metadata.name), ['control-plane']);
  const byField = JSON.parse((await get('/apis/metrics.k8s.io/v1beta1/nodes?fieldSelector=metadata.name%3Dnode-2')).text) as { items: { metadata: { name: string } }[] };
  t.deepEqual(byField.items.map((i) => i.metadata.name), ['node-2']);
  t.like(JSON.parse((await get('/apis/metrics.k8s.io/v1beta1/nodes/node-1')).text), { kind: 'NodeMetrics', metadata: { name: 'node-1' } });
});

test('pod metrics list every namespace in namespace and name order, with per-container usage', async (t) => {
  const list = JSON.parse((await get('/apis/metrics.k8s.io/v1beta1/pods')).text) as {
    kind: string;
    items: { metadata: { namespace: string; name: string }; containers: { name: string; usage: { cpu: string; memory: string } }[] }[];
  };
  t.is(list.kind, 'PodMetricsList');
  const keys = list.items.map((i) => `${i.metadata.namespace}/${i.metadata.name}`);
  t.deepEqual(keys, [...keys].sort());
  t.is(list.items.length, cluster.parts!.metricsServer.podMetrics('').length);
  const one = list.items[0]!;
  const single = JSON.parse((await get(`/apis/metrics.k8s.io/v1beta1/namespaces/${one.metadata.namespace}/pods/${one.metadata.name}`)).text) as { kind: string; containers: unknown };
  t.is(single.kind, 'PodMetrics');
  t.deepEqual(single.containers, one.containers);
});

test('missing metrics are NotFound in metrics-server words', async (t) => {
  const node = await get('/apis/metrics.k8s.io/v1beta1/nodes/nope');
  t.is(node.status, 404);
  t.like(JSON.parse(node.text), { reason: 'NotFound', message: 'node "nope" not found' });
  t.like(JSON.parse((await get('/apis/metrics.k8s.io/v1beta1/namespaces/default/pods/nope')).text), { message: 'pods "nope" not found' });
  const created = cluster.api.create('pods', 'default', {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: 'fresh' },
    spec: { containers: [{ name: 'c', image: 'nginx' }] },
  });
  t.true(created.ok);
  const fresh = await get('/apis/metrics.k8s.io/v1beta1/namespaces/default/pods/fresh');
  t.is(fresh.status, 404);
  t.like(JSON.parse(fresh.text), { message: 'podmetrics.metrics.k8s.io "default/fresh" not found', details: { group: 'metrics.k8s.io', kind: 'podmetrics' } });
  cluster.api.delete('pods', 'default', 'fresh', { gracePeriodSeconds: 0 });
});

test('the OpenAPI v3 index points at one hashed document per group-version', async (t) => {
  const index = JSON.parse((await get('/openapi/v3')).text) as { paths: Record<string, { serverRelativeURL: string }> };
  t.regex(index.paths['api/v1']?.serverRelativeURL ?? '', /^\/openapi\/v3\/api\/v1\?hash=[0-9A-F]{128}$/);
  t.truthy(index.paths['apis/apps/v1']);
  t.truthy(index.paths['apis/autoscaling/v1']);
  const response = await fetch(`${front.url}${index.paths['apis/apps/v1']!.serverRelativeURL}`);
  t.is(response.headers.get('cache-control'), 'public, immutable');
});

test('each kind has a PATCH operation declaring fieldValidation and the strategic merge patch type', async (t) => {
  const doc = JSON.parse((await get('/openapi/v3/apis/apps/v1')).text) as { paths: Record<string, { patch: Record<string, unknown> }> };
  const patch = doc.paths['/apis/apps/v1/namespaces/{namespace}/deployments/{name}']?.patch;
  t.like(patch, { operationId: 'patchAppsV1NamespacedDeployment', 'x-kubernetes-group-version-kind': { group: 'apps', version: 'v1', kind: 'Deployment' } });
  t.true((patch?.['parameters'] as { name: string }[]).some((p) => p.name === 'fieldValidation'));
  t.truthy((patch?.['requestBody'] as { content: Record<string, unknown> }).content['application/strategic-merge-patch+json']);
  const core = JSON.parse((await get('/openapi/v3/api/v1')).text) as { paths: Record<string, { patch: { operationId: string } }> };
  t.is(core.paths['/api/v1/nodes/{name}']?.patch.operationId, 'patchCoreV1Node');
  t.is((await get('/openapi/v3/apis/nope/v1')).status, 404);
});
