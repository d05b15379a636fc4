/**
 * The `expect` column of the corpus INDEX for website/pods: each file applied to a fresh full
 * cluster as `kubectl apply -f` does, the clock advanced explicitly, and what kubectl would show
 * checked — STATUS / READY / RESTARTS, phases, conditions, FailedScheduling messages, events,
 * qosClass, PV and PVC columns — standalone and after the files a row names.
 */
import {
  advanceTo,
  applyClean,
  applyErrors,
  applyFile,
  conditionView,
  CorpusSuite,
  createNamespace,
  eventMessages,
  eventsFor,
  field,
  get,
  list,
  podLine,
  rowOf,
  run,
  sample,
  settle,
  WORKERS,
} from './corpus-harness.js';

const suite = new CorpusSuite();

/** The scheduler's message when every worker fails one filter and the control-plane node its taint. */
const unschedulable = (workers: string, preemption = '4 Preemption is not helpful for scheduling'): string =>
  `0/4 nodes are available: 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }, ${workers}. preemption: 0/4 nodes are available: ${preemption}.`;

// ---- website/pods ----

suite.test('website/pods/simple-pod.yaml', 'pod nginx runs on one worker, 1/1 Running with 0 restarts', (t, cluster) => {
  applyClean(t, cluster, 'website/pods/simple-pod.yaml');
  settle(cluster);
  t.is(podLine(cluster, 'nginx'), '1/1 Running 0');
  t.true(WORKERS.includes(String(field(get(cluster, 'pods', 'default', 'nginx'), 'spec.nodeName'))));
});

suite.test('website/pods/two-container-pod.yaml', 'stays Running and NotReady 1/2 once debian-container completes, never restarted', (t, cluster) => {
  applyClean(t, cluster, 'website/pods/two-container-pod.yaml');
  settle(cluster);
  advanceTo(cluster, 300);
  const pod = get(cluster, 'pods', 'default', 'two-containers');
  t.is(podLine(cluster, 'two-containers'), '1/2 NotReady 0');
  t.is(field(pod, 'status.phase'), 'Running');
  t.is(conditionView(pod, 'Ready')?.status, 'False');
  const statuses = field(pod, 'status.containerStatuses') as Record<string, unknown>[];
  const debian = statuses.find((s) => s['name'] === 'debian-container');
  const nginx = statuses.find((s) => s['name'] === 'nginx-container');
  t.like(debian, { restartCount: 0, state: { terminated: { reason: 'Completed', exitCode: 0 } } });
  t.like(nginx, { ready: true, restartCount: 0 });
  t.truthy(field(nginx, 'state.running'));
});

suite.test('website/pods/init-containers.yaml', 'shows Init:0/1 while the init container runs, then 1/1 Running (our runtime gives egress)', (t, cluster) => {
  applyClean(t, cluster, 'website/pods/init-containers.yaml');
  advanceTo(cluster, 0.5);
  t.is(podLine(cluster, 'init-demo'), '0/1 Init:0/1 0');
  settle(cluster);
  t.is(podLine(cluster, 'init-demo'), '1/1 Running 0');
  t.like(field(get(cluster, 'pods', 'default', 'init-demo'), 'status.initContainerStatuses.0'), {
    name: 'install',
    state: { terminated: { reason: 'Completed', exitCode: 0 } },
  });
});

suite.test('website/pods/commands.yaml', 'pod command-demo exits 0: Succeeded, 0/1 Completed, 0 restarts', (t, cluster) => {
  applyClean(t, cluster, 'website/pods/commands.yaml');
  settle(cluster);
  t.is(podLine(cluster, 'command-demo'), '0/1 Completed 0');
  t.is(field(get(cluster, 'pods', 'default', 'command-demo'), 'status.phase'), 'Succeeded');
});

