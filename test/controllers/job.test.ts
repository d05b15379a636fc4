import test from 'ava';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { KubeObject } from '../../src/api/types.js';
import { applyManifestTexts } from '../../src/manifests/apply-folder.js';
import { jobControllerFactory } from '../../src/controllers/job/job-controller.js';
import { ttlAfterFinishedControllerFactory } from '../../src/controllers/job/ttl-after-finished-controller.js';
import { eventsFor, mustCreate, podsNamed, setPodStatus, startHarness, type Harness } from './workload-fixtures.js';

const CORPUS = fileURLToPath(new URL('../../../../shared/corpus/k8s-examples/', import.meta.url));

function job(name: string, spec: Record<string, unknown> = {}): KubeObject {
  return {
    apiVersion: 'batch/v1',
    kind: 'Job',
    metadata: { name, namespace: 'default' },
    spec: {
      template: { spec: { restartPolicy: 'Never', containers: [{ name: 'pi', image: 'perl:5.34.0', command: ['perl', '-Mbignum=bpi', '-wle', 'print bpi(2000)'] }] } },
      ...spec,
    },
  };
}

function harness(): Harness {
  return startHarness([
    ['job', jobControllerFactory],
    ['ttl-after-finished', ttlAfterFinishedControllerFactory],
  ]);
}

function getJob(h: Harness, name: string): KubeObject & { status: Record<string, unknown> } {
  const r = h.api.get('jobs', 'default', name);
  if (!r.ok) throw new Error(`no job ${name}`);
  return r.value as KubeObject & { status: Record<string, unknown> };
}

function livePods(h: Harness, prefix: string): KubeObject[] {
  return podsNamed(h.api, 'default', prefix).filter((p) => {
    const phase = (p['status'] as { phase?: string }).phase;
    return p.metadata.deletionTimestamp === undefined && phase !== 'Succeeded' && phase !== 'Failed';
  });
}

function finish(h: Harness, pod: KubeObject, phase: 'Succeeded' | 'Failed', exitCode?: number): void {
  setPodStatus(h.api, 'default', pod.metadata.name!, exitCode === undefined ? { phase } : { phase, exitCode }, h.cluster.clock.now());
}

function conditions(j: { status: Record<string, unknown> }): string[] {
  return ((j.status['conditions'] as { type: string; reason: string; message: string }[] | undefined) ?? []).map((c) => `${c.type} ${c.reason}: ${c.message}`);
}

test('a Job creates its pod with the tracking finalizer, the job labels and a generated name', (t) => {
  const h = harness();
  mustCreate(h.api, 'jobs', 'default', job('pi'));
  h.cluster.clock.runUntilIdle();
  const pods = podsNamed(h.api, 'default', 'pi-');
  t.is(pods.length, 1);
  const pod = pods[0]!;
  t.regex(pod.metadata.name!, /^pi-[bcdfghjklmnpqrstvwxz2456789]{5}$/);
  t.deepEqual(pod.metadata.finalizers, ['batch.kubernetes.io/job-tracking']);
  const uid = getJob(h, 'pi').metadata.uid!;
  t.like(pod.metadata.labels, { 'batch.kubernetes.io/controller-uid': uid, 'batch.kubernetes.io/job-name': 'pi', 'controller-uid': uid, 'job-name': 'pi' });
  t.deepEqual(eventsFor(h.api, 'default', 'pi'), [`SuccessfulCreate Created pod: ${pod.metadata.name}`]);
  const status = getJob(h, 'pi').status;
  t.deepEqual(status, { startTime: status['startTime'], active: 1, terminating: 0, uncountedTerminatedPods: {}, ready: 0 });
});

test('a Job whose pod succeeds is Complete, with the interim SuccessCriteriaMet condition and the Completed event', (t) => {
  const h = harness();
  mustCreate(h.api, 'jobs', 'default', job('pi'));
  h.cluster.clock.runUntilIdle();
  const pod = podsNamed(h.api, 'default', 'pi-')[0]!;
  t.deepEqual(h.writes, [`create pods ${pod.metadata.name}`, 'update jobs/status pi']);
  h.writes.length = 0;
  finish(h, pod, 'Succeeded');
  h.cluster.clock.runUntilIdle();
  t.deepEqual(h.writes, ['update jobs/status pi', `patch pods ${pod.metadata.name}`, 'update jobs/status pi'], 'uncounted first, then the finalizer, then the counters');
  const j = getJob(h, 'pi');
  t.deepEqual(conditions(j), ['SuccessCriteriaMet CompletionsReached: Reached expected number of succeeded pods', 'Complete CompletionsReached: Reached expected number of succeeded pods']);
  t.like(j.status, { succeeded: 1, ready: 0, terminating: 0, uncountedTerminatedPods: {} });
  t.truthy(j.status['completionTime']);
  t.is(j.status['active'], undefined);
  t.deepEqual(podsNamed(h.api, 'default', 'pi-')[0]!.metadata.finalizers ?? [], [], 'the finalizer is removed once counted');
  t.is(eventsFor(h.api, 'default', 'pi').at(-1), 'Completed Job completed');
});

