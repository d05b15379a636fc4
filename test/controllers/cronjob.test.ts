import test from 'ava';
import type { KubeObject } from '../../src/api/types.js';
import { parseStandard } from '../../src/controllers/cronjob/cron-schedule.js';
import { cronJobControllerFactory } from '../../src/controllers/cronjob/cronjob-controller.js';
import { loadLocation } from '../../src/controllers/cronjob/time-zone.js';
import { jobControllerFactory } from '../../src/controllers/job/job-controller.js';
import { eventsFor, mustCreate, podsNamed, setPodStatus, startHarness, type Harness } from './workload-fixtures.js';

const at = (iso: string): number => Date.parse(iso);
const iso = (ms: number): string => new Date(ms).toISOString();

function nextTimes(spec: string, from: string, count: number, zone = 'UTC'): string[] {
  const location = loadLocation(zone);
  if (!location.ok) throw new Error(location.message);
  const schedule = parseStandard(spec, location.value);
  if (!schedule.ok) throw new Error(schedule.message);
  const out: string[] = [];
  let t = at(from);
  for (let i = 0; i < count; i++) out.push(iso((t = schedule.value.next(t))));
  return out;
}

test('cron steps, ranges, lists and names find the next times', (t) => {
  t.deepEqual(nextTimes('*/15 * * * *', '2025-01-01T00:07:30Z', 3), ['2025-01-01T00:15:00.000Z', '2025-01-01T00:30:00.000Z', '2025-01-01T00:45:00.000Z']);
  t.deepEqual(nextTimes('0 9 * * mon-fri', '2025-01-03T10:00:00Z', 2), ['2025-01-06T09:00:00.000Z', '2025-01-07T09:00:00.000Z']);
  t.deepEqual(nextTimes('30 6,18 1 jan,JUL *', '2025-01-01T07:00:00Z', 2), ['2025-01-01T18:30:00.000Z', '2025-07-01T06:30:00.000Z']);
  t.deepEqual(nextTimes('5-10/5 * * * *', '2025-01-01T00:00:00Z', 3), ['2025-01-01T00:05:00.000Z', '2025-01-01T00:10:00.000Z', '2025-01-01T01:05:00.000Z']);
});

test('a day of month and a day of week both restricted match either', (t) => {
  // 2025-01-01 is a Wednesday; the first Monday after it is the 6th.
  t.deepEqual(nextTimes('0 0 15 * mon', '2025-01-01T00:00:00Z', 3), ['2025-01-06T00:00:00.000Z', '2025-01-13T00:00:00.000Z', '2025-01-15T00:00:00.000Z']);
});

test('macros and @every schedule as robfig/cron does', (t) => {
  t.deepEqual(nextTimes('@hourly', '2025-01-01T00:00:00Z', 2), ['2025-01-01T01:00:00.000Z', '2025-01-01T02:00:00.000Z']);
  t.deepEqual(nextTimes('@daily', '2025-01-01T00:00:00Z', 1), ['2025-01-02T00:00:00.000Z']);
  t.deepEqual(nextTimes('@weekly', '2025-01-01T00:00:00Z', 1), ['2025-01-05T00:00:00.000Z']);
  t.deepEqual(nextTimes('@monthly', '2025-01-01T00:00:00Z', 1), ['2025-02-01T00:00:00.000Z']);
  t.deepEqual(nextTimes('@yearly', '2025-01-01T00:00:00Z', 1), ['2026-01-01T00:00:00.000Z']);
  t.deepEqual(nextTimes('@every 90s', '2025-01-01T00:00:00Z', 2), ['2025-01-01T00:01:30.000Z', '2025-01-01T00:03:00.000Z']);
});

test('a schedule in a fixed time zone fires at that zone\'s wall-clock time', (t) => {
  // Etc/GMT-9 is UTC+9: 09:00 there is midnight UTC.
  t.deepEqual(nextTimes('0 9 * * *', '2025-01-01T00:00:00Z', 2, 'Etc/GMT-9'), ['2025-01-02T00:00:00.000Z', '2025-01-03T00:00:00.000Z']);
});

