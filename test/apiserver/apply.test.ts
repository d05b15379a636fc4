import test from 'ava';
import type { KubeObject } from '../../src/api/types.js';
import type { Status } from '../../src/api/status.js';
import type { Result } from '../../src/api/result.js';
import { Cluster } from '../../src/cluster/cluster.js';
import { managerOrUserAgent } from '../../src/apiserver/managed-fields-user-agent.js';

interface Entry {
  manager: string;
  operation: string;
  apiVersion: string;
  time?: string;
  fieldsType: string;
  fieldsV1: Record<string, unknown>;
  subresource?: string;
}

function deployment(name: string, replicas: number | undefined, containers: Array<Record<string, unknown>> = [{ name: 'c', image: 'nginx:1.27' }], labels: Record<string, string> = {}): KubeObject {
  const spec: Record<string, unknown> = {
    selector: { matchLabels: { app: name } },
    template: { metadata: { labels: { app: name } }, spec: { containers } },
  };
  if (replicas !== undefined) spec['replicas'] = replicas;
  return { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name, ...(Object.keys(labels).length > 0 ? { labels } : {}) }, spec };
}

function must<T>(result: Result<T>): T {
  if (!result.ok) throw new Error(`unexpected failure: ${result.status.message}`);
  return result.value;
}

function failure<T>(result: Result<T>): Status {
  if (result.ok) throw new Error('expected a failure');
  return result.status;
}

function entries(object: KubeObject): Entry[] {
  return (object.metadata.managedFields ?? []) as Entry[];
}

function spec(object: KubeObject): { replicas: number; template: { spec: { containers: Array<{ name: string; image: string }> } } } {
  return object['spec'] as never;
}

const apply = (cluster: Cluster, object: KubeObject | string, manager: string, extra: { force?: boolean; dryRun?: boolean } = {}, name = 'web'): Result<KubeObject> =>
  cluster.api.patch('deployments', 'default', name, 'apply', typeof object === 'string' ? object : JSON.stringify(object), { fieldManager: manager, ...extra });

test('apply creates a missing object and records an Apply entry of exactly the applied fields', (t) => {
  const cluster = new Cluster();
  const created = must(apply(cluster, deployment('web', 2), 'kubectl'));
  t.is(spec(created).replicas, 2);
  t.truthy(created.metadata.uid);
  t.deepEqual(entries(created), [
    {
      manager: 'kubectl',
      operation: 'Apply',
      apiVersion: 'apps/v1',
      time: '2025-01-01T00:00:00Z',
      fieldsType: 'FieldsV1',
      fieldsV1: {
        'f:spec': {
          'f:replicas': {},
          'f:selector': {},
          'f:template': {
            'f:metadata': { 'f:labels': { 'f:app': {} } },
            'f:spec': { 'f:containers': { 'k:{"name":"c"}': { '.': {}, 'f:image': {}, 'f:name': {} } } },
          },
        },
      },
    },
  ]);
  t.is(must(cluster.api.get('deployments', 'default', 'web')).metadata.uid, created.metadata.uid);
});

test('apply accepts YAML and refuses a body that is not a map with upstream wording', (t) => {
  const cluster = new Cluster();
  const yaml = 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  replicas: 3\n  selector:\n    matchLabels: {app: web}\n  template:\n    metadata:\n      labels: {app: web}\n    spec:\n      containers:\n      - name: c\n        image: nginx\n';
  t.is(spec(must(apply(cluster, yaml, 'kubectl'))).replicas, 3);
  const list = failure(apply(cluster, '- a\n- b\n', 'kubectl'));
  t.is(list.code, 400);
  t.is(list.message, 'error decoding YAML: error unmarshaling JSON: while decoding JSON: json: cannot unmarshal array into Go value of type map[string]interface {}');
  const broken = failure(apply(cluster, 'a: b: c', 'kubectl'));
  t.is(broken.code, 400);
  t.regex(broken.message ?? '', /^error decoding YAML: error converting YAML to JSON: yaml: line 1: /);
});

test('apply refuses a configuration of another kind, one with managedFields, and a request without a manager', (t) => {
  const cluster = new Cluster();
  const wrong = failure(apply(cluster, { ...deployment('web', 1), apiVersion: 'apps/v1beta1' }, 'kubectl'));
  t.is(wrong.message, 'invalid object type: apps/v1beta1, Kind=Deployment');
  t.is(failure(apply(cluster, { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'web' } }, 'kubectl')).message, 'invalid object type: /v1, Kind=Pod');
  const withFields = deployment('web', 1);
  withFields.metadata.managedFields = [];
  t.is(failure(apply(cluster, withFields, 'kubectl')).message, 'metadata.managedFields must be nil');
  const unnamed = failure(cluster.api.patch('deployments', 'default', 'web', 'apply', JSON.stringify(deployment('web', 1)), {}));
  t.is(unnamed.code, 422);
  t.is(unnamed.message, 'PatchOptions.meta.k8s.io "" is invalid: fieldManager: Required value: is required for apply patch');
  t.is(failure(apply(cluster, deployment('other', 1), 'kubectl')).message, 'the name of the object (other) does not match the name on the URL (web)');
});

