/**
 * Commands on nodes: `drain` (cordon, then evict every pod as kubectl does, retrying evictions a
 * disruption budget refuses), and the faults and changes a real cluster's machines go through:
 * `kill-node` / `revive-node` (stop and start its kubelet), `add-node` (a new kubelet joins and
 * registers its Node) and `remove-node` (the kubelet stops and the Node object is deleted).
 */
import type { KubeObject } from '../../api/types.js';
import { parseQuantity } from '../../api/quantity.js';
import { isDNS1123Subdomain, isQualifiedName, isValidLabelValue } from '../../api/label-validation.js';
import type { Taint } from '../../node/index.js';
import type { CommandArgs } from '../command-line.js';
import { type CommandResult, type CommandSpec, type CommandTarget, done, failed } from './types.js';
import { cordonCommand } from './object-commands.js';
import { serverError } from './object-ref.js';
import { aggregate, podsForDeletion } from './drain-filters.js';
import { DrainOperation, type PrintedLine } from './drain-operation.js';
import { isNodeFleet, type NodeFleet, type NodeRequest } from './node-fleet.js';

/** `node/node-1` or `node-1` → `node-1`. */
function nodeNameOf(word: string | undefined): string | undefined {
  return word?.replace(/^(nodes?|no)\//, '');
}

function flag(args: CommandArgs, name: string): boolean {
  return args.flags.get(name) === 'true';
}

/** `drain <node> [--ignore-daemonsets] [--delete-emptydir-data] [--force] [--grace-period=N]`. */
export const drainCommand: CommandSpec = {
  name: 'drain',
  usage: 'drain <node> [--ignore-daemonsets] [--delete-emptydir-data] [--force] [--grace-period=N]',
  summary: 'cordon a node and evict its pods, retrying every 5s while a PodDisruptionBudget refuses',
  run(target, args) {
    const name = nodeNameOf(args.positionals[0]);
    if (name === undefined) return failed('error: USAGE: drain NODE [flags]');
    const grace = args.flags.get('grace-period');
    const seconds = grace === undefined ? -1 : Number(grace);
    if (!Number.isInteger(seconds)) return failed(`error: invalid argument "${grace}" for "--grace-period" flag`);
    const cordoned = cordonCommand.run(target, { positionals: [name], flags: new Map() });
    if (!cordoned.ok) return cordoned;
    const lines: PrintedLine[] = [{ stream: 'out', text: cordoned.message }];
    const listed = target.api.list('pods', '', { fieldSelector: `spec.nodeName=${name}` });
    if (!listed.ok) return failed([cordoned.message, serverError(listed.status)].join('\n'));
    const list = podsForDeletion(listed.value.items, {
      ignoreDaemonSets: flag(args, 'ignore-daemonsets'),
      deleteEmptyDirData: flag(args, 'delete-emptydir-data') || flag(args, 'delete-local-data'),
      force: flag(args, 'force'),
    });
    if (list.errors.length > 0) {
      const message = aggregate(list.errors);
      return failed(
        [
          cordoned.message,
          `error: unable to drain node ${JSON.stringify(name)} due to error: ${message}, continuing command...`,
          'There are pending nodes to be drained:',
          ` ${name}`,
          `error: ${message}`,
        ].join('\n'),
      );
    }
    if (list.warnings.length > 0) lines.push({ stream: 'err', text: `Warning: ${list.warnings.join('; ')}` });
    return startDrain(target, name, list.pods, seconds >= 0 ? { gracePeriodSeconds: seconds } : {}, lines, `drain ${name}`);
  },
};

/** Starts the evictions; lines printed before the command answers go in its answer, later ones to the cluster's output. */
function startDrain(target: CommandTarget, node: string, pods: KubeObject[], options: { gracePeriodSeconds?: number }, lines: PrintedLine[], command: string): CommandResult {
  const fleet = isNodeFleet(target) ? target : undefined;
  let starting = true;
  const print = (line: PrintedLine): void => {
    if (starting) lines.push(line);
    else fleet?.commandOutput.print({ at: target.clock.now(), command, ...line });
  };
  const operation = new DrainOperation(target.api, target.clock, node, pods, options, print);
  const key = `drain/${node}`;
  fleet?.operations.get(key)?.cancel();
  fleet?.operations.set(key, operation);
  operation.start();
  starting = false;
  const message = lines.map((l) => l.text).join('\n');
  return operation.state === 'failed' ? failed(message) : done(message);
}

function fleetOf(target: CommandTarget): NodeFleet | string {
  return isNodeFleet(target) ? target : 'error: this cluster runs no kubelets (start it with all components)';
}

/** Stops or starts a node's kubelet. */
function setKubelet(target: CommandTarget, word: string | undefined, running: boolean): CommandResult {
  const fleet = fleetOf(target);
  if (typeof fleet === 'string') return failed(fleet);
  const name = nodeNameOf(word);
  if (name === undefined) return failed('error: you must specify the node name');
  const kubelet = fleet.kubelet(name);
  if (kubelet === undefined) return failed(`Error from server (NotFound): nodes "${name}" not found`);
  if ((kubelet.state !== 'stopped') === running) return done(`node/${name} already ${running ? 'running' : 'killed'}`);
  if (running) kubelet.start();
  else kubelet.stop();
  return done(`node/${name} ${running ? 'revived' : 'killed'}`);
}

/** `kill-node <node>`: the machine dies; nothing tells the control plane, which notices the silence. */
export const killNodeCommand: CommandSpec = {
  name: 'kill-node',
  usage: 'kill-node <node>',
  summary: 'stop a node\'s kubelet (a fault: the Node goes NotReady after node-monitor-grace-period)',
  run: (target, args) => setKubelet(target, args.positionals[0], false),
};

/** `revive-node <node>`. */
export const reviveNodeCommand: CommandSpec = {
  name: 'revive-node',
  usage: 'revive-node <node>',
  summary: 'start a killed node\'s kubelet again',
  run: (target, args) => setKubelet(target, args.positionals[0], true),
};

/** `k=v,k2=v2`, validated as label keys and values. */
function parseLabels(text: string): Record<string, string> | string {
  const labels: Record<string, string> = {};
  for (const pair of text.split(',').filter((p) => p !== '')) {
    const eq = pair.indexOf('=');
    const key = eq < 0 ? pair : pair.slice(0, eq);
    const value = eq < 0 ? '' : pair.slice(eq + 1);
    const errors = [...isQualifiedName(key), ...isValidLabelValue(value)];
    if (eq <= 0 || errors.length > 0) return `error: invalid label spec: ${pair}`;
    labels[key] = value;
  }
  return labels;
}

/** `k=v:Effect,k:Effect`. */
function parseTaints(text: string): Taint[] | string {
  const taints: Taint[] = [];
  for (const spec of text.split(',').filter((p) => p !== '')) {
    const m = /^([^=:]+?)(?:=([^:]*))?:(NoSchedule|PreferNoSchedule|NoExecute)$/.exec(spec);
    if (m === null || isQualifiedName(m[1]!).length > 0) return `error: invalid taint spec: ${spec}`;
    const effect = m[3] as Taint['effect'];
    taints.push(m[2] !== undefined && m[2] !== '' ? { key: m[1]!, value: m[2], effect } : { key: m[1]!, effect });
  }
  return taints;
}

/** `add-node [name] [--cpu=Q] [--memory=Q] [--labels=k=v,…] [--taints=k=v:Effect,…]`. */
export const addNodeCommand: CommandSpec = {
  name: 'add-node',
  usage: 'add-node [name] [--cpu=Q] [--memory=Q] [--labels=k=v,...] [--taints=k=v:Effect,...]',
  summary: 'a new machine joins: its kubelet starts and registers a Node (default name: the next free node-N)',
  run(target, args) {
    const fleet = fleetOf(target);
    if (typeof fleet === 'string') return failed(fleet);
    const request: NodeRequest = {};
    const name = nodeNameOf(args.positionals[0]);
    if (name !== undefined) {
      if (isDNS1123Subdomain(name).length > 0) return failed(`error: invalid node name "${name}": ${isDNS1123Subdomain(name).join('; ')}`);
      request.name = name;
    }
    for (const resource of ['cpu', 'memory'] as const) {
      const value = args.flags.get(resource);
      if (value === undefined) continue;
      if (!parseQuantity(value).ok) return failed(`error: invalid argument "${value}" for "--${resource}" flag: quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'`);
      request[resource] = value;
    }
    const labels = args.flags.get('labels');
    if (labels !== undefined) {
      const parsed = parseLabels(labels);
      if (typeof parsed === 'string') return failed(parsed);
      request.labels = parsed;
    }
    const taints = args.flags.get('taints');
    if (taints !== undefined) {
      const parsed = parseTaints(taints);
      if (typeof parsed === 'string') return failed(parsed);
      request.taints = parsed;
    }
    const added = fleet.addNode(request);
    return added.ok ? done(`node/${added.name} added`) : failed(added.message);
  },
};

/** `remove-node <node>`: the machine is gone for good and its Node object deleted. */
export const removeNodeCommand: CommandSpec = {
  name: 'remove-node',
  usage: 'remove-node <node>',
  summary: 'stop a node\'s kubelet for good and delete its Node (the pod GC then deletes its pods)',
  run(target, args) {
    const fleet = fleetOf(target);
    if (typeof fleet === 'string') return failed(fleet);
    const name = nodeNameOf(args.positionals[0]);
    if (name === undefined) return failed('error: you must specify the node name');
    if (!fleet.removeNode(name)) return failed(`Error from server (NotFound): nodes "${name}" not found`);
    fleet.operations.get(`drain/${name}`)?.cancel();
    const deleted = target.api.delete('nodes', '', name);
    if (!deleted.ok && deleted.status.code !== 404) return failed(serverError(deleted.status));
    return done(`node/${name} removed`);
  },
};
