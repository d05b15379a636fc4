import test from 'ava';
import type { KubeObject } from '../../src/api/types.js';
import { Cluster } from '../../src/cluster/cluster.js';
import { LEADER_ELECTION_TIMINGS } from '../../src/cluster/leader-election.js';

interface LeaseSpec {
  holderIdentity?: string;
  leaseDurationSeconds?: number;
  acquireTime?: string;
  renewTime?: string;
  leaseTransitions?: number;
}

function lease(cluster: Cluster, name: string): { spec: LeaseSpec; object: KubeObject } {
  const got = cluster.api.get('leases.coordination.k8s.io', 'kube-system', name);
  if (!got.ok) throw new Error(`lease ${name}: ${got.status.message ?? ''}`);
  return { spec: got.value['spec'] as LeaseSpec, object: got.value };
}

const MICRO_TIME = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z$/;
const IDENTITY = /^control-plane_[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

test('kube-controller-manager and kube-scheduler each hold a lease in kube-system, renewed every 2 s', (t) => {
  const cluster = new Cluster({ seed: 1, components: 'full' });
  cluster.clock.advance(10_000);
  for (const name of ['kube-controller-manager', 'kube-scheduler']) {
    const { spec } = lease(cluster, name);
    t.regex(spec.holderIdentity ?? '', IDENTITY, name);
    t.is(spec.leaseDurationSeconds, 15);
    t.is(spec.leaseTransitions, 0);
    t.regex(spec.acquireTime ?? '', MICRO_TIME);
    t.regex(spec.renewTime ?? '', MICRO_TIME);
    t.true(Date.parse(spec.renewTime ?? '') > Date.parse(spec.acquireTime ?? ''));
    t.true(cluster.clock.now() - Date.parse(spec.renewTime ?? '') <= LEADER_ELECTION_TIMINGS.retryPeriodMs);
  }
  t.not(lease(cluster, 'kube-scheduler').spec.holderIdentity, lease(cluster, 'kube-controller-manager').spec.holderIdentity);
  cluster.dispose();
});

test('the renewals keep the same holder and acquire time, and do not keep the cluster from settling', (t) => {
  const cluster = new Cluster({ seed: 1, components: 'full' });
  cluster.clock.advance(5_000);
  const before = lease(cluster, 'kube-scheduler').spec;
  cluster.clock.advance(4_000);
  const after = lease(cluster, 'kube-scheduler').spec;
  t.is(after.holderIdentity, before.holderIdentity);
  t.is(after.acquireTime, before.acquireTime);
  t.not(after.renewTime, before.renewTime);
  t.true(cluster.clock.runUntilIdle({ maxDuration: 600_000 }).idle);
  cluster.dispose();
});

test('a restarted scheduler is a new identity that takes the lease over once the old term expires, counting a transition', (t) => {
  const cluster = new Cluster({ seed: 1, components: 'full' });
  cluster.clock.advance(10_000);
  const first = lease(cluster, 'kube-scheduler').spec;
  cluster.component('kube-scheduler')?.stop();
  cluster.clock.advance(30_000);
  t.is(lease(cluster, 'kube-scheduler').spec.renewTime, lease(cluster, 'kube-scheduler').spec.renewTime);
  t.is(lease(cluster, 'kube-scheduler').spec.holderIdentity, first.holderIdentity, 'a stopped process releases nothing');
  const stoppedRenew = lease(cluster, 'kube-scheduler').spec.renewTime;
  t.true(Date.parse(stoppedRenew ?? '') <= Date.parse(first.renewTime ?? '') + LEADER_ELECTION_TIMINGS.retryPeriodMs);
  cluster.component('kube-scheduler')?.start();
  cluster.clock.advance(10_000);
  t.is(lease(cluster, 'kube-scheduler').spec.holderIdentity, first.holderIdentity, 'the new process waits out the observed term');
  cluster.clock.advance(10_000);
  const taken = lease(cluster, 'kube-scheduler').spec;
  t.regex(taken.holderIdentity ?? '', IDENTITY);
  t.not(taken.holderIdentity, first.holderIdentity);
  t.is(taken.leaseTransitions, 1);
  t.not(taken.acquireTime, first.acquireTime);
  t.is(lease(cluster, 'kube-controller-manager').spec.leaseTransitions, 0);
  cluster.dispose();
});

test('the same seed gives the same identities', (t) => {
  const identities = [1, 2].map(() => {
    const cluster = new Cluster({ seed: 7, components: 'full' });
    cluster.clock.advance(1_000);
    const id = lease(cluster, 'kube-controller-manager').spec.holderIdentity;
    cluster.dispose();
    return id;
  });
  t.is(identities[0], identities[1]);
});
