/**
 * The `expect` column of the corpus INDEX for workload controllers (website/controllers,
 * application, deployments, service): each file applied to a fresh full cluster as `kubectl apply
 * -f` does, the clock advanced explicitly, and the READY / DESIRED / COMPLETIONS columns,
 * conditions, events and StatefulSet order checked. Service, endpoint, ingress and network-policy
 * expectations belong to the networking issue and are todos.
 */
import type { KubeObject } from '../../src/api/types.js';
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
  podsOwnedBy,
  replicaSetsOf,
  row,
  rowOf,
  run,
  sample,
  settle,
  WORKERS,
} from './corpus-harness.js';

const suite = new CorpusSuite();

/** The pods a Service's EndpointSlices list as ready. */
function readySliceEndpoints(cluster: Parameters<typeof list>[0], service: string): unknown[] {
  return list(cluster, 'endpointslices', 'default', `kubernetes.io/service-name=${service}`).flatMap((slice) =>
    ((slice['endpoints'] as { conditions: { ready: boolean }; targetRef?: { name: string } }[] | null) ?? []).filter((e) => e.conditions.ready).map((e) => e.targetRef?.name),
  );
}

// ---- website/controllers ----

suite.test('website/controllers/nginx-deployment.yaml', 'nginx-deployment is 3/3 with one ReplicaSet 3/3 and its pods spread over the 3 workers', (t, cluster) => {
  applyClean(t, cluster, 'website/controllers/nginx-deployment.yaml');
  settle(cluster);
  t.deepEqual(deploymentColumns(cluster, 'nginx-deployment'), { Ready: '3/3', 'Up-to-date': 3, Available: 3 });
  const replicaSets = replicaSetsOf(cluster, 'nginx-deployment');
  t.is(replicaSets.length, 1);
  t.regex(replicaSets[0]?.metadata.name ?? '', /^nginx-deployment-[a-z0-9]{8,10}$/);
  t.like(row(cluster, replicaSets[0] as KubeObject), { Desired: 3, Current: 3, Ready: 3 });
  const pods = podsOfDeployment(cluster, 'nginx-deployment');
  t.deepEqual(pods.map(() => '1/1 Running 0'), podLines(cluster, 'default', 'app=nginx'));
  t.deepEqual(nodesOf(pods).sort(), WORKERS);
});

suite.test('website/controllers/frontend.yaml', 'ReplicaSet frontend is DESIRED 3 CURRENT 3 READY 3 with 3 running frontend-<suffix> pods', (t, cluster) => {
  applyClean(t, cluster, 'website/controllers/frontend.yaml');
  settle(cluster);
  t.like(rowOf(cluster, 'replicasets', 'default', 'frontend'), { Desired: 3, Current: 3, Ready: 3 });
  const pods = podsOwnedBy(cluster, 'frontend');
  t.is(pods.length, 3);
  t.true(pods.every((pod) => /^frontend-[a-z0-9]{5}$/.test(pod.metadata.name ?? '')));
  t.deepEqual(podLines(cluster, 'default', 'tier=frontend'), ['1/1 Running 0', '1/1 Running 0', '1/1 Running 0']);
});

suite.test('website/controllers/daemonset.yaml', 'fluentd-elasticsearch runs exactly one pod per node, the tolerated control-plane included: DESIRED = CURRENT = 4', (t, cluster) => {
  applyClean(t, cluster, 'website/controllers/daemonset.yaml');
  settle(cluster);
  t.like(rowOf(cluster, 'daemonsets', 'kube-system', 'fluentd-elasticsearch'), { Desired: 4, Current: 4, Ready: 4, 'Up-to-date': 4, Available: 4 });
  const pods = podsOwnedBy(cluster, 'fluentd-elasticsearch', 'kube-system');
  t.deepEqual(nodesOf(pods).sort(), ['control-plane', ...WORKERS]);
  t.deepEqual(podLines(cluster, 'kube-system', 'name=fluentd-elasticsearch'), pods.map(() => '1/1 Running 0'));
});

