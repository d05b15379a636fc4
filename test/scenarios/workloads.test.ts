/**
 * Deployments end to end, as a user lives them: create, roll out, roll back, delete, scale with a
 * component stopped, cordon, and the same seed giving the same story. The clock is advanced
 * explicitly; what is asserted is what kubectl would show (STATUS, READY, events).
 */
import test, { type ExecutionContext } from 'ava';
import type { KubeObject } from '../../src/api/types.js';
import type { Cluster } from '../../src/cluster/cluster.js';
import { nodeStatus } from '../../src/printers/index.js';
import {
  EventLog,
  PodWatch,
  WORKERS,
  columns,
  create,
  deployment,
  fullCluster,
  get,
  isReady,
  list,
  nodeOf,
  playScript,
  podName,
  podStatus,
  rsName,
  run,
} from './scenario-helpers.js';

const REVISION = 'deployment.kubernetes.io/revision';

function annotation(object: KubeObject | undefined, key: string): string | undefined {
  return object?.metadata.annotations?.[key];
}

function replicas(object: KubeObject): number {
  return (object['spec'] as { replicas?: number }).replicas ?? 0;
}

test('a 3-replica nginx Deployment reaches 3/3 Ready, one pod per worker, with the events of each step in order', (t) => {
  const cluster = fullCluster(t);
  const events = new EventLog(cluster);
  create(cluster, 'deployments', deployment('nginx', 'nginx:1.27', 3));
  cluster.clock.advance(30_000);

  t.is(columns(cluster, get(cluster, 'deployments', 'nginx')!)['Ready'], '3/3');
  const [rs, ...moreReplicaSets] = list(cluster, 'replicasets');
  t.is(moreReplicaSets.length, 0);
  const rsNameText = rs!.metadata.name!;
  t.regex(rsNameText, rsName('nginx'));
  t.is(rs!.metadata.labels?.['pod-template-hash'], rsNameText.slice('nginx-'.length));

  const pods = list(cluster, 'pods');
  t.is(pods.length, 3);
  for (const pod of pods) {
    t.regex(pod.metadata.name!, podName(rsNameText));
    t.is(podStatus(cluster, pod), 'Running');
    t.is(columns(cluster, pod)['Ready'], '1/1');
  }
  t.deepEqual(pods.map(nodeOf).sort(), WORKERS, 'spread over the three workers, none on control-plane');

  const log = events.workloads();
  t.like(log[0], { reason: 'ScalingReplicaSet', object: 'Deployment/nginx', message: `Scaled up replica set ${rsNameText} from 0 to 3` });
  for (const pod of pods) {
    const name = pod.metadata.name!;
    const mine = log.filter((e) => e.object === `Pod/${name}` || e.message === `Created pod: ${name}`);
    t.deepEqual(
      mine.map((e) => `${e.reason}: ${e.message}`.replace(/ in [\d.]+m?s \([\d.]+m?s including waiting\)/, ' in <t>')),
      [
        `SuccessfulCreate: Created pod: ${name}`,
        `Scheduled: Successfully assigned default/${name} to ${nodeOf(pod)}`,
        'Pulling: Pulling image "nginx:1.27"',
        'Pulled: Successfully pulled image "nginx:1.27" in <t>. Image size: 72099501 bytes.',
        'Created: Created container: nginx',
        'Started: Started container nginx',
      ],
    );
  }
});

/** maxSurge and maxUnavailable of a Deployment, resolved against its replicas as the controller does. */
function rollingBounds(object: KubeObject): { maxSurge: number; maxUnavailable: number } {
  const { strategy } = object['spec'] as { strategy: { rollingUpdate: { maxSurge: string; maxUnavailable: string } } };
  const percent = (text: string): number => Number(text.replace('%', '')) / 100;
  return {
    maxSurge: Math.ceil(percent(strategy.rollingUpdate.maxSurge) * replicas(object)),
    maxUnavailable: Math.floor(percent(strategy.rollingUpdate.maxUnavailable) * replicas(object)),
  };
}

/**
 * Advances in steps of 100 ms, checking after each that the pods the watch shows (not counting
 * terminating ones, as the controller does not) stay within the rolling-update bounds. Answers the
 * most pods and the fewest available pods seen.
 */
