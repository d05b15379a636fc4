/**
 * Services end to end in a full cluster: the endpoints and EndpointSlice controllers follow the
 * pods the kubelets start, probe and stop, and the cloud service controller gives a LoadBalancer
 * Service its external IP. The clock is advanced explicitly; asserted is what kubectl would show.
 */
import test from 'ava';
import type { KubeObject } from '../../src/api/types.js';
import type { Cluster } from '../../src/cluster/cluster.js';
import { columns, create, deployment, fullCluster, get, list, pod } from './scenario-helpers.js';

interface Address {
  ip: string;
  nodeName?: string;
  targetRef?: { name: string };
}
interface Subset {
  addresses?: Address[];
  notReadyAddresses?: Address[];
  ports?: { name?: string; port: number; protocol: string }[];
}
interface SliceEndpoint {
  addresses: string[];
  conditions: { ready: boolean; serving: boolean; terminating: boolean };
  nodeName?: string;
  targetRef?: { name: string };
}

function service(name: string, type = 'ClusterIP'): KubeObject {
  return { apiVersion: 'v1', kind: 'Service', metadata: { name }, spec: { type, selector: { app: name }, ports: [{ name: 'http', port: 80, targetPort: 'http' }] } };
}

function subsets(cluster: Cluster, name: string): Subset[] {
  return (get(cluster, 'endpoints', name)?.['subsets'] as Subset[] | undefined) ?? [];
}

function sliceEndpoints(cluster: Cluster, name: string): SliceEndpoint[] {
  return list(cluster, 'endpointslices', 'default', `kubernetes.io/service-name=${name}`).flatMap((s) => (s['endpoints'] as SliceEndpoint[] | null) ?? []);
}

function webDeployment(replicas: number): KubeObject {
  const d = deployment('web', 'nginx:1.27', replicas);
  const template = (d['spec'] as { template: { spec: { containers: Record<string, unknown>[] } } }).template;
  template.spec.containers[0]!['ports'] = [{ name: 'http', containerPort: 8080 }];
  return d;
}

test('a Service lists the ready pods of a Deployment and its slices follow them as they are deleted', (t) => {
  const cluster = fullCluster(t);
  create(cluster, 'deployments', webDeployment(3));
  create(cluster, 'services', service('web'));
  cluster.clock.advance(30_000);

  const ready = subsets(cluster, 'web');
  t.is(ready.length, 1);
  t.is(ready[0]?.addresses?.length, 3);
  t.is(ready[0]?.notReadyAddresses, undefined);
  t.deepEqual(ready[0]?.ports, [{ name: 'http', port: 8080, protocol: 'TCP' }]);
  t.is(columns(cluster, get(cluster, 'endpoints', 'web')!)['Endpoints'], ready[0]!.addresses!.map((a) => `${a.ip}:8080`).join(','));
  const endpoints = sliceEndpoints(cluster, 'web');
  t.is(endpoints.length, 3);
  t.true(endpoints.every((e) => e.conditions.ready && e.conditions.serving && !e.conditions.terminating && e.nodeName !== undefined));

  // kubectl scale --replicas=2: one pod terminates; its slice shows it serving+terminating, then drops it.
  const seen: string[] = [];
  const watch = cluster.api.watch('endpointslices', 'default', {}, (event) => {
    for (const e of ((event.object as KubeObject)['endpoints'] as SliceEndpoint[] | null | undefined) ?? []) {
      if (e.conditions.terminating) seen.push(`${e.targetRef?.name ?? ''} ${JSON.stringify(e.conditions)}`);
    }
  });
  if (!watch.ok) return t.fail();
  t.teardown(() => watch.value.stop());
  const d = get(cluster, 'deployments', 'web')!;
  t.true(cluster.api.update('deployments', 'default', { ...d, spec: { ...(d['spec'] as object), replicas: 2 } }).ok);
  cluster.clock.advance(1_000);
  t.is(subsets(cluster, 'web')[0]?.addresses?.length, 2);
  const deleted = endpoints.map((e) => e.targetRef?.name ?? '').find((name) => get(cluster, 'pods', name) === undefined);
  t.true(seen.length > 0);
  t.true(seen.every((line) => line.startsWith(`${deleted ?? '?'} `)));
  t.true(seen.some((line) => line.endsWith('{"ready":false,"serving":true,"terminating":true}')));
  cluster.clock.advance(40_000);
  t.is(sliceEndpoints(cluster, 'web').length, 2);
});

test('a pod whose readiness probe fails is listed as not ready', (t) => {
  const cluster = fullCluster(t);
  create(cluster, 'services', service('web'));
  const container = { name: 'web', image: 'nginx:1.27', ports: [{ name: 'http', containerPort: 8080 }], readinessProbe: { httpGet: { path: '/', port: 8080 }, periodSeconds: 5 } };
  const failing = pod('web-sick', [container]);
  failing.metadata.labels = { app: 'web' };
  failing.metadata.annotations = { 'playground.k8s.io/readiness': 'fail' };
  const healthy = pod('web-ok', [container]);
  healthy.metadata.labels = { app: 'web' };
  create(cluster, 'pods', failing);
  create(cluster, 'pods', healthy);
  cluster.clock.advance(60_000);

  const [subset] = subsets(cluster, 'web');
  t.deepEqual(subset?.addresses?.map((a) => a.targetRef?.name), ['web-ok']);
  t.deepEqual(subset?.notReadyAddresses?.map((a) => a.targetRef?.name), ['web-sick']);
  const sick = sliceEndpoints(cluster, 'web').find((e) => e.targetRef?.name === 'web-sick');
  t.deepEqual(sick?.conditions, { ready: false, serving: false, terminating: false });
});

test('a LoadBalancer Service gets an external IP that kubectl shows, and keeps the Ensuring/Ensured events', (t) => {
  const cluster = fullCluster(t);
  create(cluster, 'deployments', webDeployment(3));
  create(cluster, 'services', service('web', 'LoadBalancer'));
  cluster.clock.advance(30_000);
  const svc = get(cluster, 'services', 'web')!;
  t.is(columns(cluster, svc)['External-IP'], '172.18.255.200');
  const reasons = list(cluster, 'events')
    .filter((e) => (e['involvedObject'] as { name: string }).name === 'web' && (e['source'] as { component: string }).component === 'service-controller')
    .map((e) => e['reason']);
  t.deepEqual(reasons, ['EnsuringLoadBalancer', 'EnsuredLoadBalancer']);
  t.is(subsets(cluster, 'web')[0]?.addresses?.length, 3);
});
