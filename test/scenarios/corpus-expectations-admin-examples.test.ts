/**
 * The `expect` column of the corpus INDEX for website/debug, secret, configmap, policy,
 * priorityclass and admin (LimitRanges, ResourceQuotas, a second scheduler), and for the examples
 * and microservices-demo folders: each file applied to a fresh full cluster as `kubectl apply -f`
 * does, after the files a row names, with the clock advanced explicitly. Service, endpoint and
 * load-balancer expectations belong to the networking issue and are todos.
 */
import type { KubeObject } from '../../src/api/types.js';
import { runCommand } from '../../src/cluster/commands/index.js';
import { milliValue, parseQuantity, quantityValue } from '../../src/api/quantity.js';
import {
  advanceTo,
  applyClean,
  applyErrors,
  applyFile,
  conditionView,
  CorpusSuite,
  createdInOrder,
  deploymentColumns,
  eventMessages,
  eventsFor,
  field,
  get,
  list,
  nodesOf,
  podLine,
  podLines,
  podsOfDeployment,
  row,
  rowOf,
  sample,
  settle,
  WORKERS,
} from './corpus-harness.js';

const suite = new CorpusSuite();

/** How many addresses the ENDPOINTS column of a Service's Endpoints lists. */
function endpointCount(cluster: Parameters<typeof list>[0], service: string): number {
  const column = String(rowOf(cluster, 'endpoints', 'default', service)['Endpoints']);
  return column === '<none>' ? 0 : column.split(',').length;
}

/** The pods a Service's EndpointSlices list as ready. */
function readySliceEndpoints(cluster: Parameters<typeof list>[0], service: string): unknown[] {
  return list(cluster, 'endpointslices', 'default', `kubernetes.io/service-name=${service}`).flatMap((slice) =>
    ((slice['endpoints'] as { conditions: { ready: boolean }; targetRef?: { name: string } }[] | null) ?? []).filter((e) => e.conditions.ready).map((e) => e.targetRef?.name),
  );
}
const NETWORKING = 'Services, endpoints, ingress and network policies come with the networking issue';

// ---- website/debug, secret, configmap ----

suite.test('website/debug/termination.yaml', 'exits 0 after 10 s and is restarted into CrashLoopBackOff; the termination message is "Sleep expired"', (t, cluster) => {
  applyClean(t, cluster, 'website/debug/termination.yaml');
  advanceTo(cluster, 8);
  t.is(podLine(cluster, 'termination-demo'), '1/1 Running 0');
  const timeline = sample(cluster, 180, 1, () => podLine(cluster, 'termination-demo').split(' ')[1]);
  t.true(timeline.some((s) => s.value === 'CrashLoopBackOff'));
  const pod = get(cluster, 'pods', 'default', 'termination-demo');
  t.true(Number(field(pod, 'status.containerStatuses.0.restartCount')) >= 3);
  t.like(field(pod, 'status.containerStatuses.0.lastState'), { terminated: { exitCode: 0, reason: 'Completed', message: 'Sleep expired\n' } });
});

suite.test('website/secret/dotfile-secret.yaml', 'the Secret has 1 key and the pod alternates Completed / CrashLoopBackOff with growing RESTARTS', (t, cluster) => {
  applyClean(t, cluster, 'website/secret/dotfile-secret.yaml');
  const secret = get(cluster, 'secrets', 'default', 'dotfile-secret');
  t.is(field(secret, 'type'), 'Opaque');
  t.deepEqual(Object.keys(field(secret, 'data') as object), ['.secret-file']);
  const timeline = sample(cluster, 300, 0.5, () => podLine(cluster, 'secret-dotfiles-pod'));
  const statuses = new Set(timeline.map((s) => s.value.split(' ')[1]));
  t.true(statuses.has('Completed') && statuses.has('CrashLoopBackOff'), [...statuses].join(','));
  t.true(Number(field(get(cluster, 'pods', 'default', 'secret-dotfiles-pod'), 'status.containerStatuses.0.restartCount')) >= 4);
});

