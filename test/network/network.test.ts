import test from 'ava';
import { serviceChainName } from '../../src/network/chain-names.js';
import { lookup, resolveName, type DnsRecords } from '../../src/network/dns.js';
import { matchIngress, type Ingress } from '../../src/network/ingress-rules.js';
import type { EndpointSlice, Service } from '../../src/network/objects.js';
import { buildProxyRules } from '../../src/network/proxier.js';
import { walkRules } from '../../src/network/rule-walk.js';
import { formatProbability, formatRule } from '../../src/network/rules.js';

function service(name: string, spec: Service['spec'], namespace = 'default'): Service {
  return { apiVersion: 'v1', kind: 'Service', metadata: { name, namespace }, spec };
}

function slice(svc: string, ips: [string, boolean, string?][], port = 8080, namespace = 'default'): EndpointSlice {
  return {
    apiVersion: 'discovery.k8s.io/v1',
    kind: 'EndpointSlice',
    metadata: { name: `${svc}-abcde`, namespace, labels: { 'kubernetes.io/service-name': svc } },
    addressType: 'IPv4',
    endpoints: ips.map(([ip, ready, hostname]) => ({ addresses: [ip], conditions: { ready, serving: ready, terminating: false }, ...(hostname ? { hostname } : {}) })),
    ports: [{ name: '', port, protocol: 'TCP' }],
  };
}

const web = service('web', { clusterIP: '10.96.5.5', ports: [{ port: 80, protocol: 'TCP', targetPort: 8080 }] });

test('chain names are the ones real kube-proxy computes', (t) => {
  t.is(serviceChainName('kube-system/kube-dns:dns-tcp', 'TCP'), 'KUBE-SVC-ERIFXISQEP7F7OF4');
  t.is(serviceChainName('default/kubernetes:https', 'tcp'), 'KUBE-SVC-NPX46M4PTMTKRN6Y');
});

test('probabilities print as iptables-save prints them', (t) => {
  t.is(formatProbability(1 / 3), '0.33333333349');
  t.is(formatProbability(1 / 2), '0.50000000000');
});

test('a service over three endpoints gets 1/3, 1/2 and a last unconditional jump', (t) => {
  const rules = buildProxyRules([web], () => [slice('web', [['10.244.1.3', true], ['10.244.2.3', true], ['10.244.3.3', true]])]);
  const jumps = rules.filter((r) => r.chain.startsWith('KUBE-SVC-') && r.jump.startsWith('KUBE-SEP-')).map(formatRule);
  t.is(jumps.length, 3);
  t.regex(jumps[0]!, /-m comment --comment "default\/web -> 10\.244\.1\.3:8080" -m statistic --mode random --probability 0\.33333333349 -j KUBE-SEP-[A-Z2-7]{16}$/);
  t.regex(jumps[1]!, /--probability 0\.50000000000 -j KUBE-SEP-/);
  t.notRegex(jumps[2]!, /statistic/);
  t.true(rules.some((r) => r.jump === 'DNAT' && r.toDestination === '10.244.3.3:8080'));
});

test('only ready endpoints get rules, and a service without any is rejected in the filter table', (t) => {
  const rules = buildProxyRules([web], () => [slice('web', [['10.244.1.3', false]])]);
  t.false(rules.some((r) => r.jump === 'DNAT'));
  const reject = rules.find((r) => r.jump === 'REJECT');
  t.is(reject && formatRule(reject), '-A KUBE-SERVICES -d 10.96.5.5/32 -p tcp -m comment --comment "default/web has no endpoints" -m tcp --dport 80 -j REJECT --reject-with icmp-port-unreachable');
  t.is(walkRules(rules, { destination: '10.96.5.5', port: 80, protocol: 'tcp', destinationLocal: false }, () => 0).kind, 'reject');
});

test('serving terminating endpoints are used when none is ready', (t) => {
  const terminating: EndpointSlice = { ...slice('web', []), endpoints: [{ addresses: ['10.244.1.9'], conditions: { ready: false, serving: true, terminating: true } }] };
  const rules = buildProxyRules([web], () => [terminating]);
  t.true(rules.some((r) => r.jump === 'DNAT' && r.toDestination === '10.244.1.9:8080'));
});

