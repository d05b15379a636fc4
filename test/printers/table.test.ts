import test from 'ava';
import type { KubeObject } from '../../src/api/types.js';
import { formatAge, humanDuration } from '../../src/printers/age.js';
import { formatTable, printTable } from '../../src/printers/index.js';
import { layoutColumns } from '../../src/printers/tabwriter.js';

const now = Date.parse('2025-01-01T12:00:00Z');
const ago = (ms: number): string => new Date(now - ms).toISOString();
const s = 1000;
const m = 60 * s;
const h = 60 * m;
const d = 24 * h;

test('ages follow duration.HumanDuration', (t) => {
  const cases: [number, string][] = [
    [0, '0s'],
    [59 * s, '59s'],
    [119 * s, '119s'],
    [2 * m, '2m'],
    [2 * m + 30 * s, '2m30s'],
    [9 * m + 59 * s, '9m59s'],
    [10 * m + 30 * s, '10m'],
    [179 * m, '179m'],
    [3 * h, '3h'],
    [3 * h + 20 * m, '3h20m'],
    [8 * h + 30 * m, '8h'],
    [47 * h, '47h'],
    [48 * h, '2d'],
    [5 * d + 6 * h, '5d6h'],
    [8 * d + 5 * h, '8d'],
    [729 * d, '729d'],
    [730 * d, '2y'],
    [735 * d, '2y5d'],
    [8 * 365 * d + 40 * d, '8y'],
  ];
  for (const [duration, text] of cases) t.is(humanDuration(duration), text, `${duration} ms`);
});

test('a timestamp up to a second ahead is 0s and further ahead is <invalid>', (t) => {
  t.is(formatAge(new Date(now + 1500).toISOString(), now), '0s');
  t.is(formatAge(new Date(now + 2000).toISOString(), now), '<invalid>');
});

test('a missing timestamp is <unknown>', (t) => {
  t.is(formatAge(undefined, now), '<unknown>');
  t.is(formatAge('', now), '<unknown>');
});

test('the tabwriter pads every column but the last to the widest cell plus 3, at least 6', (t) => {
  t.is(layoutColumns([['A', 'BB', 'C'], ['aaaa', 'b', 'last']]), 'A      BB    C\naaaa   b     last\n');
});

function readyPod(name: string, namespace: string, ip: string): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, namespace, creationTimestamp: ago(5 * m) },
    spec: { nodeName: 'node-1', containers: [{ name: 'nginx', image: 'nginx:1.25' }] },
    status: {
      phase: 'Running',
      podIP: ip,
      podIPs: [{ ip }],
      conditions: [{ type: 'Ready', status: 'True' }],
      containerStatuses: [{ name: 'nginx', ready: true, restartCount: 0, state: { running: { startedAt: ago(5 * m) } } }],
    },
  };
}

const pods = [readyPod('cache', 'default', '10.244.1.7'), readyPod('web', 'default', '10.244.1.8'), readyPod('kube-proxy-abcde', 'kube-system', '192.168.0.11')];

test('kubectl get pods prints the priority-0 columns', (t) => {
  const table = printTable('Pod', pods.slice(0, 2), { now });
  t.is(
    formatTable(table),
    'NAME    READY   STATUS    RESTARTS   AGE\n' +
      'cache   1/1     Running   0          5m\n' +
      'web     1/1     Running   0          5m\n',
  );
});

test('kubectl get pods -o wide adds IP, NODE, NOMINATED NODE and READINESS GATES', (t) => {
  const table = printTable('Pod', pods.slice(0, 2), { now });
  t.is(
    formatTable(table, { wide: true }),
    'NAME    READY   STATUS    RESTARTS   AGE   IP           NODE     NOMINATED NODE   READINESS GATES\n' +
      'cache   1/1     Running   0          5m    10.244.1.7   node-1   <none>           <none>\n' +
      'web     1/1     Running   0          5m    10.244.1.8   node-1   <none>           <none>\n',
  );
});

test('kubectl get pods -A puts NAMESPACE first', (t) => {
  t.is(
    formatTable(printTable('Pod', pods, { now }), { withNamespace: true }),
    'NAMESPACE     NAME               READY   STATUS    RESTARTS   AGE\n' +
      'default       cache              1/1     Running   0          5m\n' +
      'default       web                1/1     Running   0          5m\n' +
      'kube-system   kube-proxy-abcde   1/1     Running   0          5m\n',
  );
});

test('a table printed with the namespace column is not given a second one', (t) => {
  const table = printTable('Pod', pods.slice(0, 1), { now, withNamespace: true });
  t.is(table.columns[0]?.name, 'Namespace');
  t.is(formatTable(table, { withNamespace: true }), formatTable(printTable('Pod', pods.slice(0, 1), { now }), { withNamespace: true }));
});

test('--no-headers prints only the rows, and an empty table prints nothing', (t) => {
  t.is(formatTable(printTable('Pod', pods.slice(1, 2), { now }), { noHeaders: true }), 'web   1/1   Running   0     5m\n');
  t.is(formatTable(printTable('Pod', [], { now })), '');
});