suite.test('website/secret/tls-auth-secret.yaml', 'is rejected as undecodable base64 and nothing is created', (t, cluster) => {
  t.deepEqual(applyErrors(applyFile(cluster, 'website/secret/tls-auth-secret.yaml')), [
    'Error from server (BadRequest): error when applying "website/secret/tls-auth-secret.yaml": Secret in version "v1" cannot be handled as a Secret: illegal base64 data at input byte 7',
  ]);
  t.is(get(cluster, 'secrets', 'default', 'my-tls-secret'), undefined);
});

suite.test('website/secret/optional-secret.yaml', 'the optional Secret is missing and mypod still runs 1/1 with no mount error', (t, cluster) => {
  applyClean(t, cluster, 'website/secret/optional-secret.yaml');
  settle(cluster);
  t.is(podLine(cluster, 'mypod'), '1/1 Running 0');
  t.deepEqual(eventMessages(cluster, 'mypod', 'FailedMount'), []);
});

suite.test('website/configmap/configmaps.yaml', 'creates special-config (special.how) and env-config (log_level) in default', (t, cluster) => {
  applyClean(t, cluster, 'website/configmap/configmaps.yaml');
  t.deepEqual(Object.keys(field(get(cluster, 'configmaps', 'default', 'special-config'), 'data') as object), ['special.how']);
  t.deepEqual(Object.keys(field(get(cluster, 'configmaps', 'default', 'env-config'), 'data') as object), ['log_level']);
});

suite.test('website/configmap/immutable-configmap.yaml', 'creates an immutable ConfigMap whose data cannot change', (t, cluster) => {
  applyClean(t, cluster, 'website/configmap/immutable-configmap.yaml');
  t.is(field(get(cluster, 'configmaps', 'default', 'company-name-20150801'), 'immutable'), true);
  const patched = cluster.api.patch('configmaps', 'default', 'company-name-20150801', 'merge', { data: { company_name: 'Other' } });
  t.false(patched.ok);
  if (!patched.ok) t.is(patched.status.message, 'ConfigMap "company-name-20150801" is invalid: data: Forbidden: field is immutable when `immutable` is set');
});

// ---- website/policy, priorityclass ----

suite.test('website/policy/zookeeper-pod-disruption-budget-minavailable.yaml', 'zk-pdb matches no pods: MIN AVAILABLE 2, ALLOWED DISRUPTIONS 0', (t, cluster) => {
  applyClean(t, cluster, 'website/policy/zookeeper-pod-disruption-budget-minavailable.yaml');
  settle(cluster);
  t.like(rowOf(cluster, 'poddisruptionbudgets', 'default', 'zk-pdb'), { 'Min Available': '2', 'Max Unavailable': 'N/A', 'Allowed Disruptions': 0 });
  t.like(get(cluster, 'poddisruptionbudgets', 'default', 'zk-pdb'), { status: { currentHealthy: 0, desiredHealthy: 2 } });
});

suite.test('website/policy/high-priority-pod.yaml', 'is rejected at admission: no PriorityClass with name high', (t, cluster) => {
  t.deepEqual(applyErrors(applyFile(cluster, 'website/policy/high-priority-pod.yaml')), [
    'Error from server (Forbidden): error when applying "website/policy/high-priority-pod.yaml": pods "high-priority" is forbidden: no PriorityClass with name high was found',
  ]);
  t.deepEqual(list(cluster, 'pods'), []);
});

suite.test('website/policy/example-psp.yaml', 'is rejected: policy/v1beta1 PodSecurityPolicy is not served', (t, cluster) => {
  t.regex(applyErrors(applyFile(cluster, 'website/policy/example-psp.yaml')).join('\n'), /no matches for kind "PodSecurityPolicy" in version "policy\/v1beta1"/);
});

suite.test('website/priorityclass/low-priority-class.yaml', 'PriorityClass placeholder has VALUE -1000 and GLOBAL-DEFAULT false', (t, cluster) => {
  applyClean(t, cluster, 'website/priorityclass/low-priority-class.yaml');
  t.like(rowOf(cluster, 'priorityclasses', '', 'placeholder'), { Value: -1000, 'Global-Default': 'false' });
});

// ---- website/admin ----

suite.test('website/admin/namespace-dev.yaml', 'Namespace development is Active with label name=development', (t, cluster) => {
  applyClean(t, cluster, 'website/admin/namespace-dev.yaml');
  settle(cluster);
  const namespace = get(cluster, 'namespaces', '', 'development');
  t.is(field(namespace, 'status.phase'), 'Active');
  t.is(namespace?.metadata.labels?.['name'], 'development');
});

