import test from 'ava';
import type { KubeObject } from '../../src/api/types.js';
import { rollbackDeployment } from '../../src/controllers/deployment/rollout-undo.js';
import { eventsFor, mustCreate } from './workload-fixtures.js';
import { deployment, listPods, markPodsReady, mustGet, podsOf, replicaSet } from './replicaset-fixtures.js';
import { patchSpec, replicaSetsOf, replicasOf, runKubelets, setImage, settle, startDeployments, watchPodCounts } from './deployment-fixtures.js';

function revision(obj: KubeObject): string | undefined {
  return obj.metadata.annotations?.['deployment.kubernetes.io/revision'];
}

function byRevision(rss: KubeObject[]): KubeObject[] {
  return [...rss].sort((a, b) => Number(revision(a)) - Number(revision(b)));
}

test('rolling back to revision 1 reuses its ReplicaSet and makes it revision 3', (t) => {
  const h = startDeployments();
  mustCreate(h.api, 'deployments', 'default', deployment('web', 3, { app: 'web' }));
  runKubelets(h);
  setImage(h.api, 'web', 'nginx:1.28');
  runKubelets(h);
  const [first, second] = replicaSetsOf(h.api, 'web');
  t.deepEqual([revision(first!), revision(second!)], ['1', '2']);

  t.deepEqual(rollbackDeployment(h.api, 'default', 'web', 1), { ok: true, message: 'rolled back' });
  runKubelets(h);
  const rss = replicaSetsOf(h.api, 'web');
  t.is(rss.length, 2, 'no new ReplicaSet');
  const reused = rss.find((rs) => rs.metadata.uid === first!.metadata.uid)!;
  t.is(replicasOf(reused), 3);
  t.is(revision(reused), '3');
  t.is(reused.metadata.annotations?.['deployment.kubernetes.io/revision-history'], '1');
  t.is(replicasOf(rss.find((rs) => rs.metadata.uid === second!.metadata.uid)!), 0);
  t.is(revision(mustGet(h.api, 'deployments', 'web')), '3');
  t.is(podsOf(h.api, reused.metadata.uid).length, 3);
  t.is(listPods(h.api).length, 3);
});

test('kubectl rollout undo answers as kubectl does', (t) => {
  const h = startDeployments();
  mustCreate(h.api, 'deployments', 'default', deployment('web', 1, { app: 'web' }));
  runKubelets(h);
  t.deepEqual(rollbackDeployment(h.api, 'default', 'web'), { ok: false, error: 'no rollout history found for deployment "web"' });
  t.deepEqual(rollbackDeployment(h.api, 'default', 'web', 7), { ok: false, error: 'unable to find specified revision 7 in history' });
  t.deepEqual(rollbackDeployment(h.api, 'default', 'web', 1), { ok: true, message: 'skipped rollback (current template already matches revision 1)' });
  setImage(h.api, 'web', 'nginx:1.28');
  runKubelets(h);
  patchSpec(h.api, 'web', { paused: true });
  t.deepEqual(rollbackDeployment(h.api, 'default', 'web'), {
    ok: false,
    error: "you cannot rollback a paused deployment; resume it first with 'kubectl rollout resume' and try again",
  });
  t.deepEqual(rollbackDeployment(h.api, 'default', 'missing'), { ok: false, error: 'failed to retrieve Deployment missing: deployments.apps "missing" not found' });
});

test('the deprecated rollback annotation rolls back to the previous revision and is cleared', (t) => {
  const h = startDeployments();
  mustCreate(h.api, 'deployments', 'default', deployment('web', 2, { app: 'web' }));
  runKubelets(h);
  setImage(h.api, 'web', 'nginx:1.28');
  runKubelets(h);
  const r = h.api.patch('deployments', 'default', 'web', 'merge', { metadata: { annotations: { 'deprecated.deployment.rollback.to': '0' } } });
  t.true(r.ok);
  runKubelets(h);
  const d = mustGet(h.api, 'deployments', 'web');
  t.is(d.metadata.annotations?.['deprecated.deployment.rollback.to'], undefined);
  t.is((d['spec'] as { template: { spec: { containers: { image: string }[] } } }).template.spec.containers[0]!.image, 'nginx:1.27');
  t.true(eventsFor(h.api, 'default', 'web').includes('DeploymentRollback Rolled back deployment "web" to revision 1'));
  t.deepEqual(byRevision(replicaSetsOf(h.api, 'web')).map((rs) => [revision(rs), replicasOf(rs)]), [['2', 0], ['3', 2]]);
});