suite.test('website/controllers/daemonset-label-selector.yaml', 'ssd-driver has DESIRED 0 CURRENT 0 until a node is labelled ssd=true, whose pod cannot pull example-image', (t, cluster) => {
  applyClean(t, cluster, 'website/controllers/daemonset-label-selector.yaml');
  settle(cluster);
  t.like(rowOf(cluster, 'daemonsets', 'default', 'ssd-driver'), { Desired: 0, Current: 0, 'Node Selector': 'ssd=true' });
  t.deepEqual(list(cluster, 'pods'), []);
  run(t, cluster, 'label node node-2 ssd=true');
  settle(cluster, 60_000);
  t.like(rowOf(cluster, 'daemonsets', 'default', 'ssd-driver'), { Desired: 1, Current: 1, Ready: 0 });
  const pods = podsOwnedBy(cluster, 'ssd-driver');
  t.deepEqual(nodesOf(pods), ['node-2']);
  t.deepEqual(podLines(cluster), ['0/1 ImagePullBackOff 0']);
  t.true(eventMessages(cluster, pods[0]?.metadata.name ?? '', 'BackOff').includes('Back-off pulling image "example-image"'));
});

suite.test('website/controllers/job.yaml', 'Job pi completes: COMPLETIONS 1/1, condition Complete, its pod Completed', (t, cluster) => {
  applyClean(t, cluster, 'website/controllers/job.yaml');
  settle(cluster);
  t.like(rowOf(cluster, 'jobs', 'default', 'pi'), { Status: 'Complete', Completions: '1/1' });
  t.like(conditionView(get(cluster, 'jobs', 'default', 'pi'), 'Complete'), { status: 'True' });
  t.deepEqual(podLines(cluster, 'default', 'job-name=pi'), ['0/1 Completed 0']);
});

suite.test('website/controllers/hpa-rs.yaml', 'after frontend.yaml, TARGETS stay <unknown>/50% and frontend stays at 3', (t, cluster) => {
  applyClean(t, cluster, 'website/controllers/frontend.yaml');
  settle(cluster);
  applyClean(t, cluster, 'website/controllers/hpa-rs.yaml');
  advanceTo(cluster, 180);
  t.like(rowOf(cluster, 'horizontalpodautoscalers', 'default', 'frontend-scaler'), {
    Reference: 'ReplicaSet/frontend',
    Targets: 'cpu: <unknown>/50%',
    MinPods: '3',
    MaxPods: 10,
    Replicas: 3,
  });
  t.like(rowOf(cluster, 'replicasets', 'default', 'frontend'), { Desired: 3, Current: 3 });
  const hpa = get(cluster, 'horizontalpodautoscalers', 'default', 'frontend-scaler');
  t.like(conditionView(hpa, 'AbleToScale'), { status: 'True', reason: 'SucceededGetScale' });
  t.like(conditionView(hpa, 'ScalingActive'), { status: 'False', reason: 'FailedGetResourceMetric' });
});

suite.test('website/controllers/hpa-rs.yaml', 'standalone, frontend-scaler is AbleToScale False with FailedGetScale', (t, cluster) => {
  applyClean(t, cluster, 'website/controllers/hpa-rs.yaml');
  advanceTo(cluster, 60);
  t.deepEqual(conditionView(get(cluster, 'horizontalpodautoscalers', 'default', 'frontend-scaler'), 'AbleToScale'), {
    status: 'False',
    reason: 'FailedGetScale',
    message: 'the HPA controller was unable to get the target\'s current scale: replicasets/scale.apps "frontend" not found',
  });
  t.true(eventMessages(cluster, 'frontend-scaler', 'FailedGetScale').includes('replicasets/scale.apps "frontend" not found'));
});