test('malformed schedules are refused with robfig/cron\'s messages', (t) => {
  const error = (spec: string) => {
    const r = parseStandard(spec);
    return r.ok ? undefined : r.message;
  };
  t.is(error(''), 'empty spec string');
  t.is(error('* * * *'), 'expected exactly 5 fields, found 4: [* * * *]');
  t.is(error('60 * * * *'), 'end of range (60) above maximum (59): 60');
  t.is(error('@often'), 'unrecognized descriptor: @often');
});

function cronJob(extra: Record<string, unknown> = {}): KubeObject {
  return {
    apiVersion: 'batch/v1',
    kind: 'CronJob',
    metadata: { name: 'hello', namespace: 'default' },
    spec: {
      schedule: '* * * * *',
      jobTemplate: { spec: { template: { spec: { restartPolicy: 'OnFailure', containers: [{ name: 'hello', image: 'busybox:1.28', command: ['/bin/sh', '-c', 'date; echo Hello from the Kubernetes cluster'] }] } } } },
      ...extra,
    },
  };
}

function harness(): Harness {
  return startHarness([
    ['cronjob', cronJobControllerFactory],
    ['job', jobControllerFactory],
  ]);
}

/** Completes every pod of the CronJob's Jobs that has not finished yet. */
function completePods(h: Harness): void {
  for (const pod of podsNamed(h.api, 'default', 'hello-')) {
    if ((pod['status'] as { phase?: string }).phase === 'Pending') setPodStatus(h.api, 'default', pod.metadata.name!, { phase: 'Succeeded' }, h.cluster.clock.now());
  }
}

function jobNames(h: Harness): string[] {
  const r = h.api.list('jobs', 'default');
  return r.ok ? r.value.items.filter((j) => j.metadata.deletionTimestamp === undefined).map((j) => j.metadata.name!).sort() : [];
}

test('a CronJob creates a Job named after its scheduled minute at each minute boundary', (t) => {
  const h = harness();
  mustCreate(h.api, 'cronjobs', 'default', cronJob());
  h.cluster.clock.advance(59_000);
  t.deepEqual(jobNames(h), []);
  h.cluster.clock.advance(2_000);
  const minute = Math.floor(at('2025-01-01T00:01:00Z') / 60_000);
  t.deepEqual(jobNames(h), [`hello-${minute}`]);
  t.deepEqual(h.writes.slice(0, 2), [`create jobs hello-${minute}`, 'update cronjobs/status hello']);
  const job = h.api.get('jobs', 'default', `hello-${minute}`);
  if (!job.ok) return t.fail();
  t.is(job.value.metadata.annotations?.['batch.kubernetes.io/cronjob-scheduled-timestamp'], '2025-01-01T00:01:00Z');
  t.is(job.value.metadata.ownerReferences?.[0]?.kind, 'CronJob');
  const cj = h.api.get('cronjobs', 'default', 'hello');
  if (!cj.ok) return t.fail();
  const status = cj.value['status'] as { lastScheduleTime: string; active: { name: string }[] };
  t.is(status.lastScheduleTime, '2025-01-01T00:01:00Z');
  t.deepEqual(status.active.map((a) => a.name), [`hello-${minute}`]);
  h.cluster.clock.advance(60_000);
  t.deepEqual(jobNames(h), [`hello-${minute}`, `hello-${minute + 1}`]);
  t.deepEqual(eventsFor(h.api, 'default', 'hello'), [`SuccessfulCreate Created job hello-${minute}`, `SuccessfulCreate Created job hello-${minute + 1}`]);
});

