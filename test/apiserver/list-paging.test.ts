import test from 'ava';
import type { KubeList, KubeObject } from '../../src/api/types.js';
import type { Result } from '../../src/api/result.js';
import type { ListOptions } from '../../src/apiserver/types.js';
import { Cluster } from '../../src/cluster/cluster.js';
import { decodeContinue, encodeContinue } from '../../src/apiserver/list-paging-token.js';
import { INCONSISTENT_CONTINUE } from '../../src/apiserver/list-paging.js';

function pod(name: string, labels: Record<string, string> = {}): KubeObject {
  return { apiVersion: 'v1', kind: 'Pod', metadata: { name, labels }, spec: { containers: [{ name: 'c', image: 'nginx:1.27' }] } };
}

function must<T>(result: Result<T>): T {
  if (!result.ok) throw new Error(`unexpected failure: ${result.status.message}`);
  return result.value;
}

/** A bare API server with `count` pods `pod-00`… in `default` (every third labelled tier=db). */
function clusterWithPods(count: number, namespace = 'default'): Cluster {
  const cluster = new Cluster();
  if (namespace !== 'default') must(cluster.api.create('namespaces', '', { apiVersion: 'v1', kind: 'Namespace', metadata: { name: namespace } }));
  for (let i = 0; i < count; i++) {
    const name = `pod-${String(i).padStart(2, '0')}`;
    must(cluster.api.create('pods', namespace, pod(name, i % 3 === 0 ? { tier: 'db' } : { tier: 'web' })));
  }
  return cluster;
}

function names(list: KubeList): string[] {
  return list.items.map((item) => item.metadata.name ?? '');
}

/** Follows continue tokens as kubectl does; answers every page. */
function allPages(cluster: Cluster, namespace: string, options: ListOptions): KubeList[] {
  const pages: KubeList[] = [];
  let token: string | undefined;
  do {
    const page = must(cluster.api.list('pods', namespace, { ...options, ...(token ? { continue: token } : {}) }));
    pages.push(page);
    token = page.metadata.continue;
  } while (token);
  return pages;
}

function failure(result: Result<unknown>): { code: number; reason?: string; message?: string; metadata?: unknown } {
  if (result.ok) throw new Error('expected a failure');
  return result.status;
}

test('a list with a limit answers that many items, a continue token and the count of the rest', (t) => {
  const cluster = clusterWithPods(10);
  const page = must(cluster.api.list('pods', 'default', { limit: 4 }));
  t.deepEqual(names(page), ['pod-00', 'pod-01', 'pod-02', 'pod-03']);
  t.truthy(page.metadata.continue);
  t.is((page.metadata as { remainingItemCount?: number }).remainingItemCount, 6);
});

test('following continue tokens lists every object exactly once, in key order, and the last page has no token', (t) => {
  const cluster = clusterWithPods(10);
  const pages = allPages(cluster, 'default', { limit: 3 });
  t.deepEqual(pages.map((p) => p.items.length), [3, 3, 3, 1]);
  t.deepEqual(pages.flatMap(names), names(must(cluster.api.list('pods', 'default'))));
  t.is(pages.at(-1)!.metadata.continue, undefined);
  t.is((pages.at(-1)!.metadata as { remainingItemCount?: number }).remainingItemCount, undefined);
});

test('the continue token is upstream\'s: unpadded base64url JSON with v, rv and the next key after the prefix', (t) => {
  const cluster = clusterWithPods(5);
  const page = must(cluster.api.list('pods', 'default', { limit: 2 }));
  const json = Buffer.from(page.metadata.continue!, 'base64url').toString('utf8');
  t.is(json, `{"v":"meta.k8s.io/v1","rv":${page.metadata.resourceVersion},"start":"pod-01\\u0000"}`);
  t.notRegex(page.metadata.continue!, /[=+/]/);
});

test('a continued page is served at the first page\'s resourceVersion, whatever changed since', (t) => {
  const cluster = clusterWithPods(6);
  const first = must(cluster.api.list('pods', 'default', { limit: 3 }));
  must(cluster.api.delete('pods', 'default', 'pod-04', { gracePeriodSeconds: 0 }));
  must(cluster.api.create('pods', 'default', pod('pod-03a')));
  must(cluster.api.patch('pods', 'default', 'pod-05', 'merge', { metadata: { labels: { changed: 'yes' } } }));
  const second = must(cluster.api.list('pods', 'default', { limit: 3, continue: first.metadata.continue! }));
  t.deepEqual(names(second), ['pod-03', 'pod-04', 'pod-05']);
  t.is(second.metadata.resourceVersion, first.metadata.resourceVersion);
  t.is(second.items[2]!.metadata.labels?.['changed'], undefined);
});

