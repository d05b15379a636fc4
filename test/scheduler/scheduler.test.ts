import test from 'ava';
import type { KubeObject } from '../../src/api/types.js';
import type { ApiClient } from '../../src/apiserver/types.js';
import { CONTROL_PLANE_TAINT, must, nodeObject, podObject, startCluster } from './helpers.js';

const TAINT_MSG = '1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }';

test('a pod lands on a worker and gets a Scheduled event from default-scheduler', (t) => {
  const c = startCluster();
  c.createPod(podObject('web'));
  c.settle();
  const pod = c.pod('web');
  t.regex(pod.spec.nodeName ?? '', /^node-[123]$/);
  t.is(c.scheduled('web')?.status, 'True');
  t.deepEqual(c.events('web'), [`Scheduled: Successfully assigned default/web to ${pod.spec.nodeName}`]);
  const event = c.eventObjects('web')[0]!;
  t.deepEqual(event['source'], { component: 'default-scheduler' });
  t.is(event['type'], 'Normal');
});

test('a pod asking for 1000Gi of memory stays Pending with the exact FailedScheduling message', (t) => {
  const c = startCluster();
  c.createPod(podObject('big', { memory: '1000Gi' }));
  c.settle();
  const message = `0/4 nodes are available: ${TAINT_MSG}, 3 Insufficient memory. preemption: 0/4 nodes are available: 1 Preemption is not helpful for scheduling, 3 No preemption victims found for incoming pod.`;
  t.is(c.pod('big').spec.nodeName, undefined);
  t.like(c.scheduled('big'), { status: 'False', reason: 'Unschedulable', message });
  t.deepEqual(c.events('big'), [`FailedScheduling: ${message}`]);
  t.is(c.eventObjects('big')[0]!['type'], 'Warning');
});

test('a resource-starved pod reports every insufficient resource, counted per node', (t) => {
  const c = startCluster();
  c.createPod(podObject('hungry', { cpu: '5', memory: '9Gi' }));
  c.settle();
  t.is(
    c.scheduled('hungry')?.message,
    `0/4 nodes are available: ${TAINT_MSG}, 3 Insufficient cpu, 3 Insufficient memory. preemption: 0/4 nodes are available: 1 Preemption is not helpful for scheduling, 3 No preemption victims found for incoming pod.`,
  );
});

test('the assumed pod counts at once: the second pod of a pair that fills a node goes elsewhere', (t) => {
  const c = startCluster({ workers: { cpu: '2' } });
  for (const name of ['a', 'b', 'c']) c.createPod(podObject(name, { cpu: '1500m' }));
  c.createPod(podObject('d', { cpu: '1500m' }));
  c.settle();
  const nodes = ['a', 'b', 'c'].map((n) => c.pod(n).spec.nodeName);
  t.is(new Set(nodes).size, 3);
  t.is(c.pod('d').spec.nodeName, undefined);
  t.regex(c.scheduled('d')?.message ?? '', /3 Insufficient cpu/);
});

test('the condition is written once and not rewritten while the message stays the same', (t) => {
  const c = startCluster();
  c.createPod(podObject('big', { memory: '1000Gi' }));
  c.settle();
  const rv = c.pod('big').metadata.resourceVersion;
  const transition = c.scheduled('big')?.lastTransitionTime;
  must(c.api.create('nodes', '', nodeObject('node-4')));
  c.settle();
  t.is(c.scheduled('big')?.message?.startsWith('0/5 nodes are available'), true);
  t.is(c.scheduled('big')?.lastTransitionTime, transition);
  const rv2 = c.pod('big').metadata.resourceVersion;
  t.not(rv2, rv);
  c.cluster.clock.advance(6 * 60_000);
  t.is(c.pod('big').metadata.resourceVersion, rv2);
  t.is(c.eventObjects('big').at(-1)!['count'], 2);
});

test('a nodeSelector pod waits until a node gets the label, then lands there', (t) => {
  const c = startCluster();
  c.createPod(podObject('ssd', {}, { nodeSelector: { disktype: 'ssd' } }));
  c.settle();
  t.is(
    c.scheduled('ssd')?.message,
    `0/4 nodes are available: ${TAINT_MSG}, 3 node(s) didn't match Pod's node affinity/selector. preemption: 0/4 nodes are available: 4 Preemption is not helpful for scheduling.`,
  );
  must(c.api.patch('nodes', '', 'node-2', 'merge', { metadata: { labels: { disktype: 'ssd' } } }));
  c.settle();
  t.is(c.pod('ssd').spec.nodeName, 'node-2');
});

