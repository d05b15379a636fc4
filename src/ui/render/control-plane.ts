/**
 * The control-plane strip's entries: each control-plane component with its machine state, the
 * kubelets and kube-proxies summarised (`kubelet 3/4 ready`), and the tone each state is shown in.
 */

/** A component as the strip reads it (name and machine state). */
export interface ComponentState {
  name: string;
  state: string;
}

/** How a state looks: good (running, ready) green, bad (stopped) red, anything else yellow. */
export type Tone = 'good' | 'bad' | 'busy';

/** One entry of the strip; `component` is set when `s` can stop or start it. */
export interface StripEntry {
  label: string;
  state: string;
  tone: Tone;
  component?: string;
}

const GOOD_STATES = new Set(['running', 'ready', 'synced', 'idle', 'scheduling', 'binding']);

/** The tone of a machine state. */
export function stateTone(state: string): Tone {
  if (state === 'stopped') return 'bad';
  return GOOD_STATES.has(state) ? 'good' : 'busy';
}

/** The components `s` stops and starts, in strip order. */
export const STOPPABLE_COMPONENTS = ['etcd', 'kube-apiserver', 'kube-scheduler', 'kube-controller-manager', 'coredns'] as const;

/** `n/m ready` over a node agent's instances (the states of every kubelet or every kube-proxy). */
function fleet(label: string, states: readonly string[], goodWord: string): StripEntry | undefined {
  if (states.length === 0) return undefined;
  const good = states.filter((s) => stateTone(s) === 'good').length;
  const tone: Tone = good === states.length ? 'good' : good === 0 ? 'bad' : 'busy';
  return { label, state: `${good}/${states.length} ${goodWord}`, tone };
}

/**
 * The strip: etcd, kube-apiserver, kube-scheduler (with its queue sizes active/backoff/unschedulable),
 * kube-controller-manager, the kubelets, the kube-proxies, coredns.
 */
export function stripEntries(components: readonly ComponentState[], schedulerQueue?: { active: number; backoff: number; unschedulable: number }): StripEntry[] {
  const byName = new Map(components.map((c) => [c.name, c.state]));
  const entries: StripEntry[] = [];
  for (const name of STOPPABLE_COMPONENTS) {
    const state = byName.get(name);
    if (state === undefined) continue;
    const queue = name === 'kube-scheduler' && schedulerQueue !== undefined && state !== 'stopped' ? ` q${schedulerQueue.active}/${schedulerQueue.backoff}/${schedulerQueue.unschedulable}` : '';
    entries.push({ label: name, state: `${state}${queue}`, tone: stateTone(state), component: name });
  }
  const kubelets = fleet('kubelet', components.filter((c) => c.name.startsWith('kubelet/')).map((c) => c.state), 'ready');
  const proxies = fleet('kube-proxy', components.filter((c) => c.name.startsWith('kube-proxy/')).map((c) => c.state), 'synced');
  // Keep coredns last, after the node agents, as the issue lists them.
  const coredns = entries.findIndex((e) => e.label === 'coredns');
  const tail = coredns < 0 ? [] : entries.splice(coredns, 1);
  return [...entries, ...[kubelets, proxies].filter((e): e is StripEntry => e !== undefined), ...tail];
}

/** The ink colour of a tone (undefined with NO_COLOR). */
export function toneColor(tone: Tone, color: boolean): string | undefined {
  if (!color) return undefined;
  return tone === 'good' ? 'green' : tone === 'bad' ? 'red' : 'yellow';
}

/** How many characters the strip's text takes on one line (to reserve its height when it wraps). */
export function stripLength(entries: readonly StripEntry[]): number {
  return entries.reduce((sum, e, i) => sum + (i === 0 ? 0 : 3) + e.label.length + 1 + e.state.length, 0);
}