test('old ReplicaSets beyond revisionHistoryLimit are deleted once scaled to zero', (t) => {
  const h = startDeployments();
  mustCreate(h.api, 'deployments', 'default', deployment('web', 2, { app: 'web' }, { revisionHistoryLimit: 1 }));
  runKubelets(h);
  for (const image of ['nginx:1.28', 'nginx:1.29', 'nginx:1.30']) {
    setImage(h.api, 'web', image);
    runKubelets(h);
  }
  settle(h);
  const rss = byRevision(replicaSetsOf(h.api, 'web'));
  t.deepEqual(rss.map((rs) => [revision(rs), replicasOf(rs)]), [['3', 0], ['4', 2]]);
});

test('Recreate scales the old ReplicaSet to zero and starts new pods only when the old ones are gone', (t) => {
  const h = startDeployments();
  mustCreate(h.api, 'deployments', 'default', deployment('web', 3, { app: 'web' }, { strategy: { type: 'Recreate' } }));
  runKubelets(h);
  const [old] = replicaSetsOf(h.api, 'web');
  let overlap = false;
  const stop = watchPodCounts(h.api, () => {
    const pods = listPods(h.api);
    const images = new Set(pods.map((p) => (p['spec'] as { containers: { image: string }[] }).containers[0]!.image));
    if (images.size > 1) overlap = true;
  });
  setImage(h.api, 'web', 'nginx:1.28');
  settle(h);
  t.is(replicaSetsOf(h.api, 'web').length, 1, 'no new ReplicaSet while old pods terminate');
  t.is(replicasOf(replicaSetsOf(h.api, 'web')[0]!), 0);
  runKubelets(h);
  stop();
  t.false(overlap, 'old and new pods never run together');
  const [, current] = replicaSetsOf(h.api, 'web');
  t.is(replicasOf(current!), 3);
  t.deepEqual(eventsFor(h.api, 'default', 'web').slice(1), [
    `ScalingReplicaSet Scaled down replica set ${old!.metadata.name ?? ''} from 3 to 0`,
    `ScalingReplicaSet Scaled up replica set ${current!.metadata.name ?? ''} from 0 to 3`,
  ]);
  markPodsReady(h.api, h.cluster.clock.now());
  settle(h);
  t.like(mustGet(h.api, 'deployments', 'web')['status'] as object, { replicas: 3, updatedReplicas: 3, availableReplicas: 3 });
});

test('the same template gets the same ReplicaSet name in every cluster', (t) => {
  const names = [1, 2].map(() => {
    const h = startDeployments();
    mustCreate(h.api, 'deployments', 'default', deployment('web', 1, { app: 'web' }));
    settle(h);
    return replicaSetsOf(h.api, 'web')[0]!.metadata.name;
  });
  t.is(names[0], names[1]);
});

test('a Deployment adopts an orphan ReplicaSet with its template and selector', (t) => {
  const h = startDeployments();
  mustCreate(h.api, 'deployments', 'default', deployment('web', 2, { app: 'web' }));
  runKubelets(h);
  const [rs] = replicaSetsOf(h.api, 'web');
  h.writes.length = 0;
  const orphaned = h.api.patch('replicasets', 'default', rs!.metadata.name ?? '', 'json', [{ op: 'remove', path: '/metadata/ownerReferences' }]);
  t.is(orphaned.ok && orphaned.value.metadata.ownerReferences, undefined);
  settle(h);
  t.deepEqual(h.writes, [`patch replicasets ${rs!.metadata.name ?? ''}`]);
  const [adopted] = replicaSetsOf(h.api, 'web');
  t.is(adopted?.metadata.uid, rs!.metadata.uid);
  t.is(replicaSetsOf(h.api, 'web').length, 1);
});

test('a ReplicaSet name taken by another ReplicaSet is a hash collision: collisionCount goes up and the next name is used', (t) => {
  const first = startDeployments();
  mustCreate(first.api, 'deployments', 'default', deployment('web', 1, { app: 'web' }));
  settle(first);
  const taken = replicaSetsOf(first.api, 'web')[0]!.metadata.name ?? '';

  const h = startDeployments();
  mustCreate(h.api, 'replicasets', 'default', replicaSet(taken, 0, { app: 'other' }));
  mustCreate(h.api, 'deployments', 'default', deployment('web', 1, { app: 'web' }));
  settle(h);
  const [rs] = replicaSetsOf(h.api, 'web');
  t.not(rs!.metadata.name, taken);
  t.regex(rs!.metadata.name ?? '', /^web-[4-9bcdf]+$/);
  t.like(mustGet(h.api, 'deployments', 'web')['status'] as object, { collisionCount: 1 });
});
