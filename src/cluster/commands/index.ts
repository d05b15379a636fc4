/**
 * The command table shared by `--script` files, the dashboard and the help text, and the one
 * function that runs a command line against the cluster.
 */
import { parseCommandArgs, splitCommandLine } from '../command-line.js';
import { startCommand, stopCommand } from './component-commands.js';
import { curlCommand } from './curl-command.js';
import { cordonCommand, deleteCommand, labelCommand, taintCommand, uncordonCommand } from './object-commands.js';
import { addNodeCommand, drainCommand, killNodeCommand, removeNodeCommand, reviveNodeCommand } from './node-commands.js';
import { type CommandResult, type CommandSpec, type CommandTarget, failed } from './types.js';
import { rolloutCommand, scaleCommand, setImageCommand } from './workload-commands.js';
import { topCommand } from './top-command.js';
import { loadCommand } from './load-command.js';

export type { CommandResult, CommandSpec, CommandTarget } from './types.js';
export { CommandOutput, type CommandOutputLine, type NodeFleet, type NodeRequest, type RunningOperation } from './node-fleet.js';

/** Every command, in help order. */
export const COMMANDS: readonly CommandSpec[] = [
  scaleCommand,
  setImageCommand,
  rolloutCommand,
  deleteCommand,
  labelCommand,
  cordonCommand,
  uncordonCommand,
  taintCommand,
  drainCommand,
  killNodeCommand,
  reviveNodeCommand,
  addNodeCommand,
  removeNodeCommand,
  stopCommand,
  startCommand,
  topCommand,
  loadCommand,
  curlCommand,
];

const byName = new Map(COMMANDS.map((c) => [c.name, c]));

/** The command a line starts with, or undefined. */
export function findCommand(name: string): CommandSpec | undefined {
  return byName.get(name);
}

/** Runs one command line (`scale deployment/web 5`); an optional leading `kubectl` is ignored. */
export function runCommand(target: CommandTarget, line: string): CommandResult {
  const split = splitCommandLine(line);
  if (!split.ok) return failed(`error: ${split.message}`);
  const words = split.words[0] === 'kubectl' ? split.words.slice(1) : split.words;
  const [name, ...rest] = words;
  if (name === undefined) return failed('error: empty command');
  const command = byName.get(name);
  if (command === undefined) return failed(`error: unknown command "${name}"; commands: ${COMMANDS.map((c) => c.name).join(', ')}`);
  return command.run(target, parseCommandArgs(rest));
}
