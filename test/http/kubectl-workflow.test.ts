/**
 * The everyday kubectl workflow against the playground, each step's output compared with what
 * kubectl 1.32 prints against a kind cluster: create/apply/delete, scale, rollouts, cordon and
 * drain, label/annotate/patch, run/expose, wait, events and api-resources.
 */
import { kubectlTest, tableRows, useKubectlFixture, type KubectlRun } from './kubectl-harness.js';

const { fixture, kubectl } = useKubectlFixture();

const WEB = (image: string, replicas: number): string => `apiVersion: apps/v1
kind: Deployment
metadata: {name: web, labels: {app: web}}
spec:
  replicas: ${replicas}
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec:
      containers: [{name: nginx, image: "${image}", ports: [{containerPort: 80}]}]
`;

/** Runs kubectl while the virtual clock moves on by half a second every few real milliseconds. */
function kubectlAdvancing(...args: string[]): Promise<KubectlRun> {
  return fixture().kubectlAdvancing({ stepMs: 500, maxVirtualMs: 600_000 }, ...args);
}

function settle(ms = 30_000): void {
  for (let moved = 0; moved < ms; moved += 500) fixture().cluster.clock.advance(500);
}

function out(run: KubectlRun): [number, string, string] {
  return [run.code, run.stdout, run.stderr];
}

kubectlTest('kubectl version -o json prints the client and the kind-like server version', async (t) => {
  const run = await kubectl('version', '-o', 'json');
  t.is(run.code, 0, run.stderr);
  const version = JSON.parse(run.stdout) as { serverVersion: Record<string, string> };
  t.like(version.serverVersion, { major: '1', minor: '32', gitVersion: 'v1.32.0', platform: 'linux/amd64' });
});

kubectlTest('kubectl create -f creates, and a second create is AlreadyExists', async (t) => {
  const file = await fixture().writeManifest('web.yaml', WEB('nginx:1.27', 2));
  t.deepEqual(out(await kubectl('create', '-f', file)), [0, 'deployment.apps/web created\n', '']);
  const again = await kubectl('create', '-f', file);
  t.deepEqual(out(again), [1, '', `Error from server (AlreadyExists): error when creating "${file}": deployments.apps "web" already exists\n`]);
  settle();
});

kubectlTest('kubectl apply -f creates, leaves unchanged, then configures', async (t) => {
  const file = await fixture().writeManifest('api.yaml', WEB('nginx:1.27', 1).replaceAll('web', 'api'));
  t.deepEqual(out(await kubectl('apply', '-f', file)), [0, 'deployment.apps/api created\n', '']);
  t.deepEqual(out(await kubectl('apply', '-f', file)), [0, 'deployment.apps/api unchanged\n', '']);
  await fixture().writeManifest('api.yaml', WEB('nginx:1.27', 2).replaceAll('web', 'api'));
  t.deepEqual(out(await kubectl('apply', '-f', file)), [0, 'deployment.apps/api configured\n', '']);
  settle();
  t.regex((await kubectl('get', 'deploy', 'api')).stdout, /^api\s+2\/2\s+2\s+2\s+\S+$/m);
});

kubectlTest('kubectl delete -f deletes the deployment, and its replica set and pods go once the clock moves', async (t) => {
  const file = `${fixture().dir}/api.yaml`;
  t.deepEqual(out(await kubectl('delete', '-f', file)), [0, 'deployment.apps "api" deleted\n', '']);
  settle(40_000);
  t.deepEqual(out(await kubectl('get', 'rs,pods', '-l', 'app=api')), [0, '', 'No resources found in default namespace.\n']);
});

kubectlTest('kubectl scale changes the replicas, and a missing deployment fails as kubectl 1.32 reports it', async (t) => {
  t.deepEqual(out(await kubectl('scale', 'deployment', 'web', '--replicas=3')), [0, 'deployment.apps/web scaled\n', '']);
  settle();
  t.regex((await kubectl('get', 'deploy', 'web')).stdout, /^web\s+3\/3\s+3\s+3\s+\S+$/m);
  // kubectl 1.32 wraps the server's NotFound ("no objects passed to scale %w"), so it loses the
  // "Error from server (NotFound)" prefix; the server answers the same 404 Status as kube-apiserver.
  const missing = await kubectl('scale', 'deployment/nope', '--replicas=2');
  t.deepEqual(out(missing), [1, '', 'error: no objects passed to scale deployments.apps "nope" not found\n']);
});

