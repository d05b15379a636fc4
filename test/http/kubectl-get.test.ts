/**
 * `kubectl get` against the playground, compared with what kubectl 1.32 prints for a kind
 * cluster (control-plane + node-1..3) in the same state: headers and cells of every kind's
 * server-side table, the output formats, selectors, sorting, `get all` and the error texts.
 */
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import test from 'ava';
import { kubectlTest, tableRows, useKubectlFixture, type KubectlRun } from './kubectl-harness.js';

/** One of every kind `get` is tried on, as a user would apply them. */
const SAMPLES = `apiVersion: apps/v1
kind: Deployment
metadata: {name: nginx, labels: {app: nginx}}
spec:
  replicas: 3
  selector: {matchLabels: {app: nginx}}
  template:
    metadata: {labels: {app: nginx}}
    spec:
      containers:
      - name: nginx
        image: nginx:1.27
        ports: [{containerPort: 80}]
        resources: {requests: {cpu: 100m, memory: 64Mi}}
---
apiVersion: v1
kind: Service
metadata: {name: nginx}
spec:
  selector: {app: nginx}
  ports: [{port: 80, targetPort: 80}]
---
apiVersion: apps/v1
kind: DaemonSet
metadata: {name: node-agent}
spec:
  selector: {matchLabels: {app: node-agent}}
  template:
    metadata: {labels: {app: node-agent}}
    spec:
      containers: [{name: agent, image: "busybox:1.36", command: [sleep, "3600"]}]
---
apiVersion: v1
kind: Service
metadata: {name: db}
spec:
  clusterIP: None
  selector: {app: db}
  ports: [{name: redis, port: 6379}]
---
apiVersion: apps/v1
kind: StatefulSet
metadata: {name: db}
spec:
  serviceName: db
  replicas: 2
  selector: {matchLabels: {app: db}}
  template:
    metadata: {labels: {app: db}}
    spec:
      containers:
      - name: redis
        image: redis:7
        volumeMounts: [{name: data, mountPath: /data}]
  volumeClaimTemplates:
  - metadata: {name: data}
    spec: {accessModes: [ReadWriteOnce], resources: {requests: {storage: 1Gi}}}
---
apiVersion: batch/v1
kind: Job
metadata: {name: countdown}
spec:
  completions: 2
  template:
    spec:
      restartPolicy: Never
      containers: [{name: worker, image: "busybox:1.36", command: [sh, -c, "sleep 5"]}]
---
apiVersion: batch/v1
kind: CronJob
metadata: {name: nightly}
spec:
  schedule: "0 3 * * *"
  jobTemplate:
    spec:
      template:
        spec:
          restartPolicy: OnFailure
          containers: [{name: report, image: "busybox:1.36"}]
---
apiVersion: policy/v1
kind: PodDisruptionBudget
metadata: {name: nginx}
spec:
  minAvailable: 2
  selector: {matchLabels: {app: nginx}}
---
apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata: {name: nginx}
spec:
  scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: nginx}
  minReplicas: 3
  maxReplicas: 6
  metrics:
  - type: Resource
    resource: {name: cpu, target: {type: Utilization, averageUtilization: 50}}
---
apiVersion: v1
kind: ConfigMap
metadata: {name: settings}
data: {a: "1", b: "2"}
---
apiVersion: v1
kind: Secret
metadata: {name: creds}
type: Opaque
stringData: {user: admin, pass: s3cret}
---
apiVersion: v1
kind: ServiceAccount
metadata: {name: robot}
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: deny-all}
spec:
  podSelector: {}
  policyTypes: [Ingress]
---
apiVersion: v1
kind: ResourceQuota
metadata: {name: pods}
spec:
  hard: {pods: "50"}
---
apiVersion: v1
kind: LimitRange
metadata: {name: limits}
spec:
  limits:
  - type: Container
    defaultRequest: {memory: 64Mi}
---
apiVersion: scheduling.k8s.io/v1
kind: PriorityClass
metadata: {name: high}
value: 1000
---
apiVersion: v1
kind: ReplicationController
metadata: {name: legacy}
spec:
  replicas: 1
  template:
    metadata: {labels: {app: legacy}}
    spec:
      containers: [{name: c, image: "nginx:1.27"}]
---
apiVersion: v1
kind: Pod
metadata: {name: pinned, labels: {app: pinned, tier: cache}}
spec:
  nodeName: node-1
  containers: [{name: c, image: "nginx:1.27"}]
`;

