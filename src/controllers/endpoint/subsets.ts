/**
 * The subsets of a Service's Endpoints (endpoints_controller.go addEndpointSubset and
 * pkg/api/v1/endpoints RepackSubsets): one subset per pod and port set, then repacked so that
 * addresses sharing the same ports share a subset, addresses sorted by IP, ports by name.
 */
import type { KubeObject } from '../../api/types.js';
import { isPodReady } from '../common/pod-conditions.js';
import { endpointHostname, findPort, isHeadless, podView, shouldPodBeInEndpoints, type Service } from './service.js';

/** v1.ObjectReference as an address's targetRef. */
export interface TargetRef {
  kind: 'Pod';
  namespace: string;
  name: string;
  uid: string;
}

/** v1.EndpointAddress. */
export interface EndpointAddress {
  ip: string;
  hostname?: string;
  nodeName?: string;
  targetRef?: TargetRef;
}

/** v1.EndpointPort. */
export interface EndpointPort {
  name?: string;
  port: number;
  protocol: string;
  appProtocol?: string;
}

/** v1.EndpointSubset. */
export interface EndpointSubset {
  addresses?: EndpointAddress[];
  notReadyAddresses?: EndpointAddress[];
  ports?: EndpointPort[];
}

/** The desired subsets and how many ready and not-ready addresses they hold. */
export interface DesiredSubsets {
  subsets: EndpointSubset[];
  ready: number;
  notReady: number;
}

/** podToEndpointAddressForService. */
export function podToEndpointAddress(service: Readonly<Service>, pod: Readonly<KubeObject>): EndpointAddress {
  const view = podView(pod);
  const address: EndpointAddress = { ip: view.ip };
  const hostname = endpointHostname(service, pod);
  if (hostname !== '') address.hostname = hostname;
  address.nodeName = view.nodeName;
  address.targetRef = { kind: 'Pod', namespace: pod.metadata.namespace ?? '', name: pod.metadata.name ?? '', uid: pod.metadata.uid ?? '' };
  return address;
}

/** The subsets syncService computes for `service` from the pods its selector matches. */
export function desiredSubsets(service: Readonly<Service>, pods: readonly Readonly<KubeObject>[]): DesiredSubsets {
  const tolerateUnready = service.spec?.publishNotReadyAddresses === true;
  const servicePorts = service.spec?.ports ?? [];
  const raw: { address: EndpointAddress; ports: EndpointPort[]; ready: boolean }[] = [];
  for (const pod of pods) {
    if (!shouldPodBeInEndpoints(pod, tolerateUnready)) continue;
    const address = podToEndpointAddress(service, pod);
    const ready = tolerateUnready || isPodReady(pod);
    if (servicePorts.length === 0) {
      // A headless Service without ports still lists its pods; any other portless Service none.
      if (isHeadless(service)) raw.push({ address, ports: [], ready });
      continue;
    }
    for (const servicePort of servicePorts) {
      const port = findPort(pod, servicePort);
      if (port === undefined) continue; // "Failed to find port for service": this pod serves no such port.
      const endpointPort: EndpointPort = { name: servicePort.name ?? '', port, protocol: servicePort.protocol ?? 'TCP' };
      if (servicePort.appProtocol !== undefined) endpointPort.appProtocol = servicePort.appProtocol;
      raw.push({ address, ports: [endpointPort], ready });
    }
  }
  const subsets = repackSubsets(raw);
  let ready = 0;
  let notReady = 0;
  for (const subset of subsets) {
    ready += subset.addresses?.length ?? 0;
    notReady += subset.notReadyAddresses?.length ?? 0;
  }
  return { subsets, ready, notReady };
}

function addressKey(address: EndpointAddress): string {
  return `${address.ip}\u0000${address.targetRef?.uid ?? ''}`;
}

function portKey(port: EndpointPort): string {
  return `${port.name ?? ''}\u0000${port.port}\u0000${port.protocol}\u0000${port.appProtocol ?? ''}`;
}

function compareIPs(a: EndpointAddress, b: EndpointAddress): number {
  const pa = a.ip.split('.').map(Number);
  const pb = b.ip.split('.').map(Number);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const d = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (d !== 0) return d;
  }
  return (a.targetRef?.uid ?? '').localeCompare(b.targetRef?.uid ?? '');
}

/**
 * RepackSubsets: gathers every address's ports, then groups addresses with the same port set into
 * one subset (ready in `addresses`, not ready in `notReadyAddresses`; an address ready in one
 * entry counts as ready), sorted so that equal inputs give equal outputs.
 */
export function repackSubsets(raw: readonly { address: EndpointAddress; ports: readonly EndpointPort[]; ready: boolean }[]): EndpointSubset[] {
  const byAddress = new Map<string, { address: EndpointAddress; ready: boolean; ports: Map<string, EndpointPort> }>();
  for (const entry of raw) {
    const key = addressKey(entry.address);
    let seen = byAddress.get(key);
    if (seen === undefined) byAddress.set(key, (seen = { address: entry.address, ready: entry.ready, ports: new Map() }));
    seen.ready ||= entry.ready;
    for (const port of entry.ports) seen.ports.set(portKey(port), port);
  }
  const bySet = new Map<string, { ports: EndpointPort[]; addresses: EndpointAddress[]; notReady: EndpointAddress[] }>();
  for (const { address, ready, ports } of byAddress.values()) {
    const sortedKeys = [...ports.keys()].sort();
    const setKey = sortedKeys.join('\u0001');
    let group = bySet.get(setKey);
    if (group === undefined) bySet.set(setKey, (group = { ports: sortedKeys.map((k) => ports.get(k)!), addresses: [], notReady: [] }));
    (ready ? group.addresses : group.notReady).push(address);
  }
  const subsets: EndpointSubset[] = [];
  for (const setKey of [...bySet.keys()].sort()) {
    const group = bySet.get(setKey)!;
    const subset: EndpointSubset = {};
    if (group.addresses.length > 0) subset.addresses = group.addresses.sort(compareIPs);
    if (group.notReady.length > 0) subset.notReadyAddresses = group.notReady.sort(compareIPs);
    if (group.ports.length > 0) subset.ports = group.ports;
    subsets.push(subset);
  }
  return subsets;
}
