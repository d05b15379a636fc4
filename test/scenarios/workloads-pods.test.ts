/**
 * Pods and the other workload kinds end to end: scheduling failures and node selectors,
 * DaemonSets and taints, StatefulSet ordering, a Job that completes, and the back-offs of a
 * crashing container and of a missing image, as kubectl shows them.
 */
import test from 'ava';
import type { JsonObject, KubeObject } from '../../src/api/types.js';
import {
  EventLog,
  PodWatch,
  WORKERS,
  columns,
  create,
  fullCluster,
  get,
  list,
  nodeOf,
  pod,
  podCondition,
  podName,
  podStatus,
  podTemplate,
  run,
} from './scenario-helpers.js';

const TAINTED = '1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }';

test('a pod that fits nowhere stays Pending with the scheduler\'s exact reason as event and condition', (t) => {
  const cluster = fullCluster(t);
  const events = new EventLog(cluster);
  create(cluster, 'pods', pod('huge', [{ name: 'app', image: 'nginx:1.27', resources: { requests: { cpu: '100' } } }]));
  cluster.clock.advance(60_000);

  const message =
    `0/4 nodes are available: ${TAINTED}, 3 Insufficient cpu. ` +
    'preemption: 0/4 nodes are available: 1 Preemption is not helpful for scheduling, 3 No preemption victims found for incoming pod.';
  const huge = get(cluster, 'pods', 'huge')!;
  t.is(podStatus(cluster, huge), 'Pending');
  t.is(nodeOf(huge), undefined);
  t.like(podCondition(huge, 'PodScheduled'), { status: 'False', reason: 'Unschedulable', message });
  t.like(events.about('Pod/huge')[0], { type: 'Warning', reason: 'FailedScheduling', component: 'default-scheduler', message });
});

test('a pod with nodeSelector disktype=ssd waits until node-2 is labelled, then runs there', (t) => {
  const cluster = fullCluster(t);
  const events = new EventLog(cluster);
  create(cluster, 'pods', pod('fast', [{ name: 'app', image: 'nginx:1.27' }], { nodeSelector: { disktype: 'ssd' } }));
  cluster.clock.advance(30_000);
  t.is(podStatus(cluster, get(cluster, 'pods', 'fast')!), 'Pending');
  t.is(
    events.about('Pod/fast')[0]?.message,
    `0/4 nodes are available: ${TAINTED}, 3 node(s) didn't match Pod's node affinity/selector. ` +
      'preemption: 0/4 nodes are available: 4 Preemption is not helpful for scheduling.',
  );

  t.is(run(cluster, 'label node/node-2 disktype=ssd'), 'node/node-2 labeled');
  cluster.clock.advance(10_000);
  const fast = get(cluster, 'pods', 'fast')!;
  t.is(nodeOf(fast), 'node-2');
  t.is(podStatus(cluster, fast), 'Running');
  t.like(events.about('Pod/fast')[1], { reason: 'Scheduled', message: 'Successfully assigned default/fast to node-2' });
});

function daemonSet(name: string, tolerateControlPlane: boolean): KubeObject {
  const tolerations = [{ key: 'node-role.kubernetes.io/control-plane', operator: 'Exists', effect: 'NoSchedule' }];
  return {
    apiVersion: 'apps/v1',
    kind: 'DaemonSet',
    metadata: { name },
    spec: {
      selector: { matchLabels: { app: name } },
      template: podTemplate(name, [{ name: 'agent', image: 'busybox:1.36', command: ['sleep', '3600'] }], tolerateControlPlane ? { tolerations } : {}),
    },
  };
}

