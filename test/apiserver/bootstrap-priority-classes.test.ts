import test from 'ava';
import type { KubeObject } from '../../src/api/types.js';
import { Cluster } from '../../src/cluster/cluster.js';

const NGINX = { name: 'nginx', image: 'nginx' };

function pod(name: string, namespace: string, spec: Record<string, unknown>): KubeObject {
  return { apiVersion: 'v1', kind: 'Pod', metadata: { name, namespace }, spec: { containers: [NGINX], ...spec } };
}

test('kube-apiserver creates system-node-critical and system-cluster-critical at start, as upstream describes them', (t) => {
  const cluster = new Cluster({ seed: 1 });
  const listed = cluster.api.list('priorityclasses.scheduling.k8s.io', '');
  t.true(listed.ok);
  const classes = listed.ok ? listed.value.items : [];
  t.deepEqual(
    classes.map((pc) => [pc.metadata.name, pc['value'], pc['globalDefault'] ?? false, pc['preemptionPolicy'], pc['description']]),
    [
      ['system-cluster-critical', 2000000000, false, 'PreemptLowerPriority', 'Used for system critical pods that must run in the cluster, but can be moved to another node if necessary.'],
      ['system-node-critical', 2000001000, false, 'PreemptLowerPriority', 'Used for system critical pods that must not be moved from their current node.'],
    ],
  );
  t.truthy(classes[0]?.metadata.uid);
  t.is(classes[0]?.metadata.generation, 1);
  cluster.dispose();
});

test('a pod naming system-node-critical gets the priority of the stored class', (t) => {
  const cluster = new Cluster({ seed: 1 });
  const created = cluster.api.create('pods', 'kube-system', pod('critical', 'kube-system', { priorityClassName: 'system-node-critical' }));
  t.true(created.ok);
  if (created.ok) t.like(created.value['spec'], { priority: 2000001000, preemptionPolicy: 'PreemptLowerPriority' });
  cluster.dispose();
});

test('a static pod that carries its priority is admitted, and a wrong value is refused', (t) => {
  const cluster = new Cluster({ seed: 1 });
  t.true(cluster.api.create('pods', 'kube-system', pod('static', 'kube-system', { priorityClassName: 'system-node-critical', priority: 2000001000 })).ok);
  const wrong = cluster.api.create('pods', 'kube-system', pod('wrong', 'kube-system', { priorityClassName: 'system-cluster-critical', priority: 2000001000 }));
  t.false(wrong.ok);
  if (!wrong.ok) {
    t.is(wrong.status.message, 'pods "wrong" is forbidden: the integer value of priority (2000001000) must not be provided in pod spec; priority admission controller computed 2000000000 from the given PriorityClass name');
  }
  cluster.dispose();
});

test('a pod naming a PriorityClass that is not stored is refused, as upstream', (t) => {
  const cluster = new Cluster({ seed: 1 });
  const refused = cluster.api.create('pods', 'default', pod('dns', 'default', { priorityClassName: 'no-such-class' }));
  t.false(refused.ok);
  if (!refused.ok) t.is(refused.status.message, 'pods "dns" is forbidden: no PriorityClass with name no-such-class was found');
  cluster.dispose();
});

test('the system PriorityClasses cannot be deleted; other classes can', (t) => {
  const cluster = new Cluster({ seed: 1 });
  const refused = cluster.api.delete('priorityclasses.scheduling.k8s.io', '', 'system-node-critical');
  t.false(refused.ok);
  if (!refused.ok) {
    t.is(refused.status.code, 403);
    t.is(refused.status.message, 'priorityclasses.scheduling.k8s.io "system-node-critical" is forbidden: this is a system priority class and cannot be deleted');
  }
  t.true(cluster.api.get('priorityclasses.scheduling.k8s.io', '', 'system-node-critical').ok);
  const mine = { apiVersion: 'scheduling.k8s.io/v1', kind: 'PriorityClass', metadata: { name: 'batch-low' }, value: 10 };
  t.true(cluster.api.create('priorityclasses.scheduling.k8s.io', '', mine).ok);
  t.true(cluster.api.delete('priorityclasses.scheduling.k8s.io', '', 'batch-low').ok);
  cluster.dispose();
});

test('a full cluster runs its control-plane mirror pods and CoreDNS at system priority', (t) => {
  const cluster = new Cluster({ seed: 1, components: 'full' });
  cluster.clock.advance(60_000);
  const pods = cluster.api.list('pods', 'kube-system');
  const priorities = new Map((pods.ok ? pods.value.items : []).map((p) => [p.metadata.name, (p['spec'] as { priority?: number }).priority]));
  t.is(priorities.get('kube-scheduler-control-plane'), 2000001000);
  t.is(priorities.get('etcd-control-plane'), 2000001000);
  const coredns = [...priorities].find(([name]) => name?.startsWith('coredns-'));
  t.is(coredns?.[1], 2000000000);
  cluster.dispose();
});
