import test from 'ava';
import type { KubeObject } from '../../src/api/types.js';
import { Cluster } from '../../src/cluster/cluster.js';
import { COMMANDS, runCommand } from '../../src/cluster/commands/index.js';
import { parseScript } from '../../src/cluster/script.js';
import { splitCommandLine } from '../../src/cluster/command-line.js';

function apiCluster(): Cluster {
  return new Cluster({ seed: 1 });
}

function deployment(name: string, image = 'nginx:1.27'): KubeObject {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name },
    spec: {
      replicas: 1,
      selector: { matchLabels: { app: name } },
      template: { metadata: { labels: { app: name } }, spec: { containers: [{ name: 'web', image }] } },
    },
  };
}

function node(name: string): KubeObject {
  return { apiVersion: 'v1', kind: 'Node', metadata: { name } };
}

test('scale sets spec.replicas and answers as kubectl does', (t) => {
  const cluster = apiCluster();
  t.true(cluster.api.create('deployments', 'default', deployment('web')).ok);
  t.deepEqual(runCommand(cluster, 'scale deployment/web 5'), { ok: true, message: 'deployment.apps/web scaled' });
  t.deepEqual(runCommand(cluster, 'kubectl scale deploy web --replicas=2'), { ok: true, message: 'deployment.apps/web scaled' });
  const got = cluster.api.get('deployments', 'default', 'web');
  t.is(got.ok && (got.value['spec'] as { replicas: number }).replicas, 2);
  t.deepEqual(runCommand(cluster, 'scale deployment/nope 3'), {
    ok: false,
    message: 'Error from server (NotFound): deployments.apps "nope" not found',
  });
  t.false(runCommand(cluster, 'scale deployment/web -1').ok);
  t.deepEqual(runCommand(cluster, 'scale widget/web 1'), { ok: false, message: 'error: the server doesn\'t have a resource type "widget"' });
  cluster.dispose();
});

test('set image changes the named container and refuses unknown ones', (t) => {
  const cluster = apiCluster();
  cluster.api.create('deployments', 'default', deployment('web'));
  t.deepEqual(runCommand(cluster, 'set image deployment/web web=nginx:1.28'), { ok: true, message: 'deployment.apps/web image updated' });
  const got = cluster.api.get('deployments', 'default', 'web');
  const spec = got.ok ? (got.value['spec'] as { template: { spec: { containers: { image: string }[] } } }) : undefined;
  t.is(spec?.template.spec.containers[0]?.image, 'nginx:1.28');
  t.deepEqual(runCommand(cluster, 'set image deployment/web nope=x:1'), { ok: false, message: 'error: unable to find container named "nope"' });
  cluster.dispose();
});

test('rollout undo copies the previous revision\'s template back without the pod-template-hash', (t) => {
  const cluster = apiCluster();
  const created = cluster.api.create('deployments', 'default', deployment('web', 'nginx:1.28'));
  if (!created.ok) return t.fail();
  const owner = { apiVersion: 'apps/v1', kind: 'Deployment', name: 'web', uid: created.value.metadata.uid!, controller: true };
  const rs = (revision: number, image: string, hash: string): KubeObject => ({
    apiVersion: 'apps/v1',
    kind: 'ReplicaSet',
    metadata: { name: `web-${hash}`, labels: { app: 'web', 'pod-template-hash': hash }, annotations: { 'deployment.kubernetes.io/revision': String(revision) }, ownerReferences: [owner] },
    spec: {
      replicas: 0,
      selector: { matchLabels: { app: 'web', 'pod-template-hash': hash } },
      template: { metadata: { labels: { app: 'web', 'pod-template-hash': hash } }, spec: { containers: [{ name: 'web', image }] } },
    },
  });
  t.deepEqual(runCommand(cluster, 'rollout undo deployment/web'), { ok: false, message: 'error: no rollout history found for deployment "web"' });
  t.true(cluster.api.create('replicasets', 'default', rs(1, 'nginx:1.27', 'aaaaa')).ok);
  t.true(cluster.api.create('replicasets', 'default', rs(2, 'nginx:1.28', 'bbbbb')).ok);
  t.deepEqual(runCommand(cluster, 'rollout undo deployment/web --to-revision=7'), { ok: false, message: 'error: unable to find specified revision 7 in history' });
  t.deepEqual(runCommand(cluster, 'rollout undo deployment/web'), { ok: true, message: 'deployment.apps/web rolled back' });
  const got = cluster.api.get('deployments', 'default', 'web');
  const template = got.ok ? (got.value['spec'] as { template: { metadata: { labels: Record<string, string> }; spec: { containers: { image: string }[] } } }).template : undefined;
  t.is(template?.spec.containers[0]?.image, 'nginx:1.27');
  t.deepEqual(template?.metadata.labels, { app: 'web' });
  cluster.dispose();
});