test('unschedulable pods are retried when a node with room joins', (t) => {
  const c = startCluster();
  c.createPod(podObject('wide', { cpu: '6' }));
  c.settle();
  t.is(c.scheduler.queueStats().unschedulable, 1);
  must(c.api.create('nodes', '', nodeObject('node-4', { cpu: '8' })));
  c.settle();
  t.is(c.pod('wide').spec.nodeName, 'node-4');
  t.is(c.scheduler.queueStats().unschedulable, 0);
});

test('a node event that cannot help leaves unschedulable pods waiting', (t) => {
  const c = startCluster();
  c.createPod(podObject('wide', { cpu: '6' }));
  c.settle();
  must(c.api.patch('nodes', '', 'node-1', 'merge', { metadata: { labels: { team: 'a' } } }));
  c.settle();
  t.is(c.eventObjects('wide').length, 1);
  t.is(c.eventObjects('wide')[0]!['count'], 1);
});

test('an unschedulable pod is retried after podMaxInUnschedulablePodsDuration at the latest', (t) => {
  const c = startCluster();
  c.createPod(podObject('ssd', {}, { nodeSelector: { disktype: 'ssd' } }));
  c.settle();
  c.cluster.clock.advance(4 * 60_000);
  t.is(c.eventObjects('ssd')[0]!['count'], 1);
  c.cluster.clock.advance(90_000);
  t.is(c.eventObjects('ssd')[0]!['count'], 2);
});

test('taints keep pods off nodes unless tolerated', (t) => {
  const c = startCluster();
  for (const node of ['node-1', 'node-2']) must(c.api.patch('nodes', '', node, 'merge', { spec: { taints: [{ key: 'dedicated', value: 'gpu', effect: 'NoSchedule' }] } }));
  for (const name of ['p1', 'p2', 'p3']) c.createPod(podObject(name));
  c.createPod(podObject('gpu', {}, { tolerations: [{ key: 'dedicated', operator: 'Equal', value: 'gpu', effect: 'NoSchedule' }], nodeSelector: { 'kubernetes.io/hostname': 'node-1' } }));
  c.createPod(podObject('admin', {}, { tolerations: [{ key: CONTROL_PLANE_TAINT.key, operator: 'Exists', effect: 'NoSchedule' }], nodeSelector: { 'node-role.kubernetes.io/control-plane': '' } }));
  c.settle();
  t.deepEqual(['p1', 'p2', 'p3'].map((n) => c.pod(n).spec.nodeName), ['node-3', 'node-3', 'node-3']);
  t.is(c.pod('gpu').spec.nodeName, 'node-1');
  t.is(c.pod('admin').spec.nodeName, 'control-plane');
});

test('a cordoned node takes no new pods', (t) => {
  const c = startCluster();
  for (const node of ['node-1', 'node-2', 'node-3']) must(c.api.patch('nodes', '', node, 'merge', { spec: { unschedulable: true } }));
  c.createPod(podObject('web'));
  c.settle();
  t.is(
    c.scheduled('web')?.message,
    `0/4 nodes are available: ${TAINT_MSG}, 3 node(s) were unschedulable. preemption: 0/4 nodes are available: 4 Preemption is not helpful for scheduling.`,
  );
  must(c.api.patch('nodes', '', 'node-3', 'merge', { spec: { unschedulable: false } }));
  c.settle();
  t.is(c.pod('web').spec.nodeName, 'node-3');
});

test('a gated pod is left alone until its gates are removed', (t) => {
  const c = startCluster();
  c.createPod(podObject('gated', {}, { schedulingGates: [{ name: 'example.com/wait' }] }));
  c.settle();
  t.like(c.scheduled('gated'), { status: 'False', reason: 'SchedulingGated', message: 'Scheduling is blocked due to non-empty scheduling gates' });
  t.deepEqual(c.events('gated'), []);
  t.is(c.scheduler.queueStats().gated, 1);
  must(c.api.patch('pods', 'default', 'gated', 'merge', { spec: { schedulingGates: [] } }));
  c.settle();
  t.regex(c.pod('gated').spec.nodeName ?? '', /^node-/);
  t.is(c.scheduler.queueStats().gated, 0);
});