suite.test('website/controllers/job-pod-failure-policy-example.yaml', 'the first exit code 42 fails the Job by its FailJob rule, with 0 succeeded', (t, cluster) => {
  applyClean(t, cluster, 'website/controllers/job-pod-failure-policy-example.yaml');
  advanceTo(cluster, 1);
  t.is(list(cluster, 'pods', 'default', 'job-name=job-pod-failure-policy-example').length, 3);
  settle(cluster);
  const job = get(cluster, 'jobs', 'default', 'job-pod-failure-policy-example');
  t.like(conditionView(job, 'Failed'), { status: 'True', reason: 'PodFailurePolicy' });
  t.regex(String(conditionView(job, 'Failed')?.message), /^Container main for pod default\/job-pod-failure-policy-example-[a-z0-9]{5} failed with exit code 42 matching FailJob rule at index 0$/);
  t.is(field(job, 'status.succeeded') ?? 0, 0);
  t.like(row(cluster, job as KubeObject), { Status: 'Failed', Completions: '0/12' });
  t.is(list(cluster, 'pods', 'default', 'job-name=job-pod-failure-policy-example').filter((pod) => field(pod, 'status.phase') === 'Running').length, 0);
});

// ---- website/application ----

suite.test('website/application/deployment.yaml', 'nginx-deployment is 2/2 available with 2 running pods', (t, cluster) => {
  applyClean(t, cluster, 'website/application/deployment.yaml');
  settle(cluster);
  t.deepEqual(deploymentColumns(cluster, 'nginx-deployment'), { Ready: '2/2', 'Up-to-date': 2, Available: 2 });
  t.deepEqual(podLines(cluster), ['1/1 Running 0', '1/1 Running 0']);
});

suite.test('website/application/deployment-update.yaml', 'standalone, nginx-deployment is 2/2 running nginx:1.16.1', (t, cluster) => {
  applyClean(t, cluster, 'website/application/deployment-update.yaml');
  settle(cluster);
  t.deepEqual(deploymentColumns(cluster, 'nginx-deployment'), { Ready: '2/2', 'Up-to-date': 2, Available: 2 });
  t.deepEqual(podsOfDeployment(cluster, 'nginx-deployment').map((pod) => field(pod, 'spec.containers.0.image')), ['nginx:1.16.1', 'nginx:1.16.1']);
});

suite.test('website/application/deployment-update.yaml', 'after deployment.yaml, a rolling update moves 2 pods to a new ReplicaSet: 2/2 up-to-date, revision 2', (t, cluster) => {
  applyClean(t, cluster, 'website/application/deployment.yaml');
  settle(cluster);
  const [old] = replicaSetsOf(cluster, 'nginx-deployment');
  applyClean(t, cluster, 'website/application/deployment-update.yaml');
  settle(cluster);
  t.deepEqual(deploymentColumns(cluster, 'nginx-deployment'), { Ready: '2/2', 'Up-to-date': 2, Available: 2 });
  const replicaSets = replicaSetsOf(cluster, 'nginx-deployment');
  const updated = replicaSets.find((rs) => rs.metadata.name !== old?.metadata.name);
  t.is(replicaSets.length, 2);
  t.like(get(cluster, 'replicasets', 'default', old?.metadata.name ?? ''), { spec: { replicas: 0 } });
  t.like(updated, { spec: { replicas: 2 }, status: { readyReplicas: 2 } });
  t.is(get(cluster, 'deployments', 'default', 'nginx-deployment')?.metadata.annotations?.['deployment.kubernetes.io/revision'], '2');
  t.deepEqual(podsOfDeployment(cluster, 'nginx-deployment').map((pod) => field(pod, 'spec.containers.0.image')), ['nginx:1.16.1', 'nginx:1.16.1']);
});

