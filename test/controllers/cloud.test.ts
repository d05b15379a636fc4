import test from 'ava';
import { serviceLoadBalancerControllerFactory } from '../../src/controllers/cloud/service-lb-controller.js';
import { LoadBalancerIPPool } from '../../src/controllers/cloud/ip-pool.js';
import { formatTable, printTable } from '../../src/printers/index.js';
import { eventsFor, getObject, mustCreate, startControllers, type Harness } from './garbagecollector-harness.js';
import { service } from './endpoint-fixtures.js';

function start(): Harness {
  return startControllers([['service-lb-controller', serviceLoadBalancerControllerFactory]]);
}

const ingressOf = (h: Harness, name: string): unknown =>
  (getObject(h.api, 'services', 'default', name)?.['status'] as { loadBalancer?: { ingress?: unknown } } | undefined)?.loadBalancer?.ingress;

test('a LoadBalancer Service gets the first pool address, a finalizer and the Ensuring/Ensured events', (t) => {
  const h = start();
  mustCreate(h.api, 'services', 'default', service('web', { type: 'LoadBalancer' }));
  h.settle();
  t.deepEqual(ingressOf(h, 'web'), [{ ip: '172.18.255.200', ipMode: 'VIP' }]);
  t.deepEqual(getObject(h.api, 'services', 'default', 'web')?.metadata.finalizers, ['service.kubernetes.io/load-balancer-cleanup']);
  t.deepEqual(
    eventsFor(h.api, 'default', 'Service', 'web').map((e) => [e.type, e.reason, e.message, e.source]),
    [
      ['Normal', 'EnsuringLoadBalancer', 'Ensuring load balancer', 'service-controller'],
      ['Normal', 'EnsuredLoadBalancer', 'Ensured load balancer', 'service-controller'],
    ],
  );
  t.deepEqual(h.writes, ['patch services web', 'update services/status web']);
  h.dispose();
});

test('kubectl get services shows the external IP', (t) => {
  const h = start();
  mustCreate(h.api, 'services', 'default', service('web', { type: 'LoadBalancer' }));
  h.settle();
  const list = h.api.list('services', 'default');
  if (!list.ok) return t.fail();
  const table = formatTable(printTable('Service', list.value.items.filter((s) => s.metadata.name === 'web'), { now: h.cluster.clock.now() }));
  t.regex(table, /web\s+LoadBalancer\s+\S+\s+172\.18\.255\.200\s+80:\d+\/TCP/);
  h.dispose();
});

test('deleting the Service releases its address for the next one', (t) => {
  const h = start();
  mustCreate(h.api, 'services', 'default', service('a', { type: 'LoadBalancer' }));
  mustCreate(h.api, 'services', 'default', service('b', { type: 'LoadBalancer' }));
  h.settle();
  t.true(h.api.delete('services', 'default', 'a').ok);
  h.settle();
  t.is(getObject(h.api, 'services', 'default', 'a'), undefined);
  t.deepEqual(eventsFor(h.api, 'default', 'Service', 'a').map((e) => e.reason).slice(-2), ['DeletingLoadBalancer', 'DeletedLoadBalancer']);
  mustCreate(h.api, 'services', 'default', service('c', { type: 'LoadBalancer' }));
  h.settle();
  t.deepEqual(ingressOf(h, 'c'), [{ ip: '172.18.255.200', ipMode: 'VIP' }]);
  t.deepEqual(ingressOf(h, 'b'), [{ ip: '172.18.255.201', ipMode: 'VIP' }]);
  h.dispose();
});

test('a Service changed to ClusterIP loses its load balancer, finalizer and status', (t) => {
  const h = start();
  mustCreate(h.api, 'services', 'default', service('web', { type: 'LoadBalancer' }));
  h.settle();
  const svc = getObject(h.api, 'services', 'default', 'web')!;
  const { externalTrafficPolicy: _e, allocateLoadBalancerNodePorts: _a, ...rest } = svc['spec'] as Record<string, unknown>;
  const spec = { ...rest, type: 'ClusterIP', ports: [{ name: 'http', port: 80, targetPort: 8080 }] };
  const updated = h.api.update('services', 'default', { ...svc, spec });
  t.true(updated.ok, updated.ok ? '' : updated.status.message);
  h.settle();
  const after = getObject(h.api, 'services', 'default', 'web')!;
  t.is(after.metadata.finalizers, undefined);
  t.deepEqual((after['status'] as { loadBalancer?: unknown }).loadBalancer, {});
  h.dispose();
});

test('a Service with another loadBalancerClass is left alone', (t) => {
  const h = start();
  mustCreate(h.api, 'services', 'default', service('web', { type: 'LoadBalancer', loadBalancerClass: 'example.com/lb' }));
  h.settle();
  t.is(ingressOf(h, 'web'), undefined);
  t.deepEqual(h.writes, []);
  h.dispose();
});

test('the pool hands out the lowest free address, honours a requested one and runs out after 51', (t) => {
  const pool = new LoadBalancerIPPool();
  t.is(pool.allocate('default/a'), '172.18.255.200');
  t.is(pool.allocate('default/b', '172.18.255.240'), '172.18.255.240');
  t.is(pool.allocate('default/c', '172.18.255.240'), undefined);
  t.is(pool.allocate('default/a'), '172.18.255.200');
  for (let i = 0; i < 48; i++) t.truthy(pool.allocate(`default/x${i}`));
  t.is(pool.allocate('default/last'), '172.18.255.250');
  t.is(pool.allocate('default/none'), undefined);
  t.true(pool.release('default/a'));
  t.is(pool.allocate('default/none'), '172.18.255.200');
});
