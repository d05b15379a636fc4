import test from 'ava';
import type { KubeObject } from '../../src/api/types.js';
import { formatTable, printTable, type Cell } from '../../src/printers/index.js';
import { formatLabelSelector } from '../../src/printers/labels.js';
import { formatNodeRoles, nodeStatus } from '../../src/printers/node.js';
import { formatEndpoints, serviceClusterIP, serviceExternalIP, servicePorts } from '../../src/printers/service.js';

const now = Date.parse('2025-01-01T12:00:00Z');
const ago = (ms: number): string => new Date(now - ms).toISOString();
const minute = 60_000;

function object(apiVersion: string, kind: string, name: string, fields: Record<string, unknown>, labels?: Record<string, string>): KubeObject {
  return {
    apiVersion,
    kind,
    metadata: { name, namespace: 'default', creationTimestamp: ago(5 * minute), ...(labels === undefined ? {} : { labels }) },
    ...fields,
  };
}

/** The cells of one object's row in the server table. */
function cells(kind: string, obj: KubeObject, wide = true): Cell[] {
  return printTable(kind, [obj], { now, wide }).rows[0]?.cells ?? [];
}

const node = (conditions: unknown[], unschedulable?: boolean, labels: Record<string, string> = {}) =>
  object('v1', 'Node', 'n', { spec: unschedulable === undefined ? {} : { unschedulable }, status: { conditions } }, labels);

test('node STATUS comes from the Ready condition', (t) => {
  t.is(nodeStatus(node([{ type: 'MemoryPressure', status: 'False' }, { type: 'Ready', status: 'True' }])), 'Ready');
  t.is(nodeStatus(node([{ type: 'Ready', status: 'False' }])), 'NotReady');
  t.is(nodeStatus(node([{ type: 'Ready', status: 'Unknown' }])), 'NotReady');
  t.is(nodeStatus(node([])), 'Unknown');
});

test('a cordoned node adds SchedulingDisabled', (t) => {
  t.is(nodeStatus(node([{ type: 'Ready', status: 'True' }], true)), 'Ready,SchedulingDisabled');
  t.is(nodeStatus(node([{ type: 'Ready', status: 'Unknown' }], true)), 'NotReady,SchedulingDisabled');
});

test('node ROLES come from node-role labels and kubernetes.io/role, sorted', (t) => {
  t.is(formatNodeRoles(node([], undefined, { 'node-role.kubernetes.io/control-plane': '' })), 'control-plane');
  t.is(formatNodeRoles(node([], undefined, { 'node-role.kubernetes.io/worker': '', 'kubernetes.io/role': 'infra', 'node-role.kubernetes.io/control-plane': 'true' })), 'control-plane,infra,worker');
  t.is(formatNodeRoles(node([], undefined, { 'node-role.kubernetes.io/': '', 'kubernetes.io/role': '', 'kubernetes.io/hostname': 'n' })), '<none>');
});

const service = (spec: Record<string, unknown>, status: Record<string, unknown> = {}) => object('v1', 'Service', 'web', { spec, status });

test('service PORT(S) show port, node port and protocol', (t) => {
  t.is(servicePorts(service({ ports: [{ port: 80, protocol: 'TCP' }] })), '80/TCP');
  t.is(servicePorts(service({ type: 'NodePort', ports: [{ port: 80, nodePort: 30080, protocol: 'TCP' }, { port: 53, nodePort: 30053, protocol: 'UDP' }] })), '80:30080/TCP,53:30053/UDP');
  t.is(servicePorts(service({ ports: [] })), '<none>');
});

test('service CLUSTER-IP is the first cluster IP, None when headless', (t) => {
  t.is(serviceClusterIP(service({ clusterIP: '10.96.0.10', clusterIPs: ['10.96.0.10', 'fd00::a'] })), '10.96.0.10');
  t.is(serviceClusterIP(service({ clusterIP: 'None', clusterIPs: ['None'] })), 'None');
  t.is(serviceClusterIP(service({ type: 'ExternalName', externalName: 'db.example.com' })), '<none>');
});