function rollWithinBounds(t: ExecutionContext, cluster: Cluster, watch: PodWatch, forMs: number): { most: number; fewest: number } {
  const dep = get(cluster, 'deployments', 'web')!;
  const { maxSurge, maxUnavailable } = rollingBounds(dep);
  let most = 0;
  let fewest = Infinity;
  for (let elapsed = 0; elapsed < forMs; elapsed += 100) {
    cluster.clock.advance(100);
    const live = [...watch.pods.values()].filter((p) => p.metadata.deletionTimestamp === undefined);
    const available = live.filter(isReady).length;
    t.true(live.length <= replicas(dep) + maxSurge, `${live.length} pods at +${elapsed} ms`);
    t.true(available >= replicas(dep) - maxUnavailable, `${available} available at +${elapsed} ms`);
    most = Math.max(most, live.length);
    fewest = Math.min(fewest, available);
  }
  return { most, fewest };
}

test('an image change rolls out within maxSurge and maxUnavailable, and rollout undo brings back revision 1 as revision 3', (t) => {
  const cluster = fullCluster(t);
  create(cluster, 'deployments', deployment('web', 'nginx:1.25', 4));
  cluster.clock.advance(20_000);
  const stored = get(cluster, 'deployments', 'web')!;
  t.deepEqual((stored['spec'] as { strategy: unknown }).strategy, { type: 'RollingUpdate', rollingUpdate: { maxSurge: '25%', maxUnavailable: '25%' } });
  t.is(annotation(stored, REVISION), '1');
  const [first] = list(cluster, 'replicasets');
  const watch = new PodWatch(cluster);

  t.is(run(cluster, 'set image deployment/web nginx=nginx:1.27'), 'deployment.apps/web image updated');
  t.deepEqual(rollWithinBounds(t, cluster, watch, 40_000), { most: 5, fewest: 3 }, 'the rollout used its surge and its unavailability');

  const rolled = get(cluster, 'deployments', 'web')!;
  t.is(annotation(rolled, REVISION), '2');
  t.is(columns(cluster, rolled)['Up-to-date'], '4');
  const second = list(cluster, 'replicasets').find((rs) => rs.metadata.name !== first!.metadata.name)!;
  t.is(annotation(second, REVISION), '2');
  t.is(replicas(get(cluster, 'replicasets', first!.metadata.name!)!), 0, 'the old ReplicaSet is kept, scaled to 0');
  const pods = list(cluster, 'pods');
  t.true(pods.every((p) => p.metadata.name!.startsWith(`${second.metadata.name}-`) && podStatus(cluster, p) === 'Running'));

  t.is(run(cluster, 'rollout undo deployment/web'), 'deployment.apps/web rolled back');
  t.is(rollWithinBounds(t, cluster, watch, 40_000).most, 5);

  const back = get(cluster, 'replicasets', first!.metadata.name!)!;
  t.is(annotation(back, REVISION), '3', 'revision 1 becomes revision 3');
  t.is(annotation(back, 'deployment.kubernetes.io/revision-history'), '1');
  t.is(replicas(back), 4);
  t.is(annotation(get(cluster, 'deployments', 'web'), REVISION), '3');
  t.true(list(cluster, 'pods').every((p) => p.metadata.name!.startsWith(`${first!.metadata.name}-`) && isReady(p)));
});

test('deleting a Deployment removes its ReplicaSets and its pods, which show Terminating before they are gone', (t) => {
  const cluster = fullCluster(t);
  create(cluster, 'deployments', deployment('web', 'nginx:1.27', 3));
  cluster.clock.advance(20_000);
  const names = list(cluster, 'pods').map((p) => p.metadata.name!);
  const watch = new PodWatch(cluster);

  t.is(run(cluster, 'delete deployment/web'), 'deployment.apps "web" deleted');
  cluster.clock.advance(100);
  t.is(get(cluster, 'deployments', 'web'), undefined);
  t.deepEqual(list(cluster, 'replicasets'), [], 'the garbage collector deletes the ReplicaSet');
  cluster.clock.advance(35_000);

  t.deepEqual(list(cluster, 'pods'), []);
  for (const name of names) {
    const changes = watch.of(name);
    const terminating = changes.findIndex((c) => c.status === 'Terminating');
    t.true(terminating >= 0, `${name} was Terminating`);
    t.is(changes.at(-1)?.type, 'DELETED');
    t.true(changes.slice(0, terminating).every((c) => c.status === 'Running'));
  }
});

