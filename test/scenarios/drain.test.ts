import test from 'ava';
import type { CommandOutputLine } from '../../src/cluster/commands/index.js';
import { create, fullCluster, isReady, list, nodeOf, run } from './scenario-helpers.js';

test('draining a node under a PodDisruptionBudget evicts one pod at a time until every replica runs elsewhere', (t) => {
  const cluster = fullCluster(t);
  // Every replica lands on node-1 while the other workers are cordoned.
  run(cluster, 'cordon node-2');
  run(cluster, 'cordon node-3');
  create(cluster, 'deployments', {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'web' },
    spec: {
      replicas: 3,
      selector: { matchLabels: { app: 'web' } },
      template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'web', image: 'nginx:1.27' }] } },
    },
  });
  create(cluster, 'poddisruptionbudgets', {
    apiVersion: 'policy/v1',
    kind: 'PodDisruptionBudget',
    metadata: { name: 'web-pdb' },
    spec: { minAvailable: 2, selector: { matchLabels: { app: 'web' } } },
  });
  cluster.clock.advance(120_000);
  const before = list(cluster, 'pods');
  t.deepEqual(before.map(nodeOf), ['node-1', 'node-1', 'node-1']);
  t.true(before.every(isReady));
  run(cluster, 'uncordon node-2');
  run(cluster, 'uncordon node-3');
  cluster.clock.advance(10_000);

  const later: CommandOutputLine[] = [];
  cluster.commandOutput.subscribe((line) => later.push(line));
  const names = before.map((p) => p.metadata.name!);
  const [a, b, c] = names as [string, string, string];
  const refusal = (name: string): string =>
    `error when evicting pods/"${name}" -n "default" (will retry after 5s): Cannot evict pod as it would violate the pod's disruption budget.`;
  // kube-system's add-ons (a CoreDNS replica) may share the node: kubectl evicts them too, after ours.
  const addons = list(cluster, 'pods', 'kube-system').filter((p) => nodeOf(p) === 'node-1' && p.metadata.annotations?.['kubernetes.io/config.mirror'] === undefined);
  // The first eviction takes the one disruption the budget allows; the other two are refused.
  t.is(
    run(cluster, 'drain node-1'),
    [
      'node/node-1 cordoned',
      `evicting pod default/${a}`,
      `evicting pod default/${b}`,
      refusal(b),
      `evicting pod default/${c}`,
      refusal(c),
      ...addons.map((p) => `evicting pod kube-system/${p.metadata.name!}`),
    ].join('\n'),
  );
  cluster.clock.advance(600_000);

  const texts = later.map((l) => l.text);
  t.is(texts.at(-1), 'node/node-1 drained');
  for (const name of names) t.true(texts.includes(`pod/${name} evicted`), name);
  // One at a time: every later eviction that goes through follows a refusal of the same pod, and
  // the second and third are never accepted in the same retry round.
  t.true(texts.includes(refusal(c)), 'the last pod is refused again while the second goes');
  const accepted = later.filter((l, i) => l.text.startsWith('evicting pod default/') && !(later[i + 1]?.text.startsWith('error when evicting') ?? false));
  t.is(accepted.length, 2);
  t.true(accepted[1]!.at > accepted[0]!.at);
  for (const line of later.filter((l) => l.stream === 'err')) t.true(line.text === refusal(b) || line.text === refusal(c), line.text);

  const after = list(cluster, 'pods');
  t.is(after.length, 3);
  t.true(after.every((p) => nodeOf(p) !== 'node-1' && isReady(p)));
  const node = cluster.api.get('nodes', '', 'node-1');
  t.true(node.ok && (node.value['spec'] as { unschedulable?: boolean }).unschedulable === true);
  t.is(cluster.operations.get('drain/node-1')?.finished, true);
});
