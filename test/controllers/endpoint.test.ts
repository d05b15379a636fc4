import test from 'ava';
import type { KubeObject } from '../../src/api/types.js';
import { rfc3339 } from '../../src/api/time.js';
import { endpointControllerFactory } from '../../src/controllers/endpoint/endpoints-controller.js';
import { repackSubsets } from '../../src/controllers/endpoint/subsets.js';
import { endpointSliceControllerFactory } from '../../src/controllers/endpointslice/endpointslice-controller.js';
import { planSlices } from '../../src/controllers/endpointslice/reconciler.js';
import type { SliceEndpoint } from '../../src/controllers/endpointslice/types.js';
import { getObject, mustCreate, startControllers, type Harness } from './garbagecollector-harness.js';
import { node, runPod, service, webPod } from './endpoint-fixtures.js';

function start(): Harness {
  const h = startControllers([
    ['endpoint', endpointControllerFactory],
    ['endpointslice', endpointSliceControllerFactory],
  ]);
  mustCreate(h.api, 'nodes', '', node('node-1', 'zone-a'));
  mustCreate(h.api, 'nodes', '', node('node-2'));
  return h;
}

function slicesOf(h: Harness, svc: string): KubeObject[] {
  const r = h.api.list('endpointslices', 'default', { labelSelector: `kubernetes.io/service-name=${svc}` });
  return r.ok ? r.value.items : [];
}

function endpointsOf(h: Harness, svc: string): KubeObject | undefined {
  return getObject(h.api, 'endpoints', 'default', svc);
}

const target = (pod: KubeObject): object => ({ kind: 'Pod', namespace: 'default', name: pod.metadata.name, uid: pod.metadata.uid });

test('endpoints and slices follow readiness as pods start, fail their probe, terminate and go', (t) => {
  const h = start();
  mustCreate(h.api, 'services', 'default', service('web'));
  const a = mustCreate(h.api, 'pods', 'default', webPod('web-a', 'web'));
  const b = mustCreate(h.api, 'pods', 'default', webPod('web-b', 'web', 'node-2'));
  h.settle();
  // Pods without an IP are not endpoints yet; the Service has its placeholder slice.
  t.is(endpointsOf(h, 'web')?.['subsets'], undefined);
  t.deepEqual(slicesOf(h, 'web').map((s) => s['endpoints']), [[]]);

  runPod(h.api, 'web-a', '10.244.1.5', true, h.cluster.clock.now());
  runPod(h.api, 'web-b', '10.244.2.7', false, h.cluster.clock.now());
  h.settle();
  t.deepEqual(endpointsOf(h, 'web')?.['subsets'], [
    {
      addresses: [{ ip: '10.244.1.5', nodeName: 'node-1', targetRef: target(a) }],
      notReadyAddresses: [{ ip: '10.244.2.7', nodeName: 'node-2', targetRef: target(b) }],
      ports: [{ name: 'http', port: 8080, protocol: 'TCP' }],
    },
  ]);
  const [slice] = slicesOf(h, 'web');
  t.deepEqual(slice?.['endpoints'], [
    { addresses: ['10.244.1.5'], conditions: { ready: true, serving: true, terminating: false }, targetRef: target(a), nodeName: 'node-1', zone: 'zone-a' },
    { addresses: ['10.244.2.7'], conditions: { ready: false, serving: false, terminating: false }, targetRef: target(b), nodeName: 'node-2' },
  ]);

  // web-a's readiness probe fails.
  runPod(h.api, 'web-a', '10.244.1.5', false, h.cluster.clock.now());
  h.settle();
  const subsets = endpointsOf(h, 'web')?.['subsets'] as { addresses?: unknown[]; notReadyAddresses?: unknown[] }[];
  t.is(subsets[0]?.addresses, undefined);
  t.is(subsets[0]?.notReadyAddresses?.length, 2);

  // web-a recovers, then is deleted with a grace period: it leaves Endpoints, and is serving+terminating in its slice.
  runPod(h.api, 'web-a', '10.244.1.5', true, h.cluster.clock.now());
  h.settle();
  t.true(h.api.delete('pods', 'default', 'web-a').ok);
  h.settle();
  t.deepEqual(endpointsOf(h, 'web')?.['subsets'], [
    { notReadyAddresses: [{ ip: '10.244.2.7', nodeName: 'node-2', targetRef: target(b) }], ports: [{ name: 'http', port: 8080, protocol: 'TCP' }] },
  ]);
  const terminating = (slicesOf(h, 'web')[0]?.['endpoints'] as SliceEndpoint[]).find((e) => e.targetRef?.name === 'web-a');
  t.deepEqual(terminating?.conditions, { ready: false, serving: true, terminating: true });

  // The kubelet's final delete removes it for good.
  t.true(h.api.delete('pods', 'default', 'web-a', { gracePeriodSeconds: 0 }).ok);
  h.settle();
  t.deepEqual((slicesOf(h, 'web')[0]?.['endpoints'] as SliceEndpoint[]).map((e) => e.targetRef?.name), ['web-b']);
  h.dispose();
});