test('a DaemonSet runs a pod on every worker but not on the tainted control-plane, unless it tolerates the taint', (t) => {
  const cluster = fullCluster(t);
  create(cluster, 'daemonsets', daemonSet('workers-only', false));
  create(cluster, 'daemonsets', daemonSet('everywhere', true));
  cluster.clock.advance(30_000);

  const nodesOf = (app: string): string[] => list(cluster, 'pods', 'default', `app=${app}`).map((p) => nodeOf(p)!).sort();
  t.deepEqual(nodesOf('workers-only'), WORKERS);
  t.deepEqual(nodesOf('everywhere'), ['control-plane', ...WORKERS]);
  t.true(list(cluster, 'pods').every((p) => podStatus(cluster, p) === 'Running'));
  t.like(columns(cluster, get(cluster, 'daemonsets', 'workers-only')!), { Desired: '3', Current: '3', Ready: '3', 'Up-to-date': '3', Available: '3' });
  t.like(columns(cluster, get(cluster, 'daemonsets', 'everywhere')!), { Desired: '4', Current: '4', Ready: '4', Available: '4' });
  for (const app of ['workers-only', 'everywhere']) {
    for (const p of list(cluster, 'pods', 'default', `app=${app}`)) t.regex(p.metadata.name!, podName(app));
  }
});

test('an OrderedReady StatefulSet creates web-1 only after web-0 is Running and Ready, and web-2 after web-1', (t) => {
  const cluster = fullCluster(t);
  const events = new EventLog(cluster);
  const watch = new PodWatch(cluster);
  create(cluster, 'statefulsets', {
    apiVersion: 'apps/v1',
    kind: 'StatefulSet',
    metadata: { name: 'web' },
    spec: { replicas: 3, serviceName: 'web', selector: { matchLabels: { app: 'web' } }, template: podTemplate('web', [{ name: 'nginx', image: 'nginx:1.27' }]) },
  });
  cluster.clock.advance(30_000);

  const added = (name: string): number => watch.changes.findIndex((c) => c.name === name && c.type === 'ADDED');
  const readyRunning = (name: string): number => watch.changes.findIndex((c) => c.name === name && c.ready && c.status === 'Running');
  t.true(readyRunning('web-0') >= 0 && readyRunning('web-0') < added('web-1'), 'web-1 after web-0 is Running and Ready');
  t.true(readyRunning('web-1') >= 0 && readyRunning('web-1') < added('web-2'), 'web-2 after web-1 is Running and Ready');
  t.deepEqual(watch.changes.filter((c) => c.type === 'ADDED').map((c) => c.name), ['web-0', 'web-1', 'web-2']);
  t.deepEqual(
    events.about('StatefulSet/web').map((e) => `${e.reason}: ${e.message}`),
    [0, 1, 2].map((i) => `SuccessfulCreate: create Pod web-${i} in StatefulSet web successful`),
  );
  t.is(columns(cluster, get(cluster, 'statefulsets', 'web')!)['Ready'], '3/3');
});

test('a Job running sleep 5 completes 1/1 about five seconds after its container started', (t) => {
  const cluster = fullCluster(t);
  const events = new EventLog(cluster);
  const watch = new PodWatch(cluster);
  create(cluster, 'jobs', {
    apiVersion: 'batch/v1',
    kind: 'Job',
    metadata: { name: 'nap' },
    spec: { template: { spec: { restartPolicy: 'Never', containers: [{ name: 'nap', image: 'busybox:1.36', command: ['sleep', '5'] }] } } },
  });
  cluster.clock.advance(30_000);

  const [p] = list(cluster, 'pods');
  const name = p!.metadata.name!;
  t.regex(name, podName('nap'));
  t.is(podStatus(cluster, p!), 'Completed');
  const started = watch.first(name, (c) => c.status === 'Running')!.atMs;
  const completed = watch.first(name, (c) => c.status === 'Completed')!.atMs;
  t.is(completed - started, 5_000);

  const job = get(cluster, 'jobs', 'nap')!;
  t.is(columns(cluster, job)['Completions'], '1/1');
  t.is(columns(cluster, job)['Status'], 'Complete');
  const status = job['status'] as { conditions: { type: string; status: string }[]; succeeded: number; completionTime: string };
  t.true(status.conditions.some((c) => c.type === 'Complete' && c.status === 'True'));
  t.is(status.succeeded, 1);
  const completion = events.about('Job/nap').find((e) => e.reason === 'Completed')!;
  t.is(completion.message, 'Job completed');
  const after = completion.atMs - started;
  t.true(after >= 5_000 && after < 7_000, `Job completed ${after} ms after its container started`);
});

