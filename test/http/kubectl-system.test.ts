import { kubectlTest, useKubectlFixture } from './kubectl-harness.js';

const { fixture, kubectl } = useKubectlFixture();

kubectlTest('kubectl get pc lists the two system priority classes', async (t) => {
  const run = await kubectl('get', 'pc');
  t.is(run.code, 0, run.stderr);
  const lines = run.stdout.trimEnd().split('\n');
  t.regex(lines[0] ?? '', /^NAME\s+VALUE\s+GLOBAL-DEFAULT\s+AGE\s+PREEMPTIONPOLICY$/);
  t.regex(lines[1] ?? '', /^system-cluster-critical\s+2000000000\s+false\s+\S+\s+PreemptLowerPriority$/);
  t.regex(lines[2] ?? '', /^system-node-critical\s+2000001000\s+false\s+\S+\s+PreemptLowerPriority$/);
  t.is(lines.length, 3);
});

kubectlTest('kubectl get leases -n kube-system shows the control plane leaders', async (t) => {
  const run = await kubectl('get', 'leases', '-n', 'kube-system');
  t.is(run.code, 0, run.stderr);
  t.regex(run.stdout, /^NAME\s+HOLDER\s+AGE$/m);
  t.regex(run.stdout, /^kube-controller-manager\s+control-plane_[0-9a-f-]{36}\s+\S+$/m);
  t.regex(run.stdout, /^kube-scheduler\s+control-plane_[0-9a-f-]{36}\s+\S+$/m);
});

kubectlTest('every node carries the ttl annotation 0', async (t) => {
  const run = await kubectl('get', 'no', '-o', 'jsonpath={range .items[*]}{.metadata.name}={.metadata.annotations.node\\.alpha\\.kubernetes\\.io/ttl}{"\\n"}{end}');
  t.is(run.code, 0, run.stderr);
  t.deepEqual(run.stdout.trimEnd().split('\n'), ['control-plane=0', 'node-1=0', 'node-2=0', 'node-3=0']);
  const yaml = await kubectl('get', 'no', 'node-1', '-o', 'yaml');
  t.regex(yaml.stdout, /^ {4}node\.alpha\.kubernetes\.io\/ttl: "0"$/m);
});

kubectlTest('kubectl api-resources lists bindings and componentstatuses as 1.32 does', async (t) => {
  const run = await kubectl('api-resources');
  t.is(run.code, 0, run.stderr);
  t.regex(run.stdout, /^bindings\s+v1\s+true\s+Binding$/m);
  t.regex(run.stdout, /^componentstatuses\s+cs\s+v1\s+false\s+ComponentStatus$/m);
});

kubectlTest('kubectl get cs warns that ComponentStatus is deprecated and reports each component, healthy or not', async (t) => {
  const run = await kubectl('get', 'cs');
  t.is(run.code, 0, run.stderr);
  t.is(run.stderr, 'Warning: v1 ComponentStatus is deprecated in v1.19+\n');
  t.regex(run.stdout, /^NAME\s+STATUS\s+MESSAGE\s+ERROR$/m);
  for (const name of ['scheduler', 'controller-manager', 'etcd-0']) t.regex(run.stdout, new RegExp(`^${name}\\s+Healthy\\s+ok\\s*$`, 'm'));
  fixture().cluster.component('kube-scheduler')?.stop();
  const down = await kubectl('get', 'cs', 'scheduler');
  fixture().cluster.component('kube-scheduler')?.start();
  t.regex(down.stdout, /^scheduler\s+Unhealthy\s+Get "https:\/\/127\.0\.0\.1:10259\/healthz": dial tcp 127\.0\.0\.1:10259: connect: connection refused$/m);
});

kubectlTest('a Binding posted to the namespace bindings collection binds the pod', async (t) => {
  const pod = await fixture().writeManifest(
    'pending.yaml',
    'apiVersion: v1\nkind: Pod\nmetadata:\n  name: pending\nspec:\n  schedulerName: nobody\n  containers:\n  - name: c\n    image: nginx\n',
  );
  t.is((await kubectl('create', '-f', pod)).code, 0);
  const binding = await fixture().writeManifest('binding.yaml', 'apiVersion: v1\nkind: Binding\nmetadata:\n  name: pending\ntarget:\n  kind: Node\n  name: node-2\n');
  const run = await kubectl('create', '-f', binding);
  t.is(run.code, 0, run.stderr);
  // kube-apiserver answers a Binding with a Success Status (BindingREST), which kubectl names as it can.
  t.regex(run.stdout, / created\n$/);
  const node = await kubectl('get', 'pod', 'pending', '-o', 'jsonpath={.spec.nodeName}');
  t.is(node.stdout, 'node-2');
});
