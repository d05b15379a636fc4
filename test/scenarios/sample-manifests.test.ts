/**
 * The sample manifests the playground applies by default (`manifests/`): every file applies
 * cleanly, alone and together, and each story settles the way its opening comment says, as
 * `kubectl get` would show it.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import test, { type ExecutionContext } from 'ava';
import type { KubeObject } from '../../src/api/types.js';
import type { Cluster } from '../../src/cluster/cluster.js';
import { applyManifestTexts, formatReportLine } from '../../src/manifests/apply-folder.js';
import { EventLog, PodWatch, WORKERS, columns, fullCluster, get, list, nodeOf, podCondition, podStatus, run } from './scenario-helpers.js';

const MANIFESTS = fileURLToPath(new URL('../../../manifests/', import.meta.url));

const files = readdirSync(MANIFESTS)
  .filter((file) => /\.ya?ml$/.test(file))
  .sort()
  .map((file) => ({ file, text: readFileSync(join(MANIFESTS, file), 'utf8') }));

const FAILED_SCHEDULING_TOO_BIG =
  '0/4 nodes are available: 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }, 3 Insufficient cpu. ' +
  'preemption: 0/4 nodes are available: 1 Preemption is not helpful for scheduling, 3 No preemption victims found for incoming pod.';

const FAILED_SCHEDULING_NEEDS_SSD =
  "0/4 nodes are available: 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }, 3 node(s) didn't match Pod's node affinity/selector. " +
  'preemption: 0/4 nodes are available: 4 Preemption is not helpful for scheduling.';

/** Applies the given files the way the playground does at start; fails the test on any apply error. */
function apply(t: ExecutionContext, cluster: Cluster, texts: readonly { file: string; text: string }[]): string[] {
  const report = applyManifestTexts(cluster.api, texts, { afterNamespaces: () => cluster.clock.advance(0) });
  t.deepEqual(report.filter((line) => !line.ok).map(formatReportLine), []);
  return report.map(formatReportLine);
}

/** The pods owned (through their labels) by one app, sorted by name. */
function podsOf(cluster: Cluster, app: string): KubeObject[] {
  return list(cluster, 'pods', 'default', `app=${app}`);
}

function must(cluster: Cluster, resource: string, name: string): KubeObject {
  const object = get(cluster, resource, name);
  if (object === undefined) throw new Error(`${resource}/${name} not found`);
  return object;
}

function restarts(pod: KubeObject): number {
  const statuses = (pod['status'] as { containerStatuses?: { restartCount?: number }[] } | undefined)?.containerStatuses ?? [];
  return statuses.reduce((sum, s) => sum + (s.restartCount ?? 0), 0);
}