test('with the scheduler stopped new pods stay Pending, and starting it schedules them', (t) => {
  const cluster = fullCluster(t);
  t.is(run(cluster, 'stop scheduler'), 'kube-scheduler stopped');
  create(cluster, 'deployments', deployment('web', 'nginx:1.27', 2));
  cluster.clock.advance(60_000);
  const pending = list(cluster, 'pods');
  t.is(pending.length, 2);
  t.true(pending.every((p) => podStatus(cluster, p) === 'Pending' && nodeOf(p) === undefined));

  t.is(run(cluster, 'start scheduler'), 'kube-scheduler started');
  cluster.clock.advance(10_000);
  t.true(list(cluster, 'pods').every((p) => podStatus(cluster, p) === 'Running' && WORKERS.includes(nodeOf(p)!)));
});

test('with kube-controller-manager stopped scaling changes nothing until it is started again', (t) => {
  const cluster = fullCluster(t);
  create(cluster, 'deployments', deployment('web', 'nginx:1.27', 2));
  cluster.clock.advance(20_000);
  t.is(run(cluster, 'stop controller-manager'), 'kube-controller-manager stopped');
  t.is(run(cluster, 'scale deployment/web 4'), 'deployment.apps/web scaled');
  cluster.clock.advance(120_000);
  t.is(list(cluster, 'pods').length, 2);
  t.is(replicas(list(cluster, 'replicasets')[0]!), 2);
  t.is(columns(cluster, get(cluster, 'deployments', 'web')!)['Ready'], '2/4');

  t.is(run(cluster, 'start controller-manager'), 'kube-controller-manager started');
  cluster.clock.advance(20_000);
  t.is(columns(cluster, get(cluster, 'deployments', 'web')!)['Ready'], '4/4');
  t.is(list(cluster, 'pods').filter((p) => podStatus(cluster, p) === 'Running').length, 4);
});

test('a script that cordons node-1 keeps the pods it scales up afterwards off node-1', (t) => {
  const cluster = fullCluster(t);
  create(cluster, 'deployments', deployment('web', 'nginx:1.27', 2));
  const scaledAt = cluster.clock.now() + 20_000;
  const script = ['# cordon, then scale', '10s cordon node-1', '20s scale deployment/web 8'].join('\n');
  t.deepEqual(playScript(cluster, script, 40_000), ['node/node-1 cordoned', 'deployment.apps/web scaled']);

  t.is(nodeStatus(get(cluster, 'nodes', 'node-1', '')!), 'Ready,SchedulingDisabled');
  const pods = list(cluster, 'pods');
  t.is(pods.length, 8);
  t.true(pods.every((p) => podStatus(cluster, p) === 'Running'));
  const afterCordon = pods.filter((p) => Date.parse(p.metadata.creationTimestamp!) >= scaledAt);
  t.is(afterCordon.length, 6);
  t.true(afterCordon.every((p) => nodeOf(p) !== 'node-1'), 'no new pod on node-1');
});

/** A short story: create, scale, change the image; the pod names and the event log it leaves. */
function story(t: ExecutionContext): { pods: string[]; events: string[] } {
  const cluster = fullCluster(t);
  const events = new EventLog(cluster);
  const watch = new PodWatch(cluster);
  create(cluster, 'deployments', deployment('web', 'nginx:1.27', 3));
  cluster.clock.advance(10_000);
  run(cluster, 'scale deployment/web 5');
  cluster.clock.advance(10_000);
  run(cluster, 'set image deployment/web nginx=nginx:1.25');
  cluster.clock.advance(60_000);
  return {
    pods: [...new Set(watch.changes.map((c) => c.name))],
    events: events.seen.map((e) => `${e.atMs} ${e.component} ${e.type} ${e.reason} ${e.object} ${e.message} x${e.count}`),
  };
}

test('the same seed gives the same pod names and the same event log', (t) => {
  const first = story(t);
  const second = story(t);
  t.true(first.pods.length >= 10);
  t.true(first.events.length > 50);
  t.deepEqual(second.pods, first.pods);
  t.deepEqual(second.events, first.events);
});