kubectlTest('kubectl set image then rollout status waits for the new replica set', async (t) => {
  t.deepEqual(out(await kubectl('set', 'image', 'deploy/web', 'nginx=nginx:1.28')), [0, 'deployment.apps/web image updated\n', '']);
  const status = await kubectlAdvancing('rollout', 'status', 'deploy/web');
  t.is(status.code, 0, status.stderr);
  const lines = status.stdout.trimEnd().split('\n');
  t.is(lines.at(-1), 'deployment "web" successfully rolled out');
  for (const line of lines.slice(0, -1)) {
    t.regex(line, /^Waiting for deployment "web" rollout to finish: (\d+ out of 3 new replicas have been updated|\d+ old replicas are pending termination|\d+ of 3 updated replicas are available)\.\.\.$|^Waiting for deployment spec update to be observed\.\.\.$/);
  }
  t.regex((await kubectl('get', 'deploy', 'web', '-o', 'wide')).stdout, /^web\s+3\/3\s+3\s+3\s+\S+\s+nginx\s+nginx:1\.28\s+app=web$/m);
});

kubectlTest('kubectl rollout history, undo, restart, pause and resume', async (t) => {
  const history = await kubectl('rollout', 'history', 'deploy/web');
  t.deepEqual(out(history), [0, 'deployment.apps/web \nREVISION  CHANGE-CAUSE\n1         <none>\n2         <none>\n\n', '']);
  const revision = await kubectl('rollout', 'history', 'deploy/web', '--revision=2');
  t.regex(revision.stdout, /^deployment\.apps\/web with revision #2\nPod Template:\n {2}Labels:\tapp=web\n\tpod-template-hash=[0-9a-f]+\n {2}Containers:\n {3}nginx:\n {4}Image:\tnginx:1\.28\n/);
  t.deepEqual(out(await kubectl('rollout', 'undo', 'deploy/web')), [0, 'deployment.apps/web rolled back\n', '']);
  const rolled = await kubectlAdvancing('rollout', 'status', 'deploy/web');
  t.regex(rolled.stdout, /deployment "web" successfully rolled out\n$/);
  t.is((await kubectl('get', 'deploy', 'web', '-o', 'jsonpath={.spec.template.spec.containers[0].image}')).stdout, 'nginx:1.27');
  t.deepEqual(out(await kubectl('rollout', 'restart', 'deploy/web')), [0, 'deployment.apps/web restarted\n', '']);
  const restartedAt = await kubectl('get', 'deploy', 'web', '-o', 'jsonpath={.spec.template.metadata.annotations.kubectl\\.kubernetes\\.io/restartedAt}');
  t.regex(restartedAt.stdout, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
  t.deepEqual(out(await kubectl('rollout', 'pause', 'deploy/web')), [0, 'deployment.apps/web paused\n', '']);
  t.deepEqual(out(await kubectl('rollout', 'pause', 'deploy/web')), [1, '', 'error: deployments.apps "web" is already paused\n']);
  t.deepEqual(out(await kubectl('rollout', 'resume', 'deploy/web')), [0, 'deployment.apps/web resumed\n', '']);
  const done = await kubectlAdvancing('rollout', 'status', 'deploy/web');
  t.regex(done.stdout, /deployment "web" successfully rolled out\n$/);
});

kubectlTest('kubectl wait --for=condition=Available returns once the deployment is available', async (t) => {
  const file = await fixture().writeManifest('late.yaml', WEB('nginx:1.27', 1).replaceAll('web', 'late'));
  await kubectl('apply', '-f', file);
  const run = await kubectlAdvancing('wait', '--for=condition=Available', 'deploy/late', '--timeout=120s');
  t.deepEqual(out(run), [0, 'deployment.apps/late condition met\n', '']);
});

kubectlTest('kubectl label and annotate patch the metadata, and refuse to overwrite without --overwrite', async (t) => {
  t.deepEqual(out(await kubectl('run', 'tmp', '--image=busybox', '--', 'sleep', '3600')), [0, 'pod/tmp created\n', '']);
  t.deepEqual(out(await kubectl('label', 'pod', 'tmp', 'tier=fe')), [0, 'pod/tmp labeled\n', '']);
  t.deepEqual(out(await kubectl('label', 'pod', 'tmp', 'tier=be')), [1, '', "error: 'tier' already has a value (fe), and --overwrite is false\n"]);
  t.deepEqual(out(await kubectl('label', 'pod', 'tmp', 'tier=be', '--overwrite')), [0, 'pod/tmp labeled\n', '']);
  t.deepEqual(out(await kubectl('label', 'pod', 'tmp', 'tier-')), [0, 'pod/tmp unlabeled\n', '']);
  t.deepEqual(out(await kubectl('annotate', 'pod', 'tmp', 'note=hi')), [0, 'pod/tmp annotated\n', '']);
  const pod = JSON.parse((await kubectl('get', 'pod', 'tmp', '-o', 'json')).stdout) as {
    metadata: { labels: Record<string, string>; annotations: Record<string, string> };
    spec: { containers: Array<{ args?: string[]; command?: string[] }> };
  };
  t.deepEqual(pod.metadata.labels, { run: 'tmp' });
  t.is(pod.metadata.annotations['note'], 'hi');
  t.deepEqual(pod.spec.containers[0]?.args, ['sleep', '3600']);
});

kubectlTest('kubectl patch applies json, merge and strategic patches', async (t) => {
  const json = await kubectl('patch', 'deploy', 'web', '--type=json', '-p', '[{"op":"replace","path":"/spec/replicas","value":2}]');
  t.deepEqual(out(json), [0, 'deployment.apps/web patched\n', '']);
  const merge = await kubectl('patch', 'deploy', 'web', '--type=merge', '-p', '{"metadata":{"labels":{"team":"a"}}}');
  t.deepEqual(out(merge), [0, 'deployment.apps/web patched\n', '']);
  const strategic = await kubectl('patch', 'deploy', 'web', '-p', '{"spec":{"template":{"spec":{"containers":[{"name":"nginx","env":[{"name":"A","value":"1"}]}]}}}}');
  t.deepEqual(out(strategic), [0, 'deployment.apps/web patched\n', '']);
  const same = await kubectl('patch', 'deploy', 'web', '--type=merge', '-p', '{"spec":{"replicas":2}}');
  t.deepEqual(out(same), [0, 'deployment.apps/web patched (no change)\n', '']);
  const got = await kubectl('get', 'deploy', 'web', '-o', 'jsonpath={.spec.replicas} {.metadata.labels.team} {.spec.template.spec.containers[0].image} {.spec.template.spec.containers[0].env[0].value}');
  t.is(got.stdout, '2 a nginx:1.27 1');
  const bad = await kubectl('patch', 'deploy', 'web', '--type=json', '-p', '[{"op":"remove","path":"/spec/nothing"}]');
  // kube-apiserver answers NewGenericServerResponse(422): no kind or name, the patch error as the cause.
  t.deepEqual(out(bad), [1, '', "The request is invalid: : error in remove for path: '/spec/nothing': Unable to remove nonexistent key: nothing: missing value\n"]);
  settle();
});

kubectlTest('kubectl delete with --dry-run=server keeps the pod, and a missing pod is NotFound', async (t) => {
  t.deepEqual(out(await kubectl('delete', 'pod', 'tmp', '--dry-run=server')), [0, 'pod "tmp" deleted (server dry run)\n', '']);
  t.is((await kubectl('get', 'pod', 'tmp', '-o', 'name')).stdout, 'pod/tmp\n');
  t.deepEqual(out(await kubectl('delete', 'pod', 'nope')), [1, '', 'Error from server (NotFound): pods "nope" not found\n']);
});

kubectlTest('kubectl expose deployment creates a ClusterIP service with the deployment selector', async (t) => {
  t.deepEqual(out(await kubectl('expose', 'deployment', 'web', '--port=80')), [0, 'service/web exposed\n', '']);
  const row = tableRows((await kubectl('get', 'svc', 'web', '-o', 'wide')).stdout)[1] ?? [];
  t.deepEqual([row[0], row[1], row[3], row[4], row[6]], ['web', 'ClusterIP', '<none>', '80/TCP', 'app=web']);
  settle(5000);
  t.regex((await kubectl('get', 'ep', 'web')).stdout, /^web\s+10\.244\.\d+\.\d+:80,10\.244\.\d+\.\d+:80\s+\S+$/m);
});

kubectlTest('kubectl get events filters by involved object and sorts by last timestamp', async (t) => {
  const run = await kubectl('get', 'events', '--field-selector', 'involvedObject.name=tmp');
  t.is(run.code, 0, run.stderr);
  const reasons = tableRows(run.stdout).slice(1).map((cells) => `${cells[2]} ${cells[3]}`);
  t.deepEqual(reasons, ['Scheduled pod/tmp', 'Pulling pod/tmp', 'Pulled pod/tmp', 'Created pod/tmp', 'Started pod/tmp']);
  const sorted = await kubectl('get', 'events', '--sort-by=.lastTimestamp', '-o', 'jsonpath={range .items[*]}{.lastTimestamp}{"\\n"}{end}');
  const stamps = sorted.stdout.trimEnd().split('\n');
  t.true(stamps.length > 10);
  t.deepEqual(stamps, [...stamps].sort());
  const wide = await kubectl('get', 'events', '--field-selector', 'involvedObject.name=tmp,reason=Pulling', '-o', 'wide');
  t.is(tableRows(wide.stdout)[0]?.join(' '), 'LAST SEEN TYPE REASON OBJECT SUBOBJECT SOURCE MESSAGE FIRST SEEN COUNT NAME');
  const cells = tableRows(wide.stdout)[1] ?? [];
  t.deepEqual(cells.slice(1, 6), ['Normal', 'Pulling', 'pod/tmp', 'spec.containers{tmp}', `kubelet, ${/to (\S+)$/.exec(run.stdout.split('\n')[1] ?? '')?.[1] ?? '?'}`]);
  t.is(cells[6], 'Pulling image "busybox"');
  t.is(cells[8], '1');
  t.regex(cells[9] ?? '', /^tmp\.[0-9a-f]{16}$/);
  await kubectl('delete', 'pod', 'tmp', '--wait=false');
  settle(40_000);
});

kubectlTest('kubectl api-resources lists the served resources with their columns', async (t) => {
  const run = await kubectl('api-resources');
  t.is(run.code, 0, run.stderr);
  const rows = tableRows(run.stdout);
  t.deepEqual(rows[0], ['NAME', 'SHORTNAMES', 'APIVERSION', 'NAMESPACED', 'KIND']);
  const find = (name: string, list = rows): string[] | undefined => list.find((cells) => cells[0] === name);
  t.deepEqual(find('pods'), ['pods', 'po', 'v1', 'true', 'Pod']);
  t.deepEqual(find('deployments'), ['deployments', 'deploy', 'apps/v1', 'true', 'Deployment']);
  t.deepEqual(find('nodes'), ['nodes', 'no', 'v1', 'false', 'Node']);
  t.deepEqual(find('horizontalpodautoscalers'), ['horizontalpodautoscalers', 'hpa', 'autoscaling/v2', 'true', 'HorizontalPodAutoscaler']);
  const cluster = await kubectl('api-resources', '--namespaced=false');
  t.true(tableRows(cluster.stdout).slice(1).every((cells) => cells.at(-2) === 'false'));
  t.truthy(find('persistentvolumes', tableRows(cluster.stdout)));
  const wide = await kubectl('api-resources', '-o', 'wide');
  t.deepEqual(tableRows(wide.stdout)[0], ['NAME', 'SHORTNAMES', 'APIVERSION', 'NAMESPACED', 'KIND', 'VERBS', 'CATEGORIES']);
  t.deepEqual(find('pods', tableRows(wide.stdout))?.slice(5), ['create,delete,deletecollection,get,list,patch,update,watch', 'all']);
  t.deepEqual(find('events', tableRows(wide.stdout))?.slice(5), ['create,delete,deletecollection,get,list,patch,update,watch']);
});

kubectlTest('kubectl cordon and uncordon mark the node SchedulingDisabled and back', async (t) => {
  t.deepEqual(out(await kubectl('cordon', 'node-2')), [0, 'node/node-2 cordoned\n', '']);
  t.deepEqual(out(await kubectl('cordon', 'node-2')), [0, 'node/node-2 already cordoned\n', '']);
  t.regex((await kubectl('get', 'nodes')).stdout, /^node-2\s+Ready,SchedulingDisabled\s+<none>\s+\S+\s+v1\.32\.0$/m);
  t.deepEqual(out(await kubectl('uncordon', 'node-2')), [0, 'node/node-2 uncordoned\n', '']);
  t.deepEqual(out(await kubectl('uncordon', 'node-2')), [0, 'node/node-2 already uncordoned\n', '']);
  t.regex((await kubectl('get', 'nodes')).stdout, /^node-2\s+Ready\s+<none>\s+\S+\s+v1\.32\.0$/m);
});

kubectlTest('kubectl drain refuses bare pods, then evicts with --force', async (t) => {
  await kubectl('run', 'bare', '--image=nginx:1.27', '--overrides={"spec":{"nodeName":"node-1"}}');
  settle(5000);
  const refused = await kubectl('drain', 'node-1', '--ignore-daemonsets', '--delete-emptydir-data');
  t.is(refused.code, 1);
  t.is(refused.stdout, 'node/node-1 cordoned\n');
  // "cannot delete cannot delete" is kubectl 1.32's own wording (podDeleteList.errors).
  t.regex(refused.stderr, /^error: unable to drain node "node-1" due to error: cannot delete cannot delete Pods that declare no controller \(use --force to override\): default\/bare, continuing command\.\.\.\nThere are pending nodes to be drained:\n node-1\ncannot delete cannot delete Pods that declare no controller \(use --force to override\): default\/bare\n$/);
  const forced = await kubectlAdvancing('drain', 'node-1', '--ignore-daemonsets', '--delete-emptydir-data', '--force');
  t.is(forced.code, 0, forced.stderr);
  const lines = forced.stdout.trimEnd().split('\n');
  t.is(lines[0], 'node/node-1 already cordoned');
  t.is(lines.at(-1), 'node/node-1 drained');
  t.true(lines.includes('evicting pod default/bare'));
  t.true(lines.includes('pod/bare evicted'));
  t.regex(forced.stderr, /^Warning: deleting Pods that declare no controller: default\/bare\n$/);
  t.regex((await kubectl('get', 'pods', '-A', '--field-selector', 'spec.nodeName=node-1')).stderr, /^No resources found\n$/);
  t.deepEqual(out(await kubectl('uncordon', 'node-1')), [0, 'node/node-1 uncordoned\n', '']);
});

kubectlTest('kubectl drain retries an eviction a PodDisruptionBudget refuses with 429', async (t) => {
  const pdb = await fixture().writeManifest('pdb.yaml', 'apiVersion: policy/v1\nkind: PodDisruptionBudget\nmetadata: {name: web}\nspec:\n  minAvailable: 2\n  selector: {matchLabels: {app: web}}\n');
  await kubectl('apply', '-f', pdb);
  settle(5000);
  const node = (await kubectl('get', 'pods', '-l', 'app=web', '-o', 'jsonpath={.items[0].spec.nodeName}')).stdout;
  const pod = (await kubectl('get', 'pods', '-l', 'app=web', '-o', 'jsonpath={.items[0].metadata.name}')).stdout;
  const draining = kubectlAdvancing('drain', node, '--ignore-daemonsets', '--delete-emptydir-data', '--force', '--pod-selector=app=web');
  // Let the first eviction be refused, then scale up so that the retry 5 s later is allowed.
  setTimeout(() => void kubectl('scale', 'deploy/web', '--replicas=3'), 1500);
  const run = await draining;
  t.is(run.code, 0, run.stderr);
  t.true(run.stderr.includes(`error when evicting pods/"${pod}" -n "default" (will retry after 5s): Cannot evict pod as it would violate the pod's disruption budget.\n`), run.stderr);
  t.regex(run.stdout, new RegExp(`pod/${pod} evicted\\nnode/${node} drained\\n$`));
  await kubectl('uncordon', node);
});
