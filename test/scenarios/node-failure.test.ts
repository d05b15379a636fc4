import test from 'ava';
import type { KubeObject } from '../../src/api/types.js';
import { create, elapsedMs, fullCluster, get, list } from './scenario-helpers.js';

const deployment = (replicas: number): KubeObject => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'web' },
  spec: {
    replicas,
    selector: { matchLabels: { app: 'web' } },
    template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'nginx', image: 'nginx:1.27' }] } },
  },
});

const condition = (node: KubeObject | undefined, type: string): Record<string, string> | undefined =>
  ((node?.['status'] as { conditions?: Record<string, string>[] } | undefined)?.conditions ?? []).find((c) => c['type'] === type);
const taints = (node: KubeObject | undefined): Record<string, string>[] => ((node?.['spec'] as { taints?: Record<string, string>[] } | undefined)?.taints) ?? [];
const nodeOf = (pod: KubeObject): string => ((pod['spec'] as { nodeName?: string }).nodeName) ?? '';
const events = (cluster: ReturnType<typeof fullCluster>, reason: string): KubeObject[] =>
  list(cluster, 'events', '').filter((e) => e['reason'] === reason);

/** Advances the clock in 1 s steps until `done` holds (or `limitMs` of virtual time pass); answers the elapsed time then. */
function advanceUntil(cluster: ReturnType<typeof fullCluster>, done: () => boolean, limitMs: number): number {
  const start = cluster.clock.now();
  while (!done() && cluster.clock.now() - start < limitMs) cluster.clock.advance(1_000);
  return cluster.clock.now() - start;
}

test('a node whose kubelet stops goes Unknown, is tainted, its pods are evicted after 300 s and replaced elsewhere, and it recovers', (t) => {
  const cluster = fullCluster(t);
  create(cluster, 'deployments', deployment(3));
  cluster.clock.advance(30_000);
  const running = list(cluster, 'pods').filter((p) => (p['status'] as { phase?: string }).phase === 'Running');
  t.is(running.length, 3);
  const victim = running.find((p) => nodeOf(p) !== '')!;
  const nodeName = nodeOf(victim);
  const doomed = running.filter((p) => nodeOf(p) === nodeName).map((p) => p.metadata.name);
  t.true(events(cluster, 'RegisteredNode').some((e) => e['message'] === `Registered Node ${nodeName} in Controller`));

  cluster.component(`kubelet/${nodeName}`)!.stop();
  const killedAt = elapsedMs(cluster);
  const toUnknown = advanceUntil(cluster, () => condition(get(cluster, 'nodes', nodeName, ''), 'Ready')?.['status'] === 'Unknown', 120_000);
  t.true(toUnknown >= 40_000 && toUnknown <= 62_000, `Unknown after ${toUnknown} ms`);
  const node = get(cluster, 'nodes', nodeName, '');
  for (const type of ['Ready', 'MemoryPressure', 'DiskPressure', 'PIDPressure']) {
    t.like(condition(node, type), { status: 'Unknown', reason: 'NodeStatusUnknown', message: 'Kubelet stopped posting node status.' });
  }
  t.true(events(cluster, 'NodeNotReady').some((e) => e['message'] === `Node ${nodeName} status is now: NodeNotReady`));
  t.true(events(cluster, 'NodeNotReady').some((e) => e['message'] === 'Node is not ready' && e['type'] === 'Warning'));
  for (const name of doomed) t.like(condition(get(cluster, 'pods', name!), 'Ready'), { status: 'False' });

  cluster.clock.advance(10_000);
  const tainted = taints(get(cluster, 'nodes', nodeName, ''));
  t.true(tainted.some((x) => x['key'] === 'node.kubernetes.io/unreachable' && x['effect'] === 'NoSchedule'));
  t.true(tainted.some((x) => x['key'] === 'node.kubernetes.io/unreachable' && x['effect'] === 'NoExecute' && x['timeAdded'] !== undefined));

  const terminating = (): boolean => doomed.every((name) => get(cluster, 'pods', name!)?.metadata.deletionTimestamp !== undefined);
  const toEvicted = advanceUntil(cluster, terminating, 400_000);
  const evictedAfter = elapsedMs(cluster) - killedAt;
  t.true(toEvicted > 0 && evictedAfter >= 340_000 && evictedAfter <= 370_000, `evicted ${evictedAfter} ms after the kill`);
  for (const name of doomed) {
    t.like(condition(get(cluster, 'pods', name!), 'DisruptionTarget'), { status: 'True', reason: 'DeletionByTaintManager' });
    t.true(events(cluster, 'TaintManagerEviction').some((e) => e['message'] === `Marking for deletion Pod default/${name}`));
  }
  cluster.clock.advance(30_000);
  const live = list(cluster, 'pods').filter((p) => p.metadata.deletionTimestamp === undefined);
  t.is(live.length, 3);
  t.true(live.every((p) => nodeOf(p) !== nodeName && (p['status'] as { phase?: string }).phase === 'Running'));
  for (const name of doomed) t.not(get(cluster, 'pods', name!), undefined, 'stays Terminating while the kubelet is gone');

  cluster.component(`kubelet/${nodeName}`)!.start();
  cluster.clock.advance(60_000);
  const back = get(cluster, 'nodes', nodeName, '');
  t.like(condition(back, 'Ready'), { status: 'True' });
  t.false(taints(back).some((x) => x['key'] === 'node.kubernetes.io/unreachable' || x['key'] === 'node.kubernetes.io/not-ready'));
  for (const name of doomed) t.is(get(cluster, 'pods', name!), undefined, 'the returning kubelet finishes the terminating pods');
});
