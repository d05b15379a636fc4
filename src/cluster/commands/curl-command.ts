/**
 * `curl [-n COUNT] [--from pod/NAME|node/NAME] URL`: HTTP requests through the simulated network —
 * CoreDNS for names, the source node's kube-proxy rules for Service IPs (the destination node's
 * for NodePorts), the ingress controller for hosts an Ingress names — answering which pod served
 * each request, or curl's own error line. With `-n`, the distribution over the pods that answered.
 */
import { Random } from '../../api/random.js';
import type { KubeObject } from '../../api/types.js';
import { isCoreDns, COREDNS_COMPONENT } from '../../network/coredns.js';
import { INGRESS_CONTROLLER_COMPONENT, isIngressController } from '../../network/ingress-controller.js';
import { isKubeProxy } from '../../network/kube-proxy.js';
import { parseUrl, sendRequest, type Network, type NodeAddress, type PodAddress, type RequestSource } from '../../network/traffic.js';
import type { CommandArgs } from '../command-line.js';
import { type CommandSpec, type CommandTarget, done, failed } from './types.js';

/** The most requests one `curl -n` makes. */
const MAX_REQUESTS = 100_000;

/** Each cluster's own stream of draws for traffic: a fork of its generator, made on first use. */
const streams = new WeakMap<CommandTarget, Random>();

function trafficRandom(target: CommandTarget): Random {
  let random = streams.get(target);
  if (random === undefined) {
    const root = (target as { random?: unknown }).random;
    random = root instanceof Random ? root.fork('traffic') : new Random('traffic');
    streams.set(target, random);
  }
  return random;
}

/** The data plane as the API and the components show it now. */
function networkOf(target: CommandTarget): Network {
  const nodes: NodeAddress[] = [];
  const listedNodes = target.api.list('nodes', '');
  for (const node of listedNodes.ok ? listedNodes.value.items : []) {
    const name = node.metadata.name ?? '';
    const addresses = (node['status'] as { addresses?: { type: string; address: string }[] } | undefined)?.addresses ?? [];
    const ip = addresses.find((a) => a.type === 'InternalIP')?.address;
    if (ip === undefined) continue;
    const kubelet = target.component(`kubelet/${name}`);
    nodes.push({ name, ip, alive: kubelet === undefined || kubelet.state !== 'stopped' });
  }
  const pods = new Map<string, PodAddress>();
  const listedPods = target.api.list('pods', '');
  for (const pod of listedPods.ok ? listedPods.value.items : []) {
    const address = podAddress(pod);
    if (address !== undefined && !(pod['spec'] as { hostNetwork?: boolean } | undefined)?.hostNetwork) pods.set(address.ip, address);
  }
  const dns = target.component(COREDNS_COMPONENT);
  const ingress = target.component(INGRESS_CONTROLLER_COMPONENT);
  return {
    nodes,
    podByIP: (ip) => pods.get(ip),
    proxy: (nodeName) => {
      const proxy = target.component(`kube-proxy/${nodeName}`);
      return isKubeProxy(proxy) ? proxy : undefined;
    },
    dns: isCoreDns(dns) ? dns : undefined,
    ingress: isIngressController(ingress) ? ingress : undefined,
  };
}

function podAddress(pod: KubeObject): PodAddress | undefined {
  const status = pod['status'] as { podIP?: string; phase?: string } | undefined;
  if (status?.podIP === undefined) return undefined;
  const nodeName = (pod['spec'] as { nodeName?: string } | undefined)?.nodeName;
  const address: PodAddress = { name: pod.metadata.name ?? '', namespace: pod.metadata.namespace ?? 'default', ip: status.podIP, running: status.phase === 'Running' };
  if (nodeName !== undefined) address.nodeName = nodeName;
  return address;
}

/** `--from pod/NAME` (in `--namespace`, default `default`) or `--from node/NAME`; by default the first node (the control plane). */
function sourceOf(target: CommandTarget, network: Network, from: string | undefined, namespace: string): RequestSource | string {
  if (from === undefined) {
    const node = network.nodes[0];
    return node === undefined ? 'error: the cluster has no nodes' : { kind: 'node', node };
  }
  const m = /^(pods?|po|nodes?|no)\/(.+)$/.exec(from);
  if (m === null) return `error: --from must be pod/NAME or node/NAME, not "${from}"`;
  const name = m[2]!;
  if (m[1]!.startsWith('no')) {
    const node = network.nodes.find((n) => n.name === name);
    return node === undefined ? `Error from server (NotFound): nodes "${name}" not found` : { kind: 'node', node };
  }
  const got = target.api.get('pods', namespace, name);
  if (!got.ok) return `Error from server (NotFound): pods "${name}" not found`;
  const pod = podAddress(got.value);
  if (pod === undefined || !pod.running) return `error: unable to upgrade connection: container not found ("${name}")`;
  return { kind: 'pod', pod };
}

/** `--from` as parsed: the command-line parser takes `--from` without `=` as a boolean, so the word after it is a positional. */
function splitFrom(args: CommandArgs): { from: string | undefined; positionals: string[] } {
  const value = args.flags.get('from');
  if (value !== 'true') return { from: value, positionals: args.positionals };
  const index = args.positionals.findIndex((p) => /^(pods?|po|nodes?|no)\//.test(p));
  if (index < 0) return { from: undefined, positionals: args.positionals };
  return { from: args.positionals[index], positionals: args.positionals.filter((_, i) => i !== index) };
}

/** `curl [-n COUNT] [--from pod/NAME|node/NAME] [--namespace NS] URL`. */
export const curlCommand: CommandSpec = {
  name: 'curl',
  usage: 'curl [-n COUNT] [--from pod/NAME|node/NAME] [--namespace NS] URL',
  summary: 'send HTTP requests through CoreDNS, kube-proxy and the ingress controller and show which pods answered',
  run(target, args) {
    const { from, positionals } = splitFrom(args);
    const urlText = positionals[0];
    if (urlText === undefined) return failed('curl: no URL specified!');
    const url = parseUrl(urlText);
    if (url === undefined) return failed(`curl: (3) URL rejected: Malformed input to a URL function`);
    const countText = args.flags.get('n') ?? '1';
    const count = Number(countText);
    if (!Number.isInteger(count) || count < 1 || count > MAX_REQUESTS) return failed(`error: invalid argument "${countText}" for "-n" flag: must be an integer from 1 to ${MAX_REQUESTS}`);
    const network = networkOf(target);
    const source = sourceOf(target, network, from, args.flags.get('namespace') ?? 'default');
    if (typeof source === 'string') return failed(source);
    const random = trafficRandom(target);
    const draw = (): number => random.next();
    if (count === 1) {
      const outcome = sendRequest(network, source, url, draw);
      return outcome.ok ? done(outcome.line) : failed(outcome.line);
    }
    const tally = new Map<string, number>();
    let answered = 0;
    for (let i = 0; i < count; i++) {
      const outcome = sendRequest(network, source, url, draw);
      if (outcome.ok) answered++;
      const key = outcome.ok ? outcome.line.replace(/^HTTP\/1\.1 /, '') : outcome.line;
      tally.set(key, (tally.get(key) ?? 0) + 1);
    }
    const lines = [`${count} requests to ${urlText}: ${answered} answered, ${count - answered} failed`];
    for (const [key, n] of [...tally.entries()].sort(([a], [b]) => a.localeCompare(b))) {
      lines.push(`${String(n).padStart(String(count).length)}  ${((100 * n) / count).toFixed(1).padStart(5)}%  ${key}`);
    }
    return answered > 0 ? done(lines.join('\n')) : failed(lines.join('\n'));
  },
};
