import test from 'ava';
import { readFileSync } from 'node:fs';
import { Cluster } from '../../src/cluster/cluster.js';
import { runCommand } from '../../src/cluster/commands/index.js';
import { parseScript } from '../../src/cluster/script.js';

function fullCluster(): Cluster {
  return new Cluster({ seed: 1, components: 'full' });
}

function nodeReady(cluster: Cluster, name: string): string | undefined {
  const got = cluster.api.get('nodes', '', name);
  if (!got.ok) return undefined;
  const conditions = (got.value['status'] as { conditions?: { type: string; status: string }[] } | undefined)?.conditions ?? [];
  return conditions.find((c) => c.type === 'Ready')?.status;
}

test('kill-node stops the kubelet and revive-node starts it again', (t) => {
  const cluster = fullCluster();
  cluster.clock.advance(30_000);
  t.deepEqual(runCommand(cluster, 'kill-node node-1'), { ok: true, message: 'node/node-1 killed' });
  t.is(cluster.component('kubelet/node-1')?.state, 'stopped');
  t.deepEqual(runCommand(cluster, 'kill-node node-1'), { ok: true, message: 'node/node-1 already killed' });
  t.deepEqual(runCommand(cluster, 'revive-node node/node-1'), { ok: true, message: 'node/node-1 revived' });
  t.not(cluster.component('kubelet/node-1')?.state, 'stopped');
  t.deepEqual(runCommand(cluster, 'kill-node node-9'), { ok: false, message: 'Error from server (NotFound): nodes "node-9" not found' });
  cluster.dispose();
});

test('add-node starts a kubelet that registers the next free node-N with its capacity, labels and taints', (t) => {
  const cluster = fullCluster();
  t.deepEqual(runCommand(cluster, 'add-node --cpu=2 --memory=4Gi --labels=zone=b,disk=ssd --taints=gpu=yes:NoSchedule'), { ok: true, message: 'node/node-4 added' });
  cluster.clock.advance(30_000);
  const got = cluster.api.get('nodes', '', 'node-4');
  if (!got.ok) return t.fail('node-4 registered');
  const node = got.value as unknown as { metadata: { labels: Record<string, string> }; spec: { taints: unknown[] }; status: { capacity: Record<string, string>; addresses: { type: string; address: string }[] } };
  t.like(node.metadata.labels, { zone: 'b', disk: 'ssd', 'kubernetes.io/hostname': 'node-4' });
  t.deepEqual(node.spec.taints, [{ key: 'gpu', value: 'yes', effect: 'NoSchedule' }]);
  t.like(node.status.capacity, { cpu: '2', memory: '4Gi' });
  t.deepEqual(node.status.addresses[0], { type: 'InternalIP', address: '172.18.0.6' });
  t.is(nodeReady(cluster, 'node-4'), 'True');
  t.true(cluster.componentNames().includes('kubelet/node-4'));
  t.deepEqual(runCommand(cluster, 'add-node node-4'), { ok: false, message: 'Error from server (AlreadyExists): nodes "node-4" already exists' });
  t.false(runCommand(cluster, 'add-node --cpu=lots').ok);
  t.deepEqual(runCommand(cluster, 'add-node --taints=gpu'), { ok: false, message: 'error: invalid taint spec: gpu' });
  cluster.dispose();
});

test('remove-node stops the kubelet and deletes the Node, and its name is free again', (t) => {
  const cluster = fullCluster();
  cluster.clock.advance(30_000);
  t.deepEqual(runCommand(cluster, 'remove-node node-2'), { ok: true, message: 'node/node-2 removed' });
  t.false(cluster.api.get('nodes', '', 'node-2').ok);
  t.is(cluster.component('kubelet/node-2'), undefined);
  cluster.clock.advance(30_000);
  t.false(cluster.api.get('nodes', '', 'node-2').ok, 'the stopped kubelet does not register it again');
  t.deepEqual(runCommand(cluster, 'remove-node node-2'), { ok: false, message: 'Error from server (NotFound): nodes "node-2" not found' });
  t.deepEqual(runCommand(cluster, 'add-node'), { ok: true, message: 'node/node-2 added' });
  cluster.clock.advance(30_000);
  t.is(nodeReady(cluster, 'node-2'), 'True');
  cluster.dispose();
});

test('node commands need a cluster that runs kubelets', (t) => {
  const cluster = new Cluster({ seed: 1 });
  t.false(runCommand(cluster, 'kill-node node-1').ok);
  t.false(runCommand(cluster, 'add-node').ok);
  cluster.dispose();
});

test('cordon sets only spec.unschedulable', (t) => {
  const cluster = fullCluster();
  cluster.clock.advance(30_000);
  t.deepEqual(runCommand(cluster, 'cordon node-1'), { ok: true, message: 'node/node-1 cordoned' });
  const got = cluster.api.get('nodes', '', 'node-1');
  const spec = got.ok ? (got.value['spec'] as { unschedulable?: boolean; taints?: unknown[] }) : undefined;
  t.true(spec?.unschedulable);
  t.is(spec?.taints, undefined);
  t.deepEqual(runCommand(cluster, 'cordon node-1'), { ok: true, message: 'node/node-1 already cordoned' });
  cluster.dispose();
});

test('drain refuses DaemonSet pods without --ignore-daemonsets and unmanaged pods without --force', (t) => {
  const cluster = fullCluster();
  cluster.api.create('daemonsets', 'default', {
    apiVersion: 'apps/v1',
    kind: 'DaemonSet',
    metadata: { name: 'agent' },
    spec: { selector: { matchLabels: { app: 'agent' } }, template: { metadata: { labels: { app: 'agent' } }, spec: { containers: [{ name: 'a', image: 'busybox:1.36' }] } } },
  });
  cluster.api.create('pods', 'default', { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'lonely' }, spec: { nodeName: 'node-1', containers: [{ name: 'a', image: 'nginx:1.27' }] } });
  cluster.clock.advance(60_000);
  const agent = cluster.api.list('pods', 'default', { fieldSelector: 'spec.nodeName=node-1', labelSelector: 'app=agent' });
  const agentName = agent.ok ? agent.value.items[0]?.metadata.name : undefined;
  if (agentName === undefined) return t.fail('the DaemonSet runs a pod on node-1');
  const refused = runCommand(cluster, 'drain node-1');
  t.false(refused.ok);
  const errors = `[cannot delete DaemonSet-managed Pods (use --ignore-daemonsets to ignore): default/${agentName}, cannot delete Pods declare no controller (use --force to override): default/lonely]`;
  t.is(
    refused.message,
    ['node/node-1 cordoned', `error: unable to drain node "node-1" due to error: ${errors}, continuing command...`, 'There are pending nodes to be drained:', ' node-1', `error: ${errors}`].join('\n'),
  );
  // With --grace-period=0 the pod is gone at once: the whole drain happens before the command answers.
  const forced = runCommand(cluster, 'drain node-1 --ignore-daemonsets --force --grace-period=0');
  t.deepEqual(forced, {
    ok: true,
    message: [
      'node/node-1 already cordoned',
      `Warning: ignoring DaemonSet-managed Pods: default/${agentName}; deleting Pods that declare no controller: default/lonely`,
      'evicting pod default/lonely',
      'pod/lonely evicted',
      'node/node-1 drained',
    ].join('\n'),
  });
  cluster.dispose();
});

test('the example scripts parse', (t) => {
  for (const file of ['examples/node-failure.script', 'examples/drain.script']) {
    const parsed = parseScript(readFileSync(file, 'utf8'), file);
    t.true(parsed.ok, parsed.ok ? file : parsed.errors.join('\n'));
  }
});
