import test from 'ava';
import { createThreeWayMergePatch, createTwoWayMergePatch } from '../../src/api/patch/three-way-merge.js';
import { applyStrategicMergePatch } from '../../src/api/patch/strategic-merge-patch.js';
import type { PatchResult } from '../../src/api/patch/patch-result.js';
import { deepFreeze } from '../../src/api/freeze.js';
import type { JsonObject } from '../../src/api/types.js';

const LAST_APPLIED = 'kubectl.kubernetes.io/last-applied-configuration';

function value<T>(r: PatchResult<T>): T {
  if (!r.ok) throw new Error(`unexpected failure: ${r.message}`);
  return r.value;
}

/** What `kubectl apply` does with an existing object: the three-way patch, then the server applies it. All inputs deep-frozen. */
function apply(lastApplied: JsonObject | null, manifest: JsonObject, live: JsonObject, kind: string): { patch: JsonObject; result: JsonObject } {
  const [original, modified, current] = [lastApplied, manifest, live].map((o) => (o ? deepFreeze(structuredClone(o)) : o));
  const patch = value(createThreeWayMergePatch(original, modified!, current!, kind));
  const result = value(applyStrategicMergePatch(current!, deepFreeze(structuredClone(patch)), kind));
  return { patch, result };
}

function deployment(spec: JsonObject, annotations: Record<string, string> = {}): JsonObject {
  return { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web', namespace: 'default', annotations }, spec };
}

const v1Spec = {
  replicas: 2,
  selector: { matchLabels: { app: 'web' } },
  template: {
    metadata: { labels: { app: 'web' } },
    spec: { containers: [{ name: 'c', image: 'nginx:1.25', env: [{ name: 'MODE', value: 'blue' }] }] },
  },
};

/** The live object after v1 was applied and the server defaulted and updated it. */
function liveV1(extra: JsonObject = {}): JsonObject {
  return {
    ...deployment(
      {
        ...v1Spec,
        revisionHistoryLimit: 10,
        template: {
          metadata: { labels: { app: 'web' } },
          spec: {
            containers: [{ name: 'c', image: 'nginx:1.25', env: [{ name: 'MODE', value: 'blue' }], imagePullPolicy: 'IfNotPresent' }],
            restartPolicy: 'Always',
          },
        },
        ...extra,
      },
      { [LAST_APPLIED]: 'v1', 'deployment.kubernetes.io/revision': '1' },
    ),
    status: { replicas: 2, readyReplicas: 2 },
  };
}

test('apply of deployment v1 to v2 sends exactly the patch kubectl sends', (t) => {
  const v2 = deployment(
    {
      ...v1Spec,
      replicas: 3,
      template: {
        metadata: { labels: { app: 'web' } },
        spec: { containers: [{ name: 'c', image: 'nginx:1.26' }, { name: 'sidecar', image: 'busybox', command: ['sleep', 'infinity'] }] },
      },
    },
    { [LAST_APPLIED]: 'v2' },
  );
  const { patch, result } = apply(deployment(v1Spec), v2, liveV1(), 'Deployment');
  t.is(
    JSON.stringify(patch),
    '{"metadata":{"annotations":{"kubectl.kubernetes.io/last-applied-configuration":"v2"}},"spec":{"replicas":3,"template":{"spec":{' +
      '"$setElementOrder/containers":[{"name":"c"},{"name":"sidecar"}],' +
      '"containers":[{"env":null,"image":"nginx:1.26","name":"c"},{"command":["sleep","infinity"],"image":"busybox","name":"sidecar"}]}}}}',
  );
  const spec = result.spec as JsonObject;
  t.is(spec.replicas, 3);
  t.deepEqual(((spec.template as JsonObject).spec as JsonObject).containers, [
    { name: 'c', image: 'nginx:1.26', imagePullPolicy: 'IfNotPresent' },
    { command: ['sleep', 'infinity'], image: 'busybox', name: 'sidecar' },
  ]);
  t.deepEqual(result.status, { replicas: 2, readyReplicas: 2 }, 'status is never touched');
});

test('apply of a service whose port changed sends an element patch and a delete directive', (t) => {
  const svc = (port: number, annotations: Record<string, string> = {}): JsonObject => ({
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name: 'web', annotations },
    spec: { selector: { app: 'web' }, ports: [{ port, targetPort: 80 }] },
  });
  const live = { ...svc(80, { [LAST_APPLIED]: 'old' }), spec: { selector: { app: 'web' }, clusterIP: '10.96.0.20', type: 'ClusterIP', ports: [{ port: 80, targetPort: 80, protocol: 'TCP' }] } };
  const { patch, result } = apply(svc(80), svc(8080, { [LAST_APPLIED]: 'new' }), live, 'Service');
  t.is(
    JSON.stringify(patch),
    '{"metadata":{"annotations":{"kubectl.kubernetes.io/last-applied-configuration":"new"}},' +
      '"spec":{"$setElementOrder/ports":[{"port":8080}],"ports":[{"port":8080,"targetPort":80},{"$patch":"delete","port":80}]}}',
  );
  t.deepEqual((result.spec as JsonObject).ports, [{ port: 8080, targetPort: 80 }]);
  t.is((result.spec as JsonObject).clusterIP, '10.96.0.20');
});

test('replicas changed by kubectl scale survive an apply that does not mention replicas', (t) => {
  const { replicas: _omitted, ...specWithoutReplicas } = v1Spec;
  const manifest = deployment(specWithoutReplicas, { [LAST_APPLIED]: 'v1' });
  const live = liveV1({ replicas: 5 });
  const { patch, result } = apply(deployment(specWithoutReplicas), manifest, live, 'Deployment');
  t.deepEqual(patch, {});
  t.is((result.spec as JsonObject).replicas, 5);
});

