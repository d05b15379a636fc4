/**
 * Traffic, end to end on a full cluster: curl through CoreDNS, each node's kube-proxy rules and the
 * ingress controller, with the clock advanced explicitly.
 */
import test from 'ava';
import type { KubeObject } from '../../src/api/types.js';
import type { Cluster } from '../../src/cluster/cluster.js';
import { runCommand } from '../../src/cluster/commands/index.js';
import { isKubeProxy, type KubeProxy } from '../../src/network/kube-proxy.js';
import { create, deployment, fullCluster, get, list, run } from './scenario-helpers.js';

function service(name: string, spec: Record<string, unknown>): KubeObject {
  return { apiVersion: 'v1', kind: 'Service', metadata: { name }, spec: { selector: { app: name }, ports: [{ port: 80 }], ...spec } };
}

function proxy(cluster: Cluster, node: string): KubeProxy {
  const component = cluster.component(`kube-proxy/${node}`);
  if (!isKubeProxy(component)) throw new Error(`no kube-proxy on ${node}`);
  return component;
}

/** A cluster running Deployment `web` (3 replicas) behind Service `web`. */
function webCluster(t: Parameters<typeof fullCluster>[0]): Cluster {
  const cluster = fullCluster(t);
  create(cluster, 'deployments', deployment('web', 'nginx:1.27', 3));
  create(cluster, 'services', service('web', {}));
  cluster.clock.advance(60_000);
  return cluster;
}

test('the cluster starts with CoreDNS, the kube-dns Service and the default nginx IngressClass', (t) => {
  const cluster = fullCluster(t);
  cluster.clock.advance(30_000);
  const dns = get(cluster, 'services', 'kube-dns', 'kube-system');
  t.like(dns?.['spec'], { clusterIP: '10.96.0.10', ports: [{ name: 'dns', port: 53, protocol: 'UDP' }, { name: 'dns-tcp', port: 53, protocol: 'TCP' }, { name: 'metrics', port: 9153, protocol: 'TCP' }] });
  const coredns = list(cluster, 'pods', 'kube-system', 'k8s-app=kube-dns');
  t.is(coredns.length, 2);
  t.true(coredns.every((p) => (p['status'] as { phase?: string }).phase === 'Running'));
  const ingressClass = get(cluster, 'ingressclasses', 'nginx', '');
  t.is((ingressClass?.['spec'] as { controller?: string }).controller, 'k8s.io/ingress-nginx');
  t.is(proxy(cluster, 'node-1').state, 'synced');
});

test('300 requests to a Service over 3 endpoints are spread over all of them', (t) => {
  const cluster = webCluster(t);
  const out = run(cluster, 'curl -n 300 http://web');
  const counts = [...out.matchAll(/^\s*(\d+)\s+[\d.]+%\s+200 OK from (web-\S+)/gm)].map((m) => Number(m[1]));
  t.is(counts.length, 3, out);
  for (const n of counts) t.true(n >= 70 && n <= 130, out);
});

test('the same seed and commands give the same answers', (t) => {
  const a = webCluster(t);
  const b = webCluster(t);
  t.is(run(a, 'curl -n 50 http://web'), run(b, 'curl -n 50 http://web'));
});

test('one request names the pod that answered', (t) => {
  const cluster = webCluster(t);
  t.regex(run(cluster, 'curl http://web'), /^HTTP\/1\.1 200 OK from web-[a-z0-9]+-[a-z0-9]{5} \(10\.244\.\d+\.\d+\)$/);
});

test('a pod resolves a Service of its own namespace by its short name', (t) => {
  const cluster = webCluster(t);
  const client = list(cluster, 'pods', 'default', 'app=web')[0]!;
  t.regex(run(cluster, `curl --from pod/${client.metadata.name} http://web/`), /^HTTP\/1\.1 200 OK from web-/);
  t.regex(run(cluster, `curl --from pod/${client.metadata.name} http://kube-dns.kube-system:9153/metrics`), /^HTTP\/1\.1 200 OK from coredns-/);
});

test('an unknown host is a DNS failure', (t) => {
  const cluster = webCluster(t);
  t.deepEqual(runCommand(cluster, 'curl http://nope'), { ok: false, message: 'curl: (6) Could not resolve host: nope' });
});

test('a Service without ready endpoints refuses the connection', (t) => {
  const cluster = webCluster(t);
  create(cluster, 'services', service('empty', {}));
  cluster.clock.advance(5_000);
  t.deepEqual(runCommand(cluster, 'curl http://empty'), { ok: false, message: "curl: (7) Failed to connect to empty port 80 after 0 ms: Couldn't connect to server" });
});

test('a NodePort answers on every node address', (t) => {
  const cluster = webCluster(t);
  const created = create(cluster, 'services', service('web-np', { type: 'NodePort', selector: { app: 'web' } }));
  const nodePort = (created['spec'] as { ports: { nodePort: number }[] }).ports[0]!.nodePort;
  cluster.clock.advance(5_000);
  for (const ip of ['172.18.0.3', '172.18.0.4', '172.18.0.5']) t.regex(run(cluster, `curl http://${ip}:${nodePort}/`), /200 OK from web-/);
});

test("a killed node's kube-proxy keeps its stale rules until the node is revived", (t) => {
  const cluster = webCluster(t);
  const before = proxy(cluster, 'node-1').iptablesSave();
  run(cluster, 'kill-node node-1');
  t.is(proxy(cluster, 'node-1').state, 'stopped');
  run(cluster, 'scale deployment/web 5');
  cluster.clock.advance(60_000);
  t.is(proxy(cluster, 'node-1').iptablesSave(), before);
  t.not(proxy(cluster, 'node-2').iptablesSave(), before);
  run(cluster, 'revive-node node-1');
  cluster.clock.advance(5_000);
  t.is(proxy(cluster, 'node-1').state, 'synced');
  t.is(proxy(cluster, 'node-1').iptablesSave(), proxy(cluster, 'node-2').iptablesSave());
});

test('an Ingress routes two paths to two Services and publishes its address', (t) => {
  const cluster = webCluster(t);
  create(cluster, 'deployments', deployment('api', 'nginx:1.27', 2));
  create(cluster, 'services', service('api', {}));
  create(cluster, 'ingresses', {
    apiVersion: 'networking.k8s.io/v1',
    kind: 'Ingress',
    metadata: { name: 'site' },
    spec: {
      ingressClassName: 'nginx',
      rules: [
        {
          host: 'shop.example.com',
          http: {
            paths: [
              { path: '/', pathType: 'Prefix', backend: { service: { name: 'web', port: { number: 80 } } } },
              { path: '/api', pathType: 'Prefix', backend: { service: { name: 'api', port: { number: 80 } } } },
            ],
          },
        },
      ],
    },
  });
  cluster.clock.advance(60_000);
  t.regex(run(cluster, 'curl http://shop.example.com/'), /^HTTP\/1\.1 200 OK from web-/);
  t.regex(run(cluster, 'curl http://shop.example.com/api/items'), /^HTTP\/1\.1 200 OK from api-/);
  const status = get(cluster, 'ingresses', 'site')?.['status'] as { loadBalancer?: { ingress?: { ip?: string }[] } };
  t.deepEqual(status.loadBalancer?.ingress, [{ ip: '172.18.0.2' }]);
});