suite.test('website/admin/resource/memory-defaults.yaml', 'existing pods keep their resources; new containers get request 256Mi and limit 512Mi', (t, cluster) => {
  applyClean(t, cluster, 'website/pods/simple-pod.yaml');
  settle(cluster);
  applyClean(t, cluster, 'website/admin/resource/memory-defaults.yaml');
  t.truthy(get(cluster, 'limitranges', 'default', 'mem-limit-range'));
  t.deepEqual(field(get(cluster, 'pods', 'default', 'nginx'), 'spec.containers.0.resources'), {});
  applyClean(t, cluster, 'website/pods/commands.yaml');
  t.deepEqual(field(get(cluster, 'pods', 'default', 'command-demo'), 'spec.containers.0.resources'), {
    limits: { memory: '512Mi' },
    requests: { memory: '256Mi' },
  });
});

suite.test('website/admin/resource/memory-defaults-pod.yaml', 'after memory-defaults.yaml the container gets 256Mi / 512Mi and QoS Burstable', (t, cluster) => {
  applyClean(t, cluster, 'website/admin/resource/memory-defaults.yaml');
  applyClean(t, cluster, 'website/admin/resource/memory-defaults-pod.yaml');
  settle(cluster);
  const pod = get(cluster, 'pods', 'default', 'default-mem-demo');
  t.is(podLine(cluster, 'default-mem-demo'), '1/1 Running 0');
  t.deepEqual(field(pod, 'spec.containers.0.resources'), { limits: { memory: '512Mi' }, requests: { memory: '256Mi' } });
  t.is(field(pod, 'status.qosClass'), 'Burstable');
});

suite.test('website/admin/resource/memory-defaults-pod.yaml', 'standalone, default-mem-demo runs with no resources (BestEffort)', (t, cluster) => {
  applyClean(t, cluster, 'website/admin/resource/memory-defaults-pod.yaml');
  settle(cluster);
  const pod = get(cluster, 'pods', 'default', 'default-mem-demo');
  t.is(podLine(cluster, 'default-mem-demo'), '1/1 Running 0');
  t.deepEqual(field(pod, 'spec.containers.0.resources'), {});
  t.is(field(pod, 'status.qosClass'), 'BestEffort');
});

suite.test('website/admin/resource/quota-mem-cpu.yaml', 'mem-cpu-demo uses 0 of each resource, and a pod without requests and limits is refused', (t, cluster) => {
  applyClean(t, cluster, 'website/admin/resource/quota-mem-cpu.yaml');
  settle(cluster);
  t.like(get(cluster, 'resourcequotas', 'default', 'mem-cpu-demo'), {
    status: {
      hard: { 'limits.cpu': '2', 'limits.memory': '2Gi', 'requests.cpu': '1', 'requests.memory': '1Gi' },
      used: { 'limits.cpu': '0', 'limits.memory': '0', 'requests.cpu': '0', 'requests.memory': '0' },
    },
  });
  t.like(rowOf(cluster, 'resourcequotas', 'default', 'mem-cpu-demo'), {
    Request: 'requests.cpu: 0/1, requests.memory: 0/1Gi',
    Limit: 'limits.cpu: 0/2, limits.memory: 0/2Gi',
  });
  t.deepEqual(applyErrors(applyFile(cluster, 'website/pods/simple-pod.yaml')), [
    'Error from server (Forbidden): error when applying "website/pods/simple-pod.yaml": pods "nginx" is forbidden: failed quota: mem-cpu-demo: must specify limits.cpu for: nginx; limits.memory for: nginx; requests.cpu for: nginx; requests.memory for: nginx',
  ]);
});

suite.test('website/admin/resource/quota-mem-cpu-pod.yaml', 'is admitted and runs; under quota mem-cpu-demo it uses 400m / 600Mi / 800m / 800Mi', (t, cluster) => {
  applyClean(t, cluster, 'website/admin/resource/quota-mem-cpu.yaml');
  settle(cluster);
  applyClean(t, cluster, 'website/admin/resource/quota-mem-cpu-pod.yaml');
  settle(cluster);
  t.is(podLine(cluster, 'quota-mem-cpu-demo'), '1/1 Running 0');
  t.like(get(cluster, 'resourcequotas', 'default', 'mem-cpu-demo'), {
    status: { used: { 'requests.cpu': '400m', 'requests.memory': '600Mi', 'limits.cpu': '800m', 'limits.memory': '800Mi' } },
  });
  t.like(rowOf(cluster, 'resourcequotas', 'default', 'mem-cpu-demo'), {
    Request: 'requests.cpu: 400m/1, requests.memory: 600Mi/1Gi',
    Limit: 'limits.cpu: 800m/2, limits.memory: 800Mi/2Gi',
  });
});

