import test from 'ava';
import type { JsonObject, KubeObject } from '../../../src/api/types.js';
import { Random } from '../../../src/api/random.js';
import { createContainerRuntime } from '../../../src/node/runtime/container-runtime.js';
import { PLAYGROUND_ANNOTATIONS, PLAYGROUND_ANNOTATION_PREFIX } from '../../../src/node/runtime/annotations.js';
import { parseDuration, parseSleepOperand } from '../../../src/node/runtime/duration.js';
import type { ContainerRuntime, ImagePullPlan } from '../../../src/node/runtime/types.js';

const POD_IP = '10.244.1.7';

function runtime(seed = 1): ContainerRuntime {
  return createContainerRuntime(new Random(seed));
}

function pod(containers: JsonObject[], annotations: Record<string, string> = {}): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: 'demo', namespace: 'default', uid: 'u-1', annotations },
    spec: { containers },
    status: { podIP: POD_IP },
  };
}

/** Plans one container built from `fields` (name `app`). */
function plan(fields: JsonObject, annotations: Record<string, string> = {}, restartCount = 0) {
  const container = { name: 'app', ...fields };
  return runtime().planContainer(pod([container], annotations), container, restartCount);
}

/** A run plan without its timed output (what `kubectl logs` shows; container-logs.test.ts covers it). */
function behaviour(fields: JsonObject, annotations: Record<string, string> = {}) {
  const { output: _output, ...rest } = plan(fields, annotations);
  return rest;
}

/** Runs one probe of a container built from `fields`. */
function probe(fields: JsonObject, kind: 'liveness' | 'readiness' | 'startup', spec: JsonObject, sinceStartMs: number, annotations: Record<string, string> = {}) {
  const container = { name: 'app', ...fields };
  return runtime().probe(pod([container], annotations), container, kind, spec, sinceStartMs);
}

function pull(image: string, annotations: Record<string, string> = {}, rt = runtime()): ImagePullPlan {
  return rt.pullImage(image, pod([{ name: 'app', image }], annotations), 'app');
}

const busybox = (script: string): JsonObject => ({ image: 'busybox:1.36', command: ['sh', '-c', script] });

// Images

test('an image reference that does not parse is InvalidImageName with the kubelet message', (t) => {
  const result = pull('<your-private-image>');
  const message =
    'Failed to apply default image tag "<your-private-image>": couldn\'t parse image name "<your-private-image>": invalid reference format';
  t.deepEqual(result, { ok: false, reason: 'InvalidImageName', message, eventMessage: message, durationMs: 0 });
});

test('an official image the registry does not know is ErrImagePull with containerd pull-access-denied text', (t) => {
  const result = pull('example-image');
  const error =
    'failed to pull and unpack image "docker.io/library/example-image:latest": failed to resolve reference ' +
    '"docker.io/library/example-image:latest": pull access denied, repository does not exist or may require authorization: ' +
    'server message: insufficient_scope: authorization failed';
  t.false(result.ok);
  if (result.ok) return;
  t.is(result.reason, 'ErrImagePull');
  t.is(result.message, error);
  t.is(result.eventMessage, `Failed to pull image "example-image": ${error}`);
});

test('a tag marked missing is not found in an existing repository', (t) => {
  const result = pull('nginx:this-tag-does-not-exist');
  t.like(result, {
    ok: false,
    reason: 'ErrImagePull',
    message:
      'rpc error: code = NotFound desc = failed to pull and unpack image "docker.io/library/nginx:this-tag-does-not-exist": failed to resolve reference ' +
      '"docker.io/library/nginx:this-tag-does-not-exist": docker.io/library/nginx:this-tag-does-not-exist: not found',
  });
  t.like(pull('ghcr.io/acme/nonexistent-app'), {
    ok: false,
    message: 'rpc error: code = NotFound desc = failed to pull and unpack image "ghcr.io/acme/nonexistent-app:latest": failed to resolve reference "ghcr.io/acme/nonexistent-app:latest": ghcr.io/acme/nonexistent-app:latest: not found',
  });
  const hub = pull('acme/missing-thing:v1');
  t.regex(hub.ok ? '' : hub.message, /"docker\.io\/acme\/missing-thing:v1": pull access denied/);
});

