/**
 * `kubectl describe` against the playground: kubectl lays the text out itself, so these tests
 * check that the objects it reads (pods, nodes, leases, deployments, services, slices, events)
 * have the shapes and values a kind cluster gives, section by section. Ages in describe are
 * measured by kubectl against the wall clock, so they are matched loosely.
 */
import test from 'ava';
import { kubectlTest, useKubectlFixture } from './kubectl-harness.js';

const WEB = `apiVersion: apps/v1
kind: Deployment
metadata: {name: web, labels: {app: web}}
spec:
  replicas: 3
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec:
      containers:
      - name: nginx
        image: nginx:1.27
        ports: [{containerPort: 80}]
        resources: {requests: {cpu: 100m, memory: 64Mi}, limits: {memory: 128Mi}}
---
apiVersion: v1
kind: Service
metadata: {name: web}
spec:
  selector: {app: web}
  ports: [{port: 80, targetPort: 80}]
`;

const { fixture, kubectl } = useKubectlFixture({}, async (started) => {
  const applied = await started.kubectl('apply', '-f', await started.writeManifest('web.yaml', WEB));
  if (applied.code !== 0) throw new Error(applied.stderr);
  for (let i = 0; i < 60; i += 1) started.cluster.clock.advance(1000);
});

/** The lines of section `title` (from its title line to the next unindented line). */
function section(text: string, title: string): string[] {
  const lines = text.split('\n');
  const start = lines.findIndex((line) => line.startsWith(title));
  if (start < 0) return [];
  const end = lines.findIndex((line, i) => i > start && /^\S/.test(line));
  return lines.slice(start, end < 0 ? undefined : end).filter((line) => line !== '');
}

/** `Key:   value` lines of the top level, as a record. */
function fields(text: string): Record<string, string> {
  const result: Record<string, string> = {};
  for (const line of text.split('\n')) {
    const match = /^([A-Z][A-Za-z -]*):\s+(\S.*)$/.exec(line);
    if (match?.[1] !== undefined && !(match[1] in result)) result[match[1]] = match[2] ?? '';
  }
  return result;
}

const EVENT_AGE = String.raw`(\d+[smhdy])+( \(x\d+ over (\d+[smhdy])+\))?`;