suite.test('website/pods/probe/exec-liveness.yaml', 'the liveness probe fails from ~35 s and the container is restarted again and again, with CrashLoopBackOff between', (t, cluster) => {
  applyClean(t, cluster, 'website/pods/probe/exec-liveness.yaml');
  advanceTo(cluster, 30);
  t.is(podLine(cluster, 'liveness-exec'), '1/1 Running 0');
  const restarts = () => Number(field(get(cluster, 'pods', 'default', 'liveness-exec'), 'status.containerStatuses.0.restartCount'));
  const timeline = sample(cluster, 600, 1, () => ({ restarts: restarts(), status: podLine(cluster, 'liveness-exec').split(' ')[1] }));
  const firstRestart = timeline.find((s) => s.value.restarts > 0)?.at ?? Infinity;
  t.true(firstRestart > 35 && firstRestart < 90, `first restart at ${firstRestart}s`);
  t.true(timeline.some((s) => s.value.status === 'CrashLoopBackOff'));
  t.true(timeline.every((s, i) => i === 0 || s.value.restarts >= (timeline[i - 1]?.value.restarts ?? 0)));
  const final = restarts();
  t.true(final >= 4 && final <= 10, `${final} restarts in 10 minutes`);
  t.true(eventMessages(cluster, 'liveness-exec', 'Unhealthy').includes("Liveness probe failed: cat: can't open '/tmp/healthy': No such file or directory"));
  t.true(eventMessages(cluster, 'liveness-exec', 'Killing').includes('Container liveness failed liveness probe, will be restarted'));
});

suite.test('website/pods/probe/tcp-liveness-readiness.yaml', 'goproxy turns Ready between 15 and 25 s and keeps passing its probes', (t, cluster) => {
  applyClean(t, cluster, 'website/pods/probe/tcp-liveness-readiness.yaml');
  const timeline = sample(cluster, 30, 1, () => podLine(cluster, 'goproxy'));
  const ready = timeline.find((s) => s.value === '1/1 Running 0')?.at ?? Infinity;
  t.true(ready >= 15 && ready <= 25, `Ready at ${ready}s`);
  t.true(timeline.filter((s) => s.at < ready).every((s) => s.value === '0/1 Running 0' || s.value === '0/1 ContainerCreating 0'));
  advanceTo(cluster, 600);
  t.is(podLine(cluster, 'goproxy'), '1/1 Running 0');
});

suite.test('website/pods/resource/memory-request-limit-2.yaml', 'without namespace mem-example the apply fails and nothing is created', (t, cluster) => {
  const errors = applyErrors(applyFile(cluster, 'website/pods/resource/memory-request-limit-2.yaml'));
  t.is(errors.length, 1);
  t.regex(errors[0] ?? '', /namespaces "mem-example" not found/);
  t.deepEqual(list(cluster, 'pods', 'mem-example'), []);
});

suite.test('website/pods/resource/memory-request-limit-2.yaml', 'in namespace mem-example the container is OOMKilled and restarted into CrashLoopBackOff, Ready only between start and kill', (t, cluster) => {
  createNamespace(t, cluster, 'mem-example');
  applyClean(t, cluster, 'website/pods/resource/memory-request-limit-2.yaml');
  const timeline = sample(cluster, 120, 1, () => podLine(cluster, 'memory-demo-2', 'mem-example'));
  t.true(timeline.some((s) => s.value.startsWith('0/1 OOMKilled')));
  // Ready only in the moment between a start and the next kill, as `kubectl get -w` shows it.
  t.true(timeline.filter((s) => s.value.startsWith('1/1 ')).length <= timeline.length / 10);
  t.regex(podLine(cluster, 'memory-demo-2', 'mem-example'), /^0\/1 CrashLoopBackOff [3-9] /);
  t.like(field(get(cluster, 'pods', 'mem-example', 'memory-demo-2'), 'status.containerStatuses.0.lastState'), {
    terminated: { reason: 'OOMKilled', exitCode: 137 },
  });
});

suite.test('website/pods/resource/memory-request-limit-3.yaml', 'without namespace mem-example the apply fails', (t, cluster) => {
  t.regex(applyErrors(applyFile(cluster, 'website/pods/resource/memory-request-limit-3.yaml')).join('\n'), /namespaces "mem-example" not found/);
  t.deepEqual(list(cluster, 'pods', 'mem-example'), []);
});

