import test from 'ava';
import { harness, NODE, statusOf } from './harness.js';

const nginx = { containers: [{ name: 'nginx', image: 'nginx:1.27' }] };

function containerStatus(pod: ReturnType<typeof statusOf>, i = 0): Record<string, any> {
  return pod['containerStatuses']?.[i] ?? {};
}

function condition(status: Record<string, any>, type: string): Record<string, any> | undefined {
  return (status['conditions'] as Record<string, any>[] | undefined)?.find((c) => c['type'] === type);
}

test('a pod bound to the node goes ContainerCreating, then Running and Ready, with the kubelet events in order', (t) => {
  const h = harness();
  h.createPod('web', nginx);
  h.advance(100);
  t.is(h.status('web'), 'ContainerCreating');
  const creating = statusOf(h.pod('web'));
  t.is(creating['phase'], 'Pending');
  t.is(creating['hostIP'], '172.18.0.3');
  t.is(creating['podIP'], undefined);
  t.deepEqual(containerStatus(creating)['state'], { waiting: { reason: 'ContainerCreating' } });
  t.is(condition(creating, 'PodReadyToStartContainers')?.['status'], 'False');

  h.advance(10_000);
  t.is(h.status('web'), 'Running');
  const running = statusOf(h.pod('web'));
  t.is(running['phase'], 'Running');
  t.is(running['podIP'], '10.244.1.2');
  t.deepEqual(running['podIPs'], [{ ip: '10.244.1.2' }]);
  t.is(condition(running, 'Ready')?.['status'], 'True');
  t.is(condition(running, 'ContainersReady')?.['status'], 'True');
  t.deepEqual(
    running['conditions'].map((c: Record<string, string>) => c['type']),
    ['PodReadyToStartContainers', 'Initialized', 'Ready', 'ContainersReady', 'PodScheduled'],
  );
  const nginxStatus = containerStatus(running);
  t.true(nginxStatus['ready']);
  t.true(nginxStatus['started']);
  t.is(nginxStatus['image'], 'docker.io/library/nginx:1.27');
  t.regex(nginxStatus['imageID'], /^docker\.io\/library\/nginx@sha256:[0-9a-f]{64}$/);
  t.regex(nginxStatus['containerID'], /^containerd:\/\/[0-9a-f]{64}$/);

  const events = h.events('web');
  t.is(events.length, 4);
  t.is(events[0], 'Pulling: Pulling image "nginx:1.27"');
  t.regex(events[1]!, /^Pulled: Successfully pulled image "nginx:1\.27" in [\d.]+m?s \([\d.]+m?s including waiting\)\. Image size: \d+ bytes\.$/);
  t.deepEqual(events.slice(2), ['Created: Created container: nginx', 'Started: Started container nginx']);
  const started = h.eventObjects('web')[3]!;
  t.is((started['involvedObject'] as Record<string, string>)['fieldPath'], 'spec.containers{nginx}');
  t.deepEqual(started['source'], { component: 'kubelet', host: NODE });
});

test('a second pod on the node finds the image already present', (t) => {
  const h = harness();
  h.createPod('one', nginx);
  h.advance(10_000);
  h.createPod('two', nginx);
  h.advance(10_000);
  t.deepEqual(h.events('two'), [
    'Pulled: Container image "nginx:1.27" already present on machine',
    'Created: Created container: nginx',
    'Started: Started container nginx',
  ]);
  t.is(statusOf(h.pod('two'))['podIP'], '10.244.1.3');
});

test('pods of one image queued together pull once in full and wait for each other', (t) => {
  const h = harness();
  h.createPod('a', nginx);
  h.createPod('b', nginx);
  h.advance(20_000);
  const pulledA = h.events('a')[1]!;
  const pulledB = h.events('b')[1]!;
  const seconds = (text: string, at: number): number => Number(/([\d.]+)(m?s)/g.exec(text.split(' in ')[1]!.split(' (')[at === 0 ? 0 : 1]!)![1]);
  t.regex(pulledB, /in \d+ms \([\d.]+s including waiting\)/);
  t.true(seconds(pulledB, 1) > seconds(pulledA, 0));
  t.is(h.status('a'), 'Running');
  t.is(h.status('b'), 'Running');
});