/** An Ingress in its own namespace, so that the namespace tests see exactly one object there. */
const INGRESS = `apiVersion: v1
kind: Namespace
metadata: {name: edge}
---
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata: {name: web, namespace: edge}
spec:
  rules:
  - host: web.example.com
    http:
      paths:
      - {path: /, pathType: Prefix, backend: {service: {name: nginx, port: {number: 80}}}}
`;

const { fixture, kubectl } = useKubectlFixture({}, async (started) => {
  const applied = await started.kubectl('apply', '-f', await started.writeManifest('samples.yaml', SAMPLES));
  if (applied.code !== 0) throw new Error(applied.stderr);
  const edge = await started.kubectl('apply', '-f', await started.writeManifest('ingress.yaml', INGRESS));
  if (edge.code !== 0) throw new Error(edge.stderr);
  for (let i = 0; i < 60; i += 1) started.cluster.clock.advance(1000);
});

/** The header of a table, its cells joined by single spaces. */
function header(run: KubectlRun): string {
  return (tableRows(run.stdout)[0] ?? []).join(' ');
}

/** The row whose first cell is `name`. */
function row(run: KubectlRun, name: string): string[] | undefined {
  return tableRows(run.stdout).find((cells) => cells[0] === name);
}

const AGE = /^\d+(s|m|h|d|y)(\d+(s|m|h|d))?$/;

/** The columns kubectl 1.32 prints for each kind (server-side tables of kube-apiserver 1.32). */
const HEADERS: ReadonlyArray<[string, string]> = [
  ['pods', 'NAME READY STATUS RESTARTS AGE'],
  ['nodes', 'NAME STATUS ROLES AGE VERSION'],
  ['namespaces', 'NAME STATUS AGE'],
  ['services', 'NAME TYPE CLUSTER-IP EXTERNAL-IP PORT(S) AGE'],
  ['endpoints', 'NAME ENDPOINTS AGE'],
  ['endpointslices', 'NAME ADDRESSTYPE PORTS ENDPOINTS AGE'],
  ['events', 'LAST SEEN TYPE REASON OBJECT MESSAGE'],
  ['configmaps', 'NAME DATA AGE'],
  ['secrets', 'NAME TYPE DATA AGE'],
  ['serviceaccounts', 'NAME SECRETS AGE'],
  ['deployments', 'NAME READY UP-TO-DATE AVAILABLE AGE'],
  ['replicasets', 'NAME DESIRED CURRENT READY AGE'],
  ['daemonsets', 'NAME DESIRED CURRENT READY UP-TO-DATE AVAILABLE NODE SELECTOR AGE'],
  ['statefulsets', 'NAME READY AGE'],
  ['jobs', 'NAME STATUS COMPLETIONS DURATION AGE'],
  ['cronjobs', 'NAME SCHEDULE TIMEZONE SUSPEND ACTIVE LAST SCHEDULE AGE'],
  ['hpa', 'NAME REFERENCE TARGETS MINPODS MAXPODS REPLICAS AGE'],
  ['pdb', 'NAME MIN AVAILABLE MAX UNAVAILABLE ALLOWED DISRUPTIONS AGE'],
  ['pv', 'NAME CAPACITY ACCESS MODES RECLAIM POLICY STATUS CLAIM STORAGECLASS VOLUMEATTRIBUTESCLASS REASON AGE'],
  ['pvc', 'NAME STATUS VOLUME CAPACITY ACCESS MODES STORAGECLASS VOLUMEATTRIBUTESCLASS AGE'],
  ['storageclasses', 'NAME PROVISIONER RECLAIMPOLICY VOLUMEBINDINGMODE ALLOWVOLUMEEXPANSION AGE'],
  ['leases -n kube-node-lease', 'NAME HOLDER AGE'],
  ['controllerrevisions', 'NAME CONTROLLER REVISION AGE'],
  ['priorityclasses', 'NAME VALUE GLOBAL-DEFAULT AGE PREEMPTIONPOLICY'],
  ['resourcequotas', 'NAME AGE REQUEST LIMIT'],
  ['limitranges', 'NAME CREATED AT'],
  ['networkpolicies', 'NAME POD-SELECTOR AGE'],
  ['replicationcontrollers', 'NAME DESIRED CURRENT READY AGE'],
  ['ingresses -n edge', 'NAME CLASS HOSTS ADDRESS PORTS AGE'],
];

