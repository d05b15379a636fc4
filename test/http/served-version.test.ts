import test from 'ava';
import type { KubeObject } from '../../src/api/types.js';
import { toServedVersion, toStoredVersion } from '../../src/apiserver/conversion.js';
import { RESOURCES } from '../../src/apiserver/registry.js';
import type { ApiFront } from '../../src/http/server.js';
import { hasKubectl, startKubectlFixture, type KubectlFixture } from './kubectl-harness.js';

type Json = Record<string, unknown>;

const HPA = RESOURCES.find((info) => info.kind === 'HorizontalPodAutoscaler')!;
const kubectlTest = hasKubectl ? test.serial : test.serial.skip;

// One cluster for both: fetch tests need only its front, kubectl tests also its kubeconfig.
let fixture: KubectlFixture;
let front: ApiFront;

test.before(async () => {
  fixture = await startKubectlFixture({ warmUpMs: 30_000 });
  front = fixture.front;
});

test.after.always(async () => {
  await fixture?.close();
});

const v1Path = (name = ''): string => `${front.url}/apis/autoscaling/v1/namespaces/default/horizontalpodautoscalers${name ? `/${name}` : ''}`;
const v2Path = (name = ''): string => `${front.url}/apis/autoscaling/v2/namespaces/default/horizontalpodautoscalers${name ? `/${name}` : ''}`;

async function send(url: string, method: string, body?: unknown): Promise<{ status: number; body: Json }> {
  const init: RequestInit = { method, headers: { 'content-type': 'application/json' } };
  if (body !== undefined) init.body = JSON.stringify(body);
  const response = await fetch(url, init);
  return { status: response.status, body: (await response.json()) as Json };
}

function v1Hpa(name: string, cpu: number): Json {
  return {
    apiVersion: 'autoscaling/v1',
    kind: 'HorizontalPodAutoscaler',
    metadata: { name },
    spec: { scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'web' }, minReplicas: 1, maxReplicas: 3, targetCPUUtilizationPercentage: cpu },
  };
}

test.serial('a POST on autoscaling/v1 answers the created HPA in v1', async (t) => {
  const created = await send(v1Path(), 'POST', v1Hpa('posted', 50));
  t.is(created.status, 201);
  t.is(created.body['apiVersion'], 'autoscaling/v1');
  t.like(created.body['spec'] as Json, { targetCPUUtilizationPercentage: 50, minReplicas: 1, maxReplicas: 3 });
  t.false('metrics' in (created.body['spec'] as Json));
  t.like(created.body['status'] as Json, { currentReplicas: 0, desiredReplicas: 0 });
});

test.serial('a GET on autoscaling/v1 answers v1 and on autoscaling/v2 the stored v2', async (t) => {
  const v1 = await send(v1Path('posted'), 'GET');
  t.is(v1.body['apiVersion'], 'autoscaling/v1');
  t.is((v1.body['spec'] as Json)['targetCPUUtilizationPercentage'], 50);
  const v2 = await send(v2Path('posted'), 'GET');
  t.is(v2.body['apiVersion'], 'autoscaling/v2');
  t.deepEqual((v2.body['spec'] as Json)['metrics'], [
    { type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 50 } } },
  ]);
  const managed = (body: Json): unknown => (body['metadata'] as Json)['managedFields'];
  t.deepEqual(managed(v1.body), managed(v2.body), 'managedFields keep the apiVersion they were written with');
});

test.serial('a LIST on autoscaling/v1 answers a v1 list of v1 items', async (t) => {
  const listed = await send(v1Path(), 'GET');
  t.is(listed.body['apiVersion'], 'autoscaling/v1');
  t.is(listed.body['kind'], 'HorizontalPodAutoscalerList');
  const items = listed.body['items'] as Json[];
  t.true(items.length > 0);
  for (const item of items) t.is(item['apiVersion'], 'autoscaling/v1');
});

test.serial('a WATCH on autoscaling/v1 streams v1 objects', async (t) => {
  const controller = new AbortController();
  const response = await fetch(`${v1Path()}?watch=true`, { signal: controller.signal });
  fixture.cluster.clock.advance(1);
  const reader = response.body!.getReader();
  let text = '';
  while (!text.includes('\n')) {
    const chunk = await reader.read();
    if (chunk.done) break;
    text += Buffer.from(chunk.value).toString('utf8');
  }
  controller.abort();
  const event = JSON.parse(text.split('\n')[0]!) as { type: string; object: Json };
  t.is(event.type, 'ADDED');
  t.is(event.object['apiVersion'], 'autoscaling/v1');
  t.is((event.object['spec'] as Json)['targetCPUUtilizationPercentage'], 50);
});

