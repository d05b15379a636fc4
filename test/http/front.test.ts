import test from 'ava';
import { Cluster } from '../../src/cluster/cluster.js';
import { startApiFront, type ApiFront } from '../../src/http/server.js';

let cluster: Cluster;
let front: ApiFront;

test.before(async () => {
  cluster = new Cluster({ seed: 1, components: 'full' });
  cluster.clock.advance(30_000);
  front = await startApiFront({ api: cluster.api, clock: cluster.clock, port: 0 });
});

test.after.always(async () => {
  await front.close();
  cluster.dispose();
});

const TABLE_ACCEPT = 'application/json;as=Table;v=v1;g=meta.k8s.io,application/json;as=Table;v=v1beta1;g=meta.k8s.io,application/json';

test('the core resource list advertises pods/eviction with its own group and version', async (t) => {
  const body = (await (await fetch(`${front.url}/api/v1`)).json()) as { resources: Record<string, unknown>[] };
  const pods = body.resources.find((r) => r['name'] === 'pods');
  t.deepEqual(pods?.['shortNames'], ['po']);
  t.deepEqual(pods?.['categories'], ['all']);
  t.like(body.resources.find((r) => r['name'] === 'pods/eviction'), { group: 'policy', version: 'v1', kind: 'Eviction' });
});

test('the group list puts the preferred version of autoscaling first', async (t) => {
  const body = (await (await fetch(`${front.url}/apis`)).json()) as { groups: { name: string; preferredVersion: { version: string } }[] };
  t.is(body.groups.find((g) => g.name === 'autoscaling')?.preferredVersion.version, 'v2');
});

test('a list with the Table Accept answers rows carrying PartialObjectMetadata', async (t) => {
  const response = await fetch(`${front.url}/api/v1/nodes`, { headers: { accept: TABLE_ACCEPT } });
  const table = (await response.json()) as { kind: string; columnDefinitions: { name: string }[]; rows: { cells: unknown[]; object: { kind: string; metadata: { name: string } } }[] };
  t.is(table.kind, 'Table');
  t.is(table.columnDefinitions[0]?.name, 'Name');
  t.is(table.rows[0]?.object.kind, 'PartialObjectMetadata');
  t.is(table.rows[0]?.cells.length, table.columnDefinitions.length);
});

test('malformed JSON is a 400 BadRequest Status', async (t) => {
  const response = await fetch(`${front.url}/api/v1/namespaces/default/configmaps`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: '{bad',
  });
  t.is(response.status, 400);
  t.like(await response.json(), { kind: 'Status', reason: 'BadRequest', code: 400 });
});

test('a body over 3 MiB is refused with 413', async (t) => {
  const response = await fetch(`${front.url}/api/v1/namespaces/default/configmaps`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: 'a'.repeat(3 * 1024 * 1024 + 1),
  });
  t.is(response.status, 413);
  t.like(await response.json(), { reason: 'RequestEntityTooLarge', code: 413 });
});

test('an unknown path is a 404 Status', async (t) => {
  const response = await fetch(`${front.url}/apis/example.com/v1/widgets`);
  t.is(response.status, 404);
  t.like(await response.json(), { message: 'the server could not find the requested resource', code: 404 });
});

test('a watch streams the changes after its resourceVersion as JSON lines', async (t) => {
  const listed = cluster.api.list('configmaps', 'default');
  if (!listed.ok) return t.fail();
  const controller = new AbortController();
  const response = await fetch(`${front.url}/api/v1/namespaces/default/configmaps?watch=true&resourceVersion=${listed.value.metadata.resourceVersion}`, {
    signal: controller.signal,
  });
  t.is(response.status, 200);
  const created = cluster.api.create('configmaps', 'default', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'watched' } });
  t.true(created.ok);
  cluster.clock.advance(1);
  const reader = response.body!.getReader();
  let text = '';
  while (!text.includes('\n')) {
    const chunk = await reader.read();
    if (chunk.done) break;
    text += new TextDecoder().decode(chunk.value);
  }
  controller.abort();
  const event = JSON.parse(text.split('\n')[0] ?? '') as { type: string; object: { kind: string; metadata: { name: string } } };
  t.is(event.type, 'ADDED');
  t.like(event.object, { kind: 'ConfigMap', metadata: { name: 'watched' } });
});
