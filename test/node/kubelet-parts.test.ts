import test from 'ava';
import { Backoff } from '../../src/node/backoff.js';
import { HostLocalIpam, parseIpv4Cidr } from '../../src/node/ipam.js';
import { goDuration } from '../../src/node/kubelet-events.js';
import { containersReadyCondition, podInitializedCondition, podPhase } from '../../src/node/pod-phase.js';
import type { ContainerStatus, PodStatus } from '../../src/node/pod-types.js';
import { computePodActions } from '../../src/node/pod-actions.js';
import { newContainerRecord, stopContainer, type ContainerHistory } from '../../src/node/container-store.js';
import { ImageStore } from '../../src/node/image-store.js';
import { mergePodStatus } from '../../src/node/status-manager.js';
import { nodeConditions, sameBesidesHeartbeats, withoutHeartbeats } from '../../src/node/node-status.js';
import { jsonEqual } from '../../src/api/equal.js';
import type { JsonObject } from '../../src/api/types.js';
import { assemblePodStatus, type PodStatusInputs } from '../../src/node/pod-status.js';

function running(name: string, extra: Partial<ContainerStatus> = {}): ContainerStatus {
  return { name, state: { running: { startedAt: 'x' } }, lastState: {}, ready: true, restartCount: 0, image: '', imageID: '', started: true, ...extra };
}

function exited(name: string, exitCode: number): ContainerStatus {
  return {
    name,
    state: { terminated: { exitCode, startedAt: 'x', finishedAt: 'y', containerID: 'c' } },
    lastState: {},
    ready: false,
    restartCount: 0,
    image: '',
    imageID: '',
    started: false,
  };
}

test('goDuration prints durations as Go does', (t) => {
  t.deepEqual([0, 350, 1000, 2345, 60_000, 80_000, 300_000, 3_600_000, 61_500].map(goDuration), [
    '0s',
    '350ms',
    '1s',
    '2.345s',
    '1m0s',
    '1m20s',
    '5m0s',
    '1h0m0s',
    '1m1.5s',
  ]);
});

test('a back-off doubles up to its cap and resets after twice the cap without failures', (t) => {
  const backoff = new Backoff(10_000, 300_000);
  const delays: number[] = [];
  for (let i = 0; i < 7; i++) {
    backoff.next('k', i);
    delays.push(backoff.get('k'));
  }
  t.deepEqual(delays, [10_000, 20_000, 40_000, 80_000, 160_000, 300_000, 300_000]);
  t.true(backoff.isInBackOffSince('k', 100, 200));
  t.false(backoff.isInBackOffSince('k', 100, 700_000));
  backoff.next('k', 700_000);
  t.is(backoff.get('k'), 10_000);
});

test('host-local IPAM hands out the lowest free address and skips network, gateway and broadcast', (t) => {
  const ipam = new HostLocalIpam();
  t.is(ipam.allocate('a'), undefined);
  ipam.setPodCIDR('10.244.3.0/30');
  t.deepEqual(parseIpv4Cidr('10.244.3.7/30'), parseIpv4Cidr('10.244.3.4/30'));
  t.is(ipam.allocate('a'), '10.244.3.2');
  t.is(ipam.allocate('a'), '10.244.3.2');
  t.is(ipam.allocate('b'), undefined);
  ipam.release('a');
  t.is(ipam.allocate('b'), '10.244.3.2');
});

test('the pod phase follows getPhase', (t) => {
  const spec = { restartPolicy: 'Always', containers: [{ name: 'a' }, { name: 'b' }] };
  t.is(podPhase(spec, [], false), 'Pending');
  t.is(podPhase(spec, [running('a'), running('b')], false), 'Running');
  t.is(podPhase(spec, [exited('a', 0), exited('b', 1)], false), 'Running');
  t.is(podPhase({ ...spec, restartPolicy: 'Never' }, [exited('a', 0), exited('b', 1)], false), 'Failed');
  t.is(podPhase({ ...spec, restartPolicy: 'OnFailure' }, [exited('a', 0), exited('b', 0)], false), 'Succeeded');
  t.is(podPhase(spec, [exited('a', 0), exited('b', 0)], true), 'Succeeded');
  const init = { restartPolicy: 'Never', initContainers: [{ name: 'i' }], containers: [{ name: 'a' }] };
  t.is(podPhase(init, [exited('i', 1)], false), 'Failed');
  t.is(podPhase(init, [running('i')], false), 'Pending');
});

test('the ContainersReady and Initialized conditions carry the kubelet reasons', (t) => {
  const spec = { containers: [{ name: 'a' }, { name: 'b' }], initContainers: [{ name: 'i' }] };
  t.like(containersReadyCondition(spec, [running('a'), running('b', { ready: false })], 'Running'), {
    status: 'False',
    reason: 'ContainersNotReady',
    message: 'containers with unready status: [b]',
  });
  t.like(containersReadyCondition(spec, [running('a')], 'Running'), { message: 'containers with unknown status: [b]' });
  t.like(podInitializedCondition(spec, [running('i', { ready: false })], 'Pending'), {
    status: 'False',
    reason: 'ContainersNotInitialized',
    message: 'containers with incomplete status: [i]',
  });
});