suite.test('website/admin/resource/quota-mem-cpu-pod-2.yaml', 'after the quota and the first pod it is refused: exceeded quota on requests.memory', (t, cluster) => {
  applyClean(t, cluster, 'website/admin/resource/quota-mem-cpu.yaml');
  settle(cluster);
  applyClean(t, cluster, 'website/admin/resource/quota-mem-cpu-pod.yaml');
  settle(cluster);
  t.deepEqual(applyErrors(applyFile(cluster, 'website/admin/resource/quota-mem-cpu-pod-2.yaml')), [
    'Error from server (Forbidden): error when applying "website/admin/resource/quota-mem-cpu-pod-2.yaml": pods "quota-mem-cpu-demo-2" is forbidden: exceeded quota: mem-cpu-demo, requested: requests.memory=700Mi, used: requests.memory=600Mi, limited: requests.memory=1Gi',
  ]);
  t.is(get(cluster, 'pods', 'default', 'quota-mem-cpu-demo-2'), undefined);
});

suite.test('website/admin/resource/quota-mem-cpu-pod-2.yaml', 'standalone, quota-mem-cpu-demo-2 runs', (t, cluster) => {
  applyClean(t, cluster, 'website/admin/resource/quota-mem-cpu-pod-2.yaml');
  settle(cluster);
  t.is(podLine(cluster, 'quota-mem-cpu-demo-2'), '1/1 Running 0');
});

suite.test('website/admin/resource/quota-pod.yaml', 'pod-demo has hard pods 2 and uses 0 in an empty namespace', (t, cluster) => {
  applyClean(t, cluster, 'website/admin/resource/quota-pod.yaml');
  settle(cluster);
  t.like(get(cluster, 'resourcequotas', 'default', 'pod-demo'), { status: { hard: { pods: '2' }, used: { pods: '0' } } });
  t.like(rowOf(cluster, 'resourcequotas', 'default', 'pod-demo'), { Request: 'pods: 0/2', Limit: '' });
});

suite.test('website/admin/resource/quota-pod-deployment.yaml', 'after quota-pod.yaml only 2 pods are created: READY 2/3 with ReplicaFailure FailedCreate', (t, cluster) => {
  applyClean(t, cluster, 'website/admin/resource/quota-pod.yaml');
  settle(cluster);
  applyClean(t, cluster, 'website/admin/resource/quota-pod-deployment.yaml');
  settle(cluster, 120_000);
  const message = 'exceeded quota: pod-demo, requested: pods=1, used: pods=2, limited: pods=2';
  t.is(podsOfDeployment(cluster, 'pod-quota-demo').length, 2);
  t.like(rowOf(cluster, 'deployments', 'default', 'pod-quota-demo'), { Ready: '2/3', 'Up-to-date': 2, Available: 2 });
  const failure = conditionView(get(cluster, 'deployments', 'default', 'pod-quota-demo'), 'ReplicaFailure');
  t.like(failure, { status: 'True', reason: 'FailedCreate' });
  t.true(String(failure?.message).endsWith(`is forbidden: ${message}`));
  t.like(get(cluster, 'resourcequotas', 'default', 'pod-demo'), { status: { used: { pods: '2' } } });
});

suite.test('website/admin/resource/quota-pod-deployment.yaml', 'standalone, pod-quota-demo is 3/3', (t, cluster) => {
  applyClean(t, cluster, 'website/admin/resource/quota-pod-deployment.yaml');
  settle(cluster);
  t.like(rowOf(cluster, 'deployments', 'default', 'pod-quota-demo'), { Ready: '3/3', 'Up-to-date': 3, Available: 3 });
});

