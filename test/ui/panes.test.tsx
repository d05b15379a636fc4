import test from 'ava';
import React from 'react';
import { render } from 'ink-testing-library';
import type { KubeObject } from '../../src/api/types.js';
import { Cluster } from '../../src/cluster/cluster.js';
import type { PaneProps, Selection } from '../../src/ui/pane.js';
import { Table } from '../../src/ui/components/Table.js';
import { EtcdPane } from '../../src/ui/components/EtcdPane.js';
import { EventsPane } from '../../src/ui/components/EventsPane.js';
import { DetailsPane } from '../../src/ui/components/DetailsPane.js';

const deployment: KubeObject = {
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'web', namespace: 'default' },
  spec: {
    replicas: 2,
    selector: { matchLabels: { app: 'web' } },
    template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'web', image: 'nginx:1.27', resources: { requests: { cpu: '100m' } } }] } },
  },
};
const bigPod: KubeObject = {
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name: 'big', namespace: 'default' },
  spec: { containers: [{ name: 'c', image: 'nginx:1.27', resources: { requests: { cpu: '100' } } }] },
};
const service: KubeObject = { apiVersion: 'v1', kind: 'Service', metadata: { name: 'web', namespace: 'default' }, spec: { selector: { app: 'web' }, ports: [{ port: 80 }] } };

/** A full cluster running a 2-replica Deployment behind a Service, and one pod too big for any node. */
function cluster(): Cluster {
  const c = new Cluster({ seed: 1, components: 'full' });
  for (const [resource, object] of [['deployments', deployment], ['services', service], ['pods', bigPod]] as const) {
    if (!c.api.create(resource, 'default', object).ok) throw new Error(`create ${resource}`);
  }
  c.clock.advance(30_000);
  return c;
}

function props(c: Cluster, over: Partial<PaneProps> = {}): PaneProps {
  return { cluster: c, width: 140, height: 20, focused: false, frame: 0, filter: '', onSelect: () => {}, ...over };
}

async function until(check: () => boolean): Promise<void> {
  for (let i = 0; i < 200 && !check(); i++) await new Promise((resolve) => setImmediate(resolve));
}

function webPod(c: Cluster): string {
  const list = c.api.list('pods', 'default');
  const pod = list.ok ? list.value.items.find((p) => p.metadata.name?.startsWith('web-')) : undefined;
  return pod?.metadata.name ?? '';
}

test('the table shows the header and only the rows that fit, scrolled to the selected row, with long cells cut', (t) => {
  const rows = Array.from({ length: 50 }, (_, i) => ({ name: `row-${i}`, message: `message ${i} ${'x'.repeat(60)}` }));
  const { lastFrame } = render(<Table columns={[{ key: 'name', header: 'NAME' }, { key: 'message', header: 'MESSAGE' }]} rows={rows} selected={30} height={5} width={30} />);
  const lines = (lastFrame() ?? '').split('\n');
  t.is(lines.length, 5);
  t.regex(lines[0]!, /^NAME\s+MESSAGE/);
  t.deepEqual(lines.slice(1).map((l) => l.split(' ')[0]), ['row-27', 'row-28', 'row-29', 'row-30']);
  t.true(lines[4]!.endsWith('…'));
  t.true(lines.every((l) => l.length <= 30));
});

test('the etcd pane lists the keys under /registry with their revisions and j selects the next key', async (t) => {
  const c = cluster();
  const selections: (Selection | undefined)[] = [];
  const { lastFrame, stdin, unmount } = render(<EtcdPane {...props(c, { focused: true, onSelect: (s) => selections.push(s) })} />);
  const frame = lastFrame() ?? '';
  t.regex(frame, /revision \d+ · \d+ keys/);
  t.regex(frame, /KEY\s+MOD REV\s+VERSION/);
  t.regex(frame, /\/registry\/\S+\s+\d+\s+\d+/);
  await until(() => selections.length > 0);
  const first = selections.at(-1);
  t.is(first?.kind, 'etcd-key');
  stdin.write('j');
  await until(() => selections.length > 1);
  t.is(selections.at(-1)?.kind, 'etcd-key');
  t.not(selections.at(-1)?.name, first?.name);
  t.true((selections.at(-1)?.name ?? '') > (first?.name ?? ''));
  unmount();
  c.dispose();
});

