import test from 'ava';
import type { KubeObject } from '../../src/api/types.js';
import { accessModesString, formatTable, printTable, type Cell } from '../../src/printers/index.js';

const now = Date.parse('2025-01-01T12:00:00Z');
const minute = 60_000;
const created = new Date(now - 5 * minute).toISOString();

function object(apiVersion: string, kind: string, metadata: Record<string, unknown>, fields: Record<string, unknown> = {}): KubeObject {
  return { apiVersion, kind, metadata: { creationTimestamp: created, ...metadata }, ...fields };
}

/** The cells of one object's row in the server table. */
function cells(kind: string, obj: KubeObject, wide = true): Cell[] {
  return printTable(kind, [obj], { now, wide }).rows[0]?.cells ?? [];
}

/** What `kubectl get` prints for these objects (`-o wide` when asked). */
function get(kind: string, objects: KubeObject[], wide = false): string {
  return formatTable(printTable(kind, objects, { now }), { wide });
}

test('kubectl get storageclass marks the default class and shows the defaulted fields', (t) => {
  const standard = object('storage.k8s.io/v1', 'StorageClass', { name: 'standard', annotations: { 'storageclass.kubernetes.io/is-default-class': 'true' } }, { provisioner: 'k8s.io/minikube-hostpath' });
  const fast = object('storage.k8s.io/v1', 'StorageClass', { name: 'fast' }, { provisioner: 'ebs.csi.aws.com', reclaimPolicy: 'Retain', volumeBindingMode: 'WaitForFirstConsumer', allowVolumeExpansion: true });
  t.is(
    get('StorageClass', [standard, fast]),
    'NAME                 PROVISIONER                RECLAIMPOLICY   VOLUMEBINDINGMODE      ALLOWVOLUMEEXPANSION   AGE\n' +
      'standard (default)   k8s.io/minikube-hostpath   Delete          Immediate              false                  5m\n' +
      'fast                 ebs.csi.aws.com            Retain          WaitForFirstConsumer   true                   5m\n',
  );
});

test('the beta default-class annotation also marks a class default, but only when exactly "true"', (t) => {
  const beta = object('storage.k8s.io/v1', 'StorageClass', { name: 'old', annotations: { 'storageclass.beta.kubernetes.io/is-default-class': 'true' } }, { provisioner: 'p' });
  const yes = object('storage.k8s.io/v1', 'StorageClass', { name: 'yes', annotations: { 'storageclass.kubernetes.io/is-default-class': 'True' } }, { provisioner: 'p' });
  t.is(cells('StorageClass', beta)[0], 'old (default)');
  t.is(cells('StorageClass', yes)[0], 'yes');
});

test('access modes print abbreviated in RWO,ROX,RWX,RWOP order, each once', (t) => {
  t.is(accessModesString(['ReadWriteOncePod', 'ReadWriteMany', 'ReadWriteOnce', 'ReadOnlyMany', 'ReadWriteOnce']), 'RWO,ROX,RWX,RWOP');
  t.is(accessModesString([]), '');
  t.is(accessModesString(undefined), '');
});

test('kubectl get pv -o wide shows capacity, claim, class and volume mode', (t) => {
  const bound = object('v1', 'PersistentVolume', { name: 'pvc-0a1b' }, {
    spec: {
      capacity: { storage: '5Gi' },
      accessModes: ['ReadWriteOnce'],
      persistentVolumeReclaimPolicy: 'Delete',
      claimRef: { kind: 'PersistentVolumeClaim', namespace: 'default', name: 'data' },
      storageClassName: 'standard',
      volumeMode: 'Filesystem',
    },
    status: { phase: 'Bound' },
  });
  const failed = object('v1', 'PersistentVolume', { name: 'nfs', annotations: { 'volume.beta.kubernetes.io/storage-class': 'legacy' } }, {
    spec: { capacity: { storage: '100Mi' }, accessModes: ['ReadWriteMany', 'ReadOnlyMany'], persistentVolumeReclaimPolicy: 'Recycle', storageClassName: 'ignored' },
    status: { phase: 'Failed', reason: 'RecyclerFailed' },
  });
  t.is(
    get('PersistentVolume', [bound, failed], true),
    'NAME       CAPACITY   ACCESS MODES   RECLAIM POLICY   STATUS   CLAIM          STORAGECLASS   VOLUMEATTRIBUTESCLASS   REASON           AGE   VOLUMEMODE\n' +
      'pvc-0a1b   5Gi        RWO            Delete           Bound    default/data   standard       <unset>                                  5m    Filesystem\n' +
      'nfs        100Mi      ROX,RWX        Recycle          Failed                  legacy         <unset>                 RecyclerFailed   5m    <unset>\n',
  );
});

