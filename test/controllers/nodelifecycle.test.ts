import test from 'ava';
import type { KubeObject } from '../../src/api/types.js';
import { rfc3339 } from '../../src/api/time.js';
import { Cluster } from '../../src/cluster/cluster.js';
import { KubeControllerManager } from '../../src/controllers/controller-manager.js';
import { tryUpdateNodeHealth } from '../../src/controllers/nodelifecycle/node-health.js';
import { noScheduleTaintsFor, swapTaints } from '../../src/controllers/nodelifecycle/taints.js';
import { matchingTolerations, minTolerationTimeMs } from '../../src/controllers/nodelifecycle/tolerations.js';
import { taintEvictionControllerFactory } from '../../src/controllers/nodelifecycle/taint-eviction-controller.js';

const T0 = Date.UTC(2026, 0, 1);
const GRACE = { monitorMs: 50_000, startupMs: 60_000 };

function node(ready: string, heartbeat: number, extra: Record<string, unknown> = {}): KubeObject {
  const condition = (type: string, status: string) => ({ type, status, reason: 'r', message: 'm', lastHeartbeatTime: rfc3339(heartbeat), lastTransitionTime: rfc3339(T0) });
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: { name: 'node-1', creationTimestamp: rfc3339(T0) },
    spec: { ...extra },
    status: { conditions: [condition('MemoryPressure', 'False'), condition('DiskPressure', 'False'), condition('PIDPressure', 'False'), condition('Ready', ready)] },
  };
}

test('a node heard from within the grace period keeps its conditions', (t) => {
  const first = tryUpdateNodeHealth(node('True', T0), undefined, undefined, T0, GRACE);
  const later = tryUpdateNodeHealth(node('True', T0), first.health, undefined, T0 + 50_000, GRACE);
  t.is(later.newConditions, undefined);
});

test('a node silent past the grace period gets its conditions set to Unknown', (t) => {
  const first = tryUpdateNodeHealth(node('True', T0), undefined, undefined, T0, GRACE);
  const later = tryUpdateNodeHealth(node('True', T0), first.health, undefined, T0 + 50_001, GRACE);
  t.is(later.observedReady.status, 'True');
  t.deepEqual(
    later.newConditions?.map((c) => [c.type, c.status, c.reason, c.message]),
    ['MemoryPressure', 'DiskPressure', 'PIDPressure', 'Ready'].map((type) => [type, 'Unknown', 'NodeStatusUnknown', 'Kubelet stopped posting node status.']),
  );
});

test('a renewed lease counts as hearing from the node', (t) => {
  const lease = (renew: number): KubeObject => ({ apiVersion: 'coordination.k8s.io/v1', kind: 'Lease', metadata: { name: 'node-1' }, spec: { renewTime: rfc3339(renew) } });
  const first = tryUpdateNodeHealth(node('True', T0), undefined, lease(T0), T0, GRACE);
  const renewed = tryUpdateNodeHealth(node('True', T0), first.health, lease(T0 + 40_000), T0 + 40_000, GRACE);
  const later = tryUpdateNodeHealth(node('True', T0), renewed.health, lease(T0 + 40_000), T0 + 80_000, GRACE);
  t.is(later.newConditions, undefined);
});

test('NoSchedule taints follow the node conditions and unschedulable', (t) => {
  t.deepEqual(noScheduleTaintsFor(node('Unknown', T0, { unschedulable: true })), [
    { key: 'node.kubernetes.io/unreachable', effect: 'NoSchedule' },
    { key: 'node.kubernetes.io/unschedulable', effect: 'NoSchedule' },
  ]);
  t.deepEqual(noScheduleTaintsFor(node('True', T0, { taints: [{ key: 'node.kubernetes.io/not-ready', effect: 'NoSchedule' }, { key: 'x', effect: 'NoSchedule' }] })), [{ key: 'x', effect: 'NoSchedule' }]);
  t.is(noScheduleTaintsFor(node('True', T0)), undefined, 'does nothing in the steady state');
});

test('swapping NoExecute taints stamps the added one and drops the opposite', (t) => {
  const swapped = swapTaints([{ key: 'node.kubernetes.io/not-ready', effect: 'NoExecute' }], [{ key: 'node.kubernetes.io/unreachable', effect: 'NoExecute' }], [{ key: 'node.kubernetes.io/not-ready', effect: 'NoExecute' }], 'now');
  t.deepEqual(swapped, [{ key: 'node.kubernetes.io/unreachable', effect: 'NoExecute', timeAdded: 'now' }]);
});

test('tolerations give the shortest tolerationSeconds, or -1 when unbounded', (t) => {
  const taint = { key: 'node.kubernetes.io/unreachable', effect: 'NoExecute' };
  const { allTolerated, used } = matchingTolerations([taint], [{ key: taint.key, operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 }]);
  t.true(allTolerated);
  t.is(minTolerationTimeMs(used), 300_000);
  t.is(minTolerationTimeMs([{ operator: 'Exists' }]), -1);
  t.false(matchingTolerations([taint], [{ key: 'other', operator: 'Exists' }]).allTolerated);
});

test('a pod tolerating a NoExecute taint for a while has its deletion cancelled when the taint goes away', (t) => {
  const cluster = new Cluster({ seed: 1 });
  t.teardown(() => cluster.dispose());
  const api = cluster.api;
  api.create('nodes', '', { apiVersion: 'v1', kind: 'Node', metadata: { name: 'node-1' }, spec: {} });
  const pod = (name: string, seconds?: number): KubeObject => ({
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name },
    spec: {
      nodeName: 'node-1',
      containers: [{ name: 'c', image: 'nginx' }],
      tolerations: seconds === undefined ? [] : [{ key: 'example.com/t', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: seconds }],
    },
  });
  api.create('pods', 'default', pod('tolerant', 60));
  api.create('pods', 'default', pod('intolerant'));
  const ctx = { api, clock: cluster.clock, random: cluster.random.fork('kcm'), profile: 'real' as const };
  const manager = new KubeControllerManager(ctx, new Map([['taint-eviction', taintEvictionControllerFactory]]));
  manager.start();
  t.teardown(() => manager.stop());
  const current = api.get('nodes', '', 'node-1');
  if (!current.ok) throw new Error('node');
  api.update('nodes', '', { ...current.value, spec: { taints: [{ key: 'example.com/t', effect: 'NoExecute' }] } });
  cluster.clock.advance(1_000);
  const intolerant = api.get('pods', 'default', 'intolerant');
  t.true(!intolerant.ok || intolerant.value.metadata.deletionTimestamp !== undefined, 'deleted at once');
  const later = api.get('nodes', '', 'node-1');
  if (!later.ok) throw new Error('node');
  api.update('nodes', '', { ...later.value, spec: {} });
  cluster.clock.advance(120_000);
  const tolerant = api.get('pods', 'default', 'tolerant');
  t.true(tolerant.ok && tolerant.value.metadata.deletionTimestamp === undefined);
  const messages = (() => {
    const listed = api.list('events', 'default', {});
    return listed.ok ? listed.value.items.filter((e) => e['reason'] === 'TaintManagerEviction').map((e) => e['message']) : [];
  })();
  t.deepEqual(messages.sort(), ['Cancelling deletion of Pod default/tolerant', 'Marking for deletion Pod default/intolerant']);
});
