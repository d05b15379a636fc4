/**
 * The dashboard's keys as data: one table of commands (namespaced id, keys, label, help, whether it
 * is dangerous, and its action). Input dispatch, the footer and the `?` help are all generated from
 * it, so a key is declared once. Cluster actions go through `runCommand` — the same commands as
 * `--script` files and the command line.
 */
import type { Cluster } from '../cluster/cluster.js';
import type { Selection } from './pane.js';

/** The panes, in Tab order; the digit key of each is its position + 1. */
export const PANES = [
  { id: 'nodes', title: 'Nodes' },
  { id: 'pods', title: 'Pods' },
  { id: 'workloads', title: 'Workloads' },
  { id: 'services', title: 'Services' },
  { id: 'etcd', title: 'etcd' },
  { id: 'events', title: 'Events' },
] as const;

/** A pane's id. */
export type PaneId = (typeof PANES)[number]['id'];

/** The clock speeds `<` and `>` step through. */
export const SPEEDS = [0.25, 0.5, 1, 2, 5, 10, 25, 50, 100] as const;

/** Simulated milliseconds one `.` moves the paused clock. */
export const STEP_MS = 1000;

/** What a command's action can do: read the selection, change the view, run a cluster command. */
export interface CommandContext {
  readonly cluster: Cluster;
  readonly selection: Selection | undefined;
  /** The control-plane component selected in the strip (←/→). */
  readonly component: string | undefined;
  showPane(id: PaneId): void;
  cyclePane(delta: 1 | -1): void;
  cycleComponent(delta: 1 | -1): void;
  openFilter(): void;
  openDetails(): void;
  back(): void;
  togglePause(): void;
  changeSpeed(delta: 1 | -1): void;
  step(): void;
  toggleHelp(): void;
  quit(): void;
  /** Runs a command line (`cordon node-1`) and shows its answer in the status line. */
  run(line: string): void;
  /** Shows a message in the status line. */
  say(ok: boolean, text: string): void;
}

/** One entry of the key table. */
export interface KeyCommand {
  /** Namespaced id: `pane.nodes`, `node.cordon`, `clock.pause`. */
  readonly id: string;
  /** Key names (see {@link keyNames}): a character, or `up`, `down`, `tab`, `return`, `escape`, `space`, … */
  readonly keys: readonly string[];
  /** Short label for the footer. */
  readonly label: string;
  /** One line for the `?` help. */
  readonly help: string;
  /** Asks y/n first, naming its target. */
  readonly dangerous?: boolean;
  /** Shown in the footer (the others only in the help). */
  readonly footer?: boolean;
  /** What a dangerous command acts on (`drain node-1`), or undefined when it has nothing to act on. */
  target?(ctx: CommandContext): string | undefined;
  /** Absent for keys the focused pane handles itself (moving the cursor). */
  action?(ctx: CommandContext): void;
}

const SCALABLE = new Set(['deployment', 'replicaset', 'statefulset']);
const DELETABLE = new Set(['node', 'pod', 'deployment', 'replicaset', 'daemonset', 'statefulset', 'job', 'service']);

/** The selected node's name, or undefined after saying how to select one. */
function selectedNode(ctx: CommandContext): string | undefined {
  if (ctx.selection?.kind === 'node') return ctx.selection.name;
  ctx.say(false, 'error: select a node first (1: Nodes)');
  return undefined;
}

function namespaceFlag(selection: Selection): string {
  return selection.namespace === undefined || selection.namespace === '' ? '' : ` -n ${selection.namespace}`;
}

function nodeCommand(id: string, key: string, verb: string, label: string, help: string, dangerous = false, extra = ''): KeyCommand {
  return {
    id,
    keys: [key],
    label,
    help,
    dangerous,
    footer: true,
    target: (ctx) => (ctx.selection?.kind === 'node' ? `${verb} ${ctx.selection.name}` : undefined),
    action: (ctx) => {
      const node = selectedNode(ctx);
      if (node !== undefined) ctx.run(`${verb} ${node}${extra}`);
    },
  };
}