kubectlTest('kubectl get prints the real column headers of every kind the API serves', async (t) => {
  for (const [resource, expected] of HEADERS) {
    const run = await kubectl('get', ...resource.split(' '));
    t.is(run.code, 0, `${resource}: ${run.stderr}`);
    t.is(header(run), expected, resource);
  }
});

/** The `-o wide` columns of kubectl 1.32 for the kinds that have them. */
const WIDE_HEADERS: ReadonlyArray<[string, string]> = [
  ['pods', 'NAME READY STATUS RESTARTS AGE IP NODE NOMINATED NODE READINESS GATES'],
  ['nodes', 'NAME STATUS ROLES AGE VERSION INTERNAL-IP EXTERNAL-IP OS-IMAGE KERNEL-VERSION CONTAINER-RUNTIME'],
  ['deployments', 'NAME READY UP-TO-DATE AVAILABLE AGE CONTAINERS IMAGES SELECTOR'],
  ['replicasets', 'NAME DESIRED CURRENT READY AGE CONTAINERS IMAGES SELECTOR'],
  ['services', 'NAME TYPE CLUSTER-IP EXTERNAL-IP PORT(S) AGE SELECTOR'],
  ['daemonsets', 'NAME DESIRED CURRENT READY UP-TO-DATE AVAILABLE NODE SELECTOR AGE CONTAINERS IMAGES SELECTOR'],
  ['statefulsets', 'NAME READY AGE CONTAINERS IMAGES'],
  ['jobs', 'NAME STATUS COMPLETIONS DURATION AGE CONTAINERS IMAGES SELECTOR'],
  ['cronjobs', 'NAME SCHEDULE TIMEZONE SUSPEND ACTIVE LAST SCHEDULE AGE CONTAINERS IMAGES SELECTOR'],
];

kubectlTest('kubectl get -o wide adds the priority-1 columns', async (t) => {
  for (const [resource, expected] of WIDE_HEADERS) {
    const run = await kubectl('get', resource, '-o', 'wide');
    t.is(run.code, 0, `${resource}: ${run.stderr}`);
    t.is(header(run), expected, resource);
  }
});

kubectlTest('kubectl get nodes prints the kind nodes with their roles and wide details', async (t) => {
  const run = await kubectl('get', 'nodes', '-o', 'wide');
  t.is(run.code, 0, run.stderr);
  const names = tableRows(run.stdout).slice(1).map((cells) => cells[0]);
  t.deepEqual(names, ['control-plane', 'node-1', 'node-2', 'node-3']);
  const [, status, roles, age, version, internalIp, externalIp, osImage, kernel, runtime] = row(run, 'control-plane') ?? [];
  t.deepEqual([status, roles, version, internalIp, externalIp], ['Ready', 'control-plane', 'v1.32.0', '172.18.0.2', '<none>']);
  t.regex(age ?? '', AGE);
  t.truthy(osImage && kernel && runtime?.startsWith('containerd://'));
  t.deepEqual(row(run, 'node-1')?.slice(1, 3), ['Ready', '<none>']);
  t.is(row(run, 'node-1')?.[5], '172.18.0.3');
});

