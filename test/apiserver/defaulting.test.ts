import test from 'ava';
import type { KubeObject } from '../../src/api/types.js';
import {
  applyDefaults,
  checkPodPriority,
  defaultCronJob,
  defaultDaemonSet,
  defaultDeployment,
  defaultHorizontalPodAutoscaler,
  defaultJob,
  defaultNamespace,
  defaultPod,
  defaultReplicationController,
  defaultService,
  defaultStatefulSet,
  generateJobSelector,
  mountServiceAccountToken,
  SYSTEM_PRIORITY_CLASSES,
  taintNodesByCondition,
} from '../../src/apiserver/defaulting/index.js';
import { canonicalQuantityField, defaultResourceList } from '../../src/apiserver/defaulting/resource-list.js';

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null) {
    for (const member of Object.values(value)) deepFreeze(member);
    Object.freeze(value);
  }
  return value;
}

const DEFAULT_TOLERATIONS = [
  { key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 },
  { key: 'node.kubernetes.io/unreachable', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 },
];

const CONTAINER_DEFAULTS = {
  imagePullPolicy: 'IfNotPresent',
  terminationMessagePath: '/dev/termination-log',
  terminationMessagePolicy: 'File',
  resources: {},
};

const TEMPLATE_SPEC_DEFAULTS = {
  dnsPolicy: 'ClusterFirst',
  restartPolicy: 'Always',
  schedulerName: 'default-scheduler',
  securityContext: {},
  terminationGracePeriodSeconds: 30,
};

function pod(spec: Record<string, unknown>, metadata: Record<string, unknown> = {}): KubeObject {
  return { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'web', namespace: 'default', ...metadata }, spec };
}

const nginx = { name: 'nginx', image: 'nginx:1.14.2', ports: [{ containerPort: 80 }] };

test('a pod gets the spec defaults, the admission defaults and a Pending status', (t) => {
  t.deepEqual(applyDefaults('Pod', '', pod({ containers: [nginx] })), {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: 'web', namespace: 'default' },
    spec: {
      containers: [{ ...nginx, ports: [{ containerPort: 80, protocol: 'TCP' }], ...CONTAINER_DEFAULTS }],
      ...TEMPLATE_SPEC_DEFAULTS,
      enableServiceLinks: true,
      serviceAccountName: 'default',
      serviceAccount: 'default',
      priority: 0,
      preemptionPolicy: 'PreemptLowerPriority',
      tolerations: DEFAULT_TOLERATIONS,
    },
    status: { phase: 'Pending', qosClass: 'BestEffort' },
  });
});

test('a deep-frozen input is not modified and a new object comes back', (t) => {
  const input = deepFreeze(pod({ containers: [nginx], volumes: [{ name: 'config', configMap: { name: 'c' } }] }));
  const snapshot = JSON.stringify(input);
  const output = applyDefaults('Pod', '', input);
  t.not(output, input);
  t.is(JSON.stringify(input), snapshot);
  t.false(Object.isFrozen(output));
  t.deepEqual((output.spec as { volumes: unknown[] }).volumes, [{ name: 'config', configMap: { name: 'c', defaultMode: 420 } }]);
});

test('defaulting a defaulted pod again changes nothing', (t) => {
  const once = applyDefaults('Pod', '', pod({ containers: [nginx], schedulingGates: [{ name: 'wait' }] }));
  t.deepEqual(applyDefaults('Pod', '', once), once);
});

test('a pod container with limits only requests its limits and the pod is Guaranteed', (t) => {
  const container = { name: 'app', image: 'app:v1', resources: { limits: { cpu: '0.5', memory: '1.5Gi' } } };
  const out = defaultPod(pod({ containers: [container] }));
  const spec = out.spec as { containers: { resources: unknown }[] };
  t.deepEqual(spec.containers[0]?.resources, { limits: { cpu: '500m', memory: '1536Mi' }, requests: { cpu: '500m', memory: '1536Mi' } });
  t.is((out.status as { qosClass: string }).qosClass, 'Guaranteed');
});

