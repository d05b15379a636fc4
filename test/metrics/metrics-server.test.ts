import test from 'ava';
import type { KubeObject } from '../../src/api/types.js';
import { Cluster } from '../../src/cluster/cluster.js';
import { runCommand } from '../../src/cluster/commands/index.js';
import { topPodsTable } from '../../src/cluster/commands/top-command.js';
import { metricsApiFor } from '../../src/metrics/aggregator.js';
import { podUsage } from '../../src/metrics/usage.js';

const STARTED = '2025-01-01T00:00:00Z';
const LATER = Date.parse(STARTED) + 60_000;

function runningPod(annotations: Record<string, string>, containers: { name: string; resources?: object }[]): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: 'web-1', namespace: 'default', annotations },
    spec: { containers },
    status: { phase: 'Running', containerStatuses: containers.map((c) => ({ name: c.name, state: { running: { startedAt: STARTED } } })) },
  };
}

test('an idle container uses 1m of CPU and its memory request', (t) => {
  const pod = runningPod({}, [{ name: 'app', resources: { requests: { memory: '64Mi' } } }]);
  t.deepEqual(podUsage(pod, LATER, 0), [{ name: 'app', cpuMilli: 1, memoryBytes: 64 * 1024 * 1024 }]);
});

test('the cpu and memory annotations set the usage, per container with a suffix, and load adds to the first container', (t) => {
  const pod = runningPod({ 'playground.k8s.io/cpu': '350m', 'playground.k8s.io/memory.sidecar': '200Mi' }, [{ name: 'app' }, { name: 'sidecar' }]);
  t.deepEqual(podUsage(pod, LATER, 100), [
    { name: 'app', cpuMilli: 450, memoryBytes: 4 * 1024 * 1024 },
    { name: 'sidecar', cpuMilli: 350, memoryBytes: 200 * 1024 * 1024 },
  ]);
});

test('usage is capped at the container limits', (t) => {
  const pod = runningPod({ 'playground.k8s.io/cpu': '2', 'playground.k8s.io/memory': '1Gi' }, [{ name: 'app', resources: { limits: { cpu: '500m', memory: '128Mi' } } }]);
  t.deepEqual(podUsage(pod, LATER, 0), [{ name: 'app', cpuMilli: 500, memoryBytes: 128 * 1024 * 1024 }]);
});

test('a container reports nothing until it has run for a whole scrape window', (t) => {
  const pod = runningPod({}, [{ name: 'app' }]);
  t.deepEqual(podUsage(pod, Date.parse(STARTED) + 14_999, 0), []);
  t.deepEqual(podUsage({ ...pod, status: { phase: 'Pending' } }, LATER, 0), []);
});

test('top pods prints kubectl top columns padded as its tabwriter pads them', (t) => {
  const table = topPodsTable(
    [
      { namespace: 'default', name: 'web-b', timestamp: 0, windowMs: 15_000, containers: [{ name: 'app', cpuMilli: 350, memoryBytes: 200 * 1024 * 1024 }] },
      { namespace: 'default', name: 'php-apache-598b474864-2mw9f', timestamp: 0, windowMs: 15_000, containers: [{ name: 'app', cpuMilli: 1, memoryBytes: 10 * 1024 * 1024 }] },
    ],
    false,
  );
  t.is(
    table,
    [
      'NAME                          CPU(cores)   MEMORY(bytes)   ',
      'php-apache-598b474864-2mw9f   1m           10Mi            ',
      'web-b                         350m         200Mi           ',
    ].join('\n'),
  );
});

test('a full cluster runs metrics-server: top nodes and top pods -A show every node and running pod', (t) => {
  const cluster = new Cluster({ seed: 1, components: 'full' });
  t.teardown(() => cluster.dispose());
  cluster.api.create('pods', 'default', {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: 'busy', annotations: { 'playground.k8s.io/cpu': '350m', 'playground.k8s.io/memory': '200Mi' } },
    spec: { containers: [{ name: 'app', image: 'nginx' }] },
  });
  cluster.clock.advance(60_000);
  cluster.clock.runUntilIdle();
  t.truthy(metricsApiFor(cluster.api));
  const nodes = runCommand(cluster, 'top nodes');
  t.true(nodes.ok);
  const lines = nodes.message.split('\n');
  t.regex(lines[0] ?? '', /^NAME\s+CPU\(cores\)\s+CPU\(%\)\s+MEMORY\(bytes\)\s+MEMORY\(%\)\s+$/);
  t.deepEqual(lines.slice(1).map((l) => l.split(/\s+/)[0]), ['control-plane', 'node-1', 'node-2', 'node-3']);
  t.true(lines.slice(1).every((l) => /^\S+\s+\d+m\s+\d+%\s+\d+Mi\s+\d+%\s+$/.test(l)));
  const pods = runCommand(cluster, 'top pods');
  t.deepEqual(pods, { ok: true, message: ['NAME      CPU(cores)   MEMORY(bytes)   ', 'busy      350m         200Mi           '].join('\n') });
  const all = runCommand(cluster, 'top pods -A');
  t.true(all.ok && all.message.startsWith('NAMESPACE     NAME'));
  t.true(all.ok && all.message.includes('kube-system   etcd-control-plane'));
  t.deepEqual(runCommand(cluster, 'top pods -n kube-public'), { ok: true, message: 'No resources found in kube-public namespace.' });
});
