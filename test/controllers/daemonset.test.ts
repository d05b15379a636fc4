import test from 'ava';
import type { KubeObject } from '../../src/api/types.js';
import { daemonSetControllerFactory } from '../../src/controllers/daemonset/daemonset-controller.js';
import { nodeShouldRunDaemonPod, daemonPlacement } from '../../src/controllers/daemonset/node-should-run.js';
import { createNode, eventsFor, mustCreate, podsNamed, setPodStatus, startHarness } from './workload-fixtures.js';

const CONTROL_PLANE_TAINT = { key: 'node-role.kubernetes.io/control-plane', effect: 'NoSchedule' };

function daemonSet(name: string, extra: { tolerations?: object[]; nodeSelector?: Record<string, string>; image?: string } = {}): KubeObject {
  const spec: Record<string, unknown> = { containers: [{ name: 'agent', image: extra.image ?? 'fluentd:v1' }] };
  if (extra.tolerations) spec['tolerations'] = extra.tolerations;
  if (extra.nodeSelector) spec['nodeSelector'] = extra.nodeSelector;
  return {
    apiVersion: 'apps/v1',
    kind: 'DaemonSet',
    metadata: { name, namespace: 'default' },
    spec: { selector: { matchLabels: { app: name } }, template: { metadata: { labels: { app: name } }, spec } },
  };
}

function targetNode(pod: KubeObject): string {
  const spec = pod['spec'] as { affinity: { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: { matchFields: { values: string[] }[] }[] } } } };
  return spec.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms[0]!.matchFields[0]!.values[0]!;
}

function setup() {
  const h = startHarness([['daemonset', daemonSetControllerFactory]]);
  createNode(h.api, 'control-plane', { taints: [CONTROL_PLANE_TAINT] });
  createNode(h.api, 'node-1');
  createNode(h.api, 'node-2');
  return h;
}

test('a DaemonSet runs one pod on every untainted node and none on the control-plane node', (t) => {
  const h = setup();
  mustCreate(h.api, 'daemonsets', 'default', daemonSet('fluentd'));
  h.cluster.clock.runUntilIdle();
  const pods = podsNamed(h.api, 'default', 'fluentd-');
  t.deepEqual(pods.map(targetNode).sort(), ['node-1', 'node-2']);
  for (const pod of pods) {
    t.is(pod.metadata.generateName, 'fluentd-');
    t.is((pod['spec'] as { nodeName?: string }).nodeName, undefined);
    t.truthy(pod.metadata.labels?.['controller-revision-hash']);
    t.is(pod.metadata.labels?.['pod-template-generation'], '1');
  }
  const events = eventsFor(h.api, 'default', 'fluentd');
  t.deepEqual(events.map((e) => e.replace(/fluentd-\w{5}/, 'fluentd-xxxxx')), ['SuccessfulCreate Created pod: fluentd-xxxxx', 'SuccessfulCreate Created pod: fluentd-xxxxx']);
});

test('daemon pods carry the standard DaemonSet tolerations', (t) => {
  const h = setup();
  mustCreate(h.api, 'daemonsets', 'default', daemonSet('fluentd'));
  h.cluster.clock.runUntilIdle();
  const pod = podsNamed(h.api, 'default', 'fluentd-')[0]!;
  const tolerations = (pod['spec'] as { tolerations: { key: string; effect: string; tolerationSeconds?: number }[] }).tolerations;
  t.deepEqual(
    tolerations.map((x) => `${x.key}:${x.effect}${x.tolerationSeconds === undefined ? '' : `=${x.tolerationSeconds}`}`),
    [
      'node.kubernetes.io/not-ready:NoExecute',
      'node.kubernetes.io/unreachable:NoExecute',
      'node.kubernetes.io/disk-pressure:NoSchedule',
      'node.kubernetes.io/memory-pressure:NoSchedule',
      'node.kubernetes.io/pid-pressure:NoSchedule',
      'node.kubernetes.io/unschedulable:NoSchedule',
    ],
  );
});

test('a DaemonSet that tolerates the control-plane taint also runs there', (t) => {
  const h = setup();
  mustCreate(h.api, 'daemonsets', 'default', daemonSet('kube-proxy', { tolerations: [{ key: 'node-role.kubernetes.io/control-plane', operator: 'Exists', effect: 'NoSchedule' }] }));
  h.cluster.clock.runUntilIdle();
  t.deepEqual(podsNamed(h.api, 'default', 'kube-proxy-').map(targetNode).sort(), ['control-plane', 'node-1', 'node-2']);
});

test('the status counts desired, current, ready and available pods', (t) => {
  const h = setup();
  mustCreate(h.api, 'daemonsets', 'default', daemonSet('fluentd'));
  h.cluster.clock.runUntilIdle();
  for (const pod of podsNamed(h.api, 'default', 'fluentd-')) setPodStatus(h.api, 'default', pod.metadata.name!, { phase: 'Running', ready: true }, h.cluster.clock.now());
  h.cluster.clock.runUntilIdle();
  const ds = h.api.get('daemonsets', 'default', 'fluentd');
  t.true(ds.ok);
  if (!ds.ok) return;
  t.deepEqual(ds.value['status'], {
    currentNumberScheduled: 2,
    numberMisscheduled: 0,
    desiredNumberScheduled: 2,
    numberReady: 2,
    observedGeneration: 1,
    updatedNumberScheduled: 2,
    numberAvailable: 2,
  });
});