test('the events pane lists events newest first with their component, and the FailedScheduling warning', (t) => {
  const c = cluster();
  const { lastFrame, unmount } = render(<EventsPane {...props(c, { filter: 'default', height: 80, width: 200 })} />);
  const frame = lastFrame() ?? '';
  t.regex(frame, /LAST SEEN\s+TYPE\s+REASON\s+OBJECT\s+COMPONENT\s+MESSAGE/);
  t.regex(frame, /Warning\s+FailedScheduling\s+pod\/big\s+default-scheduler\s+0\/4 nodes are available/);
  t.regex(frame, /Normal\s+Started\s+pod\/web-\S+\s+kubelet\s+Started container web/);
  t.notRegex(frame, /coredns/);
  const lines = frame.split('\n');
  const started = lines.findIndex((l) => l.includes('Started container web'));
  const scaled = lines.findIndex((l) => l.includes('ScalingReplicaSet'));
  t.true(started >= 0 && scaled > started);
  unmount();
  c.dispose();
});

test("a pod's details show its trace across components, its YAML and the scheduler's choice", (t) => {
  const c = cluster();
  const name = webPod(c);
  const { lastFrame, unmount } = render(<DetailsPane {...props(c, { height: 200, width: 160 })} selection={{ kind: 'pod', namespace: 'default', name }} />);
  const frame = lastFrame() ?? '';
  t.regex(frame, /\+0s\s+kube-apiserver\s+Created\s+stored in etcd at revision \d+/);
  t.regex(frame, /default-scheduler\s+Scheduled\s+Successfully assigned default\/web-/);
  t.regex(frame, /kubelet\s+Pulling/);
  t.regex(frame, /kubelet\s+Started\s+Started container web/);
  t.regex(frame, /kubelet\s+Ready\s+condition Ready=True/);
  t.regex(frame, /endpointslice-controller\s+AddedToEndpoints\s+\S+ ready in EndpointSlice web-\S+ \(service web\)/);
  t.regex(frame, /Scheduled to node-\d \(attempt 1\)/);
  t.regex(frame, new RegExp(`  name: ${name}`));
  unmount();
  c.dispose();
});

test('a Pending pod answers why with the FailedScheduling message and every node verdict', (t) => {
  const c = cluster();
  const { lastFrame, unmount } = render(<DetailsPane {...props(c, { height: 60, width: 220 })} selection={{ kind: 'pod', namespace: 'default', name: 'big' }} />);
  const frame = lastFrame() ?? '';
  t.regex(frame, /Why Pending\?/);
  t.regex(frame, /Why Pending \(attempt \d+\): 0\/4 nodes are available: 1 node\(s\) had untolerated taint/);
  t.regex(frame, /control-plane: TaintToleration: node\(s\) had untolerated taint/);
  for (const node of ['node-1', 'node-2', 'node-3']) t.regex(frame, new RegExp(`${node}: NodeResourcesFit: Insufficient cpu \\(Unschedulable\\)`));
  unmount();
  c.dispose();
});

test("an etcd key's details show its value and revision history, newest first", (t) => {
  const c = cluster();
  const key = '/registry/deployments/default/web';
  const { lastFrame, unmount } = render(<DetailsPane {...props(c, { height: 400, width: 160 })} selection={{ kind: 'etcd-key', name: key }} />);
  const frame = lastFrame() ?? '';
  t.regex(frame, /"name": "web"/);
  const revs = [...frame.matchAll(/rev (\d+)\s+version (\d+)/g)].map((m) => [Number(m[1]), Number(m[2])]);
  t.true(revs.length > 1);
  t.deepEqual(revs.map(([, v]) => v), revs.map((_, i) => revs.length - i));
  unmount();
  c.dispose();
});

test('the details pane scrolls with j when focused', async (t) => {
  const c = cluster();
  const { lastFrame, stdin, unmount } = render(<DetailsPane {...props(c, { focused: true, height: 10 })} selection={{ kind: 'deployment', namespace: 'default', name: 'web' }} />);
  t.regex(lastFrame() ?? '', /\[1-7\/\d+\]/);
  stdin.write('jj');
  await until(() => /\[3-9\/\d+\]/.test(lastFrame() ?? ''));
  t.regex(lastFrame() ?? '', /\[3-9\/\d+\]/);
  unmount();
  c.dispose();
});