test('a pod template does not request its limits nor get enableServiceLinks', (t) => {
  const container = { name: 'app', image: 'app:v1', resources: { limits: { cpu: '1' } } };
  const out = defaultReplicaSetLike([container]);
  const template = (out.spec as { template: { spec: Record<string, unknown> & { containers: { resources: unknown }[] } } }).template;
  t.deepEqual(template.spec.containers[0]?.resources, { limits: { cpu: '1' } });
  t.false('enableServiceLinks' in template.spec);
});

function defaultReplicaSetLike(containers: unknown[]): KubeObject {
  return applyDefaults('ReplicaSet', 'apps', {
    apiVersion: 'apps/v1',
    kind: 'ReplicaSet',
    metadata: { name: 'rs' },
    spec: { selector: { matchLabels: { app: 'a' } }, template: { metadata: { labels: { app: 'a' } }, spec: { containers } } },
  });
}

test('probes, env field references and volumes get their defaults', (t) => {
  const container = {
    name: 'app',
    image: 'app:v1',
    env: [{ name: 'NODE', valueFrom: { fieldRef: { fieldPath: 'spec.nodeName' } } }],
    livenessProbe: { httpGet: { port: 8080 } },
    readinessProbe: { grpc: { port: 9000 }, periodSeconds: 5 },
  };
  const volumes = [
    { name: 'scratch' },
    { name: 'host', hostPath: { path: '/var/log' } },
    { name: 'secret', secret: { secretName: 's' } },
    { name: 'claim', persistentVolumeClaim: { claimName: 'data' } },
    { name: 'projected', projected: { sources: [{ serviceAccountToken: { path: 'token' } }] } },
  ];
  const spec = defaultPod(pod({ containers: [container], volumes })).spec as { containers: Record<string, unknown>[]; volumes: unknown[] };
  const out = spec.containers[0]!;
  t.deepEqual(out.env, [{ name: 'NODE', valueFrom: { fieldRef: { fieldPath: 'spec.nodeName', apiVersion: 'v1' } } }]);
  t.deepEqual(out.livenessProbe, {
    httpGet: { port: 8080, path: '/', scheme: 'HTTP' },
    timeoutSeconds: 1,
    periodSeconds: 10,
    successThreshold: 1,
    failureThreshold: 3,
  });
  t.deepEqual(out.readinessProbe, { grpc: { port: 9000, service: '' }, periodSeconds: 5, timeoutSeconds: 1, successThreshold: 1, failureThreshold: 3 });
  t.deepEqual(spec.volumes, [
    { name: 'scratch', emptyDir: {} },
    { name: 'host', hostPath: { path: '/var/log', type: '' } },
    { name: 'secret', secret: { secretName: 's', defaultMode: 420 } },
    { name: 'claim', persistentVolumeClaim: { claimName: 'data' } },
    { name: 'projected', projected: { sources: [{ serviceAccountToken: { path: 'token', expirationSeconds: 3600 } }], defaultMode: 420 } },
  ]);
});

test('a pod that already tolerates a NoExecute taint gets only the other default toleration', (t) => {
  const tolerations = [{ key: 'node.kubernetes.io/unreachable', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 60 }];
  const spec = defaultPod(pod({ containers: [nginx], tolerations })).spec as { tolerations: unknown[] };
  t.deepEqual(spec.tolerations, [...tolerations, DEFAULT_TOLERATIONS[0]]);
});

test('a pod tolerating every taint gets no default tolerations', (t) => {
  const spec = defaultPod(pod({ containers: [nginx], tolerations: [{ operator: 'Exists' }] })).spec as { tolerations: unknown[] };
  t.deepEqual(spec.tolerations, [{ operator: 'Exists' }]);
});

test('a pod naming a system priority class gets its priority from the stored class', (t) => {
  const named = pod({ containers: [nginx], priorityClassName: 'system-node-critical' });
  t.is(checkPodPriority(named), 'no PriorityClass with name system-node-critical was found');
  const spec = defaultPod(named, { priorityClasses: SYSTEM_PRIORITY_CLASSES }).spec as Record<string, unknown>;
  t.is(spec.priority, 2000001000);
  t.is(spec.preemptionPolicy, 'PreemptLowerPriority');
});

