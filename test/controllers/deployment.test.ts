import test from 'ava';
import type { KubeObject } from '../../src/api/types.js';
import { eventsFor, mustCreate } from './workload-fixtures.js';
import { corpusObjects, deployment, listPods, markPodsReady, mustGet, podsOf, template } from './replicaset-fixtures.js';
import {
  conditionOf,
  deploymentController,
  patchSpec,
  replicaSetsOf,
  replicasOf,
  runKubelets,
  setImage,
  settle,
  startDeployments,
  watchPodCounts,
} from './deployment-fixtures.js';

const HASH = /^[4-9bcdf]{1,10}$/;

function annotations(obj: KubeObject): Record<string, string> {
  return obj.metadata.annotations ?? {};
}

test('a Deployment of 3 creates a ReplicaSet <deployment>-<pod-template-hash> and 3 pods named after it', (t) => {
  const h = startDeployments();
  const [nginx] = corpusObjects('website/controllers/nginx-deployment.yaml');
  const d = mustCreate(h.api, 'deployments', 'default', nginx!);
  settle(h);
  const [rs] = replicaSetsOf(h.api, 'nginx-deployment');
  const rsName = rs!.metadata.name ?? '';
  const hash = rsName.slice('nginx-deployment-'.length);
  t.regex(hash, HASH);
  t.deepEqual(rs!.metadata.labels, { app: 'nginx', 'pod-template-hash': hash });
  t.deepEqual((rs!['spec'] as { selector: unknown }).selector, { matchLabels: { app: 'nginx', 'pod-template-hash': hash } });
  t.deepEqual((rs!['spec'] as { template: { metadata: unknown } }).template.metadata, { labels: { app: 'nginx', 'pod-template-hash': hash } });
  t.deepEqual(annotations(rs!), {
    'deployment.kubernetes.io/desired-replicas': '3',
    'deployment.kubernetes.io/max-replicas': '4',
    'deployment.kubernetes.io/revision': '1',
  });
  t.like(rs!.metadata.ownerReferences?.[0], { apiVersion: 'apps/v1', kind: 'Deployment', name: 'nginx-deployment', uid: d.metadata.uid, controller: true });
  const pods = podsOf(h.api, rs!.metadata.uid);
  t.is(pods.length, 3);
  for (const pod of pods) t.regex(pod.metadata.name ?? '', new RegExp(`^${rsName}-[bcdfghjklmnpqrstvwxz2456789]{5}$`));
  t.is(annotations(mustGet(h.api, 'deployments', 'nginx-deployment'))['deployment.kubernetes.io/revision'], '1');
  t.deepEqual(eventsFor(h.api, 'default', 'nginx-deployment'), [`ScalingReplicaSet Scaled up replica set ${rsName} from 0 to 3`]);
});

test('a Deployment whose pods are ready reports them available and its rollout complete', (t) => {
  const h = startDeployments();
  mustCreate(h.api, 'deployments', 'default', deployment('web', 3, { app: 'web' }));
  settle(h);
  markPodsReady(h.api, h.cluster.clock.now());
  settle(h);
  const [rs] = replicaSetsOf(h.api, 'web');
  const status = mustGet(h.api, 'deployments', 'web')['status'] as Record<string, unknown>;
  t.like(status, { observedGeneration: 1, replicas: 3, updatedReplicas: 3, readyReplicas: 3, availableReplicas: 3, unavailableReplicas: undefined });
  const conditions = (status['conditions'] as Record<string, string>[]).map((c) => [c['type'], c['status'], c['reason'], c['message']]);
  t.deepEqual(conditions, [
    ['Available', 'True', 'MinimumReplicasAvailable', 'Deployment has minimum availability.'],
    ['Progressing', 'True', 'NewReplicaSetAvailable', `ReplicaSet "${rs!.metadata.name ?? ''}" has successfully progressed.`],
  ]);
});

test('the Deployment controller does nothing in the steady state', (t) => {
  const h = startDeployments();
  mustCreate(h.api, 'deployments', 'default', deployment('web', 3, { app: 'web' }));
  runKubelets(h);
  settle(h);
  h.writes.length = 0;
  t.is(deploymentController(h).sync('default/web'), 'done');
  settle(h);
  t.deepEqual(h.writes, []);
  t.true(h.cluster.clock.idle, 'no timer left pending: the cluster has settled');
});