test('selectors filter before the limit counts, and a filtered page gives no remainingItemCount', (t) => {
  const cluster = clusterWithPods(12);
  const pages = allPages(cluster, 'default', { limit: 2, labelSelector: 'tier=db' });
  // As etcd3's GetList: a full page with keys left after it gets a token, even if none of them match.
  t.deepEqual(pages.map(names), [['pod-00', 'pod-03'], ['pod-06', 'pod-09'], []]);
  t.is((pages[0]!.metadata as { remainingItemCount?: number }).remainingItemCount, undefined);
});

test('paging across all namespaces goes namespace by namespace and keeps each item\'s namespace', (t) => {
  const cluster = clusterWithPods(3);
  for (let i = 0; i < 3; i++) must(cluster.api.create('pods', 'kube-public', pod(`a-${i}`)));
  const pages = allPages(cluster, '', { limit: 2 });
  t.deepEqual(pages.flatMap((p) => p.items.map((i) => `${i.metadata.namespace}/${i.metadata.name}`)), [
    'default/pod-00', 'default/pod-01', 'default/pod-02', 'kube-public/a-0', 'kube-public/a-1', 'kube-public/a-2',
  ]);
});

test('a continue token whose revision was compacted is 410 Expired carrying a token to go on at the latest revision', (t) => {
  const cluster = clusterWithPods(6);
  const first = must(cluster.api.list('pods', 'default', { limit: 2 }));
  must(cluster.api.create('pods', 'default', pod('pod-99')));
  cluster.etcd.compact(cluster.etcd.revision);
  const expired = failure(cluster.api.list('pods', 'default', { limit: 2, continue: first.metadata.continue! }));
  t.is(expired.code, 410);
  t.is(expired.reason, 'Expired');
  t.is(expired.message, INCONSISTENT_CONTINUE);
  const token = (expired.metadata as { continue?: string }).continue!;
  t.deepEqual(decodeContinue(token, '/registry/pods/default/'), { ok: true, value: { fromKey: '/registry/pods/default/pod-01\u0000', revision: -1 } });
  const rest = allPages(cluster, 'default', { limit: 10, continue: token });
  t.deepEqual(rest.flatMap(names), ['pod-02', 'pod-03', 'pod-04', 'pod-05', 'pod-99']);
  t.is(rest[0]!.metadata.resourceVersion, String(cluster.etcd.revision));
});

test('a continue token that is not base64url is a 400 naming the bad byte', (t) => {
  const cluster = clusterWithPods(1);
  const bad = failure(cluster.api.list('pods', 'default', { limit: 2, continue: 'abc!' }));
  t.is(bad.code, 400);
  t.is(bad.reason, 'BadRequest');
  t.is(bad.message, 'invalid continue token: continue key is not valid: illegal base64 data at input byte 3');
});

test('continue tokens with no revision, no start key, another version or a key outside the list are refused', (t) => {
  const cluster = clusterWithPods(1);
  const token = (body: object): string => Buffer.from(JSON.stringify(body)).toString('base64url');
  const message = (body: object): string | undefined => failure(cluster.api.list('pods', 'default', { continue: token(body) })).message;
  t.is(message({ v: 'meta.k8s.io/v1', rv: 0, start: 'a' }), 'invalid continue token: continue key is not valid: incorrect encoded start resourceVersion (version meta.k8s.io/v1)');
  t.is(message({ v: 'meta.k8s.io/v1', rv: 5, start: '' }), 'invalid continue token: continue key is not valid: encoded start key empty (version meta.k8s.io/v1)');
  t.is(message({ v: 'v2', rv: 5, start: 'a' }), 'invalid continue token: continue key is not valid: server does not recognize this encoded version v2');
  t.is(message({ v: 'meta.k8s.io/v1', rv: 5, start: '../secrets/x' }), 'invalid continue token: continue key is not valid: ../secrets/x');
});

