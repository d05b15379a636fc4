/**
 * CoreDNS's `kubernetes` plugin as a pure resolver (the Kubernetes DNS specification): Service A
 * records `<svc>.<ns>.svc.cluster.local` (the ClusterIP, or the ready endpoint IPs of a headless
 * Service), `<hostname>.<svc>.<ns>.svc.cluster.local` for endpoints with a hostname (StatefulSet
 * pods), pod A records `1-2-3-4.<ns>.pod.cluster.local` (`pods insecure`), NXDOMAIN otherwise; and
 * a pod's resolv.conf search path with `ndots:5`.
 */
import { endpointsForPort, isHeadless, type EndpointAddress, type EndpointSlice, type Service } from './objects.js';

/** The cluster domain (kubelet `--cluster-domain`). */
export const CLUSTER_DOMAIN = 'cluster.local';
/** resolv.conf `options ndots:5`, as the kubelet writes it for ClusterFirst pods. */
export const NDOTS = 5;

/** What the resolver reads: CoreDNS's caches. */
export interface DnsRecords {
  service(namespace: string, name: string): Service | undefined;
  slices(namespace: string, service: string): readonly EndpointSlice[];
}

/** A DNS answer. */
export type DnsAnswer =
  | { rcode: 'NOERROR'; name: string; addresses: string[]; cname?: string }
  | { rcode: 'NXDOMAIN'; name: string };

/** A pod's resolv.conf search path: `<ns>.svc.cluster.local svc.cluster.local cluster.local`. */
export function searchPath(namespace: string, domain = CLUSTER_DOMAIN): string[] {
  return [`${namespace}.svc.${domain}`, `svc.${domain}`, domain];
}

/**
 * Resolves `name` as a pod's stub resolver does: a name with fewer than ndots dots (and no
 * trailing dot) is tried with each search domain first, then as it is.
 */
export function resolveName(records: DnsRecords, name: string, namespace: string, domain = CLUSTER_DOMAIN): DnsAnswer {
  const bare = name.toLowerCase();
  if (bare.endsWith('.')) return lookup(records, bare, domain);
  const dots = bare.split('.').length - 1;
  const candidates = dots < NDOTS ? [...searchPath(namespace, domain).map((d) => `${bare}.${d}`), bare] : [bare, ...searchPath(namespace, domain).map((d) => `${bare}.${d}`)];
  for (const candidate of candidates) {
    const answer = lookup(records, candidate, domain);
    if (answer.rcode === 'NOERROR') return answer;
  }
  return { rcode: 'NXDOMAIN', name: bare };
}

/** Answers one fully qualified name (trailing dot optional). */
export function lookup(records: DnsRecords, fqdn: string, domain = CLUSTER_DOMAIN): DnsAnswer {
  const name = fqdn.toLowerCase().replace(/\.$/, '');
  const nx: DnsAnswer = { rcode: 'NXDOMAIN', name };
  if (name.endsWith(`.pod.${domain}`)) {
    const labels = name.slice(0, -`.pod.${domain}`.length).split('.');
    if (labels.length !== 2) return nx;
    const ip = labels[0]!.split('-');
    const valid = ip.length === 4 && ip.every((p) => /^\d{1,3}$/.test(p) && Number(p) <= 255);
    return valid ? { rcode: 'NOERROR', name, addresses: [ip.join('.')] } : nx;
  }
  if (!name.endsWith(`.svc.${domain}`)) return nx;
  const labels = name.slice(0, -`.svc.${domain}`.length).split('.');
  if (labels.length !== 2 && labels.length !== 3) return nx;
  const [namespace, serviceName] = [labels[labels.length - 1]!, labels[labels.length - 2]!];
  const service = records.service(namespace, serviceName);
  if (service === undefined) return nx;
  if (service.spec?.type === 'ExternalName') {
    return labels.length === 2 && service.spec.externalName !== undefined ? { rcode: 'NOERROR', name, addresses: [], cname: service.spec.externalName } : nx;
  }
  if (labels.length === 2 && !isHeadless(service)) {
    const ip = service.spec?.clusterIP;
    return ip === undefined || ip === '' ? nx : { rcode: 'NOERROR', name, addresses: [ip] };
  }
  const published = publishedEndpoints(service, records.slices(namespace, serviceName));
  const chosen = labels.length === 3 ? published.filter((e) => e.hostname === labels[0]) : published;
  const addresses = [...new Set(chosen.map((e) => e.ip))];
  return addresses.length === 0 ? nx : { rcode: 'NOERROR', name, addresses };
}

/** The endpoints DNS publishes for a Service: the ready ones, or all with publishNotReadyAddresses. */
function publishedEndpoints(service: Service, slices: readonly EndpointSlice[]): EndpointAddress[] {
  const ports = new Set((slices.flatMap((s) => s.ports ?? [])).map((p) => p.name ?? ''));
  const all = (ports.size === 0 ? [''] : [...ports]).flatMap((port) => endpointsForPort(slices, port));
  return service.spec?.publishNotReadyAddresses === true ? all : all.filter((e) => e.ready);
}
