import test from 'ava';
import type { KubeObject } from '../../src/api/types.js';
import type { SchedulingDiagnosis } from '../../src/scheduler/diagnosis.js';
import { columnWidths, fit, MAX_COLUMN_WIDTH, truncate, windowStart } from '../../src/ui/render/table-layout.js';
import { formatOffset, podTrace, traceLines } from '../../src/ui/render/pod-trace.js';
import { verdictLines } from '../../src/ui/render/scheduling-verdicts.js';
import { objectYaml } from '../../src/ui/render/object-yaml.js';
import { selectionResource } from '../../src/ui/render/selection-resource.js';
import { changedRecently, noteChanges, type KeySeen } from '../../src/ui/render/etcd-changes.js';
import { eventRows, eventsFor } from '../../src/ui/render/event-rows.js';

const T0 = Date.UTC(2025, 0, 1);
const at = (s: number): string => new Date(T0 + s * 1000).toISOString().replace('.000Z', 'Z');

test('a text too long for its width ends with an ellipsis', (t) => {
  t.is(truncate('kube-scheduler', 6), 'kube-…');
  t.is(truncate('abc', 3), 'abc');
  t.is(truncate('abc', 1), '…');
  t.is(truncate('abc', 0), '');
  t.is(fit('7', 3, 'right'), '  7');
  t.is(fit('ab', 4), 'ab  ');
});

test('column widths come from the content, capped, the last columns shrink to fit and the last computed one grows into spare room', (t) => {
  const columns = [{ key: 'a', header: 'NAME' }, { key: 'b', header: 'N', width: 3 }, { key: 'c', header: 'MESSAGE' }];
  const rows = [{ a: 'web-1', b: 1, c: 'x'.repeat(100) }];
  t.deepEqual(columnWidths(columns, rows, 200), [5, 3, 100]);
  t.deepEqual(columnWidths(columns, rows, 20), [5, 3, 10]);
  t.deepEqual(columnWidths(columns, rows, 8), [5, 1, 0]);
  t.is(columnWidths([{ key: 'a', header: 'A' }, { key: 'b', header: 'B' }], [{ a: 'y'.repeat(99), b: 1 }], 500)[0], MAX_COLUMN_WIDTH);
});

test('the window keeps its place while the selection is inside it and scrolls just enough otherwise', (t) => {
  t.is(windowStart(0, 5, 3), 0);
  t.is(windowStart(7, 5, 20, 0), 3);
  t.is(windowStart(4, 5, 20, 3), 3);
  t.is(windowStart(1, 5, 20, 3), 1);
  t.is(windowStart(undefined, 5, 20, 30), 15);
});

const pod: KubeObject = {
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name: 'web-1', namespace: 'default', creationTimestamp: at(0), resourceVersion: '90' },
  status: { conditions: [{ type: 'Ready', status: 'True', lastTransitionTime: at(5) }] },
};
const event = (reason: string, s: number, component: string, message: string, type = 'Normal'): KubeObject => ({
  apiVersion: 'v1',
  kind: 'Event',
  metadata: { name: `web-1.${reason}`, namespace: 'default' },
  involvedObject: { kind: 'Pod', namespace: 'default', name: 'web-1' },
  reason,
  message,
  type,
  source: { component },
  firstTimestamp: at(s),
  lastTimestamp: at(s),
});
const events = [
  event('Started', 3, 'kubelet', 'Started container web'),
  event('Scheduled', 0, 'default-scheduler', 'Successfully assigned default/web-1 to node-2'),
  event('Pulling', 0, 'kubelet', 'Pulling image "nginx"'),
  event('Pulled', 2.5, 'kubelet', 'Successfully pulled image "nginx"'),
];
const slice: KubeObject = {
  apiVersion: 'discovery.k8s.io/v1',
  kind: 'EndpointSlice',
  metadata: { name: 'web-abcde', namespace: 'default', creationTimestamp: at(0), labels: { 'kubernetes.io/service-name': 'web' } },
  endpoints: [{ addresses: ['10.244.1.2'], conditions: { ready: true }, targetRef: { kind: 'Pod', name: 'web-1' } }],
};

test("a pod's trace runs from its creation through scheduling, the kubelet, Ready and the endpoints", (t) => {
  const steps = podTrace({ pod, events: eventsFor(events, 'Pod', 'default', 'web-1'), slices: [slice], createRevision: 88 });
  t.deepEqual(
    steps.map((s) => [s.time - T0, s.component, s.what]),
    [
      [0, 'kube-apiserver', 'Created'],
      [0, 'default-scheduler', 'Scheduled'],
      [0, 'kubelet', 'Pulling'],
      [2500, 'kubelet', 'Pulled'],
      [3000, 'kubelet', 'Started'],
      [5000, 'kubelet', 'Ready'],
      [5000, 'endpointslice-controller', 'AddedToEndpoints'],
    ],
  );
  t.is(steps[0]!.detail, 'stored in etcd at revision 88');
  t.is(steps[6]!.detail, '10.244.1.2 ready in EndpointSlice web-abcde (service web)');
});