test('the image-pull annotation fails a pull that would succeed, pod-wide or for one container', (t) => {
  t.like(pull('nginx', { 'playground.k8s.io/image-pull': 'fail' }), { ok: false, reason: 'ErrImagePull' });
  t.like(pull('nginx', { 'playground.k8s.io/image-pull.app': 'fail' }), { ok: false, reason: 'ErrImagePull' });
  t.like(pull('nginx', { 'playground.k8s.io/image-pull.other': 'fail' }), { ok: true });
});

test('images with a registry or an organisation pull even when the catalog does not list them', (t) => {
  const result = pull('ghcr.io/acme/shop:v1.2');
  t.true(result.ok);
  if (!result.ok) return;
  t.is(result.imageRef, 'ghcr.io/acme/shop:v1.2');
  t.true(result.sizeBytes > 10_000_000);
});

test('a catalog image has its real size, a normalised reference and a stable image id', (t) => {
  const result = pull('nginx:1.14.2');
  t.like(result, { ok: true, sizeBytes: 44_710_204, imageRef: 'docker.io/library/nginx:1.14.2' });
  if (!result.ok) return;
  t.regex(result.imageId, /^docker\.io\/library\/nginx@sha256:[0-9a-f]{64}$/);
  t.is(result.imageId, (pull('nginx:1.14.2', {}, runtime(99)) as { imageId: string }).imageId);
  t.not(result.imageId, (pull('nginx:1.16.1') as { imageId: string }).imageId);
});

test('a pinned digest becomes the image id', (t) => {
  const digest = 'sha256:fd8d9aa63ba2f0982b5304e1ee8d3b90a210bc1ffb5314d980eb6962f1a9715d';
  t.like(pull(`busybox:1.38.0@${digest}`), { ok: true, imageRef: `docker.io/library/busybox:1.38.0@${digest}`, imageId: `docker.io/library/busybox@${digest}` });
});

test('pull time follows image size and is the same for the same seed and call order', (t) => {
  const times = (seed: number) => ['busybox:1.28', 'nginx', 'perl:5.34.0'].map((i) => (pull(i, {}, runtime(seed)) as { durationMs: number }).durationMs);
  const [small, medium, large] = times(7);
  t.true(small! < medium! && medium! < large!);
  t.true(small! >= 0.85 * 300 && small! <= 1.15 * 330);
  t.true(large! > 0.85 * (300 + 335_994_112 / 30_000)); // ~11.5 s
  t.deepEqual(times(7), times(7));
  const rt = runtime(3);
  const sequence = [pull('nginx', {}, rt), pull('nginx', {}, rt)].map((p) => (p as { durationMs: number }).durationMs);
  const again = runtime(3);
  t.deepEqual([pull('nginx', {}, again), pull('nginx', {}, again)].map((p) => (p as { durationMs: number }).durationMs), sequence);
});

test('the pull-duration annotation sets how long a pull takes', (t) => {
  t.like(pull('nginx', { 'playground.k8s.io/pull-duration': '5s' }), { ok: true, durationMs: 5000 });
});

// Commands

test('a plain busybox, ubuntu or node container exits 0 at once, but waits when stdin is attached', (t) => {
  t.like(plan({ image: 'busybox' }), { exitAfterMs: 0, exitCode: 0, reason: 'Completed' });
  t.like(plan({ image: 'ubuntu:24.04' }), { exitAfterMs: 0, exitCode: 0 });
  t.like(plan({ image: 'node:22' }), { exitAfterMs: 0, exitCode: 0 });
  t.is(plan({ image: 'busybox', stdin: true, tty: true }).exitAfterMs, undefined);
});

test('servers run until stopped and exit soon after SIGTERM', (t) => {
  t.deepEqual(behaviour({ image: 'nginx:1.27' }), { stopAfterSigtermMs: 100 });
  t.deepEqual(behaviour({ image: 'redis:7' }), { stopAfterSigtermMs: 100 });
  t.is(plan({ image: 'registry.k8s.io/pause:3.10' }).stopAfterSigtermMs, 0);
  t.is(plan({ image: 'nginx', args: ['nginx', '-t'] }).exitCode, 0);
});

