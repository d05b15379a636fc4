import test from 'ava';
import type { KubeObject } from '../../src/api/types.js';
import { formatRestarts, podStatusReason, podSummary } from '../../src/printers/pod.js';

const now = Date.parse('2025-01-01T12:00:00Z');
const minutesAgo = (m: number): string => new Date(now - m * 60_000).toISOString();

function pod(spec: Record<string, unknown>, status: Record<string, unknown>, metadata: Record<string, unknown> = {}): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: 'p', namespace: 'default', creationTimestamp: minutesAgo(10), ...metadata },
    spec: { containers: [{ name: 'app', image: 'nginx' }], ...spec },
    status,
  };
}

const running = { running: { startedAt: minutesAgo(5) } };
const readyCondition = (value: string) => ({ type: 'Ready', status: value });

function oneContainer(state: Record<string, unknown>, phase = 'Pending', extra: Record<string, unknown> = {}): KubeObject {
  return pod({}, { phase, containerStatuses: [{ name: 'app', ready: false, restartCount: 0, state, ...extra }] });
}

test('a running ready pod is Running and 1/1', (t) => {
  const p = pod({}, { phase: 'Running', conditions: [readyCondition('True')], containerStatuses: [{ name: 'app', ready: true, restartCount: 0, state: running }] });
  t.deepEqual(podSummary(p, now), { ready: '1/1', status: 'Running', restarts: '0' });
});

test('a pod without container statuses shows its phase', (t) => {
  t.is(podStatusReason(pod({}, { phase: 'Pending' }), now), 'Pending');
  t.is(podSummary(pod({}, { phase: 'Pending' }), now).ready, '0/1');
});

test('a waiting container shows its reason', (t) => {
  for (const reason of ['ContainerCreating', 'ErrImagePull', 'ImagePullBackOff', 'CrashLoopBackOff', 'InvalidImageName']) {
    t.is(podStatusReason(oneContainer({ waiting: { reason } }), now), reason);
  }
});

test('a terminated container shows Completed, Error or OOMKilled', (t) => {
  t.is(podStatusReason(oneContainer({ terminated: { exitCode: 0, reason: 'Completed' } }, 'Succeeded'), now), 'Completed');
  t.is(podStatusReason(oneContainer({ terminated: { exitCode: 1, reason: 'Error' } }, 'Failed'), now), 'Error');
  t.is(podStatusReason(oneContainer({ terminated: { exitCode: 137, reason: 'OOMKilled' } }, 'Running'), now), 'OOMKilled');
});

test('a terminated container without a reason shows its signal or exit code', (t) => {
  t.is(podStatusReason(oneContainer({ terminated: { exitCode: 137, signal: 9 } }, 'Failed'), now), 'Signal:9');
  t.is(podStatusReason(oneContainer({ terminated: { exitCode: 2 } }, 'Failed'), now), 'ExitCode:2');
});

test('the first container with a waiting or terminated state decides the status', (t) => {
  const p = pod(
    { containers: [{ name: 'a' }, { name: 'b' }] },
    {
      phase: 'Running',
      containerStatuses: [
        { name: 'a', ready: false, restartCount: 0, state: { waiting: { reason: 'ImagePullBackOff' } } },
        { name: 'b', ready: false, restartCount: 0, state: { waiting: { reason: 'CrashLoopBackOff' } } },
      ],
    },
  );
  t.is(podStatusReason(p, now), 'ImagePullBackOff');
});

test('restarts show the age of the last termination', (t) => {
  const p = oneContainer({ waiting: { reason: 'CrashLoopBackOff' } }, 'Running', {
    restartCount: 3,
    lastState: { terminated: { exitCode: 1, reason: 'Error', finishedAt: minutesAgo(2) } },
  });
  t.deepEqual(podSummary(p, now), { ready: '0/1', status: 'CrashLoopBackOff', restarts: '3 (2m ago)' });
});

test('formatRestarts prints a bare count without a known last restart', (t) => {
  t.is(formatRestarts(0, minutesAgo(1), now), '0');
  t.is(formatRestarts(4, undefined, now), '4');
  t.is(formatRestarts(4, now - 75_000, now), '4 (75s ago)');
});

const twoInits = { initContainers: [{ name: 'i1' }, { name: 'i2' }] };
const initStatus = (name: string, state: Record<string, unknown>, restartCount = 0) => ({ name, ready: false, restartCount, state });
const waitingApp = { name: 'app', ready: false, restartCount: 0, state: { waiting: { reason: 'PodInitializing' } } };

