/**
 * One HTTP request through the simulated network, as `curl` from a pod or a node makes it: the
 * host is looked up through CoreDNS (the query itself crosses the source node's kube-proxy rules to
 * kube-dns), the connection crosses kube-proxy's rules (the source node's for cluster and
 * LoadBalancer IPs, the destination node's for NodePorts), and the pod it is DNATed to answers —
 * or the failure curl would report. Hosts an Ingress names go to the ingress controller.
 */
import type { CoreDns } from './coredns.js';
import { KUBE_DNS_IP } from './addons.js';
import type { IngressController } from './ingress-controller.js';
import type { KubeProxy } from './kube-proxy.js';
import { connectionRefused, connectionTimedOut, couldNotResolve, noRouteToHost, statusLine } from './curl-messages.js';

/** A pod as traffic needs it. */
export interface PodAddress {
  name: string;
  namespace: string;
  ip: string;
  nodeName?: string;
  running: boolean;
}

/** A node as traffic needs it. */
export interface NodeAddress {
  name: string;
  ip: string;
  /** False when the machine is dead (its kubelet killed). */
  alive: boolean;
}

/** What a request can see of the cluster's data plane. */
export interface Network {
  nodes: readonly NodeAddress[];
  podByIP(ip: string): PodAddress | undefined;
  proxy(nodeName: string): KubeProxy | undefined;
  dns: CoreDns | undefined;
  ingress: IngressController | undefined;
}

/** Where a request comes from: a pod (its node, its IP, its namespace's search path) or a node. */
export type RequestSource = { kind: 'pod'; pod: PodAddress } | { kind: 'node'; node: NodeAddress };

/** A parsed URL. */
export interface RequestUrl {
  host: string;
  port: number;
  path: string;
}

/** The outcome of one request. */
export type RequestOutcome =
  | { ok: true; status: number; line: string; pod?: PodAddress }
  | { ok: false; code: 6 | 7 | 28; line: string };

/** Parses `http://host[:port][/path]` (scheme optional); undefined when it is not a URL. */
export function parseUrl(text: string): RequestUrl | undefined {
  const m = /^(?:(https?):\/\/)?([A-Za-z0-9.-]+)(?::(\d+))?(\/[^\s?#]*)?(?:[?#]\S*)?$/.exec(text);
  if (m === null) return undefined;
  const port = m[3] !== undefined ? Number(m[3]) : m[1] === 'https' ? 443 : 80;
  return { host: m[2]!.toLowerCase(), port, path: m[4] ?? '/' };
}

const IPV4 = /^\d{1,3}(\.\d{1,3}){3}$/;

/** Makes one request; `random` draws the `statistic` matches. */
export function sendRequest(network: Network, source: RequestSource, url: RequestUrl, random: () => number): RequestOutcome {
  const sourceNode = source.kind === 'pod' ? network.nodes.find((n) => n.name === source.pod.nodeName) : source.node;
  if (sourceNode === undefined) return { ok: false, code: 7, line: noRouteToHost(url.host, url.port) };
  const sourceIP = source.kind === 'pod' ? source.pod.ip : source.node.ip;
  const ingress = network.ingress?.state === 'running' ? network.ingress : undefined;
  if (ingress !== undefined && !IPV4.test(url.host) && ingress.servesHost(url.host)) return throughIngress(ingress, url.host, url);
  let ip = url.host;
  if (!IPV4.test(url.host)) {
    const resolved = resolve(network, sourceNode, sourceIP, source.kind === 'pod' ? source.pod.namespace : 'default', url.host, random);
    if (resolved === undefined) return { ok: false, code: 6, line: couldNotResolve(url.host) };
    ip = resolved;
  }
  if (ingress !== undefined && ip === ingress.address && (url.port === 80 || url.port === 443)) return throughIngress(ingress, url.host, url);
  const target = connect(network, sourceNode, sourceIP, ip, url.port, 'tcp', random);
  switch (target.kind) {
    case 'pod':
      return { ok: true, status: 200, line: statusLine(200, `${target.pod.name} (${target.pod.ip})`), pod: target.pod };
    case 'refused':
      return { ok: false, code: 7, line: connectionRefused(url.host, url.port) };
    case 'unreachable':
      return { ok: false, code: 7, line: noRouteToHost(url.host, url.port) };
    case 'timeout':
      return { ok: false, code: 28, line: connectionTimedOut(url.host, url.port) };
  }
}

type Connection = { kind: 'pod'; pod: PodAddress } | { kind: 'refused' } | { kind: 'unreachable' } | { kind: 'timeout' };

/** A new connection from a node to `ip:port`, through the rules of the node that handles it. */
function connect(network: Network, from: NodeAddress, sourceIP: string, ip: string, port: number, protocol: string, random: () => number): Connection {
  const destinationNode = network.nodes.find((n) => n.ip === ip);
  if (destinationNode !== undefined && !destinationNode.alive) return { kind: 'timeout' };
  const handler = destinationNode ?? from;
  const proxy = network.proxy(handler.name);
  const verdict = proxy?.route({ source: sourceIP, destination: ip, port, protocol, destinationLocal: destinationNode !== undefined }, random) ?? { kind: 'accept' as const };
  if (verdict.kind === 'reject') return { kind: 'refused' };
  const finalIP = verdict.kind === 'dnat' ? verdict.ip : ip;
  if (verdict.kind === 'accept' && destinationNode !== undefined) return { kind: 'refused' };
  const pod = network.podByIP(finalIP);
  if (pod === undefined) return verdict.kind === 'dnat' ? { kind: 'unreachable' } : { kind: 'timeout' };
  const podNode = network.nodes.find((n) => n.name === pod.nodeName);
  if (podNode !== undefined && !podNode.alive) return { kind: 'timeout' };
  return pod.running ? { kind: 'pod', pod } : { kind: 'refused' };
}

/** A DNS query to kube-dns (through kube-proxy to a CoreDNS pod), then CoreDNS's answer. */
function resolve(network: Network, from: NodeAddress, sourceIP: string, namespace: string, host: string, random: () => number): string | undefined {
  const dns = network.dns;
  if (dns === undefined || dns.state !== 'running') return undefined;
  const server = connect(network, from, sourceIP, KUBE_DNS_IP, 53, 'udp', random);
  if (server.kind !== 'pod') return undefined;
  const answer = dns.resolve(host, namespace);
  return answer.rcode === 'NOERROR' ? answer.addresses[0] : undefined;
}

function throughIngress(ingress: IngressController, host: string, url: RequestUrl): RequestOutcome {
  const route = ingress.route(host, url.path);
  switch (route.kind) {
    case 'endpoint': {
      const e = route.endpoint;
      const name = e.podName ?? e.ip;
      return { ok: true, status: 200, line: statusLine(200, `${name} (${e.ip})`) };
    }
    case 'unavailable':
      return { ok: true, status: 503, line: statusLine(503, ingress.name) };
    case 'not-found':
      return { ok: true, status: 404, line: statusLine(404, ingress.name) };
  }
}
