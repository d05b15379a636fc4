import test from 'ava';
import type { JsonObject, KubeObject } from '../../../src/api/types.js';
import { Random } from '../../../src/api/random.js';
import { createContainerRuntime } from '../../../src/node/runtime/container-runtime.js';
import { renderLogText, type ProgramOutput } from '../../../src/node/runtime/log-lines.js';
import { formatDate } from '../../../src/node/runtime/shell/date.js';

/** 2022-04-01 11:42:23 UTC, a Friday: the docs' example. */
const START = Date.UTC(2022, 3, 1, 11, 42, 23);

/** The timed output of `sh -c script` in `image`. */
function output(script: string, image = 'busybox:1.28'): ProgramOutput | undefined {
  const container = { name: 'app', image, command: ['sh', '-c', script] };
  const pod: KubeObject = { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'demo', namespace: 'default', uid: 'u-1' }, spec: { containers: [container as JsonObject] } };
  return createContainerRuntime(new Random(1)).planContainer(pod, container, 0).output;
}

/** The first lines of an output as a container started at START writes them. */
function text(out: ProgramOutput | undefined): string {
  return (out?.lines ?? []).map((line) => renderLogText(line.text, START + line.atMs)).join('');
}

test('date formats the time as busybox and coreutils do with TZ unset', (t) => {
  t.is(formatDate('%a %b %e %H:%M:%S %Z %Y', START), 'Fri Apr  1 11:42:23 UTC 2022');
  t.is(formatDate('%Y-%m-%d %H:%M:%S', START + 5), '2022-04-01 11:42:23');
  t.is(formatDate('%F %T %s %j %z %:z', START), `2022-04-01 11:42:23 ${START / 1000} 091 +0000 +00:00`);
  t.is(formatDate('%N|%A %B %d|%I %p|%%', START + 250), '250000000|Friday April 01|11 AM|%');
});

test('date prints the virtual time at the point of the script it runs', (t) => {
  t.is(text(output('date; date -u; sleep 5; date +%s')), `Fri Apr  1 11:42:23 UTC 2022\nFri Apr  1 11:42:23 UTC 2022\n${START / 1000 + 5}\n`);
  t.is(text(output('d=$(date +%T); sleep 3; echo "then $d"')), 'then 11:42:23\n');
});

test('date -I and -Iseconds print ISO 8601, with the offset each userland writes', (t) => {
  t.is(text(output('date -I; date -Iseconds')), '2022-04-01\n2022-04-01T11:42:23+0000\n');
  t.is(text(output('date -Iseconds; date --iso-8601=minutes', 'debian:12')), '2022-04-01T11:42:23+00:00\n2022-04-01T11:42+00:00\n');
  t.is(text(output('date -d @0 +%F')), '1970-01-01\n');
});

test('a loop printing only the date repeats, each round with its own time', (t) => {
  const out = output('while true; do date +%T; sleep 2; done');
  const repeat = out?.repeat;
  if (repeat === undefined) return t.fail('no repeating part');
  t.like(repeat, { fromMs: 4000, periodMs: 2000 });
  const round = (n: number): string => repeat.lines.map((line) => renderLogText(line.text, START + repeat.fromMs + n * repeat.periodMs + line.atMs)).join('');
  t.is(round(0), '11:42:27\n');
  t.is(round(10), '11:42:47\n');
});

test('a counter loop goes on past the first evaluation: the log reruns it as far as it needs', (t) => {
  const out = output('i=0; while true; do echo "$i: $(date)"; i=$((i+1)); sleep 1; done');
  const more = out?.more;
  if (more === undefined) return t.fail('no continuation');
  t.is(more.completeUntilMs, 100_000);
  const later = more.rerun(3_600_000);
  t.is(later.completeUntilMs, 3_600_000);
  const line = later.lines[3600]!;
  t.is(line.atMs, 3_600_000);
  t.is(renderLogText(line.text, START + line.atMs), '3600: Fri Apr  1 12:42:23 UTC 2022\n');
});

test('a loop that ends after the first evaluation is continued up to its end, then by what follows', (t) => {
  const out = output('i=0; while [ $i -lt 150 ]; do echo $i; i=$((i+1)); sleep 1; done; while true; do echo tick; sleep 5; done');
  const later = out?.more?.rerun(400_000);
  if (later === undefined) return t.fail('no continuation');
  t.is(later.completeUntilMs, Infinity);
  t.is(later.lines.filter((line) => line.text !== 'tick\n').length, 150);
  t.like(later.repeat, { fromMs: 160_000, periodMs: 5000 });
});

test('a container that never prints holds no continuation, and a loop that takes no time is not continued', (t) => {
  t.is(output('i=0; while true; do i=$((i+1)); sleep 1; done'), undefined);
  const tight = output('i=0; while true; do echo $i; i=$((i+1)); done');
  t.is(tight?.more, undefined);
  t.is(tight?.lines.length, 100);
  t.is(output('sleep 5; i=0; while true; do echo $i; i=$((i+1)); done')?.more, undefined);
});