test('a NodePort reaches the endpoints through KUBE-NODEPORTS and KUBE-EXT on a local address', (t) => {
  const np = service('np', { type: 'NodePort', clusterIP: '10.96.7.7', ports: [{ port: 80, protocol: 'TCP', nodePort: 30080 }] });
  const rules = buildProxyRules([np], () => [slice('np', [['10.244.1.3', true]])]);
  t.true(rules.some((r) => r.chain === 'KUBE-NODEPORTS' && r.jump.startsWith('KUBE-EXT-')));
  const verdict = walkRules(rules, { destination: '172.18.0.3', port: 30080, protocol: 'tcp', destinationLocal: true }, () => 0.9);
  t.like(verdict, { kind: 'dnat', ip: '10.244.1.3', port: 8080 });
  t.is(walkRules(rules, { destination: '172.18.0.3', port: 30080, protocol: 'tcp', destinationLocal: false }, () => 0.9).kind, 'accept');
});

test('a LoadBalancer ingress IP is matched in KUBE-SERVICES and sent to KUBE-EXT', (t) => {
  const lb: Service = { ...service('lb', { type: 'LoadBalancer', clusterIP: '10.96.8.8', ports: [{ port: 80, protocol: 'TCP', nodePort: 31000 }] }), status: { loadBalancer: { ingress: [{ ip: '172.18.255.200' }] } } };
  const rules = buildProxyRules([lb], () => [slice('lb', [['10.244.2.3', true]])]);
  t.true(rules.some((r) => r.chain === 'KUBE-SERVICES' && r.destination === '172.18.255.200/32' && r.jump.startsWith('KUBE-EXT-')));
  t.like(walkRules(rules, { destination: '172.18.255.200', port: 80, protocol: 'tcp', destinationLocal: false }, () => 0), { kind: 'dnat', ip: '10.244.2.3' });
});

const headless = service('db', { clusterIP: 'None', ports: [{ port: 5432 }] });
const records: DnsRecords = {
  service: (ns, name) => [web, headless].find((s) => s.metadata.name === name && s.metadata.namespace === ns),
  slices: (_ns, name) => (name === 'db' ? [slice('db', [['10.244.1.7', true, 'db-0'], ['10.244.2.7', true, 'db-1'], ['10.244.3.7', false, 'db-2']], 5432)] : []),
};

test('DNS answers a Service name with its ClusterIP, by full name and through the search path', (t) => {
  t.deepEqual(lookup(records, 'web.default.svc.cluster.local.'), { rcode: 'NOERROR', name: 'web.default.svc.cluster.local', addresses: ['10.96.5.5'] });
  t.like(resolveName(records, 'web', 'default'), { rcode: 'NOERROR', addresses: ['10.96.5.5'] });
  t.like(resolveName(records, 'web.default', 'other'), { rcode: 'NOERROR', addresses: ['10.96.5.5'] });
  t.is(resolveName(records, 'web', 'other').rcode, 'NXDOMAIN');
});

test('DNS answers a headless Service with its ready pod IPs and StatefulSet hostnames', (t) => {
  t.like(lookup(records, 'db.default.svc.cluster.local'), { rcode: 'NOERROR', addresses: ['10.244.1.7', '10.244.2.7'] });
  t.like(lookup(records, 'db-1.db.default.svc.cluster.local'), { rcode: 'NOERROR', addresses: ['10.244.2.7'] });
  t.is(lookup(records, 'db-2.db.default.svc.cluster.local').rcode, 'NXDOMAIN');
});

test('DNS answers pod A records and NXDOMAIN for anything else', (t) => {
  t.like(lookup(records, '10-244-1-3.default.pod.cluster.local'), { rcode: 'NOERROR', addresses: ['10.244.1.3'] });
  t.is(lookup(records, 'nope.default.svc.cluster.local').rcode, 'NXDOMAIN');
  t.is(resolveName(records, 'nope', 'default').rcode, 'NXDOMAIN');
});

test('an Ingress path matches whole elements, the longest wins and Exact beats Prefix', (t) => {
  const ing: Ingress = {
    apiVersion: 'networking.k8s.io/v1',
    kind: 'Ingress',
    metadata: { name: 'site', namespace: 'default' },
    spec: {
      rules: [
        {
          host: 'shop.example.com',
          http: {
            paths: [
              { path: '/', pathType: 'Prefix', backend: { service: { name: 'front', port: { number: 80 } } } },
              { path: '/api', pathType: 'Prefix', backend: { service: { name: 'api', port: { number: 80 } } } },
              { path: '/api/health', pathType: 'Exact', backend: { service: { name: 'health', port: { number: 80 } } } },
            ],
          },
        },
      ],
    },
  };
  t.is(matchIngress([ing], 'shop.example.com', '/api/v1/items')?.serviceName, 'api');
  t.is(matchIngress([ing], 'shop.example.com', '/apifoo')?.serviceName, 'front');
  t.is(matchIngress([ing], 'shop.example.com', '/api/health')?.serviceName, 'health');
  t.is(matchIngress([ing], 'other.example.com', '/api'), undefined);
});
