import test from 'ava';
import { Cluster } from '../../src/cluster/cluster.js';
import { podLogOptions } from '../../src/http/pod-log.js';
import { startApiFront, type ApiFront } from '../../src/http/server.js';

let cluster: Cluster;
let front: ApiFront;

test.before(async () => {
  cluster = new Cluster({ seed: 1, components: 'full' });
  cluster.clock.advance(30_000);
  front = await startApiFront({ api: cluster.api, clock: cluster.clock, port: 0 });
  const created = cluster.api.create('configmaps', 'default', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'web' }, data: { a: 'b' } });
  if (!created.ok) throw new Error(created.status.message);
});

test.after.always(async () => {
  await front.close();
  cluster.dispose();
});

const configmaps = (): string => `${front.url}/api/v1/namespaces/default/configmaps`;

async function get(url: string): Promise<{ status: number; body: Record<string, unknown> }> {
  const response = await fetch(url);
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

test('resourceVersionMatch on a watch is a 422 on ListOptions', async (t) => {
  const answer = await get(`${configmaps()}?watch=true&resourceVersion=1&resourceVersionMatch=NotOlderThan`);
  t.is(answer.status, 422);
  t.deepEqual(answer.body, {
    kind: 'Status',
    apiVersion: 'v1',
    metadata: {},
    status: 'Failure',
    message:
      'ListOptions.meta.k8s.io "" is invalid: resourceVersionMatch: Forbidden: resourceVersionMatch is forbidden for watch unless sendInitialEvents is provided',
    reason: 'Invalid',
    details: {
      name: '',
      group: 'meta.k8s.io',
      kind: 'ListOptions',
      causes: [
        {
          reason: 'FieldValueForbidden',
          message: 'Forbidden: resourceVersionMatch is forbidden for watch unless sendInitialEvents is provided',
          field: 'resourceVersionMatch',
        },
      ],
    },
    code: 422,
  });
});

test('a watch names NotOlderThan as the only resourceVersionMatch it supports', async (t) => {
  const answer = await get(`${configmaps()}?watch=1&resourceVersion=1&resourceVersionMatch=Exact`);
  t.is(answer.status, 422);
  t.is(
    answer.body['message'],
    'ListOptions.meta.k8s.io "" is invalid: [resourceVersionMatch: Forbidden: resourceVersionMatch is forbidden for watch unless sendInitialEvents is provided, ' +
      'resourceVersionMatch: Unsupported value: "Exact": supported values: "NotOlderThan"]',
  );
});

test('a non-numeric limit is a 400 with strconv.ParseInt\'s words', async (t) => {
  const answer = await get(`${configmaps()}?limit=abc`);
  t.is(answer.status, 400);
  t.deepEqual(answer.body, {
    kind: 'Status',
    apiVersion: 'v1',
    metadata: {},
    status: 'Failure',
    message: 'strconv.ParseInt: parsing "abc": invalid syntax',
    reason: 'BadRequest',
    code: 400,
  });
});

test('a limit beyond int64 is out of range', async (t) => {
  const answer = await get(`${configmaps()}?limit=99999999999999999999`);
  t.is(answer.status, 400);
  t.is(answer.body['message'], 'strconv.ParseInt: parsing "99999999999999999999": value out of range');
});

test('a non-numeric timeoutSeconds on a watch is a 400 before the stream starts', async (t) => {
  const answer = await get(`${configmaps()}?watch=true&timeoutSeconds=1.5`);
  t.is(answer.status, 400);
  t.is(answer.body['message'], 'strconv.ParseInt: parsing "1.5": invalid syntax');
});

test('a collection delete decodes its limit too', async (t) => {
  const response = await fetch(`${configmaps()}?limit=x&labelSelector=none%3Dnone`, { method: 'DELETE' });
  t.is(response.status, 400);
  t.like(await response.json(), { message: 'strconv.ParseInt: parsing "x": invalid syntax' });
});

test('watch=true on one object\'s path is a plain GET, as GetResource ignores it', async (t) => {
  const response = await fetch(`${configmaps()}/web?watch=true`);
  t.is(response.status, 200);
  t.not(response.headers.get('content-length'), null, 'a whole answer, not a stream');
  t.like(await response.json(), { kind: 'ConfigMap', metadata: { name: 'web' }, data: { a: 'b' } });
});

test('any watch value but 0 and false starts a watch, as the query decoder reads flags', async (t) => {
  for (const value of ['yes', 'TRUE', '']) {
    const controller = new AbortController();
    const response = await fetch(`${configmaps()}?watch=${value}`, { signal: controller.signal });
    t.is(response.status, 200);
    t.is(response.headers.get('content-length'), null, `watch=${value} streams`);
    controller.abort();
  }
  const listed = await get(`${configmaps()}?watch=False`);
  t.is(listed.body['kind'], 'ConfigMapList');
});

test('pod log flags decode as every query flag does: anything but 0 and false is true', (t) => {
  const parsed = podLogOptions('web', new URLSearchParams('follow=yes&previous=FALSE&timestamps=0'));
  t.deepEqual(parsed, { ok: true, options: { follow: true } });
});

test('a pod log integer that strconv.ParseInt refuses is a 400 in its words', (t) => {
  const parsed = podLogOptions('web', new URLSearchParams('tailLines=ten'));
  t.like(parsed, { ok: false, status: { code: 400, reason: 'BadRequest', message: 'strconv.ParseInt: parsing "ten": invalid syntax' } });
});

test('a pod log integer beyond int64 is out of range', (t) => {
  const parsed = podLogOptions('web', new URLSearchParams('limitBytes=99999999999999999999'));
  t.like(parsed, { ok: false, status: { code: 400, message: 'strconv.ParseInt: parsing "99999999999999999999": value out of range' } });
});