suite.test('website/admin/resource/cpu-constraints.yaml', 'API defaulting gives the LimitRange default and defaultRequest cpu 800m', (t, cluster) => {
  applyClean(t, cluster, 'website/admin/resource/cpu-constraints.yaml');
  t.deepEqual(field(get(cluster, 'limitranges', 'default', 'cpu-min-max-demo-lr'), 'spec.limits.0'), {
    max: { cpu: '800m' },
    min: { cpu: '200m' },
    type: 'Container',
    default: { cpu: '800m' },
    defaultRequest: { cpu: '800m' },
  });
});

suite.test('website/admin/resource/cpu-constraints-pod-2.yaml', 'after cpu-constraints.yaml it is refused: limit 1500m is above the maximum 800m', (t, cluster) => {
  applyClean(t, cluster, 'website/admin/resource/cpu-constraints.yaml');
  t.deepEqual(applyErrors(applyFile(cluster, 'website/admin/resource/cpu-constraints-pod-2.yaml')), [
    'Error from server (Forbidden): error when applying "website/admin/resource/cpu-constraints-pod-2.yaml": pods "constraints-cpu-demo-2" is forbidden: maximum cpu usage per Container is 800m, but limit is 1500m',
  ]);
});

suite.test('website/admin/resource/cpu-constraints-pod-2.yaml', 'standalone, constraints-cpu-demo-2 runs', (t, cluster) => {
  applyClean(t, cluster, 'website/admin/resource/cpu-constraints-pod-2.yaml');
  settle(cluster);
  t.is(podLine(cluster, 'constraints-cpu-demo-2'), '1/1 Running 0');
});

suite.test('website/admin/sched/pod3.yaml', 'a pod for my-scheduler stays Pending with no scheduling events', (t, cluster) => {
  applyClean(t, cluster, 'website/admin/sched/pod3.yaml');
  advanceTo(cluster, 300);
  t.is(podLine(cluster, 'annotation-second-scheduler'), '0/1 Pending 0');
  t.deepEqual(eventsFor(cluster, 'annotation-second-scheduler'), []);
  t.is(conditionView(get(cluster, 'pods', 'default', 'annotation-second-scheduler'), 'PodScheduled'), undefined);
});

// ---- examples ----

suite.test('examples/web/guestbook/all-in-one/guestbook-all-in-one.yaml', 'Deployments redis-master 1/1, redis-replica 2/2 and frontend 3/3: 6 running pods (gb-redisslave:v1 pulls here)', (t, cluster) => {
  applyClean(t, cluster, 'examples/web/guestbook/all-in-one/guestbook-all-in-one.yaml');
  settle(cluster);
  t.deepEqual(deploymentColumns(cluster, 'redis-master'), { Ready: '1/1', 'Up-to-date': 1, Available: 1 });
  t.deepEqual(deploymentColumns(cluster, 'redis-replica'), { Ready: '2/2', 'Up-to-date': 2, Available: 2 });
  t.deepEqual(deploymentColumns(cluster, 'frontend'), { Ready: '3/3', 'Up-to-date': 3, Available: 3 });
  t.deepEqual(podLines(cluster), Array.from({ length: 6 }, () => '1/1 Running 0'));
});
suite.test('examples/web/guestbook/all-in-one/guestbook-all-in-one.yaml', 'Services redis-master and redis-replica (ClusterIP) and frontend (NodePort) list 1, 2 and 3 ready pods as endpoints', (t, cluster) => {
  applyClean(t, cluster, 'examples/web/guestbook/all-in-one/guestbook-all-in-one.yaml');
  settle(cluster);
  t.like(rowOf(cluster, 'services', 'default', 'redis-master'), { Type: 'ClusterIP', 'Port(s)': '6379/TCP' });
  t.like(rowOf(cluster, 'services', 'default', 'redis-replica'), { Type: 'ClusterIP', 'Port(s)': '6379/TCP' });
  t.like(rowOf(cluster, 'services', 'default', 'frontend'), { Type: 'NodePort' });
  t.regex(String(rowOf(cluster, 'services', 'default', 'frontend')['Port(s)']), /^80:3\d{4}\/TCP$/);
  t.deepEqual(['redis-master', 'redis-replica', 'frontend'].map((name) => endpointCount(cluster, name)), [1, 2, 3]);
  t.deepEqual(['redis-master', 'redis-replica', 'frontend'].map((name) => readySliceEndpoints(cluster, name).length), [1, 2, 3]);
});
suite.test('examples/web/guestbook/all-in-one/guestbook-all-in-one.yaml', 'a frontend pod reaches redis-master and redis-replica by their Service names (CoreDNS, kube-proxy)', (t, cluster) => {
  applyClean(t, cluster, 'examples/web/guestbook/all-in-one/guestbook-all-in-one.yaml');
  settle(cluster);
  const frontend = podsOfDeployment(cluster, 'frontend')[0]!.metadata.name!;
  for (const service of ['redis-master', 'redis-replica']) {
    const answer = runCommand(cluster, `curl --from pod/${frontend} http://${service}:6379`);
    t.true(answer.ok, answer.message);
    t.regex(answer.message, new RegExp(`^HTTP/1\\.1 200 OK from ${service}-\\S+ \\(10\\.244\\.\\d+\\.\\d+\\)$`));
  }
});