suite.test('website/pods/resource/memory-request-limit-3.yaml', 'in namespace mem-example memory-demo-3 stays Pending: 3 Insufficient memory', (t, cluster) => {
  createNamespace(t, cluster, 'mem-example');
  applyClean(t, cluster, 'website/pods/resource/memory-request-limit-3.yaml');
  settle(cluster);
  const message = unschedulable('3 Insufficient memory', '1 Preemption is not helpful for scheduling, 3 No preemption victims found for incoming pod');
  t.is(podLine(cluster, 'memory-demo-3', 'mem-example'), '0/1 Pending 0');
  t.deepEqual(eventMessages(cluster, 'memory-demo-3', 'FailedScheduling'), [message]);
  t.deepEqual(conditionView(get(cluster, 'pods', 'mem-example', 'memory-demo-3'), 'PodScheduled'), { status: 'False', reason: 'Unschedulable', message });
});

suite.test('website/pods/resource/extended-resource-pod.yaml', 'stays Pending: Insufficient example.com/dongle on every worker', (t, cluster) => {
  applyClean(t, cluster, 'website/pods/resource/extended-resource-pod.yaml');
  settle(cluster);
  t.is(podLine(cluster, 'extended-resource-demo'), '0/1 Pending 0');
  t.deepEqual(eventMessages(cluster, 'extended-resource-demo', 'FailedScheduling'), [
    unschedulable('3 Insufficient example.com/dongle', '1 Preemption is not helpful for scheduling, 3 No preemption victims found for incoming pod'),
  ]);
});

const GUARANTEED = { limits: { cpu: '700m', memory: '200Mi' }, requests: { cpu: '700m', memory: '200Mi' } };
for (const [file, name, qosClass, resources] of [
  ['website/pods/qos/qos-pod.yaml', 'qos-demo', 'Guaranteed', GUARANTEED],
  ['website/pods/qos/qos-pod-3.yaml', 'qos-demo-3', 'BestEffort', {}],
] as const) {
  suite.test(file, 'without namespace qos-example the apply fails and nothing is created', (t, cluster) => {
    t.regex(applyErrors(applyFile(cluster, file)).join('\n'), /namespaces "qos-example" not found/);
    t.deepEqual(list(cluster, 'pods', 'qos-example'), []);
  });
  suite.test(file, `in namespace qos-example ${name} runs 1/1 on a worker with qosClass ${qosClass} and its requests`, (t, cluster) => {
    createNamespace(t, cluster, 'qos-example');
    applyClean(t, cluster, file);
    settle(cluster);
    t.is(podLine(cluster, name, 'qos-example'), '1/1 Running 0');
    const pod = get(cluster, 'pods', 'qos-example', name);
    t.is(field(pod, 'status.qosClass'), qosClass);
    t.true(WORKERS.includes(String(field(pod, 'spec.nodeName'))));
    t.deepEqual(field(pod, 'spec.containers.0.resources'), resources);
  });
}

suite.test('website/pods/pod-nginx.yaml', 'stays Pending on the nodeSelector until a node is labelled disktype=ssd, then runs there', (t, cluster) => {
  applyClean(t, cluster, 'website/pods/pod-nginx.yaml');
  settle(cluster);
  t.is(podLine(cluster, 'nginx'), '0/1 Pending 0');
  t.deepEqual(eventMessages(cluster, 'nginx', 'FailedScheduling'), [unschedulable("3 node(s) didn't match Pod's node affinity/selector")]);
  run(t, cluster, 'label node node-3 disktype=ssd');
  settle(cluster);
  t.is(podLine(cluster, 'nginx'), '1/1 Running 0');
  t.is(field(get(cluster, 'pods', 'default', 'nginx'), 'spec.nodeName'), 'node-3');
});

