import type { KubeObject } from '../../src/api/types.js';
import { kubectlTest, tableRows, useKubectlFixture } from './kubectl-harness.js';

function pod(name: string): KubeObject {
  return { apiVersion: 'v1', kind: 'Pod', metadata: { name }, spec: { containers: [{ name: 'c', image: 'nginx:1.27' }] } };
}

/** Creates namespace `namespace` holding `count` pods `p-000`…. */
function createPods(namespace: string, count: number): void {
  const { api, clock } = fixture().cluster;
  const created = api.create('namespaces', '', { apiVersion: 'v1', kind: 'Namespace', metadata: { name: namespace } });
  if (!created.ok) throw new Error(created.status.message);
  // The serviceaccount controller makes the namespace's `default` ServiceAccount, which admission needs.
  clock.advance(1_000);
  for (let i = 0; i < count; i++) {
    const made = api.create('pods', namespace, pod(`p-${String(i).padStart(3, '0')}`));
    if (!made.ok) throw new Error(made.status.message);
  }
}

/** The LIST requests kubectl made, from its `-v=6` log (`GET http://…/pods?limit=3 200 OK`). */
function listRequests(stderr: string): string[] {
  return stderr.split('\n').filter((line) => / GET \S+\/pods\?\S*limit=/.test(line));
}

const { fixture } = useKubectlFixture({}, () => {
  createPods('paging', 10);
  createPods('bulk', 520);
});

kubectlTest('kubectl get pods --chunk-size=3 follows continue tokens and prints every pod once', async (t) => {
  const run = await fixture().kubectl('get', 'pods', '-n', 'paging', '--chunk-size=3', '-v=6');
  t.is(run.code, 0, run.stderr);
  const rows = tableRows(run.stdout);
  t.deepEqual(rows[0]?.slice(0, 2), ['NAME', 'READY']);
  const printed = rows.slice(1).map((row) => row[0]);
  t.deepEqual(printed, Array.from({ length: 10 }, (_, i) => `p-${String(i).padStart(3, '0')}`));
  const requests = listRequests(run.stderr);
  t.is(requests.length, 4, requests.join('\n'));
  t.is(requests.filter((line) => line.includes('continue=')).length, 3);
});

kubectlTest('kubectl get pods -A pages through more than 500 pods and prints them all', async (t) => {
  const listed = fixture().cluster.api.list('pods', '');
  if (!listed.ok) throw new Error(listed.status.message);
  const run = await fixture().kubectl('get', 'pods', '-A', '-v=6');
  t.is(run.code, 0, run.stderr);
  const printed = tableRows(run.stdout).slice(1).map((row) => `${row[0]}/${row[1]}`);
  t.is(printed.length, listed.value.items.length);
  t.is(new Set(printed).size, printed.length);
  t.true(printed.includes('bulk/p-519'));
  const requests = listRequests(run.stderr);
  t.true(requests.length >= 2 && requests.every((line) => line.includes('limit=500')), requests.join('\n'));
});

kubectlTest('a malformed continue token is a 400 that kubectl reports', async (t) => {
  const run = await fixture().kubectl('get', '--raw', '/api/v1/namespaces/paging/pods?limit=2&continue=abc!');
  t.not(run.code, 0);
  t.regex(run.stderr, /invalid continue token: continue key is not valid: illegal base64 data at input byte 3/);
});

kubectlTest('a Table page carries metadata.continue and remainingItemCount', async (t) => {
  const response = await fetch(`${fixture().front.url}/api/v1/namespaces/paging/pods?limit=4`, {
    headers: { accept: 'application/json;as=Table;v=v1;g=meta.k8s.io' },
  });
  const table = (await response.json()) as { kind: string; metadata: { continue?: string; remainingItemCount?: number }; rows: unknown[] };
  t.is(table.kind, 'Table');
  t.is(table.rows.length, 4);
  t.truthy(table.metadata.continue);
  t.is(table.metadata.remainingItemCount, 6);
});