kubectlTest('kubectl describe pod prints the kind pod layout: node with its IP, containers, conditions, QoS, tolerations and events', async (t) => {
  const pod = (await kubectl('get', 'pods', '-l', 'app=web', '-o', 'jsonpath={.items[0].metadata.name}')).stdout;
  const run = await kubectl('describe', 'pod', pod);
  t.is(run.code, 0, run.stderr);
  const top = fields(run.stdout);
  t.is(top['Name'], pod);
  t.is(top['Namespace'], 'default');
  t.is(top['Priority'], '0');
  t.is(top['Service Account'], 'default');
  t.regex(top['Node'] ?? '', /^node-([1-3])\/172\.18\.0\.([3-5])$/);
  const [, nodeIndex, ipEnd] = /^node-(\d)\/172\.18\.0\.(\d)$/.exec(top['Node'] ?? '') ?? [];
  t.is(Number(ipEnd), Number(nodeIndex) + 2);
  t.regex(top['Start Time'] ?? '', /^\w{3}, \d\d \w{3} \d{4} \d\d:\d\d:\d\d \+0000$/);
  t.is(top['Status'], 'Running');
  t.regex(top['IP'] ?? '', /^10\.244\.\d+\.\d+$/);
  t.regex(top['Controlled By'] ?? '', /^ReplicaSet\/web-[0-9a-f]+$/);
  t.is(top['QoS Class'], 'Burstable');
  t.is(top['Node-Selectors'], '<none>');
  t.regex(run.stdout, /^Labels:\s+app=web\n\s+pod-template-hash=[0-9a-f]+\n/m);
  t.regex(run.stdout, /^IPs:\n {2}IP: {11}10\.244\.\d+\.\d+\n/m);
  t.regex(run.stdout, /^Containers:\n {2}nginx:\n {4}Container ID: {3}containerd:\/\/[0-9a-f]{64}\n {4}Image: {10}nginx:1\.27\n {4}Image ID: {7}docker\.io\/library\/nginx@sha256:[0-9a-f]{64}\n {4}Port: {11}80\/TCP\n {4}Host Port: {6}0\/TCP\n {4}State: {10}Running\n {6}Started: {6}.+\n {4}Ready: {10}True\n {4}Restart Count: {2}0\n {4}Limits:\n {6}memory: {2}128Mi\n {4}Requests:\n {6}cpu: {8}100m\n {6}memory: {5}64Mi\n/m);
  t.deepEqual(section(run.stdout, 'Conditions:').map((line) => line.trimEnd().split(/\s+/).filter(Boolean).join(' ')), [
    'Conditions:', 'Type Status', 'PodReadyToStartContainers True', 'Initialized True', 'Ready True', 'ContainersReady True', 'PodScheduled True',
  ]);
  t.regex(run.stdout, /^Volumes:\n {2}kube-api-access-[0-9a-z]{5}:\n {4}Type: +Projected \(a volume that contains injected data from multiple sources\)\n {4}TokenExpirationSeconds: +3607\n {4}ConfigMapName: +kube-root-ca\.crt\n {4}ConfigMapOptional: +<nil>\n {4}DownwardAPI: +true\n/m);
  t.regex(run.stdout, /^Tolerations: +node\.kubernetes\.io\/not-ready:NoExecute op=Exists for 300s\n +node\.kubernetes\.io\/unreachable:NoExecute op=Exists for 300s\n/m);
  const events = section(run.stdout, 'Events:');
  t.regex(events[1] ?? '', /^ {2}Type {4}Reason {5}Age +From +Message$/);
  t.regex(events[2] ?? '', /^ {2}---- {4}------ {5}---- +---- +-------$/);
  const rows = events.slice(3).map((line) => line.trim().split(/\s{2,}/));
  t.deepEqual(rows.map((cells) => `${cells[0]} ${cells[1]} ${cells[3]}`), [
    'Normal Scheduled default-scheduler', 'Normal Pulling kubelet', 'Normal Pulled kubelet', 'Normal Created kubelet', 'Normal Started kubelet',
  ]);
  t.true(rows.every((cells) => new RegExp(`^${EVENT_AGE}$`).test(cells[2] ?? '')));
  t.is(rows[0]?.[4], `Successfully assigned default/${pod} to node-${nodeIndex}`);
  t.is(rows[1]?.[4], 'Pulling image "nginx:1.27"');
  t.regex(rows[2]?.[4] ?? '', /^(Successfully pulled image "nginx:1\.27" in [\d.]+m?s \([\d.]+m?s including waiting\)\. Image size: \d+ bytes\.|Container image "nginx:1\.27" already present on machine)$/);
  t.is(rows[3]?.[4], 'Created container: nginx');
  t.is(rows[4]?.[4], 'Started container nginx');
});

