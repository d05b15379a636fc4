import test from 'ava';
import React from 'react';
import { render } from 'ink-testing-library';
import type { KubeObject } from '../../src/api/types.js';
import { Cluster } from '../../src/cluster/cluster.js';
import { App } from '../../src/ui/App.js';
import { NodesPane } from '../../src/ui/components/NodesPane.js';
import { PodsPane } from '../../src/ui/components/PodsPane.js';
import { ServicesPane } from '../../src/ui/components/ServicesPane.js';
import { WorkloadsPane } from '../../src/ui/components/WorkloadsPane.js';
import type { PaneProps } from '../../src/ui/pane.js';

const DOWN = '\u001B[B';

const deployment = (name: string, replicas: number): KubeObject => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name },
  spec: {
    replicas,
    selector: { matchLabels: { app: name } },
    template: { metadata: { labels: { app: name } }, spec: { containers: [{ name: 'web', image: 'nginx:1.27' }] } },
  },
});

/** A paused cluster with its nodes registered (and, optionally, a Deployment running). */
function startedCluster(withDeployment = false): Cluster {
  const cluster = new Cluster({ components: 'full' });
  cluster.clock.advance(20_000);
  if (withDeployment) {
    const created = cluster.api.create('deployments', 'default', deployment('web', 1));
    if (!created.ok) throw new Error(created.status.message);
    cluster.clock.advance(30_000);
  }
  return cluster;
}

