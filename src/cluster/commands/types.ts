/**
 * The commands a user gives the cluster — from a `--script` file, a dashboard key or the command
 * line — and what they answer. They act through the API (scale = update replicas, cordon = set
 * `spec.unschedulable`) or inject a fault (stop a component), never by reaching into a component.
 */
import type { ApiClient } from '../../apiserver/types.js';
import type { Clock } from '../../clock/types.js';
import type { ClusterComponent } from '../../client/component.js';
import type { CommandArgs } from '../command-line.js';

/** What commands act on. */
export interface CommandTarget {
  readonly api: ApiClient;
  readonly clock: Clock;
  /** A component by name: `etcd`, `kube-scheduler`, `kube-controller-manager`, `kubelet/node-1`. */
  component(name: string): ClusterComponent | undefined;
  /** Every component name, for messages. */
  componentNames(): string[];
}

/** The answer to a command: kubectl's output line on success, its error text on failure. */
export type CommandResult = { ok: true; message: string } | { ok: false; message: string };

/** One command of the table the script runner, the dashboard and the help text share. */
export interface CommandSpec {
  /** The first word: `scale`, `cordon`, `rollout`, … */
  readonly name: string;
  /** How to call it: `scale <kind>/<name> <replicas>`. */
  readonly usage: string;
  /** One line on what it does, in Kubernetes' words. */
  readonly summary: string;
  /** Runs it; never throws for bad input. */
  run(target: CommandTarget, args: CommandArgs): CommandResult;
}

/** A successful command. */
export function done(message: string): CommandResult {
  return { ok: true, message };
}

/** A failed command. */
export function failed(message: string): CommandResult {
  return { ok: false, message };
}