suite.test('examples/web/guestbook/legacy/frontend-controller.yaml', 'ReplicationController frontend is 3/3/3 with its selector defaulted from the template labels', (t, cluster) => {
  applyClean(t, cluster, 'examples/web/guestbook/legacy/frontend-controller.yaml');
  settle(cluster);
  t.like(rowOf(cluster, 'replicationcontrollers', 'default', 'frontend'), { Desired: 3, Current: 3, Ready: 3 });
  t.deepEqual(field(get(cluster, 'replicationcontrollers', 'default', 'frontend'), 'spec.selector'), { app: 'guestbook', tier: 'frontend' });
});

suite.test('examples/web/guestbook-go/guestbook-controller.yaml', 'ReplicationController guestbook is 3/3 with 3 running pods', (t, cluster) => {
  applyClean(t, cluster, 'examples/web/guestbook-go/guestbook-controller.yaml');
  settle(cluster);
  t.like(rowOf(cluster, 'replicationcontrollers', 'default', 'guestbook'), { Desired: 3, Current: 3, Ready: 3 });
  t.deepEqual(podLines(cluster), ['1/1 Running 0', '1/1 Running 0', '1/1 Running 0']);
});
suite.test('examples/web/guestbook-go/guestbook-service.yaml', 'after guestbook-controller.yaml, LoadBalancer Service guestbook gets EXTERNAL-IP 172.18.255.200 (the simulated cloud, not <pending>) and the 3 pods on port 3000 (targetPort http-server)', (t, cluster) => {
  applyClean(t, cluster, 'examples/web/guestbook-go/guestbook-controller.yaml');
  applyClean(t, cluster, 'examples/web/guestbook-go/guestbook-service.yaml');
  settle(cluster);
  t.like(rowOf(cluster, 'services', 'default', 'guestbook'), { Type: 'LoadBalancer', 'External-IP': '172.18.255.200' });
  const endpoints = String(rowOf(cluster, 'endpoints', 'default', 'guestbook')['Endpoints']).split(',');
  t.is(endpoints.length, 3);
  t.true(endpoints.every((endpoint) => endpoint.endsWith(':3000')));
  t.deepEqual(list(cluster, 'endpointslices', 'default', 'kubernetes.io/service-name=guestbook').map((slice) => field(slice, 'ports')), [[{ name: '', protocol: 'TCP', port: 3000 }]]);
});

suite.test('examples/databases/cassandra/cassandra-statefulset.yaml', 'the minikube-hostpath provisioner serves class fast: cassandra-0..2 start in order and the StatefulSet is 3/3', (t, cluster) => {
  applyClean(t, cluster, 'examples/databases/cassandra/cassandra-statefulset.yaml');
  settle(cluster);
  t.like(get(cluster, 'storageclasses', '', 'fast'), { provisioner: 'k8s.io/minikube-hostpath' });
  const names = ['cassandra-0', 'cassandra-1', 'cassandra-2'];
  const claims = names.map((name) => get(cluster, 'persistentvolumeclaims', 'default', `cassandra-data-${name}`));
  // The class comes from the deprecated beta annotation, which leaves spec.storageClassName unset.
  t.deepEqual(claims.map((claim) => claim?.metadata.annotations?.['volume.beta.kubernetes.io/storage-class']), ['fast', 'fast', 'fast']);
  t.deepEqual(claims.map((claim) => field(claim, 'status.phase')), ['Bound', 'Bound', 'Bound']);
  const volumes = claims.map((claim) => get(cluster, 'persistentvolumes', '', String(field(claim, 'spec.volumeName'))));
  t.deepEqual(volumes.map((volume) => field(volume, 'spec.storageClassName')), ['fast', 'fast', 'fast']);
  t.like(rowOf(cluster, 'statefulsets', 'default', 'cassandra'), { Ready: '3/3' });
  t.true(createdInOrder(cluster, names));
});

