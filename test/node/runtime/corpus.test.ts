/**
 * The corpus manifests whose outcome depends on what containers do (INDEX.tsv notes `runtime:`,
 * and every other container in the corpus): their pods fed straight to the simulated runtime.
 */
import test from 'ava';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadAll } from 'js-yaml';
import type { JsonObject, KubeObject } from '../../../src/api/types.js';
import { Random } from '../../../src/api/random.js';
import { createContainerRuntime } from '../../../src/node/runtime/container-runtime.js';

const CORPUS = fileURLToPath(new URL('../../../../../shared/corpus/k8s-examples/', import.meta.url));
const POD_IP = '10.244.2.9';
const runtime = createContainerRuntime(new Random('corpus'));

/** The pods a manifest file makes: Pods as written, workloads' pod templates as pods. */
function podsOf(file: string): KubeObject[] {
  const docs = loadAll(readFileSync(join(CORPUS, file), 'utf8')) as (JsonObject | null)[];
  const pods: KubeObject[] = [];
  for (const doc of docs) {
    if (!doc) continue;
    const metadata = (doc['metadata'] ?? {}) as { name?: string };
    const spec = doc['spec'] as { template?: JsonObject; jobTemplate?: { spec: { template: JsonObject } } } | undefined;
    if (doc['kind'] === 'Pod') pods.push({ ...(doc as unknown as KubeObject), status: { podIP: POD_IP } });
    const template = spec?.template ?? spec?.jobTemplate?.spec.template;
    if (template) {
      const templateMeta = (template['metadata'] ?? {}) as Record<string, unknown>;
      pods.push({ apiVersion: 'v1', kind: 'Pod', metadata: { ...templateMeta, name: `${metadata.name}-abcde` }, spec: template['spec'], status: { podIP: POD_IP } });
    }
  }
  return pods;
}

function containers(pod: KubeObject, kind: 'containers' | 'initContainers' = 'containers'): JsonObject[] {
  return ((pod['spec'] as Record<string, JsonObject[] | undefined>)[kind] ?? []);
}

/** The one pod of `file` and its container called `name` (init containers included). */
function containerOf(file: string, name: string): { pod: KubeObject; container: JsonObject } {
  for (const pod of podsOf(file)) {
    const found = [...containers(pod, 'initContainers'), ...containers(pod)].find((c) => c['name'] === name);
    if (found) return { pod, container: found };
  }
  throw new Error(`no container ${name} in ${file}`);
}

const plan = (file: string, name: string, restartCount = 0) => {
  const { pod, container } = containerOf(file, name);
  return runtime.planContainer(pod, container, restartCount);
};

const probeAt = (file: string, name: string, kind: 'liveness' | 'readiness', sinceStartMs: number) => {
  const { pod, container } = containerOf(file, name);
  return runtime.probe(pod, container, kind, container[`${kind}Probe`] as JsonObject, sinceStartMs);
};

test('two-container-pod: the debian container writes the page and completes at once; nginx keeps serving', (t) => {
  t.like(plan('website/pods/two-container-pod.yaml', 'debian-container'), { exitAfterMs: 0, exitCode: 0, reason: 'Completed' });
  t.is(plan('website/pods/two-container-pod.yaml', 'nginx-container').exitAfterMs, undefined);
});

test('commands: printenv prints HOSTNAME and KUBERNETES_PORT and exits 0', (t) => {
  t.like(plan('website/pods/commands.yaml', 'command-demo-container'), {
    exitAfterMs: 0,
    exitCode: 0,
    reason: 'Completed',
    log: 'command-demo\ntcp://10.96.0.1:443\n',
  });
});

test('exec-liveness: cat /tmp/healthy passes for 30 s, then fails with busybox wording', (t) => {
  const file = 'website/pods/probe/exec-liveness.yaml';
  for (const at of [5000, 10_000, 25_000]) t.true(probeAt(file, 'liveness', 'liveness', at).success, `at ${at}`);
  for (const at of [30_000, 35_000, 300_000]) {
    t.deepEqual(probeAt(file, 'liveness', 'liveness', at), { success: false, message: "cat: can't open '/tmp/healthy': No such file or directory" });
  }
  t.deepEqual(plan(file, 'liveness'), { exitAfterMs: 630_000, exitCode: 0, reason: 'Completed' });
});

test('tcp-liveness-readiness: goproxy listens on 8080, so both probes pass', (t) => {
  const file = 'website/pods/probe/tcp-liveness-readiness.yaml';
  t.true(probeAt(file, 'goproxy', 'readiness', 15_000).success);
  t.true(probeAt(file, 'goproxy', 'liveness', 25_000).success);
  t.is(plan(file, 'goproxy').exitAfterMs, undefined);
});

test('memory-request-limit-2: stress 250M over a 100Mi limit is OOMKilled on every run', (t) => {
  for (const restarts of [0, 1, 5]) {
    t.like(plan('website/pods/resource/memory-request-limit-2.yaml', 'memory-demo-2-ctr', restarts), { exitAfterMs: 1000, exitCode: 137, reason: 'OOMKilled' });
  }
  t.is(plan('website/pods/resource/memory-request-limit-3.yaml', 'memory-demo-3-ctr').exitAfterMs, undefined);
});

test('job-pod-failure-policy-example: bash says hello, sleeps 5 s and exits 42', (t) => {
  t.like(plan('website/controllers/job-pod-failure-policy-example.yaml', 'main'), { exitAfterMs: 5000, exitCode: 42, reason: 'Error', log: 'Hello world!\n' });
});

