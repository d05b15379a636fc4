import test from 'ava';
import { nextSpeed } from '../../src/ui/command-context.js';
import { commandFor, KEY_COMMANDS, keyNames } from '../../src/ui/keys.js';
import { stripEntries } from '../../src/ui/render/control-plane.js';
import { formatElapsed, formatSpeed } from '../../src/ui/render/header-summary.js';
import { podStatusColor } from '../../src/ui/render/pod-rows.js';
import { usageBar } from '../../src/ui/render/usage-bar.js';
import { withEvictionCountdown } from '../../src/ui/render/node-rows.js';

test('a usage bar fills in proportion and prints the percentage', (t) => {
  t.is(usageBar(500, 1000), '███░░  50%');
  t.is(usageBar(0, 1000), '░░░░░   0%');
  t.is(usageBar(1, undefined), '-');
});

test('keys typed together are handled one by one', (t) => {
  t.deepEqual(keyNames('jj', {}), ['j', 'j']);
  t.deepEqual(keyNames(' ', {}), ['space']);
  t.deepEqual(keyNames('', { tab: true, shift: true }), ['shift-tab']);
});

test('no key is bound to two commands', (t) => {
  const seen = new Set<string>();
  for (const command of KEY_COMMANDS) for (const key of command.keys) {
    t.false(seen.has(key), key);
    seen.add(key);
  }
  t.is(commandFor('k')?.id, 'node.kill');
});

test('the speed steps from 0.25× to 100× and stops at the ends', (t) => {
  t.is(nextSpeed(1, 1), 2);
  t.is(nextSpeed(1, -1), 0.5);
  t.is(nextSpeed(0.25, -1), 0.25);
  t.is(nextSpeed(100, 1), 100);
  t.is(nextSpeed(3, 1), 5);
});

test('simulated time and speed read as in the header', (t) => {
  t.is(formatElapsed(3_723_000), '1h02m03s');
  t.is(formatElapsed(65_000), '1m05s');
  t.is(formatSpeed('paused', 2), 'paused');
  t.is(formatSpeed('running', 0.25), '0.25×');
});

test('the strip summarises kubelets and shows the scheduler queue', (t) => {
  const entries = stripEntries(
    [
      { name: 'etcd', state: 'stopped' },
      { name: 'kube-scheduler', state: 'idle' },
      { name: 'kubelet/node-1', state: 'ready' },
      { name: 'kubelet/node-2', state: 'stopped' },
      { name: 'coredns', state: 'running' },
    ],
    { active: 1, backoff: 2, unschedulable: 3 },
  );
  t.deepEqual(entries.map((e) => `${e.label} ${e.state} ${e.tone}`), ['etcd stopped bad', 'kube-scheduler idle q1/2/3 good', 'kubelet 1/2 ready busy', 'coredns running good']);
});

test('pod STATUS colours: running green, waiting yellow, failing red', (t) => {
  t.is(podStatusColor('Running'), 'green');
  t.is(podStatusColor('ContainerCreating'), 'yellow');
  t.is(podStatusColor('CrashLoopBackOff'), 'red');
});

test('an unreachable node shows the countdown to taint-based eviction, then that it is evicting', (t) => {
  const node = {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: { name: 'node-1' },
    spec: { taints: [{ key: 'node.kubernetes.io/unreachable', effect: 'NoExecute', timeAdded: '2025-01-01T00:01:00Z' }] },
  };
  const at = (iso: string): number => Date.parse(iso);
  t.is(withEvictionCountdown('NotReady', node, at('2025-01-01T00:01:48Z')), 'NotReady · evicts in 4m12s');
  t.is(withEvictionCountdown('NotReady', node, at('2025-01-01T00:06:00Z')), 'NotReady · evicting');
  t.is(withEvictionCountdown('Ready', { ...node, spec: {} }, at('2025-01-01T00:06:00Z')), 'Ready');
});