test('a slice is named after its Service, labelled, owned by it and carries the resolved ports', (t) => {
  const h = start();
  const svc = mustCreate(h.api, 'services', 'default', service('web', { labels: { tier: 'front' }, ports: [{ name: 'http', port: 80, targetPort: 'http-web' }] }));
  mustCreate(h.api, 'pods', 'default', webPod('web-a', 'web'));
  runPod(h.api, 'web-a', '10.244.1.5', true, h.cluster.clock.now());
  h.settle();
  const [slice] = slicesOf(h, 'web');
  t.regex(slice?.metadata.name ?? '', /^web-[bcdfghjklmnpqrstvwxz2456789]{5}$/);
  t.deepEqual(slice?.metadata.labels, { tier: 'front', 'kubernetes.io/service-name': 'web', 'endpointslice.kubernetes.io/managed-by': 'endpointslice-controller.k8s.io' });
  t.deepEqual(slice?.metadata.ownerReferences, [{ apiVersion: 'v1', kind: 'Service', name: 'web', uid: svc.metadata.uid ?? '', controller: true, blockOwnerDeletion: true }]);
  t.is(slice?.['addressType'], 'IPv4');
  t.deepEqual(slice?.['ports'], [{ name: 'http', protocol: 'TCP', port: 8080 }]);
  t.deepEqual((endpointsOf(h, 'web')?.['subsets'] as { ports: unknown }[])[0]?.ports, [{ name: 'http', port: 8080, protocol: 'TCP' }]);
  t.deepEqual(endpointsOf(h, 'web')?.metadata.labels, { tier: 'front' });
  h.dispose();
});

test('a named targetPort a pod does not declare leaves that pod out', (t) => {
  const h = start();
  mustCreate(h.api, 'services', 'default', service('web', { ports: [{ name: 'http', port: 80, targetPort: 'metrics' }] }));
  mustCreate(h.api, 'pods', 'default', webPod('web-a', 'web'));
  runPod(h.api, 'web-a', '10.244.1.5', true, h.cluster.clock.now());
  h.settle();
  t.is(endpointsOf(h, 'web')?.['subsets'], undefined);
  // In slices the pod is listed with the ports it does serve: none.
  t.deepEqual(slicesOf(h, 'web').map((s) => [s['ports'], (s['endpoints'] as unknown[]).length]), [[undefined, 1]]);
  h.dispose();
});

test('a headless Service gets the headless label, and its pods are listed even without ports', (t) => {
  const h = start();
  mustCreate(h.api, 'services', 'default', service('db', { clusterIP: 'None', ports: [] }));
  mustCreate(h.api, 'pods', 'default', webPod('db-0', 'db'));
  runPod(h.api, 'db-0', '10.244.1.9', true, h.cluster.clock.now());
  h.settle();
  const endpoints = endpointsOf(h, 'db');
  t.deepEqual(endpoints?.metadata.labels, { 'service.kubernetes.io/headless': '' });
  t.deepEqual((endpoints?.['subsets'] as { addresses: { ip: string }[] }[])[0]?.addresses.map((a) => a.ip), ['10.244.1.9']);
  t.is(slicesOf(h, 'db')[0]?.metadata.labels?.['service.kubernetes.io/headless'], '');
  h.dispose();
});

test('publishNotReadyAddresses lists unready pods as ready', (t) => {
  const h = start();
  mustCreate(h.api, 'services', 'default', service('db', { publishNotReadyAddresses: true }));
  mustCreate(h.api, 'pods', 'default', webPod('db-0', 'db'));
  runPod(h.api, 'db-0', '10.244.1.9', false, h.cluster.clock.now());
  h.settle();
  t.is((endpointsOf(h, 'db')?.['subsets'] as { addresses: unknown[] }[])[0]?.addresses.length, 1);
  t.deepEqual((slicesOf(h, 'db')[0]?.['endpoints'] as SliceEndpoint[])[0]?.conditions, { ready: true, serving: false, terminating: false });
  h.dispose();
});

