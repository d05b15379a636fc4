import test from 'ava';
import { containerLogEntries, logTimestamp } from '../../src/node/container-logs.js';
import { newContainerRecord } from '../../src/node/container-store.js';
import { logContainer, type PodLogOptions } from '../../src/node/pod-logs.js';
import { harness, statusOf, type Harness } from './harness.js';

/** What `kubectl logs` would get for pod `name` (the API server's checks, then the kubelet's). */
function logs(h: Harness, name: string, options: PodLogOptions = {}): string {
  const pod = h.pod(name);
  if (pod === undefined) throw new Error(`no pod ${name}`);
  const container = logContainer(pod, options.container);
  if (!container.ok) return `error: ${container.status.message}`;
  const log = h.kubelet.podLogs(pod, container.value, options);
  return log.ok ? log.value.text : `error: ${log.status.message}`;
}

function shell(name: string, script: string, image = 'busybox:1.36'): Record<string, unknown> {
  return { containers: [{ name, image, command: ['sh', '-c', script] }] };
}

test('an nginx container logs its entrypoint notes and its workers starting, stamped with the virtual time', (t) => {
  const h = harness();
  h.createPod('web', { containers: [{ name: 'nginx', image: 'nginx:1.27' }] });
  h.advance(30_000);
  const text = logs(h, 'web');
  const lines = text.trimEnd().split('\n');
  t.is(lines[0], '/docker-entrypoint.sh: /docker-entrypoint.d/ is not empty, will attempt to perform configuration');
  t.true(lines.includes('/docker-entrypoint.sh: Configuration complete; ready for start up'));
  t.regex(text, /\d{4}\/\d{2}\/\d{2} \d{2}:\d{2}:\d{2} \[notice\] 1#1: nginx\/1\.27\.3\n/);
  t.regex(lines[lines.length - 1]!, /\[notice\] 1#1: start worker process 30$/);
  const year = new Date(h.cluster.clock.now()).getUTCFullYear();
  t.true(text.includes(`${year}/`));
});

test('redis logs its banner and that it is ready to accept connections', (t) => {
  const h = harness();
  h.createPod('cache', { containers: [{ name: 'redis', image: 'redis:7' }] });
  h.advance(60_000);
  const text = logs(h, 'cache');
  t.regex(text, /^1:C \d{2} [A-Z][a-z]{2} \d{4} [\d:.]+ \* oO0OoO0OoO0Oo Redis is starting oO0OoO0OoO0Oo\n/);
  t.regex(text, /1:M .* \* Ready to accept connections tcp\n$/);
});

test('a busybox container that only sleeps has an empty log', (t) => {
  const h = harness();
  h.createPod('quiet', shell('box', 'sleep 3600'));
  h.advance(20_000);
  t.is(logs(h, 'quiet'), '');
});

test('a looping echo writes a line each time round, as the clock moves', (t) => {
  const h = harness();
  h.createPod('ticker', shell('box', 'while true; do echo hi; sleep 5; done'));
  h.advance(20_000);
  const before = logs(h, 'ticker', { timestamps: true }).trimEnd().split('\n');
  t.true(before.length >= 2);
  t.true(before.every((line) => /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{9}Z hi$/.test(line)));
  const times = before.map((line) => Date.parse(line.slice(0, 23) + 'Z'));
  t.deepEqual(times.slice(1).map((at, i) => at - times[i]!), times.slice(1).map(() => 5000));
  h.advance(60_000);
  t.is(logs(h, 'ticker').split('\n').length - 1, before.length + 12);
});

test('a command that fails keeps its output in the previous instance after the restart', (t) => {
  const h = harness();
  h.createPod('crash', shell('box', 'echo boom; exit 1'));
  h.advance(30_000);
  t.is(logs(h, 'crash'), 'boom\n');
  t.is(logs(h, 'crash', { previous: true }), 'boom\n');
});

test('asking for the previous instance of a container that never restarted names it as upstream does', (t) => {
  const h = harness();
  h.createPod('ticker', shell('box', 'sleep 3600'));
  h.advance(20_000);
  t.is(logs(h, 'ticker', { previous: true }), 'error: previous terminated container "box" in pod "ticker" not found');
});

test('a container still being created has no log yet', (t) => {
  const h = harness();
  h.createPod('new', { containers: [{ name: 'c', image: 'nginx:1.27' }] });
  h.advance(1);
  t.regex(logs(h, 'new'), /^error: container "c" in pod "new" is (waiting to start: ContainerCreating|not available)$/);
  h.advance(500);
  t.is(logs(h, 'new'), 'error: container "c" in pod "new" is waiting to start: ContainerCreating');
});

test('a pod with several containers needs one named, and an unknown one is refused', (t) => {
  const h = harness();
  h.createPod('two', { initContainers: [{ name: 'init', image: 'busybox:1.36', command: ['true'] }], containers: [{ name: 'a', image: 'nginx:1.27' }, { name: 'b', image: 'redis:7' }] });
  t.is(logs(h, 'two'), 'error: a container name must be specified for pod two, choose one of: [init a b]');
  t.is(logs(h, 'two', { container: 'nope' }), 'error: container nope is not valid for pod two');
});

test('tailLines, sinceSeconds and limitBytes cut the log as the kubelet does', (t) => {
  const h = harness();
  h.createPod('count', shell('box', 'for i in 1 2 3 4 5; do echo line $i; sleep 10; done; sleep 3600'));
  h.advance(120_000);
  t.is(logs(h, 'count'), 'line 1\nline 2\nline 3\nline 4\nline 5\n');
  t.is(logs(h, 'count', { tailLines: 2 }), 'line 4\nline 5\n');
  t.is(logs(h, 'count', { tailLines: 0 }), '');
  t.is(logs(h, 'count', { limitBytes: 10 }), 'line 1\nlin');
  const recent = logs(h, 'count', { sinceSeconds: 85 });
  t.true(recent.length < logs(h, 'count').length);
  t.true(recent.endsWith('line 5\n'));
  const stamped = logs(h, 'count', { timestamps: true, tailLines: 1 });
  t.regex(stamped, /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}000000Z line 5\n$/);
});

test('following a log gets each line as the clock makes it and ends when the container exits', (t) => {
  const h = harness();
  h.createPod('three', shell('box', 'sleep 30; for i in 1 2 3; do echo $i; sleep 1; done'));
  h.advance(20_000);
  const pod = h.pod('three')!;
  const log = h.kubelet.podLogs(pod, 'box', { follow: true });
  if (!log.ok) return t.fail(log.status.message);
  const pieces: string[] = [];
  let ended = false;
  log.value.follow((text) => pieces.push(text), () => (ended = true));
  t.false(ended);
  h.advance(60_000);
  t.deepEqual(pieces, ['1\n', '2\n', '3\n']);
  t.true(ended);
});

test('following stops when the pod is deleted', (t) => {
  const h = harness();
  h.createPod('ticker', shell('box', 'while true; do echo hi; sleep 5; done'));
  h.advance(20_000);
  const log = h.kubelet.podLogs(h.pod('ticker')!, 'box', { follow: true });
  if (!log.ok) return t.fail(log.status.message);
  let ended = false;
  log.value.follow(() => undefined, () => (ended = true));
  h.cluster.api.delete('pods', 'default', 'ticker', {});
  h.advance(40_000);
  t.true(ended);
});

test('a read sees only the last lines of a chatty container, however long it ran', (t) => {
  const record = newContainerRecord('id', 'c', 'busybox', '', 0, {
    output: { lines: [], repeat: { fromMs: 0, periodMs: 1000, lines: [{ atMs: 0, stream: 'stdout', text: 'tick\n' }] } },
  }, 0);
  const year = 365 * 86_400_000;
  const entries = containerLogEntries(record, undefined, year, 10);
  t.is(entries.length, 10);
  t.is(entries[9]!.at, year);
});

test('timestamps are RFC 3339 with nine fraction digits', (t) => {
  t.is(logTimestamp(Date.UTC(2025, 0, 2, 3, 4, 5, 67)), '2025-01-02T03:04:05.067000000Z');
});

const COUNTER = 'i=0; while true; do echo "$i: $(date)"; i=$((i+1)); sleep 1; done';

/** `date`'s default output for epoch `ms` (`Fri Apr  1 11:42:23 UTC 2022`), worked out independently. */
function busyboxDate(ms: number): string {
  const [day, date, month, year, time] = new Date(ms).toUTCString().replace(',', '').split(' ') as [string, string, string, string, string];
  return `${day} ${month} ${date.replace(/^0/, ' ')} ${time} UTC ${year}`;
}

test('the counter pod of the logging docs prints its count and the virtual date every second', (t) => {
  const h = harness();
  h.createPod('counter', { containers: [{ name: 'count', image: 'busybox:1.28', args: ['/bin/sh', '-c', COUNTER] }] });
  h.advance(5_000);
  const lines = logs(h, 'counter', { timestamps: true }).trimEnd().split('\n');
  t.true(lines.length >= 3);
  lines.forEach((line, i) => {
    const at = Date.parse(line.slice(0, 23) + 'Z');
    t.is(line.slice(31), `${i}: ${busyboxDate(at)}`);
  });
});

test('the counter goes on for an hour: line 3600 exists with its number and date', (t) => {
  const h = harness();
  h.createPod('counter', { containers: [{ name: 'count', image: 'busybox:1.28', args: ['/bin/sh', '-c', COUNTER] }] });
  h.advance(3_700_000);
  const lines = logs(h, 'counter', { timestamps: true }).trimEnd().split('\n');
  t.true(lines.length > 3600);
  const line = lines[3600]!;
  const first = Date.parse(lines[0]!.slice(0, 23) + 'Z');
  const at = Date.parse(line.slice(0, 23) + 'Z');
  t.is(at - first, 3_600_000);
  t.is(line.slice(31), `3600: ${busyboxDate(at)}`);
  t.deepEqual(logs(h, 'counter', { tailLines: 2 }).trimEnd().split('\n').map((l) => Number(l.split(':')[0])), [lines.length - 2, lines.length - 1]);
});

test('following the counter gets each new line as the clock moves', (t) => {
  const h = harness();
  h.createPod('counter', { containers: [{ name: 'count', image: 'busybox:1.28', args: ['/bin/sh', '-c', COUNTER] }] });
  h.advance(200_000);
  const log = h.kubelet.podLogs(h.pod('counter')!, 'count', { follow: true, tailLines: 1 });
  if (!log.ok) return t.fail(log.status.message);
  const last = Number(log.value.text.split(':')[0]);
  t.true(last > 150);
  const pieces: string[] = [];
  log.value.follow((text) => pieces.push(text), () => t.fail('the counter never ends'));
  h.advance(10_000);
  t.deepEqual(pieces.join('').trimEnd().split('\n').map((l) => Number(l.split(':')[0])), Array.from({ length: 10 }, (_, i) => last + 1 + i));
});

test('a termination message written with date shows the virtual time the container wrote it', (t) => {
  const h = harness();
  h.createPod('stamp', { restartPolicy: 'Never', ...shell('box', 'sleep 2; date +%s > /dev/termination-log; exit 1') });
  h.advance(20_000);
  const terminated = (statusOf(h.pod('stamp'))['containerStatuses']?.[0]?.['state']?.['terminated'] ?? {}) as { message?: string; startedAt?: string };
  t.is(terminated.message, `${Date.parse(terminated.startedAt ?? '') / 1000 + 2}\n`);
});

test('an exec probe that prints the date names the virtual time of the run in its Unhealthy event', (t) => {
  const h = harness();
  const probe = { exec: { command: ['sh', '-c', 'date +%Y; exit 1'] }, periodSeconds: 5 };
  h.createPod('probed', { containers: [{ name: 'box', image: 'busybox:1.36', command: ['sleep', '3600'], readinessProbe: probe }] });
  h.advance(20_000);
  const year = new Date(h.cluster.clock.now()).getUTCFullYear();
  t.true(h.events('probed').includes(`Unhealthy: Readiness probe failed: ${year}`));
});
