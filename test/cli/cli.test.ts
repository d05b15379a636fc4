import test from 'ava';
import { mkdtemp, readFile, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../../src/cli/main.js';

interface Run {
  code: number;
  out: string;
  err: string;
}

async function run(argv: string[]): Promise<Run> {
  let out = '';
  let err = '';
  const code = await main(argv, { out: (t) => void (out += t), err: (t) => void (err += t) });
  return { code, out, err };
}

async function folder(files: Record<string, string>): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'k8s-playground-cli-'));
  for (const [name, text] of Object.entries(files)) await writeFile(join(dir, name), text);
  return dir;
}

const WEB = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  replicas: 3
  selector:
    matchLabels: {app: web}
  template:
    metadata:
      labels: {app: web}
    spec:
      containers:
      - name: nginx
        image: nginx:1.27
---
apiVersion: v1
kind: Service
metadata:
  name: web
spec:
  selector: {app: web}
  ports:
  - port: 80
`;

test('--help prints the usage and exits 0', async (t) => {
  const result = await run(['--help']);
  t.is(result.code, 0);
  t.regex(result.out, /^Usage: k8s-playground \[options\] \[DIR\]/);
});

test('--version prints the package version', async (t) => {
  const result = await run(['--version']);
  t.is(result.code, 0);
  t.regex(result.out, /^k8s-playground \d+\.\d+\.\d+\n$/);
});

test('an unknown flag is bad usage: exit 2 with a message', async (t) => {
  const result = await run(['--bogus']);
  t.is(result.code, 2);
  t.regex(result.err, /Unknown option '--bogus'/);
});

test('--until-settled without --headless is bad usage', async (t) => {
  const result = await run(['--until-settled']);
  t.is(result.code, 2);
  t.regex(result.err, /need --headless/);
});

test('headless until settled applies the folder, runs the cluster to rest and prints kubectl-style tables', async (t) => {
  const dir = await folder({ 'web.yaml': WEB });
  const result = await run(['--headless', '--until-settled', dir]);
  t.is(result.code, 0, result.err);
  t.regex(result.out, /^deployment\.apps\/web created\nservice\/web created\n/m);
  t.regex(result.out, /^\d\d:\d\d:\d\d\.\d{3} default-scheduler Scheduled Pod\/web-[a-z0-9]{8,10}-[a-z0-9]{5} Successfully assigned default\/web-/m);
  t.regex(result.out, /NAMESPACE +NAME +READY +UP-TO-DATE +AVAILABLE +AGE\ndefault +deployment\.apps\/web +3\/3 +3 +3 +\d+s/);
  t.regex(result.out, /default +service\/web +ClusterIP +10\.\d+\.\d+\.\d+ +<none> +80\/TCP +\d+s/);
  t.regex(result.out, /NAME +STATUS +ROLES +AGE +VERSION\nnode\/control-plane +Ready +control-plane/);
  t.regex(result.out, /NAME +STATUS +AGE\nnamespace\/default +Active/);
});

test('errors name the file, line and column, and the file\'s other objects are still applied', async (t) => {
  const broken = `apiVersion: v1
kind: ConfigMap
metadata:
  name: good
