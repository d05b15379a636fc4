import test from 'ava';
import { VirtualClock } from '../../src/clock/virtual-clock.js';
import { podChangeEvents } from '../../src/scheduler/event-changes.js';
import { fitErrorMessage, newDiagnosis } from '../../src/scheduler/framework/fit-error.js';
import { Framework } from '../../src/scheduler/framework/framework.js';
import { Status } from '../../src/scheduler/framework/status.js';
import { NodeInfo } from '../../src/scheduler/node-info.js';
import { compileNodeSelectorTerms, getRequiredNodeAffinity } from '../../src/scheduler/node-selector.js';
import { podInfoFor, updatedPodInfo } from '../../src/scheduler/pod-info.js';
import { balancedScore } from '../../src/scheduler/plugins/balanced-allocation.js';
import { defaultNormalizeScore } from '../../src/scheduler/plugins/default-normalize.js';
import { normalizedImageName } from '../../src/scheduler/plugins/image-locality.js';
import { countNodePodsMatchSelector } from '../../src/scheduler/plugins/spread-constraints.js';
import { selectorFromSet } from '../../src/api/label-selector.js';
import { SchedulingGates } from '../../src/scheduler/plugins/scheduling-gates.js';
import { computePodResources } from '../../src/scheduler/resources.js';
import { numFeasibleNodesToFind } from '../../src/scheduler/schedule-pod.js';
import { SchedulingQueue } from '../../src/scheduler/scheduling-queue.js';
import { findUntoleratedTaint, toleratesTaint } from '../../src/scheduler/taints.js';
import { REAL_SCHEDULER_TIMINGS } from '../../src/scheduler/timings.js';
import type { Node, Pod } from '../../src/scheduler/types.js';

function pod(name: string, spec: Partial<Pod['spec']> = {}): Pod {
  return { apiVersion: 'v1', kind: 'Pod', metadata: { name, namespace: 'default', uid: `uid-${name}` }, spec: { containers: [{ name: 'app' }], ...spec } };
}

function node(name: string, labels: Record<string, string>): Node {
  return { apiVersion: 'v1', kind: 'Node', metadata: { name, labels } };
}

test('the FitError message counts reasons per node and sorts them', (t) => {
  const d = newDiagnosis();
  const taint = new Status('UnschedulableAndUnresolvable', ['node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }'], 'TaintToleration');
  const fit = new Status('Unschedulable', ['Insufficient cpu', 'Insufficient memory'], 'NodeResourcesFit');
  d.nodeToStatus.set('cp', taint);
  d.nodeToStatus.set('a', fit);
  d.nodeToStatus.set('b', fit);
  d.nodeToStatus.set('c', new Status('Unschedulable', ['Insufficient memory'], 'NodeResourcesFit'));
  d.postFilterMsg = 'preemption: 0/4 nodes are available: 1 Preemption is not helpful for scheduling, 3 No preemption victims found for incoming pod.';
  t.is(
    fitErrorMessage(4, d),
    '0/4 nodes are available: 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }, 2 Insufficient cpu, 3 Insufficient memory. preemption: 0/4 nodes are available: 1 Preemption is not helpful for scheduling, 3 No preemption victims found for incoming pod.',
  );
});

test('a PreFilter rejection replaces the per-node reasons in the message', (t) => {
  const d = newDiagnosis();
  d.preFilterMsg = 'pod has unbound immediate PersistentVolumeClaims';
  d.nodeToStatus.absentNodesStatus = new Status('UnschedulableAndUnresolvable', [d.preFilterMsg]);
  t.is(fitErrorMessage(3, d), '0/3 nodes are available: pod has unbound immediate PersistentVolumeClaims.');
});

test('nodes absent from the diagnosis count with the absent-nodes status', (t) => {
  const d = newDiagnosis();
  d.nodeToStatus.set('a', new Status('UnschedulableAndUnresolvable', ['Preemption is not helpful for scheduling']));
  d.nodeToStatus.absentNodesStatus = new Status('UnschedulableAndUnresolvable', ['Preemption is not helpful for scheduling']);
  t.is(fitErrorMessage(5, d), '0/5 nodes are available: 5 Preemption is not helpful for scheduling.');
});

test('numFeasibleNodesToFind follows the adaptive percentage with its floors', (t) => {
  t.is(numFeasibleNodesToFind(0, 50), 50);
  t.is(numFeasibleNodesToFind(0, 100), 100);
  t.is(numFeasibleNodesToFind(0, 250), 120);
  t.is(numFeasibleNodesToFind(0, 1000), 420);
  t.is(numFeasibleNodesToFind(0, 5000), 500);
  t.is(numFeasibleNodesToFind(0, 6000), 300);
  t.is(numFeasibleNodesToFind(30, 1000), 300);
  t.is(numFeasibleNodesToFind(1, 1000), 100);
});

test('tolerations match taints by key, value, operator and effect', (t) => {
  const taint = { key: 'dedicated', value: 'gpu', effect: 'NoSchedule' };
  t.true(toleratesTaint({ key: 'dedicated', operator: 'Equal', value: 'gpu', effect: 'NoSchedule' }, taint));
  t.true(toleratesTaint({ key: 'dedicated', operator: 'Exists' }, taint));
  t.true(toleratesTaint({ operator: 'Exists' }, taint));
  t.false(toleratesTaint({ key: 'dedicated', value: 'cpu' }, taint));
  t.false(toleratesTaint({ key: 'dedicated', operator: 'Exists', effect: 'NoExecute' }, taint));
  const prefer = { key: 'spot', effect: 'PreferNoSchedule' };
  t.is(findUntoleratedTaint([prefer, taint], []), taint);
});

