/**
 * The networking printers: Service, Endpoints, EndpointSlice and Ingress (upstream printService,
 * printEndpoints, printEndpointSlice, printIngress and their format helpers).
 */
import type { KubeObject } from '../api/types.js';
import { formatAge } from './age.js';
import { ageColumn, column, nameColumn, type Cell, type KindPrinter, type PrintContext } from './columns.js';
import { formatLabels } from './labels.js';

/** Without `-o wide`, load-balancer addresses are clipped to this many characters. */
export const loadBalancerWidth = 16;

/** status.loadBalancer of a Service or an Ingress. */
interface LoadBalancerStatusView {
  ingress?: { ip?: string; hostname?: string }[];
}

/** The parts of a v1 Service the service printer reads. */
interface ServiceView extends KubeObject {
  spec?: {
    type?: string;
    clusterIP?: string;
    clusterIPs?: string[];
    externalIPs?: string[];
    externalName?: string;
    ports?: { port: number; nodePort?: number; protocol?: string }[];
    selector?: Record<string, string>;
  };
  status?: { loadBalancer?: LoadBalancerStatusView };
}

/**
 * loadBalancerStatusStringer: the ingress IPs (else hostnames), deduplicated, sorted and
 * comma-joined; clipped to 13 characters plus `...` when longer than 16 and not wide.
 */
export function loadBalancerStatusString(status: LoadBalancerStatusView | undefined, wide: boolean): string {
  const result = new Set<string>();
  for (const ingress of status?.ingress ?? []) {
    if (ingress.ip !== undefined && ingress.ip !== '') result.add(ingress.ip);
    else if (ingress.hostname !== undefined && ingress.hostname !== '') result.add(ingress.hostname);
  }
  const text = [...result].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)).join(',');
  return !wide && text.length > loadBalancerWidth ? `${text.slice(0, loadBalancerWidth - 3)}...` : text;
}

/**
 * getServiceExternalIP, the EXTERNAL-IP column: ClusterIP and NodePort show `externalIPs` or
 * `<none>`; LoadBalancer shows its ingress addresses and `externalIPs`, or `<pending>`;
 * ExternalName shows `spec.externalName`; any other type `<unknown>`.
 */
export function serviceExternalIP(object: KubeObject, wide = true): string {
  const service = object as ServiceView;
  const externalIPs = service.spec?.externalIPs ?? [];
  switch (service.spec?.type) {
    case 'ClusterIP':
    case 'NodePort':
      return externalIPs.length > 0 ? externalIPs.join(',') : '<none>';
    case 'LoadBalancer': {
      const lbIps = loadBalancerStatusString(service.status?.loadBalancer, wide);
      if (externalIPs.length > 0) return [...(lbIps === '' ? [] : lbIps.split(',')), ...externalIPs].join(',');
      return lbIps === '' ? '<pending>' : lbIps;
    }
    case 'ExternalName':
      return service.spec.externalName ?? '';
    default:
      return '<unknown>';
  }
}

/** makePortString, the PORT(S) column: `80/TCP`, `80:30080/TCP`, comma-joined; `<none>` for none. */
export function servicePorts(object: KubeObject): string {
  const ports = (object as ServiceView).spec?.ports ?? [];
  const text = ports
    .map((p) => ((p.nodePort ?? 0) > 0 ? `${p.port}:${p.nodePort ?? 0}/${p.protocol ?? ''}` : `${p.port}/${p.protocol ?? ''}`))
    .join(',');
  return text === '' ? '<none>' : text;
}

/** The CLUSTER-IP column: the first cluster IP (`None` for a headless service), or `<none>`. */
export function serviceClusterIP(object: KubeObject): string {
  const spec = (object as ServiceView).spec;
  const first = spec?.clusterIPs?.[0] ?? spec?.clusterIP;
  return first === undefined || first === '' ? '<none>' : first;
}

/** Services: NAME TYPE CLUSTER-IP EXTERNAL-IP PORT(S) AGE; wide SELECTOR. */
export const servicePrinter: KindPrinter = {
  columns: [
    nameColumn,
    column('Type', 'string', 'type determines how the Service is exposed. Defaults to ClusterIP. Valid options are ExternalName, ClusterIP, NodePort, and LoadBalancer.'),
    column('Cluster-IP', 'string', 'clusterIP is the IP address of the service and is usually assigned randomly.'),
    column('External-IP', 'string', 'externalIPs is a list of IP addresses for which nodes in the cluster will also accept traffic for this service.'),
    column('Port(s)', 'string', 'The list of ports that are exposed by this service.'),
    ageColumn,
    column('Selector', 'string', 'Route service traffic to pods with label keys and values matching this selector.', 1),
  ],
  cells(object: KubeObject, { now, wide }: PrintContext): Cell[] {
    const service = object as ServiceView;
    return [
      service.metadata.name ?? '',
      service.spec?.type ?? '',
      serviceClusterIP(service),
      serviceExternalIP(service, wide),
      servicePorts(service),
      formatAge(service.metadata.creationTimestamp, now),
      formatLabels(service.spec?.selector),
    ];
  },
};

/** The parts of v1 Endpoints the endpoints printer reads. */
interface EndpointsView extends KubeObject {
  subsets?: { addresses?: { ip: string }[]; ports?: { name?: string; port: number }[] }[];
}