suite.test('website/application/deployment-retainkeys.yaml', 'retainkeys-demo is 1/1 with strategy RollingUpdate, maxSurge 30%, maxUnavailable 25%', (t, cluster) => {
  applyClean(t, cluster, 'website/application/deployment-retainkeys.yaml');
  settle(cluster);
  t.deepEqual(deploymentColumns(cluster, 'retainkeys-demo'), { Ready: '1/1', 'Up-to-date': 1, Available: 1 });
  t.deepEqual(field(get(cluster, 'deployments', 'default', 'retainkeys-demo'), 'spec.strategy'), {
    type: 'RollingUpdate',
    rollingUpdate: { maxSurge: '30%', maxUnavailable: '25%' },
  });
});

suite.test('website/application/deployment-sidecar.yaml', 'myapp is 1/1 and its pod is Running 2/2 with the restartable init container', (t, cluster) => {
  applyClean(t, cluster, 'website/application/deployment-sidecar.yaml');
  settle(cluster);
  t.deepEqual(deploymentColumns(cluster, 'myapp'), { Ready: '1/1', 'Up-to-date': 1, Available: 1 });
  t.deepEqual(podLines(cluster), ['2/2 Running 0']);
});

suite.test('website/application/job/cronjob.yaml', 'hello creates a Job every minute whose pod Completes, and keeps 3 successful Jobs', (t, cluster) => {
  applyClean(t, cluster, 'website/application/job/cronjob.yaml');
  t.like(rowOf(cluster, 'cronjobs', 'default', 'hello'), { Schedule: '* * * * *', Suspend: 'False', Active: 0 });
  advanceTo(cluster, 59);
  t.deepEqual(list(cluster, 'jobs'), []);
  advanceTo(cluster, 75);
  const [first] = list(cluster, 'jobs');
  t.regex(first?.metadata.name ?? '', /^hello-\d+$/);
  t.like(row(cluster, first as KubeObject), { Status: 'Complete', Completions: '1/1' });
  t.deepEqual(podLines(cluster), ['0/1 Completed 0']);
  advanceTo(cluster, 315);
  const jobs = list(cluster, 'jobs');
  t.is(jobs.length, 3);
  t.true(jobs.every((job) => row(cluster, job)['Status'] === 'Complete'));
  t.is(eventMessages(cluster, 'hello', 'SuccessfulCreate').length, 5);
  t.is(eventMessages(cluster, 'hello', 'SuccessfulDelete').length, 2);
});

suite.test('website/application/job/indexed-job.yaml', 'runs at most 3 pods at a time and completes indexes 0-4: COMPLETIONS 5/5', (t, cluster) => {
  applyClean(t, cluster, 'website/application/job/indexed-job.yaml');
  const active = sample(cluster, 30, 0.25, () => list(cluster, 'pods').filter((pod) => ['Pending', 'Running'].includes(String(field(pod, 'status.phase')))).length);
  t.is(Math.max(...active.map((s) => s.value)), 3);
  settle(cluster);
  const job = get(cluster, 'jobs', 'default', 'indexed-job');
  t.like(row(cluster, job as KubeObject), { Status: 'Complete', Completions: '5/5' });
  t.like(conditionView(job, 'Complete'), { status: 'True' });
  t.is(field(job, 'status.completedIndexes'), '0-4');
  t.deepEqual(
    list(cluster, 'pods').map((pod) => pod.metadata.annotations?.['batch.kubernetes.io/job-completion-index']).sort(),
    ['0', '1', '2', '3', '4'],
  );
});

suite.test('website/application/job/job-sidecar.yaml', 'the main container exits 0, the kubelet stops the sidecar, the pod Succeeds and the Job Completes', (t, cluster) => {
  applyClean(t, cluster, 'website/application/job/job-sidecar.yaml');
  settle(cluster);
  const [pod] = list(cluster, 'pods', 'default', 'job-name=myjob');
  t.is(field(pod, 'status.phase'), 'Succeeded');
  t.true(eventMessages(cluster, pod?.metadata.name ?? '', 'Killing').includes('Stopping container logshipper'));
  const job = get(cluster, 'jobs', 'default', 'myjob');
  t.like(row(cluster, job as KubeObject), { Status: 'Complete', Completions: '1/1' });
  t.like(conditionView(job, 'Complete'), { status: 'True' });
});

