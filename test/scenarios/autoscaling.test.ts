import test from 'ava';
import type { KubeObject } from '../../src/api/types.js';
import type { Cluster } from '../../src/cluster/cluster.js';
import { runCommand } from '../../src/cluster/commands/index.js';
import { create, fullCluster, get, list, podTemplate } from './scenario-helpers.js';

interface Condition {
  type: string;
  status: string;
  reason: string;
  message: string;
}

function web(name: string, request: string | undefined, annotations: Record<string, string> = {}): KubeObject {
  const template = podTemplate(name, [{ name: 'app', image: 'registry.k8s.io/hpa-example', ...(request === undefined ? {} : { resources: { requests: { cpu: request } } }) }]);
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name },
    spec: { replicas: 1, selector: { matchLabels: { app: name } }, template: { ...template, metadata: { labels: { app: name }, annotations } } },
  };
}

function hpa(name: string, max: number): KubeObject {
  return {
    apiVersion: 'autoscaling/v2',
    kind: 'HorizontalPodAutoscaler',
    metadata: { name },
    spec: {
      scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name },
      minReplicas: 1,
      maxReplicas: max,
      metrics: [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 50 } } }],
    },
  };
}

function replicas(cluster: Cluster, name: string): number {
  return (get(cluster, 'deployments', name)?.['spec'] as { replicas: number }).replicas;
}

function hpaStatus(cluster: Cluster, name: string): { currentReplicas?: number; desiredReplicas?: number; currentMetrics?: unknown[]; conditions: Condition[] } {
  return get(cluster, 'horizontalpodautoscalers', name)?.['status'] as ReturnType<typeof hpaStatus>;
}

function condition(cluster: Cluster, name: string, type: string): [string, string, string] | undefined {
  const c = hpaStatus(cluster, name).conditions.find((x) => x.type === type);
  return c === undefined ? undefined : [c.status, c.reason, c.message];
}

function rescales(cluster: Cluster, name: string): string[] {
  const events = list(cluster, 'events').filter((e) => (e['involvedObject'] as { name?: string }).name === name && e['reason'] === 'SuccessfulRescale');
  return events.map((e) => String(e['message']));
}

function settle(cluster: Cluster, seconds: number): void {
  cluster.clock.advance(seconds * 1000);
  cluster.clock.runUntilIdle();
}

test('an HPA at 50% scales pods that use twice their request from 1 to 4, then up to maxReplicas', (t) => {
  const cluster = fullCluster(t);
  create(cluster, 'deployments', web('web', '100m', { 'playground.k8s.io/cpu': '200m' }));
  settle(cluster, 30);
  create(cluster, 'horizontalpodautoscalers', hpa('web', 6));
  settle(cluster, 16);
  t.is(replicas(cluster, 'web'), 4);
  t.deepEqual(rescales(cluster, 'web'), ['New size: 4; reason: cpu resource utilization (percentage of request) above target']);
  t.deepEqual(hpaStatus(cluster, 'web').currentMetrics, [{ type: 'Resource', resource: { name: 'cpu', current: { averageValue: '200m', averageUtilization: 200 } } }]);
  t.deepEqual(condition(cluster, 'web', 'ScalingActive'), ['True', 'ValidMetricFound', 'the HPA was able to successfully calculate a replica count from cpu resource utilization (percentage of request)']);
  t.deepEqual(condition(cluster, 'web', 'ScalingLimited'), ['False', 'DesiredWithinRange', 'the desired count is within the acceptable range']);
  settle(cluster, 180);
  t.is(replicas(cluster, 'web'), 6, 'never above maxReplicas');
  t.deepEqual(condition(cluster, 'web', 'ScalingLimited'), ['True', 'TooManyReplicas', 'the desired replica count is more than the maximum replica count']);
  t.deepEqual(condition(cluster, 'web', 'AbleToScale'), ['True', 'ReadyForNewScale', 'recommended size matches current size']);
  t.like(hpaStatus(cluster, 'web'), { currentReplicas: 6, desiredReplicas: 6 });
});