kubectlTest('kubectl get pods -o wide shows ready, status, restarts, IP and node cells', async (t) => {
  const run = await kubectl('get', 'pods', '-o', 'wide');
  t.is(run.code, 0, run.stderr);
  const pinned = row(run, 'pinned') ?? [];
  t.deepEqual([pinned[1], pinned[2], pinned[3], pinned[6], pinned[7], pinned[8]], ['1/1', 'Running', '0', 'node-1', '<none>', '<none>']);
  t.regex(pinned[5] ?? '', /^10\.244\.1\.\d+$/);
  const nginx = tableRows(run.stdout).filter((cells) => /^nginx-[0-9a-f]{8,10}-[0-9a-z]{5}$/.test(cells[0] ?? ''));
  t.is(nginx.length, 3);
  const done = tableRows(run.stdout).filter((cells) => cells[0]?.startsWith('countdown-'));
  t.deepEqual(done.map((cells) => cells.slice(1, 4)), [['0/1', 'Completed', '0'], ['0/1', 'Completed', '0']]);
});

kubectlTest('kubectl get prints the workload cells as upstream computes them', async (t) => {
  const deploy = await kubectl('get', 'deploy', 'nginx', '-o', 'wide');
  t.deepEqual(row(deploy, 'nginx')?.filter((_, i) => i !== 4), ['nginx', '3/3', '3', '3', 'nginx', 'nginx:1.27', 'app=nginx']);
  const rs = await kubectl('get', 'rs', '-l', 'app=nginx', '-o', 'wide');
  const rsRow = tableRows(rs.stdout)[1] ?? [];
  t.deepEqual([rsRow[1], rsRow[2], rsRow[3], rsRow[5], rsRow[6]], ['3', '3', '3', 'nginx', 'nginx:1.27']);
  t.regex(rsRow[7] ?? '', /^app=nginx,pod-template-hash=[0-9a-f]{8,10}$/);
  const ds = await kubectl('get', 'ds', 'node-agent');
  t.deepEqual(row(ds, 'node-agent')?.slice(1, 7), ['3', '3', '3', '3', '3', '<none>']);
  const sts = await kubectl('get', 'sts', 'db', '-o', 'wide');
  t.deepEqual(row(sts, 'db')?.filter((_, i) => i !== 2), ['db', '2/2', 'redis', 'redis:7']);
  const job = await kubectl('get', 'job', 'countdown');
  t.deepEqual(row(job, 'countdown')?.slice(1, 3), ['Complete', '2/2']);
  t.regex(row(job, 'countdown')?.[3] ?? '', /^\d+s$/);
  const cj = await kubectl('get', 'cronjob', 'nightly');
  t.deepEqual(row(cj, 'nightly')?.slice(1, 6), ['0 3 * * *', '<none>', 'False', '0', '<none>']);
  const rc = await kubectl('get', 'rc', 'legacy', '-o', 'wide');
  t.deepEqual(row(rc, 'legacy')?.filter((_, i) => i !== 4), ['legacy', '1', '1', '1', 'c', 'nginx:1.27', 'app=legacy']);
});

kubectlTest('kubectl get prints the service, endpoints and slice cells', async (t) => {
  const svc = await kubectl('get', 'svc', '-o', 'wide');
  t.deepEqual(row(svc, 'kubernetes')?.filter((_, i) => i !== 5), ['kubernetes', 'ClusterIP', '10.96.0.1', '<none>', '443/TCP', '<none>']);
  t.deepEqual(row(svc, 'db')?.filter((_, i) => i !== 5), ['db', 'ClusterIP', 'None', '<none>', '6379/TCP', 'app=db']);
  t.regex(row(svc, 'nginx')?.[2] ?? '', /^10\.(9[6-9]|10\d|11[01])\.\d+\.\d+$/);
  const ep = await kubectl('get', 'endpoints', 'kubernetes', 'nginx');
  t.is(row(ep, 'kubernetes')?.[1], '172.18.0.2:6443');
  t.regex(row(ep, 'nginx')?.[1] ?? '', /^10\.244\.\d+\.\d+:80(,10\.244\.\d+\.\d+:80){2}$/);
  const dns = await kubectl('get', 'endpoints', 'kube-dns', '-n', 'kube-system');
  t.regex(row(dns, 'kube-dns')?.[1] ?? '', /^(10\.244\.\d+\.\d+:\d+,){2}10\.244\.\d+\.\d+:\d+ \+ 3 more\.\.\.$/);
  const slices = await kubectl('get', 'endpointslices', '-l', 'kubernetes.io/service-name=kubernetes');
  t.deepEqual(row(slices, 'kubernetes')?.slice(1, 4), ['IPv4', '6443', '172.18.0.2']);
});