suite.test('website/application/job/job-tmpl.yaml', "is rejected: 'process-item-$ITEM' is not a valid RFC 1123 subdomain", (t, cluster) => {
  t.regex(applyErrors(applyFile(cluster, 'website/application/job/job-tmpl.yaml')).join('\n'), /metadata\.name: Invalid value: "process-item-\$ITEM": a lowercase RFC 1123 subdomain/);
  t.deepEqual(list(cluster, 'jobs'), []);
});

suite.test('website/application/php-apache.yaml', 'Deployment php-apache is 1/1', (t, cluster) => {
  applyClean(t, cluster, 'website/application/php-apache.yaml');
  settle(cluster);
  t.deepEqual(deploymentColumns(cluster, 'php-apache'), { Ready: '1/1', 'Up-to-date': 1, Available: 1 });
});
suite.test('website/application/php-apache.yaml', 'Service php-apache has 1 endpoint: the php-apache pod on port 80', (t, cluster) => {
  applyClean(t, cluster, 'website/application/php-apache.yaml');
  settle(cluster);
  const [pod] = podsOfDeployment(cluster, 'php-apache');
  t.like(rowOf(cluster, 'endpoints', 'default', 'php-apache'), { Endpoints: `${String(field(pod, 'status.podIP'))}:80` });
  t.deepEqual(readySliceEndpoints(cluster, 'php-apache'), [pod?.metadata.name]);
});

suite.test('website/application/hpa/php-apache.yaml', 'after php-apache.yaml, metrics-server reports the idle pod: TARGETS cpu: 0%/50% and the Deployment stays at 1 replica', (t, cluster) => {
  applyClean(t, cluster, 'website/application/php-apache.yaml');
  settle(cluster);
  applyClean(t, cluster, 'website/application/hpa/php-apache.yaml');
  advanceTo(cluster, 180);
  t.like(rowOf(cluster, 'horizontalpodautoscalers', 'default', 'php-apache'), { Targets: 'cpu: 0%/50%', MinPods: '1', MaxPods: 10, Replicas: 1 });
  t.deepEqual(deploymentColumns(cluster, 'php-apache'), { Ready: '1/1', 'Up-to-date': 1, Available: 1 });
  t.like(conditionView(get(cluster, 'horizontalpodautoscalers', 'default', 'php-apache'), 'ScalingActive'), { status: 'True', reason: 'ValidMetricFound' });
});

suite.test('website/application/hpa/php-apache.yaml', 'standalone, the HPA reports FailedGetScale', (t, cluster) => {
  applyClean(t, cluster, 'website/application/hpa/php-apache.yaml');
  advanceTo(cluster, 60);
  t.like(conditionView(get(cluster, 'horizontalpodautoscalers', 'default', 'php-apache'), 'AbleToScale'), { status: 'False', reason: 'FailedGetScale' });
  t.true(eventMessages(cluster, 'php-apache', 'FailedGetScale').includes('deployments/scale.apps "php-apache" not found'));
});

suite.test('website/application/nginx-app.yaml', 'Deployment my-nginx is 3/3', (t, cluster) => {
  applyClean(t, cluster, 'website/application/nginx-app.yaml');
  settle(cluster);
  t.deepEqual(deploymentColumns(cluster, 'my-nginx'), { Ready: '3/3', 'Up-to-date': 3, Available: 3 });
});
suite.test('website/application/nginx-app.yaml', 'LoadBalancer my-nginx-svc gets EXTERNAL-IP 172.18.255.200 from the simulated cloud (kind with cloud-provider-kind, not <pending>) and has 3 endpoints', (t, cluster) => {
  applyClean(t, cluster, 'website/application/nginx-app.yaml');
  settle(cluster);
  t.like(rowOf(cluster, 'services', 'default', 'my-nginx-svc'), { Type: 'LoadBalancer', 'External-IP': '172.18.255.200' });
  t.deepEqual(eventsFor(cluster, 'my-nginx-svc', 'Service'), ['EnsuringLoadBalancer: Ensuring load balancer', 'EnsuredLoadBalancer: Ensured load balancer']);
  t.is(readySliceEndpoints(cluster, 'my-nginx-svc').length, 3);
  t.is(String(rowOf(cluster, 'endpoints', 'default', 'my-nginx-svc')['Endpoints']).split(',').length, 3);
});