test('continue with a resourceVersion other than "" or "0" is a 400', (t) => {
  const cluster = clusterWithPods(3);
  const first = must(cluster.api.list('pods', 'default', { limit: 1 }));
  const bad = failure(cluster.api.list('pods', 'default', { limit: 1, continue: first.metadata.continue!, resourceVersion: '5' }));
  t.is(bad.code, 400);
  t.is(bad.message, 'specifying resource version is not allowed when using continue');
});

test('resourceVersionMatch is validated as upstream: 422 on ListOptions', (t) => {
  const cluster = clusterWithPods(1);
  const noVersion = failure(cluster.api.list('pods', 'default', { resourceVersionMatch: 'NotOlderThan' }));
  t.is(noVersion.code, 422);
  t.is(noVersion.message, 'ListOptions.meta.k8s.io "" is invalid: resourceVersionMatch: Forbidden: resourceVersionMatch is forbidden unless resourceVersion is provided');
  const exactZero = failure(cluster.api.list('pods', 'default', { resourceVersion: '0', resourceVersionMatch: 'Exact' }));
  t.is(exactZero.message, 'ListOptions.meta.k8s.io "" is invalid: resourceVersionMatch: Forbidden: resourceVersionMatch "exact" is forbidden for resourceVersion "0"');
  const unknown = failure(cluster.api.list('pods', 'default', { resourceVersion: '1', resourceVersionMatch: 'Newest' }));
  t.is(unknown.message, 'ListOptions.meta.k8s.io "" is invalid: resourceVersionMatch: Unsupported value: "Newest": supported values: "Exact", "NotOlderThan", ""');
});

test('resourceVersion=0 with a limit answers every object and no continue, as the watch cache does', (t) => {
  const cluster = clusterWithPods(5);
  const list = must(cluster.api.list('pods', 'default', { limit: 2, resourceVersion: '0' }));
  t.is(list.items.length, 5);
  t.is(list.metadata.continue, undefined);
});

test('resourceVersionMatch=Exact lists the objects as they were at that revision', (t) => {
  const cluster = clusterWithPods(3);
  const before = String(cluster.etcd.revision);
  must(cluster.api.create('pods', 'default', pod('pod-99')));
  const list = must(cluster.api.list('pods', 'default', { resourceVersion: before, resourceVersionMatch: 'Exact' }));
  t.deepEqual(names(list), ['pod-00', 'pod-01', 'pod-02']);
  t.is(list.metadata.resourceVersion, before);
});

test('an exact list at a compacted revision is 410 with upstream\'s message', (t) => {
  const cluster = clusterWithPods(3);
  const before = String(cluster.etcd.revision);
  must(cluster.api.create('pods', 'default', pod('pod-99')));
  cluster.etcd.compact(cluster.etcd.revision);
  const expired = failure(cluster.api.list('pods', 'default', { resourceVersion: before, limit: 10 }));
  t.is(expired.code, 410);
  t.is(expired.message, 'The resourceVersion for the provided list is too old.');
});

test('a resourceVersion newer than the store is 504 Too large resource version', (t) => {
  const cluster = clusterWithPods(1);
  const current = cluster.etcd.revision;
  const tooNew = failure(cluster.api.list('pods', 'default', { resourceVersion: String(current + 100) }));
  t.is(tooNew.code, 504);
  t.is(tooNew.reason, 'Timeout');
  t.is(tooNew.message, `Timeout: Too large resource version: ${current + 100}, current: ${current}`);
});

test('a resourceVersion that is not a number is a 400', (t) => {
  const cluster = clusterWithPods(1);
  const bad = failure(cluster.api.list('pods', 'default', { resourceVersion: 'abc', limit: 5 }));
  t.is(bad.code, 400);
  t.is(bad.message, 'invalid resource version: resourceVersion: Invalid value: "abc": strconv.ParseUint: parsing "abc": invalid syntax');
});

test('a list without a limit answers everything with no continue token', (t) => {
  const cluster = clusterWithPods(30);
  const list = must(cluster.api.list('pods', 'default'));
  t.is(list.items.length, 30);
  t.deepEqual(Object.keys(list.metadata), ['resourceVersion']);
});

test('encodeContinue and decodeContinue round-trip a key under its prefix', (t) => {
  const token = encodeContinue('/registry/pods/ns/web-1\u0000', '/registry/pods/', 42);
  t.deepEqual(decodeContinue(token, '/registry/pods/'), { ok: true, value: { fromKey: '/registry/pods/ns/web-1\u0000', revision: 42 } });
});
