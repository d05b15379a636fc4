import test from 'ava';
import type { KubeObject } from '../../src/api/types.js';
import { nodeIpamControllerFactory, nodeIpamControllerFactoryWith } from '../../src/controllers/nodeipam/node-ipam-controller.js';
import { CidrSet, formatCidr, parseCidr } from '../../src/controllers/nodeipam/cidr-set.js';
import { eventsFor, getObject, mustCreate, startControllers } from './garbagecollector-harness.js';

function node(name: string, podCIDR?: string): KubeObject {
  return { apiVersion: 'v1', kind: 'Node', metadata: { name }, spec: podCIDR ? { podCIDR, podCIDRs: [podCIDR] } : {} };
}

function podCidrs(h: { api: Parameters<typeof getObject>[0] }, name: string): unknown {
  const spec = getObject(h.api, 'nodes', '', name)?.['spec'] as { podCIDR?: string; podCIDRs?: string[] };
  return [spec.podCIDR, spec.podCIDRs];
}

test('nodes get /24 pod CIDRs from 10.244.0.0/16 in the order they register', (t) => {
  const h = startControllers([['node-ipam', nodeIpamControllerFactory]]);
  for (const name of ['kind-control-plane', 'kind-worker', 'kind-worker2']) mustCreate(h.api, 'nodes', '', node(name));
  h.settle();
  t.deepEqual(podCidrs(h, 'kind-control-plane'), ['10.244.0.0/24', ['10.244.0.0/24']]);
  t.deepEqual(podCidrs(h, 'kind-worker'), ['10.244.1.0/24', ['10.244.1.0/24']]);
  t.deepEqual(podCidrs(h, 'kind-worker2'), ['10.244.2.0/24', ['10.244.2.0/24']]);
  t.deepEqual(h.writes, ['patch nodes kind-control-plane', 'patch nodes kind-worker', 'patch nodes kind-worker2']);
  h.dispose();
});

test('CIDRs nodes already have are kept and never handed out again, even after a restart', (t) => {
  const h = startControllers([['node-ipam', nodeIpamControllerFactory]], {
    before: (api) => {
      mustCreate(api, 'nodes', '', node('a-new'));
      mustCreate(api, 'nodes', '', node('b-old', '10.244.0.0/24'));
    },
  });
  h.settle();
  t.deepEqual(podCidrs(h, 'b-old'), ['10.244.0.0/24', ['10.244.0.0/24']]);
  t.deepEqual(podCidrs(h, 'a-new'), ['10.244.1.0/24', ['10.244.1.0/24']]);
  t.deepEqual(h.writes, ['patch nodes a-new']);
  h.dispose();
});

test('an exhausted range gives the node a CIDRNotAvailable event, and a released CIDR goes to it', (t) => {
  const h = startControllers([['node-ipam', nodeIpamControllerFactoryWith({ clusterCidr: '10.244.0.0/23', nodeCidrMaskSize: 24 })]]);
  for (const name of ['n1', 'n2', 'n3']) mustCreate(h.api, 'nodes', '', node(name));
  h.settle();
  t.deepEqual(podCidrs(h, 'n3'), [undefined, undefined]);
  const events = eventsFor(h.api, 'default', 'Node', 'n3');
  t.deepEqual(events.map((e) => [e.type, e.reason, e.message, e.source]), [['Normal', 'CIDRNotAvailable', 'Node n3 status is now: CIDRNotAvailable', 'cidrAllocator']]);
  t.true(h.cluster.clock.idle, 'an exhausted range does not keep the cluster busy');
  h.api.delete('nodes', '', 'n1');
  h.settle();
  t.deepEqual(podCidrs(h, 'n3'), ['10.244.0.0/24', ['10.244.0.0/24']]);
  h.dispose();
});

test('the CIDR set continues after the last subnet it handed out and wraps around', (t) => {
  const set = new CidrSet({ base: 0x0a000000, prefix: 30 }, 31);
  const next = (): string => {
    const r = set.allocateNext();
    return r.ok ? formatCidr(r.value) : r.message;
  };
  t.is(next(), '10.0.0.0/31');
  t.is(next(), '10.0.0.2/31');
  t.is(next(), 'CIDR allocation failed; there are no remaining CIDRs left to allocate in the accepted range');
  set.release({ base: 0x0a000000, prefix: 31 });
  t.is(next(), '10.0.0.0/31');
  t.deepEqual(parseCidr('10.244.7.9/16'), { ok: true, value: { base: 0x0af40000, prefix: 16 } });
  t.false(parseCidr('10.244.0.0').ok);
});