suite.test('website/application/web/web.yaml', 'with the default StorageClass, www-web-0 and www-web-1 are Bound and web-0 then web-1 run: 2/2', (t, cluster) => {
  applyClean(t, cluster, 'website/application/web/web.yaml');
  settle(cluster);
  t.like(rowOf(cluster, 'statefulsets', 'default', 'web'), { Ready: '2/2' });
  t.deepEqual(['www-web-0', 'www-web-1'].map((name) => field(get(cluster, 'persistentvolumeclaims', 'default', name), 'status.phase')), ['Bound', 'Bound']);
  t.deepEqual(['web-0', 'web-1'].map((name) => podLine(cluster, name)), ['1/1 Running 0', '1/1 Running 0']);
  t.true(createdInOrder(cluster, ['web-0', 'web-1']));
});

suite.test('website/application/zookeeper/zookeeper.yaml', 'zk-0..2 start in order, one per worker: 3/3 with zk-pdb ALLOWED DISRUPTIONS 1; a 4th replica stays Pending', (t, cluster) => {
  applyClean(t, cluster, 'website/application/zookeeper/zookeeper.yaml');
  settle(cluster);
  const names = ['zk-0', 'zk-1', 'zk-2'];
  t.like(rowOf(cluster, 'statefulsets', 'default', 'zk'), { Ready: '3/3' });
  t.deepEqual(names.map((name) => podLine(cluster, name)), names.map(() => '1/1 Running 0'));
  t.true(createdInOrder(cluster, names));
  t.deepEqual(nodesOf(names.map((name) => get(cluster, 'pods', 'default', name) as KubeObject)).sort(), WORKERS);
  t.like(rowOf(cluster, 'poddisruptionbudgets', 'default', 'zk-pdb'), { 'Max Unavailable': '1', 'Allowed Disruptions': 1 });
  run(t, cluster, 'scale statefulset/zk 4');
  settle(cluster);
  t.is(podLine(cluster, 'zk-3'), '0/1 Pending 0');
  t.is(
    eventMessages(cluster, 'zk-3', 'FailedScheduling').at(-1),
    "0/4 nodes are available: 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }, 3 node(s) didn't match pod anti-affinity rules. preemption: 0/4 nodes are available: 1 Preemption is not helpful for scheduling, 3 No preemption victims found for incoming pod.",
  );
});

suite.test('website/application/wordpress/mysql-deployment.yaml', 'the PVC is Bound but the pod is stuck in CreateContainerConfigError until Secret mysql-pass exists', (t, cluster) => {
  applyClean(t, cluster, 'website/application/wordpress/mysql-deployment.yaml');
  advanceTo(cluster, 120);
  t.is(field(get(cluster, 'persistentvolumeclaims', 'default', 'mysql-pv-claim'), 'status.phase'), 'Bound');
  t.truthy(get(cluster, 'services', 'default', 'wordpress-mysql'));
  t.deepEqual(deploymentColumns(cluster, 'wordpress-mysql'), { Ready: '0/1', 'Up-to-date': 1, Available: 0 });
  const [pod] = podsOfDeployment(cluster, 'wordpress-mysql');
  const name = pod?.metadata.name ?? '';
  t.true(WORKERS.includes(String(field(pod, 'spec.nodeName'))));
  t.is(podLine(cluster, name), '0/1 CreateContainerConfigError 0');
  t.true(eventMessages(cluster, name, 'Failed').includes('Error: secret "mysql-pass" not found'));
  const secret = { apiVersion: 'v1', kind: 'Secret', metadata: { name: 'mysql-pass' }, stringData: { password: 'secret' } };
  const created = cluster.api.create('secrets', 'default', secret);
  // kube-apiserver merges the write-only stringData into data.
  t.like(created.ok ? created.value : undefined, { data: { password: Buffer.from('secret').toString('base64') } });
  t.is(field(get(cluster, 'secrets', 'default', 'mysql-pass'), 'stringData'), undefined);
  settle(cluster, 120_000);
  t.is(podLine(cluster, name), '1/1 Running 0');
  t.deepEqual(deploymentColumns(cluster, 'wordpress-mysql'), { Ready: '1/1', 'Up-to-date': 1, Available: 1 });
});

