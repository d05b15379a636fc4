/**
 * Faults the user injects into the control plane: `stop` and `start` a component (etcd,
 * kube-apiserver, kube-scheduler, kube-controller-manager, a node's kubelet) and watch the rest of the cluster react.
 */
import { type CommandSpec, type CommandTarget, type CommandResult, done, failed } from './types.js';

const ALIASES: Record<string, string> = {
  scheduler: 'kube-scheduler',
  'controller-manager': 'kube-controller-manager',
  kcm: 'kube-controller-manager',
  apiserver: 'kube-apiserver',
};

function toggle(target: CommandTarget, word: string | undefined, start: boolean): CommandResult {
  if (word === undefined) return failed(`error: name a component: ${target.componentNames().join(', ')}`);
  const name = ALIASES[word] ?? word;
  const component = target.component(name) ?? target.component(`kubelet/${name}`);
  if (component === undefined) return failed(`error: no component "${word}"; components: ${target.componentNames().join(', ')}`);
  const wasStopped = component.state === 'stopped';
  if (start === !wasStopped) return done(`${component.name} already ${start ? 'running' : 'stopped'}`);
  if (start) component.start();
  else component.stop();
  return done(`${component.name} ${start ? 'started' : 'stopped'}`);
}

/** `stop <component>`. */
export const stopCommand: CommandSpec = {
  name: 'stop',
  usage: 'stop etcd|apiserver|scheduler|controller-manager|kubelet/<node>',
  summary: 'stop a control-plane component or a node\'s kubelet (a fault: nothing else is told)',
  run: (target, args) => toggle(target, args.positionals[0], false),
};

/** `start <component>`. */
export const startCommand: CommandSpec = {
  name: 'start',
  usage: 'start etcd|apiserver|scheduler|controller-manager|kubelet/<node>',
  summary: 'start a stopped component again',
  run: (target, args) => toggle(target, args.positionals[0], true),
};