/** net.JoinHostPort: IPv6 hosts go in brackets. */
function joinHostPort(host: string, port: number): string {
  return host.includes(':') ? `[${host}]:${port}` : `${host}:${port}`;
}

/** Up to three entries, then ` + N more...`. */
function withMore(list: readonly string[], count: number, max: number): string {
  const text = list.join(',');
  return count > max ? `${text} + ${count - max} more...` : text;
}

/**
 * formatEndpoints, the ENDPOINTS column: `ip:port` for every address and port of every subset (just
 * `ip` for a subset without ports), at most three then ` + N more...`; `<none>` without subsets.
 */
export function formatEndpoints(object: KubeObject): string {
  const subsets = (object as EndpointsView).subsets ?? [];
  if (subsets.length === 0) return '<none>';
  const max = 3;
  const list: string[] = [];
  let more = false;
  let count = 0;
  for (const subset of subsets) {
    const addresses = subset.addresses ?? [];
    const ports = subset.ports ?? [];
    if (ports.length === 0) {
      count += addresses.length;
      for (const address of addresses) {
        if (list.length === max) {
          more = true;
          break;
        }
        list.push(address.ip);
      }
      continue;
    }
    for (const port of ports) {
      count += addresses.length;
      for (const address of addresses) {
        if (list.length === max) {
          more = true;
          break;
        }
        list.push(joinHostPort(address.ip, port.port));
      }
    }
  }
  return more ? `${list.join(',')} + ${count - max} more...` : list.join(',');
}

/** Endpoints: NAME ENDPOINTS AGE. */
export const endpointsPrinter: KindPrinter = {
  columns: [
    nameColumn,
    column('Endpoints', 'string', 'The set of all endpoints is the union of all subsets.'),
    ageColumn,
  ],
  cells(object: KubeObject, { now }: PrintContext): Cell[] {
    return [object.metadata.name ?? '', formatEndpoints(object), formatAge(object.metadata.creationTimestamp, now)];
  },
};

/** The parts of a discovery.k8s.io/v1 EndpointSlice the printer reads. */
interface EndpointSliceView extends KubeObject {
  addressType?: string;
  ports?: { name?: string; port?: number }[] | null;
  endpoints?: { addresses?: string[] }[];
}

/** listWithMoreString: `<unset>` for an empty list. */
function listWithMoreString(list: readonly string[], count: number, max: number): string {
  const text = withMore(list, count, max);
  return text === '' ? '<unset>' : text;
}

/** EndpointSlices: NAME ADDRESSTYPE PORTS ENDPOINTS AGE. */
export const endpointSlicePrinter: KindPrinter = {
  columns: [
    nameColumn,
    column('AddressType', 'string', 'addressType specifies the type of address carried by this EndpointSlice.'),
    column('Ports', 'string', 'ports specifies the list of network ports exposed by each endpoint in this slice.'),
    column('Endpoints', 'string', 'endpoints is a list of unique endpoints in this slice.'),
    ageColumn,
  ],
  cells(object: KubeObject, { now }: PrintContext): Cell[] {
    const slice = object as EndpointSliceView;
    const ports = (slice.ports ?? []).map((p) => (p.port !== undefined ? String(p.port) : p.name ?? '*'));
    const addresses = (slice.endpoints ?? []).flatMap((e) => e.addresses ?? []);
    return [
      slice.metadata.name ?? '',
      slice.addressType ?? '',
      listWithMoreString(ports.slice(0, 3), ports.length, 3),
      listWithMoreString(addresses.slice(0, 3), addresses.length, 3),
      formatAge(slice.metadata.creationTimestamp, now),
    ];
  },
};

/** The parts of a networking.k8s.io/v1 Ingress the printer reads. */
interface IngressView extends KubeObject {
  spec?: { ingressClassName?: string; rules?: { host?: string }[]; tls?: unknown[] };
  status?: { loadBalancer?: LoadBalancerStatusView };
}

/** formatHosts: up to three rule hosts, `*` when none is set, ` + N more...` counting all rules. */
function formatHosts(rules: readonly { host?: string }[]): string {
  const max = 3;
  const list: string[] = [];
  let more = false;
  for (const rule of rules) {
    if (list.length === max) more = true;
    if (!more && rule.host !== undefined && rule.host !== '') list.push(rule.host);
  }
  if (list.length === 0) return '*';
  return more ? `${list.join(',')} + ${rules.length - max} more...` : list.join(',');
}

/** Ingresses: NAME CLASS HOSTS ADDRESS PORTS AGE. */
export const ingressPrinter: KindPrinter = {
  columns: [
    nameColumn,
    column('Class', 'string', 'The name of the IngressClass resource that should be used for additional configuration'),
    column('Hosts', 'string', 'Hosts that incoming requests are matched against before the ingress rule'),
    column('Address', 'string', 'Address is a list containing ingress points for the load-balancer'),
    column('Ports', 'string', 'Ports of TLS configurations that open'),
    ageColumn,
  ],
  cells(object: KubeObject, { now, wide }: PrintContext): Cell[] {
    const ingress = object as IngressView;
    return [
      ingress.metadata.name ?? '',
      ingress.spec?.ingressClassName ?? '<none>',
      formatHosts(ingress.spec?.rules ?? []),
      loadBalancerStatusString(ingress.status?.loadBalancer, wide),
      (ingress.spec?.tls ?? []).length > 0 ? '80, 443' : '80',
      formatAge(ingress.metadata.creationTimestamp, now),
    ];
  },
};