test('pods spread across nodes by a hostname topology spread constraint', (t) => {
  const c = startCluster();
  const spread = [{ maxSkew: 1, topologyKey: 'kubernetes.io/hostname', whenUnsatisfiable: 'DoNotSchedule', nodeTaintsPolicy: 'Honor', labelSelector: { matchLabels: { app: 'web' } } }];
  for (let i = 0; i < 6; i++) c.createPod(podObject(`web-${i}`, {}, { topologySpreadConstraints: spread }, { labels: { app: 'web' } }));
  c.settle();
  const counts = new Map<string, number>();
  for (let i = 0; i < 6; i++) {
    const node = c.pod(`web-${i}`).spec.nodeName ?? 'none';
    counts.set(node, (counts.get(node) ?? 0) + 1);
  }
  t.deepEqual([...counts].sort(), [['node-1', 2], ['node-2', 2], ['node-3', 2]]);
});

test('a spread constraint that counts the tainted control plane blocks the fourth pod', (t) => {
  const c = startCluster();
  const spread = [{ maxSkew: 1, topologyKey: 'kubernetes.io/hostname', whenUnsatisfiable: 'DoNotSchedule', labelSelector: { matchLabels: { app: 'web' } } }];
  for (let i = 0; i < 4; i++) c.createPod(podObject(`web-${i}`, {}, { topologySpreadConstraints: spread }, { labels: { app: 'web' } }));
  c.settle();
  t.is(
    c.scheduled('web-3')?.message,
    `0/4 nodes are available: ${TAINT_MSG}, 3 node(s) didn't match pod topology spread constraints. preemption: 0/4 nodes are available: 1 Preemption is not helpful for scheduling, 3 No preemption victims found for incoming pod.`,
  );
});

test('a spread constraint on a topology key no node has reports the missing label', (t) => {
  const c = startCluster();
  const spread = [{ maxSkew: 1, topologyKey: 'topology.kubernetes.io/zone', whenUnsatisfiable: 'DoNotSchedule', labelSelector: { matchLabels: { app: 'web' } } }];
  c.createPod(podObject('web', {}, { topologySpreadConstraints: spread }, { labels: { app: 'web' } }));
  c.settle();
  t.is(
    c.scheduled('web')?.message,
    `0/4 nodes are available: ${TAINT_MSG}, 3 node(s) didn't match pod topology spread constraints (missing required label). preemption: 0/4 nodes are available: 4 Preemption is not helpful for scheduling.`,
  );
});

test('required pod anti-affinity puts each replica on its own node', (t) => {
  const c = startCluster();
  const affinity = { podAntiAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [{ topologyKey: 'kubernetes.io/hostname', labelSelector: { matchLabels: { app: 'db' } } }] } };
  for (let i = 0; i < 4; i++) c.createPod(podObject(`db-${i}`, {}, { affinity }, { labels: { app: 'db' } }));
  c.settle();
  const nodes = [0, 1, 2].map((i) => c.pod(`db-${i}`).spec.nodeName);
  t.is(new Set(nodes).size, 3);
  t.is(
    c.scheduled('db-3')?.message,
    `0/4 nodes are available: ${TAINT_MSG}, 3 node(s) didn't match pod anti-affinity rules. preemption: 0/4 nodes are available: 1 Preemption is not helpful for scheduling, 3 No preemption victims found for incoming pod.`,
  );
});

test('required pod affinity follows the pod it names', (t) => {
  const c = startCluster();
  c.createPod(podObject('cache', {}, { nodeSelector: { 'kubernetes.io/hostname': 'node-2' } }, { labels: { app: 'cache' } }));
  c.settle();
  const affinity = { podAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [{ topologyKey: 'kubernetes.io/hostname', labelSelector: { matchLabels: { app: 'cache' } } }] } };
  c.createPod(podObject('web', {}, { affinity }));
  c.settle();
  t.is(c.pod('web').spec.nodeName, 'node-2');
});

test('an extended resource is only found where a node advertises it', (t) => {
  const c = startCluster();
  must(c.api.create('nodes', '', nodeObject('gpu-1', { extended: { 'example.com/gpu': '2' } })));
  const gpuPod = (name: string, n: string): KubeObject => ({
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name },
    spec: { containers: [{ name: 'app', image: 'cuda:12', resources: { limits: { 'example.com/gpu': n } } }] },
  });
  c.createPod(gpuPod('train', '1'));
  c.createPod(gpuPod('huge', '4'));
  c.settle();
  t.is(c.pod('train').spec.nodeName, 'gpu-1');
  t.is(
    c.scheduled('huge')?.message,
    `0/5 nodes are available: ${TAINT_MSG}, 4 Insufficient example.com/gpu. preemption: 0/5 nodes are available: 1 Preemption is not helpful for scheduling, 4 No preemption victims found for incoming pod.`,
  );
});