test('node selector terms are ORed and their requirements ANDed, with Gt and NotIn', (t) => {
  const match = compileNodeSelectorTerms([
    { matchExpressions: [{ key: 'cores', operator: 'Gt', values: ['8'] }, { key: 'zone', operator: 'NotIn', values: ['b'] }] },
    { matchFields: [{ key: 'metadata.name', operator: 'In', values: ['special'] }] },
  ]);
  t.true(match(node('n1', { cores: '16', zone: 'a' })));
  t.true(match(node('n2', { cores: '16' })));
  t.false(match(node('n3', { cores: '16', zone: 'b' })));
  t.false(match(node('n4', { cores: '4' })));
  t.true(match(node('special', {})));
  const required = getRequiredNodeAffinity(pod('p', { nodeSelector: { disk: 'ssd' } }));
  t.true(required.match(node('n', { disk: 'ssd' })));
  t.false(required.match(node('n', { disk: 'hdd' })));
});

test('pod requests take the max of init containers, sidecars running alongside, plus overhead', (t) => {
  const p = pod('p', {
    initContainers: [
      { name: 'sidecar', restartPolicy: 'Always', resources: { requests: { cpu: '200m' } } },
      { name: 'setup', resources: { requests: { cpu: '2', memory: '1Gi' } } },
    ],
    containers: [
      { name: 'a', resources: { requests: { cpu: '500m', memory: '256Mi' } } },
      { name: 'b', resources: {} },
    ],
    overhead: { cpu: '50m' },
  });
  const r = computePodResources(p);
  t.is(r.requests.milliCPU, 2250);
  t.is(r.requests.memory, 1024 ** 3);
  t.is(r.nonZeroMilliCPU, 2250);
  t.is(r.nonZeroMemory, 1024 ** 3 + 200 * 1024 ** 2);
});

test('a node recounts the pods a selector matches when pod labels change, not when only a pod status does', (t) => {
  const info = new NodeInfo('n1');
  const web = { ...pod('web'), metadata: { ...pod('web').metadata, labels: { app: 'web' } } };
  info.addPod(podInfoFor(web));
  const selector = selectorFromSet({ app: 'web' });
  t.is(countNodePodsMatchSelector(info, selector, 'default'), 1);
  const running = updatedPodInfo(podInfoFor(web), { ...web, status: { phase: 'Running' } });
  info.replacePod(running);
  t.is(info.podsMatchGeneration, 1);
  info.replacePod(updatedPodInfo(running, { ...web, metadata: { ...web.metadata, labels: { app: 'db' } } }));
  t.is(info.podsMatchGeneration, 2);
  t.is(countNodePodsMatchSelector(info, selector, 'default'), 0);
});

test('scores normalise to 0..100, reversed where fewer is better', (t) => {
  const scores = [0, 2, 4];
  defaultNormalizeScore(scores, false);
  t.deepEqual(scores, [0, 50, 100]);
  const taints = [0, 1, 2];
  defaultNormalizeScore(taints, true);
  t.deepEqual(taints, [100, 50, 0]);
  const none = [0, 0];
  defaultNormalizeScore(none, true);
  t.deepEqual(none, [100, 100]);
});

test('balanced allocation prefers cpu and memory used in equal shares', (t) => {
  t.is(balancedScore([1000, 4 * 1024 ** 3], [4000, 16 * 1024 ** 3]), 100);
  t.is(balancedScore([4000, 0], [4000, 16 * 1024 ** 3]), 50);
});

test('image names without a tag are looked up as :latest', (t) => {
  t.is(normalizedImageName('nginx'), 'nginx:latest');
  t.is(normalizedImageName('registry:5000/app'), 'registry:5000/app:latest');
  t.is(normalizedImageName('nginx:1.27'), 'nginx:1.27');
});

function queue(clock: VirtualClock) {
  const gates = new SchedulingGates();
  const framework = new Framework({ preEnqueue: [gates], filter: [], postFilter: [], score: [], reserve: [], preBind: [], bind: [], enqueueExtensions: [gates] });
  return new SchedulingQueue(framework, clock, REAL_SCHEDULER_TIMINGS, () => {});
}

test('the active queue pops by priority, then by arrival', (t) => {
  const clock = new VirtualClock();
  const q = queue(clock);
  q.add(pod('low-1', { priority: 0 }));
  q.add(pod('high', { priority: 100 }));
  q.add(pod('low-2', { priority: 0 }));
  t.deepEqual([q.pop(), q.pop(), q.pop()].map((p) => p?.pod.metadata.name), ['high', 'low-1', 'low-2']);
});

test('a pod that failed without a rejecting plugin backs off 1 s doubling up to 10 s', (t) => {
  const clock = new VirtualClock();
  const q = queue(clock);
  q.add(pod('p'));
  const waits: number[] = [];
  for (let attempt = 0; attempt < 6; attempt++) {
    const info = q.pop()!;
    q.addUnschedulableIfNotPresent(info);
    const start = clock.now();
    while (q.activeLength === 0) clock.advance(250);
    waits.push(clock.now() - start);
  }
  t.deepEqual(waits, [1000, 2000, 4000, 8000, 10000, 10000]);
});

test('a gated pod waits outside the active queue until its gates are gone', (t) => {
  const clock = new VirtualClock();
  const q = queue(clock);
  const gated = pod('g', { schedulingGates: [{ name: 'wait' }] });
  q.add(gated);
  t.is(q.activeLength, 0);
  t.deepEqual(q.stats(), { active: 0, backoff: 0, unschedulable: 0, gated: 1 });
  const ungated = pod('g');
  q.update(gated, ungated, podChangeEvents(ungated, gated));
  t.is(q.activeLength, 1);
});