test('a Service without a selector gets neither Endpoints nor slices from the controllers', (t) => {
  const h = start();
  mustCreate(h.api, 'services', 'default', service('external', { selector: null }));
  h.settle();
  t.is(endpointsOf(h, 'external'), undefined);
  t.deepEqual(slicesOf(h, 'external'), []);
  // The API server's own `kubernetes` Endpoints is untouched.
  t.false(h.writes.some((w) => w.endsWith(' kubernetes')));
  h.dispose();
});

test('the last-change-trigger-time is the earliest change not yet seen, and the steady state writes nothing', (t) => {
  const h = start();
  mustCreate(h.api, 'services', 'default', service('web'));
  mustCreate(h.api, 'pods', 'default', webPod('web-a', 'web'));
  h.settle();
  const readyAt = h.cluster.clock.now();
  runPod(h.api, 'web-a', '10.244.1.5', true, readyAt);
  h.settle();
  t.is(endpointsOf(h, 'web')?.metadata.annotations?.['endpoints.kubernetes.io/last-change-trigger-time'], rfc3339(readyAt));
  t.is(slicesOf(h, 'web')[0]?.metadata.annotations?.['endpoints.kubernetes.io/last-change-trigger-time'], rfc3339(readyAt));
  h.writes.length = 0;
  const svc = getObject(h.api, 'services', 'default', 'web')!;
  t.true(h.api.update('services', 'default', { ...svc, metadata: { ...svc.metadata, annotations: { note: 'x' } } }).ok);
  h.settle();
  t.deepEqual(h.writes, []);
  h.dispose();
});

test('the Endpoints of a deleted Service are deleted', (t) => {
  const h = start();
  mustCreate(h.api, 'services', 'default', service('web'));
  h.settle();
  t.truthy(endpointsOf(h, 'web'));
  t.true(h.api.delete('services', 'default', 'web').ok);
  h.settle();
  t.is(endpointsOf(h, 'web'), undefined);
  h.dispose();
});

test('endpoints past 100 spill into a second slice, and a freed slot is filled in place', (t) => {
  const svc = service('big') as Parameters<typeof planSlices>[0];
  const owned = { ...svc, metadata: { ...svc.metadata, uid: 'u1' } };
  const endpoint = (i: number): SliceEndpoint => ({ addresses: [`10.0.${Math.floor(i / 250)}.${(i % 250) + 1}`], conditions: { ready: true, serving: true, terminating: false } });
  const ports = [{ name: 'http', protocol: 'TCP', port: 8080 }];
  const groups = new Map([['http/TCP/8080/', { ports, endpoints: Array.from({ length: 150 }, (_, i) => endpoint(i)) }]]);
  const first = planSlices(owned, [], groups, undefined, 100);
  t.deepEqual(first.create.map((s) => s.endpoints.length), [100, 50]);
  t.deepEqual([first.update, first.delete], [[], []]);
  const stored = first.create.map((s, i) => ({ ...s, metadata: { ...s.metadata, name: `big-${i}` } }));
  t.deepEqual(planSlices(owned, stored, groups, undefined, 100), { create: [], update: [], delete: [] });
  const fewer = new Map([['http/TCP/8080/', { ports, endpoints: Array.from({ length: 150 }, (_, i) => endpoint(i)).filter((_, i) => i !== 3) }]]);
  const next = planSlices(owned, stored, fewer, undefined, 100);
  t.deepEqual(next.update.map((s) => [s.metadata.name, s.endpoints.length]), [['big-0', 99]]);
});

test('repacking groups addresses that share ports and sorts them by IP', (t) => {
  const port = { name: '', port: 80, protocol: 'TCP' };
  t.deepEqual(
    repackSubsets([
      { address: { ip: '10.0.0.10' }, ports: [port], ready: true },
      { address: { ip: '10.0.0.9' }, ports: [port], ready: true },
      { address: { ip: '10.0.0.2' }, ports: [port], ready: false },
    ]),
    [{ addresses: [{ ip: '10.0.0.9' }, { ip: '10.0.0.10' }], notReadyAddresses: [{ ip: '10.0.0.2' }], ports: [port] }],
  );
});