test('a CronJob keeps the three newest successful Jobs and records the completions', (t) => {
  const h = harness();
  mustCreate(h.api, 'cronjobs', 'default', cronJob());
  h.cluster.clock.advance(1_000);
  for (let minute = 1; minute <= 6; minute++) {
    h.cluster.clock.advance(60_000);
    completePods(h);
  }
  h.cluster.clock.advance(5_000);
  const first = Math.floor(at('2025-01-01T00:01:00Z') / 60_000);
  t.deepEqual(jobNames(h), [first + 3, first + 4, first + 5].map((m) => `hello-${m}`));
  const events = eventsFor(h.api, 'default', 'hello');
  t.true(events.includes(`SawCompletedJob Saw completed job: hello-${first}, status: Complete`));
  t.true(events.includes(`SuccessfulDelete Deleted job hello-${first}`));
  t.true(events.includes(`SuccessfulDelete Deleted job hello-${first + 2}`));
  const cj = h.api.get('cronjobs', 'default', 'hello');
  if (!cj.ok) return t.fail();
  t.truthy((cj.value['status'] as { lastSuccessfulTime?: string }).lastSuccessfulTime);
});

test('the scheduled-timestamp annotation is written in the CronJob\'s time zone', (t) => {
  const h = harness();
  mustCreate(h.api, 'cronjobs', 'default', cronJob({ timeZone: 'Etc/GMT-9' }));
  h.cluster.clock.advance(61_000);
  const [name] = jobNames(h);
  const job = h.api.get('jobs', 'default', name ?? '');
  if (!job.ok) return t.fail();
  t.is(job.value.metadata.annotations?.['batch.kubernetes.io/cronjob-scheduled-timestamp'], '2025-01-01T09:01:00+09:00');
});

test('a Forbid CronJob skips a schedule while its Job still runs', (t) => {
  const h = harness();
  mustCreate(h.api, 'cronjobs', 'default', cronJob({ concurrencyPolicy: 'Forbid' }));
  h.cluster.clock.advance(61_000);
  h.cluster.clock.advance(60_000);
  t.is(jobNames(h).length, 1);
  t.true(eventsFor(h.api, 'default', 'hello').includes('JobAlreadyActive Not starting job because prior execution is running and concurrency policy is Forbid'));
});

test('a Replace CronJob deletes the running Job and starts the next one', (t) => {
  const h = harness();
  mustCreate(h.api, 'cronjobs', 'default', cronJob({ concurrencyPolicy: 'Replace' }));
  h.cluster.clock.advance(61_000);
  h.cluster.clock.advance(60_000);
  const first = Math.floor(at('2025-01-01T00:01:00Z') / 60_000);
  t.true(h.writes.includes(`delete jobs hello-${first}`));
  t.true(jobNames(h).includes(`hello-${first + 1}`));
});

test('waiting for the next schedule lets the cluster settle, and advancing still reaches it', (t) => {
  const h = harness();
  mustCreate(h.api, 'cronjobs', 'default', cronJob({ schedule: '* * * * *' }));
  const r = h.cluster.clock.runUntilIdle({ maxDuration: 24 * 3600_000 });
  t.true(r.idle);
  t.deepEqual(jobNames(h), []);
  h.cluster.clock.advance(61_000);
  t.is(jobNames(h).length, 1);
});

test('a suspended CronJob creates nothing and leaves no timer behind', (t) => {
  const h = harness();
  mustCreate(h.api, 'cronjobs', 'default', cronJob({ suspend: true }));
  const r = h.cluster.clock.runUntilIdle({ maxDuration: 10 * 60_000 });
  t.true(r.idle);
  t.deepEqual(jobNames(h), []);
});

test('a CronJob does nothing between schedule times', (t) => {
  const h = harness();
  mustCreate(h.api, 'cronjobs', 'default', cronJob({ schedule: '0 * * * *' }));
  h.cluster.clock.advance(1_000);
  h.writes.length = 0;
  const cj = h.api.get('cronjobs', 'default', 'hello');
  if (!cj.ok) return t.fail();
  h.api.update('cronjobs', 'default', { ...cj.value, metadata: { ...cj.value.metadata, labels: { touched: 'yes' } } });
  h.cluster.clock.advance(30 * 60_000);
  t.deepEqual(h.writes, []);
});