test('load on a Service scales its Deployment up, and back down only after the 5 minute stabilization window', (t) => {
  const cluster = fullCluster(t);
  create(cluster, 'deployments', web('php-apache', '200m'));
  create(cluster, 'services', { apiVersion: 'v1', kind: 'Service', metadata: { name: 'php-apache' }, spec: { selector: { app: 'php-apache' }, ports: [{ port: 80 }] } });
  settle(cluster, 30);
  create(cluster, 'horizontalpodautoscalers', hpa('php-apache', 10));
  settle(cluster, 16);
  t.is(replicas(cluster, 'php-apache'), 1, 'an idle Deployment stays at minReplicas');
  t.deepEqual(hpaStatus(cluster, 'php-apache').currentMetrics, [{ type: 'Resource', resource: { name: 'cpu', current: { averageValue: '1m', averageUtilization: 0 } } }]);
  cluster.parts?.metricsServer.setLoad('default', 'php-apache', 500);
  settle(cluster, 15);
  t.is(replicas(cluster, 'php-apache'), 4);
  t.deepEqual(condition(cluster, 'php-apache', 'ScalingLimited'), ['True', 'ScaleUpLimit', 'the desired replica count is increasing faster than the maximum scale rate']);
  settle(cluster, 120);
  t.is(replicas(cluster, 'php-apache'), 5, '501m over 5 pods of 200m is 50%: on target');
  cluster.parts?.metricsServer.setLoad('default', 'php-apache', 0);
  settle(cluster, 240);
  t.is(replicas(cluster, 'php-apache'), 5, 'still within the stabilization window');
  t.deepEqual(condition(cluster, 'php-apache', 'AbleToScale'), [
    'True',
    'ScaleDownStabilized',
    'recent recommendations were higher than current one, applying the highest recent recommendation',
  ]);
  settle(cluster, 90);
  t.is(replicas(cluster, 'php-apache'), 1);
  t.is(rescales(cluster, 'php-apache').at(-1), 'New size: 1; reason: All metrics below target');
  t.deepEqual(condition(cluster, 'php-apache', 'ScalingLimited'), ['True', 'TooFewReplicas', 'the desired replica count is less than the minimum replica count']);
});

test('pods without a CPU request give FailedGetResourceMetric with the missing request', (t) => {
  const cluster = fullCluster(t);
  create(cluster, 'deployments', web('nginx', undefined));
  settle(cluster, 30);
  create(cluster, 'horizontalpodautoscalers', hpa('nginx', 5));
  settle(cluster, 16);
  const pod = list(cluster, 'pods', 'default', 'app=nginx')[0]?.metadata.name ?? '';
  t.deepEqual(condition(cluster, 'nginx', 'ScalingActive'), [
    'False',
    'FailedGetResourceMetric',
    `the HPA was unable to compute the replica count: failed to get cpu utilization: missing request for cpu in container app of Pod ${pod}`,
  ]);
  t.is(replicas(cluster, 'nginx'), 1);
});

test('with the metrics-server stopped the HPA reports that the resource metrics API is missing', (t) => {
  const cluster = fullCluster(t);
  cluster.parts?.metricsServer.stop();
  create(cluster, 'deployments', web('web', '100m', { 'playground.k8s.io/cpu': '200m' }));
  settle(cluster, 30);
  create(cluster, 'horizontalpodautoscalers', hpa('web', 6));
  settle(cluster, 16);
  t.is(replicas(cluster, 'web'), 1);
  t.deepEqual(condition(cluster, 'web', 'ScalingActive'), [
    'False',
    'FailedGetResourceMetric',
    'the HPA was unable to compute the replica count: failed to get cpu utilization: unable to get metrics for resource cpu: unable to fetch metrics from resource metrics API: the server could not find the requested resource (get pods.metrics.k8s.io)',
  ]);
  t.deepEqual(runCommand(cluster, 'top pods'), { ok: false, message: 'error: Metrics API not available' });
});