test('a pod whose PersistentVolumeClaim does not exist reports it', (t) => {
  const c = startCluster();
  c.createPod(podObject('db', {}, { volumes: [{ name: 'data', persistentVolumeClaim: { claimName: 'data' } }] }));
  c.settle();
  t.is(c.scheduled('db')?.message, '0/4 nodes are available: persistentvolumeclaim "data" not found. preemption: 0/4 nodes are available: 4 Preemption is not helpful for scheduling.');
  must(c.api.create('persistentvolumeclaims', 'default', { apiVersion: 'v1', kind: 'PersistentVolumeClaim', metadata: { name: 'data' }, spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } } }));
  c.settle();
  t.is(
    c.scheduled('db')?.message,
    '0/4 nodes are available: pod has unbound immediate PersistentVolumeClaims. preemption: 0/4 nodes are available: 4 Preemption is not helpful for scheduling.',
  );
});

test('a higher-priority pod is scheduled before a lower-priority one queued at the same time', (t) => {
  const c = startCluster({ workers: { cpu: '1' } });
  must(c.api.create('priorityclasses', '', { apiVersion: 'scheduling.k8s.io/v1', kind: 'PriorityClass', metadata: { name: 'high-no-preempt' }, value: 1000, preemptionPolicy: 'Never' }));
  for (const name of ['low-1', 'low-2', 'low-3']) c.createPod(podObject(name, { cpu: '1' }));
  c.createPod(podObject('vip', { cpu: '1' }, { priorityClassName: 'high-no-preempt' }));
  c.settle();
  t.regex(c.pod('vip').spec.nodeName ?? '', /^node-/);
  t.is(['low-1', 'low-2', 'low-3'].filter((n) => c.pod(n).spec.nodeName === undefined).length, 1);
});

test('a pod that may not preempt says so in its message', (t) => {
  const c = startCluster({ workers: { cpu: '1' } });
  must(c.api.create('priorityclasses', '', { apiVersion: 'scheduling.k8s.io/v1', kind: 'PriorityClass', metadata: { name: 'polite' }, value: 10, preemptionPolicy: 'Never' }));
  c.createPod(podObject('polite', { cpu: '2' }, { priorityClassName: 'polite' }));
  c.settle();
  t.is(c.scheduled('polite')?.message, `0/4 nodes are available: ${TAINT_MSG}, 3 Insufficient cpu. preemption: not eligible due to preemptionPolicy=Never.`);
});

test('a higher-priority pod preempts a lower-priority one and is nominated to its node', (t) => {
  const c = startCluster({ workers: { cpu: '1' } });
  for (const name of ['low-1', 'low-2', 'low-3']) c.createPod(podObject(name, { cpu: '1' }));
  c.settle();
  must(c.api.create('priorityclasses', '', { apiVersion: 'scheduling.k8s.io/v1', kind: 'PriorityClass', metadata: { name: 'high' }, value: 1000 }));
  c.createPod(podObject('vip', { cpu: '1' }, { priorityClassName: 'high' }));
  c.settle();
  const vip = c.pod('vip');
  const nominated = vip.status?.nominatedNodeName ?? '';
  t.regex(nominated, /^node-/);
  t.is(c.scheduled('vip')?.message, `0/4 nodes are available: ${TAINT_MSG}, 3 Insufficient cpu.`);
  const victim = ['low-1', 'low-2', 'low-3'].find((n) => c.pod(n).spec.nodeName === nominated) ?? '';
  const victimPod = c.pod(victim);
  t.truthy(victimPod.metadata.deletionTimestamp);
  t.like(victimPod.status?.conditions?.find((cond) => cond.type === 'DisruptionTarget'), { status: 'True', reason: 'PreemptionByScheduler', message: 'default-scheduler: preempting to accommodate a higher priority pod' });
  t.deepEqual(c.events(victim).at(-1), `Preempted: Preempted by pod ${vip.metadata.uid} on node ${nominated}`);
  must(c.api.delete('pods', 'default', victim, { gracePeriodSeconds: 0 }));
  c.settle();
  t.is(c.pod('vip').spec.nodeName, nominated);
});

test('a pod for another scheduler is left alone', (t) => {
  const c = startCluster();
  c.createPod(podObject('custom', {}, { schedulerName: 'my-scheduler' }));
  c.settle();
  t.is(c.pod('custom').spec.nodeName, undefined);
  t.deepEqual(c.events('custom'), []);
  t.is(c.scheduler.pendingPods().length, 0);
});

