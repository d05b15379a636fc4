import test from 'ava';
import type { KubeObject } from '../../src/api/types.js';
import { harness, NODE, statusOf } from './harness.js';

function node(h: ReturnType<typeof harness>): KubeObject {
  const got = h.cluster.api.get('nodes', '', NODE);
  if (!got.ok) throw new Error(got.status.message);
  return got.value;
}

function lease(h: ReturnType<typeof harness>): KubeObject | undefined {
  const got = h.cluster.api.get('leases', 'kube-node-lease', NODE);
  return got.ok ? got.value : undefined;
}

const nginx = { containers: [{ name: 'nginx', image: 'nginx:1.27' }] };

test('a kubelet registers its Node with the status of a kind node', (t) => {
  const h = harness();
  t.is(h.kubelet.name, `kubelet/${NODE}`);
  t.is(h.kubelet.state, 'ready');
  const n = node(h);
  t.like(n.metadata.labels, { 'kubernetes.io/hostname': NODE, 'kubernetes.io/os': 'linux', 'kubernetes.io/arch': 'amd64' });
  const status = statusOf(n);
  t.deepEqual(status['capacity'], status['allocatable']);
  t.like(status['capacity'], { cpu: '8', memory: '32Gi', pods: '110', 'ephemeral-storage': '100Gi' });
  t.deepEqual(
    status['conditions'].map((c: Record<string, string>) => [c['type'], c['status'], c['reason'], c['message']]),
    [
      ['MemoryPressure', 'False', 'KubeletHasSufficientMemory', 'kubelet has sufficient memory available'],
      ['DiskPressure', 'False', 'KubeletHasNoDiskPressure', 'kubelet has no disk pressure'],
      ['PIDPressure', 'False', 'KubeletHasSufficientPID', 'kubelet has sufficient PID available'],
      ['Ready', 'True', 'KubeletReady', 'kubelet is posting ready status'],
    ],
  );
  t.deepEqual(status['addresses'], [
    { type: 'InternalIP', address: '172.18.0.3' },
    { type: 'Hostname', address: NODE },
  ]);
  t.like(status['nodeInfo'], { kubeletVersion: 'v1.32.0', containerRuntimeVersion: 'containerd://1.7.24', operatingSystem: 'linux', architecture: 'amd64' });
  t.deepEqual(status['daemonEndpoints'], { kubeletEndpoint: { Port: 10250 } });
  t.deepEqual((n['spec'] as Record<string, unknown>)['podCIDRs'], ['10.244.1.0/24']);
});

test('the kubelet records Starting and the condition events on its Node', (t) => {
  const h = harness();
  t.deepEqual(h.events(NODE), [
    'Starting: Starting kubelet.',
    'NodeAllocatableEnforced: Updated Node Allocatable limit across pods',
    `NodeHasSufficientMemory: Node ${NODE} status is now: NodeHasSufficientMemory`,
    `NodeHasNoDiskPressure: Node ${NODE} status is now: NodeHasNoDiskPressure`,
    `NodeHasSufficientPID: Node ${NODE} status is now: NodeHasSufficientPID`,
    `NodeReady: Node ${NODE} status is now: NodeReady`,
  ]);
  t.like(h.eventObjects(NODE)[0]!['involvedObject'], { kind: 'Node', name: NODE, uid: NODE });
});

test('the node Lease is held by the node and renewed every 10 seconds', (t) => {
  const h = harness();
  h.advance(1);
  const first = lease(h)!;
  t.like(first['spec'], { holderIdentity: NODE, leaseDurationSeconds: 40, renewTime: '2025-01-01T00:00:00.000000Z' });
  t.like(first.metadata.ownerReferences?.[0], { apiVersion: 'v1', kind: 'Node', name: NODE, uid: node(h).metadata.uid });
  h.advance(10_000);
  t.is((lease(h)!['spec'] as Record<string, string>)['renewTime'], '2025-01-01T00:00:10.000000Z');
});

test('the node status is posted only when it changes, or every 5 minutes', (t) => {
  const h = harness();
  const registered = node(h).metadata.resourceVersion;
  h.advance(60_000);
  t.is(node(h).metadata.resourceVersion, registered);
  h.createPod('web', nginx);
  h.advance(10_000);
  const images = statusOf(node(h))['images'] as { names: string[]; sizeBytes: number }[];
  t.is(images.length, 1);
  t.is(images[0]!.names[1], 'docker.io/library/nginx:1.27');
  t.regex(images[0]!.names[0]!, /^docker\.io\/library\/nginx@sha256:/);
  const withImage = node(h).metadata.resourceVersion;
  h.advance(200_000);
  t.is(node(h).metadata.resourceVersion, withImage);
  h.advance(120_000);
  t.not(node(h).metadata.resourceVersion, withImage);
  const ready = statusOf(node(h))['conditions'][3];
  t.not(ready['lastHeartbeatTime'], ready['lastTransitionTime']);
});