/** Polls (never sleeps a fixed time) until `check` holds, or fails after a while. */
async function until(check: () => boolean, what: string): Promise<void> {
  for (let i = 0; i < 400; i++) {
    if (check()) return;
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  throw new Error(`timed out waiting for ${what}`);
}

function paneProps(cluster: Cluster): PaneProps {
  return { cluster, width: 100, height: 20, focused: true, frame: 0, filter: '', onSelect: () => {} };
}

test('the Nodes pane lists every node with kubectl STATUS and its requests', (t) => {
  const cluster = startedCluster();
  const { lastFrame, unmount } = render(<NodesPane {...paneProps(cluster)} />);
  t.teardown(() => {
    unmount();
    cluster.dispose();
  });
  const frame = lastFrame() ?? '';
  t.regex(frame, /NAME\s+STATUS\s+ROLES\s+CPU\s+MEMORY\s+PODS\s+AGE/);
  t.regex(frame, /control-plane\s+Ready\s+control-plane/);
  t.regex(frame, /node-3\s+Ready\s+<none>/);
});

test('the Pods pane shows kubectl READY and STATUS of each pod', (t) => {
  const cluster = startedCluster(true);
  const { lastFrame, unmount } = render(<PodsPane {...paneProps(cluster)} filter="default" />);
  t.teardown(() => {
    unmount();
    cluster.dispose();
  });
  t.regex(lastFrame() ?? '', /web-[a-z0-9]+-[a-z0-9]{5}\s+1\/1\s+Running\s+0/);
});

test('the Workloads pane lists the Deployment and its ReplicaSet', (t) => {
  const cluster = startedCluster(true);
  const { lastFrame, unmount } = render(<WorkloadsPane {...paneProps(cluster)} filter="default" />);
  t.teardown(() => {
    unmount();
    cluster.dispose();
  });
  const frame = lastFrame() ?? '';
  t.regex(frame, /Deployment\s+web\s+1\/1/);
  t.regex(frame, /ReplicaSet\s+web-[a-z0-9]+\s+1\/1/);
});

test('the Services pane shows the kubernetes Service with its ClusterIP and endpoints', (t) => {
  const cluster = startedCluster();
  const { lastFrame, unmount } = render(<ServicesPane {...paneProps(cluster)} filter="default" />);
  t.teardown(() => {
    unmount();
    cluster.dispose();
  });
  t.regex(lastFrame() ?? '', /kubernetes\s+ClusterIP\s+10\.96\.0\.1\s+<none>\s+443\/TCP/);
});

test('c on a selected node cordons it through the API', async (t) => {
  const cluster = startedCluster();
  const { lastFrame, stdin, unmount } = render(<App cluster={cluster} color={false} maxFps={100} />);
  t.teardown(() => {
    unmount();
    cluster.dispose();
  });
  await until(() => /node-1/.test(lastFrame() ?? ''), 'the Nodes pane');
  stdin.write(DOWN);
  stdin.write('c');
  const unschedulable = (): boolean => {
    const node = cluster.api.get('nodes', '', 'node-1');
    return node.ok && (node.value['spec'] as { unschedulable?: boolean }).unschedulable === true;
  };
  await until(unschedulable, 'node-1 to be cordoned');
  await until(() => /node\/node-1 cordoned/.test(lastFrame() ?? ''), 'the answer in the status line');
  t.true(unschedulable());
});

test('k asks first, then kills the node, which turns Unknown once the grace period has passed', async (t) => {
  const cluster = startedCluster();
  const { lastFrame, stdin, unmount } = render(<App cluster={cluster} color={false} maxFps={100} />);
  t.teardown(() => {
    unmount();
    cluster.dispose();
  });
  await until(() => /node-1/.test(lastFrame() ?? ''), 'the Nodes pane');
  stdin.write(DOWN);
  stdin.write('k');
  await until(() => /kill-node node-1\? \(y\/n\)/.test(lastFrame() ?? ''), 'the question');
  stdin.write('y');
  await until(() => cluster.component('kubelet/node-1')?.state === 'stopped', 'the kubelet to stop');
  // node-monitor-grace-period (50 s) counts from the last heartbeat, up to 10 s before the kill.
  cluster.clock.advance(60_000);
  const node = cluster.api.get('nodes', '', 'node-1');
  const ready = node.ok ? (node.value['status'] as { conditions: { type: string; status: string }[] }).conditions.find((c) => c.type === 'Ready') : undefined;
  t.is(ready?.status, 'Unknown');
  await until(() => /node-1\s+NotReady/.test(lastFrame() ?? ''), 'NotReady on screen');
});

test('a dangerous key does nothing when the answer is not y', async (t) => {
  const cluster = startedCluster();
  const { lastFrame, stdin, unmount } = render(<App cluster={cluster} color={false} maxFps={100} />);
  t.teardown(() => {
    unmount();
    cluster.dispose();
  });
  await until(() => /node-1/.test(lastFrame() ?? ''), 'the Nodes pane');
  stdin.write(DOWN);
  stdin.write('x');
  await until(() => /delete node\/node-1\? \(y\/n\)/.test(lastFrame() ?? ''), 'the question');
  stdin.write('n');
  await until(() => /cancelled: delete node\/node-1/.test(lastFrame() ?? ''), 'the cancellation');
  t.true(cluster.api.get('nodes', '', 'node-1').ok);
});

test('+ on a selected Deployment scales it up by one', async (t) => {
  const cluster = startedCluster(true);
  const { lastFrame, stdin, unmount } = render(<App cluster={cluster} color={false} maxFps={100} />);
  t.teardown(() => {
    unmount();
    cluster.dispose();
  });
  stdin.write('3');
  await until(() => /Deployment\s+default\s+web/.test(lastFrame() ?? ''), 'the Workloads pane');
  stdin.write('+');
  const replicas = (): number | undefined => {
    const found = cluster.api.get('deployments', 'default', 'web');
    return found.ok ? (found.value['spec'] as { replicas?: number }).replicas : undefined;
  };
  await until(() => replicas() === 2, 'two replicas');
  await until(() => /deployment\.apps\/web scaled/.test(lastFrame() ?? ''), 'the answer in the status line');
  t.is(replicas(), 2);
});

test('digits switch panes and ? shows the help generated from the key table', async (t) => {
  const cluster = startedCluster();
  const { lastFrame, stdin, unmount } = render(<App cluster={cluster} color={false} maxFps={100} />);
  t.teardown(() => {
    unmount();
    cluster.dispose();
  });
  stdin.write('4');
  await until(() => /Services \(/.test(lastFrame() ?? ''), 'the Services pane');
  stdin.write('?');
  await until(() => /Keys \(Esc or \? closes\)/.test(lastFrame() ?? ''), 'the help');
  t.regex(lastFrame() ?? '', /delete the selected object \(asks y\/n\)/);
  stdin.write('?');
  await until(() => /Services \(/.test(lastFrame() ?? ''), 'the pane again');
});

test('space and > drive the clock shown in the header', async (t) => {
  const cluster = startedCluster();
  const { lastFrame, stdin, unmount } = render(<App cluster={cluster} color={false} maxFps={100} />);
  t.teardown(() => {
    unmount();
    cluster.dispose();
  });
  await until(() => /paused/.test(lastFrame() ?? ''), 'paused in the header');
  stdin.write('>');
  await until(() => cluster.clock.speed === 2, 'speed 2');
  stdin.write('.');
  await until(() => /t\+1s/.test(lastFrame() ?? ''), 'one step');
  t.is(cluster.clock.mode, 'paused');
});

test('/ filters the Pods pane by namespace', async (t) => {
  const cluster = startedCluster(true);
  const { lastFrame, stdin, unmount } = render(<App cluster={cluster} color={false} maxFps={100} />);
  t.teardown(() => {
    unmount();
    cluster.dispose();
  });
  stdin.write('2');
  await until(() => /Pods \(/.test(lastFrame() ?? ''), 'the Pods pane');
  stdin.write('/');
  stdin.write('kube-system');
  stdin.write('\r');
  await until(() => /Pods in kube-system/.test(lastFrame() ?? ''), 'the filter');
  t.notRegex(lastFrame() ?? '', /web-[a-z0-9]+-[a-z0-9]{5}/);
});