test('sleep honours its suffixes, and sleep infinity never ends', (t) => {
  t.like(plan({ image: 'busybox', command: ['sleep', '1d'] }), { exitAfterMs: 86_400_000, exitCode: 0 });
  t.like(plan({ image: 'busybox', command: ['sleep', '1.5m'] }), { exitAfterMs: 90_000 });
  t.deepEqual(plan({ image: 'busybox', command: ['sleep', 'infinity'] }), {});
});

test('sleep then exit inside sh -c fails with that code, and the shell ignores SIGTERM', (t) => {
  t.deepEqual(plan(busybox('sleep 5; exit 3')), { exitAfterMs: 5000, exitCode: 3, reason: 'Error' });
  t.like(plan({ image: 'debian', command: ['/bin/bash', '-c', 'sleep 2 && exit 0'] }), { exitAfterMs: 2000, exitCode: 0, reason: 'Completed' });
});

test('&& and || follow exit statuses', (t) => {
  t.like(plan(busybox('false || exit 4')), { exitCode: 4 });
  t.like(plan(busybox('false && exit 4')), { exitAfterMs: 0, exitCode: 1, reason: 'Error' });
  t.like(plan(busybox('true && sleep 3 || exit 9')), { exitAfterMs: 3000, exitCode: 0 });
});

test('endless loops and tail -f run forever and ignore SIGTERM as PID 1', (t) => {
  t.deepEqual(plan(busybox('while true; do echo tick; sleep 1; done')).exitAfterMs, undefined);
  t.is(plan(busybox('while true; do echo tick; sleep 1; done')).stopAfterSigtermMs, undefined);
  t.deepEqual(plan({ image: 'busybox', command: ['tail', '-f', '/dev/null'] }), {});
  t.is(plan(busybox("trap 'exit 0' TERM; while true; do sleep 1; done")).stopAfterSigtermMs, 100);
});

test('a command the simulation does not know runs until stopped', (t) => {
  t.deepEqual(plan({ image: 'ghcr.io/acme/api:1', command: ['/app/server', '--port=8080'] }), { stopAfterSigtermMs: 100 });
  t.deepEqual(plan({ image: 'ghcr.io/acme/api:1' }), { stopAfterSigtermMs: 100 });
});

test('one-shot tools finish at once with 0, wget after a short request', (t) => {
  for (const command of [['printenv'], ['env'], ['date'], ['ls', '/'], ['echo', 'hi'], ['nslookup', 'kubernetes.default']]) {
    t.like(plan({ image: 'busybox', command }), { exitCode: 0, reason: 'Completed' }, command.join(' '));
  }
  t.like(plan({ image: 'busybox', command: ['wget', '-O-', 'http://web'] }), { exitAfterMs: 300, exitCode: 0 });
  t.like(plan({ image: 'perl', command: ['perl', '-e', 'print 1'] }), { exitCode: 0, reason: 'Completed' });
});

test('stress over the memory limit is OOMKilled after about a second; under it, it runs', (t) => {
  const stress = (args: string[], memory?: string): JsonObject => ({
    image: 'polinux/stress',
    command: ['stress'],
    args,
    ...(memory ? { resources: { limits: { memory } } } : {}),
  });
  t.like(plan(stress(['--vm', '1', '--vm-bytes', '250M'], '100Mi')), { exitAfterMs: 1000, exitCode: 137, reason: 'OOMKilled' });
  t.is(plan(stress(['--vm', '1', '--vm-bytes', '150M'], '200Mi')).exitAfterMs, undefined);
  t.is(plan(stress(['--vm', '1', '--vm-bytes', '250M'])).exitAfterMs, undefined);
  t.like(plan(stress(['--cpu', '1', '--timeout', '20s'])), { exitAfterMs: 20_000, exitCode: 0 });
});

test('set -e stops a script at its first failing command', (t) => {
  t.like(plan({ image: 'busybox', command: ['sh', '-ec', 'false; sleep 10'] }), { exitAfterMs: 0, exitCode: 1 });
  t.like(plan(busybox('set -e; sleep 1; false; sleep 10')), { exitAfterMs: 1000, exitCode: 1 });
  t.like(plan(busybox('set -e; if false; then :; fi; false || true; sleep 2')), { exitAfterMs: 2000, exitCode: 0 });
});