test('a container that exits 1 goes to CrashLoopBackOff, restarting after back-offs of 10, 20 and 40 seconds', (t) => {
  const cluster = fullCluster(t);
  const events = new EventLog(cluster);
  const watch = new PodWatch(cluster);
  const crasher = create(cluster, 'pods', pod('crasher', [{ name: 'app', image: 'busybox:1.36', command: ['sh', '-c', 'exit 1'] }], { restartPolicy: 'Always' }));
  cluster.clock.advance(120_000);

  const restartedAt = [1, 2, 3, 4].map((n) => watch.first('crasher', (c) => c.restarts === n)!.atMs);
  const gaps = restartedAt.slice(1).map((at, i) => Math.floor((at - restartedAt[i]!) / 1000));
  t.deepEqual(gaps, [10, 20, 40], `restarts at ${restartedAt.join(', ')} ms`);
  t.is(podStatus(cluster, get(cluster, 'pods', 'crasher')!), 'CrashLoopBackOff');
  t.regex(columns(cluster, get(cluster, 'pods', 'crasher')!)['Restarts'] ?? '', /^4 \(\d+s ago\)$/);

  const backOff = events.about('Pod/crasher').filter((e) => e.reason === 'BackOff');
  t.true(backOff.length > 0);
  t.like(backOff[0], {
    type: 'Warning',
    component: 'kubelet',
    message: `Back-off restarting failed container app in pod crasher_default(${crasher.metadata.uid})`,
  });
  const waiting = (get(cluster, 'pods', 'crasher')!['status'] as { containerStatuses: { state: { waiting?: { message?: string } } }[] })
    .containerStatuses[0]!.state.waiting;
  t.is(waiting?.message, `back-off 1m20s restarting failed container=app pod=crasher_default(${crasher.metadata.uid})`);
});

test('a missing image goes ErrImagePull then ImagePullBackOff, and an invalid one shows InvalidImageName', (t) => {
  const cluster = fullCluster(t);
  const events = new EventLog(cluster);
  const watch = new PodWatch(cluster);
  create(cluster, 'pods', pod('missing', [{ name: 'app', image: 'nginx:does-not-exist' }]));
  create(cluster, 'pods', pod('invalid', [{ name: 'app', image: 'Nginx:Latest!' }]));
  cluster.clock.advance(30_000);

  const statuses = [...new Set(watch.of('missing').map((c) => c.status))];
  t.deepEqual(statuses, ['Pending', 'ContainerCreating', 'ErrImagePull', 'ImagePullBackOff']);
  const notFound =
    'rpc error: code = NotFound desc = failed to pull and unpack image "docker.io/library/nginx:does-not-exist": ' +
    'failed to resolve reference "docker.io/library/nginx:does-not-exist": docker.io/library/nginx:does-not-exist: not found';
  t.deepEqual(events.lines('Pod/missing').slice(1, 6), [
    'Pulling: Pulling image "nginx:does-not-exist"',
    `Failed: Failed to pull image "nginx:does-not-exist": ${notFound}`,
    'Failed: Error: ErrImagePull',
    'BackOff: Back-off pulling image "nginx:does-not-exist"',
    'Failed: Error: ImagePullBackOff',
  ]);
  const missing = get(cluster, 'pods', 'missing')!;
  const waiting = (missing['status'] as { containerStatuses: { state: { waiting?: JsonObject } }[] }).containerStatuses[0]!.state.waiting;
  t.deepEqual(waiting, { reason: 'ImagePullBackOff', message: `Back-off pulling image "nginx:does-not-exist": ErrImagePull: ${notFound}` });

  t.is(podStatus(cluster, get(cluster, 'pods', 'invalid')!), 'InvalidImageName');
  t.deepEqual(events.lines('Pod/invalid').slice(1), [
    'InspectFailed: Failed to apply default image tag "Nginx:Latest!": couldn\'t parse image name "Nginx:Latest!": ' +
      'invalid reference format: repository name (library/Nginx) must be lowercase',
    'Failed: Error: InvalidImageName',
  ]);
});