suite.test('examples/AI/vllm-deployment/vllm-deployment.yaml', 'vllm-gemma-deployment is 0/1: its pod stays Pending on Insufficient nvidia.com/gpu', (t, cluster) => {
  applyClean(t, cluster, 'examples/AI/vllm-deployment/vllm-deployment.yaml');
  settle(cluster);
  t.deepEqual(deploymentColumns(cluster, 'vllm-gemma-deployment'), { Ready: '0/1', 'Up-to-date': 1, Available: 0 });
  const [pod] = podsOfDeployment(cluster, 'vllm-gemma-deployment');
  t.is(podLine(cluster, pod?.metadata.name ?? ''), '0/1 Pending 0');
  t.deepEqual(eventMessages(cluster, pod?.metadata.name ?? '', 'FailedScheduling'), [
    '0/4 nodes are available: 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }, 3 Insufficient memory, 3 Insufficient nvidia.com/gpu. preemption: 0/4 nodes are available: 1 Preemption is not helpful for scheduling, 3 No preemption victims found for incoming pod.',
  ]);
});

suite.test('examples/AI/vllm-deployment/hpa/horizontal-pod-autoscaler.yaml', 'TARGETS stay <unknown>/4: FailedGetScale without the Deployment, FailedGetPodsMetric with it; replicas unchanged', (t, cluster) => {
  applyClean(t, cluster, 'examples/AI/vllm-deployment/hpa/horizontal-pod-autoscaler.yaml');
  advanceTo(cluster, 60);
  const hpa = () => get(cluster, 'horizontalpodautoscalers', 'default', 'gemma-server-hpa');
  t.like(rowOf(cluster, 'horizontalpodautoscalers', 'default', 'gemma-server-hpa'), { Targets: '<unknown>/4', MinPods: '1', MaxPods: 5 });
  t.like(conditionView(hpa(), 'AbleToScale'), { status: 'False', reason: 'FailedGetScale' });
  applyClean(t, cluster, 'examples/AI/vllm-deployment/vllm-deployment.yaml');
  advanceTo(cluster, 180);
  t.like(rowOf(cluster, 'horizontalpodautoscalers', 'default', 'gemma-server-hpa'), { Targets: '<unknown>/4', Replicas: 1 });
  t.like(conditionView(hpa(), 'ScalingActive'), { status: 'False', reason: 'FailedGetPodsMetric' });
  t.is(field(get(cluster, 'deployments', 'default', 'vllm-gemma-deployment'), 'spec.replicas'), 1);
});

suite.test('examples/_archived/cockroachdb/cockroachdb-statefulset.yaml', 'the v1beta1 PDB is refused, the rest is created; with the default StorageClass 3 pods start in order, one per worker', (t, cluster) => {
  const errors = applyErrors(applyFile(cluster, 'examples/_archived/cockroachdb/cockroachdb-statefulset.yaml'));
  t.is(errors.length, 1);
  t.regex(errors[0] ?? '', /no matches for kind "PodDisruptionBudget" in version "policy\/v1beta1"/);
  t.truthy(get(cluster, 'services', 'default', 'cockroachdb-public'));
  t.truthy(get(cluster, 'services', 'default', 'cockroachdb'));
  settle(cluster);
  const names = ['cockroachdb-0', 'cockroachdb-1', 'cockroachdb-2'];
  t.like(rowOf(cluster, 'statefulsets', 'default', 'cockroachdb'), { Ready: '3/3' });
  t.true(createdInOrder(cluster, names));
  t.deepEqual(nodesOf(names.map((name) => get(cluster, 'pods', 'default', name) as KubeObject)).sort(), WORKERS);
});