test('service EXTERNAL-IP depends on the type', (t) => {
  t.is(serviceExternalIP(service({ type: 'ClusterIP' })), '<none>');
  t.is(serviceExternalIP(service({ type: 'NodePort', externalIPs: ['198.51.100.7', '198.51.100.8'] })), '198.51.100.7,198.51.100.8');
  t.is(serviceExternalIP(service({ type: 'LoadBalancer' })), '<pending>');
  t.is(serviceExternalIP(service({ type: 'LoadBalancer' }, { loadBalancer: { ingress: [{ ip: '203.0.113.9' }, { hostname: 'lb.example.com' }] } })), '203.0.113.9,lb.example.com');
  t.is(serviceExternalIP(service({ type: 'LoadBalancer', externalIPs: ['198.51.100.7'] }, { loadBalancer: { ingress: [{ ip: '203.0.113.9' }] } })), '203.0.113.9,198.51.100.7');
  t.is(serviceExternalIP(service({ type: 'ExternalName', externalName: 'db.example.com' })), 'db.example.com');
});

test('load-balancer addresses are clipped to 16 characters only without wide', (t) => {
  const lb = service({ type: 'LoadBalancer' }, { loadBalancer: { ingress: [{ ip: '203.0.113.10' }, { ip: '203.0.113.11' }] } });
  t.is(serviceExternalIP(lb, false), '203.0.113.10,...');
  t.is(serviceExternalIP(lb, true), '203.0.113.10,203.0.113.11');
});

test('kubectl get svc prints TYPE CLUSTER-IP EXTERNAL-IP PORT(S)', (t) => {
  const kubernetes = object('v1', 'Service', 'kubernetes', { spec: { type: 'ClusterIP', clusterIP: '10.96.0.1', clusterIPs: ['10.96.0.1'], ports: [{ name: 'https', port: 443, protocol: 'TCP', targetPort: 6443 }] } });
  const web = object('v1', 'Service', 'web', { spec: { type: 'NodePort', clusterIPs: ['10.96.12.34'], selector: { app: 'web' }, ports: [{ port: 80, nodePort: 30080, protocol: 'TCP' }] } });
  t.is(
    formatTable(printTable('Service', [kubernetes, web], { now }), { wide: true }),
    'NAME         TYPE        CLUSTER-IP    EXTERNAL-IP   PORT(S)        AGE   SELECTOR\n' +
      'kubernetes   ClusterIP   10.96.0.1     <none>        443/TCP        5m    <none>\n' +
      'web          NodePort    10.96.12.34   <none>        80:30080/TCP   5m    app=web\n',
  );
});

const deployment = (replicas: number | undefined, status: Record<string, unknown>) =>
  object('apps/v1', 'Deployment', 'x', {
    spec: {
      ...(replicas === undefined ? {} : { replicas }),
      selector: { matchLabels: { app: 'x' } },
      template: { spec: { containers: [{ name: 'c', image: 'nginx:1.26' }, { name: 'sidecar', image: 'busybox' }] } },
    },
    status,
  });

test('deployment READY is ready replicas over desired replicas', (t) => {
  t.deepEqual(cells('Deployment', deployment(3, { replicas: 3, readyReplicas: 2, updatedReplicas: 3, availableReplicas: 2 })).slice(1, 4), ['2/3', 3, 2]);
  t.deepEqual(cells('Deployment', deployment(3, {})).slice(1, 4), ['0/3', 0, 0]);
  t.is(cells('Deployment', deployment(undefined, {}))[1], '0/1');
});

test('kubectl get deploy -o wide', (t) => {
  const table = printTable('Deployment', [deployment(3, { replicas: 3, readyReplicas: 3, updatedReplicas: 3, availableReplicas: 3 })], { now });
  t.is(
    formatTable(table, { wide: true }),
    'NAME   READY   UP-TO-DATE   AVAILABLE   AGE   CONTAINERS   IMAGES               SELECTOR\n' +
      'x      3/3     3            3           5m    c,sidecar    nginx:1.26,busybox   app=x\n',
  );
});