test('a kubelet whose Node already exists re-uses it', (t) => {
  const h = harness({ stopped: true });
  h.cluster.api.create('nodes', '', { apiVersion: 'v1', kind: 'Node', metadata: { name: NODE, labels: { team: 'a' } } });
  const uid = node(h).metadata.uid;
  h.kubelet.start();
  t.is(h.kubelet.state, 'ready');
  t.is(node(h).metadata.uid, uid);
  t.like(statusOf(node(h))['nodeInfo'], { kubeletVersion: 'v1.32.0' });
  t.like(node(h).metadata.labels, { team: 'a', 'kubernetes.io/hostname': NODE, 'kubernetes.io/os': 'linux' });
});

test('pods wait in ContainerCreating until the node has a podCIDR', (t) => {
  const h = harness({ podCIDR: null });
  h.createPod('web', nginx);
  h.advance(30_000);
  t.is(h.status('web'), 'ContainerCreating');
  t.is(h.kubelet.pods()[0]?.state, 'waiting.network');
  t.regex(h.events('web')[0]!, /^NetworkNotReady: network is not ready: container runtime network not ready: NetworkReady=false/);
  h.cluster.api.patch('nodes', '', NODE, 'merge', { spec: { podCIDR: '10.244.5.0/24', podCIDRs: ['10.244.5.0/24'] } });
  h.advance(10_000);
  t.is(h.status('web'), 'Running');
  t.is(statusOf(h.pod('web'))['podIP'], '10.244.5.2');
});

test('pod IPs are the lowest free addresses of the podCIDR and are released with their pods', (t) => {
  const h = harness();
  for (const name of ['a', 'b', 'c']) h.createPod(name, nginx);
  h.advance(15_000);
  t.deepEqual(['a', 'b', 'c'].map((n) => statusOf(h.pod(n))['podIP']), ['10.244.1.2', '10.244.1.3', '10.244.1.4']);
  h.cluster.api.delete('pods', 'default', 'b');
  h.advance(35_000);
  h.createPod('d', nginx);
  h.advance(5_000);
  t.is(statusOf(h.pod('d'))['podIP'], '10.244.1.3');
});

test('a host-network pod uses the node IP', (t) => {
  const h = harness({ podCIDR: null });
  h.createPod('host', { hostNetwork: true, containers: [{ name: 'c', image: 'nginx:1.27' }] });
  h.advance(10_000);
  t.is(h.status('host'), 'Running');
  t.is(statusOf(h.pod('host'))['podIP'], '172.18.0.3');
});

test('a stopped kubelet writes nothing and, restarted, re-adopts the containers still running', (t) => {
  const h = harness();
  h.createPod('web', nginx);
  h.advance(10_000);
  const before = h.pod('web')!;
  const containerID = statusOf(before)['containerStatuses'][0]['containerID'];
  const eventCount = h.events('web').length;
  h.kubelet.stop();
  t.is(h.kubelet.state, 'stopped');
  t.deepEqual(h.kubelet.pods(), []);
  const renewed = (lease(h)!['spec'] as Record<string, string>)['renewTime'];
  h.advance(60_000);
  t.is((lease(h)!['spec'] as Record<string, string>)['renewTime'], renewed);
  t.is(h.pod('web')!.metadata.resourceVersion, before.metadata.resourceVersion);
  h.kubelet.start();
  h.advance(5_000);
  t.is(h.kubelet.state, 'ready');
  const after = statusOf(h.pod('web'));
  t.is(after['containerStatuses'][0]['containerID'], containerID);
  t.is(after['containerStatuses'][0]['restartCount'], 0);
  t.is(h.status('web'), 'Running');
  t.is(h.events('web').length, eventCount);
  t.is(h.kubelet.pods()[0]?.state, 'running.ready');
});

test('a container that exits while the kubelet is down is restarted when it comes back', (t) => {
  const h = harness();
  h.createPod('short', { containers: [{ name: 'c', image: 'busybox:1.36', command: ['sh', '-c', 'sleep 20; exit 3'] }] });
  h.advance(5_000);
  h.kubelet.stop();
  h.advance(60_000);
  t.is(h.status('short'), 'Running');
  h.kubelet.start();
  h.advance(2_000);
  const c = statusOf(h.pod('short'))['containerStatuses'][0];
  t.is(c['restartCount'], 1);
  t.like(c['lastState']['terminated'], { exitCode: 3, reason: 'Error' });
});

test('the dashboard sees the pod actors and the image cache', (t) => {
  const h = harness();
  const pod = h.createPod('web', nginx);
  h.advance(10_000);
  t.deepEqual(h.kubelet.pods(), [{ uid: pod.metadata.uid!, namespace: 'default', name: 'web', state: 'running.ready' }]);
  t.deepEqual(
    h.kubelet.cachedImages().map((i) => i.imageRef),
    ['docker.io/library/nginx:1.27'],
  );
  t.true(h.kubelet.statusWrites >= 2);
});

test('a kubelet that cannot reach the API server is not-ready and catches up once it can', (t) => {
  const h = harness();
  h.createPod('web', nginx);
  h.advance(2_000);
  h.cluster.etcd.stop();
  h.advance(20_000);
  t.is(h.kubelet.state, 'not-ready');
  h.cluster.etcd.start();
  h.advance(30_000);
  t.is(h.kubelet.state, 'ready');
  t.is(h.status('web'), 'Running');
});