test('a new node gets a daemon pod and a relabelled node that no longer matches loses it', (t) => {
  const h = setup();
  mustCreate(h.api, 'daemonsets', 'default', daemonSet('monitor', { nodeSelector: { disk: 'ssd' } }));
  h.cluster.clock.runUntilIdle();
  t.deepEqual(podsNamed(h.api, 'default', 'monitor-'), []);
  createNode(h.api, 'node-3', { labels: { disk: 'ssd' } });
  h.cluster.clock.runUntilIdle();
  t.deepEqual(podsNamed(h.api, 'default', 'monitor-').map(targetNode), ['node-3']);
  const node = h.api.get('nodes', '', 'node-3');
  if (!node.ok) return t.fail();
  h.api.update('nodes', '', { ...node.value, metadata: { ...node.value.metadata, labels: { disk: 'hdd' } } });
  h.cluster.clock.runUntilIdle();
  t.deepEqual(podsNamed(h.api, 'default', 'monitor-'), []);
});

test('a DaemonSet does nothing in the steady state', (t) => {
  const h = setup();
  mustCreate(h.api, 'daemonsets', 'default', daemonSet('fluentd'));
  h.cluster.clock.runUntilIdle();
  for (const pod of podsNamed(h.api, 'default', 'fluentd-')) setPodStatus(h.api, 'default', pod.metadata.name!, { phase: 'Running', ready: true }, h.cluster.clock.now());
  h.cluster.clock.runUntilIdle();
  h.writes.length = 0;
  const ds = h.api.get('daemonsets', 'default', 'fluentd');
  if (!ds.ok) return t.fail();
  h.api.update('daemonsets', 'default', { ...ds.value, metadata: { ...ds.value.metadata, labels: { touched: 'yes' } } });
  h.cluster.clock.runUntilIdle();
  t.deepEqual(h.writes, []);
});

test('a new DaemonSet writes a ControllerRevision, its pods and its status, then the status again once the pods are seen', (t) => {
  const h = setup();
  mustCreate(h.api, 'daemonsets', 'default', daemonSet('fluentd'));
  h.cluster.clock.runUntilIdle();
  const writes = h.writes.map((w) => w.replace(/fluentd-\w+$/, 'fluentd-*'));
  t.deepEqual(writes, [
    'create controllerrevisions fluentd-*',
    'create pods fluentd-*',
    'create pods fluentd-*',
    'update daemonsets/status fluentd',
    'update daemonsets/status fluentd',
  ]);
});

test('a template change rolls pods one node at a time', (t) => {
  const h = setup();
  mustCreate(h.api, 'daemonsets', 'default', daemonSet('fluentd'));
  h.cluster.clock.runUntilIdle();
  const markReady = () => {
    for (const pod of podsNamed(h.api, 'default', 'fluentd-')) {
      if ((pod['status'] as { phase?: string }).phase !== 'Running') setPodStatus(h.api, 'default', pod.metadata.name!, { phase: 'Running', ready: true }, h.cluster.clock.now());
    }
    h.cluster.clock.runUntilIdle();
  };
  markReady();
  const before = podsNamed(h.api, 'default', 'fluentd-').map((p) => p.metadata.name);
  const ds = h.api.get('daemonsets', 'default', 'fluentd');
  if (!ds.ok) return t.fail();
  const updated = daemonSet('fluentd', { image: 'fluentd:v2' });
  h.api.update('daemonsets', 'default', { ...ds.value, spec: updated['spec'] });
  h.cluster.clock.runUntilIdle();
  const during = podsNamed(h.api, 'default', 'fluentd-');
  t.is(during.filter((p) => before.includes(p.metadata.name)).length, 1, 'only one old pod replaced at a time');
  markReady();
  markReady();
  const after = podsNamed(h.api, 'default', 'fluentd-');
  t.is(after.length, 2);
  t.true(after.every((p) => !before.includes(p.metadata.name)));
  const revisions = h.api.list('controllerrevisions', 'default');
  t.true(revisions.ok && revisions.value.items.length === 2);
});

test('a NoExecute taint the pods do not tolerate stops a running daemon pod from staying', (t) => {
  const ds = daemonSet('fluentd');
  const placement = daemonPlacement(ds);
  const node = (taints: object[]): KubeObject => ({ apiVersion: 'v1', kind: 'Node', metadata: { name: 'n' }, spec: { taints } });
  t.deepEqual(nodeShouldRunDaemonPod(node([{ key: 'dedicated', effect: 'NoSchedule' }]), placement), { shouldRun: false, shouldContinueRunning: true });
  t.deepEqual(nodeShouldRunDaemonPod(node([{ key: 'dedicated', effect: 'NoExecute' }]), placement), { shouldRun: false, shouldContinueRunning: false });
  t.deepEqual(nodeShouldRunDaemonPod(node([{ key: 'node.kubernetes.io/unschedulable', effect: 'NoSchedule' }]), placement), { shouldRun: true, shouldContinueRunning: true });
});