test('trace lines show offsets from creation in aligned columns', (t) => {
  const lines = traceLines(podTrace({ pod, events: [events[1]!, events[3]!], slices: [] }));
  t.deepEqual(lines, [
    '+0s    kube-apiserver     Created    stored in etcd at revision 90',
    '+0s    default-scheduler  Scheduled  Successfully assigned default/web-1 to node-2',
    '+2.5s  kubelet            Pulled     Successfully pulled image "nginx"',
    '+5s    kubelet            Ready      condition Ready=True',
  ]);
  t.is(formatOffset(2514), '+2.514s');
  t.is(formatOffset(125_000), '+2m5s');
});

const pending: SchedulingDiagnosis = {
  pod: 'default/big',
  attempt: 2,
  time: T0,
  result: 'Unschedulable',
  message: '0/2 nodes are available: 1 Insufficient cpu, 1 node(s) were unschedulable.',
  numAllNodes: 2,
  preFilterMessage: '',
  postFilterMessage: '',
  rejected: [
    { node: 'node-1', plugin: 'NodeResourcesFit', code: 'Unschedulable', reasons: ['Insufficient cpu'] },
    { node: 'node-2', plugin: 'NodeUnschedulable', code: 'UnschedulableAndUnresolvable', reasons: ['node(s) were unschedulable'] },
  ],
  nodesScored: 0,
  scores: [],
};

test('a Pending pod is explained by the FailedScheduling message and each node verdict', (t) => {
  t.deepEqual(verdictLines(pending), [
    'Why Pending (attempt 2): 0/2 nodes are available: 1 Insufficient cpu, 1 node(s) were unschedulable.',
    '  node-1: NodeResourcesFit: Insufficient cpu (Unschedulable)',
    '  node-2: NodeUnschedulable: node(s) were unschedulable (UnschedulableAndUnresolvable)',
  ]);
});

test('a scheduled pod shows the chosen node and the scores that chose it', (t) => {
  const lines = verdictLines({
    ...pending,
    result: 'Scheduled',
    attempt: 1,
    message: 'Successfully assigned default/big to node-2',
    rejected: [],
    nodesScored: 2,
    selectedNode: 'node-2',
    scores: [
      { node: 'node-2', total: 180, plugins: [{ plugin: 'NodeResourcesFit', weight: 1, score: 80 }, { plugin: 'TaintToleration', weight: 3, score: 0 }] },
      { node: 'node-1', total: 150, plugins: [{ plugin: 'NodeResourcesFit', weight: 1, score: 50 }] },
    ],
  });
  t.deepEqual(lines, [
    'Scheduled to node-2 (attempt 1): Successfully assigned default/big to node-2',
    '2 feasible node(s) scored:',
    '  node-2: 180 (NodeResourcesFit 80×1)  ← chosen',
    '  node-1: 150 (NodeResourcesFit 50×1)',
  ]);
});

test('an object dumps as YAML lines with strings that look like other types quoted', (t) => {
  t.deepEqual(objectYaml({ metadata: { name: 'a', labels: { on: 'yes' } }, spec: { replicas: 2 } }), ['metadata:', '  name: a', '  labels:', "    'on': 'yes'", 'spec:', '  replicas: 2']);
});

test('the YAML of an object leaves out metadata.managedFields, as kubectl get -o yaml does', (t) => {
  const object = { metadata: { name: 'a', managedFields: [{ manager: 'kubectl', operation: 'Apply' }] }, spec: {} };
  t.deepEqual(objectYaml(object), ['metadata:', '  name: a', 'spec: {}']);
  t.truthy(object.metadata.managedFields);
});

test('selection kinds name their resources with kubectl plurals', (t) => {
  t.deepEqual(['pod', 'ingress', 'networkpolicy', 'endpoints', 'deployment', 'etcd-key'].map(selectionResource), ['pods', 'ingresses', 'networkpolicies', 'endpoints', 'deployments', undefined]);
});

test('etcd keys are recent only after a change seen after the first frame', (t) => {
  const seen = new Map<string, KeySeen>();
  noteChanges(seen, [{ key: '/a', modRevision: 1 }, { key: '/b', modRevision: 2 }], 1000);
  t.false(changedRecently(seen, '/a', 1000));
  noteChanges(seen, [{ key: '/a', modRevision: 3 }, { key: '/c', modRevision: 4 }], 5000);
  t.true(changedRecently(seen, '/a', 6000));
  t.true(changedRecently(seen, '/c', 7000));
  t.false(changedRecently(seen, '/a', 7001));
  t.false(seen.has('/b'));
});

test('event rows are newest first and filtered by namespace', (t) => {
  const other = { ...event('Killing', 9, 'kubelet', 'Stopping container', 'Normal'), metadata: { name: 'x', namespace: 'other' } };
  const rows = eventRows([...events, other], T0 + 10_000, 'default');
  t.deepEqual(rows.map((r) => [r.lastSeen, r.reason, r.object, r.component]), [
    ['7s', 'Started', 'pod/web-1', 'kubelet'],
    ['7s', 'Pulled', 'pod/web-1', 'kubelet'],
    ['10s', 'Pulling', 'pod/web-1', 'kubelet'],
    ['10s', 'Scheduled', 'pod/web-1', 'default-scheduler'],
  ]);
  t.is(eventRows([...events, other], T0 + 10_000, '').length, 5);
});