suite.test('website/application/guestbook/redis-leader-deployment.yaml', 'redis-leader is 1/1 with 1 running pod', (t, cluster) => {
  applyClean(t, cluster, 'website/application/guestbook/redis-leader-deployment.yaml');
  settle(cluster);
  t.deepEqual(deploymentColumns(cluster, 'redis-leader'), { Ready: '1/1', 'Up-to-date': 1, Available: 1 });
  t.deepEqual(podLines(cluster), ['1/1 Running 0']);
});

suite.test('website/application/guestbook/redis-follower-deployment.yaml', 'standalone, redis-follower is 2/2', (t, cluster) => {
  applyClean(t, cluster, 'website/application/guestbook/redis-follower-deployment.yaml');
  settle(cluster);
  t.deepEqual(deploymentColumns(cluster, 'redis-follower'), { Ready: '2/2', 'Up-to-date': 2, Available: 2 });
});

suite.test('website/application/guestbook/redis-follower-deployment.yaml', 'with redis-leader, each Deployment counts only its own pods: 1/1 and 2/2', (t, cluster) => {
  applyClean(t, cluster, 'website/application/guestbook/redis-leader-deployment.yaml');
  applyClean(t, cluster, 'website/application/guestbook/redis-follower-deployment.yaml');
  settle(cluster);
  advanceTo(cluster, 300);
  t.deepEqual(deploymentColumns(cluster, 'redis-leader'), { Ready: '1/1', 'Up-to-date': 1, Available: 1 });
  t.deepEqual(deploymentColumns(cluster, 'redis-follower'), { Ready: '2/2', 'Up-to-date': 2, Available: 2 });
  t.is(list(cluster, 'pods', 'default', 'app=redis').length, 3);
  t.is(podsOfDeployment(cluster, 'redis-leader').length, 1);
  t.is(podsOfDeployment(cluster, 'redis-follower').length, 2);
});

// ---- website/deployments, website/service ----

suite.test('website/deployments/deployment-with-capacity-reservation.yaml', 'without PriorityClass placeholder it is 0/1: FailedCreate and ReplicaFailure', (t, cluster) => {
  applyClean(t, cluster, 'website/deployments/deployment-with-capacity-reservation.yaml');
  settle(cluster, 60_000);
  const message = /^pods "capacity-reservation-[a-z0-9]+-" is forbidden: no PriorityClass with name placeholder was found$/;
  t.deepEqual(deploymentColumns(cluster, 'capacity-reservation'), { Ready: '0/1', 'Up-to-date': 0, Available: 0 });
  const [replicaSet] = replicaSetsOf(cluster, 'capacity-reservation');
  t.regex(eventMessages(cluster, replicaSet?.metadata.name ?? '', 'FailedCreate')[0] ?? '', /^Error creating: pods "capacity-reservation-[a-z0-9]+-" is forbidden: no PriorityClass with name placeholder was found$/);
  const failure = conditionView(get(cluster, 'deployments', 'default', 'capacity-reservation'), 'ReplicaFailure');
  t.like(failure, { status: 'True', reason: 'FailedCreate' });
  t.regex(String(failure?.message), message);
});

