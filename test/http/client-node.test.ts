/**
 * The official JavaScript client (`@kubernetes/client-node`) against the HTTP front, loaded from the
 * kubeconfig the playground writes: list, watch, create, patch, an informer, and the error shape.
 */
import test from 'ava';
import * as k8s from '@kubernetes/client-node';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { Cluster } from '../../src/cluster/cluster.js';
import { writeKubeconfig } from '../../src/http/kubeconfig.js';
import { startApiFront, type ApiFront } from '../../src/http/server.js';

let cluster: Cluster;
let front: ApiFront;
let config: k8s.KubeConfig;

test.before(async () => {
  cluster = new Cluster({ seed: 1, components: 'full' });
  cluster.clock.advance(60_000);
  front = await startApiFront({ api: cluster.api, clock: cluster.clock, port: 0 });
  const file = join(await mkdtemp(join(tmpdir(), 'k8s-playground-client-node-')), 'kubeconfig');
  const problem = await writeKubeconfig(file, front.url);
  if (problem !== undefined) throw new Error(problem);
  config = new k8s.KubeConfig();
  config.loadFromFile(file);
});

test.after.always(async () => {
  await front.close();
  cluster.dispose();
});

/** Moves the virtual clock on in steps until `done()` holds, letting HTTP traffic through between steps. */
async function advanceUntil(done: () => boolean, stepMs: number, maxVirtualMs: number): Promise<void> {
  for (let moved = 0; !done() && moved < maxVirtualMs; moved += stepMs) {
    cluster.clock.advance(stepMs);
    await delay(5);
  }
}

const DEPLOYMENT: k8s.V1Deployment = {
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'client', labels: { app: 'client' } },
  spec: {
    replicas: 2,
    selector: { matchLabels: { app: 'client' } },
    template: {
      metadata: { labels: { app: 'client' } },
      spec: { containers: [{ name: 'web', image: 'nginx:1.27', ports: [{ containerPort: 80 }] }] },
    },
  },
};

test.serial('the kubeconfig the playground writes loads, and nodes list with their status', async (t) => {
  t.is(config.getCurrentContext(), 'k8s-playground');
  const core = config.makeApiClient(k8s.CoreV1Api);
  const nodes = await core.listNode();
  t.deepEqual(
    nodes.items.map((node) => node.metadata?.name),
    ['control-plane', 'node-1', 'node-2', 'node-3'],
  );
  const ready = nodes.items[1]?.status?.conditions?.find((c) => c.type === 'Ready');
  t.is(ready?.status, 'True');
  t.is(nodes.items[1]?.status?.nodeInfo?.kubeletVersion, 'v1.32.0');
});

test.serial('a watch sees the pods a created deployment makes, added and then running', async (t) => {
  const phases = new Map<string, string[]>();
  const watch = new k8s.Watch(config);
  const controller = await watch.watch(
    '/api/v1/namespaces/default/pods',
    { labelSelector: 'app=client' },
    (type, pod: k8s.V1Pod) => {
      const name = pod.metadata?.name ?? '';
      phases.set(name, [...(phases.get(name) ?? []), `${type}:${pod.status?.phase ?? ''}`]);
    },
    () => undefined,
  );
  const apps = config.makeApiClient(k8s.AppsV1Api);
  const created = await apps.createNamespacedDeployment({ namespace: 'default', body: DEPLOYMENT });
  t.is(created.metadata?.generation, 1);
  t.truthy(created.metadata?.uid);

  const running = (): boolean =>
    phases.size === 2 && [...phases.values()].every((events) => events.includes('MODIFIED:Running'));
  await advanceUntil(running, 500, 60_000);
  controller.abort();
  t.true(running(), JSON.stringify([...phases]));
  for (const [name, events] of phases) {
    t.regex(name, /^client-[a-z0-9]{8,10}-[a-z0-9]{5}$/);
    t.is(events[0], 'ADDED:Pending');
  }
});

test.serial('a merge patch scales the deployment and a strategic merge patch changes its image', async (t) => {
  const apps = config.makeApiClient(k8s.AppsV1Api);
  const scaled = await apps.patchNamespacedDeployment(
    { name: 'client', namespace: 'default', body: { spec: { replicas: 3 } } },
    k8s.setHeaderOptions('Content-Type', k8s.PatchStrategy.MergePatch),
  );
  t.is(scaled.spec?.replicas, 3);
  const patched = await apps.patchNamespacedDeployment(
    { name: 'client', namespace: 'default', body: { spec: { template: { spec: { containers: [{ name: 'web', image: 'nginx:1.28' }] } } } } },
    k8s.setHeaderOptions('Content-Type', k8s.PatchStrategy.StrategicMergePatch),
  );
  const containers = patched.spec?.template.spec?.containers ?? [];
  t.deepEqual(containers.map((c) => [c.name, c.image, c.ports?.[0]?.containerPort]), [['web', 'nginx:1.28', 80]]);
  t.is(patched.metadata?.generation, 3);
});

test.serial('an informer keeps a cache of the deployment\'s replica sets as the rollout goes on', async (t) => {
  const apps = config.makeApiClient(k8s.AppsV1Api);
  const informer = k8s.makeInformer(
    config,
    '/apis/apps/v1/namespaces/default/replicasets',
    () => apps.listNamespacedReplicaSet({ namespace: 'default', labelSelector: 'app=client' }),
    'app=client',
  );
  await informer.start();
  const rolledOut = (): boolean => {
    const sets = informer.list('default');
    return sets.length === 2 && sets.some((rs) => rs.spec?.replicas === 3 && rs.status?.readyReplicas === 3) && sets.some((rs) => rs.spec?.replicas === 0);
  };
  await advanceUntil(rolledOut, 500, 120_000);
  await informer.stop();
  t.true(rolledOut(), JSON.stringify(informer.list('default').map((rs) => [rs.metadata?.name, rs.spec?.replicas, rs.status?.readyReplicas])));
});

test.serial('a missing object is an ApiException carrying the NotFound Status', async (t) => {
  const core = config.makeApiClient(k8s.CoreV1Api);
  const error = await t.throwsAsync(core.readNamespacedPod({ name: 'nope', namespace: 'default' }));
  t.true(error instanceof k8s.ApiException);
  const exception = error as k8s.ApiException<string>;
  t.is(exception.code, 404);
  const status = JSON.parse(exception.body) as { reason: string; message: string };
  t.is(status.reason, 'NotFound');
  t.is(status.message, 'pods "nope" not found');
});