test('init containers in progress show Init:N/M', (t) => {
  const first = pod(twoInits, { phase: 'Pending', initContainerStatuses: [initStatus('i1', running), initStatus('i2', { waiting: { reason: 'PodInitializing' } })], containerStatuses: [waitingApp] });
  t.is(podStatusReason(first, now), 'Init:0/2');
  const second = pod(twoInits, { phase: 'Pending', initContainerStatuses: [initStatus('i1', { terminated: { exitCode: 0, reason: 'Completed' } }), initStatus('i2', running)], containerStatuses: [waitingApp] });
  t.is(podStatusReason(second, now), 'Init:1/2');
});

test('a failing init container shows Init:<reason>', (t) => {
  const failed = pod(twoInits, { phase: 'Pending', initContainerStatuses: [initStatus('i1', { terminated: { exitCode: 1, reason: 'Error' } }, 2)] });
  t.is(podStatusReason(failed, now), 'Init:Error');
  t.is(podSummary(failed, now).restarts, '2');
  const backingOff = pod(twoInits, { phase: 'Pending', initContainerStatuses: [initStatus('i1', { waiting: { reason: 'CrashLoopBackOff' } })] });
  t.is(podStatusReason(backingOff, now), 'Init:CrashLoopBackOff');
  const noReason = pod(twoInits, { phase: 'Pending', initContainerStatuses: [initStatus('i1', { terminated: { exitCode: 3 } })] });
  t.is(podStatusReason(noReason, now), 'Init:ExitCode:3');
});

test('after the init containers the main container shows PodInitializing', (t) => {
  const done = { terminated: { exitCode: 0, reason: 'Completed' } };
  const p = pod(twoInits, { phase: 'Pending', initContainerStatuses: [initStatus('i1', done), initStatus('i2', done)], containerStatuses: [waitingApp] });
  t.is(podStatusReason(p, now), 'PodInitializing');
});

test('a started sidecar counts towards READY', (t) => {
  const p = pod(
    { initContainers: [{ name: 'proxy', restartPolicy: 'Always' }] },
    {
      phase: 'Running',
      conditions: [{ type: 'Initialized', status: 'True' }, readyCondition('True')],
      initContainerStatuses: [{ name: 'proxy', ready: true, started: true, restartCount: 1, state: running }],
      containerStatuses: [{ name: 'app', ready: true, restartCount: 0, state: running }],
    },
  );
  t.deepEqual(podSummary(p, now), { ready: '2/2', status: 'Running', restarts: '1' });
});

test('a completed container beside a running one is NotReady without the Ready condition', (t) => {
  const spec = { containers: [{ name: 'job' }, { name: 'server' }] };
  const statuses = [
    { name: 'job', ready: false, restartCount: 0, state: { terminated: { exitCode: 0, reason: 'Completed' } } },
    { name: 'server', ready: true, restartCount: 0, state: running },
  ];
  t.is(podStatusReason(pod(spec, { phase: 'Running', conditions: [readyCondition('False')], containerStatuses: statuses }), now), 'NotReady');
  t.is(podStatusReason(pod(spec, { phase: 'Running', conditions: [readyCondition('True')], containerStatuses: statuses }), now), 'Running');
});

test('a pod being deleted is Terminating unless its phase is terminal', (t) => {
  const deleting = { deletionTimestamp: minutesAgo(0) };
  const live = pod({}, { phase: 'Running', containerStatuses: [{ name: 'app', ready: true, restartCount: 0, state: running }] }, deleting);
  t.is(podStatusReason(live, now), 'Terminating');
  const done = pod({}, { phase: 'Succeeded', containerStatuses: [{ name: 'app', ready: false, restartCount: 0, state: { terminated: { exitCode: 0, reason: 'Completed' } } }] }, deleting);
  t.is(podStatusReason(done, now), 'Completed');
});

test('a pod being deleted on a lost node is Unknown', (t) => {
  const p = pod({}, { phase: 'Running', reason: 'NodeLost', containerStatuses: [{ name: 'app', ready: true, restartCount: 0, state: running }] }, { deletionTimestamp: minutesAgo(0) });
  t.is(podStatusReason(p, now), 'Unknown');
});

test('status.reason replaces the phase, as for an evicted pod', (t) => {
  t.is(podStatusReason(pod({}, { phase: 'Failed', reason: 'Evicted', message: 'The node was low on resource: memory.' }), now), 'Evicted');
});

test('a pod held by scheduling gates is SchedulingGated', (t) => {
  const p = pod({ schedulingGates: [{ name: 'example.com/gate' }] }, { phase: 'Pending', conditions: [{ type: 'PodScheduled', status: 'False', reason: 'SchedulingGated' }] });
  t.is(podStatusReason(p, now), 'SchedulingGated');
});