suite.test('website/pods/pod-nginx-specific-node.yaml', 'is bound to foo-node, never started nor scheduled, and PodGC deletes it after its 40 s quarantine', (t, cluster) => {
  applyClean(t, cluster, 'website/pods/pod-nginx-specific-node.yaml');
  advanceTo(cluster, 40);
  const pod = get(cluster, 'pods', 'default', 'nginx');
  t.is(field(pod, 'spec.nodeName'), 'foo-node');
  t.is(field(pod, 'status.phase'), 'Pending');
  t.is(podLine(cluster, 'nginx'), '0/1 Pending 0');
  t.deepEqual(eventsFor(cluster, 'nginx', 'Pod'), []);
  advanceTo(cluster, 61);
  t.is(get(cluster, 'pods', 'default', 'nginx'), undefined);
});

suite.test('website/pods/pod-nginx-preferred-affinity.yaml', 'the preference alone does not block scheduling: Running 1/1 on a worker', (t, cluster) => {
  applyClean(t, cluster, 'website/pods/pod-nginx-preferred-affinity.yaml');
  settle(cluster);
  t.is(podLine(cluster, 'nginx'), '1/1 Running 0');
  t.true(WORKERS.includes(String(field(get(cluster, 'pods', 'default', 'nginx'), 'spec.nodeName'))));
});

suite.test('website/pods/pod-with-node-affinity.yaml', "stays Pending: node(s) didn't match Pod's node affinity/selector", (t, cluster) => {
  applyClean(t, cluster, 'website/pods/pod-with-node-affinity.yaml');
  settle(cluster);
  t.is(podLine(cluster, 'with-node-affinity'), '0/1 Pending 0');
  t.deepEqual(eventMessages(cluster, 'with-node-affinity', 'FailedScheduling'), [unschedulable("3 node(s) didn't match Pod's node affinity/selector")]);
});

suite.test('website/pods/pod-with-pod-affinity.yaml', "stays Pending: node(s) didn't match pod affinity rules", (t, cluster) => {
  applyClean(t, cluster, 'website/pods/pod-with-pod-affinity.yaml');
  settle(cluster);
  t.is(podLine(cluster, 'with-pod-affinity'), '0/1 Pending 0');
  t.deepEqual(eventMessages(cluster, 'with-pod-affinity', 'FailedScheduling'), [unschedulable("3 node(s) didn't match pod affinity rules")]);
});

suite.test('website/pods/pod-with-toleration.yaml', 'runs 1/1 on a worker; the control-plane taint stays untolerated', (t, cluster) => {
  applyClean(t, cluster, 'website/pods/pod-with-toleration.yaml');
  settle(cluster);
  t.is(podLine(cluster, 'nginx'), '1/1 Running 0');
  t.true(WORKERS.includes(String(field(get(cluster, 'pods', 'default', 'nginx'), 'spec.nodeName'))));
});

suite.test('website/pods/pod-with-numeric-toleration.yaml', 'a default cluster rejects operator Gt and creates nothing', (t, cluster) => {
  t.deepEqual(applyErrors(applyFile(cluster, 'website/pods/pod-with-numeric-toleration.yaml')), [
    'The Pod "nginx-numeric-toleration" is invalid: spec.tolerations[0].operator: Unsupported value: "Gt": supported values: "Equal", "Exists"',
  ]);
  t.deepEqual(list(cluster, 'pods'), []);
});

suite.test('website/pods/pod-with-scheduling-gates.yaml', 'stays SchedulingGated until both gates are removed, then runs', (t, cluster) => {
  applyClean(t, cluster, 'website/pods/pod-with-scheduling-gates.yaml');
  settle(cluster);
  t.is(podLine(cluster, 'test-pod'), '0/1 SchedulingGated 0');
  t.like(conditionView(get(cluster, 'pods', 'default', 'test-pod'), 'PodScheduled'), { status: 'False', reason: 'SchedulingGated' });
  t.true(cluster.api.patch('pods', 'default', 'test-pod', 'json', [{ op: 'remove', path: '/spec/schedulingGates/0' }]).ok);
  settle(cluster);
  t.is(podLine(cluster, 'test-pod'), '0/1 SchedulingGated 0');
  t.deepEqual(eventsFor(cluster, 'test-pod'), []);
  t.true(cluster.api.patch('pods', 'default', 'test-pod', 'json', [{ op: 'remove', path: '/spec/schedulingGates' }]).ok);
  settle(cluster);
  t.is(podLine(cluster, 'test-pod'), '1/1 Running 0');
});

