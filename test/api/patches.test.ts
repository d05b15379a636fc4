import test from 'ava';
import { applyMergePatch, createMergePatch } from '../../src/api/patch/json-merge-patch.js';
import { applyJsonPatch } from '../../src/api/patch/json-patch.js';
import { applyStrategicMergePatch } from '../../src/api/patch/strategic-merge-patch.js';
import { patchStrategyFor } from '../../src/api/patch/patch-meta.js';
import type { PatchResult } from '../../src/api/patch/patch-result.js';
import { deepFreeze } from '../../src/api/freeze.js';
import type { JsonObject, JsonValue } from '../../src/api/types.js';

function value<T>(r: PatchResult<T>): T {
  if (!r.ok) throw new Error(`unexpected failure: ${r.message}`);
  return r.value;
}

function smp(original: JsonObject, patch: JsonValue, kind: string): JsonObject {
  return value(applyStrategicMergePatch(deepFreeze(structuredClone(original)), deepFreeze(structuredClone(patch)), kind));
}

// ---- JSON merge patch (RFC 7386) ----

test('a merge patch merges objects, deletes on null and replaces arrays', (t) => {
  const doc = deepFreeze({ a: { b: 1, c: 2 }, list: [1, 2], keep: true });
  const result = value(applyMergePatch(doc, deepFreeze({ a: { b: null, d: { e: null, f: 1 } }, list: [3] })));
  t.deepEqual(result, { a: { c: 2, d: { f: 1 } }, list: [3], keep: true });
  t.deepEqual(doc, { a: { b: 1, c: 2 }, list: [1, 2], keep: true });
});

test('kubectl scale sends a merge patch of spec.replicas', (t) => {
  const deploy = deepFreeze({ spec: { replicas: 1, template: { spec: {} } } });
  t.deepEqual(value(applyMergePatch(deploy, { spec: { replicas: 5 } })), { spec: { replicas: 5, template: { spec: {} } } });
});

test('a merge patch that is not an object fails as Invalid JSON Patch', (t) => {
  t.deepEqual(applyMergePatch({}, 'x'), { ok: false, message: 'Invalid JSON Patch', code: 400 });
  t.deepEqual(applyMergePatch({}, null), { ok: false, message: 'Invalid JSON Patch', code: 400 });
});

test('a merge patch can be computed between two documents', (t) => {
  t.deepEqual(createMergePatch({ a: 1, b: { c: 1, d: 2 }, e: [1] }, { a: 1, b: { c: 2, d: 2 }, e: [2], f: 'x' }), { b: { c: 2 }, e: [2], f: 'x' });
  t.deepEqual(createMergePatch({ a: 1 }, {}), { a: null });
});

// ---- JSON patch (RFC 6902) ----

test('a json patch applies add, remove, replace, move, copy and test in order', (t) => {
  const doc = deepFreeze({ metadata: { labels: { a: '1' } }, list: [1, 2], x: { y: 1 } });
  const result = value(
    applyJsonPatch(doc, deepFreeze([
      { op: 'test', path: '/metadata/labels/a', value: '1' },
      { op: 'add', path: '/metadata/labels/app.kubernetes.io~1name', value: 'web' },
      { op: 'add', path: '/list/-', value: 3 },
      { op: 'add', path: '/list/0', value: 0 },
      { op: 'remove', path: '/list/1' },
      { op: 'replace', path: '/x/y', value: 2 },
      { op: 'move', from: '/x', path: '/moved' },
      { op: 'copy', from: '/moved/y', path: '/metadata/labels/tilde~0key' },
    ])),
  );
  t.deepEqual(result, {
    metadata: { labels: { a: '1', 'app.kubernetes.io/name': 'web', 'tilde~key': 2 } },
    list: [0, 2, 3],
    moved: { y: 2 },
  });
  t.deepEqual(doc, { metadata: { labels: { a: '1' } }, list: [1, 2], x: { y: 1 } });
});

test('negative indices count from the end, as evanphx/json-patch allows', (t) => {
  t.deepEqual(value(applyJsonPatch({ l: [1, 2, 3] }, [{ op: 'remove', path: '/l/-1' }])), { l: [1, 2] });
});