test('a container removed from the manifest is removed from the live object', (t) => {
  const two = {
    ...v1Spec,
    template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'c', image: 'nginx:1.25' }, { name: 'sidecar', image: 'busybox' }] } },
  };
  const one = { ...v1Spec, template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'c', image: 'nginx:1.25' }] } } };
  const live = liveV1({
    template: {
      metadata: { labels: { app: 'web' } },
      spec: { containers: [{ name: 'c', image: 'nginx:1.25', imagePullPolicy: 'IfNotPresent' }, { name: 'sidecar', image: 'busybox', imagePullPolicy: 'Always' }] },
    },
  });
  const { patch, result } = apply(deployment(two), deployment(one, { [LAST_APPLIED]: 'v1' }), live, 'Deployment');
  t.deepEqual(patch, {
    spec: { template: { spec: { '$setElementOrder/containers': [{ name: 'c' }], containers: [{ $patch: 'delete', name: 'sidecar' }] } } },
  });
  t.deepEqual((((result.spec as JsonObject).template as JsonObject).spec as JsonObject).containers, [{ name: 'c', image: 'nginx:1.25', imagePullPolicy: 'IfNotPresent' }]);
});

test('an annotation added by someone else survives, one removed from the manifest is deleted', (t) => {
  const lastApplied = deployment(v1Spec, { team: 'a', owner: 'x' });
  const manifest = deployment(v1Spec, { team: 'b', [LAST_APPLIED]: 'v2' });
  const live = liveV1();
  (live.metadata as JsonObject).annotations = { team: 'a', owner: 'x', 'example.com/added-by-hand': 'yes', [LAST_APPLIED]: 'v1' };
  const { patch, result } = apply(lastApplied, manifest, live, 'Deployment');
  t.deepEqual(patch, { metadata: { annotations: { [LAST_APPLIED]: 'v2', owner: null, team: 'b' } } });
  t.deepEqual((result.metadata as JsonObject).annotations, { team: 'b', 'example.com/added-by-hand': 'yes', [LAST_APPLIED]: 'v2' });
});

test('applying an unchanged manifest computes an empty patch', (t) => {
  const manifest = deployment(v1Spec, { [LAST_APPLIED]: 'v1' });
  t.deepEqual(value(createThreeWayMergePatch(deployment(v1Spec), manifest, liveV1(), 'Deployment')), {});
});

test('switching a deployment to Recreate sends $retainKeys, which drops rollingUpdate', (t) => {
  const rolling = { ...v1Spec, strategy: { type: 'RollingUpdate' } };
  const recreate = { ...v1Spec, strategy: { type: 'Recreate' } };
  const live = liveV1({ strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: '25%', maxUnavailable: '25%' } } });
  const { patch, result } = apply(deployment(rolling), deployment(recreate, { [LAST_APPLIED]: 'v1' }), live, 'Deployment');
  t.deepEqual(patch, { spec: { strategy: { $retainKeys: ['type'], type: 'Recreate' } } });
  t.deepEqual((result.spec as JsonObject).strategy, { type: 'Recreate' });
});

test('a finalizer removed from the manifest is deleted, one added by a controller stays', (t) => {
  const cm = (finalizers: string[], annotations: Record<string, string> = {}): JsonObject => ({
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: { name: 'cfg', finalizers, annotations },
  });
  const live = cm(['example.com/a', 'example.com/b', 'example.com/controller'], { [LAST_APPLIED]: 'v1' });
  const { patch, result } = apply(cm(['example.com/a', 'example.com/b']), cm(['example.com/a'], { [LAST_APPLIED]: 'v1' }), live, 'ConfigMap');
  t.deepEqual(patch, { metadata: { '$deleteFromPrimitiveList/finalizers': ['example.com/b'], '$setElementOrder/finalizers': ['example.com/a'] } });
  t.deepEqual((result.metadata as JsonObject).finalizers, ['example.com/a', 'example.com/controller']);
});

test('the first apply over an object without last-applied only sets fields', (t) => {
  const manifest = deployment(v1Spec, { [LAST_APPLIED]: 'v1' });
  const live = { ...liveV1({ replicas: 7 }) };
  const patch = value(createThreeWayMergePatch(null, manifest, live, 'Deployment'));
  t.deepEqual(patch, { spec: { replicas: 2 } });
});

test('a two-way patch is what kubectl set image sends', (t) => {
  const before = deployment(v1Spec);
  const after = deployment({ ...v1Spec, template: { ...v1Spec.template, spec: { containers: [{ ...v1Spec.template.spec.containers[0]!, image: 'nginx:1.27' }] } } });
  const patch = value(createTwoWayMergePatch(deepFreeze(before), deepFreeze(after), 'Deployment'));
  t.is(JSON.stringify(patch), '{"spec":{"template":{"spec":{"$setElementOrder/containers":[{"name":"c"}],"containers":[{"image":"nginx:1.27","name":"c"}]}}}}');
});

test('a manifest list element without its merge key fails as a value', (t) => {
  const bad = deployment({ ...v1Spec, template: { spec: { containers: [{ image: 'x' }] } } });
  const r = createThreeWayMergePatch(deployment(v1Spec), bad, liveV1(), 'Deployment');
  t.deepEqual(r, { ok: false, message: 'map: map[image:x] does not contain declared merge key: name', code: 500 });
});