suite.test('website/pods/topology-spread-constraints/one-constraint.yaml', 'stays Pending: the nodes miss the required label zone', (t, cluster) => {
  applyClean(t, cluster, 'website/pods/topology-spread-constraints/one-constraint.yaml');
  settle(cluster);
  t.is(podLine(cluster, 'mypod'), '0/1 Pending 0');
  t.deepEqual(eventMessages(cluster, 'mypod', 'FailedScheduling'), [
    unschedulable("3 node(s) didn't match pod topology spread constraints (missing required label)"),
  ]);
});

suite.test('website/pods/pod-rs.yaml', 'standalone, pod1 and pod2 run 1/1 with no owner', (t, cluster) => {
  applyClean(t, cluster, 'website/pods/pod-rs.yaml');
  settle(cluster);
  t.deepEqual(['pod1', 'pod2'].map((name) => podLine(cluster, name)), ['1/1 Running 0', '1/1 Running 0']);
  t.deepEqual(list(cluster, 'pods').map((pod) => pod.metadata.ownerReferences), [undefined, undefined]);
});

suite.test('website/pods/pod-rs.yaml', 'after ReplicaSet frontend, both pods are adopted and deleted as surplus: 3 pods stay', (t, cluster) => {
  applyClean(t, cluster, 'website/controllers/frontend.yaml');
  settle(cluster);
  applyClean(t, cluster, 'website/pods/pod-rs.yaml');
  settle(cluster);
  const pods = list(cluster, 'pods');
  t.is(pods.length, 3);
  t.true(pods.every((pod) => pod.metadata.name?.startsWith('frontend-')));
  t.deepEqual(eventMessages(cluster, 'frontend', 'SuccessfulDelete').sort(), ['Deleted pod: pod1', 'Deleted pod: pod2']);
  t.like(rowOf(cluster, 'replicasets', 'default', 'frontend'), { Desired: 3, Current: 3, Ready: 3 });
});

suite.test('website/pods/pod-rs.yaml', 'before ReplicaSet frontend, it adopts pod1 and pod2 and creates only 1 pod', (t, cluster) => {
  applyClean(t, cluster, 'website/pods/pod-rs.yaml');
  applyClean(t, cluster, 'website/controllers/frontend.yaml');
  settle(cluster);
  const owned = list(cluster, 'pods').filter((pod) => pod.metadata.ownerReferences?.[0]?.name === 'frontend');
  t.is(owned.length, 3);
  t.truthy(owned.find((pod) => pod.metadata.name === 'pod1'));
  t.truthy(owned.find((pod) => pod.metadata.name === 'pod2'));
  t.is(eventMessages(cluster, 'frontend', 'SuccessfulCreate').length, 1);
  t.like(rowOf(cluster, 'replicasets', 'default', 'frontend'), { Desired: 3, Current: 3, Ready: 3 });
});

suite.test('website/pods/storage/pv-volume.yaml', 'PersistentVolume task-pv-volume is Available, 10Gi RWO, Retain, class manual', (t, cluster) => {
  applyClean(t, cluster, 'website/pods/storage/pv-volume.yaml');
  settle(cluster);
  t.like(rowOf(cluster, 'persistentvolumes', '', 'task-pv-volume'), {
    Status: 'Available',
    Capacity: '10Gi',
    'Access Modes': 'RWO',
    'Reclaim Policy': 'Retain',
    StorageClass: 'manual',
    Claim: '',
  });
});

suite.test('website/pods/storage/pv-claim.yaml', 'after pv-volume.yaml, task-pv-claim is Bound to task-pv-volume with 10Gi', (t, cluster) => {
  applyClean(t, cluster, 'website/pods/storage/pv-volume.yaml');
  settle(cluster);
  applyClean(t, cluster, 'website/pods/storage/pv-claim.yaml');
  settle(cluster);
  t.like(rowOf(cluster, 'persistentvolumeclaims', 'default', 'task-pv-claim'), {
    Status: 'Bound',
    Volume: 'task-pv-volume',
    Capacity: '10Gi',
    'Access Modes': 'RWO',
    StorageClass: 'manual',
  });
  t.like(rowOf(cluster, 'persistentvolumes', '', 'task-pv-volume'), { Status: 'Bound', Claim: 'default/task-pv-claim' });
});