test('a failing json patch operation reports the evanphx text with 422', (t) => {
  t.deepEqual(applyJsonPatch({ metadata: { resourceVersion: '5' } }, [{ op: 'test', path: '/metadata/resourceVersion', value: '4' }]), {
    ok: false,
    message: 'testing value /metadata/resourceVersion failed: test failed',
    code: 422,
  });
  const failure = (doc: JsonValue, ops: JsonValue): string => {
    const r = applyJsonPatch(doc, ops);
    return r.ok ? 'ok' : r.message;
  };
  t.is(failure({ a: 1 }, [{ op: 'remove', path: '/b' }]), "error in remove for path: '/b': Unable to remove nonexistent key: b: missing value");
  t.is(failure({ a: [1] }, [{ op: 'add', path: '/a/5', value: 2 }]), "error in add for path: '/a/5': Unable to access invalid index: 5: invalid index referenced");
  t.is(failure({ a: 1 }, [{ op: 'add', path: '/x/y', value: 2 }]), 'add operation does not apply: doc is missing path: "/x/y": missing value');
  t.is(failure({ a: [1] }, [{ op: 'replace', path: '/a/3', value: 2 }]), 'replace operation does not apply: doc is missing key: /a/3: missing value');
  t.is(failure({ a: [1] }, [{ op: 'add', path: '/a/x', value: 2 }]), 'error in add for path: \'/a/x\': value was not a proper array index: \'x\': strconv.Atoi: parsing "x": invalid syntax');
  t.is(failure({}, [{ op: 'frobnicate', path: '/a' }]), 'Unexpected kind: frobnicate');
});

test('the first failing operation leaves the document untouched', (t) => {
  const doc = deepFreeze({ a: 1 });
  t.false(applyJsonPatch(doc, [{ op: 'replace', path: '/a', value: 2 }, { op: 'test', path: '/a', value: 1 }]).ok);
  t.deepEqual(doc, { a: 1 });
});

test('a json patch that is not a list of operations fails with the decode error and 400', (t) => {
  t.deepEqual(applyJsonPatch({}, { op: 'add' }), { ok: false, message: 'json: cannot unmarshal object into Go value of type jsonpatch.Patch', code: 400 });
});

// ---- strategic merge patch, as in KUBECTL-API.md §10.3 ----

const node = { apiVersion: 'v1', kind: 'Node', metadata: { name: 'node-1' }, spec: { podCIDR: '10.244.1.0/24' } };

test('cordon sets spec.unschedulable', (t) => {
  t.deepEqual(smp(node, { spec: { unschedulable: true } }, 'Node').spec, { podCIDR: '10.244.1.0/24', unschedulable: true });
});

test('uncordon removes spec.unschedulable with null', (t) => {
  const cordoned = { ...node, spec: { ...node.spec, unschedulable: true } };
  t.deepEqual(smp(cordoned, { spec: { unschedulable: null } }, 'Node').spec, { podCIDR: '10.244.1.0/24' });
});

const deployment = {
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'web', namespace: 'default' },
  spec: {
    replicas: 2,
    template: {
      metadata: { labels: { app: 'web' } },
      spec: {
        containers: [
          { name: 'c', image: 'nginx:1.25', ports: [{ containerPort: 80, protocol: 'TCP' }], env: [{ name: 'A', value: '1' }] },
          { name: 'log', image: 'busybox' },
        ],
      },
    },
  },
};

test('set image merges the container by name and keeps its other fields and siblings', (t) => {
  const patch = { spec: { template: { spec: { '$setElementOrder/containers': [{ name: 'c' }, { name: 'log' }], containers: [{ image: 'nginx:1.27', name: 'c' }] } } } };
  const result = smp(deployment, patch, 'Deployment');
  t.deepEqual((result.spec as JsonObject).template, {
    metadata: { labels: { app: 'web' } },
    spec: {
      containers: [
        { name: 'c', image: 'nginx:1.27', ports: [{ containerPort: 80, protocol: 'TCP' }], env: [{ name: 'A', value: '1' }] },
        { name: 'log', image: 'busybox' },
      ],
    },
  });
});

test('rollout restart adds the restartedAt annotation to the pod template', (t) => {
  const patch = { spec: { template: { metadata: { annotations: { 'kubectl.kubernetes.io/restartedAt': '2025-01-01T10:05:00Z' } } } } };
  const template = (smp(deployment, patch, 'Deployment').spec as JsonObject).template as JsonObject;
  t.deepEqual(template.metadata, { labels: { app: 'web' }, annotations: { 'kubectl.kubernetes.io/restartedAt': '2025-01-01T10:05:00Z' } });
});