test('bash in a busybox image cannot start: containerd reports the missing executable', (t) => {
  const message =
    'failed to create containerd task: failed to create shim task: OCI runtime create failed: runc create failed: ' +
    'unable to start container process: exec: "bash": executable file not found in $PATH: unknown';
  t.deepEqual(plan({ image: 'busybox', command: ['bash', '-c', 'sleep 1'] }), {
    exitAfterMs: 0,
    exitCode: 128,
    reason: 'Error',
    message,
    startError: message,
    stopAfterSigtermMs: 0,
  });
  t.like(plan({ image: 'debian', command: ['bash', '-c', 'exit 0'] }), { exitCode: 0 });
});

test('$(VAR) references in command and args are expanded from the container env', (t) => {
  t.like(plan({ image: 'busybox', env: [{ name: 'PAUSE', value: '7' }], command: ['sleep', '$(PAUSE)'] }), { exitAfterMs: 7000 });
  t.like(plan({ image: 'busybox', env: [{ name: 'N', value: '2' }], command: ['sh', '-c', 'sleep $N && exit $((N + 1))'] }), { exitAfterMs: 2000, exitCode: 3 });
});

test('for loops, command substitution and tests run like a shell', (t) => {
  const retries = 'for i in $(seq 1 3); do if [ "$i" -eq 3 ]; then exit 7; fi; sleep 10; done';
  t.like(plan(busybox(retries)), { exitAfterMs: 20_000, exitCode: 7 });
  const curlCheck = 'code=$(curl -s -o /dev/null -w "%{http_code}" http://web); [ "$code" = 200 ] && echo ok';
  t.like(plan({ image: 'curlimages/curl', command: ['sh', '-c', curlCheck] }), { exitAfterMs: 300, exitCode: 0, log: 'ok\n' });
});

test('the termination message comes from terminationMessagePath, or the log tail under FallbackToLogsOnError', (t) => {
  t.like(plan({ image: 'debian', terminationMessagePath: '/tmp/why', command: ['sh', '-c', 'echo bad config > /tmp/why; exit 2'] }), {
    exitCode: 2,
    message: 'bad config\n',
  });
  t.like(plan({ image: 'debian', terminationMessagePolicy: 'FallbackToLogsOnError', command: ['sh', '-c', 'echo boom >&2; exit 1'] }), {
    message: 'boom',
  });
});

test('mysql and postgres exit 1 without a password, as their entrypoints do', (t) => {
  t.like(plan({ image: 'mysql:8.0' }), { exitCode: 1, reason: 'Error' });
  t.regex(plan({ image: 'mysql:8.0' }).log ?? '', /Database is uninitialized and password option is not specified/);
  t.is(plan({ image: 'mysql:8.0', env: [{ name: 'MYSQL_ROOT_PASSWORD', valueFrom: { secretKeyRef: { name: 's', key: 'k' } } }] }).exitAfterMs, undefined);
  t.like(plan({ image: 'postgres:16' }), { exitCode: 1 });
  t.is(plan({ image: 'postgres:16', env: [{ name: 'POSTGRES_PASSWORD', value: 'x' }] }).exitAfterMs, undefined);
});

// Probes

const httpGet = (port: number | string, path = '/healthz'): JsonObject => ({ httpGet: { path, port } });

test('exec probes read the file timeline: test -e fails silently, ls explains in GNU or busybox words', (t) => {
  const script = 'touch /tmp/ready; sleep 10; rm /tmp/ready; sleep 600';
  t.true(probe(busybox(script), 'readiness', { exec: { command: ['test', '-e', '/tmp/ready'] } }, 5000).success);
  t.deepEqual(probe(busybox(script), 'readiness', { exec: { command: ['test', '-e', '/tmp/ready'] } }, 15_000), { success: false, message: '' });
  t.deepEqual(probe(busybox(script), 'readiness', { exec: { command: ['ls', '/tmp/ready'] } }, 15_000), {
    success: false,
    message: 'ls: /tmp/ready: No such file or directory',
  });
  const debian = { image: 'debian', command: ['sh', '-c', script] };
  t.deepEqual(probe(debian, 'readiness', { exec: { command: ['cat', '/tmp/ready'] } }, 15_000), {
    success: false,
    message: 'cat: /tmp/ready: No such file or directory',
  });
  t.true(probe(debian, 'liveness', { exec: { command: ['/bin/healthcheck', '--deep'] } }, 15_000).success);
  t.false(probe(busybox('sleep 3600'), 'readiness', { exec: { command: ['cat', '/tmp/never-created'] } }, 1000).success);
});