test('replica sets, daemon sets and stateful sets print their counts', (t) => {
  const template = { spec: { containers: [{ name: 'c', image: 'nginx' }], nodeSelector: { 'kubernetes.io/os': 'linux' } } };
  const rs = object('apps/v1', 'ReplicaSet', 'x-5d4f8', { spec: { replicas: 3, selector: { matchLabels: { app: 'x', 'pod-template-hash': '5d4f8' } }, template }, status: { replicas: 3, readyReplicas: 1 } });
  t.deepEqual(cells('ReplicaSet', rs), ['x-5d4f8', 3, 3, 1, '5m', 'c', 'nginx', 'app=x,pod-template-hash=5d4f8']);
  const ds = object('apps/v1', 'DaemonSet', 'kube-proxy', {
    spec: { selector: { matchLabels: { k8s: 'proxy' } }, template },
    status: { desiredNumberScheduled: 2, currentNumberScheduled: 2, numberReady: 1, updatedNumberScheduled: 2, numberAvailable: 1 },
  });
  t.deepEqual(cells('DaemonSet', ds), ['kube-proxy', 2, 2, 1, 2, 1, 'kubernetes.io/os=linux', '5m', 'c', 'nginx', 'k8s=proxy']);
  const sts = object('apps/v1', 'StatefulSet', 'db', { spec: { replicas: 3, template }, status: { readyReplicas: 2 } });
  t.deepEqual(cells('StatefulSet', sts, false), ['db', '2/3', '5m']);
});

test('label selectors print in set syntax, sorted by key', (t) => {
  t.is(formatLabelSelector({ matchLabels: { tier: 'fe', app: 'web' }, matchExpressions: [{ key: 'env', operator: 'In', values: ['prod', 'dev'] }, { key: 'legacy', operator: 'DoesNotExist' }] }), 'app=web,env in (dev,prod),!legacy,tier=fe');
  t.is(formatLabelSelector({}), '<none>');
  t.is(formatLabelSelector({ matchExpressions: [{ key: 'a', operator: 'Bogus' }] }), '<error>');
});

test('endpoints list at most three addresses then how many more', (t) => {
  const endpoints = (subsets: unknown[]) => object('v1', 'Endpoints', 'web', { subsets });
  const ports = [{ port: 80, protocol: 'TCP' }];
  t.is(
    formatEndpoints(endpoints([{ addresses: [{ ip: '10.244.1.2' }, { ip: '10.244.2.3' }], ports }, { addresses: [{ ip: '10.244.3.4' }, { ip: '10.244.3.5' }], ports }])),
    '10.244.1.2:80,10.244.2.3:80,10.244.3.4:80 + 1 more...',
  );
  t.is(formatEndpoints(endpoints([{ addresses: [{ ip: '192.168.0.11' }], ports: [{ port: 6443 }] }])), '192.168.0.11:6443');
  t.is(formatEndpoints(endpoints([{ addresses: [{ ip: '10.244.1.2' }] }])), '10.244.1.2');
  t.is(formatEndpoints(endpoints([])), '<none>');
});

test('endpoint slices show address type, ports and addresses', (t) => {
  const slice = object('discovery.k8s.io/v1', 'EndpointSlice', 'web-abc12', {
    addressType: 'IPv4',
    ports: [{ name: 'http', port: 80, protocol: 'TCP' }],
    endpoints: [{ addresses: ['10.244.1.2'] }, { addresses: ['10.244.2.3'] }],
  });
  t.deepEqual(cells('EndpointSlice', slice), ['web-abc12', 'IPv4', '80', '10.244.1.2,10.244.2.3', '5m']);
  t.deepEqual(cells('EndpointSlice', object('discovery.k8s.io/v1', 'EndpointSlice', 'empty', { addressType: 'IPv4', ports: null, endpoints: [] })).slice(2, 4), ['<unset>', '<unset>']);
});

const job = (spec: Record<string, unknown>, status: Record<string, unknown>, metadata: Record<string, unknown> = {}) => {
  const j = object('batch/v1', 'Job', 'pi', { spec: { template: { spec: { containers: [{ name: 'pi', image: 'perl' }] } }, ...spec }, status });
  return { ...j, metadata: { ...j.metadata, ...metadata } };
};

test('job STATUS, COMPLETIONS and DURATION', (t) => {
  const complete = job({ completions: 1 }, { succeeded: 1, startTime: ago(5 * minute), completionTime: ago(5 * minute - 42_000), conditions: [{ type: 'SuccessCriteriaMet', status: 'True' }, { type: 'Complete', status: 'True' }] });
  t.deepEqual(cells('Job', complete, false), ['pi', 'Complete', '1/1', '42s', '5m']);
  const running = job({ parallelism: 3 }, { active: 3, startTime: ago(3 * minute) });
  t.deepEqual(cells('Job', running, false), ['pi', 'Running', '0/1 of 3', '3m', '5m']);
  t.deepEqual(cells('Job', job({ completions: 2 }, { failed: 1, conditions: [{ type: 'Failed', status: 'True' }] }), false).slice(1, 4), ['Failed', '0/2', '']);
  t.is(cells('Job', job({}, { conditions: [{ type: 'Suspended', status: 'True' }] }))[1], 'Suspended');
  t.is(cells('Job', job({}, {}, { deletionTimestamp: ago(0) }))[1], 'Terminating');
});