test('apply of a service replaces a port by merge key with $patch delete', (t) => {
  const svc = { apiVersion: 'v1', kind: 'Service', metadata: { name: 'web' }, spec: { clusterIP: '10.96.0.20', ports: [{ port: 80, targetPort: 80, protocol: 'TCP' }] } };
  const patch = {
    metadata: { annotations: { 'kubectl.kubernetes.io/last-applied-configuration': '{}\n' } },
    spec: { '$setElementOrder/ports': [{ port: 8080 }], ports: [{ port: 8080, targetPort: 80 }, { $patch: 'delete', port: 80 }] },
  };
  t.deepEqual(smp(svc, patch, 'Service'), {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name: 'web', annotations: { 'kubectl.kubernetes.io/last-applied-configuration': '{}\n' } },
    spec: { clusterIP: '10.96.0.20', ports: [{ port: 8080, targetPort: 80 }] },
  });
});

test('apply of deployment v1 to v2 changes replicas, drops env, adds a sidecar in order', (t) => {
  const patch = {
    metadata: { annotations: { 'kubectl.kubernetes.io/last-applied-configuration': 'v2' } },
    spec: {
      replicas: 3,
      template: {
        spec: {
          '$setElementOrder/containers': [{ name: 'c' }, { name: 'sidecar' }],
          containers: [
            { env: null, image: 'nginx:1.26', name: 'c' },
            { command: ['sleep', 'infinity'], image: 'busybox', name: 'sidecar' },
          ],
        },
      },
    },
  };
  const v1 = { ...deployment, spec: { ...deployment.spec, template: { ...deployment.spec.template, spec: { containers: [deployment.spec.template.spec.containers[0]!] } } } };
  const spec = smp(v1, patch, 'Deployment').spec as JsonObject;
  t.is(spec.replicas, 3);
  t.deepEqual(((spec.template as JsonObject).spec as JsonObject).containers, [
    { name: 'c', image: 'nginx:1.26', ports: [{ containerPort: 80, protocol: 'TCP' }] },
    { command: ['sleep', 'infinity'], image: 'busybox', name: 'sidecar' },
  ]);
});

test('lists without a strategy are replaced wholesale', (t) => {
  const pod = { kind: 'Pod', metadata: { name: 'p' }, spec: { containers: [{ name: 'c', args: ['a', 'b'] }], tolerations: [{ key: 'x' }] } };
  const spec = smp(pod, { spec: { tolerations: [{ key: 'y' }], containers: [{ name: 'c', args: ['z'] }] } }, 'Pod').spec;
  t.deepEqual(spec, { containers: [{ name: 'c', args: ['z'] }], tolerations: [{ key: 'y' }] });
});

test('$patch replace replaces a whole map or a whole list', (t) => {
  const pod = { kind: 'Pod', metadata: { labels: { a: '1', b: '2' } }, spec: { containers: [{ name: 'a' }, { name: 'b' }] } };
  const result = smp(pod, { metadata: { labels: { $patch: 'replace', c: '3' } }, spec: { containers: [{ name: 'z' }, { $patch: 'replace' }] } }, 'Pod');
  t.deepEqual(result, { kind: 'Pod', metadata: { labels: { c: '3' } }, spec: { containers: [{ name: 'z' }] } });
});

test('$patch delete in a map empties it', (t) => {
  const pod = { kind: 'Pod', spec: { affinity: { nodeAffinity: {} } } };
  t.deepEqual(smp(pod, { spec: { affinity: { $patch: 'delete' } } }, 'Pod'), { kind: 'Pod', spec: { affinity: {} } });
});

test('$retainKeys drops the keys it does not list, as for a deployment strategy', (t) => {
  const d = { kind: 'Deployment', spec: { strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: '25%' } } } };
  const result = smp(d, { spec: { strategy: { $retainKeys: ['type'], type: 'Recreate' } } }, 'Deployment');
  t.deepEqual(result.spec, { strategy: { type: 'Recreate' } });
});

test('$retainKeys must list every key the patch sets', (t) => {
  const r = applyStrategicMergePatch({ spec: { strategy: {} } }, { spec: { strategy: { $retainKeys: ['type'], rollingUpdate: {} } } }, 'Deployment');
  t.deepEqual(r, { ok: false, message: 'invalid patch format of retainKeys', code: 400 });
});

test('finalizers merge as a set and $deleteFromPrimitiveList removes some', (t) => {
  const obj = { kind: 'Pod', metadata: { finalizers: ['a', 'b'] } };
  t.deepEqual(smp(obj, { metadata: { finalizers: ['c', 'a'] } }, 'Pod').metadata, { finalizers: ['c', 'a', 'b'] });
  t.deepEqual(smp(obj, { metadata: { '$deleteFromPrimitiveList/finalizers': ['a'] } }, 'Pod').metadata, { finalizers: ['b'] });
});