test('a template change rolls out within maxSurge and maxUnavailable at every step', (t) => {
  const h = startDeployments();
  mustCreate(h.api, 'deployments', 'default', deployment('web', 10, { app: 'web' }));
  runKubelets(h);
  const [oldRs] = replicaSetsOf(h.api, 'web');
  let maxActive = 0;
  let minAvailable = Infinity;
  let changes = 0;
  const stop = watchPodCounts(h.api, ({ active, available }) => {
    changes++;
    maxActive = Math.max(maxActive, active);
    minAvailable = Math.min(minAvailable, available);
  });
  h.cluster.clock.advance(1);
  [changes, maxActive, minAvailable] = [0, 0, Infinity];
  setImage(h.api, 'web', 'nginx:1.28');
  runKubelets(h);
  stop();
  t.true(changes > 20, `${changes} pod changes seen`);
  t.is(maxActive, 13, 'replicas 10 + maxSurge 25% (rounded up: 3)');
  t.is(minAvailable, 8, 'replicas 10 − maxUnavailable 25% (rounded down: 2)');
  const [old, current] = replicaSetsOf(h.api, 'web');
  t.is(old!.metadata.uid, oldRs!.metadata.uid);
  t.is(replicasOf(old!), 0);
  t.is(replicasOf(current!), 10);
  t.is(annotations(current!)['deployment.kubernetes.io/revision'], '2');
  t.is(annotations(mustGet(h.api, 'deployments', 'web'))['deployment.kubernetes.io/revision'], '2');
  t.like(conditionOf(h.api, 'web', 'Progressing'), { status: 'True', reason: 'NewReplicaSetAvailable' });
  const events = eventsFor(h.api, 'default', 'web');
  t.is(events[0], `ScalingReplicaSet Scaled up replica set ${old!.metadata.name ?? ''} from 0 to 10`);
  t.is(events[1], `ScalingReplicaSet Scaled up replica set ${current!.metadata.name ?? ''} from 0 to 3`);
  t.is(events[2], `ScalingReplicaSet Scaled down replica set ${old!.metadata.name ?? ''} from 10 to 8`);
  t.regex(events.at(-1) ?? '', new RegExp(`^ScalingReplicaSet Scaled down replica set ${old!.metadata.name ?? ''} from \\d+ to 0$`));
});

test('maxSurge 0 and maxUnavailable 1 replace pods one at a time', (t) => {
  const h = startDeployments();
  const strategy = { type: 'RollingUpdate', rollingUpdate: { maxSurge: 0, maxUnavailable: 1 } };
  mustCreate(h.api, 'deployments', 'default', deployment('web', 3, { app: 'web' }, { strategy }));
  runKubelets(h);
  let maxActive = 0;
  let minAvailable = Infinity;
  const stop = watchPodCounts(h.api, ({ active, available }) => {
    maxActive = Math.max(maxActive, active);
    minAvailable = Math.min(minAvailable, available);
  });
  h.cluster.clock.advance(1);
  [maxActive, minAvailable] = [0, Infinity];
  setImage(h.api, 'web', 'nginx:1.28');
  runKubelets(h);
  stop();
  t.is(maxActive, 3);
  t.is(minAvailable, 2);
  const [old, current] = replicaSetsOf(h.api, 'web');
  t.deepEqual([replicasOf(old!), replicasOf(current!)], [0, 3]);
});

test('scaling a Deployment scales its only ReplicaSet and records the sizes', (t) => {
  const h = startDeployments();
  mustCreate(h.api, 'deployments', 'default', deployment('web', 3, { app: 'web' }));
  runKubelets(h);
  patchSpec(h.api, 'web', { replicas: 5 });
  runKubelets(h);
  const [rs] = replicaSetsOf(h.api, 'web');
  t.is(replicasOf(rs!), 5);
  t.like(annotations(rs!), { 'deployment.kubernetes.io/desired-replicas': '5', 'deployment.kubernetes.io/max-replicas': '7' });
  t.is(listPods(h.api).length, 5);
  t.is(eventsFor(h.api, 'default', 'web').at(-1), `ScalingReplicaSet Scaled up replica set ${rs!.metadata.name ?? ''} from 3 to 5`);
  patchSpec(h.api, 'web', { replicas: 2 });
  runKubelets(h);
  t.is(eventsFor(h.api, 'default', 'web').at(-1), `ScalingReplicaSet Scaled down replica set ${rs!.metadata.name ?? ''} from 5 to 2`);
  t.is(listPods(h.api).length, 2);
});