kubectlTest('kubectl get prints the config, policy and storage cells', async (t) => {
  t.deepEqual(row(await kubectl('get', 'cm', 'settings'), 'settings')?.slice(1, 2), ['2']);
  t.deepEqual(row(await kubectl('get', 'secret', 'creds'), 'creds')?.slice(1, 3), ['Opaque', '2']);
  t.deepEqual(row(await kubectl('get', 'sa', 'robot'), 'robot')?.slice(1, 2), ['0']);
  t.deepEqual(row(await kubectl('get', 'pdb', 'nginx'), 'nginx')?.slice(1, 4), ['2', 'N/A', '1']);
  const hpa = row(await kubectl('get', 'hpa', 'nginx'), 'nginx') ?? [];
  t.deepEqual([hpa[1], hpa[3], hpa[4], hpa[5]], ['Deployment/nginx', '3', '6', '3']);
  t.regex(hpa[2] ?? '', /^cpu: (\d+%|<unknown>)\/50%$/);
  t.deepEqual(row(await kubectl('get', 'netpol', 'deny-all'), 'deny-all')?.slice(1, 2), ['<none>']);
  t.regex(row(await kubectl('get', 'quota', 'pods'), 'pods')?.[2] ?? '', /^pods: \d+\/50$/);
  t.regex(row(await kubectl('get', 'limitrange', 'limits'), 'limits')?.[1] ?? '', /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
  t.deepEqual(row(await kubectl('get', 'pc', 'high'), 'high')?.filter((_, i) => i !== 3), ['high', '1000', 'false', 'PreemptLowerPriority']);
  const pvc = row(await kubectl('get', 'pvc', 'data-db-0'), 'data-db-0') ?? [];
  t.deepEqual([pvc[1], pvc[3], pvc[4], pvc[5], pvc[6]], ['Bound', '1Gi', 'RWO', 'standard', '<unset>']);
  const pv = row(await kubectl('get', 'pv', pvc[2] ?? ''), pvc[2] ?? '') ?? [];
  t.deepEqual(pv.slice(1, 8), ['1Gi', 'RWO', 'Delete', 'Bound', 'default/data-db-0', 'standard', '<unset>']);
  const sc = tableRows((await kubectl('get', 'storageclass')).stdout)[1] ?? [];
  t.is(sc[0], 'standard (default)');
  t.deepEqual(sc.slice(2, 5), ['Delete', 'Immediate', 'false']);
  const lease = await kubectl('get', 'lease', 'node-1', '-n', 'kube-node-lease');
  t.is(row(lease, 'node-1')?.[1], 'node-1');
  const revisions = await kubectl('get', 'controllerrevisions');
  t.true(tableRows(revisions.stdout).some((cells) => cells[1] === 'statefulset.apps/db' && cells[2] === '1'));
  t.true(tableRows(revisions.stdout).some((cells) => cells[1] === 'daemonset.apps/node-agent' && cells[2] === '1'));
  const ns = await kubectl('get', 'ns');
  t.deepEqual(tableRows(ns.stdout).slice(1).map((cells) => `${cells[0]} ${cells[1]}`), [
    'default Active', 'edge Active', 'kube-node-lease Active', 'kube-public Active', 'kube-system Active',
  ]);
  const ing = row(await kubectl('get', 'ing', '-n', 'edge'), 'web') ?? [];
  t.deepEqual([ing[1], ing[2], ing[4]], ['<none>', 'web.example.com', '80']);
});

kubectlTest('kubectl get events prints the events of the namespace', async (t) => {
  const run = await kubectl('get', 'events');
  t.is(run.code, 0, run.stderr);
  t.regex(run.stdout, /^\S+\s+Normal\s+Started\s+pod\/pinned\s+Started container c$/m);
  t.regex(run.stdout, /^\S+\s+Normal\s+Scheduled\s+pod\/db-0\s+Successfully assigned default\/db-0 to node-\d$/m);
  t.regex(run.stdout, /^\S+\s+Normal\s+ScalingReplicaSet\s+deployment\/nginx\s+Scaled up replica set nginx-[0-9a-f]+ from 0 to 3$/m);
  t.regex(run.stdout, /^\S+\s+Normal\s+SuccessfulCreate\s+job\/countdown\s+Created pod: countdown-[0-9a-z]{5}$/m);
});

kubectlTest('kubectl get -o yaml, json, name and jsonpath print the stored object', async (t) => {
  const yaml = await kubectl('get', 'pod', 'pinned', '-o', 'yaml');
  t.is(yaml.code, 0, yaml.stderr);
  t.true(yaml.stdout.startsWith('apiVersion: v1\nkind: Pod\nmetadata:\n'));
  t.regex(yaml.stdout, /^ {2}resourceVersion: "\d+"$/m);
  t.regex(yaml.stdout, /^ {2}uid: [0-9a-f-]{36}$/m);
  t.regex(yaml.stdout, /^ {2}phase: Running$/m);
  const json = await kubectl('get', 'svc', 'kubernetes', '-o', 'json');
  const service = JSON.parse(json.stdout) as { kind: string; spec: { clusterIP: string; ports: unknown[] } };
  t.is(service.kind, 'Service');
  t.is(service.spec.clusterIP, '10.96.0.1');
  const list = JSON.parse((await kubectl('get', 'cm', '-o', 'json')).stdout) as { kind: string; apiVersion: string; items: unknown[] };
  t.deepEqual([list.kind, list.apiVersion, list.items.length], ['List', 'v1', 2]);
  const names = await kubectl('get', 'deploy,svc', '-o', 'name');
  t.is(names.stdout, 'deployment.apps/nginx\nservice/db\nservice/kubernetes\nservice/nginx\n');
  const path = await kubectl('get', 'pods', '-l', 'app=nginx', '-o', 'jsonpath={.items[*].spec.nodeName}');
  t.regex(path.stdout, /^node-\d node-\d node-\d$/);
  const one = await kubectl('get', 'deploy', 'nginx', '-o', 'jsonpath={.spec.template.spec.containers[0].image} {.status.readyReplicas}');
  t.is(one.stdout, 'nginx:1.27 3');
});

kubectlTest('kubectl get selects by labels, set-based labels and fields', async (t) => {
  const names = (run: KubectlRun): string[] => tableRows(run.stdout).slice(1).map((cells) => cells[0] ?? '');
  t.is(names(await kubectl('get', 'pods', '-l', 'app=nginx')).length, 3);
  t.deepEqual(names(await kubectl('get', 'pods', '-l', 'app in (pinned,legacy)')).map((n) => n.replace(/-[0-9a-z]{5}$/, '')), ['legacy', 'pinned']);
  t.deepEqual(names(await kubectl('get', 'pods', '-l', 'tier')), ['pinned']);
  const running = names(await kubectl('get', 'pods', '--field-selector', 'status.phase=Running'));
  t.false(running.some((n) => n.startsWith('countdown-')));
  t.true(running.includes('pinned'));
  const succeeded = names(await kubectl('get', 'pods', '--field-selector', 'status.phase=Succeeded'));
  t.true(succeeded.length === 2 && succeeded.every((n) => n.startsWith('countdown-')));
  const onNode = await kubectl('get', 'pods', '-A', '--field-selector', 'spec.nodeName=node-1', '-o', 'wide');
  t.true(tableRows(onNode.stdout).slice(1).every((cells) => cells[7] === 'node-1'));
  t.true(tableRows(onNode.stdout).some((cells) => cells[1] === 'pinned'));
  const bad = await kubectl('get', 'pods', '--field-selector', 'spec.color=blue');
  t.is(bad.code, 1);
  t.is(bad.stderr, 'Error from server (BadRequest): Unable to find "/v1, Resource=pods" that match label selector "", field selector "spec.color=blue": field label not supported: spec.color\n');
});

kubectlTest('kubectl get -A prints the NAMESPACE column and --show-labels the LABELS column', async (t) => {
  const all = await kubectl('get', 'pods', '-A');
  t.is(header(all), 'NAMESPACE NAME READY STATUS RESTARTS AGE');
  t.deepEqual(tableRows(all.stdout).find((cells) => cells[1] === 'etcd-control-plane')?.slice(0, 4), ['kube-system', 'etcd-control-plane', '1/1', 'Running']);
  t.deepEqual(tableRows(all.stdout).find((cells) => cells[1] === 'pinned')?.[0], 'default');
  const labels = await kubectl('get', 'pods', 'pinned', '--show-labels');
  t.is(header(labels), 'NAME READY STATUS RESTARTS AGE LABELS');
  t.is(row(labels, 'pinned')?.[5], 'app=pinned,tier=cache');
  const column = await kubectl('get', 'pods', 'pinned', '-L', 'tier');
  t.is(header(column), 'NAME READY STATUS RESTARTS AGE TIER');
  t.is(row(column, 'pinned')?.[5], 'cache');
  const ingresses = await kubectl('get', 'ing', '-A');
  t.deepEqual(tableRows(ingresses.stdout).slice(1).map((cells) => cells.slice(0, 2)), [['edge', 'web']]);
});

kubectlTest('kubectl get --sort-by sorts on the full objects the table rows carry', async (t) => {
  const run = await kubectl('get', 'pods', '-A', '--sort-by=.metadata.name', '-o', 'wide');
  t.is(run.code, 0, run.stderr);
  const names = tableRows(run.stdout).slice(1).map((cells) => cells[1] ?? '');
  t.deepEqual(names, [...names].sort());
  const byNode = await kubectl('get', 'pods', '-l', 'app=node-agent', '--sort-by=.spec.nodeName', '-o', 'wide');
  t.deepEqual(tableRows(byNode.stdout).slice(1).map((cells) => cells[6]), ['node-1', 'node-2', 'node-3']);
});

kubectlTest('kubectl get all prints each kind under its own header, names prefixed with the kind', async (t) => {
  const run = await kubectl('get', 'all');
  t.is(run.code, 0, run.stderr);
  const sections = run.stdout.trimEnd().split('\n\n').map((section) => section.split('\n'));
  t.deepEqual(sections.map((lines) => lines[1]?.replace(/\/.*/, '')), [
    'pod', 'replicationcontroller', 'service', 'daemonset.apps', 'deployment.apps', 'replicaset.apps',
    'statefulset.apps', 'horizontalpodautoscaler.autoscaling', 'cronjob.batch', 'job.batch',
  ]);
  t.regex(run.stdout, /^service\/kubernetes\s+ClusterIP\s+10\.96\.0\.1\s+<none>\s+443\/TCP\s+\S+$/m);
  t.regex(run.stdout, /^deployment\.apps\/nginx\s+3\/3\s+3\s+3\s+\S+$/m);
});

kubectlTest('kubectl get deploy,rs,svc,ep prints four sections', async (t) => {
  const run = await kubectl('get', 'deploy,rs,svc,ep');
  t.is(run.code, 0, run.stderr);
  const headers = run.stdout.trimEnd().split('\n\n').map((section) => section.split('\n')[0]?.split(/\s{2,}/)[1]);
  t.deepEqual(headers, ['READY', 'DESIRED', 'TYPE', 'ENDPOINTS']);
  t.regex(run.stdout, /^endpoints\/kubernetes\s+172\.18\.0\.2:6443\s+\S+$/m);
});

kubectlTest('kubectl get says when there is nothing, and prints the NotFound texts', async (t) => {
  const empty = await kubectl('get', 'pods', '-n', 'kube-public');
  t.deepEqual([empty.code, empty.stdout, empty.stderr], [0, '', 'No resources found in kube-public namespace.\n']);
  const none = await kubectl('get', 'ingresses');
  t.is(none.stderr, 'No resources found in default namespace.\n');
  const anywhere = await kubectl('get', 'rolebindings.rbac.authorization.k8s.io', '-A');
  t.true(anywhere.code !== 0 || anywhere.stderr === 'No resources found\n');
  const cases: ReadonlyArray<[string[], string]> = [
    [['get', 'pod', 'nope'], 'Error from server (NotFound): pods "nope" not found\n'],
    [['get', 'deploy', 'nope'], 'Error from server (NotFound): deployments.apps "nope" not found\n'],
    [['get', 'node', 'nope'], 'Error from server (NotFound): nodes "nope" not found\n'],
    // kubectl itself looks the namespace up after a NotFound, and reports that instead.
    [['get', 'pods', '-n', 'nowhere', 'x'], 'Error from server (NotFound): namespaces "nowhere" not found\n'],
    [['get', 'foos'], 'error: the server doesn\'t have a resource type "foos"\n'],
  ];
  for (const [args, stderr] of cases) {
    const run = await kubectl(...args);
    t.is(run.code, 1, args.join(' '));
    t.is(run.stderr, stderr, args.join(' '));
  }
});

kubectlTest('kubectl get pods -w prints the new pods of a rollout with their status transitions', async (t) => {
  const set = await kubectl('set', 'image', 'deploy/nginx', 'nginx=nginx:1.28');
  t.is(set.stdout, 'deployment.apps/nginx image updated\n');
  const f = fixture();
  const child = spawn('kubectl', ['--kubeconfig', join(f.dir, 'kubeconfig'), '--cache-dir', join(f.dir, 'cache-watch'), 'get', 'pods', '-l', 'app=nginx', '-w'], {
    env: { ...process.env, KUBECONFIG: '' },
  });
  let stdout = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  const exited = new Promise<void>((resolve) => child.on('close', () => resolve()));
  // Wait for the initial table, then let the rollout run for a virtual minute.
  for (let i = 0; i < 400 && !stdout.includes('\n'); i += 1) await delay(10);
  for (let i = 0; i < 60; i += 1) {
    f.cluster.clock.advance(1000);
    await delay(15);
  }
  await delay(200);
  child.kill('SIGTERM');
  await exited;
  const lines = tableRows(stdout);
  t.is(lines[0]?.join(' '), 'NAME READY STATUS RESTARTS AGE');
  t.true(lines.slice(1, 4).every((cells) => cells[2] === 'Running'));
  const newHash = /^nginx-([0-9a-f]+)-/.exec(lines.find((cells, i) => i > 3 && cells[2] === 'Pending')?.[0] ?? '')?.[1];
  t.truthy(newHash, stdout);
  const newPods = [...new Set(lines.slice(4).map((cells) => cells[0] ?? '').filter((n) => n.startsWith(`nginx-${newHash}-`)))];
  t.is(newPods.length, 3, stdout);
  for (const pod of newPods) {
    const statuses = lines.filter((cells) => cells[0] === pod).map((cells) => `${cells[1]} ${cells[2]}`);
    t.deepEqual(statuses.filter((s, i) => s !== statuses[i - 1]), ['0/1 Pending', '0/1 ContainerCreating', '1/1 Running'], pod);
  }
  const oldPods = lines.slice(1, 4).map((cells) => cells[0] ?? '');
  for (const pod of oldPods) {
    const statuses = lines.slice(4).filter((cells) => cells[0] === pod).map((cells) => cells[2]);
    t.is(statuses[0], 'Terminating', pod);
    t.is(statuses.at(-1), 'Completed', pod);
  }
});