test('termination: the container exits 0 after 10 s with the message it wrote', (t) => {
  t.deepEqual(plan('website/debug/termination.yaml', 'termination-demo-container'), {
    exitAfterMs: 10_000,
    exitCode: 0,
    reason: 'Completed',
    message: 'Sleep expired\n',
  });
});

test('init-containers: the wget init container completes after its request; nginx then serves', (t) => {
  t.like(plan('website/pods/init-containers.yaml', 'install'), { exitAfterMs: 300, exitCode: 0, reason: 'Completed' });
  t.is(plan('website/pods/init-containers.yaml', 'nginx').exitAfterMs, undefined);
});

test('short-lived commands complete: job pi, cronjob hello, indexed job, dotfile ls, configmap ls', (t) => {
  const completes = [
    ['website/controllers/job.yaml', 'pi'],
    ['website/application/job/cronjob.yaml', 'hello'],
    ['website/application/job/indexed-job.yaml', 'input'],
    ['website/application/job/indexed-job.yaml', 'worker'],
    ['website/application/job/job-sidecar.yaml', 'myjob'],
    ['website/secret/dotfile-secret.yaml', 'dotfile-test-container'],
    ['website/pods/pod-configmap-volume.yaml', 'test-container'],
  ] as const;
  for (const [file, name] of completes) t.like(plan(file, name), { exitCode: 0, reason: 'Completed' }, `${file} ${name}`);
});

test('sidecars: tail -F and the logging loop run until stopped and ignore SIGTERM as PID 1', (t) => {
  t.deepEqual(plan('website/application/job/job-sidecar.yaml', 'logshipper'), {});
  t.deepEqual(plan('website/application/deployment-sidecar.yaml', 'logshipper'), {});
  t.deepEqual(plan('website/application/deployment-sidecar.yaml', 'myapp'), {});
});

test('private-reg-pod: the placeholder image is InvalidImageName', (t) => {
  const { pod, container } = containerOf('website/pods/private-reg-pod.yaml', 'private-reg-container');
  t.like(runtime.pullImage(container['image'] as string, pod, 'private-reg-container'), {
    ok: false,
    reason: 'InvalidImageName',
    message: 'Failed to apply default image tag "<your-private-image>": couldn\'t parse image name "<your-private-image>": invalid reference format',
  });
});

test('daemonset-label-selector: example-image cannot be pulled', (t) => {
  const { pod, container } = containerOf('website/controllers/daemonset-label-selector.yaml', 'example-container');
  const result = runtime.pullImage(container['image'] as string, pod, 'example-container');
  t.like(result, { ok: false, reason: 'ErrImagePull' });
  t.regex(result.ok ? '' : (result.eventMessage ?? ''), /^Failed to pull image "example-image": failed to pull and unpack image "docker\.io\/library\/example-image:latest"/);
});

test('microservices-demo: the loadgenerator init container reaches the frontend at its first try', (t) => {
  t.like(plan('microservices-demo/release/kubernetes-manifests.yaml', 'frontend-check'), { exitAfterMs: 300, exitCode: 0, reason: 'Completed' });
});

test('cockroachdb: the peer-finder bootstrap completes and the database runs', (t) => {
  t.like(plan('examples/_archived/cockroachdb/cockroachdb-statefulset.yaml', 'bootstrap'), { exitCode: 0, reason: 'Completed' });
  t.is(plan('examples/_archived/cockroachdb/cockroachdb-statefulset.yaml', 'cockroachdb').exitAfterMs, undefined);
});

/** Containers the corpus expects to end by themselves or not to pull; every other one must pull and keep running. */
const ENDS_OR_FAILS = new Set([
  'debian-container', 'command-demo-container', 'liveness', 'memory-demo-2-ctr', 'main', 'termination-demo-container', 'install', 'pi',
  'hello', 'input', 'worker', 'myjob', 'dotfile-test-container', 'test-container', 'private-reg-container', 'example-container',
  'frontend-check', 'bootstrap', 'c',
]);

test('every other corpus container pulls, keeps running and passes its probes', (t) => {
  const rows = readFileSync(join(CORPUS, 'INDEX.tsv'), 'utf8').trim().split('\n').slice(1).map((line) => line.split('\t')[0]!);
  let checked = 0;
  for (const file of rows) {
    let pods: KubeObject[];
    try {
      pods = podsOf(file);
    } catch {
      continue; // files that are not YAML a decoder accepts (the corpus marks them invalid)
    }
    for (const pod of pods) {
      for (const container of [...containers(pod, 'initContainers'), ...containers(pod)]) {
        const name = container['name'] as string;
        if (ENDS_OR_FAILS.has(name) || typeof container['image'] !== 'string') continue;
        checked++;
        const where = `${file} ${name}`;
        t.true(runtime.pullImage(container['image'], pod, name).ok, where);
        t.is(runtime.planContainer(pod, container, 0).exitAfterMs, undefined, where);
        for (const kind of ['startup', 'liveness', 'readiness'] as const) {
          const probe = container[`${kind}Probe`] as JsonObject | undefined;
          if (probe) t.true(runtime.probe(pod, container, kind, probe, 60_000).success, `${where} ${kind}`);
        }
      }
    }
  }
  t.true(checked > 60);
});