kubectlTest('kubectl describe node prints the lease, the non-terminated pods and the allocated resources', async (t) => {
  const run = await kubectl('describe', 'node', 'node-1');
  t.is(run.code, 0, run.stderr);
  const top = fields(run.stdout);
  t.is(top['Name'], 'node-1');
  t.is(top['Roles'], '<none>');
  t.is(top['Taints'], '<none>');
  t.is(top['Unschedulable'], 'false');
  t.is(top['PodCIDR'], '10.244.1.0/24');
  t.is(top['ProviderID'], 'kind://docker/kind/node-1');
  t.regex(run.stdout, /^Labels: +beta\.kubernetes\.io\/arch=amd64\n +beta\.kubernetes\.io\/os=linux\n +kubernetes\.io\/arch=amd64\n +kubernetes\.io\/hostname=node-1\n +kubernetes\.io\/os=linux\n/m);
  t.regex(run.stdout, /^Lease:\n {2}HolderIdentity: {2}node-1\n {2}AcquireTime: {5}<unset>\n {2}RenewTime: {7}\w{3}, .+ \+0000\n/m);
  const conditions = section(run.stdout, 'Conditions:').map((line) => line.trim().split(/\s{2,}/));
  t.deepEqual(conditions[1], ['Type', 'Status', 'LastHeartbeatTime', 'LastTransitionTime', 'Reason', 'Message']);
  t.deepEqual(conditions.slice(3).map((cells) => [cells[0], cells[1], cells[4]]), [
    ['MemoryPressure', 'False', 'KubeletHasSufficientMemory'],
    ['DiskPressure', 'False', 'KubeletHasNoDiskPressure'],
    ['PIDPressure', 'False', 'KubeletHasSufficientPID'],
    ['Ready', 'True', 'KubeletReady'],
  ]);
  t.regex(run.stdout, /^Addresses:\n {2}InternalIP: {2}172\.18\.0\.3\n {2}Hostname: {4}node-1\n/m);
  t.regex(run.stdout, /^System Info:\n {2}Machine ID: +[0-9a-f]{32}\n {2}System UUID: +[0-9a-f-]{36}\n {2}Boot ID: +[0-9a-f-]{36}\n {2}Kernel Version: +\S+\n {2}OS Image: +.+\n {2}Operating System: +linux\n {2}Architecture: +amd64\n {2}Container Runtime Version: +containerd:\/\/\S+\n {2}Kubelet Version: +v1\.32\.0\n {2}Kube-Proxy Version: +v1\.32\.0\n/m);
  const pods = section(run.stdout, 'Non-terminated Pods:');
  const count = Number(/\((\d+) in total\)/.exec(pods[0] ?? '')?.[1]);
  t.is(pods.length, count + 3);
  t.deepEqual(pods[1]?.trim().split(/\s{2,}/), ['Namespace', 'Name', 'CPU Requests', 'CPU Limits', 'Memory Requests', 'Memory Limits', 'Age']);
  const onNode = (await kubectl('get', 'pods', '-A', '--field-selector', 'spec.nodeName=node-1,status.phase=Running', '-o', 'name')).stdout.trim().split('\n');
  t.is(count, onNode.length);
  const web = pods.slice(3).map((line) => line.trim().split(/\s{2,}/)).find((cells) => cells[1]?.startsWith('web-'));
  if (web !== undefined) t.deepEqual(web.slice(2, 6), ['100m (2%)', '0 (0%)', '64Mi (0%)', '128Mi (1%)']);
  const allocated = section(run.stdout, 'Allocated resources:').map((line) => line.trim().split(/\s{2,}/));
  t.deepEqual(allocated[1], ['(Total limits may be over 100 percent, i.e., overcommitted.)']);
  t.deepEqual(allocated[2], ['Resource', 'Requests', 'Limits']);
  t.deepEqual(allocated.slice(4).map((cells) => cells[0]), ['cpu', 'memory', 'ephemeral-storage', 'hugepages-1Gi', 'hugepages-2Mi']);
  const events = section(run.stdout, 'Events:').slice(3).map((line) => line.trim().split(/\s{2,}/));
  t.deepEqual(events.map((cells) => `${cells[1]} ${cells[3]}`), [
    'Starting kubelet', 'NodeAllocatableEnforced kubelet', 'NodeHasSufficientMemory kubelet', 'NodeHasNoDiskPressure kubelet',
    'NodeHasSufficientPID kubelet', 'NodeReady kubelet', 'RegisteredNode node-controller',
  ]);
  t.is(events[6]?.[4], 'Registered Node node-1 in Controller');
});

kubectlTest('kubectl describe node of the control plane shows its role and taint', async (t) => {
  const run = await kubectl('describe', 'node', 'control-plane');
  const top = fields(run.stdout);
  t.is(top['Roles'], 'control-plane');
  t.is(top['Taints'], 'node-role.kubernetes.io/control-plane:NoSchedule');
  t.regex(run.stdout, /^ +node-role\.kubernetes\.io\/control-plane=\n/m);
  t.regex(run.stdout, /^ {2}kube-system +etcd-control-plane +100m \(\d+%\) +0 \(0%\) +100Mi \(\d+%\) +0 \(0%\) +\S+$/m);
});