test('on 200 nodes a pod is scored against a sample of 100, the next one starting where it stopped', (t) => {
  const c = startCluster();
  for (let i = 4; i < 200; i++) must(c.api.create('nodes', '', nodeObject(`node-${i}`)));
  c.createPod(podObject('first'));
  c.settle();
  c.createPod(podObject('second'));
  c.settle();
  const first = c.scheduler.diagnosis('default', 'first')!;
  const second = c.scheduler.diagnosis('default', 'second')!;
  t.is(first.nodesScored, 100);
  t.is(second.nodesScored, 100);
  t.is(first.numAllNodes, 200);
  t.not(first.selectedNode, second.selectedNode);
});

test('the scheduler stopped leaves pods Pending; started again, it schedules them', (t) => {
  const c = startCluster();
  c.scheduler.stop();
  t.is(c.scheduler.state, 'stopped');
  c.createPod(podObject('web'));
  c.settle();
  t.is(c.pod('web').spec.nodeName, undefined);
  t.deepEqual(c.events('web'), []);
  c.scheduler.start();
  t.is(c.scheduler.state, 'scheduling');
  c.settle();
  t.regex(c.pod('web').spec.nodeName ?? '', /^node-/);
  t.is(c.scheduler.state, 'idle');
});

test('the machine goes from idle to scheduling, binding and back to idle', (t) => {
  const c = startCluster();
  const states: string[] = [];
  c.scheduler.actor.subscribe((s) => states.push(String(s.value)));
  c.createPod(podObject('web'));
  c.settle();
  t.deepEqual(states, ['scheduling', 'binding', 'idle']);
});

test('a failed binding forgets the assumed pod and retries after the back-off', (t) => {
  let failures = 1;
  const flaky = (api: ApiClient): ApiClient =>
    new Proxy(api, {
      get(target, prop, receiver) {
        if (prop !== 'create') return Reflect.get(target, prop, receiver);
        return (resource: string, ns: string, object: KubeObject, options?: unknown) => {
          if (resource === 'pods/binding' && failures-- > 0) {
            return { ok: false, status: { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message: 'etcdserver: request timed out', reason: 'InternalError', code: 500 } };
          }
          return target.create(resource, ns, object, options as never);
        };
      },
    });
  const c = startCluster({ api: flaky });
  c.createPod(podObject('web'));
  c.cluster.clock.advance(10);
  t.like(c.scheduled('web'), { status: 'False', reason: 'SchedulerError', message: 'running Bind plugin "DefaultBinder": etcdserver: request timed out' });
  t.is(c.scheduler.queueStats().backoff, 1);
  t.is(c.scheduler.cacheSummary().assumedPods, 0);
  c.cluster.clock.advance(980);
  t.is(c.pod('web').spec.nodeName, undefined);
  c.cluster.clock.advance(20);
  t.regex(c.pod('web').spec.nodeName ?? '', /^node-/);
});

test('the diagnosis tells why a pod is Pending and why a node was chosen', (t) => {
  const c = startCluster();
  c.createPod(podObject('big', { memory: '1000Gi' }));
  c.createPod(podObject('web'));
  c.settle();
  const pending = c.scheduler.diagnosis('default', 'big')!;
  t.is(pending.result, 'Unschedulable');
  t.deepEqual(
    pending.rejected.map((r) => [r.node, r.plugin, r.reasons.join('; ')]),
    [
      ['control-plane', 'TaintToleration', 'node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }'],
      ['node-1', 'NodeResourcesFit', 'Insufficient memory'],
      ['node-2', 'NodeResourcesFit', 'Insufficient memory'],
      ['node-3', 'NodeResourcesFit', 'Insufficient memory'],
    ],
  );
  const placed = c.scheduler.diagnosis('default', 'web')!;
  t.is(placed.result, 'Scheduled');
  t.is(placed.selectedNode, c.pod('web').spec.nodeName);
  t.is(placed.nodesScored, 3);
  t.is(placed.scores[0]!.node, placed.selectedNode ?? '');
  t.deepEqual(
    placed.scores[0]!.plugins.map((p) => [p.plugin, p.weight]),
    [
      ['TaintToleration', 3],
      ['NodeResourcesFit', 1],
      ['NodeResourcesBalancedAllocation', 1],
      ['ImageLocality', 1],
    ],
  );
});