test('computePodActions starts init containers one at a time, then every regular container', (t) => {
  const histories = new Map<string, ContainerHistory>();
  const source = {
    pod: { spec: { restartPolicy: 'Always', initContainers: [{ name: 'i1' }, { name: 'i2' }], containers: [{ name: 'a' }, { name: 'b' }] } },
    history: (name: string) => histories.get(name),
    isStarted: () => true,
  };
  t.deepEqual(computePodActions(source, 0).toStart, ['i1']);
  histories.set('i1', { current: newContainerRecord('1', 'i1', '', '', 0, { exitAfterMs: 5, exitCode: 0 }, 0), previous: undefined });
  t.deepEqual(computePodActions(source, 1).toStart, []);
  t.deepEqual(computePodActions(source, 10).toStart, ['i2']);
  histories.set('i2', { current: newContainerRecord('2', 'i2', '', '', 0, { exitAfterMs: 0, exitCode: 0 }, 10), previous: undefined });
  t.deepEqual(computePodActions(source, 10).toStart, ['a', 'b']);
});

test('a container that handles SIGTERM exits 0; one that ignores it is killed at the end of the grace period', (t) => {
  const graceful = newContainerRecord('1', 'a', '', '', 0, { stopAfterSigtermMs: 100 }, 0);
  stopContainer(graceful, 1_000, 30_000);
  t.like(graceful, { exitAt: 1_100, exitCode: 0, reason: 'Completed' });
  const stubborn = newContainerRecord('2', 'b', '', '', 0, {}, 0);
  stopContainer(stubborn, 1_000, 30_000);
  t.like(stubborn, { exitAt: 31_000, exitCode: 137, reason: 'Error' });
});

test('serialised pulls wait for each other and a queued image is only re-resolved', (t) => {
  const images = new ImageStore(true);
  t.deepEqual(images.schedulePull('docker.io/library/nginx:1.27', 3_000, 300, 0), { startAt: 0, finishAt: 3_000 });
  t.deepEqual(images.schedulePull('docker.io/library/nginx:1.27', 3_000, 300, 100), { startAt: 3_000, finishAt: 3_300 });
  t.deepEqual(images.schedulePull('docker.io/library/redis:7', 2_000, 300, 200), { startAt: 3_300, finishAt: 5_300 });
});

test('the status manager keeps the conditions other components own', (t) => {
  const ours = { phase: 'Running', conditions: [{ type: 'Ready', status: 'True', lastProbeTime: null, lastTransitionTime: 't' }], containerStatuses: [] } as PodStatus;
  const live = { conditions: [{ type: 'DisruptionTarget', status: 'True', lastProbeTime: null, lastTransitionTime: 'u' }] } as Partial<PodStatus>;
  t.deepEqual(
    mergePodStatus(live, ours).conditions.map((c) => c.type),
    ['DisruptionTarget', 'Ready'],
  );
});

test('a node condition keeps its transition time while its status holds', (t) => {
  const first = nodeConditions(undefined, Date.UTC(2025, 0, 1), true);
  const later = nodeConditions(first, Date.UTC(2025, 0, 1, 0, 5), true);
  t.is(later[3]!.lastTransitionTime, '2025-01-01T00:00:00Z');
  t.is(later[3]!.lastHeartbeatTime, '2025-01-01T00:05:00Z');
  const unknown = first.map((c) => (c.type === 'Ready' ? { ...c, status: 'Unknown' as const } : c));
  t.is(nodeConditions(unknown, Date.UTC(2025, 0, 1, 0, 9), false)[3]!.lastTransitionTime, '2025-01-01T00:09:00Z');
});

test('a node status that differs only in its heartbeat times is not a change', (t) => {
  const conditions = nodeConditions(undefined, Date.UTC(2025, 0, 1), true);
  const status = (list: typeof conditions, cpu = '4'): JsonObject => ({ capacity: { cpu }, conditions: list as unknown as JsonObject[] });
  const before = status(conditions);
  const beat = status(nodeConditions(conditions, Date.UTC(2025, 0, 1, 0, 1), true));
  const flipped = status(conditions.map((c) => (c.type === 'Ready' ? { ...c, status: 'False' as const } : c)));
  for (const [a, b] of [[before, beat], [before, flipped], [before, status(conditions, '8')]] as const) {
    t.is(sameBesidesHeartbeats(a, b), jsonEqual(withoutHeartbeats(a), withoutHeartbeats(b)));
  }
  t.true(sameBesidesHeartbeats(before, beat));
  t.false(sameBesidesHeartbeats(before, flipped));
});

test('a pod status assembled again keeps the unchanged conditions the kubelet wrote before', (t) => {
  const inputs: PodStatusInputs = {
    spec: { containers: [{ name: 'a' }] },
    initContainerStatuses: [],
    containerStatuses: [running('a')],
    terminal: false,
    hasSandbox: true,
    otherConditions: [],
    previous: undefined,
    now: Date.UTC(2025, 0, 1),
    hostIP: '172.18.0.3',
    podIP: '10.244.1.2',
    startTime: '2025-01-01T00:00:00Z',
    qosClass: 'BestEffort',
  };
  const first = assemblePodStatus(inputs);
  const again = assemblePodStatus({ ...inputs, previous: first, previousIsOwn: true, now: Date.UTC(2025, 0, 1, 0, 5) });
  t.deepEqual(again, first);
  t.is(again.conditions[2], first.conditions[2]);
  t.is(again.podIPs, first.podIPs);
  const unready = assemblePodStatus({ ...inputs, containerStatuses: [running('a', { ready: false })], previous: first, previousIsOwn: true, now: Date.UTC(2025, 0, 1, 0, 5) });
  t.like(unready.conditions[2], { type: 'Ready', status: 'False', lastTransitionTime: '2025-01-01T00:05:00Z' });
});
