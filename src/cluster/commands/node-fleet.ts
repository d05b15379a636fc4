/**
 * What node commands need from a cluster beyond the API: its kubelets (to kill, revive, add and
 * remove nodes) and a place where commands that keep running on the cluster clock (`drain`, which
 * retries refused evictions every 5 s) print their later lines, for the script runner and the
 * dashboard to show.
 */
import type { Taint } from '../../node/index.js';
import type { ClusterComponent } from '../../client/component.js';
import type { CommandTarget } from './types.js';

/** One line a running command printed: kubectl's stdout (`out`) or stderr (`err`). */
export interface CommandOutputLine {
  /** Virtual time (epoch ms) it was printed at. */
  at: number;
  /** The command that printed it: `drain node-1`. */
  command: string;
  stream: 'out' | 'err';
  text: string;
}

/** Lines printed by running commands after their first answer; listeners see them as they come. */
export class CommandOutput {
  private readonly listeners = new Set<(line: CommandOutputLine) => void>();
  private readonly kept: CommandOutputLine[] = [];

  constructor(private readonly limit = 1000) {}

  /** Prints a line. */
  print(line: CommandOutputLine): void {
    this.kept.push(line);
    if (this.kept.length > this.limit) this.kept.shift();
    for (const listener of this.listeners) listener(line);
  }

  /** Calls `listener` with every later line; returns the unsubscribe function. */
  subscribe(listener: (line: CommandOutputLine) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** The last lines printed (at most `limit`), oldest first. */
  lines(): readonly CommandOutputLine[] {
    return this.kept;
  }
}

/** A node to add: name, capacity, labels and taints (`add-node` flags). */
export interface NodeRequest {
  name?: string;
  cpu?: string;
  memory?: string;
  labels?: Record<string, string>;
  taints?: Taint[];
}

/** Something a command started that goes on by itself until done (a drain). */
export interface RunningOperation {
  readonly finished: boolean;
  cancel(): void;
}

/** A cluster whose nodes commands can kill, revive, add and remove. */
export interface NodeFleet extends CommandTarget {
  /** Where running commands print. */
  readonly commandOutput: CommandOutput;
  /** The running operations by key (`drain/node-1`): a new one with the same key cancels the old. */
  readonly operations: Map<string, RunningOperation>;
  /** The kubelet of a node. */
  kubelet(nodeName: string): ClusterComponent | undefined;
  /** Starts a new node's kubelet; its name, or an error line. */
  addNode(request: NodeRequest): { ok: true; name: string } | { ok: false; message: string };
  /** Stops a node's kubelet and forgets it; false if no such kubelet. */
  removeNode(nodeName: string): boolean;
}

/** True when the target runs kubelets that node commands can act on. */
export function isNodeFleet(target: CommandTarget): target is NodeFleet {
  return typeof (target as Partial<NodeFleet>).addNode === 'function' && (target as Partial<NodeFleet>).commandOutput !== undefined;
}