test('scaling during a rollout shares the new replicas among the ReplicaSets in proportion', (t) => {
  const h = startDeployments();
  mustCreate(h.api, 'deployments', 'default', deployment('web', 10, { app: 'web' }));
  runKubelets(h);
  setImage(h.api, 'web', 'nginx:1.28');
  settle(h); // the new pods never become ready: the rollout stops at 8 old and 5 new
  const [old, current] = replicaSetsOf(h.api, 'web');
  t.deepEqual([replicasOf(old!), replicasOf(current!)], [8, 5]);
  patchSpec(h.api, 'web', { replicas: 20 });
  settle(h);
  const [old2, current2] = replicaSetsOf(h.api, 'web');
  // 20 + 5 surge = 25 allowed, 13 before (max-replicas): old 8 × 25/13 ≈ 15, new 5 × 25/13 ≈ 10.
  t.deepEqual([replicasOf(old2!), replicasOf(current2!)], [15, 10]);
  const events = eventsFor(h.api, 'default', 'web').slice(-2);
  t.deepEqual(events, [
    `ScalingReplicaSet Scaled up replica set ${old!.metadata.name ?? ''} from 8 to 15`,
    `ScalingReplicaSet Scaled up replica set ${current!.metadata.name ?? ''} from 5 to 10`,
  ]);
});

test('a paused Deployment does not roll out a new template until it is resumed', (t) => {
  const h = startDeployments();
  mustCreate(h.api, 'deployments', 'default', deployment('web', 3, { app: 'web' }));
  runKubelets(h);
  patchSpec(h.api, 'web', { paused: true });
  settle(h);
  t.like(conditionOf(h.api, 'web', 'Progressing'), { status: 'Unknown', reason: 'DeploymentPaused', message: 'Deployment is paused' });
  setImage(h.api, 'web', 'nginx:1.28');
  runKubelets(h);
  t.is(replicaSetsOf(h.api, 'web').length, 1);
  t.is(mustGet(h.api, 'deployments', 'web')['status'] !== undefined, true);
  t.like(mustGet(h.api, 'deployments', 'web')['status'] as object, { observedGeneration: 3 });
  patchSpec(h.api, 'web', { paused: false });
  runKubelets(h);
  const [old, current] = replicaSetsOf(h.api, 'web');
  t.deepEqual([replicasOf(old!), replicasOf(current!)], [0, 3]);
  t.like(conditionOf(h.api, 'web', 'Progressing'), { status: 'True', reason: 'NewReplicaSetAvailable' });
});

test('a rollout without progress for progressDeadlineSeconds is reported as timed out', (t) => {
  const h = startDeployments();
  mustCreate(h.api, 'deployments', 'default', deployment('web', 2, { app: 'web' }, { progressDeadlineSeconds: 60 }));
  h.cluster.clock.advance(59_000);
  const [rs] = replicaSetsOf(h.api, 'web');
  t.like(conditionOf(h.api, 'web', 'Progressing'), { status: 'True', reason: 'ReplicaSetUpdated', message: `ReplicaSet "${rs!.metadata.name ?? ''}" is progressing.` });
  h.cluster.clock.advance(3_000);
  t.like(conditionOf(h.api, 'web', 'Progressing'), {
    status: 'False',
    reason: 'ProgressDeadlineExceeded',
    message: `ReplicaSet "${rs!.metadata.name ?? ''}" has timed out progressing.`,
  });
  t.like(conditionOf(h.api, 'web', 'Available'), { status: 'False', reason: 'MinimumReplicasUnavailable', message: 'Deployment does not have minimum availability.' });
});

test('a ReplicaSet that cannot create pods makes its Deployment report ReplicaFailure', (t) => {
  const h = startDeployments();
  const d = deployment('web', 2, { app: 'web' }, { template: template({ app: 'web' }, { priorityClassName: 'placeholder' }) });
  mustCreate(h.api, 'deployments', 'default', d);
  h.cluster.clock.advance(2_000);
  const failure = conditionOf(h.api, 'web', 'ReplicaFailure');
  t.like(failure, { status: 'True', reason: 'FailedCreate' });
  t.regex(failure?.['message'] ?? '', /is forbidden: no PriorityClass with name placeholder was found$/);
});