test('$deleteFromPrimitiveList never creates a missing list and deletes from lists of any strategy', (t) => {
  t.deepEqual(smp({ kind: 'Pod', metadata: {} }, { metadata: { '$deleteFromPrimitiveList/finalizers': ['a'] } }, 'Pod').metadata, {});
  const pod = { kind: 'Pod', spec: { containers: [{ name: 'c', args: ['-v', '-q'] }] } };
  const spec = smp(pod, { spec: { containers: [{ name: 'c', '$deleteFromPrimitiveList/args': ['-v'] }] } }, 'Pod').spec;
  t.deepEqual(spec, { containers: [{ name: 'c', args: ['-q'] }] });
});

test('a $patch directive map at a new key is not stored', (t) => {
  t.deepEqual(smp({ kind: 'Pod', spec: {} }, { spec: { affinity: { $patch: 'delete' } } }, 'Pod').spec, {});
});

test('$setElementOrder reorders a merge list without changing its elements', (t) => {
  const pod = { kind: 'Pod', spec: { containers: [{ name: 'a', image: 'x' }, { name: 'b', image: 'y' }] } };
  const spec = smp(pod, { spec: { '$setElementOrder/containers': [{ name: 'b' }, { name: 'a' }] } }, 'Pod').spec;
  t.deepEqual(spec, { containers: [{ name: 'b', image: 'y' }, { name: 'a', image: 'x' }] });
});

test('conditions merge by type, so a status patch updates one condition', (t) => {
  const n = { kind: 'Node', status: { conditions: [{ type: 'Ready', status: 'True' }, { type: 'MemoryPressure', status: 'False' }] } };
  const status = smp(n, { status: { conditions: [{ type: 'Ready', status: 'Unknown', reason: 'NodeStatusUnknown' }] } }, 'Node').status;
  t.deepEqual(status, { conditions: [{ type: 'Ready', status: 'Unknown', reason: 'NodeStatusUnknown' }, { type: 'MemoryPressure', status: 'False' }] });
});

test('directives and nulls inside new subtrees are not stored', (t) => {
  const d = { kind: 'Deployment', spec: {} };
  const patch = { spec: { template: { spec: { '$setElementOrder/containers': [{ name: 'c' }], containers: [{ name: 'c', env: null }, { name: 'gone', $patch: 'delete' }] } } } };
  t.deepEqual(smp(d, patch, 'Deployment').spec, { template: { spec: { containers: [{ name: 'c' }] } } });
});

test('a bad directive fails with the strategicpatch error text', (t) => {
  const r = applyStrategicMergePatch({ spec: {} }, { spec: { $patch: 'explode', a: 1 } }, 'Pod');
  t.deepEqual(r, { ok: false, message: 'unknown patch type: explode in map: map[$patch:explode a:1]', code: 500 });
  const noKey = applyStrategicMergePatch({ spec: { containers: [{ name: 'a' }] } }, { spec: { containers: [{ image: 'x' }] } }, 'Pod');
  t.deepEqual(noKey, { ok: false, message: 'map: map[image:x] does not contain declared merge key: name', code: 500 });
});

test('a strategic merge patch that is not an object fails like the JSON decode', (t) => {
  t.deepEqual(applyStrategicMergePatch({}, [1], 'Pod'), { ok: false, message: 'json: cannot unmarshal array into Go value of type map[string]interface {}', code: 400 });
});

test('merge keys are looked up by kind and field path', (t) => {
  t.deepEqual(patchStrategyFor('Pod', 'spec.containers'), { patchStrategy: 'merge', patchMergeKey: 'name' });
  t.deepEqual(patchStrategyFor('Deployment', 'spec.template.spec.containers.ports'), { patchStrategy: 'merge', patchMergeKey: 'containerPort' });
  t.deepEqual(patchStrategyFor('CronJob', 'spec.jobTemplate.spec.template.spec.volumes'), { patchStrategy: 'merge,retainKeys', patchMergeKey: 'name' });
  t.deepEqual(patchStrategyFor('Service', 'spec.ports'), { patchStrategy: 'merge', patchMergeKey: 'port' });
  t.deepEqual(patchStrategyFor('Node', 'status.addresses'), { patchStrategy: 'merge', patchMergeKey: 'type' });
  t.deepEqual(patchStrategyFor('ConfigMap', 'metadata.ownerReferences'), { patchStrategy: 'merge', patchMergeKey: 'uid' });
  t.deepEqual(patchStrategyFor('Deployment', 'spec.strategy'), { patchStrategy: 'retainKeys' });
  t.deepEqual(patchStrategyFor('Pod', 'spec.tolerations'), {});
  t.deepEqual(patchStrategyFor('Pod', 'spec.containers.args'), {});
});