test('an exec probe does not change the container files', (t) => {
  const container = { name: 'app', ...busybox('sleep 3600') };
  const rt = runtime();
  const p = pod([container]);
  rt.probe(p, container, 'readiness', { exec: { command: ['touch', '/tmp/x'] } }, 1000);
  t.false(rt.probe(p, container, 'readiness', { exec: { command: ['cat', '/tmp/x'] } }, 2000).success);
});

test('httpGet, tcpSocket and grpc probes succeed against a listening application', (t) => {
  const app = { image: 'ghcr.io/acme/api:1', ports: [{ name: 'http', containerPort: 8080 }] };
  t.true(probe(app, 'readiness', httpGet('http'), 1000).success);
  t.true(probe(app, 'liveness', { tcpSocket: { port: 8080 } }, 1000).success);
  t.true(probe(app, 'liveness', { grpc: { port: 9555 } }, 1000).success);
});

test('readiness: fail and ready-after fail readiness probes with the probers own words', (t) => {
  const app = { image: 'ghcr.io/acme/api:1' };
  t.deepEqual(probe(app, 'readiness', httpGet(8080), 5000, { 'playground.k8s.io/readiness': 'fail' }), {
    success: false,
    message: 'HTTP probe failed with statuscode: 503',
  });
  t.true(probe(app, 'liveness', httpGet(8080), 5000, { 'playground.k8s.io/readiness': 'fail' }).success);
  const slow = { 'playground.k8s.io/ready-after.app': '20s' };
  t.deepEqual(probe(app, 'readiness', httpGet(8080), 10_000, slow), {
    success: false,
    message: `Get "http://${POD_IP}:8080/healthz": dial tcp ${POD_IP}:8080: connect: connection refused`,
  });
  t.true(probe(app, 'readiness', httpGet(8080), 20_000, slow).success);
  t.deepEqual(probe(app, 'readiness', { grpc: { port: 9555 } }, 5000, { 'playground.k8s.io/readiness': 'fail' }), {
    success: false,
    message: 'service unhealthy (responded with "NOT_SERVING")',
  });
});

test('liveness annotations fail liveness probes, from the start or after a while', (t) => {
  const app = { image: 'nginx' };
  t.deepEqual(probe(app, 'liveness', httpGet(80, '/'), 5000, { 'playground.k8s.io/liveness': 'fail' }), {
    success: false,
    message: 'HTTP probe failed with statuscode: 500',
  });
  const hangs = { 'playground.k8s.io/liveness-fail-after': '1m' };
  t.true(probe(app, 'liveness', httpGet(80, '/'), 59_000, hangs).success);
  t.false(probe(app, 'liveness', httpGet(80, '/'), 60_000, hangs).success);
  t.deepEqual(probe(app, 'liveness', { tcpSocket: { port: 80 } }, 60_000, hangs), {
    success: false,
    message: `dial tcp ${POD_IP}:80: connect: connection refused`,
  });
});

test('startup-after keeps every probe failing until the application listens', (t) => {
  const slow = { 'playground.k8s.io/startup-after': '45s' };
  t.deepEqual(probe({ image: 'ghcr.io/acme/api:1' }, 'startup', { grpc: { port: 9000 } }, 30_000, slow), {
    success: false,
    message: `timeout: failed to connect service "${POD_IP}:9000" within 1s: context deadline exceeded`,
  });
  t.true(probe({ image: 'ghcr.io/acme/api:1' }, 'startup', { grpc: { port: 9000 } }, 45_000, slow).success);
});

test('network probes are refused where nothing listens: a sleeping container, or a port a known image does not serve', (t) => {
  t.deepEqual(probe(busybox('sleep 3600'), 'readiness', { tcpSocket: { port: 8080 } }, 1000), {
    success: false,
    message: `dial tcp ${POD_IP}:8080: connect: connection refused`,
  });
  t.false(probe({ image: 'nginx' }, 'readiness', httpGet(8080), 1000).success);
  t.true(probe({ image: 'nginx', ports: [{ containerPort: 8080 }] }, 'readiness', httpGet(8080), 1000).success);
});

