import { kubectlTest, useKubectlFixture } from './kubectl-harness.js';

const { fixture, kubectl } = useKubectlFixture();

function manifest(name: string, replicas: number, image = 'nginx:1.27', extraContainer = ''): string {
  return `apiVersion: apps/v1
kind: Deployment
metadata:
  name: ${name}
spec:
  replicas: ${replicas}
  selector:
    matchLabels: {app: ${name}}
  template:
    metadata:
      labels: {app: ${name}}
    spec:
      containers:
      - name: c
        image: ${image}
${extraContainer}`;
}

const SIDECAR = `      - name: sidecar
        image: busybox
        command: [sleep, infinity]
`;

interface Entry {
  manager: string;
  operation: string;
  subresource?: string;
}

async function managers(name: string): Promise<string[]> {
  const run = await kubectl('get', 'deployment', name, '-o', 'json', '--show-managed-fields');
  const object = JSON.parse(run.stdout) as { metadata: { managedFields?: Entry[] } };
  return (object.metadata.managedFields ?? []).map((e) => `${e.manager}/${e.operation}${e.subresource ? `/${e.subresource}` : ''}`);
}

async function replicas(name: string): Promise<string> {
  return (await kubectl('get', 'deployment', name, '-o', 'jsonpath={.spec.replicas}')).stdout;
}

kubectlTest('apply --server-side creates a deployment and prints serverside-applied', async (t) => {
  const file = await fixture().writeManifest('ssa-create.yaml', manifest('ssa', 2));
  const run = await kubectl('apply', '--server-side', '-f', file);
  t.is(run.code, 0, run.stderr);
  t.is(run.stdout, 'deployment.apps/ssa serverside-applied\n');
  t.deepEqual(await managers('ssa'), ['kubectl/Apply']);
  t.is(await replicas('ssa'), '2');
});

kubectlTest('get -o yaml hides managedFields unless --show-managed-fields', async (t) => {
  t.notRegex((await kubectl('get', 'deployment', 'ssa', '-o', 'yaml')).stdout, /managedFields/);
  const shown = await kubectl('get', 'deployment', 'ssa', '-o', 'yaml', '--show-managed-fields');
  t.regex(shown.stdout, /managedFields:\n {2}- apiVersion: apps\/v1\n {4}fieldsType: FieldsV1\n {4}fieldsV1:\n/);
  t.regex(shown.stdout, /f:replicas: \{\}/);
  t.regex(shown.stdout, /k:\{"name":"c"\}:/);
});

kubectlTest('apply --server-side updates, and removes what the manifest no longer has', async (t) => {
  const withSidecar = await fixture().writeManifest('ssa-sidecar.yaml', manifest('ssa', 3, 'nginx:1.28', SIDECAR));
  const first = await kubectl('apply', '--server-side', '-f', withSidecar);
  t.is(first.stdout, 'deployment.apps/ssa serverside-applied\n', first.stderr);
  t.is((await kubectl('get', 'deployment', 'ssa', '-o', 'jsonpath={.spec.template.spec.containers[*].name}')).stdout, 'c sidecar');
  const without = await fixture().writeManifest('ssa-plain.yaml', manifest('ssa', 3, 'nginx:1.28'));
  const second = await kubectl('apply', '--server-side', '-f', without);
  t.is(second.code, 0, second.stderr);
  t.is((await kubectl('get', 'deployment', 'ssa', '-o', 'jsonpath={.spec.template.spec.containers[*].name}')).stdout, 'c');
  t.is(await replicas('ssa'), '3');
});

kubectlTest('apply --server-side after kubectl scale conflicts on spec.replicas with kubectl advice', async (t) => {
  const scaled = await kubectl('scale', 'deployment', 'ssa', '--replicas=5');
  t.is(scaled.code, 0, scaled.stderr);
  t.deepEqual(await managers('ssa'), ['kubectl/Apply', 'kubectl/Update/scale']);
  const file = await fixture().writeManifest('ssa-plain.yaml', manifest('ssa', 3, 'nginx:1.28'));
  const run = await kubectl('apply', '--server-side', '-f', file);
  t.is(run.code, 1);
  t.true(
    run.stderr.startsWith(
      'error: Apply failed with 1 conflict: conflict with "kubectl" with subresource "scale" using apps/v1: .spec.replicas\n' +
        'Please review the fields above--they currently have other managers.',
    ),
    run.stderr,
  );
  t.regex(run.stderr, /re-run the apply\n {2}command with the `--force-conflicts` flag/);
  t.is(await replicas('ssa'), '5');
});

kubectlTest('apply --server-side --force-conflicts takes spec.replicas back', async (t) => {
  const file = await fixture().writeManifest('ssa-plain.yaml', manifest('ssa', 3, 'nginx:1.28'));
  const run = await kubectl('apply', '--server-side', '--force-conflicts', '-f', file);
  t.is(run.code, 0, run.stderr);
  t.is(run.stdout, 'deployment.apps/ssa serverside-applied\n');
  t.is(await replicas('ssa'), '3');
  t.deepEqual(await managers('ssa'), ['kubectl/Apply']);
});

kubectlTest('apply --server-side --dry-run=server changes nothing', async (t) => {
  const file = await fixture().writeManifest('ssa-dry.yaml', manifest('ssa', 7, 'nginx:1.28'));
  const run = await kubectl('apply', '--server-side', '--dry-run=server', '-f', file);
  t.is(run.code, 0, run.stderr);
  t.is(run.stdout, 'deployment.apps/ssa serverside-applied (server dry run)\n');
  t.is(await replicas('ssa'), '3');
  const fresh = await fixture().writeManifest('ssa-dry-new.yaml', manifest('ssa-dry', 1));
  const created = await kubectl('apply', '--server-side', '--dry-run=server', '-f', fresh);
  t.is(created.stdout, 'deployment.apps/ssa-dry serverside-applied (server dry run)\n', created.stderr);
  t.regex((await kubectl('get', 'deployment', 'ssa-dry')).stderr, /NotFound|not found/);
});

kubectlTest('client-side apply then apply --server-side hands the fields over to kubectl', async (t) => {
  const file = await fixture().writeManifest('handoff.yaml', manifest('handoff', 2, 'nginx:1.27', SIDECAR));
  const created = await kubectl('apply', '-f', file);
  t.is(created.stdout, 'deployment.apps/handoff created\n', created.stderr);
  t.deepEqual(await managers('handoff'), ['kubectl-client-side-apply/Update']);
  const next = await fixture().writeManifest('handoff.yaml', manifest('handoff', 4, 'nginx:1.28'));
  const run = await kubectl('apply', '--server-side', '-f', next);
  t.is(run.code, 0, run.stderr);
  t.is(run.stderr, '');
  t.is(run.stdout, 'deployment.apps/handoff serverside-applied\n');
  t.is(await replicas('handoff'), '4');
  t.deepEqual(await managers('handoff'), ['kubectl/Apply', 'kubectl-last-applied/Apply']);
  t.is((await kubectl('get', 'deployment', 'handoff', '-o', 'jsonpath={.spec.template.spec.containers[*].image}')).stdout, 'nginx:1.28');
  t.is((await kubectl('get', 'deployment', 'handoff', '-o', 'jsonpath={.spec.template.spec.containers[*].name}')).stdout, 'c', 'the sidecar only client-side apply set is gone');
});
