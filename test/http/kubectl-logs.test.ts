import type { JsonObject } from '../../src/api/types.js';
import { kubectlTest, useKubectlFixture } from './kubectl-harness.js';

const { fixture, kubectl } = useKubectlFixture({}, (started) => {
  const api = started.cluster.api;
  const pod = (name: string, spec: JsonObject): void => {
    const created = api.create('pods', 'default', { apiVersion: 'v1', kind: 'Pod', metadata: { name, namespace: 'default' }, spec });
    if (!created.ok) throw new Error(created.status.message);
  };
  pod('web', { containers: [{ name: 'nginx', image: 'nginx:1.27' }] });
  pod('crasher', { containers: [{ name: 'c', image: 'busybox:1.36', command: ['sh', '-c', 'echo boom; exit 1'] }] });
  pod('counter', { containers: [{ name: 'count', image: 'busybox:1.28', args: ['/bin/sh', '-c', 'i=0; while true; do echo "$i: $(date)"; i=$((i+1)); sleep 1; done'] }] });
  pod('looper', { containers: [{ name: 'c', image: 'busybox:1.36', command: ['sh', '-c', 'while true; do echo hi; sleep 5; done'] }] });
  pod('ticker', { restartPolicy: 'Never', containers: [{ name: 'c', image: 'busybox:1.36', command: ['sh', '-c', 'sleep 120; for i in 1 2 3 4 5; do echo tick $i; sleep 2; done'] }] });
  const created = api.create('deployments.apps', 'default', {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'cache', namespace: 'default' },
    spec: {
      replicas: 2,
      selector: { matchLabels: { app: 'cache' } },
      template: { metadata: { labels: { app: 'cache' } }, spec: { containers: [{ name: 'redis', image: 'redis:7' }] } },
    },
  });
  if (!created.ok) throw new Error(created.status.message);
  started.cluster.clock.advance(60_000);
});