test('the server table carries every column with its priority, as kube-apiserver sends it', (t) => {
  const table = printTable('Pod', pods.slice(0, 1), { now });
  t.deepEqual(
    table.columns.map((c) => [c.name, c.type, c.format, c.priority]),
    [
      ['Name', 'string', 'name', 0],
      ['Ready', 'string', '', 0],
      ['Status', 'string', '', 0],
      ['Restarts', 'string', '', 0],
      ['Age', 'string', '', 0],
      ['IP', 'string', '', 1],
      ['Node', 'string', '', 1],
      ['Nominated Node', 'string', '', 1],
      ['Readiness Gates', 'string', '', 1],
    ],
  );
  t.deepEqual(table.rows[0]?.cells, ['cache', '1/1', 'Running', '0', '5m', '10.244.1.7', 'node-1', '<none>', '<none>']);
  t.is(table.rows[0]?.object, pods[0]);
});

test('printTable with wide false keeps only the priority-0 columns', (t) => {
  const table = printTable('Pod', pods.slice(0, 1), { now, wide: false });
  t.deepEqual(table.columns.map((c) => c.name), ['Name', 'Ready', 'Status', 'Restarts', 'Age']);
  t.deepEqual(table.rows[0]?.cells, ['cache', '1/1', 'Running', '0', '5m']);
});

function node(name: string, ip: string, labels: Record<string, string>): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: { name, labels, creationTimestamp: ago(3 * d + 4 * h) },
    spec: {},
    status: {
      conditions: [{ type: 'Ready', status: 'True' }],
      addresses: [{ type: 'InternalIP', address: ip }, { type: 'Hostname', address: name }],
      nodeInfo: { kubeletVersion: 'v1.32.0', osImage: 'Ubuntu 22.04.4 LTS', kernelVersion: '6.5.0', containerRuntimeVersion: 'containerd://1.7.13' },
    },
  };
}

test('kubectl get nodes -o wide', (t) => {
  const nodes = [node('node-1', '192.168.0.11', { 'node-role.kubernetes.io/control-plane': '' }), node('node-2', '192.168.0.12', {})];
  t.is(
    formatTable(printTable('Node', nodes, { now }), { wide: true }),
    'NAME     STATUS   ROLES           AGE    VERSION   INTERNAL-IP    EXTERNAL-IP   OS-IMAGE             KERNEL-VERSION   CONTAINER-RUNTIME\n' +
      'node-1   Ready    control-plane   3d4h   v1.32.0   192.168.0.11   <none>        Ubuntu 22.04.4 LTS   6.5.0            containerd://1.7.13\n' +
      'node-2   Ready    <none>          3d4h   v1.32.0   192.168.0.12   <none>        Ubuntu 22.04.4 LTS   6.5.0            containerd://1.7.13\n',
  );
});

test('kubectl get events shows LAST SEEN TYPE REASON OBJECT MESSAGE', (t) => {
  const event: KubeObject = {
    apiVersion: 'v1',
    kind: 'Event',
    metadata: { name: 'web.17f3a', namespace: 'default', creationTimestamp: ago(2 * m) },
    involvedObject: { kind: 'Pod', name: 'web', namespace: 'default', fieldPath: 'spec.containers{nginx}' },
    reason: 'Pulled',
    message: 'Container image "nginx:1.25" already present on machine\n',
    type: 'Normal',
    source: { component: 'kubelet', host: 'node-1' },
    firstTimestamp: ago(3 * m),
    lastTimestamp: ago(2 * m),
    count: 2,
  };
  const table = printTable('Event', [event], { now });
  t.is(
    formatTable(table),
    'LAST SEEN   TYPE     REASON   OBJECT    MESSAGE\n' +
      '2m          Normal   Pulled   pod/web   Container image "nginx:1.25" already present on machine\n',
  );
  t.deepEqual(table.rows[0]?.cells.slice(4), ['spec.containers{nginx}', 'kubelet, node-1', 'Container image "nginx:1.25" already present on machine', '3m', 2, 'web.17f3a']);
});

test('a cell is cut at its first line break and ESC is escaped', (t) => {
  const lease: KubeObject = { apiVersion: 'v1', kind: 'Lease', metadata: { name: 'l', creationTimestamp: ago(0) }, spec: { holderIdentity: 'a\x1b[31mb\nsecond line' } };
  t.is(formatTable(printTable('Lease', [lease], { now })), 'NAME   HOLDER        AGE\nl      a^[[31mb...   0s\n');
});

test('kinds without a printer get NAME AGE', (t) => {
  const widget: KubeObject = { apiVersion: 'example.com/v1', kind: 'Widget', metadata: { name: 'w', creationTimestamp: ago(90 * s) } };
  t.is(formatTable(printTable('Widget', [widget], { now })), 'NAME   AGE\nw      90s\n');
});