test('a persistent volume being deleted is Terminating and a missing capacity prints 0', (t) => {
  const volume = object('v1', 'PersistentVolume', { name: 'gone', deletionTimestamp: created }, { spec: { volumeAttributesClassName: 'gold' }, status: { phase: 'Released' } });
  t.deepEqual(cells('PersistentVolume', volume), ['gone', '0', '', '', 'Terminating', '', '', 'gold', '', '5m', '<unset>']);
});

test('kubectl get pvc shows capacity and access modes only once the claim names its volume', (t) => {
  const bound = object('v1', 'PersistentVolumeClaim', { name: 'data', namespace: 'default' }, {
    spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } }, storageClassName: 'standard', volumeMode: 'Filesystem', volumeName: 'pvc-0a1b' },
    status: { phase: 'Bound', accessModes: ['ReadWriteOnce'], capacity: { storage: '5Gi' } },
  });
  const pending = object('v1', 'PersistentVolumeClaim', { name: 'logs', namespace: 'default' }, {
    spec: { accessModes: ['ReadWriteMany'], resources: { requests: { storage: '1Gi' } }, storageClassName: 'slow' },
    status: { phase: 'Pending' },
  });
  t.is(
    get('PersistentVolumeClaim', [bound, pending], true),
    'NAME   STATUS    VOLUME     CAPACITY   ACCESS MODES   STORAGECLASS   VOLUMEATTRIBUTESCLASS   AGE   VOLUMEMODE\n' +
      'data   Bound     pvc-0a1b   5Gi        RWO            standard       <unset>                 5m    Filesystem\n' +
      'logs   Pending                                        slow           <unset>                 5m    <unset>\n',
  );
});

test('a claim without a storage class prints an empty STORAGECLASS, and Terminating while deleted', (t) => {
  const claim = object('v1', 'PersistentVolumeClaim', { name: 'c', namespace: 'default', deletionTimestamp: created }, { spec: {}, status: { phase: 'Bound' } });
  t.deepEqual(cells('PersistentVolumeClaim', claim), ['c', 'Terminating', '', '', '', '', '<unset>', '5m', '<unset>']);
});

test('kubectl get priorityclass shows VALUE GLOBAL-DEFAULT and PREEMPTIONPOLICY', (t) => {
  const critical = object('scheduling.k8s.io/v1', 'PriorityClass', { name: 'system-cluster-critical' }, { value: 2000000000, preemptionPolicy: 'PreemptLowerPriority' });
  const polite = object('scheduling.k8s.io/v1', 'PriorityClass', { name: 'polite' }, { value: -10, globalDefault: true, preemptionPolicy: 'Never' });
  t.is(
    get('PriorityClass', [critical, polite]),
    'NAME                      VALUE        GLOBAL-DEFAULT   AGE   PREEMPTIONPOLICY\n' +
      'system-cluster-critical   2000000000   false            5m    PreemptLowerPriority\n' +
      'polite                    -10          true             5m    Never\n',
  );
});

test('a priority class fills PREEMPTIONPOLICY only when the table is generated wide', (t) => {
  const pc = object('scheduling.k8s.io/v1', 'PriorityClass', { name: 'p' }, { value: 1 });
  t.deepEqual(cells('PriorityClass', pc), ['p', 1, 'false', '5m', '']);
  t.deepEqual(cells('PriorityClass', pc, false), ['p', 1, 'false', '5m']);
});

test('kubectl get controllerrevision names the controller by kind.group/name', (t) => {
  const owner = (apiVersion: string, kind: string, name: string, controller?: boolean) => ({ apiVersion, kind, name, uid: `uid-${name}`, ...(controller === undefined ? {} : { controller }) });
  const ds = object('apps/v1', 'ControllerRevision', { name: 'fluentd-6c8d9f7b4', namespace: 'kube-system', ownerReferences: [owner('apps/v1', 'DaemonSet', 'fluentd', true)] }, { revision: 2 });
  const orphan = object('apps/v1', 'ControllerRevision', { name: 'web-7d9c5', namespace: 'default', ownerReferences: [owner('apps/v1', 'StatefulSet', 'web')] }, { revision: 1 });
  const core = object('apps/v1', 'ControllerRevision', { name: 'rc-1', namespace: 'default', ownerReferences: [owner('v1', 'ReplicationController', 'rc', true)] }, { revision: 3 });
  t.is(
    get('ControllerRevision', [ds, orphan, core]),
    'NAME                CONTROLLER                 REVISION   AGE\n' +
      'fluentd-6c8d9f7b4   daemonset.apps/fluentd     2          5m\n' +
      'web-7d9c5           <none>                     1          5m\n' +
      'rc-1                replicationcontroller/rc   3          5m\n',
  );
});