test('label, cordon and taint change nodes the way kubectl reports it', (t) => {
  const cluster = apiCluster();
  cluster.api.create('nodes', '', node('node-1'));
  t.deepEqual(runCommand(cluster, 'label node/node-1 disktype=ssd'), { ok: true, message: 'node/node-1 labeled' });
  t.deepEqual(runCommand(cluster, 'label node/node-1 disktype=hdd'), {
    ok: false,
    message: "error: 'disktype' already has a value (ssd), and --overwrite is false",
  });
  t.deepEqual(runCommand(cluster, 'label node/node-1 disktype-'), { ok: true, message: 'node/node-1 unlabeled' });
  t.deepEqual(runCommand(cluster, 'cordon node-1'), { ok: true, message: 'node/node-1 cordoned' });
  t.deepEqual(runCommand(cluster, 'cordon node-1'), { ok: true, message: 'node/node-1 already cordoned' });
  t.deepEqual(runCommand(cluster, 'uncordon node-1'), { ok: true, message: 'node/node-1 uncordoned' });
  t.deepEqual(runCommand(cluster, 'taint node node-1 dedicated=gpu:NoSchedule'), { ok: true, message: 'node/node-1 tainted' });
  const got = cluster.api.get('nodes', '', 'node-1');
  t.deepEqual(got.ok && got.value['spec'], { taints: [{ key: 'dedicated', value: 'gpu', effect: 'NoSchedule' }] });
  t.deepEqual(runCommand(cluster, 'taint node node-1 dedicated:NoSchedule-'), { ok: true, message: 'node/node-1 untainted' });
  t.deepEqual(runCommand(cluster, 'taint node node-1 gpu=yes:NoExecute'), { ok: true, message: 'node/node-1 tainted' });
  t.deepEqual(runCommand(cluster, 'taint node node-1 gpu-'), { ok: true, message: 'node/node-1 untainted' });
  t.deepEqual(runCommand(cluster, 'taint node node-1 gpu-'), { ok: false, message: 'error: taint "gpu" not found' });
  cluster.dispose();
});

test('delete answers with the kubectl line and stop/start toggle etcd', (t) => {
  const cluster = apiCluster();
  cluster.api.create('deployments', 'default', deployment('web'));
  t.deepEqual(runCommand(cluster, 'delete deployment/web'), { ok: true, message: 'deployment.apps "web" deleted' });
  t.deepEqual(runCommand(cluster, 'stop etcd'), { ok: true, message: 'etcd stopped' });
  t.is(cluster.component('etcd')?.state, 'stopped');
  t.false(cluster.api.get('deployments', 'default', 'web').ok);
  t.deepEqual(runCommand(cluster, 'start etcd'), { ok: true, message: 'etcd started' });
  t.false(runCommand(cluster, 'stop nothing-here').ok);
  t.false(runCommand(cluster, 'frobnicate').ok);
  cluster.dispose();
});

test('a script is checked whole, with file:line for every problem, and sorted by time', (t) => {
  const bad = parseScript('# comment\n30s scale deployment/web 5\nsoon cordon node-1\n1m frobnicate\n2m "unterminated\n', 's.txt');
  t.deepEqual(bad, {
    ok: false,
    errors: [
      's.txt:3: "soon" is not a time: start the line with a simulated time such as 30s, 2m or 1h30m',
      `s.txt:4: unknown command "frobnicate"; commands: ${COMMANDS.map((c) => c.name).join(', ')}`,
      's.txt:5: unterminated double quote',
    ],
  });
  const good = parseScript('2m delete pod/web-abc12\n\n30s scale deployment/web 5\n', 's.txt');
  t.deepEqual(good, {
    ok: true,
    steps: [
      { atMs: 30_000, command: 'scale deployment/web 5', line: 3 },
      { atMs: 120_000, command: 'delete pod/web-abc12', line: 1 },
    ],
  });
});

test('command lines split on spaces and honour quotes', (t) => {
  t.deepEqual(splitCommandLine(`label pod/x a="b c" 'd e'`), { ok: true, words: ['label', 'pod/x', 'a=b c', 'd e'] });
});