kubectlTest('kubectl describe deployment prints replicas, strategy, template, conditions and replica sets', async (t) => {
  await kubectl('set', 'image', 'deploy/web', 'nginx=nginx:1.28');
  for (let i = 0; i < 60; i += 1) fixture().cluster.clock.advance(1000);
  const run = await kubectl('describe', 'deploy', 'web');
  t.is(run.code, 0, run.stderr);
  const top = fields(run.stdout);
  t.is(top['Annotations'], 'deployment.kubernetes.io/revision: 2');
  t.is(top['Selector'], 'app=web');
  t.is(top['Replicas'], '3 desired | 3 updated | 3 total | 3 available | 0 unavailable');
  t.is(top['StrategyType'], 'RollingUpdate');
  t.is(top['MinReadySeconds'], '0');
  t.is(top['RollingUpdateStrategy'], '25% max unavailable, 25% max surge');
  t.regex(run.stdout, /^Pod Template:\n {2}Labels: {2}app=web\n {2}Containers:\n {3}nginx:\n {4}Image: +nginx:1\.28\n {4}Port: +80\/TCP\n {4}Host Port: +0\/TCP\n {4}Limits:\n/m);
  t.deepEqual(section(run.stdout, 'Conditions:').slice(1).map((line) => line.trim().split(/\s+/)), [
    ['Type', 'Status', 'Reason'], ['----', '------', '------'],
    ['Available', 'True', 'MinimumReplicasAvailable'], ['Progressing', 'True', 'NewReplicaSetAvailable'],
  ]);
  t.regex(run.stdout, /^OldReplicaSets: +web-[0-9a-f]+ \(0\/0 replicas created\)\nNewReplicaSet: +web-[0-9a-f]+ \(3\/3 replicas created\)\n/m);
  const events = section(run.stdout, 'Events:').slice(3).map((line) => line.trim().split(/\s{2,}/));
  t.true(events.length >= 4);
  t.true(events.every((cells) => cells[0] === 'Normal' && cells[1] === 'ScalingReplicaSet' && cells[3] === 'deployment-controller'));
  t.regex(events[0]?.[4] ?? '', /^Scaled up replica set web-[0-9a-f]+ from 0 to 3$/);
  t.regex(events[1]?.[4] ?? '', /^Scaled up replica set web-[0-9a-f]+ from 0 to 1$/);
  t.regex(events.at(-1)?.[4] ?? '', /^Scaled down replica set web-[0-9a-f]+ from 1 to 0$/);
});

kubectlTest('kubectl describe service prints the IPs, ports and the endpoints from its slices', async (t) => {
  const run = await kubectl('describe', 'svc', 'web');
  t.is(run.code, 0, run.stderr);
  const top = fields(run.stdout);
  t.is(top['Selector'], 'app=web');
  t.is(top['Type'], 'ClusterIP');
  t.is(top['IP Family Policy'], 'SingleStack');
  t.is(top['IP Families'], 'IPv4');
  t.regex(top['IP'] ?? '', /^10\.(9[6-9]|10\d|11[01])\.\d+\.\d+$/);
  t.is(top['IPs'], top['IP']);
  t.is(top['Port'], '<unset>  80/TCP');
  t.is(top['TargetPort'], '80/TCP');
  t.regex(top['Endpoints'] ?? '', /^10\.244\.\d+\.\d+:80(,10\.244\.\d+\.\d+:80){2}$/);
  t.is(top['Session Affinity'], 'None');
  t.is(top['Internal Traffic Policy'], 'Cluster');
  t.is(top['Events'], '<none>');
  const kubernetes = fields((await kubectl('describe', 'svc', 'kubernetes')).stdout);
  t.is(kubernetes['Labels'], 'component=apiserver');
  t.is(kubernetes['IP'], '10.96.0.1');
  t.is(kubernetes['Port'], 'https  443/TCP');
  t.is(kubernetes['TargetPort'], '6443/TCP');
  t.is(kubernetes['Endpoints'], '172.18.0.2:6443');
});