test('a pod naming an unknown priority class is refused with the admission message', (t) => {
  const unknown = pod({ containers: [nginx], priorityClassName: 'gold' });
  t.is(checkPodPriority(unknown), 'no PriorityClass with name gold was found');
  t.false('priority' in (defaultPod(unknown).spec as Record<string, unknown>));
});

test('a pod with scheduling gates starts with a SchedulingGated condition', (t) => {
  const status = defaultPod(pod({ containers: [nginx], schedulingGates: [{ name: 'example.com/wait' }] }), { now: Date.UTC(2025, 0, 1) }).status;
  t.deepEqual(status, {
    phase: 'Pending',
    qosClass: 'BestEffort',
    conditions: [
      {
        type: 'PodScheduled',
        status: 'False',
        lastProbeTime: null,
        lastTransitionTime: '2025-01-01T00:00:00Z',
        reason: 'SchedulingGated',
        message: 'Scheduling is blocked due to non-empty scheduling gates',
      },
    ],
  });
});

test('a deployment and its template get the apps/v1 defaults', (t) => {
  const input: KubeObject = {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'web' },
    spec: { selector: { matchLabels: { app: 'web' } }, template: { metadata: { labels: { app: 'web' } }, spec: { containers: [nginx] } } },
  };
  t.deepEqual(defaultDeployment(input), {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'web' },
    spec: {
      replicas: 1,
      selector: { matchLabels: { app: 'web' } },
      strategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: '25%', maxSurge: '25%' } },
      revisionHistoryLimit: 10,
      progressDeadlineSeconds: 600,
      template: {
        metadata: { labels: { app: 'web' } },
        spec: { containers: [{ ...nginx, ports: [{ containerPort: 80, protocol: 'TCP' }], ...CONTAINER_DEFAULTS }], ...TEMPLATE_SPEC_DEFAULTS },
      },
    },
  });
});