test('cron jobs show schedule, time zone, suspend, active and last schedule', (t) => {
  const cronJob = object('batch/v1', 'CronJob', 'hello', {
    spec: { schedule: '*/1 * * * *', suspend: false, jobTemplate: { spec: { template: { spec: { containers: [{ name: 'hello', image: 'busybox' }] } } } } },
    status: { active: [{ name: 'hello-1' }], lastScheduleTime: ago(40_000) },
  });
  t.deepEqual(cells('CronJob', cronJob, false), ['hello', '*/1 * * * *', '<none>', 'False', 1, '40s', '5m']);
});

test('the small kinds count their contents', (t) => {
  t.deepEqual(cells('Namespace', object('v1', 'Namespace', 'kube-system', { status: { phase: 'Active' } })), ['kube-system', 'Active', '5m']);
  t.deepEqual(cells('ConfigMap', object('v1', 'ConfigMap', 'cfg', { data: { a: '1', b: '2' }, binaryData: { c: 'AA==' } })), ['cfg', 3, '5m']);
  t.deepEqual(cells('Secret', object('v1', 'Secret', 's', { type: 'Opaque', data: { password: 'cGFzcw==' } })), ['s', 'Opaque', 1, '5m']);
  t.deepEqual(cells('ServiceAccount', object('v1', 'ServiceAccount', 'default', {})), ['default', 0, '5m']);
  t.deepEqual(cells('Lease', object('coordination.k8s.io/v1', 'Lease', 'node-1', { spec: { holderIdentity: 'node-1' } })), ['node-1', 'node-1', '5m']);
});

test('pod disruption budgets print N/A for the unset bound', (t) => {
  const pdb = object('policy/v1', 'PodDisruptionBudget', 'web', { spec: { minAvailable: '50%' }, status: { disruptionsAllowed: 1 } });
  t.deepEqual(cells('PodDisruptionBudget', pdb), ['web', '50%', 'N/A', 1, '5m']);
});

test('horizontal pod autoscalers print their targets', (t) => {
  const hpa = (metrics: unknown[], currentMetrics?: unknown[]) =>
    object('autoscaling/v2', 'HorizontalPodAutoscaler', 'web', {
      spec: { scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'web' }, minReplicas: 1, maxReplicas: 10, metrics },
      status: { currentReplicas: 2, ...(currentMetrics === undefined ? {} : { currentMetrics }) },
    });
  const cpu = { type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 80 } } };
  const memory = { type: 'Resource', resource: { name: 'memory', target: { type: 'AverageValue', averageValue: '100Mi' } } };
  t.deepEqual(cells('HorizontalPodAutoscaler', hpa([cpu])), ['web', 'Deployment/web', 'cpu: <unknown>/80%', '1', 10, 2, '5m']);
  t.is(cells('HorizontalPodAutoscaler', hpa([cpu], [{ type: 'Resource', resource: { name: 'cpu', current: { averageUtilization: 42 } } }]))[2], 'cpu: 42%/80%');
  t.is(cells('HorizontalPodAutoscaler', hpa([cpu, memory, cpu]))[2], 'cpu: <unknown>/80%, memory: <unknown>/100Mi + 1 more...');
  t.is(cells('HorizontalPodAutoscaler', hpa([]))[2], '<none>');
});

test('ingresses print class, hosts, address and ports', (t) => {
  const ingress = object('networking.k8s.io/v1', 'Ingress', 'web', {
    spec: { ingressClassName: 'nginx', rules: [{ host: 'a.example.com' }, { host: 'b.example.com' }], tls: [{ hosts: ['a.example.com'] }] },
    status: { loadBalancer: { ingress: [{ ip: '203.0.113.9' }] } },
  });
  t.deepEqual(cells('Ingress', ingress), ['web', 'nginx', 'a.example.com,b.example.com', '203.0.113.9', '80, 443', '5m']);
  t.deepEqual(cells('Ingress', object('networking.k8s.io/v1', 'Ingress', 'any', { spec: { rules: [{}] } })).slice(1, 5), ['<none>', '*', '', '80']);
});
