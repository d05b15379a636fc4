/**
 * Commands on any object or on nodes, worded as kubectl words them: `delete`, `label`, `cordon`,
 * `uncordon`, `taint`.
 */
import type { KubeObject } from '../../api/types.js';
import type { DeleteOptions } from '../../apiserver/types.js';
import { type CommandSpec, type CommandResult, type CommandTarget, done, failed } from './types.js';
import { getObject, qualifiedName, quotedName, resolveObjectRef, serverError } from './object-ref.js';

/** `delete <kind>/<name> [--grace-period=N] [--force]`. */
export const deleteCommand: CommandSpec = {
  name: 'delete',
  usage: 'delete <kind>/<name> [--grace-period=N] [--force]',
  summary: 'delete an object (pods terminate gracefully; owners take their dependents with them)',
  run(target, args) {
    const ref = resolveObjectRef(args);
    if ('error' in ref) return failed(ref.error);
    const options: DeleteOptions = {};
    const grace = args.flags.get('grace-period');
    if (grace !== undefined) {
      const seconds = Number(grace);
      if (!Number.isInteger(seconds)) return failed(`error: invalid argument "${grace}" for "--grace-period" flag`);
      if (seconds >= 0) options.gracePeriodSeconds = seconds;
    }
    if (args.flags.get('force') === 'true') options.gracePeriodSeconds = options.gracePeriodSeconds ?? 0;
    const cascade = args.flags.get('cascade');
    if (cascade === 'orphan') options.propagationPolicy = 'Orphan';
    else if (cascade === 'foreground') options.propagationPolicy = 'Foreground';
    else options.propagationPolicy = 'Background';
    const deleted = target.api.delete(ref.info.resource, ref.namespace, ref.name, options);
    return deleted.ok ? done(`${quotedName(ref.info, ref.name)} deleted`) : failed(serverError(deleted.status));
  },
};

/** `label <kind>/<name> key=value … key- [--overwrite]`. */
export const labelCommand: CommandSpec = {
  name: 'label',
  usage: 'label <kind>/<name> key=value ... [key-] [--overwrite]',
  summary: 'add, change (--overwrite) or remove (key-) labels',
  run(target, args) {
    const ref = resolveObjectRef(args);
    if ('error' in ref) return failed(ref.error);
    const changes = args.positionals.slice(ref.consumed);
    if (changes.length === 0) return failed('error: at least one label update is required');
    const object = getObject(target.api, ref);
    if (typeof object === 'string') return failed(object);
    const labels: Record<string, string | null> = {};
    const existing = object.metadata.labels ?? {};
    const overwrite = args.flags.get('overwrite') === 'true';
    let removedOnly = true;
    for (const change of changes) {
      if (change.endsWith('-') && !change.includes('=')) {
        labels[change.slice(0, -1)] = null;
        continue;
      }
      const eq = change.indexOf('=');
      if (eq <= 0) return failed(`error: invalid label spec: ${change}`);
      const key = change.slice(0, eq);
      const value = change.slice(eq + 1);
      const current = existing[key];
      if (current !== undefined && current !== value && !overwrite) {
        return failed(`error: '${key}' already has a value (${current}), and --overwrite is false`);
      }
      labels[key] = value;
      removedOnly = false;
    }
    const patched = target.api.patch(ref.info.resource, ref.namespace, ref.name, 'merge', { metadata: { labels } });
    if (!patched.ok) return failed(serverError(patched.status));
    const changed = patched.value.metadata.resourceVersion !== object.metadata.resourceVersion;
    const verb = !changed ? 'not labeled' : removedOnly ? 'unlabeled' : 'labeled';
    return done(`${qualifiedName(ref.info, ref.name)} ${verb}`);
  },
};

