import test from 'ava';
import type { KubeObject } from '../../src/api/types.js';
import { horizontalPodAutoscalerControllerFactory } from '../../src/controllers/podautoscaler/horizontal.js';
import { eventsFor, getObject, mustCreate, startControllers, workload } from './garbagecollector-harness.js';

function hpa(name: string, target: { kind: string; name: string }, min: number, max: number): KubeObject {
  return {
    apiVersion: 'autoscaling/v2',
    kind: 'HorizontalPodAutoscaler',
    metadata: { name, namespace: 'default' },
    spec: {
      scaleTargetRef: { apiVersion: 'apps/v1', ...target },
      minReplicas: min,
      maxReplicas: max,
      metrics: [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 50 } } }],
    },
  };
}

function conditions(h: { api: Parameters<typeof getObject>[0] }, name: string): [string, string, string, string][] {
  const status = getObject(h.api, 'horizontalpodautoscalers', 'default', name)?.['status'] as { conditions?: { type: string; status: string; reason: string; message: string }[] };
  return (status.conditions ?? []).map((c) => [c.type, c.status, c.reason, c.message]);
}

const START = () => startControllers([['horizontalpodautoscaling', horizontalPodAutoscalerControllerFactory]]);

test('an HPA whose target does not exist cannot get its scale', (t) => {
  const h = START();
  mustCreate(h.api, 'horizontalpodautoscalers', 'default', hpa('php-apache', { kind: 'Deployment', name: 'php-apache' }, 1, 10));
  h.advance(14_999);
  t.deepEqual(h.writes, [], 'the first reconcile comes a sync period after the HPA');
  h.advance(1);
  t.deepEqual(conditions(h, 'php-apache'), [
    ['AbleToScale', 'False', 'FailedGetScale', 'the HPA controller was unable to get the target\'s current scale: deployments/scale.apps "php-apache" not found'],
  ]);
  t.deepEqual(eventsFor(h.api, 'default', 'HorizontalPodAutoscaler', 'php-apache').map((e) => [e.type, e.reason, e.message, e.source]), [
    ['Warning', 'FailedGetScale', 'deployments/scale.apps "php-apache" not found', 'horizontal-pod-autoscaler'],
  ]);
  h.dispose();
});

test('without a metrics API the HPA reports FailedGetResourceMetric and leaves the replicas alone', (t) => {
  const h = START();
  mustCreate(h.api, 'deployments', 'default', workload('Deployment', 'php-apache', { replicas: 1 }));
  mustCreate(h.api, 'horizontalpodautoscalers', 'default', hpa('php-apache', { kind: 'Deployment', name: 'php-apache' }, 1, 10));
  h.settle();
  t.deepEqual(conditions(h, 'php-apache'), [
    ['AbleToScale', 'True', 'SucceededGetScale', "the HPA controller was able to get the target's current scale"],
    [
      'ScalingActive',
      'False',
      'FailedGetResourceMetric',
      'the HPA was unable to compute the replica count: failed to get cpu utilization: unable to get metrics for resource cpu: unable to fetch metrics from resource metrics API: the server could not find the requested resource (get pods.metrics.k8s.io)',
    ],
  ]);
  const status = getObject(h.api, 'horizontalpodautoscalers', 'default', 'php-apache')?.['status'] as Record<string, unknown>;
  t.is(status['currentReplicas'], 1);
  t.deepEqual(status['currentMetrics'], [{ type: '' }]);
  t.deepEqual(eventsFor(h.api, 'default', 'HorizontalPodAutoscaler', 'php-apache').map((e) => [e.reason, e.message]), [
    ['FailedGetResourceMetric', 'failed to get cpu utilization: unable to get metrics for resource cpu: unable to fetch metrics from resource metrics API: the server could not find the requested resource (get pods.metrics.k8s.io)'],
    [
      'FailedComputeMetricsReplicas',
      'invalid metrics (1 invalid out of 1), first error is: failed to get cpu resource metric value: failed to get cpu utilization: unable to get metrics for resource cpu: unable to fetch metrics from resource metrics API: the server could not find the requested resource (get pods.metrics.k8s.io)',
    ],
  ]);
  t.is((getObject(h.api, 'deployments', 'default', 'php-apache')?.['spec'] as { replicas: number }).replicas, 1);
  t.true(h.cluster.clock.idle, 'the periodic reconcile is background work');
  h.writes.length = 0;
  h.advance(15_000);
  t.deepEqual(h.writes, [], 'a reconcile that changes nothing writes nothing');
  t.is(eventsFor(h.api, 'default', 'HorizontalPodAutoscaler', 'php-apache')[0]?.count, 2, 'the events repeat every 15 s');
  h.dispose();
});

test('a target below minReplicas is scaled up to it', (t) => {
  const h = START();
  mustCreate(h.api, 'replicasets', 'default', workload('ReplicaSet', 'frontend', { replicas: 1 }));
  mustCreate(h.api, 'horizontalpodautoscalers', 'default', hpa('frontend-scaler', { kind: 'ReplicaSet', name: 'frontend' }, 3, 10));
  h.settle();
  t.is((getObject(h.api, 'replicasets', 'default', 'frontend')?.['spec'] as { replicas: number }).replicas, 3);
  t.deepEqual(conditions(h, 'frontend-scaler'), [['AbleToScale', 'True', 'SucceededRescale', 'the HPA controller was able to update the target scale to 3']]);
  t.deepEqual(eventsFor(h.api, 'default', 'HorizontalPodAutoscaler', 'frontend-scaler').map((e) => [e.type, e.reason, e.message]), [
    ['Normal', 'SuccessfulRescale', 'New size: 3; reason: Current number of replicas below Spec.MinReplicas'],
  ]);
  const status = getObject(h.api, 'horizontalpodautoscalers', 'default', 'frontend-scaler')?.['status'] as Record<string, unknown>;
  t.like(status, { currentReplicas: 1, desiredReplicas: 3, lastScaleTime: '2025-01-01T00:00:15Z' });
  t.deepEqual(h.writes, ['patch replicasets frontend', 'update horizontalpodautoscalers/status frontend-scaler']);
  h.dispose();
});

test('a target above maxReplicas is scaled down to it', (t) => {
  const h = START();
  mustCreate(h.api, 'deployments', 'default', workload('Deployment', 'web', { replicas: 12 }));
  mustCreate(h.api, 'horizontalpodautoscalers', 'default', hpa('web', { kind: 'Deployment', name: 'web' }, 1, 10));
  h.settle();
  t.is((getObject(h.api, 'deployments', 'default', 'web')?.['spec'] as { replicas: number }).replicas, 10);
  t.deepEqual(eventsFor(h.api, 'default', 'HorizontalPodAutoscaler', 'web').map((e) => e.message), ['New size: 10; reason: Current number of replicas above Spec.MaxReplicas']);
  h.dispose();
});