suite.test('website/pods/storage/pv-claim.yaml', 'standalone, task-pv-claim stays Pending: nothing provisions class manual', (t, cluster) => {
  applyClean(t, cluster, 'website/pods/storage/pv-claim.yaml');
  settle(cluster);
  t.like(rowOf(cluster, 'persistentvolumeclaims', 'default', 'task-pv-claim'), { Status: 'Pending', Volume: '', Capacity: '' });
  t.deepEqual(eventMessages(cluster, 'task-pv-claim', 'ProvisioningFailed'), ['storageclass.storage.k8s.io "manual" not found']);
});

suite.test('website/pods/storage/pv-pod.yaml', 'after pv-volume.yaml and pv-claim.yaml, task-pv-pod runs 1/1', (t, cluster) => {
  for (const file of ['website/pods/storage/pv-volume.yaml', 'website/pods/storage/pv-claim.yaml', 'website/pods/storage/pv-pod.yaml']) {
    applyClean(t, cluster, file);
    settle(cluster);
  }
  t.is(podLine(cluster, 'task-pv-pod'), '1/1 Running 0');
});

suite.test('website/pods/storage/pv-pod.yaml', 'standalone, task-pv-pod stays Pending: persistentvolumeclaim "task-pv-claim" not found', (t, cluster) => {
  applyClean(t, cluster, 'website/pods/storage/pv-pod.yaml');
  settle(cluster);
  t.is(podLine(cluster, 'task-pv-pod'), '0/1 Pending 0');
  t.deepEqual(eventMessages(cluster, 'task-pv-pod', 'FailedScheduling'), [
    '0/4 nodes are available: persistentvolumeclaim "task-pv-claim" not found. preemption: 0/4 nodes are available: 4 Preemption is not helpful for scheduling.',
  ]);
});

suite.test('website/pods/private-reg-pod.yaml', 'is scheduled but never starts: InvalidImageName, Pending, 0/1', (t, cluster) => {
  applyClean(t, cluster, 'website/pods/private-reg-pod.yaml');
  settle(cluster);
  const pod = get(cluster, 'pods', 'default', 'private-reg');
  t.is(podLine(cluster, 'private-reg'), '0/1 InvalidImageName 0');
  t.is(field(pod, 'status.phase'), 'Pending');
  t.true(WORKERS.includes(String(field(pod, 'spec.nodeName'))));
  t.is(field(pod, 'status.containerStatuses.0.state.waiting.reason'), 'InvalidImageName');
});

suite.test('website/pods/pod-configmap-volume.yaml', 'after configmap/configmaps.yaml, dapi-test-pod lists the volume and Completes', (t, cluster) => {
  applyClean(t, cluster, 'website/configmap/configmaps.yaml');
  applyClean(t, cluster, 'website/pods/pod-configmap-volume.yaml');
  settle(cluster);
  t.is(podLine(cluster, 'dapi-test-pod'), '0/1 Completed 0');
  t.is(field(get(cluster, 'pods', 'default', 'dapi-test-pod'), 'status.phase'), 'Succeeded');
});

suite.test('website/pods/pod-configmap-volume.yaml', 'standalone, dapi-test-pod is stuck in ContainerCreating with FailedMount', (t, cluster) => {
  applyClean(t, cluster, 'website/pods/pod-configmap-volume.yaml');
  advanceTo(cluster, 120);
  t.is(podLine(cluster, 'dapi-test-pod'), '0/1 ContainerCreating 0');
  const mounts = eventMessages(cluster, 'dapi-test-pod', 'FailedMount');
  t.deepEqual([...new Set(mounts)], ['MountVolume.SetUp failed for volume "config-volume" : configmap "special-config" not found']);
});

suite.checkCoverage(['website/pods/']);
