/**
 * kube-proxy's iptables proxier, as a pure function (pkg/proxy/iptables/proxier.go syncProxyRules):
 * from the Services and EndpointSlices in its caches, the full rule set of one node — KUBE-SERVICES
 * (cluster IPs and LoadBalancer IPs), KUBE-NODEPORTS, one KUBE-SVC chain per service port
 * load-balancing with `statistic` probabilities over KUBE-SEP chains that DNAT to an endpoint, a
 * KUBE-EXT chain for external traffic, and REJECT rules in the filter table for services without
 * endpoints.
 */
import { endpointChainName, externalChainName, serviceChainName } from './chain-names.js';
import { endpointsForPort, isHeadless, servicePortName, usableEndpoints, type EndpointSlice, type Service } from './objects.js';
import type { ProxyRule } from './rules.js';

/** The cluster's pod network (kind and minikube), kube-proxy's `--cluster-cidr`. */
export const CLUSTER_CIDR = '10.244.0.0/16';

/** The mark that asks KUBE-POSTROUTING to masquerade a packet. */
const MASQ_MARK = '0x4000';
const NODEPORTS_COMMENT = 'kubernetes service nodeports; NOTE: this must be the last rule in this chain';
const REJECT_WITH = 'icmp-port-unreachable';

/** The rule set of one node, from its caches. `slicesOf` gives the EndpointSlices of a Service. */
export function buildProxyRules(services: readonly Service[], slicesOf: (service: Service) => readonly EndpointSlice[], clusterCIDR = CLUSTER_CIDR): ProxyRule[] {
  const filter: ProxyRule[] = [];
  const nat: ProxyRule[] = [{ table: 'nat', chain: 'KUBE-MARK-MASQ', jump: 'MARK', orMark: MASQ_MARK }];
  const natServices: ProxyRule[] = [];
  const natNodePorts: ProxyRule[] = [];
  const sorted = [...services].sort((a, b) => key(a).localeCompare(key(b)));
  for (const service of sorted) {
    const spec = service.spec;
    const clusterIP = spec?.clusterIP;
    if (spec === undefined || isHeadless(service) || spec.type === 'ExternalName' || clusterIP === undefined || clusterIP === '') continue;
    const lbIPs = [...(spec.externalIPs ?? []), ...(service.status?.loadBalancer?.ingress ?? []).flatMap((i) => (i.ip === undefined ? [] : [i.ip]))];
    const slices = slicesOf(service);
    for (const port of spec.ports ?? []) {
      const name = servicePortName(service, port);
      const protocol = (port.protocol ?? 'TCP').toLowerCase();
      const svcChain = serviceChainName(name, protocol);
      const extChain = externalChainName(name, protocol);
      const endpoints = usableEndpoints(endpointsForPort(slices, port.name));
      const clusterMatch = { destination: `${clusterIP}/32`, protocol, destinationPort: port.port };
      if (endpoints.length === 0) {
        const comment = `${name} has no endpoints`;
        filter.push({ table: 'filter', chain: 'KUBE-SERVICES', ...clusterMatch, comment, jump: 'REJECT', rejectWith: REJECT_WITH });
        for (const ip of lbIPs) {
          filter.push({ table: 'filter', chain: 'KUBE-EXTERNAL-SERVICES', destination: `${ip}/32`, protocol, comment, destinationPort: port.port, jump: 'REJECT', rejectWith: REJECT_WITH });
        }
        if (port.nodePort !== undefined) {
          filter.push({ table: 'filter', chain: 'KUBE-EXTERNAL-SERVICES', protocol, comment, destinationLocal: true, destinationPort: port.nodePort, jump: 'REJECT', rejectWith: REJECT_WITH });
        }
        continue;
      }
      natServices.push({ table: 'nat', chain: 'KUBE-SERVICES', ...clusterMatch, comment: `${name} cluster IP`, jump: svcChain });
      for (const ip of lbIPs) {
        natServices.push({ table: 'nat', chain: 'KUBE-SERVICES', destination: `${ip}/32`, protocol, comment: `${name} loadbalancer IP`, destinationPort: port.port, jump: extChain });
      }
      if (port.nodePort !== undefined) {
        natNodePorts.push({ table: 'nat', chain: 'KUBE-NODEPORTS', protocol, comment: name, destinationPort: port.nodePort, jump: extChain });
      }
      if (port.nodePort !== undefined || lbIPs.length > 0) {
        nat.push({ table: 'nat', chain: extChain, comment: `masquerade traffic for ${name} external destinations`, jump: 'KUBE-MARK-MASQ' });
        nat.push({ table: 'nat', chain: extChain, jump: svcChain });
      }
      nat.push({ table: 'nat', chain: svcChain, notSource: clusterCIDR, ...clusterMatch, comment: `${name} cluster IP`, jump: 'KUBE-MARK-MASQ' });
      const seps: ProxyRule[] = [];
      endpoints.forEach((endpoint, i) => {
        const target = `${endpoint.ip}:${endpoint.port}`;
        const sepChain = endpointChainName(name, protocol, target);
        const jump: ProxyRule = { table: 'nat', chain: svcChain, comment: `${name} -> ${target}`, jump: sepChain };
        if (i < endpoints.length - 1) jump.probability = 1 / (endpoints.length - i);
        nat.push(jump);
        seps.push({ table: 'nat', chain: sepChain, source: `${endpoint.ip}/32`, comment: name, jump: 'KUBE-MARK-MASQ' });
        seps.push({ table: 'nat', chain: sepChain, protocol, comment: name, jump: 'DNAT', toDestination: target });
      });
      nat.push(...seps);
    }
  }
  natServices.push({ table: 'nat', chain: 'KUBE-SERVICES', comment: NODEPORTS_COMMENT, destinationLocal: true, jump: 'KUBE-NODEPORTS' });
  return [...filter, ...natNodePorts, ...natServices, ...nat];
}

function key(service: Service): string {
  return `${service.metadata.namespace ?? ''}/${service.metadata.name ?? ''}`;
}