/** Replicas of the selected scalable workload after adding `delta`, or undefined after saying why not. */
function scale(ctx: CommandContext, delta: number): void {
  const s = ctx.selection;
  if (s === undefined || !SCALABLE.has(s.kind)) {
    ctx.say(false, 'error: select a Deployment, ReplicaSet or StatefulSet first (3: Workloads)');
    return;
  }
  const found = ctx.cluster.api.get(`${s.kind}s`, s.namespace ?? '', s.name);
  if (!found.ok) {
    ctx.say(false, `Error from server (NotFound): ${s.kind}s "${s.name}" not found`);
    return;
  }
  const replicas = (found.value['spec'] as { replicas?: number } | undefined)?.replicas ?? 1;
  ctx.run(`scale ${s.kind}/${s.name} ${Math.max(0, replicas + delta)}${namespaceFlag(s)}`);
}

/** The key table, in help order. */
export const KEY_COMMANDS: readonly KeyCommand[] = [
  ...PANES.map((pane, i): KeyCommand => ({
    id: `pane.${pane.id}`,
    keys: [String(i + 1)],
    label: pane.title,
    help: `show the ${pane.title} pane`,
    action: (ctx) => ctx.showPane(pane.id),
  })),
  { id: 'pane.next', keys: ['tab'], label: 'pane', help: 'next pane (Shift-Tab: previous)', footer: true, action: (ctx) => ctx.cyclePane(1) },
  { id: 'pane.previous', keys: ['shift-tab'], label: 'previous pane', help: 'previous pane', action: (ctx) => ctx.cyclePane(-1) },
  { id: 'cursor.up', keys: ['up'], label: 'up', help: 'move the selection up' },
  { id: 'cursor.down', keys: ['down', 'j'], label: 'down', help: 'move the selection down (k is kill node)' },
  { id: 'cursor.pageUp', keys: ['pageup'], label: 'page up', help: 'move the selection a page up' },
  { id: 'cursor.pageDown', keys: ['pagedown'], label: 'page down', help: 'move the selection a page down' },
  { id: 'view.filter', keys: ['/'], label: 'namespace', help: 'filter by namespace (empty: all namespaces)', footer: true, action: (ctx) => ctx.openFilter() },
  { id: 'view.details', keys: ['return'], label: 'details', help: 'details of the selected object', footer: true, action: (ctx) => ctx.openDetails() },
  { id: 'view.back', keys: ['escape'], label: 'back', help: 'close details, help or the filter', action: (ctx) => ctx.back() },
  nodeCommand('node.cordon', 'c', 'cordon', 'cordon', 'cordon the selected node (spec.unschedulable: true)'),
  nodeCommand('node.uncordon', 'u', 'uncordon', 'uncordon', 'uncordon the selected node'),
  nodeCommand('node.drain', 'd', 'drain', 'drain', 'drain the selected node: cordon, then evict its pods', true, ' --ignore-daemonsets --delete-emptydir-data'),
  nodeCommand('node.kill', 'k', 'kill-node', 'kill', 'kill the selected node: its kubelet and kube-proxy stop', true),
  nodeCommand('node.revive', 'r', 'revive-node', 'revive', 'revive a killed node'),
  { id: 'node.add', keys: ['n'], label: 'add node', help: 'a new node joins the cluster', action: (ctx) => ctx.run('add-node') },
  {
    id: 'object.delete',
    keys: ['x'],
    label: 'delete',
    help: 'delete the selected object',
    dangerous: true,
    footer: true,
    target: (ctx) => (ctx.selection !== undefined && DELETABLE.has(ctx.selection.kind) ? `delete ${ctx.selection.kind}/${ctx.selection.name}` : undefined),
    action: (ctx) => {
      const s = ctx.selection;
      if (s === undefined || !DELETABLE.has(s.kind)) ctx.say(false, 'error: select a node, pod, workload or service first');
      else ctx.run(`delete ${s.kind}/${s.name}${namespaceFlag(s)}`);
    },
  },
  { id: 'workload.scaleUp', keys: ['+', '='], label: 'scale', help: 'one more replica of the selected workload', footer: true, action: (ctx) => scale(ctx, 1) },
  { id: 'workload.scaleDown', keys: ['-', '_'], label: 'scale down', help: 'one replica less of the selected workload', action: (ctx) => scale(ctx, -1) },
  { id: 'component.previous', keys: ['left'], label: 'component', help: 'select the previous control-plane component', action: (ctx) => ctx.cycleComponent(-1) },
  { id: 'component.next', keys: ['right'], label: 'component', help: 'select the next control-plane component', action: (ctx) => ctx.cycleComponent(1) },
  {
    id: 'component.toggle',
    keys: ['s'],
    label: 'stop/start',
    help: 'stop or start the control-plane component selected with ←/→',
    dangerous: true,
    target: (ctx) => (ctx.component === undefined ? undefined : `${ctx.cluster.component(ctx.component)?.state === 'stopped' ? 'start' : 'stop'} ${ctx.component}`),
    action: (ctx) => {
      if (ctx.component === undefined) ctx.say(false, 'error: no control-plane component selected');
      else ctx.run(`${ctx.cluster.component(ctx.component)?.state === 'stopped' ? 'start' : 'stop'} ${ctx.component}`);
    },
  },
  { id: 'clock.pause', keys: ['space'], label: 'pause', help: 'pause or resume the clock', footer: true, action: (ctx) => ctx.togglePause() },
  { id: 'clock.slower', keys: ['<', ','], label: 'slower', help: 'slower clock (down to 0.25×)', action: (ctx) => ctx.changeSpeed(-1) },
  { id: 'clock.faster', keys: ['>'], label: 'speed', help: 'faster clock (up to 100×)', footer: true, action: (ctx) => ctx.changeSpeed(1) },
  { id: 'clock.step', keys: ['.'], label: 'step', help: `step ${STEP_MS / 1000}s of simulated time (pauses)`, action: (ctx) => ctx.step() },
  { id: 'app.help', keys: ['?'], label: 'help', help: 'show or hide this help', footer: true, action: (ctx) => ctx.toggleHelp() },
  { id: 'app.quit', keys: ['q', 'ctrl-c'], label: 'quit', help: 'quit', footer: true, action: (ctx) => ctx.quit() },
];

