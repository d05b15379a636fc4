/**
 * What a container sees before its process starts: the command line the runtime execs (image
 * ENTRYPOINT/CMD combined with the spec's `command`/`args`, `$(VAR)` references expanded the way
 * the kubelet does) and the environment variables the kubelet sets.
 */
import type { JsonObject, JsonValue, KubeObject } from '../../api/types.js';
import type { ImageFacts } from './image-catalog.js';

/** The `kubernetes` Service's ClusterIP the kubelet advertises to every container, by default. */
export const DEFAULT_KUBERNETES_SERVICE_HOST = '10.96.0.1';

const strings = (value: JsonValue | undefined): string[] | undefined =>
  Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : undefined;

const record = (value: unknown): JsonObject | undefined =>
  value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as JsonObject) : undefined;

/**
 * `$(VAR)` expansion (k8s.io/kubernetes/third_party/forked/golang/expansion): defined names are
 * replaced, `$$` becomes `$`, anything else is left as written.
 */
export function expandKubernetesReferences(text: string, env: ReadonlyMap<string, string>): string {
  return text.replace(/\$\$|\$\(([^)]*)\)/g, (match, name: string | undefined) => (match === '$$' ? '$' : (env.get(name!) ?? match)));
}

/**
 * The argv the runtime execs: `command` replaces the image ENTRYPOINT (and drops its CMD), `args`
 * replace CMD; with neither, ENTRYPOINT + CMD. References use `env` (static values only).
 */
export function containerArgv(container: JsonObject, image: ImageFacts, env: ReadonlyMap<string, string>): { argv: string[]; imageDefault: boolean } {
  const command = strings(container['command']) ?? [];
  const args = strings(container['args']) ?? [];
  const expand = (list: readonly string[]): string[] => list.map((s) => expandKubernetesReferences(s, env));
  if (command.length > 0) return { argv: [...expand(command), ...expand(args)], imageDefault: false };
  if (args.length > 0) return { argv: [...image.entrypoint, ...expand(args)], imageDefault: false };
  return { argv: [...image.entrypoint, ...image.cmd], imageDefault: true };
}

/** A `fieldRef` value the simulation can resolve from the pod, or a placeholder. */
function fieldValue(pod: KubeObject, fieldPath: string): string {
  const spec = record(pod['spec']);
  const status = record(pod['status']);
  const indexed = /^metadata\.(labels|annotations)\['(.*)'\]$/.exec(fieldPath);
  if (indexed) return pod.metadata[indexed[1] as 'labels' | 'annotations']?.[indexed[2]!] ?? '';
  const known: Record<string, unknown> = {
    'metadata.name': pod.metadata.name,
    'metadata.namespace': pod.metadata.namespace,
    'metadata.uid': pod.metadata.uid,
    'spec.nodeName': spec?.['nodeName'],
    'spec.serviceAccountName': spec?.['serviceAccountName'],
    'status.podIP': status?.['podIP'],
    'status.hostIP': status?.['hostIP'],
  };
  const value = known[fieldPath];
  return typeof value === 'string' ? value : '';
}

/** The variables every container starts with, by `kubernetes` Service address (HOSTNAME is filled in per pod). */
const baseVariablesByHost = new Map<string, ReadonlyMap<string, string>>();

function baseVariables(host: string): ReadonlyMap<string, string> {
  let variables = baseVariablesByHost.get(host);
  if (variables === undefined) {
    variables = new Map<string, string>([
      ['PATH', '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin'],
      ['HOSTNAME', ''],
      ['HOME', '/root'],
      ['KUBERNETES_SERVICE_HOST', host],
      ['KUBERNETES_SERVICE_PORT', '443'],
      ['KUBERNETES_SERVICE_PORT_HTTPS', '443'],
      ['KUBERNETES_PORT', `tcp://${host}:443`],
      ['KUBERNETES_PORT_443_TCP', `tcp://${host}:443`],
      ['KUBERNETES_PORT_443_TCP_PROTO', 'tcp'],
      ['KUBERNETES_PORT_443_TCP_PORT', '443'],
      ['KUBERNETES_PORT_443_TCP_ADDR', host],
    ]);
    baseVariablesByHost.set(host, variables);
  }
  return variables;
}

/** The container's environment and whether some names are unknown to the simulation (`envFrom`). */
export interface ContainerEnvironment {
  readonly env: ReadonlyMap<string, string>;
  /** Static values only, as exec probe commands are expanded (ExpandContainerCommandOnlyStatic). */
  readonly staticEnv: ReadonlyMap<string, string>;
  readonly incomplete: boolean;
  readonly hostname: string;
}

/**
 * The variables the kubelet sets: PATH and HOME from the image, HOSTNAME, the `kubernetes`
 * Service's variables, then the container's `env` in order (values from Secrets and ConfigMaps,
 * which the runtime does not read, appear as `<set>`).
 */
export function containerEnvironment(pod: KubeObject, container: JsonObject, kubernetesServiceHost = DEFAULT_KUBERNETES_SERVICE_HOST): ContainerEnvironment {
  const spec = record(pod['spec']);
  const hostname = (typeof spec?.['hostname'] === 'string' ? spec['hostname'] : pod.metadata.name) ?? '';
  const env = new Map<string, string>(baseVariables(kubernetesServiceHost));
  env.set('HOSTNAME', hostname);
  const staticEnv = new Map<string, string>();
  for (const entry of Array.isArray(container['env']) ? container['env'] : []) {
    const e = record(entry);
    const name = e?.['name'];
    if (typeof name !== 'string') continue;
    if (typeof e?.['value'] === 'string') {
      const value = expandKubernetesReferences(e['value'], env);
      env.set(name, value);
      staticEnv.set(name, value);
      continue;
    }
    const from = record(e?.['valueFrom']);
    const fieldPath = record(from?.['fieldRef'])?.['fieldPath'];
    env.set(name, typeof fieldPath === 'string' ? fieldValue(pod, fieldPath) : from ? '<set>' : '');
  }
  const incomplete = Array.isArray(container['envFrom']) && container['envFrom'].length > 0;
  return { env, staticEnv, incomplete, hostname };
}
