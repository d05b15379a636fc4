import { kubectlTest, useKubectlFixture } from './kubectl-harness.js';

const { fixture, kubectl } = useKubectlFixture();

const DEPLOYMENT = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  replicas: 2
  selector:
    matchLabels: {app: web}
  template:
    metadata:
      labels: {app: web}
    spec:
      containers:
      - name: nginx
        image: nginx:1.27
`;

kubectlTest('kubectl version prints the client and the server version', async (t) => {
  const run = await kubectl('version');
  t.is(run.code, 0, run.stderr);
  t.regex(run.stdout, /^Client Version: v1\./m);
  t.regex(run.stdout, /^Server Version: v1\.32\.0$/m);
});

kubectlTest('kubectl get nodes prints the server-side table of the nodes', async (t) => {
  const run = await kubectl('get', 'nodes');
  t.is(run.code, 0, run.stderr);
  const lines = run.stdout.trimEnd().split('\n');
  t.regex(lines[0] ?? '', /^NAME\s+STATUS\s+ROLES\s+AGE\s+VERSION$/);
  t.regex(run.stdout, /^control-plane\s+Ready\s+control-plane\s+\S+\s+v1\.32\.0$/m);
  t.regex(run.stdout, /^node-1\s+Ready\s+<none>\s+/m);
  t.is(lines.length, 5);
});

kubectlTest('kubectl get pods -A prints every namespace from the rows\' metadata', async (t) => {
  const run = await kubectl('get', 'pods', '-A');
  t.is(run.code, 0, run.stderr);
  t.regex(run.stdout, /^NAMESPACE\s+NAME\s+READY\s+STATUS\s+RESTARTS\s+AGE$/m);
  t.regex(run.stdout, /^kube-system\s+kube-apiserver-control-plane\s+1\/1\s+Running\s+0\s+/m);
});

kubectlTest('kubectl apply -f creates a deployment that kubectl get -o yaml shows with its defaults', async (t) => {
  const file = await fixture().writeManifest('deployment.yaml', DEPLOYMENT);
  const applied = await kubectl('apply', '-f', file);
  t.is(applied.code, 0, applied.stderr);
  t.is(applied.stdout, 'deployment.apps/web created\n');
  const got = await kubectl('get', 'deploy', 'web', '-o', 'yaml');
  t.is(got.code, 0, got.stderr);
  t.regex(got.stdout, /^kind: Deployment$/m);
  t.regex(got.stdout, /^ {2}name: web$/m);
  t.regex(got.stdout, /kubectl\.kubernetes\.io\/last-applied-configuration/);
  t.regex(got.stdout, /^ {2}revisionHistoryLimit: 10$/m);
  const again = await kubectl('apply', '-f', file);
  t.is(again.stdout, 'deployment.apps/web unchanged\n');
});

kubectlTest('kubectl scale changes the replicas through the scale subresource', async (t) => {
  const run = await kubectl('scale', 'deployment', 'web', '--replicas=3');
  t.is(run.code, 0, run.stderr);
  t.is(run.stdout, 'deployment.apps/web scaled\n');
  const got = fixture().cluster.api.get('deployments.apps', 'default', 'web');
  t.is(got.ok && (got.value['spec'] as { replicas?: number }).replicas, 3);
});

kubectlTest('kubectl delete deploy web deletes it', async (t) => {
  const run = await kubectl('delete', 'deploy', 'web');
  t.is(run.code, 0, run.stderr);
  t.is(run.stdout, 'deployment.apps "web" deleted\n');
  t.false(fixture().cluster.api.get('deployments.apps', 'default', 'web').ok);
});

kubectlTest('kubectl get of a missing pod prints the NotFound Status and fails', async (t) => {
  const run = await kubectl('get', 'pod', 'nope');
  t.is(run.code, 1);
  t.is(run.stderr, 'Error from server (NotFound): pods "nope" not found\n');
});