test('a Recreate deployment gets no rolling update parameters', (t) => {
  const out = defaultDeployment({ apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web' }, spec: { strategy: { type: 'Recreate' } } });
  t.deepEqual((out.spec as Record<string, unknown>).strategy, { type: 'Recreate' });
});

test('a replication controller without selector takes its template labels (guestbook frontend)', (t) => {
  const out = defaultReplicationController({
    apiVersion: 'v1',
    kind: 'ReplicationController',
    metadata: { name: 'frontend' },
    spec: {
      replicas: 3,
      template: {
        metadata: { labels: { app: 'guestbook', tier: 'frontend' } },
        spec: { containers: [{ name: 'php-redis', image: 'gcr.io/google_samples/gb-frontend:v4', resources: { requests: { cpu: '100m', memory: '100Mi' } } }] },
      },
    },
  });
  const spec = out.spec as { replicas: number; selector: unknown; template: { spec: { containers: Record<string, unknown>[] } } };
  t.deepEqual(out.metadata.labels, { app: 'guestbook', tier: 'frontend' });
  t.deepEqual(spec.selector, { app: 'guestbook', tier: 'frontend' });
  t.is(spec.replicas, 3);
  t.is(spec.template.spec.containers[0]?.imagePullPolicy, 'IfNotPresent');
});

test('a daemon set rolls one pod at a time with no surge', (t) => {
  const spec = defaultDaemonSet({ apiVersion: 'apps/v1', kind: 'DaemonSet', metadata: { name: 'd' }, spec: {} }).spec as Record<string, unknown>;
  t.deepEqual(spec.updateStrategy, { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 1, maxSurge: 0 } });
  t.is(spec.revisionHistoryLimit, 10);
});

test('a stateful set gets its defaults and full volume claim templates', (t) => {
  const spec = defaultStatefulSet({
    apiVersion: 'apps/v1',
    kind: 'StatefulSet',
    metadata: { name: 'db' },
    spec: { serviceName: 'db', volumeClaimTemplates: [{ metadata: { name: 'data' }, spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1024Mi' } } } }] },
  }).spec as Record<string, unknown>;
  t.is(spec.replicas, 1);
  t.is(spec.podManagementPolicy, 'OrderedReady');
  t.deepEqual(spec.updateStrategy, { type: 'RollingUpdate', rollingUpdate: { partition: 0 } });
  t.deepEqual(spec.persistentVolumeClaimRetentionPolicy, { whenDeleted: 'Retain', whenScaled: 'Retain' });
  t.deepEqual(spec.volumeClaimTemplates, [
    {
      apiVersion: 'v1',
      kind: 'PersistentVolumeClaim',
      metadata: { name: 'data' },
      spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } }, volumeMode: 'Filesystem' },
      status: { phase: 'Pending' },
    },
  ]);
});

const jobInput: KubeObject = {
  apiVersion: 'batch/v1',
  kind: 'Job',
  metadata: { name: 'pi' },
  spec: { template: { spec: { containers: [{ name: 'pi', image: 'perl:5.34.0' }], restartPolicy: 'Never' } } },
};

test('a job gets the batch/v1 defaults and keeps its restart policy', (t) => {
  t.deepEqual(defaultJob(jobInput).spec, {
    completions: 1,
    parallelism: 1,
    backoffLimit: 6,
    completionMode: 'NonIndexed',
    suspend: false,
    podReplacementPolicy: 'TerminatingOrFailed',
    manualSelector: false,
    template: { spec: { containers: [{ name: 'pi', image: 'perl:5.34.0', ...CONTAINER_DEFAULTS }], ...TEMPLATE_SPEC_DEFAULTS, restartPolicy: 'Never' } },
  });
});

test('a job template without a restart policy is left for validation to reject', (t) => {
  const out = defaultJob({ ...jobInput, spec: { template: { spec: { containers: [{ name: 'pi', image: 'perl' }] } } } });
  t.false('restartPolicy' in (out.spec as { template: { spec: object } }).template.spec);
});

test('a job with parallelism only keeps completions unset', (t) => {
  const spec = defaultJob({ ...jobInput, spec: { ...(jobInput.spec as object), parallelism: 3 } }).spec as Record<string, unknown>;
  t.is(spec.parallelism, 3);
  t.false('completions' in spec);
});

test('a new job gets the generated selector and labels', (t) => {
  const job = generateJobSelector(defaultJob(jobInput), 'uid-1');
  const generated = { 'batch.kubernetes.io/controller-uid': 'uid-1', 'batch.kubernetes.io/job-name': 'pi', 'controller-uid': 'uid-1', 'job-name': 'pi' };
  const spec = job.spec as { selector: unknown; template: { metadata: { labels: unknown } } };
  t.deepEqual(spec.selector, { matchLabels: { 'batch.kubernetes.io/controller-uid': 'uid-1' } });
  t.deepEqual(spec.template.metadata.labels, generated);
  t.deepEqual(job.metadata.labels, generated);
});

test('a job with a manual selector gets no generated selector', (t) => {
  const manual = { ...jobInput, spec: { ...(jobInput.spec as object), manualSelector: true, selector: { matchLabels: { a: 'b' } } } };
  t.deepEqual(generateJobSelector(manual, 'uid-1'), manual);
});

test('a cron job gets its defaults and only pod template defaults in its job template', (t) => {
  const out = defaultCronJob({
    apiVersion: 'batch/v1',
    kind: 'CronJob',
    metadata: { name: 'hello' },
    spec: { schedule: '* * * * *', jobTemplate: { spec: { template: { spec: { containers: [{ name: 'c', image: 'busybox' }], restartPolicy: 'OnFailure' } } } } },
  });
  t.deepEqual(out.spec, {
    schedule: '* * * * *',
    concurrencyPolicy: 'Allow',
    suspend: false,
    successfulJobsHistoryLimit: 3,
    failedJobsHistoryLimit: 1,
    jobTemplate: {
      spec: {
        template: {
          spec: { containers: [{ name: 'c', image: 'busybox', ...CONTAINER_DEFAULTS, imagePullPolicy: 'Always' }], ...TEMPLATE_SPEC_DEFAULTS, restartPolicy: 'OnFailure' },
        },
      },
    },
  });
});

function service(spec: Record<string, unknown>): KubeObject {
  return { apiVersion: 'v1', kind: 'Service', metadata: { name: 'web' }, spec };
}

test('a service port without targetPort targets its port', (t) => {
  t.deepEqual(defaultService(service({ selector: { app: 'web' }, ports: [{ port: 80 }] })).spec, {
    selector: { app: 'web' },
    ports: [{ port: 80, protocol: 'TCP', targetPort: 80 }],
    type: 'ClusterIP',
    sessionAffinity: 'None',
    internalTrafficPolicy: 'Cluster',
    ipFamilyPolicy: 'SingleStack',
    ipFamilies: ['IPv4'],
  });
});

test('a service port with a named targetPort keeps it', (t) => {
  const spec = defaultService(service({ ports: [{ port: 80, targetPort: 'http', protocol: 'UDP' }] })).spec as { ports: unknown[] };
  t.deepEqual(spec.ports, [{ port: 80, targetPort: 'http', protocol: 'UDP' }]);
});

test('a load balancer service is externally accessible and allocates node ports', (t) => {
  const spec = defaultService(service({ type: 'LoadBalancer', ports: [{ port: 443 }] })).spec as Record<string, unknown>;
  t.is(spec.externalTrafficPolicy, 'Cluster');
  t.is(spec.allocateLoadBalancerNodePorts, true);
  t.is(spec.internalTrafficPolicy, 'Cluster');
});

test('an ExternalName service gets no traffic policy or IP families', (t) => {
  t.deepEqual(defaultService(service({ type: 'ExternalName', externalName: 'example.com' })).spec, {
    type: 'ExternalName',
    externalName: 'example.com',
    sessionAffinity: 'None',
  });
});

test('a headless service is SingleStack IPv4 with clusterIPs None', (t) => {
  const spec = defaultService(service({ clusterIP: 'None', ports: [{ port: 5432 }] })).spec as Record<string, unknown>;
  t.deepEqual(spec.clusterIPs, ['None']);
  t.is(spec.ipFamilyPolicy, 'SingleStack');
  t.deepEqual(spec.ipFamilies, ['IPv4']);
});

test('a new namespace is Active, labelled with its name and finalized by kubernetes', (t) => {
  const out = defaultNamespace({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'team-a' } }, { operation: 'CREATE' });
  t.deepEqual(out, {
    apiVersion: 'v1',
    kind: 'Namespace',
    metadata: { name: 'team-a', labels: { 'kubernetes.io/metadata.name': 'team-a' } },
    spec: { finalizers: ['kubernetes'] },
    status: { phase: 'Active' },
  });
});