test('an Indexed Job with completions 5 and parallelism 3 completes every index', (t) => {
  const h = harness();
  mustCreate(h.api, 'jobs', 'default', job('indexed', { completions: 5, parallelism: 3, completionMode: 'Indexed' }));
  h.cluster.clock.runUntilIdle();
  let pods = livePods(h, 'indexed-');
  t.deepEqual(pods.map((p) => p.metadata.annotations?.['batch.kubernetes.io/job-completion-index']).sort(), ['0', '1', '2']);
  const first = pods.find((p) => p.metadata.labels?.['batch.kubernetes.io/job-completion-index'] === '0')!;
  t.regex(first.metadata.name!, /^indexed-0-\w{5}$/);
  t.is((first['spec'] as { hostname: string }).hostname, 'indexed-0');
  const env = (first['spec'] as { containers: { env: unknown[] }[] }).containers[0]!.env;
  t.deepEqual(env, [{ name: 'JOB_COMPLETION_INDEX', valueFrom: { fieldRef: { apiVersion: 'v1', fieldPath: "metadata.labels['batch.kubernetes.io/job-completion-index']" } } }]);
  for (let round = 0; round < 5 && pods.length > 0; round++) {
    for (const pod of pods) finish(h, pod, 'Succeeded');
    h.cluster.clock.runUntilIdle();
    pods = livePods(h, 'indexed-');
  }
  const j = getJob(h, 'indexed');
  t.like(j.status, { succeeded: 5, completedIndexes: '0-4' });
  t.deepEqual(conditions(j).map((c) => c.split(' ')[0]), ['SuccessCriteriaMet', 'Complete']);
});

test('pods that keep failing are replaced after a growing back-off until backoffLimit fails the Job', (t) => {
  const h = harness();
  mustCreate(h.api, 'jobs', 'default', job('flaky', { backoffLimit: 2 }));
  h.cluster.clock.runUntilIdle();
  const createdAt: number[] = [h.cluster.clock.now()];
  for (let attempt = 0; attempt < 3; attempt++) {
    const [pod] = livePods(h, 'flaky-');
    if (pod === undefined) return t.fail(`no live pod for attempt ${attempt}`);
    const failedAt = h.cluster.clock.now();
    finish(h, pod, 'Failed');
    h.cluster.clock.runUntilIdle();
    if (attempt < 2) createdAt.push(Date.parse(livePods(h, 'flaky-')[0]!.metadata.creationTimestamp!) - failedAt);
  }
  t.deepEqual(createdAt.slice(1), [10_000, 20_000], 'replacement pods wait 10 s, then 20 s');
  const j = getJob(h, 'flaky');
  t.deepEqual(conditions(j), ['FailureTarget BackoffLimitExceeded: Job has reached the specified backoff limit', 'Failed BackoffLimitExceeded: Job has reached the specified backoff limit']);
  t.like(j.status, { failed: 3 });
  t.is(eventsFor(h.api, 'default', 'flaky').at(-1), 'BackoffLimitExceeded Job has reached the specified backoff limit');
});