test.serial('what v1 cannot hold travels in the annotations and comes back on a v1 update', async (t) => {
  const v2 = {
    apiVersion: 'autoscaling/v2',
    kind: 'HorizontalPodAutoscaler',
    metadata: { name: 'memory' },
    spec: {
      scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'web' },
      maxReplicas: 4,
      metrics: [{ type: 'Resource', resource: { name: 'memory', target: { type: 'AverageValue', averageValue: '100Mi' } } }],
      behavior: { scaleDown: { stabilizationWindowSeconds: 60 } },
    },
  };
  t.is((await send(v2Path(), 'POST', v2)).status, 201);
  const v1 = (await send(v1Path('memory'), 'GET')).body;
  const annotations = (v1['metadata'] as Json)['annotations'] as Record<string, string>;
  t.is(annotations['autoscaling.alpha.kubernetes.io/metrics'], '[{"type":"Resource","resource":{"name":"memory","targetAverageValue":"100Mi"}}]');
  t.is(
    annotations['autoscaling.alpha.kubernetes.io/behavior'],
    '{"ScaleUp":{"StabilizationWindowSeconds":0,"SelectPolicy":"Max","Policies":[{"Type":"Pods","Value":4,"PeriodSeconds":15},' +
      '{"Type":"Percent","Value":100,"PeriodSeconds":15}]},"ScaleDown":{"StabilizationWindowSeconds":60,"SelectPolicy":"Max",' +
      '"Policies":[{"Type":"Percent","Value":100,"PeriodSeconds":15}]}}',
  );
  t.false('targetCPUUtilizationPercentage' in (v1['spec'] as Json));

  const updated = await send(v1Path('memory'), 'PUT', { ...v1, spec: { ...(v1['spec'] as Json), maxReplicas: 5 } });
  t.is(updated.status, 200);
  t.is(updated.body['apiVersion'], 'autoscaling/v1');
  const back = (await send(v2Path('memory'), 'GET')).body;
  const spec = back['spec'] as Json;
  t.is(spec['maxReplicas'], 5);
  t.deepEqual(spec['metrics'], v2.spec.metrics);
  t.like(spec['behavior'] as Json, { scaleDown: { stabilizationWindowSeconds: 60 } });
  t.is((back['metadata'] as Json)['annotations'], undefined, 'the round-trip annotations are never stored');
});

test.serial('a merge patch on autoscaling/v1 is written against the v1 shape and keeps what only v2 holds', async (t) => {
  const response = await fetch(v1Path('memory'), {
    method: 'PATCH',
    headers: { 'content-type': 'application/merge-patch+json' },
    body: JSON.stringify({ spec: { maxReplicas: 6, targetCPUUtilizationPercentage: 70 } }),
  });
  t.is(response.status, 200);
  const patched = (await response.json()) as Json;
  t.is(patched['apiVersion'], 'autoscaling/v1');
  t.like(patched['spec'] as Json, { maxReplicas: 6, targetCPUUtilizationPercentage: 70 });
  const stored = (await send(v2Path('memory'), 'GET')).body;
  const spec = stored['spec'] as Json;
  t.deepEqual(spec['metrics'], [
    { type: 'Resource', resource: { name: 'memory', target: { type: 'AverageValue', averageValue: '100Mi' } } },
    { type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 70 } } },
  ]);
  t.false('targetCPUUtilizationPercentage' in spec);
  t.is((stored['metadata'] as Json)['annotations'], undefined);
});

test.serial('a DELETE on autoscaling/v1 answers a Success Status', async (t) => {
  const deleted = await send(v1Path('memory'), 'DELETE');
  t.is(deleted.status, 200);
  t.like(deleted.body, { kind: 'Status', status: 'Success' });
});

test('the current CPU utilization and the conditions reach v1 as upstream converts them', (t) => {
  const stored = toStoredVersion(HPA, v1Hpa('status', 70) as unknown as KubeObject);
  const withStatus: KubeObject = {
    ...stored,
    status: {
      currentReplicas: 2,
      desiredReplicas: 2,
      currentMetrics: [{ type: 'Resource', resource: { name: 'cpu', current: { averageValue: '120m', averageUtilization: 60 } } }],
      conditions: [{ type: 'AbleToScale', status: 'True', lastTransitionTime: '2025-01-01T10:00:00Z', reason: 'ReadyForNewScale', message: 'ok' }],
    },
  };
  const v1 = toServedVersion(HPA, withStatus, 'v1');
  t.deepEqual(v1.status, { currentReplicas: 2, desiredReplicas: 2, currentCPUUtilizationPercentage: 60 });
  t.deepEqual(v1.spec, { scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'web' }, minReplicas: 1, maxReplicas: 3, targetCPUUtilizationPercentage: 70 });
  t.deepEqual(v1.metadata.annotations, {
    'autoscaling.alpha.kubernetes.io/current-metrics': '[{"type":"Resource","resource":{"name":"cpu","currentAverageUtilization":60,"currentAverageValue":"120m"}}]',
    'autoscaling.alpha.kubernetes.io/conditions':
      '[{"type":"AbleToScale","status":"True","lastTransitionTime":"2025-01-01T10:00:00Z","reason":"ReadyForNewScale","message":"ok"}]',
  });
  const again = toStoredVersion(HPA, v1);
  t.deepEqual(again.status, withStatus.status);
  t.is(again.metadata.annotations, undefined);
});

kubectlTest('kubectl autoscale names the HPA it created through autoscaling/v1', async (t) => {
  t.is((await fixture.kubectl('create', 'deployment', 'web', '--image=nginx')).code, 0);
  const run = await fixture.kubectl('autoscale', 'deployment', 'web', '--min=1', '--max=3', '--cpu-percent=50');
  t.is(run.stderr, '');
  t.is(run.stdout, 'horizontalpodautoscaler.autoscaling/web autoscaled\n');
  // The full name: kubectl 1.32's shortcut expander drops the version of `hpa.v1.autoscaling` (it reads v2, as against a real cluster).
  const yaml = await fixture.kubectl('get', 'horizontalpodautoscalers.v1.autoscaling', 'web', '-o', 'yaml');
  t.regex(yaml.stdout, /^apiVersion: autoscaling\/v1$/m);
  t.regex(yaml.stdout, /^ {2}targetCPUUtilizationPercentage: 50$/m);
});