test('updating a namespace does not bring back a removed finalizer', (t) => {
  const out = applyDefaults('Namespace', '', { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'a' }, spec: {}, status: { phase: 'Terminating' } });
  t.deepEqual(out.spec, {});
  t.deepEqual(out.status, { phase: 'Terminating' });
});

test('a secret is Opaque and endpoint ports are TCP by default', (t) => {
  t.is(applyDefaults('Secret', '', { apiVersion: 'v1', kind: 'Secret', metadata: { name: 's' } }).type, 'Opaque');
  const endpoints = applyDefaults('Endpoints', '', { apiVersion: 'v1', kind: 'Endpoints', metadata: { name: 'e' }, subsets: [{ ports: [{ port: 80 }] }] });
  t.deepEqual(endpoints.subsets, [{ ports: [{ port: 80, protocol: 'TCP' }] }]);
  const slice = applyDefaults('EndpointSlice', 'discovery.k8s.io', { apiVersion: 'discovery.k8s.io/v1', kind: 'EndpointSlice', metadata: { name: 'e' }, ports: [{ port: 80 }] });
  t.deepEqual(slice.ports, [{ port: 80, name: '', protocol: 'TCP' }]);
});

test('an HPA without metrics targets 80% CPU and a given behavior is completed', (t) => {
  const out = defaultHorizontalPodAutoscaler({
    apiVersion: 'autoscaling/v2',
    kind: 'HorizontalPodAutoscaler',
    metadata: { name: 'web' },
    spec: { scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'web' }, maxReplicas: 5, behavior: { scaleDown: { stabilizationWindowSeconds: 60 } } },
  });
  const spec = out.spec as Record<string, unknown>;
  t.is(spec.minReplicas, 1);
  t.deepEqual(spec.metrics, [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 80 } } }]);
  t.deepEqual(spec.behavior, {
    scaleUp: {
      stabilizationWindowSeconds: 0,
      selectPolicy: 'Max',
      policies: [
        { type: 'Pods', value: 4, periodSeconds: 15 },
        { type: 'Percent', value: 100, periodSeconds: 15 },
      ],
    },
    scaleDown: { selectPolicy: 'Max', policies: [{ type: 'Percent', value: 100, periodSeconds: 15 }], stabilizationWindowSeconds: 60 },
  });
});