test('the pod failure policy example fails the Job on exit code 42 with reason PodFailurePolicy', (t) => {
  const h = harness();
  const file = 'website/controllers/job-pod-failure-policy-example.yaml';
  const report = applyManifestTexts(h.api, [{ file, text: readFileSync(`${CORPUS}${file}`, 'utf8') }]);
  t.true(report.every((line) => line.ok));
  h.cluster.clock.runUntilIdle();
  const pods = livePods(h, 'job-pod-failure-policy-example-');
  t.is(pods.length, 3);
  finish(h, pods[0]!, 'Failed', 42);
  h.cluster.clock.runUntilIdle();
  const j = getJob(h, 'job-pod-failure-policy-example');
  const message = `Container main for pod default/${pods[0]!.metadata.name} failed with exit code 42 matching FailJob rule at index 0`;
  t.deepEqual(conditions(j), [`FailureTarget PodFailurePolicy: ${message}`, `Failed PodFailurePolicy: ${message}`]);
  t.deepEqual(livePods(h, 'job-pod-failure-policy-example-'), [], 'the other pods are deleted');
  t.is(eventsFor(h.api, 'default', 'job-pod-failure-policy-example').at(-1), `PodFailurePolicy ${message}`);
});

test('a pod failure matching an Ignore rule does not count against backoffLimit', (t) => {
  const h = harness();
  mustCreate(h.api, 'jobs', 'default', job('tolerant', { backoffLimit: 0, podFailurePolicy: { rules: [{ action: 'Ignore', onPodConditions: [{ type: 'DisruptionTarget' }] }] } }));
  h.cluster.clock.runUntilIdle();
  const [pod] = livePods(h, 'tolerant-');
  setPodStatus(h.api, 'default', pod!.metadata.name!, { phase: 'Failed', conditions: [{ type: 'DisruptionTarget', status: 'True', reason: 'DeletionByTaintManager' }] }, h.cluster.clock.now());
  h.cluster.clock.runUntilIdle();
  const j = getJob(h, 'tolerant');
  t.deepEqual(conditions(j), []);
  t.is(j.status['failed'], undefined);
  t.is(livePods(h, 'tolerant-').length, 1, 'the pod is replaced');
});

test('activeDeadlineSeconds fails a Job that runs too long', (t) => {
  const h = harness();
  mustCreate(h.api, 'jobs', 'default', job('slow', { activeDeadlineSeconds: 30 }));
  h.cluster.clock.runUntilIdle({ maxDuration: 29_000 });
  t.deepEqual(conditions(getJob(h, 'slow')), []);
  h.cluster.clock.runUntilIdle();
  t.deepEqual(conditions(getJob(h, 'slow')), ['FailureTarget DeadlineExceeded: Job was active longer than specified deadline', 'Failed DeadlineExceeded: Job was active longer than specified deadline']);
});

test('a suspended Job runs no pods and says so in its conditions', (t) => {
  const h = harness();
  mustCreate(h.api, 'jobs', 'default', job('later', { suspend: true }));
  h.cluster.clock.runUntilIdle();
  t.deepEqual(podsNamed(h.api, 'default', 'later-'), []);
  const j = getJob(h, 'later');
  t.deepEqual(conditions(j), ['Suspended JobSuspended: Job suspended']);
  t.is(j.status['startTime'], undefined);
  t.deepEqual(eventsFor(h.api, 'default', 'later'), ['Suspended Job suspended']);
});

test('a finished Job with ttlSecondsAfterFinished is deleted in the foreground once the TTL passes', (t) => {
  const h = harness();
  mustCreate(h.api, 'jobs', 'default', job('short-lived', { ttlSecondsAfterFinished: 100 }));
  h.cluster.clock.runUntilIdle();
  finish(h, podsNamed(h.api, 'default', 'short-lived-')[0]!, 'Succeeded');
  h.cluster.clock.runUntilIdle({ maxDuration: 50_000 });
  t.false(h.writes.includes('delete jobs short-lived'));
  h.cluster.clock.runUntilIdle();
  t.true(h.writes.includes('delete jobs short-lived'));
  const r = h.api.get('jobs', 'default', 'short-lived');
  t.true(!r.ok || r.value.metadata.finalizers?.includes('foregroundDeletion') === true);
});

test('a Job does nothing in the steady state', (t) => {
  const h = harness();
  mustCreate(h.api, 'jobs', 'default', job('pi'));
  h.cluster.clock.runUntilIdle();
  setPodStatus(h.api, 'default', podsNamed(h.api, 'default', 'pi-')[0]!.metadata.name!, { phase: 'Running', ready: true }, h.cluster.clock.now());
  h.cluster.clock.runUntilIdle();
  h.writes.length = 0;
  const j = getJob(h, 'pi');
  h.api.update('jobs', 'default', { ...j, metadata: { ...j.metadata, labels: { ...j.metadata.labels, touched: 'yes' } } });
  h.cluster.clock.runUntilIdle();
  t.deepEqual(h.writes, []);
});