// Annotations and ids

test('crash-after makes a server exit with code 1 on every run; a per-container key wins', (t) => {
  t.deepEqual(behaviour({ image: 'nginx' }, { 'playground.k8s.io/crash-after': '30s' }), { exitAfterMs: 30_000, exitCode: 1, reason: 'Error', stopAfterSigtermMs: 100 });
  t.like(plan({ image: 'nginx' }, { 'playground.k8s.io/crash-after': '30s', 'playground.k8s.io/crash-after.app': '5s' }), { exitAfterMs: 5000 });
  t.is(plan({ image: 'nginx' }, { 'playground.k8s.io/crash-after.other': '5s' }).exitAfterMs, undefined);
  t.like(plan({ image: 'nginx' }, { 'playground.k8s.io/crash-after': '30s', 'playground.k8s.io/exit-code': '3' }), { exitCode: 3 });
});

test('exit-code alone ends a server at once, or sets the code of a command that ends', (t) => {
  t.like(plan({ image: 'nginx' }, { 'playground.k8s.io/exit-code': '2' }), { exitAfterMs: 0, exitCode: 2, reason: 'Error' });
  t.like(plan(busybox('sleep 4'), { 'playground.k8s.io/exit-code': '0' }), { exitAfterMs: 4000, exitCode: 0, reason: 'Completed' });
});

test('crash-times limits the annotated crashes to the first runs', (t) => {
  const annotations = { 'playground.k8s.io/crash-after': '10s', 'playground.k8s.io/crash-times': '2' };
  t.like(plan({ image: 'nginx' }, annotations, 1), { exitAfterMs: 10_000 });
  t.is(plan({ image: 'nginx' }, annotations, 2).exitAfterMs, undefined);
});

test('oom-after OOM-kills the container at that time', (t) => {
  t.like(plan({ image: 'nginx' }, { 'playground.k8s.io/oom-after': '2m' }), { exitAfterMs: 120_000, exitCode: 137, reason: 'OOMKilled' });
});

test('shutdown-after sets the SIGTERM delay, and never makes the container ignore it', (t) => {
  t.is(plan({ image: 'nginx' }, { 'playground.k8s.io/shutdown-after': '20s' }).stopAfterSigtermMs, 20_000);
  t.is(plan({ image: 'nginx' }, { 'playground.k8s.io/shutdown-after': 'never' }).stopAfterSigtermMs, undefined);
});

test('the annotation table documents each annotation once', (t) => {
  const names = PLAYGROUND_ANNOTATIONS.map((a) => a.name);
  t.is(new Set(names).size, names.length);
  t.is(PLAYGROUND_ANNOTATION_PREFIX, 'playground.k8s.io/');
  for (const a of PLAYGROUND_ANNOTATIONS) t.true(a.description.length > 20 && a.example.length > 0, a.name);
  t.true(['crash-after', 'exit-code', 'readiness', 'ready-after', 'liveness', 'liveness-fail-after', 'image-pull', 'pull-duration', 'oom-after'].every((n) => names.includes(n as never)));
});

test('container ids are 64 hex characters, distinct and seeded', (t) => {
  const a = runtime(5);
  const ids = [a.newContainerId(), a.newContainerId()];
  t.regex(ids[0]!, /^[0-9a-f]{64}$/);
  t.not(ids[0], ids[1]);
  const b = runtime(5);
  t.deepEqual([b.newContainerId(), b.newContainerId()], ids);
});

test('durations parse like Go and like sleep', (t) => {
  t.is(parseDuration('1h30m'), 5_400_000);
  t.is(parseDuration('300ms'), 300);
  t.is(parseDuration('1.5s'), 1500);
  t.is(parseDuration('2d'), 172_800_000);
  t.is(parseDuration('45'), 45_000);
  t.is(parseDuration('soon'), undefined);
  t.is(parseSleepOperand('0.5'), 500);
  t.is(parseSleepOperand('2m'), 120_000);
  t.is(parseSleepOperand('infinity'), Infinity);
  t.is(parseSleepOperand('1h30m'), undefined);
});
