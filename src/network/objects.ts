/**
 * Typed views of the objects the data plane reads: Services, EndpointSlices, Ingresses and pods,
 * with only the fields kube-proxy, CoreDNS and the ingress controller look at.
 */
import type { KubeObject } from '../api/types.js';

/** One port of a v1 Service. */
export interface ServicePort {
  name?: string;
  protocol?: string;
  port: number;
  targetPort?: number | string;
  nodePort?: number;
}

/** A v1 Service, as the data plane reads it. */
export interface Service extends KubeObject {
  spec?: {
    type?: string;
    clusterIP?: string;
    clusterIPs?: string[];
    ports?: ServicePort[];
    selector?: Record<string, string>;
    externalIPs?: string[];
    externalName?: string;
    publishNotReadyAddresses?: boolean;
  };
  status?: { loadBalancer?: { ingress?: { ip?: string; hostname?: string }[] } };
}

/** One endpoint of a discovery.k8s.io/v1 EndpointSlice. */
export interface Endpoint {
  addresses: string[];
  conditions?: { ready?: boolean; serving?: boolean; terminating?: boolean };
  hostname?: string;
  nodeName?: string;
  targetRef?: { kind?: string; namespace?: string; name?: string; uid?: string };
}

/** A discovery.k8s.io/v1 EndpointSlice. */
export interface EndpointSlice extends KubeObject {
  addressType?: string;
  endpoints?: Endpoint[] | null;
  ports?: { name?: string; port?: number; protocol?: string }[] | null;
}

/** The label that ties an EndpointSlice to its Service. */
export const SERVICE_NAME_LABEL = 'kubernetes.io/service-name';

/** The Service an EndpointSlice belongs to, or undefined. */
export function sliceServiceName(slice: EndpointSlice): string | undefined {
  return slice.metadata.labels?.[SERVICE_NAME_LABEL];
}

/** A Service without a cluster IP (`clusterIP: None`). */
export function isHeadless(service: Service): boolean {
  return service.spec?.clusterIP === 'None';
}

/** The name kube-proxy gives a Service port: `ns/name` or `ns/name:port-name` (proxy.ServicePortName). */
export function servicePortName(service: Service, port: ServicePort): string {
  const base = `${service.metadata.namespace ?? 'default'}/${service.metadata.name ?? ''}`;
  return port.name === undefined || port.name === '' ? base : `${base}:${port.name}`;
}

/** An endpoint address with its port, for one Service port. */
export interface EndpointAddress {
  ip: string;
  port: number;
  ready: boolean;
  serving: boolean;
  terminating: boolean;
  nodeName?: string;
  hostname?: string;
  podName?: string;
}

/**
 * The endpoints of one Service port across every slice of the Service, deduplicated by `ip:port`
 * as kube-proxy's EndpointSliceCache does, in a stable order (by IP).
 */
export function endpointsForPort(slices: readonly EndpointSlice[], portName: string | undefined): EndpointAddress[] {
  const byKey = new Map<string, EndpointAddress>();
  for (const slice of slices) {
    const port = (slice.ports ?? []).find((p) => (p.name ?? '') === (portName ?? ''));
    if (port?.port === undefined) continue;
    for (const endpoint of slice.endpoints ?? []) {
      const ip = endpoint.addresses[0];
      if (ip === undefined) continue;
      const key = `${ip}:${port.port}`;
      if (byKey.has(key)) continue;
      const ready = endpoint.conditions?.ready !== false;
      const address: EndpointAddress = {
        ip,
        port: port.port,
        ready,
        serving: endpoint.conditions?.serving ?? ready,
        terminating: endpoint.conditions?.terminating === true,
      };
      if (endpoint.nodeName !== undefined) address.nodeName = endpoint.nodeName;
      if (endpoint.hostname !== undefined) address.hostname = endpoint.hostname;
      if (endpoint.targetRef?.kind === 'Pod' && endpoint.targetRef.name !== undefined) address.podName = endpoint.targetRef.name;
      byKey.set(key, address);
    }
  }
  return [...byKey.values()].sort((a, b) => compareIPs(a.ip, b.ip) || a.port - b.port);
}

/**
 * The endpoints traffic may go to (topology.FilterEndpoints / CategorizeEndpoints): the ready
 * ones, or, when none is ready, the serving-and-terminating ones (the graceful-termination fallback).
 */
export function usableEndpoints(all: readonly EndpointAddress[]): EndpointAddress[] {
  const ready = all.filter((e) => e.ready);
  return ready.length > 0 ? ready : all.filter((e) => e.serving && e.terminating);
}

/** Orders dotted IPv4 addresses numerically. */
export function compareIPs(a: string, b: string): number {
  const pa = a.split('.').map(Number);
  const pb = b.split('.').map(Number);
  for (let i = 0; i < 4; i++) {
    const d = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}