const byKey = new Map<string, KeyCommand>();
for (const command of KEY_COMMANDS) for (const key of command.keys) if (!byKey.has(key)) byKey.set(key, command);

/** The command bound to a key name. */
export function commandFor(key: string): KeyCommand | undefined {
  return byKey.get(key);
}

/** The command with this id (a bug if absent). */
export function commandById(id: string): KeyCommand {
  const found = KEY_COMMANDS.find((c) => c.id === id);
  if (found === undefined) throw new Error(`no key command ${id}`);
  return found;
}

/** What ink's useInput reports about special keys (the subset used here). */
export interface InkKey {
  upArrow?: boolean;
  downArrow?: boolean;
  leftArrow?: boolean;
  rightArrow?: boolean;
  pageUp?: boolean;
  pageDown?: boolean;
  return?: boolean;
  escape?: boolean;
  ctrl?: boolean;
  shift?: boolean;
  tab?: boolean;
  backspace?: boolean;
  delete?: boolean;
}

/** The key names of one input: a special key, or each character (keys typed together arrive as one string). */
export function keyNames(input: string, key: InkKey): string[] {
  if (key.upArrow) return ['up'];
  if (key.downArrow) return ['down'];
  if (key.leftArrow) return ['left'];
  if (key.rightArrow) return ['right'];
  if (key.pageUp) return ['pageup'];
  if (key.pageDown) return ['pagedown'];
  if (key.tab) return [key.shift ? 'shift-tab' : 'tab'];
  if (key.return) return ['return'];
  if (key.escape) return ['escape'];
  if (key.backspace || key.delete) return ['backspace'];
  if (key.ctrl) return input === 'c' ? ['ctrl-c'] : [];
  return [...input].map((ch) => (ch === ' ' ? 'space' : ch));
}

const KEY_LABELS: Record<string, string> = { up: '↑', down: '↓', left: '←', right: '→', return: 'Enter', escape: 'Esc', tab: 'Tab', 'shift-tab': 'S-Tab', space: 'space', pageup: 'PgUp', pagedown: 'PgDn', 'ctrl-c': 'Ctrl-C' };

/** How a key name is written in the footer and help. */
export function keyLabel(key: string): string {
  return KEY_LABELS[key] ?? key;
}