test('the manifests folder holds one file per story', (t) => {
  t.deepEqual(
    files.map((f) => f.file),
    [
      'bad-image.yaml',
      'crash-loop.yaml',
      'cronjob.yaml',
      'daemonset.yaml',
      'job.yaml',
      'nginx.yaml',
      'node-affinity.yaml',
      'pdb.yaml',
      'rolling-update.yaml',
      'statefulset.yaml',
      'tolerations.yaml',
      'unschedulable.yaml',
    ],
  );
  for (const { file, text } of files) t.regex(text, /^# /, `${file} opens with a comment`);
});

test('each sample manifest applies on its own without errors', (t) => {
  for (const file of files) {
    const cluster = fullCluster(t);
    const report = apply(t, cluster, [file]);
    t.true(report.length > 0, file.file);
  }
});

test('the whole folder applies cleanly and every story settles as its comment says within 3 minutes', (t) => {
  const cluster = fullCluster(t);
  const events = new EventLog(cluster);
  const report = apply(t, cluster, files);
  t.true(report.includes('deployment.apps/nginx created'));
  t.true(report.includes('poddisruptionbudget.policy/frontend created'));
  const watch = new PodWatch(cluster);
  cluster.clock.advance(3 * 60_000);

  // nginx.yaml, rolling-update.yaml, pdb.yaml: Deployments available.
  for (const [name, ready] of [['nginx', '3/3'], ['web', '4/4'], ['frontend', '3/3']] as const) {
    t.like(columns(cluster, must(cluster, 'deployments', name)), { Ready: ready, 'Up-to-date': ready.slice(2), Available: ready.slice(2) }, name);
  }
  t.regex(columns(cluster, must(cluster, 'services', 'nginx'))['Cluster-IP'] ?? '', /^10\.\d+\.\d+\.\d+$/);

  // unschedulable.yaml: Pending, and the scheduler says why.
  const tooBig = must(cluster, 'pods', 'too-big');
  t.is(podStatus(cluster, tooBig), 'Pending');
  t.like(podCondition(tooBig, 'PodScheduled'), { status: 'False', reason: 'Unschedulable', message: FAILED_SCHEDULING_TOO_BIG });
  t.like(events.about('Pod/too-big')[0], { type: 'Warning', reason: 'FailedScheduling', message: FAILED_SCHEDULING_TOO_BIG });

  // crash-loop.yaml: restarted with back-off, CrashLoopBackOff in between.
  t.truthy(watch.first('crash-loop', (c) => c.status === 'CrashLoopBackOff'));
  t.true(restarts(must(cluster, 'pods', 'crash-loop')) >= 4);
  t.true(events.lines('Pod/crash-loop').some((line) => line.startsWith('BackOff: Back-off restarting failed container app in pod crash-loop_default(')));

  // bad-image.yaml: ErrImagePull, then ImagePullBackOff.
  t.truthy(watch.first('bad-image', (c) => c.status === 'ErrImagePull'));
  t.is(podStatus(cluster, must(cluster, 'pods', 'bad-image')), 'ImagePullBackOff');
  t.true(events.lines('Pod/bad-image').includes('BackOff: Back-off pulling image "nginx:does-not-exist"'));

  // daemonset.yaml: one Running pod on every worker, none on the control plane.
  t.like(columns(cluster, must(cluster, 'daemonsets', 'node-agent')), { Desired: '3', Current: '3', Ready: '3', Available: '3' });
  const agents = podsOf(cluster, 'node-agent');
  t.deepEqual(agents.map(nodeOf).sort(), WORKERS);
  t.true(agents.every((p) => podStatus(cluster, p) === 'Running'));

  // statefulset.yaml: db-0, db-1, db-2 made in order, each with a bound claim of the standard class.
  t.is(columns(cluster, must(cluster, 'statefulsets', 'db'))['Ready'], '3/3');
  t.is(columns(cluster, must(cluster, 'services', 'db'))['Cluster-IP'], 'None');
  const created = watch.changes.filter((c) => c.type === 'ADDED' && c.name.startsWith('db-')).map((c) => c.name);
  t.deepEqual(created, ['db-0', 'db-1', 'db-2']);
  const readyAt = (name: string): number => watch.first(name, (c) => c.ready)?.atMs ?? Infinity;
  const addedAt = (name: string): number => watch.first(name, (c) => c.type === 'ADDED')?.atMs ?? -1;
  t.true(addedAt('db-1') >= readyAt('db-0') && addedAt('db-2') >= readyAt('db-1'), 'OrderedReady');
  for (const name of ['data-db-0', 'data-db-1', 'data-db-2']) {
    t.like(columns(cluster, must(cluster, 'persistentvolumeclaims', name)), { Status: 'Bound', Capacity: '1Gi', StorageClass: 'standard' }, name);
  }

  // job.yaml: Complete, 3/3.
  t.like(columns(cluster, must(cluster, 'jobs', 'countdown')), { Status: 'Complete', Completions: '3/3' });

  // cronjob.yaml: a Job each minute, each Complete.
  const ticks = list(cluster, 'jobs').filter((job) => job.metadata.ownerReferences?.some((o) => o.kind === 'CronJob' && o.name === 'tick'));
  t.true(ticks.length >= 2);
  for (const job of ticks) t.is(columns(cluster, job)['Status'], 'Complete');
  t.regex(columns(cluster, must(cluster, 'cronjobs', 'tick'))['Last Schedule'] ?? '', /^\d+s$/);

  // pdb.yaml: 3 healthy, 2 required, 1 disruption allowed.
  const pdb = must(cluster, 'poddisruptionbudgets', 'frontend');
  t.like(pdb['status'], { currentHealthy: 3, desiredHealthy: 2, expectedPods: 3, disruptionsAllowed: 1 });
  t.is(columns(cluster, pdb)['Allowed Disruptions'], '1');

  // tolerations.yaml: on the control-plane node.
  const agent = must(cluster, 'pods', 'control-plane-agent');
  t.is(nodeOf(agent), 'control-plane');
  t.is(podStatus(cluster, agent), 'Running');

  // node-affinity.yaml: Pending until a node has disktype=ssd, then Running there.
  const needsSsd = must(cluster, 'pods', 'needs-ssd');
  t.is(podStatus(cluster, needsSsd), 'Pending');
  t.like(podCondition(needsSsd, 'PodScheduled'), { status: 'False', reason: 'Unschedulable', message: FAILED_SCHEDULING_NEEDS_SSD });
  run(cluster, 'label node/node-2 disktype=ssd');
  cluster.clock.advance(30_000);
  const scheduled = must(cluster, 'pods', 'needs-ssd');
  t.is(nodeOf(scheduled), 'node-2');
  t.is(podStatus(cluster, scheduled), 'Running');
});

test('the rolling update its comment suggests replaces web pod by pod within maxSurge and maxUnavailable', (t) => {
  const cluster = fullCluster(t);
  apply(t, cluster, files.filter((f) => f.file === 'rolling-update.yaml'));
  cluster.clock.advance(60_000);
  const watch = new PodWatch(cluster);
  run(cluster, 'set image deployment/web nginx=nginx:1.28');
  let most = 0;
  let fewestAvailable = Infinity;
  for (let ms = 0; ms < 120_000; ms += 250) {
    cluster.clock.advance(250);
    const live = [...watch.pods.values()].filter((p) => p.metadata.deletionTimestamp === undefined);
    most = Math.max(most, live.length);
    fewestAvailable = Math.min(fewestAvailable, live.filter((p) => podStatus(cluster, p) === 'Running' && columns(cluster, p)['Ready'] === '1/1').length);
  }
  t.is(most, 5, 'replicas + maxSurge pods at most');
  t.is(fewestAvailable, 3, 'replicas - maxUnavailable ready pods at least');
  t.like(columns(cluster, must(cluster, 'deployments', 'web')), { Ready: '4/4', 'Up-to-date': '4', Available: '4' });
  const images = podsOf(cluster, 'web').map((p) => (p['spec'] as { containers: { image: string }[] }).containers[0]?.image);
  t.deepEqual(images, ['nginx:1.28', 'nginx:1.28', 'nginx:1.28', 'nginx:1.28']);
});