function setUnschedulable(target: CommandTarget, nodeName: string | undefined, unschedulable: boolean): CommandResult {
  if (nodeName === undefined) return failed('error: you must specify the node name');
  const name = nodeName.replace(/^(nodes?|no)\//, '');
  const got = target.api.get('nodes', '', name);
  if (!got.ok) return failed(serverError(got.status));
  const current = (got.value['spec'] as { unschedulable?: boolean } | undefined)?.unschedulable === true;
  const word = unschedulable ? 'cordoned' : 'uncordoned';
  if (current === unschedulable) return done(`node/${name} already ${word}`);
  const patched = target.api.patch('nodes', '', name, 'merge', { spec: { unschedulable: unschedulable ? true : null } });
  return patched.ok ? done(`node/${name} ${word}`) : failed(serverError(patched.status));
}

/** `cordon <node>`: mark the node unschedulable. */
export const cordonCommand: CommandSpec = {
  name: 'cordon',
  usage: 'cordon <node>',
  summary: 'mark a node unschedulable (spec.unschedulable: true); its pods keep running',
  run: (target, args) => setUnschedulable(target, args.positionals[0], true),
};

/** `uncordon <node>`. */
export const uncordonCommand: CommandSpec = {
  name: 'uncordon',
  usage: 'uncordon <node>',
  summary: 'mark a node schedulable again',
  run: (target, args) => setUnschedulable(target, args.positionals[0], false),
};

interface Taint {
  key: string;
  value?: string;
  effect: string;
  timeAdded?: string;
}

/** `taint nodes <node> key[=value]:Effect … | key[:Effect]-`. */
export const taintCommand: CommandSpec = {
  name: 'taint',
  usage: 'taint node <node> key[=value]:Effect ... | key[:Effect]-',
  summary: 'add or remove node taints (NoSchedule, PreferNoSchedule, NoExecute)',
  run(target, args) {
    const words = args.positionals[0]?.includes('/') ? args.positionals : args.positionals.slice(1);
    const ref = resolveObjectRef({ positionals: words, flags: args.flags }, 0, 'nodes');
    if ('error' in ref) return failed(ref.error);
    if (ref.info.kind !== 'Node') return failed('error: taints apply to nodes only');
    const node = getObject(target.api, ref);
    if (typeof node === 'string') return failed(node);
    let taints: Taint[] = [...(((node['spec'] as { taints?: Taint[] } | undefined)?.taints) ?? [])];
    let removed = false;
    let added = false;
    for (const spec of words.slice(ref.consumed)) {
      const m = /^([^=:]+?)(?:=([^:]*))?(?::(NoSchedule|PreferNoSchedule|NoExecute))?(-)?$/.exec(spec);
      if (m === null || (m[4] === undefined && m[3] === undefined)) return failed(`error: invalid taint spec: ${spec}`);
      const [, key, value, effect, remove] = m as unknown as [string, string, string | undefined, string | undefined, string | undefined];
      if (remove !== undefined) {
        const before = taints.length;
        taints = taints.filter((t) => !(t.key === key && (effect === undefined || t.effect === effect)));
        if (taints.length === before) return failed(`error: taint "${spec.slice(0, -1)}" not found`);
        removed = true;
        continue;
      }
      if (taints.some((t) => t.key === key && t.effect === effect) && args.flags.get('overwrite') !== 'true') {
        return failed(`error: node ${ref.name} already has ${key} taint(s) with same effect(s) and --overwrite is false`);
      }
      taints = taints.filter((t) => !(t.key === key && t.effect === effect));
      const taint: Taint = { key, effect: effect! };
      if (value !== undefined && value !== '') taint.value = value;
      taints.push(taint);
      added = true;
    }
    const patched = target.api.patch('nodes', '', ref.name, 'merge', { spec: { taints: taints.length > 0 ? taints : null } } as unknown as KubeObject);
    if (!patched.ok) return failed(serverError(patched.status));
    return done(`node/${ref.name} ${added ? 'tainted' : removed ? 'untainted' : 'modified'}`);
  },
};