test('kinds without defaults come back unchanged', (t) => {
  const lease: KubeObject = { apiVersion: 'coordination.k8s.io/v1', kind: 'Lease', metadata: { name: 'node-1' } };
  t.is(applyDefaults('Lease', 'coordination.k8s.io', lease), lease);
  const pdb: KubeObject = { apiVersion: 'policy/v1', kind: 'PodDisruptionBudget', metadata: { name: 'p' }, spec: {} };
  t.is(applyDefaults('PodDisruptionBudget', 'policy', pdb), pdb);
});

test('a new pod mounts its service account token in every container', (t) => {
  const out = mountServiceAccountToken(defaultPod(pod({ containers: [nginx] })), 'x7k2p');
  const spec = out.spec as { containers: { volumeMounts: unknown[] }[]; volumes: { name: string }[] };
  t.deepEqual(spec.containers[0]?.volumeMounts, [{ name: 'kube-api-access-x7k2p', readOnly: true, mountPath: '/var/run/secrets/kubernetes.io/serviceaccount' }]);
  t.is(spec.volumes[0]?.name, 'kube-api-access-x7k2p');
});

test('a new node is tainted not-ready NoSchedule once', (t) => {
  const node = taintNodesByCondition(taintNodesByCondition({ apiVersion: 'v1', kind: 'Node', metadata: { name: 'n' } }));
  t.deepEqual((node.spec as { taints: unknown[] }).taints, [{ key: 'node.kubernetes.io/not-ready', effect: 'NoSchedule' }]);
});

test('quantities are written back in canonical form', (t) => {
  const cases: [string | number, string][] = [
    ['0.5', '500m'],
    [0.5, '500m'],
    ['1.5', '1500m'],
    ['1000m', '1'],
    [2, '2'],
    ['2000', '2k'],
    ['1500', '1500'],
    ['1Gi', '1Gi'],
    ['1024Mi', '1Gi'],
    ['1.5Gi', '1536Mi'],
    ['0.5Gi', '512Mi'],
    ['512', '512'],
    ['1e3', '1e3'],
    ['1.5e3', '1500'],
    ['128974848', '128974848'],
    ['129e6', '129e6'],
    ['123Mi', '123Mi'],
    ['100M', '100M'],
    ['0', '0'],
    ['-1', '-1'],
    ['1n', '1n'],
  ];
  for (const [input, canonical] of cases) t.is(canonicalQuantityField(input), canonical, String(input));
  t.is(canonicalQuantityField('1.5x'), '1.5x');
});

test('resource lists are rounded up to milli-units and written canonically', (t) => {
  const list: Record<string, unknown> = { cpu: '1500u', memory: 1.5e9, storage: '1.5Gi', bad: '1.5x', pods: '+10' };
  defaultResourceList(list);
  t.deepEqual(list, { cpu: '2m', memory: '1500M', storage: '1536Mi', bad: '1.5x', pods: '+10' });
});
