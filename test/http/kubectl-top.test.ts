import { milliValue, parseQuantity } from '../../src/api/quantity.js';
import type { KubeObject } from '../../src/api/types.js';
import { kubectlTest, tableRows, useKubectlFixture } from './kubectl-harness.js';

/** Two `web` replicas at 250m / 300Mi, and a bare two-container `cache` pod. */
const WEB = {
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'web' },
  spec: {
    replicas: 2,
    selector: { matchLabels: { app: 'web' } },
    template: {
      metadata: { labels: { app: 'web' }, annotations: { 'playground.k8s.io/cpu': '250m', 'playground.k8s.io/memory': '300Mi' } },
      spec: { containers: [{ name: 'nginx', image: 'nginx:1.27' }] },
    },
  },
};
const CACHE = {
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: {
    name: 'cache',
    labels: { app: 'cache' },
    annotations: { 'playground.k8s.io/cpu.redis': '120m', 'playground.k8s.io/memory.redis': '200Mi', 'playground.k8s.io/cpu.exporter': '5m' },
  },
  spec: { containers: [{ name: 'redis', image: 'redis:7.2' }, { name: 'exporter', image: 'busybox:1.36', command: ['sleep', '3600'] }] },
};

const { fixture, kubectl } = useKubectlFixture({}, (started) => {
  const { api, clock } = started.cluster;
  api.create('deployments.apps', 'default', WEB as unknown as KubeObject);
  api.create('pods', 'default', CACHE as unknown as KubeObject);
  // Pods start, then need a whole 15 s metric resolution window running before metrics-server reports them.
  clock.advance(60_000);
});

/** `kubectl top node`'s cells for a node, from the metrics-server sample and the node's allocatable. */
function expectedNodeRow(name: string): string[] {
  const { api, parts } = fixture().cluster;
  const sample = parts!.metricsServer.nodeMetrics().find((m) => m.name === name)!;
  const node = api.get('nodes', '', name);
  if (!node.ok) throw new Error(node.status.message);
  const allocatable = (node.value['status'] as { allocatable: Record<string, string> }).allocatable;
  const milli = (q: string | undefined): number => {
    const parsed = parseQuantity(q ?? '0');
    return parsed.ok ? milliValue(parsed.value) : Number.NaN;
  };
  const percent = (usageMilli: number, allocatableMilli: number): string => `${Math.trunc((usageMilli / allocatableMilli) * 100)}%`;
  return [
    name,
    `${sample.cpuMilli}m`,
    percent(sample.cpuMilli, milli(allocatable['cpu'])),
    `${Math.trunc(sample.memoryBytes / (1024 * 1024))}Mi`,
    percent(sample.memoryBytes * 1000, milli(allocatable['memory'])),
  ];
}

kubectlTest('kubectl api-resources lists metrics.k8s.io next to the built-in groups', async (t) => {
  const run = await kubectl('api-resources');
  t.is(run.code, 0, run.stderr);
  const rows = tableRows(run.stdout);
  t.deepEqual(rows[0], ['NAME', 'SHORTNAMES', 'APIVERSION', 'NAMESPACED', 'KIND']);
  t.true(rows.some((r) => r.join(' ') === 'pods po v1 true Pod'));
  t.true(rows.some((r) => r.join(' ') === 'deployments deploy apps/v1 true Deployment'));
  t.true(rows.some((r) => r.join(' ') === 'nodes metrics.k8s.io/v1beta1 false NodeMetrics'));
  t.true(rows.some((r) => r.join(' ') === 'pods metrics.k8s.io/v1beta1 true PodMetrics'));
});

kubectlTest('kubectl top nodes prints usage and its share of allocatable for every node', async (t) => {
  const run = await kubectl('top', 'nodes');
  t.is(run.code, 0, run.stderr);
  const rows = tableRows(run.stdout);
  t.deepEqual(rows[0], ['NAME', 'CPU(cores)', 'CPU(%)', 'MEMORY(bytes)', 'MEMORY(%)']);
  t.deepEqual(rows.slice(1), ['control-plane', 'node-1', 'node-2', 'node-3'].map(expectedNodeRow));
  // The web replicas run on workers: at least one worker carries 50m of its own plus 250m.
  t.true(rows.slice(1).some((r) => Number.parseInt(r[1] ?? '', 10) >= 300));
});

kubectlTest('kubectl top nodes -l selects nodes by label', async (t) => {
  const run = await kubectl('top', 'nodes', '-l', 'node-role.kubernetes.io/control-plane');
  t.is(run.code, 0, run.stderr);
  t.deepEqual(tableRows(run.stdout).slice(1), [expectedNodeRow('control-plane')]);
});