for (const [file, message] of [
  ['examples/_archived/newrelic-infrastructure/newrelic-infra-daemonset.yaml', /no matches for kind "DaemonSet" in version "extensions\/v1beta1"/],
  ['examples/_archived/newrelic/newrelic-config.yaml', /^error: no objects passed to apply$/],
  ['examples/_archived/newrelic-infrastructure/newrelic-config-template.yaml', /yaml: invalid map key/],
  ['examples/_archived/storage/vitess/vttablet-pod-template.yaml', /metadata\.name: Invalid value: "vttablet-\{\{uid\}\}"/],
] as const) {
  suite.test(file, 'is refused and leaves the cluster unchanged', (t, cluster) => {
    const before = list(cluster, 'pods', 'default').length;
    const errors = applyErrors(applyFile(cluster, file));
    t.is(errors.length, 1);
    t.regex(errors[0] ?? '', message);
    settle(cluster);
    t.is(list(cluster, 'pods', 'default').length, before);
    t.deepEqual([...list(cluster, 'daemonsets', ''), ...list(cluster, 'secrets', 'default')], []);
  });
}

// ---- microservices-demo ----

/** Sum of the containers' requests of these pods: CPU in millicores, memory in Mi. */
function totalRequests(pods: readonly KubeObject[]): { cpu: number; memoryMi: number } {
  let cpu = 0;
  let memory = 0;
  for (const pod of pods) {
    for (const container of (field(pod, 'spec.containers') ?? []) as { resources?: { requests?: Record<string, string> } }[]) {
      const requests = container.resources?.requests ?? {};
      const parsedCpu = parseQuantity(requests['cpu'] ?? '0');
      const parsedMemory = parseQuantity(requests['memory'] ?? '0');
      if (parsedCpu.ok) cpu += milliValue(parsedCpu.value);
      if (parsedMemory.ok) memory += quantityValue(parsedMemory.value);
    }
  }
  return { cpu, memoryMi: memory / 2 ** 20 };
}

suite.test('microservices-demo/release/kubernetes-manifests.yaml', 'all 12 Deployments reach 1/1 with 1570m CPU / 1368Mi requested; loadgenerator waits in Init:0/1 first', (t, cluster) => {
  applyClean(t, cluster, 'microservices-demo/release/kubernetes-manifests.yaml');
  advanceTo(cluster, 2);
  const loadgenerator = () => list(cluster, 'pods', 'default', 'app=loadgenerator')[0];
  t.is(podLine(cluster, loadgenerator()?.metadata.name ?? ''), '0/1 Init:0/1 0');
  settle(cluster);
  const deployments = list(cluster, 'deployments');
  t.is(deployments.length, 12);
  t.deepEqual(deployments.map((d) => row(cluster, d)['Ready']), deployments.map(() => '1/1'));
  const pods = list(cluster, 'pods');
  t.deepEqual(podLines(cluster), pods.map(() => '1/1 Running 0'));
  t.deepEqual(totalRequests(pods), { cpu: 1570, memoryMi: 1368 });
});
suite.test('microservices-demo/release/kubernetes-manifests.yaml', 'frontend-external gets EXTERNAL-IP 172.18.255.200 (the simulated cloud, not <pending>) and, like frontend, the frontend pod as its endpoint on port 8080', (t, cluster) => {
  applyClean(t, cluster, 'microservices-demo/release/kubernetes-manifests.yaml');
  settle(cluster);
  t.like(rowOf(cluster, 'services', 'default', 'frontend-external'), { Type: 'LoadBalancer', 'External-IP': '172.18.255.200' });
  const [frontend] = list(cluster, 'pods', 'default', 'app=frontend');
  t.like(rowOf(cluster, 'endpoints', 'default', 'frontend-external'), { Endpoints: `${String(field(frontend, 'status.podIP'))}:8080` });
  t.deepEqual(readySliceEndpoints(cluster, 'frontend-external'), [frontend?.metadata.name]);
  t.is(endpointCount(cluster, 'frontend'), 1);
});
suite.todo('microservices-demo/release/kubernetes-manifests.yaml', `loadgenerator's HTTP 200 wait on the frontend Service (kube-proxy, DNS) — ${NETWORKING}`);

suite.checkCoverage(['website/debug/', 'website/secret/', 'website/configmap/', 'website/policy/', 'website/priorityclass/', 'website/admin/', 'examples/', 'microservices-demo/']);