test('kubectl get quota shows used/hard per hard resource, requests and limits apart, sorted by name', (t) => {
  const quota = object('v1', 'ResourceQuota', { name: 'compute', namespace: 'default' }, {
    spec: { hard: { pods: '2', 'requests.cpu': '1', 'limits.cpu': '2', 'requests.memory': '1Gi', 'limits.memory': '2Gi' } },
    status: {
      hard: { pods: '2', 'requests.cpu': '1', 'limits.cpu': '2', 'requests.memory': '1Gi', 'limits.memory': '2Gi' },
      used: { pods: '1', 'requests.cpu': '400m', 'limits.cpu': '800m', 'limits.memory': '512Mi' },
    },
  });
  const fresh = object('v1', 'ResourceQuota', { name: 'new', namespace: 'default' }, { spec: { hard: { pods: '10' } }, status: { hard: { pods: '10' } } });
  const unseen = object('v1', 'ResourceQuota', { name: 'unseen', namespace: 'default' }, { spec: { hard: { pods: '10' } } });
  t.is(
    get('ResourceQuota', [quota, fresh, unseen]),
    'NAME      AGE   REQUEST                                                   LIMIT\n' +
      'compute   5m    pods: 1/2, requests.cpu: 400m/1, requests.memory: 0/1Gi   limits.cpu: 800m/2, limits.memory: 512Mi/2Gi\n' +
      'new       5m    pods: 0/10' + ' '.repeat(48) + '\n' +
      'unseen    5m    ' + ' '.repeat(58) + '\n',
  );
});

test('limit ranges print NAME and CREATED AT, as the default table convertor does', (t) => {
  const limits = object('v1', 'LimitRange', { name: 'cpu-defaults', namespace: 'default', creationTimestamp: '2025-01-01T11:55:00.123Z' }, { spec: { limits: [] } });
  const table = printTable('LimitRange', [limits], { now });
  t.deepEqual(table.columns.map((c) => [c.name, c.type]), [['Name', 'string'], ['Created At', 'date']]);
  t.is(formatTable(table), 'NAME           CREATED AT\ncpu-defaults   2025-01-01T11:55:00Z\n');
  t.deepEqual(cells('LimitRange', object('v1', 'LimitRange', { name: 'x', creationTimestamp: undefined })), ['x', '0001-01-01T00:00:00Z']);
});

test('kubectl get ingressclass shows the controller and the parameters reference', (t) => {
  const nginx = object('networking.k8s.io/v1', 'IngressClass', { name: 'nginx' }, { spec: { controller: 'k8s.io/ingress-nginx' } });
  const external = object('networking.k8s.io/v1', 'IngressClass', { name: 'external-lb' }, {
    spec: { controller: 'example.com/ingress-controller', parameters: { apiGroup: 'k8s.example.com', kind: 'IngressParameters', name: 'external-lb', scope: 'Cluster' } },
  });
  const core = object('networking.k8s.io/v1', 'IngressClass', { name: 'cm' }, { spec: { controller: 'c', parameters: { kind: 'ConfigMap', name: 'params' } } });
  t.is(
    get('IngressClass', [nginx, external, core]),
    'NAME          CONTROLLER                       PARAMETERS                                      AGE\n' +
      'nginx         k8s.io/ingress-nginx             <none>                                          5m\n' +
      'external-lb   example.com/ingress-controller   IngressParameters.k8s.example.com/external-lb   5m\n' +
      'cm            c                                ConfigMap/params                                5m\n',
  );
});

test('kubectl get networkpolicy shows the pod selector, <none> for all pods', (t) => {
  const denyAll = object('networking.k8s.io/v1', 'NetworkPolicy', { name: 'default-deny', namespace: 'default' }, { spec: { podSelector: {}, policyTypes: ['Ingress'] } });
  const db = object('networking.k8s.io/v1', 'NetworkPolicy', { name: 'db', namespace: 'default' }, {
    spec: { podSelector: { matchLabels: { role: 'db' }, matchExpressions: [{ key: 'tier', operator: 'In', values: ['backend'] }] } },
  });
  t.is(
    get('NetworkPolicy', [denyAll, db]),
    'NAME           POD-SELECTOR                AGE\n' +
      'default-deny   <none>                      5m\n' +
      'db             role=db,tier in (backend)   5m\n',
  );
});