kubectlTest('kubectl logs prints what an nginx container wrote when it started', async (t) => {
  const run = await kubectl('logs', 'web');
  t.is(run.code, 0, run.stderr);
  t.true(run.stdout.startsWith('/docker-entrypoint.sh: /docker-entrypoint.d/ is not empty, will attempt to perform configuration\n'));
  t.regex(run.stdout, /\[notice\] 1#1: start worker process 30\n$/);
});

kubectlTest('kubectl logs --timestamps --tail=1 prints the last line after its RFC 3339 nanosecond timestamp', async (t) => {
  const run = await kubectl('logs', 'web', '--timestamps', '--tail=1');
  t.is(run.code, 0, run.stderr);
  t.regex(run.stdout, /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{9}Z \d{4}\/\d{2}\/\d{2} [\d:]+ \[notice\] 1#1: start worker process 30\n$/);
});

kubectlTest('kubectl logs deploy/x reads one of its pods and says which', async (t) => {
  const run = await kubectl('logs', 'deploy/cache');
  t.is(run.code, 0, run.stderr);
  t.regex(run.stderr, /^Found 2 pods, using pod\/cache-[a-z0-9]+-[a-z0-9]{5}\n$/);
  t.regex(run.stdout, /\* Ready to accept connections tcp\n$/);
});

kubectlTest('kubectl logs -c with a container the pod does not have fails as upstream', async (t) => {
  const run = await kubectl('logs', 'web', '-c', 'nope');
  t.is(run.code, 1);
  t.is(run.stderr, 'error: container nope is not valid for pod web\n');
});

kubectlTest('the log endpoint refuses an unknown container, or none named among several, and answers empty for a pod on no node', async (t) => {
  const get = async (path: string): Promise<{ code: number; message: string }> => {
    const res = await fetch(`${fixture().front.url}/api/v1/namespaces/default/pods/${path}`);
    const body = (await res.json()) as { code: number; message: string };
    return { code: res.status, message: body.message };
  };
  t.deepEqual(await get('web/log?container=nope'), { code: 400, message: 'container nope is not valid for pod web' });
  const created = fixture().cluster.api.create('pods', 'default', {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: 'pair', namespace: 'default' },
    spec: { containers: [{ name: 'a', image: 'nginx:1.27' }, { name: 'b', image: 'redis:7' }] },
  });
  t.true(created.ok);
  t.deepEqual(await get('pair/log'), { code: 400, message: 'a container name must be specified for pod pair, choose one of: [a b]' });
  // Not scheduled yet (the clock stands still): LogLocation has no node to ask, and the log is empty.
  const unscheduled = await fetch(`${fixture().front.url}/api/v1/namespaces/default/pods/pair/log?container=a`);
  t.is(unscheduled.status, 200);
  t.is(await unscheduled.text(), '');
  t.deepEqual(await get('web/log?tailLines=-1'), { code: 422, message: 'PodLogOptions "web" is invalid: tailLines: Invalid value: -1: must be greater than or equal to 0' });
});

kubectlTest('kubectl logs --previous shows what the crashed instance wrote', async (t) => {
  const run = await kubectl('logs', 'crasher', '--previous');
  t.is(run.code, 0, run.stderr);
  t.is(run.stdout, 'boom\n');
  const never = await kubectl('logs', 'web', '--previous');
  t.is(never.code, 1);
  t.is(never.stderr, 'Error from server (BadRequest): previous terminated container "nginx" in pod "web" not found\n');
});

kubectlTest('kubectl logs -f writes lines as the clock makes them and ends when the container exits', async (t) => {
  const run = await fixture().kubectlAdvancing({ stepMs: 500, maxVirtualMs: 300_000 }, 'logs', '-f', 'ticker');
  t.is(run.code, 0, run.stderr);
  t.is(run.stdout, 'tick 1\ntick 2\ntick 3\ntick 4\ntick 5\n');
});

kubectlTest('kubectl logs -f of an endless loop ends once the deleted pod\'s container is killed', async (t) => {
  const { cluster } = fixture();
  const start = cluster.clock.now();
  const before = cluster.podLogs('default', 'looper');
  const written = before.ok ? before.value.text.split('\n').length - 1 : 0;
  cluster.clock.setTimeout(() => void cluster.api.delete('pods', 'default', 'looper', {}), 20_000);
  const run = await fixture().kubectlAdvancing({ stepMs: 1_000, maxVirtualMs: 300_000 }, 'logs', '-f', 'looper');
  t.is(run.code, 0, run.stderr);
  const lines = run.stdout.trimEnd().split('\n');
  t.true(lines.every((line) => line === 'hi'));
  // Killed 30 s after the deletion (the shell ignores SIGTERM): 50 s more, a line every 5 s.
  t.true(lines.length >= written + 9 && lines.length <= written + 11, `${written} then ${lines.length}`);
  t.true(cluster.clock.now() - start < 120_000);
});

kubectlTest('kubectl logs counter --tail=2 after ten virtual minutes prints the count going on with the virtual date', async (t) => {
  fixture().cluster.clock.advance(600_000);
  const run = await kubectl('logs', 'counter', '--tail=2');
  t.is(run.code, 0, run.stderr);
  const lines = run.stdout.trimEnd().split('\n');
  t.is(lines.length, 2);
  const parsed = lines.map((line) => /^(\d+): ([A-Z][a-z]{2} [A-Z][a-z]{2} [ \d]\d \d{2}:\d{2}:\d{2}) UTC (\d{4})$/.exec(line));
  if (!parsed[0] || !parsed[1]) return t.fail(run.stdout);
  t.true(Number(parsed[0][1]) > 600);
  t.is(Number(parsed[1][1]), Number(parsed[0][1]) + 1);
  const at = (m: RegExpExecArray): number => Date.parse(`${m[2]} ${m[3]} UTC`);
  t.is(at(parsed[1]) - at(parsed[0]), 1000);
});