test('sleep 5 with restartPolicy Never ends Succeeded and prints Completed', (t) => {
  const h = harness();
  h.createPod('job', { restartPolicy: 'Never', containers: [{ name: 'c', image: 'busybox:1.36', command: ['sleep', '5'] }] });
  h.advance(3_000);
  t.is(h.status('job'), 'Running');
  h.advance(5_000);
  const status = statusOf(h.pod('job'));
  t.is(status['phase'], 'Succeeded');
  t.is(h.status('job'), 'Completed');
  t.like(containerStatus(status)['state']['terminated'], { exitCode: 0, reason: 'Completed' });
  t.like(condition(status, 'Ready'), { status: 'False', reason: 'PodCompleted' });
  t.is(status['podIP'], '10.244.1.2');
  t.is(h.kubelet.pods()[0]?.state, 'succeeded');
});

test('exit 1 with restartPolicy Always backs off 10, 20 and 40 seconds in CrashLoopBackOff', (t) => {
  const h = harness();
  h.createPod('crash', { containers: [{ name: 'c', image: 'busybox:1.36', command: ['sh', '-c', 'exit 1'] }] });
  const seen: string[] = [];
  let last = '';
  for (let i = 0; i < 90; i++) {
    h.advance(1_000);
    const waiting = containerStatus(statusOf(h.pod('crash')))['state']?.['waiting']?.['message'] as string | undefined;
    const line = waiting === undefined ? h.status('crash') : waiting.split(' restarting')[0]!;
    if (line !== last) seen.push(line);
    last = line;
  }
  t.deepEqual(seen.filter((s) => s.startsWith('back-off')), ['back-off 10s', 'back-off 20s', 'back-off 40s', 'back-off 1m20s']);
  t.is(h.status('crash'), 'CrashLoopBackOff');
  const status = statusOf(h.pod('crash'));
  const c = containerStatus(status);
  t.is(c['restartCount'], 4);
  t.like(c['lastState']['terminated'], { exitCode: 1, reason: 'Error' });
  t.regex(c['state']['waiting']['message'], /^back-off 1m20s restarting failed container=c pod=crash_default\([0-9a-f-]{36}\)$/);
  t.is(status['phase'], 'Running');
  t.true(h.events('crash').some((e) => /^BackOff: Back-off restarting failed container c in pod crash_default\(/.test(e)));
  t.is(h.kubelet.pods()[0]?.state, 'crashLoopBackOff');
});

test('an image the registry does not have goes ErrImagePull, then ImagePullBackOff', (t) => {
  const h = harness();
  h.createPod('bad', { containers: [{ name: 'c', image: 'nginx:does-not-exist' }] });
  h.advance(1_700);
  t.is(h.status('bad'), 'ErrImagePull');
  h.advance(1_000);
  t.is(h.status('bad'), 'ImagePullBackOff');
  const waiting = containerStatus(statusOf(h.pod('bad')))['state']['waiting'];
  t.is(waiting['reason'], 'ImagePullBackOff');
  t.regex(waiting['message'], /^Back-off pulling image "nginx:does-not-exist": ErrImagePull: rpc error: code = NotFound desc = failed to pull and unpack image/);
  const events = h.events('bad');
  t.is(events[0], 'Pulling: Pulling image "nginx:does-not-exist"');
  t.regex(events[1]!, /^Failed: Failed to pull image "nginx:does-not-exist": /);
  t.deepEqual(events.slice(2), ['Failed: Error: ErrImagePull', 'BackOff: Back-off pulling image "nginx:does-not-exist"', 'Failed: Error: ImagePullBackOff']);
  t.is(h.kubelet.pods()[0]?.state, 'waiting.pullBackOff');
});

test('an invalid image name is InvalidImageName and is never pulled', (t) => {
  const h = harness();
  h.createPod('invalid', { containers: [{ name: 'c', image: 'Nginx:UPPER' }] });
  h.advance(60_000);
  t.is(h.status('invalid'), 'InvalidImageName');
  t.deepEqual(h.events('invalid'), [
    'InspectFailed: Failed to apply default image tag "Nginx:UPPER": couldn\'t parse image name "Nginx:UPPER": invalid reference format: repository name (library/Nginx) must be lowercase',
    'Failed: Error: InvalidImageName',
  ]);
});

test('imagePullPolicy Never without the image is ErrImageNeverPull', (t) => {
  const h = harness();
  h.createPod('never', { containers: [{ name: 'c', image: 'nginx:1.27', imagePullPolicy: 'Never' }] });
  h.advance(2_000);
  t.is(h.status('never'), 'ErrImageNeverPull');
  t.deepEqual(h.events('never').slice(0, 2), [
    'ErrImageNeverPull: Container image "nginx:1.27" is not present with pull policy of Never',
    'Failed: Error: ErrImageNeverPull',
  ]);
});

test('init containers run first: Init:0/1, then PodInitializing, then Running', (t) => {
  const h = harness();
  h.createPod('init', {
    initContainers: [{ name: 'setup', image: 'busybox:1.36', command: ['sh', '-c', 'sleep 3'] }],
    containers: [{ name: 'app', image: 'nginx:1.27' }],
  });
  const seen: string[] = [];
  for (let i = 0; i < 40; i++) {
    h.advance(250);
    const s = h.status('init');
    if (seen[seen.length - 1] !== s) seen.push(s);
  }
  t.deepEqual(seen, ['Init:0/1', 'PodInitializing', 'Running']);
  const status = statusOf(h.pod('init'));
  t.like(status['initContainerStatuses'][0], { name: 'setup', ready: true, started: false, state: { terminated: { exitCode: 0, reason: 'Completed' } } });
  t.like(condition(status, 'Initialized'), { status: 'True' });
});

test('a native sidecar starts before the next init container and keeps running', (t) => {
  const h = harness();
  h.createPod('sidecar', {
    initContainers: [
      { name: 'proxy', image: 'nginx:1.27', restartPolicy: 'Always' },
      { name: 'migrate', image: 'busybox:1.36', command: ['sh', '-c', 'sleep 2'] },
    ],
    containers: [{ name: 'app', image: 'busybox:1.36', command: ['sleep', '3600'] }],
  });
  h.advance(5_000);
  t.is(h.status('sidecar'), 'Init:1/2');
  h.advance(10_000);
  t.is(h.status('sidecar'), 'Running');
  const status = statusOf(h.pod('sidecar'));
  t.like(status['initContainerStatuses'][0], { name: 'proxy', ready: true, started: true });
  t.truthy(status['initContainerStatuses'][0]['state']['running']);
  t.like(condition(status, 'ContainersReady'), { status: 'True' });
});

test('a readiness probe holds Ready back until it passes', (t) => {
  const h = harness();
  h.createPod('probe', {
    containers: [{ name: 'web', image: 'nginx:1.27', readinessProbe: { httpGet: { path: '/', port: 80 }, initialDelaySeconds: 5, periodSeconds: 10 } }],
  });
  h.advance(4_000);
  const before = statusOf(h.pod('probe'));
  t.is(h.status('probe'), 'Running');
  t.like(condition(before, 'Ready'), { status: 'False', reason: 'ContainersNotReady', message: 'containers with unready status: [web]' });
  t.false(containerStatus(before)['ready']);
  t.is(h.kubelet.pods()[0]?.state, 'running.starting');
  h.advance(6_000);
  t.like(condition(statusOf(h.pod('probe')), 'Ready'), { status: 'True' });
  t.is(h.kubelet.pods()[0]?.state, 'running.ready');
});

test('a failing liveness probe gets the container killed and restarted', (t) => {
  const h = harness();
  h.createPod(
    'live',
    { containers: [{ name: 'web', image: 'nginx:1.27', livenessProbe: { httpGet: { path: '/', port: 80 }, periodSeconds: 5, failureThreshold: 2 } }] },
    { annotations: { 'playground.k8s.io/liveness': 'fail' } },
  );
  h.advance(30_000);
  const events = h.events('live');
  t.true(events.some((e) => e.startsWith('Unhealthy: Liveness probe failed: ')));
  t.true(events.includes('Killing: Container web failed liveness probe, will be restarted'));
  t.true(containerStatus(statusOf(h.pod('live')))['restartCount'] >= 1);
});

test('graceful deletion stops the containers and deletes the object after the grace period', (t) => {
  const h = harness();
  h.createPod('bye', { containers: [{ name: 'c', image: 'busybox:1.36', command: ['sleep', '3600'] }] });
  h.advance(5_000);
  t.true(h.cluster.api.delete('pods', 'default', 'bye').ok);
  h.advance(1_000);
  t.is(h.status('bye'), 'Terminating');
  t.is(h.kubelet.pods()[0]?.state, 'terminating');
  t.true(h.events('bye').includes('Killing: Stopping container c'));
  h.advance(28_000);
  t.is(h.status('bye'), 'Terminating');
  h.advance(2_000);
  t.is(h.pod('bye'), undefined);
  t.deepEqual(h.kubelet.pods(), []);
});

test('a second delete with a shorter grace period kills the containers sooner', (t) => {
  const h = harness();
  h.createPod('slow', { containers: [{ name: 'c', image: 'busybox:1.36', command: ['sleep', '3600'] }] });
  h.advance(5_000);
  h.cluster.api.delete('pods', 'default', 'slow');
  h.advance(1_000);
  h.cluster.api.delete('pods', 'default', 'slow', { gracePeriodSeconds: 3 });
  h.advance(4_000);
  t.is(h.pod('slow'), undefined);
});

test('a container that handles SIGTERM is gone before the grace period ends', (t) => {
  const h = harness();
  h.createPod('quick', nginx);
  h.advance(5_000);
  h.cluster.api.delete('pods', 'default', 'quick');
  h.advance(5_000);
  t.is(h.pod('quick'), undefined);
});

test('a volume whose ConfigMap is missing keeps the pod ContainerCreating until it exists', (t) => {
  const h = harness();
  h.createPod('mount', { containers: [{ name: 'c', image: 'nginx:1.27' }], volumes: [{ name: 'config', configMap: { name: 'app-config' } }] });
  h.advance(5_000);
  t.is(h.status('mount'), 'ContainerCreating');
  t.is(h.events('mount')[0], 'FailedMount: MountVolume.SetUp failed for volume "config" : configmap "app-config" not found');
  t.is(h.kubelet.pods()[0]?.state, 'waiting.mounting');
  h.cluster.api.create('configmaps', 'default', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'app-config' }, data: { a: 'b' } });
  h.advance(20_000);
  t.is(h.status('mount'), 'Running');
});