kubectlTest('kubectl top pods sums each pod over its containers', async (t) => {
  const run = await kubectl('top', 'pods');
  t.is(run.code, 0, run.stderr);
  const rows = tableRows(run.stdout);
  t.deepEqual(rows[0], ['NAME', 'CPU(cores)', 'MEMORY(bytes)']);
  t.deepEqual(rows[1], ['cache', '125m', '204Mi']);
  t.is(rows.length, 4);
  for (const row of rows.slice(2)) {
    t.regex(row[0] ?? '', /^web-[a-z0-9]+-[a-z0-9]{5}$/);
    t.deepEqual(row.slice(1), ['250m', '300Mi']);
  }
});

kubectlTest('kubectl top pods -l selects pods by label', async (t) => {
  const run = await kubectl('top', 'pods', '-l', 'app=cache');
  t.is(run.code, 0, run.stderr);
  t.deepEqual(tableRows(run.stdout), [['NAME', 'CPU(cores)', 'MEMORY(bytes)'], ['cache', '125m', '204Mi']]);
});

kubectlTest('kubectl top pods -A adds the namespace and includes the system pods', async (t) => {
  const run = await kubectl('top', 'pods', '-A');
  t.is(run.code, 0, run.stderr);
  const rows = tableRows(run.stdout);
  t.deepEqual(rows[0], ['NAMESPACE', 'NAME', 'CPU(cores)', 'MEMORY(bytes)']);
  t.deepEqual(rows[1], ['default', 'cache', '125m', '204Mi']);
  t.true(rows.some((r) => r[0] === 'kube-system' && r[1] === 'etcd-control-plane'));
});

kubectlTest('kubectl top pods --containers prints one row per container, in name order', async (t) => {
  const run = await kubectl('top', 'pods', 'cache', '--containers');
  t.is(run.code, 0, run.stderr);
  t.deepEqual(tableRows(run.stdout), [
    ['POD', 'NAME', 'CPU(cores)', 'MEMORY(bytes)'],
    ['cache', 'exporter', '5m', '4Mi'],
    ['cache', 'redis', '120m', '200Mi'],
  ]);
});

kubectlTest('kubectl top pods --sort-by=cpu puts the busiest pod first', async (t) => {
  const run = await kubectl('top', 'pods', '--sort-by=cpu');
  t.is(run.code, 0, run.stderr);
  t.deepEqual(tableRows(run.stdout).slice(1).map((r) => r[1]), ['250m', '250m', '125m']);
});

kubectlTest('kubectl top for a missing node or pod prints the NotFound', async (t) => {
  const node = await kubectl('top', 'node', 'nope');
  t.is(node.code, 1);
  t.is(node.stderr.trim(), 'Error from server (NotFound): node "nope" not found');
  const pod = await kubectl('top', 'pod', 'nope');
  t.is(pod.code, 1);
  t.is(pod.stderr.trim(), 'Error from server (NotFound): pods "nope" not found');
});

kubectlTest('without a metrics-server kubectl top says the Metrics API is not available', async (t) => {
  const metricsServer = fixture().cluster.parts!.metricsServer;
  metricsServer.stop();
  try {
    const run = await kubectl('top', 'nodes');
    t.is(run.code, 1);
    t.is(run.stderr.trim(), 'error: Metrics API not available');
  } finally {
    metricsServer.start();
  }
});

kubectlTest('kubectl drain still finds pods/eviction through aggregated discovery and evicts', async (t) => {
  const web = fixture().cluster.api.list('pods', 'default', { labelSelector: 'app=web' });
  const target = web.ok ? ((web.value.items[0]?.['spec'] as { nodeName?: string } | undefined)?.nodeName ?? 'node-1') : 'node-1';
  const run = await fixture().kubectlAdvancing({ stepMs: 1_000, maxVirtualMs: 300_000 }, 'drain', target, '--ignore-daemonsets', '--delete-emptydir-data', '--force');
  t.is(run.code, 0, run.stderr);
  t.regex(run.stdout, /^evicting pod default\/web-/m);
  t.regex(run.stdout, new RegExp(`^node/${target} drained$`, 'm'));
});

kubectlTest('with OpenAPI v3 served, kubectl apply leaves validation to the server and explain names the missing schema', async (t) => {
  const manifest = await fixture().writeManifest('cm.yaml', 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\ndata:\n  a: b\n');
  const created = await kubectl('apply', '-f', manifest, '-v=6');
  t.is(created.code, 0, created.stderr);
  t.is(created.stdout.trim(), 'configmap/settings created');
  t.regex(created.stderr, /GET http:\/\/127\.0\.0\.1:\d+\/openapi\/v3\/api\/v1\?hash=[0-9A-F]+&timeout=32s 200 OK/);
  t.regex(created.stderr, /POST http:\/\/127\.0\.0\.1:\d+\/api\/v1\/namespaces\/default\/configmaps\?fieldManager=kubectl-client-side-apply&fieldValidation=Strict 201/);
  const explain = await kubectl('explain', 'pods');
  t.is(explain.code, 1);
  t.is(explain.stderr.trim(), 'error: GVK map[group: kind:Pod version:v1] not found in OpenAPI schema');
});