test('a second apply by the same manager updates the object and keeps one entry', (t) => {
  const cluster = new Cluster();
  must(apply(cluster, deployment('web', 2), 'kubectl'));
  const updated = must(apply(cluster, deployment('web', 5, [{ name: 'c', image: 'nginx:1.28' }]), 'kubectl'));
  t.is(spec(updated).replicas, 5);
  t.is(spec(updated).template.spec.containers[0]?.image, 'nginx:1.28');
  t.is(updated.metadata.generation, 2);
  t.deepEqual(entries(updated).map((e) => `${e.manager}/${e.operation}`), ['kubectl/Apply']);
});

test('fields a manager applied before and leaves out now are removed', (t) => {
  const cluster = new Cluster();
  must(apply(cluster, deployment('web', 2, [{ name: 'c', image: 'nginx' }, { name: 'sidecar', image: 'busybox' }], { tier: 'front' }), 'kubectl'));
  const updated = must(apply(cluster, deployment('web', undefined), 'kubectl'));
  t.deepEqual(spec(updated).template.spec.containers.map((c) => c.name), ['c']);
  t.is(updated.metadata.labels, undefined);
  t.is(spec(updated).replicas, 1, 'replicas falls back to its default');
});

test('a dropped field that another manager also owns stays', (t) => {
  const cluster = new Cluster();
  must(apply(cluster, deployment('web', 2, undefined, { tier: 'front' }), 'kubectl'));
  must(apply(cluster, { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web', labels: { tier: 'front' } } }, 'other'));
  const updated = must(apply(cluster, deployment('web', 2), 'kubectl'));
  t.deepEqual(updated.metadata.labels, { tier: 'front' });
});

test('changing a field another manager owns is a 409 naming the manager and the field', (t) => {
  const cluster = new Cluster();
  must(cluster.api.create('deployments', 'default', deployment('web', 2), { fieldManager: 'kubectl-client-side-apply' }));
  const status = failure(apply(cluster, deployment('web', 3), 'other'));
  t.is(status.code, 409);
  t.is(status.reason, 'Conflict');
  t.is(status.message, 'Apply failed with 1 conflict: conflict with "kubectl-client-side-apply" using apps/v1: .spec.replicas');
  t.deepEqual(status.details, {
    causes: [{ reason: 'FieldManagerConflict', message: 'conflict with "kubectl-client-side-apply" using apps/v1', field: '.spec.replicas' }],
  });
  t.is(spec(must(cluster.api.get('deployments', 'default', 'web'))).replicas, 2);
});

test('several conflicts are listed per manager', (t) => {
  const cluster = new Cluster();
  must(cluster.api.create('deployments', 'default', deployment('web', 2), { fieldManager: 'kubectl-client-side-apply' }));
  must(cluster.api.patch('deployments', 'default', 'web', 'merge', { metadata: { labels: { tier: 'a' } } }, { fieldManager: 'kubectl-label' }));
  const status = failure(apply(cluster, deployment('web', 3, [{ name: 'c', image: 'nginx:2' }], { tier: 'b' }), 'other'));
  t.is(
    status.message,
    'Apply failed with 3 conflicts: conflicts with "kubectl-client-side-apply" using apps/v1:\n- .spec.replicas\n- .spec.template.spec.containers[name="c"].image\nconflicts with "kubectl-label" using apps/v1:\n- .metadata.labels.tier',
  );
  t.is(status.details?.causes?.length, 3);
});

test('applying the value another manager set shares the field without a conflict', (t) => {
  const cluster = new Cluster();
  must(cluster.api.create('deployments', 'default', deployment('web', 2), { fieldManager: 'kubectl-client-side-apply' }));
  const shared = must(apply(cluster, deployment('web', 2), 'other'));
  t.deepEqual(entries(shared).map((e) => `${e.manager}/${e.operation}`), ['other/Apply', 'kubectl-client-side-apply/Update']);
});

test('force takes the conflicting fields from their owners', (t) => {
  const cluster = new Cluster();
  must(cluster.api.create('deployments', 'default', deployment('web', 2), { fieldManager: 'kubectl-client-side-apply' }));
  const forced = must(apply(cluster, deployment('web', 3), 'other', { force: true }));
  t.is(spec(forced).replicas, 3);
  const csa = entries(forced).find((e) => e.manager === 'kubectl-client-side-apply');
  t.falsy((csa?.fieldsV1['f:spec'] as Record<string, unknown>)['f:replicas']);
  t.truthy((entries(forced).find((e) => e.manager === 'other')?.fieldsV1['f:spec'] as Record<string, unknown>)['f:replicas']);
});

test('a write through the scale subresource is named with its subresource in conflicts', (t) => {
  const cluster = new Cluster();
  must(apply(cluster, deployment('web', 2), 'kubectl'));
  must(cluster.api.patch('deployments', 'default', 'web', 'merge', { spec: { replicas: 5 } }, { fieldManager: 'kubectl', subresource: 'scale' }));
  const status = failure(apply(cluster, deployment('web', 2), 'kubectl'));
  t.is(status.message, 'Apply failed with 1 conflict: conflict with "kubectl" with subresource "scale" using apps/v1: .spec.replicas');
});

test('a dry-run apply answers the result and stores nothing', (t) => {
  const cluster = new Cluster();
  const revision = cluster.api.resourceVersion;
  const created = must(apply(cluster, deployment('web', 2), 'kubectl', { dryRun: true }));
  t.is(spec(created).replicas, 2);
  t.is(cluster.api.resourceVersion, revision);
  t.false(cluster.api.get('deployments', 'default', 'web').ok);
  must(apply(cluster, deployment('web', 2), 'kubectl'));
  const updated = must(apply(cluster, deployment('web', 4), 'kubectl', { dryRun: true }));
  t.is(spec(updated).replicas, 4);
  t.is(spec(must(cluster.api.get('deployments', 'default', 'web'))).replicas, 2);
});

test('writes without a field manager record nothing and keep the entries the object has', (t) => {
  const cluster = new Cluster();
  const plain = must(cluster.api.create('deployments', 'default', deployment('plain', 1)));
  t.is(plain.metadata.managedFields, undefined);
  const applied = must(apply(cluster, deployment('web', 2), 'kubectl'));
  const { managedFields: _dropped, ...metadata } = applied.metadata;
  const updated = must(cluster.api.update('deployments', 'default', { ...applied, metadata, spec: { ...spec(applied), replicas: 3 } }));
  t.deepEqual(updated.metadata.managedFields, applied.metadata.managedFields);
});

test('client-side apply then kubectl server-side apply: entries, forgiven conflicts and the annotation', (t) => {
  const cluster = new Cluster();
  const manifest = deployment('web', 2);
  const annotation = 'kubectl.kubernetes.io/last-applied-configuration';
  const lastApplied = `${JSON.stringify({ apiVersion: 'apps/v1', kind: 'Deployment', metadata: { annotations: {}, name: 'web', namespace: 'default' }, spec: manifest['spec'] })}\n`;
  const created = must(cluster.api.create('deployments', 'default', { ...manifest, metadata: { ...manifest.metadata, annotations: { [annotation]: lastApplied } } }, { fieldManager: 'kubectl-client-side-apply' }));
  const [csa] = entries(created);
  t.is(csa?.manager, 'kubectl-client-side-apply');
  t.is(csa?.operation, 'Update');
  const meta = csa?.fieldsV1['f:metadata'] as Record<string, unknown>;
  t.deepEqual(meta, { 'f:annotations': { '.': {}, [`f:${annotation}`]: {} } });
  const specFields = csa?.fieldsV1['f:spec'] as Record<string, Record<string, unknown>>;
  t.truthy(specFields['f:progressDeadlineSeconds'], 'defaulted fields belong to the creator');
  t.deepEqual(Object.keys(specFields['f:strategy'] ?? {}), ['f:rollingUpdate', 'f:type']);

  const applied = must(apply(cluster, deployment('web', 4), 'kubectl'));
  t.is(spec(applied).replicas, 4);
  t.deepEqual(entries(applied).map((e) => `${e.manager}/${e.operation}`), ['kubectl/Apply', 'kubectl-client-side-apply/Update']);
  t.is(
    applied.metadata.annotations?.[annotation],
    '{"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"web","namespace":"default"},"spec":{"replicas":4,"selector":{"matchLabels":{"app":"web"}},"template":{"metadata":{"labels":{"app":"web"}},"spec":{"containers":[{"image":"nginx:1.27","name":"c"}]}}}}',
    'the annotation is rewritten to the applied configuration, keys sorted',
  );

  const saved = must(cluster.api.patch('deployments', 'default', 'web', 'apply', JSON.stringify({ apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web', namespace: 'default', annotations: { [annotation]: applied.metadata.annotations?.[annotation] } } }), { fieldManager: 'kubectl-last-applied' }));
  t.deepEqual(entries(saved).map((e) => `${e.manager}/${e.operation}`), ['kubectl/Apply', 'kubectl-last-applied/Apply', 'kubectl-client-side-apply/Update']);
});

test('a missing field manager is the User-Agent up to its first slash', (t) => {
  t.is(managerOrUserAgent(null, 'kubectl/v1.32.4 (linux/amd64) kubernetes/59526cd'), 'kubectl');
  t.is(managerOrUserAgent('kubectl-client-side-apply', 'kubectl/v1.32.4'), 'kubectl-client-side-apply');
  t.is(managerOrUserAgent(undefined, undefined), '');
});