suite.test('website/deployments/deployment-with-capacity-reservation.yaml', 'after low-priority-class.yaml it is 1/1 and its pod runs with priority -1000', (t, cluster) => {
  applyClean(t, cluster, 'website/priorityclass/low-priority-class.yaml');
  applyClean(t, cluster, 'website/deployments/deployment-with-capacity-reservation.yaml');
  settle(cluster);
  t.deepEqual(deploymentColumns(cluster, 'capacity-reservation'), { Ready: '1/1', 'Up-to-date': 1, Available: 1 });
  const [pod] = podsOfDeployment(cluster, 'capacity-reservation');
  t.is(field(pod, 'spec.priority'), -1000);
  t.deepEqual(podLines(cluster), ['1/1 Running 0']);
});

suite.test('website/service/networking/run-my-nginx.yaml', 'Deployment my-nginx is 2/2 with 2 running pods', (t, cluster) => {
  applyClean(t, cluster, 'website/service/networking/run-my-nginx.yaml');
  settle(cluster);
  t.deepEqual(deploymentColumns(cluster, 'my-nginx'), { Ready: '2/2', 'Up-to-date': 2, Available: 2 });
  t.deepEqual(podLines(cluster), ['1/1 Running 0', '1/1 Running 0']);
});
suite.test('website/service/networking/nginx-svc.yaml', 'after run-my-nginx.yaml, ClusterIP Service my-nginx has the 2 my-nginx pods as endpoints on port 80', (t, cluster) => {
  applyClean(t, cluster, 'website/service/networking/run-my-nginx.yaml');
  applyClean(t, cluster, 'website/service/networking/nginx-svc.yaml');
  settle(cluster);
  t.like(rowOf(cluster, 'services', 'default', 'my-nginx'), { Type: 'ClusterIP', 'External-IP': '<none>', 'Port(s)': '80/TCP' });
  const ips = podsOfDeployment(cluster, 'my-nginx').map((pod) => String(field(pod, 'status.podIP')));
  t.deepEqual(String(rowOf(cluster, 'endpoints', 'default', 'my-nginx')['Endpoints']).split(',').sort(), ips.map((ip) => `${ip}:80`).sort());
  t.is(readySliceEndpoints(cluster, 'my-nginx').length, 2);
});
suite.test('website/service/networking/minimal-ingress.yaml', 'Ingress minimal-ingress of class nginx-example keeps an empty ADDRESS: no controller serves that class', (t, cluster) => {
  applyClean(t, cluster, 'website/service/networking/minimal-ingress.yaml');
  settle(cluster);
  t.like(rowOf(cluster, 'ingresses', 'default', 'minimal-ingress'), { Class: 'nginx-example', Hosts: '*', Address: '' });
});
suite.test('website/service/networking/dual-stack-ipfamilies-ipv6.yaml', 'an IPv6 Service is refused on this IPv4 single-stack cluster and nothing is created', (t, cluster) => {
  const errors = applyErrors(applyFile(cluster, 'website/service/networking/dual-stack-ipfamilies-ipv6.yaml'));
  t.is(errors.length, 1);
  t.regex(errors[0] ?? '', /spec\.ipFamilies\[0\]: Invalid value: "IPv6": not configured on this cluster/);
  t.is(get(cluster, 'services', 'default', 'my-service'), undefined);
});
suite.test('website/service/networking/network-policy-default-deny-ingress.yaml', 'NetworkPolicy default-deny-ingress is created and changes no workload', (t, cluster) => {
  applyClean(t, cluster, 'website/service/networking/network-policy-default-deny-ingress.yaml');
  settle(cluster);
  t.truthy(get(cluster, 'networkpolicies', 'default', 'default-deny-ingress'));
  t.deepEqual(podLines(cluster), []);
});

suite.checkCoverage(['website/controllers/', 'website/application/', 'website/deployments/', 'website/service/']);
