import type { KubeObject } from '../../src/api/types.js';
import { kubectlTest, useKubectlFixture } from './kubectl-harness.js';

// kubectl ≥ 1.32 sends these generator commands' bodies as protobuf from its typed clients.
const { fixture, kubectl } = useKubectlFixture();

function stored(resource: string, namespace: string, name: string): KubeObject | undefined {
  const got = fixture().cluster.api.get(resource, namespace, name);
  return got.ok ? got.value : undefined;
}

/** An object without what differs between two creations of it: uid, times, versions, status, cluster IPs. */
function comparable(object: KubeObject | undefined): unknown {
  if (object === undefined) return undefined;
  const uid = object.metadata.uid ?? '';
  const copy = JSON.parse(uid === '' ? JSON.stringify(object) : JSON.stringify(object).replaceAll(uid, 'UID')) as Record<string, unknown>;
  delete copy['status'];
  const meta = copy['metadata'] as Record<string, unknown>;
  for (const key of ['namespace', 'resourceVersion', 'creationTimestamp', 'generation']) delete meta[key];
  for (const entry of (meta['managedFields'] ?? []) as Record<string, unknown>[]) delete entry['time'];
  const spec = copy['spec'] as Record<string, unknown> | undefined;
  if (spec && copy['kind'] === 'Service') for (const key of ['clusterIP', 'clusterIPs']) delete spec[key];
  return copy;
}

/**
 * Runs a generator command (a protobuf body), then the same object through the JSON route
 * (`--dry-run=client -o json | kubectl create -f -`) in namespace `json-route`, and checks both
 * print `<kind>/<name> created` and store the same object.
 */
async function createBothWays(
  t: { is: (a: unknown, b: unknown, m?: string) => void; deepEqual: (a: unknown, b: unknown) => void },
  resource: string,
  printed: string,
  args: readonly string[],
  trailing: readonly string[] = [],
): Promise<KubeObject | undefined> {
  const run = await kubectl(...args, ...trailing);
  t.is(run.code, 0, run.stderr);
  t.is(run.stdout, `${printed} created\n`);
  const json = await kubectl(...args, '--dry-run=client', '-o', 'json', ...trailing);
  t.is(json.code, 0, json.stderr);
  const file = await fixture().writeManifest(`${printed.replace('/', '-')}.json`, json.stdout);
  const viaJson = await kubectl('create', '-n', 'json-route', '-f', file);
  t.is(viaJson.code, 0, viaJson.stderr);
  const name = printed.slice(printed.indexOf('/') + 1);
  const object = stored(resource, 'default', name);
  t.is(object?.metadata.name, name, 'stored');
  t.deepEqual(comparable(object), comparable(stored(resource, 'json-route', name)));
  return object;
}

kubectlTest('kubectl create namespace is decoded from protobuf', async (t) => {
  const run = await kubectl('create', 'namespace', 'team-a');
  t.is(run.code, 0, run.stderr);
  t.is(run.stdout, 'namespace/team-a created\n');
  t.truthy(stored('namespaces', '', 'team-a'));
  t.is((await kubectl('create', 'namespace', 'json-route')).code, 0);
});

kubectlTest('kubectl create configmap stores its literals', async (t) => {
  const object = await createBothWays(t, 'configmaps', 'configmap/cfg', ['create', 'configmap', 'cfg', '--from-literal=a=b', '--from-literal=c=d']);
  t.deepEqual((object as unknown as { data: unknown }).data, { a: 'b', c: 'd' });
});

kubectlTest('kubectl create secret generic stores its data base64-encoded', async (t) => {
  const object = await createBothWays(t, 'secrets', 'secret/s', ['create', 'secret', 'generic', 's', '--from-literal=p=q']);
  t.deepEqual((object as unknown as { data: unknown }).data, { p: 'cQ==' });
});

kubectlTest('kubectl create deployment makes a deployment whose pods run', async (t) => {
  await createBothWays(t, 'deployments.apps', 'deployment.apps/web', ['create', 'deployment', 'web', '--image=nginx:1.27', '--replicas=2', '--port=80']);
  fixture().cluster.clock.advance(120_000);
  const pods = fixture().cluster.api.list('pods', 'default', { labelSelector: 'app=web' });
  t.true(pods.ok);
  const phases = pods.ok ? pods.value.items.map((pod) => (pod as unknown as { status?: { phase?: string } }).status?.phase) : [];
  t.deepEqual(phases, ['Running', 'Running']);
});

kubectlTest('kubectl create service clusterip maps the port to the target port', async (t) => {
  const object = await createBothWays(t, 'services', 'service/web', ['create', 'service', 'clusterip', 'web', '--tcp=80:8080']);
  t.like((object as unknown as { spec: { ports: unknown[] } }).spec.ports[0], { port: 80, targetPort: 8080, protocol: 'TCP' });
});

kubectlTest('kubectl create job keeps the command after --', async (t) => {
  const object = await createBothWays(t, 'jobs.batch', 'job.batch/j', ['create', 'job', 'j', '--image=busybox'], ['--', 'echo', 'hi']);
  const spec = (object as unknown as { spec: { template: { spec: { containers: { command: string[] }[] } } } }).spec;
  t.deepEqual(spec.template.spec.containers[0]?.command, ['echo', 'hi']);
});

kubectlTest('kubectl create cronjob stores its schedule', async (t) => {
  const object = await createBothWays(t, 'cronjobs.batch', 'cronjob.batch/c', ['create', 'cronjob', 'c', '--image=busybox', '--schedule=*/1 * * * *']);
  t.is((object as unknown as { spec: { schedule: string } }).spec.schedule, '*/1 * * * *');
});

kubectlTest('kubectl create with --dry-run=server stores nothing', async (t) => {
  const run = await kubectl('create', 'configmap', 'dry', '--from-literal=a=b', '--dry-run=server');
  t.is(run.code, 0, run.stderr);
  t.is(run.stdout, 'configmap/dry created (server dry run)\n');
  t.is(stored('configmaps', 'default', 'dry'), undefined);
});

kubectlTest('the other generators of served kinds are decoded too', async (t) => {
  const cases: [string, string[]][] = [
    ['serviceaccount/robot', ['create', 'serviceaccount', 'robot']],
    ['resourcequota/q', ['create', 'quota', 'q', '--hard=cpu=1,memory=1G,pods=2']],
    ['priorityclass.scheduling.k8s.io/high', ['create', 'priorityclass', 'high', '--value=1000', '--description=important']],
    ['poddisruptionbudget.policy/pdb', ['create', 'poddisruptionbudget', 'pdb', '--selector=app=web', '--min-available=1']],
    ['ingress.networking.k8s.io/ing', ['create', 'ingress', 'ing', '--rule=foo.com/bar*=web:80']],
    ['secret/reg', ['create', 'secret', 'docker-registry', 'reg', '--docker-server=r.io', '--docker-username=u', '--docker-password=p']],
    ['service/np', ['create', 'service', 'nodeport', 'np', '--tcp=80:8080']],
    ['service/ext', ['create', 'service', 'externalname', 'ext', '--external-name=example.com']],
  ];
  for (const [printed, args] of cases) {
    const run = await kubectl(...args);
    t.is(run.code, 0, `${args.join(' ')}: ${run.stderr}`);
    t.is(run.stdout, `${printed} created\n`);
  }
  t.like(stored('resourcequotas', 'default', 'q'), { spec: { hard: { cpu: '1', memory: '1G', pods: '2' } } } as object);
});
