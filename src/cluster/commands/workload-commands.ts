/**
 * Commands on workloads, worded as kubectl words them: `scale`, `set image`, `rollout undo`,
 * `rollout restart`. Rollback is what `kubectl rollout undo` does client-side: copy the template
 * of the ReplicaSet of the chosen revision back into the Deployment (rollbackDeployment).
 */
import type { JsonObject, KubeObject } from '../../api/types.js';
import { rfc3339 } from '../../api/time.js';
import type { CommandArgs } from '../command-line.js';
import { type CommandSpec, type CommandResult, type CommandTarget, done, failed } from './types.js';
import { rollbackDeployment } from '../../controllers/deployment/rollout-undo.js';
import { getObject, qualifiedName, resolveObjectRef, serverError, type ObjectRef } from './object-ref.js';

const SCALABLE = new Set(['Deployment', 'ReplicaSet', 'StatefulSet', 'ReplicationController']);

/** `scale <kind>/<name> <replicas>` (or `--replicas=N`). */
export const scaleCommand: CommandSpec = {
  name: 'scale',
  usage: 'scale <kind>/<name> <replicas>',
  summary: 'set the replicas of a Deployment, ReplicaSet, StatefulSet or ReplicationController',
  run(target, args) {
    const ref = resolveObjectRef(args);
    if ('error' in ref) return failed(ref.error);
    const text = args.flags.get('replicas') ?? args.positionals[ref.consumed];
    const replicas = text === undefined ? NaN : Number(text);
    if (!Number.isInteger(replicas) || replicas < 0) {
      return failed('error: The --replicas=COUNT flag is required, and COUNT must be greater than or equal to 0');
    }
    if (!SCALABLE.has(ref.info.kind)) return failed(`error: cannot scale a ${ref.info.kind}`);
    const patched = target.api.patch(ref.info.resource, ref.namespace, ref.name, 'merge', { spec: { replicas } });
    return patched.ok ? done(`${qualifiedName(ref.info, ref.name)} scaled`) : failed(serverError(patched.status));
  },
};

/** Where a workload keeps its pod template. */
function templatePath(kind: string): string[] | undefined {
  if (kind === 'Pod') return [];
  if (kind === 'CronJob') return ['spec', 'jobTemplate', 'spec', 'template'];
  if (['Deployment', 'ReplicaSet', 'StatefulSet', 'DaemonSet', 'ReplicationController', 'Job'].includes(kind)) return ['spec', 'template'];
  return undefined;
}

function templateSpec(object: KubeObject, path: readonly string[]): JsonObject | undefined {
  let node: unknown = object;
  for (const step of path) node = (node as Record<string, unknown> | undefined)?.[step];
  return path.length === 0 ? (object['spec'] as JsonObject | undefined) : ((node as JsonObject | undefined)?.['spec'] as JsonObject | undefined);
}

/** `set image <kind>/<name> <container>=<image> …` (`*` for every container). */
export const setImageCommand: CommandSpec = {
  name: 'set',
  usage: 'set image <kind>/<name> <container>=<image> ...',
  summary: 'change container images in a pod template (starts a rollout)',
  run(target, args) {
    if (args.positionals[0] !== 'image') return failed(`error: unknown command "set ${args.positionals[0] ?? ''}": only "set image" is supported`);
    const rest: CommandArgs = { positionals: args.positionals.slice(1), flags: args.flags };
    const ref = resolveObjectRef(rest);
    if ('error' in ref) return failed(ref.error);
    const pairs = rest.positionals.slice(ref.consumed).map((p) => p.split('='));
    if (pairs.length === 0 || pairs.some((p) => p.length !== 2 || p[0] === '' || p[1] === '')) {
      return failed('error: at least one image update is required (container=image)');
    }
    const path = templatePath(ref.info.kind);
    if (path === undefined) return failed(`error: cannot set images of a ${ref.info.kind}`);
    const object = getObject(target.api, ref);
    if (typeof object === 'string') return failed(object);
    const spec = structuredClone(templateSpec(object, path) ?? {}) as { containers?: JsonObject[]; initContainers?: JsonObject[] };
    const containers = [...(spec.initContainers ?? []), ...(spec.containers ?? [])];
    for (const [name, image] of pairs as [string, string][]) {
      const hits = containers.filter((c) => name === '*' || c['name'] === name);
      if (hits.length === 0) return failed(`error: unable to find container named "${name}"`);
      for (const c of hits) c['image'] = image;
    }
    const patch = nest(path, { spec: spec as unknown as JsonObject });
    const patched = target.api.patch(ref.info.resource, ref.namespace, ref.name, 'merge', path.length === 0 ? { spec } : patch);
    return patched.ok ? done(`${qualifiedName(ref.info, ref.name)} image updated`) : failed(serverError(patched.status));
  },
};

function nest(path: readonly string[], leaf: JsonObject): JsonObject {
  let out = leaf;
  for (let i = path.length - 1; i >= 0; i--) out = { [path[i]!]: out };
  return out;
}

/** `rollout undo|restart <kind>/<name>`. */
export const rolloutCommand: CommandSpec = {
  name: 'rollout',
  usage: 'rollout undo|restart deployment/<name> [--to-revision=N]',
  summary: 'roll a Deployment back to an earlier revision, or restart its pods',
  run(target, args) {
    const sub = args.positionals[0];
    const rest: CommandArgs = { positionals: args.positionals.slice(1), flags: args.flags };
    const ref = resolveObjectRef(rest);
    if ('error' in ref) return failed(ref.error);
    if (sub === 'restart') return restart(target, ref);
    if (sub === 'undo') return undo(target, ref, Number(args.flags.get('to-revision') ?? '0'));
    return failed(`error: unknown command "rollout ${sub ?? ''}": expected undo or restart`);
  },
};

function restart(target: CommandTarget, ref: ObjectRef): CommandResult {
  if (!['Deployment', 'DaemonSet', 'StatefulSet'].includes(ref.info.kind)) return failed(`error: ${qualifiedName(ref.info, ref.name)} restarting is not supported`);
  const annotations = { 'kubectl.kubernetes.io/restartedAt': rfc3339(target.clock.now()) };
  const patched = target.api.patch(ref.info.resource, ref.namespace, ref.name, 'strategic', { spec: { template: { metadata: { annotations } } } });
  return patched.ok ? done(`${qualifiedName(ref.info, ref.name)} restarted`) : failed(serverError(patched.status));
}

function undo(target: CommandTarget, ref: ObjectRef, toRevision: number): CommandResult {
  if (ref.info.kind !== 'Deployment') return failed(`error: no rollbacker has been implemented for "${ref.info.kind}"`);
  if (!Number.isInteger(toRevision) || toRevision < 0) return failed('error: --to-revision must be a non-negative integer');
  const result = rollbackDeployment(target.api, ref.namespace, ref.name, toRevision);
  return result.ok ? done(`${qualifiedName(ref.info, ref.name)} ${result.message}`) : failed(result.error.startsWith("error: ") ? result.error : `error: ${result.error}`);
}