---
apiVersion: v1
kind: ConfigMap
metadata:
  name: [oops
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: bad
spec:
  replicas: -1
  selector:
    matchLabels: {app: bad}
  template:
    metadata:
      labels: {app: bad}
    spec:
      containers: [{name: c, image: nginx}]
`;
  const dir = await folder({ 'mixed.yaml': broken });
  const result = await run(['--headless', '--until-settled', dir]);
  t.is(result.code, 0);
  t.regex(result.out, /configmap\/good created/);
  t.regex(result.err, /^mixed\.yaml:\d+:\d+: /m);
  t.regex(result.err, /The Deployment "bad" is invalid: spec\.replicas: Invalid value: -1: must be greater than or equal to 0/);
});

test('--dump writes every stored object as a List', async (t) => {
  const dir = await folder({ 'web.yaml': WEB });
  const dump = join(dir, 'out.json');
  const result = await run(['--headless', '--until-settled', '--dump', dump, dir]);
  t.is(result.code, 0);
  const list = JSON.parse(await readFile(dump, 'utf8')) as { kind: string; items: { kind: string; metadata: { name: string } }[] };
  t.is(list.kind, 'List');
  t.true(list.items.some((o) => o.kind === 'Deployment' && o.metadata.name === 'web'));
  t.true(list.items.some((o) => o.kind === 'Namespace' && o.metadata.name === 'kube-system'));
});

test('a missing manifests folder is created', async (t) => {
  const dir = join(await folder({}), 'new-folder');
  const result = await run(['--headless', '--for', '10s', dir]);
  t.is(result.code, 0);
  t.true((await stat(dir)).isDirectory());
});

test('the same folder and seed give the same output', async (t) => {
  const dir = await folder({ 'web.yaml': WEB });
  const first = await run(['--headless', '--until-settled', '--seed', '7', dir]);
  const second = await run(['--headless', '--until-settled', '--seed', '7', dir]);
  t.is(first.out, second.out);
});

test('a script runs its commands at their simulated times and prints what kubectl would answer', async (t) => {
  const dir = await folder({ 'web.yaml': WEB });
  const scriptDir = await folder({ 's.txt': '# grow, then shrink\n30s scale deployment/web 5\n1m scale deployment/web 1\n90s cordon node-9\n' });
  const result = await run(['--headless', '--for', '2m', '--script', join(scriptDir, 's.txt'), dir]);
  t.is(result.code, 0, result.err);
  t.regex(result.out, /^00:00:30\.000 script scale deployment\/web 5: deployment\.apps\/web scaled$/m);
  t.regex(result.out, /^00:00:30\.000 deployment-controller ScalingReplicaSet Deployment\/web Scaled up replica set web-\S+ from 3 to 5$/m);
  t.regex(result.out, /^00:01:00\.000 deployment-controller ScalingReplicaSet Deployment\/web Scaled down replica set web-\S+ from 5 to 1$/m);
  t.regex(result.out, /^00:01:30\.000 script cordon node-9: Error from server \(NotFound\): nodes "node-9" not found$/m);
  t.regex(result.out, /default +deployment\.apps\/web +1\/1 +1 +1/);
});

test('a script with a bad line is refused whole, with file and line, before anything runs', async (t) => {
  const dir = await folder({ 'web.yaml': WEB });
  const scriptDir = await folder({ 's.txt': '30s scale deployment/web 5\nlater frobnicate\n' });
  const script = join(scriptDir, 's.txt');
  const result = await run(['--headless', '--until-settled', '--script', script, dir]);
  t.is(result.code, 2);
  t.is(result.out, '');
  t.is(result.err, `k8s-playground: ${script}:2: "later" is not a time: start the line with a simulated time such as 30s, 2m or 1h30m\n`);
});

test('--nodes, --node-cpu and --node-memory shape the cluster', async (t) => {
  const dir = await folder({});
  const dump = join(dir, 'dump.json');
  const result = await run(['--headless', '--until-settled', '--nodes', '5', '--node-cpu', '2', '--node-memory', '4Gi', '--dump', dump, dir]);
  t.is(result.code, 0, result.err);
  const list = JSON.parse(await readFile(dump, 'utf8')) as { items: { kind: string; metadata: { name: string }; status?: { capacity?: Record<string, string> } }[] };
  const nodes = list.items.filter((o) => o.kind === 'Node');
  t.deepEqual(
    nodes.map((n) => n.metadata.name),
    ['control-plane', 'node-1', 'node-2', 'node-3', 'node-4', 'node-5'],
  );
  t.like(nodes[1]?.status?.capacity, { cpu: '2', memory: '4Gi', pods: '110' });
});

test('a pod in a namespace created by the same folder is admitted once the namespace has its default ServiceAccount', async (t) => {
  const dir = await folder({
    'app.yaml': 'apiVersion: v1\nkind: Pod\nmetadata: {name: hello, namespace: demo}\nspec:\n  containers: [{name: c, image: nginx:1.27}]\n---\napiVersion: v1\nkind: Namespace\nmetadata: {name: demo}\n',
  });
  const result = await run(['--headless', '--until-settled', dir]);
  t.is(result.code, 0, result.err);
  t.is(result.err, '');
  t.regex(result.out, /^namespace\/demo created\npod\/hello created\n/m);
  t.regex(result.out, /demo +pod\/hello +1\/1 +Running/);
});

test('a drain in a script goes on printing its lines as kubectl would, after its first answer', async (t) => {
  const dir = await folder({ 'web.yaml': WEB });
  const scriptDir = await folder({ 's.txt': '10s drain node-1 --ignore-daemonsets\n' });
  const result = await run(['--headless', '--for', '1m', '--script', join(scriptDir, 's.txt'), dir]);
  t.is(result.code, 0, result.err);
  t.regex(result.out, /^00:00:10\.000 script drain node-1 --ignore-daemonsets: node\/node-1 cordoned$/m);
  t.regex(result.out, /^00:00:1\d\.\d{3} script drain node-1: pod\/web-\S+ evicted$/m);
  t.regex(result.out, /^00:00:\d\d\.\d{3} script drain node-1: node\/node-1 drained$/m);
});

test('the node-failure example script: NotReady after the grace period, eviction after tolerationSeconds, a clean return', async (t) => {
  const dir = await folder({ 'web.yaml': WEB });
  const result = await run(['--headless', '--for', '9m', '--script', 'examples/node-failure.script', dir]);
  t.is(result.code, 0, result.err);
  t.regex(result.out, /^00:00:30\.000 script kill-node node-1: node\/node-1 killed$/m);
  t.regex(result.out, /^00:01:20\.000 node-controller NodeNotReady Node\/node-1 Node node-1 status is now: NodeNotReady$/m);
  t.regex(result.out, /^00:06:2\d\.\d{3} taint-eviction-controller TaintManagerEviction Pod\/web-\S+ Marking for deletion Pod default\/web-\S+$/m);
  t.regex(result.out, /^00:08:00\.000 kubelet NodeReady Node\/node-1 Node node-1 status is now: NodeReady$/m);
  t.regex(result.out, /default +deployment\.apps\/web +3\/3 +3 +3/);
  t.notRegex(result.out, /Terminating/);
});

test('the drain example script parses and drains node-1 past its PodDisruptionBudget', async (t) => {
  const dir = await folder({
    'web.yaml': WEB,
    'pdb.yaml': 'apiVersion: policy/v1\nkind: PodDisruptionBudget\nmetadata: {name: web}\nspec:\n  minAvailable: 2\n  selector: {matchLabels: {app: web}}\n',
  });
  const result = await run(['--headless', '--for', '4m', '--script', 'examples/drain.script', dir]);
  t.is(result.code, 0, result.err);
  t.regex(result.out, /^00:01:00\.000 script drain node-1 --ignore-daemonsets --delete-emptydir-data: node\/node-1 cordoned$/m);
  t.regex(result.out, /script drain node-1: node\/node-1 drained$/m);
  t.regex(result.out, /^00:03:00\.000 script uncordon node-1: node\/node-1 uncordoned$/m);
  t.regex(result.out, /default +deployment\.apps\/web +3\/3 +3 +3/);
});

test('load on a Service makes its HorizontalPodAutoscaler scale up, and back down after the stabilization window', async (t) => {
  const hpa =
    'apiVersion: autoscaling/v2\nkind: HorizontalPodAutoscaler\nmetadata: {name: web}\nspec:\n  scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: web}\n' +
    '  minReplicas: 1\n  maxReplicas: 6\n  metrics:\n  - type: Resource\n    resource: {name: cpu, target: {type: Utilization, averageUtilization: 50}}\n';
  const requests = WEB.replace('        image: nginx:1.27\n', '        image: nginx:1.27\n        resources: {requests: {cpu: 100m}}\n');
  const dir = await folder({ 'web.yaml': requests, 'hpa.yaml': hpa });
  const scriptDir = await folder({ 's.txt': '30s load service/web 600\n6m load service/web 0\n' });
  const result = await run(['--headless', '--for', '14m', '--script', join(scriptDir, 's.txt'), dir]);
  t.is(result.code, 0, result.err);
  t.regex(result.out, /^00:00:30\.000 script load service\/web 600: service\/web: 600 requests\/s$/m);
  t.regex(result.out, /horizontal-pod-autoscaler SuccessfulRescale HorizontalPodAutoscaler\/web New size: 6; reason: cpu resource utilization \(percentage of request\) above target$/m);
  t.regex(result.out, /^00:1[01]:\d\d\.\d{3} horizontal-pod-autoscaler SuccessfulRescale HorizontalPodAutoscaler\/web New size: 1; reason: All metrics below target$/m);
  t.regex(result.out, /default +deployment\.apps\/web +1\/1 +1 +1/);
});