test('an env var from a missing Secret is CreateContainerConfigError', (t) => {
  const h = harness();
  h.createPod('env', {
    containers: [{ name: 'c', image: 'nginx:1.27', env: [{ name: 'TOKEN', valueFrom: { secretKeyRef: { name: 'hf-secret', key: 'token' } } }] }],
  });
  h.advance(5_000);
  t.is(h.status('env'), 'CreateContainerConfigError');
  t.deepEqual(containerStatus(statusOf(h.pod('env')))['state'], {
    waiting: { reason: 'CreateContainerConfigError', message: 'secret "hf-secret" not found' },
  });
  t.true(h.events('env').includes('Failed: Error: secret "hf-secret" not found'));
  h.cluster.api.create('secrets', 'default', { apiVersion: 'v1', kind: 'Secret', metadata: { name: 'hf-secret' }, data: { token: 'eA==' } });
  h.advance(10_000);
  t.is(h.status('env'), 'Running');
});

test('status changes made in one tick reach the API server as one write', (t) => {
  const h = harness();
  const versions: string[] = [];
  h.cluster.api.watch('pods', 'default', {}, (event) => {
    if (event.type === 'MODIFIED') versions.push((event.object as { metadata: { resourceVersion: string } }).metadata.resourceVersion);
  });
  h.createPod('one', nginx);
  h.advance(10_000);
  t.is(versions.length, 2); // Pending/ContainerCreating, then Running/Ready
  h.advance(60_000);
  t.is(versions.length, 2);
});
