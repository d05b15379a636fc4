/**
 * The Service REST storage's extra work around the generic registry: a ClusterIP and NodePorts
 * allocated on create, kept or adjusted on update, released on delete.
 */
import type { KubeObject } from '../api/types.js';
import type { Random } from '../api/random.js';
import type { FieldError } from '../api/field-errors.js';
import { invalidValue } from '../api/field-errors.js';
import type { ClusterIpAllocator, NodePortAllocator } from './allocators/service-ips.js';

interface ServicePort {
  nodePort?: number;
  [key: string]: unknown;
}

/** The one IP family this cluster's service CIDR serves. */
const CLUSTER_IP_FAMILY = 'IPv4';

interface ServiceSpec {
  ipFamilies?: unknown[];
  ipFamilyPolicy?: string;
  type?: string;
  clusterIP?: string;
  clusterIPs?: string[];
  ports?: ServicePort[];
  externalTrafficPolicy?: string;
  healthCheckNodePort?: number;
  allocateLoadBalancerNodePorts?: boolean;
  [key: string]: unknown;
}

/** The allocators a Service write needs. */
export interface ServiceAllocators {
  clusterIps: ClusterIpAllocator;
  nodePorts: NodePortAllocator;
  random: Random;
}

/** What a write claimed, so it can be given back if the write does not commit. */
export interface Claims {
  ips: string[];
  ports: number[];
}

function specOf(service: KubeObject): ServiceSpec | undefined {
  const spec = service.spec;
  return typeof spec === 'object' && spec !== null && !Array.isArray(spec) ? (spec as ServiceSpec) : undefined;
}

function needsNodePorts(spec: ServiceSpec): boolean {
  return spec.type === 'NodePort' || (spec.type === 'LoadBalancer' && spec.allocateLoadBalancerNodePorts !== false);
}

/**
 * Allocates what a Service (a mutable copy, already defaulted) needs and writes it into the spec.
 * `previous` is the stored Service on update: its addresses and ports are kept.
 */
export function allocateForService(
  service: KubeObject,
  previous: KubeObject | undefined,
  allocators: ServiceAllocators,
): { claims: Claims; errors: FieldError[] } {
  const claims: Claims = { ips: [], ports: [] };
  const errors: FieldError[] = [];
  const spec = specOf(service);
  if (!spec) return { claims, errors };
  const previousSpec = previous ? specOf(previous) : undefined;
  errors.push(...checkIpFamilies(spec));
  if (errors.length > 0) return { claims, errors };

  if (spec.type !== 'ExternalName' && spec.clusterIP !== 'None') {
    const kept = previousSpec?.clusterIP;
    if (kept && kept !== 'None' && (!spec.clusterIP || spec.clusterIP === kept)) {
      spec.clusterIP = kept;
    } else if (spec.clusterIP) {
      const error = allocators.clusterIps.allocate(spec.clusterIP);
      if (error) errors.push(error);
      else claims.ips.push(spec.clusterIP);
    } else {
      const ip = allocators.clusterIps.allocateNext(allocators.random);
      if (ip === undefined) errors.push({ type: 'Internal', field: 'spec.clusterIPs', detail: 'range is full' });
      else {
        spec.clusterIP = ip;
        claims.ips.push(ip);
      }
    }
    if (spec.clusterIP) spec.clusterIPs = [spec.clusterIP];
  } else if (spec.clusterIP === 'None') {
    spec.clusterIPs = ['None'];
  }

  if (needsNodePorts(spec) && Array.isArray(spec.ports)) {
    const keptPorts = new Set((previousSpec?.ports ?? []).map((p) => p.nodePort).filter((p) => p !== undefined));
    spec.ports = spec.ports.map((port, i) => {
      const next = { ...port };
      if (next.nodePort !== undefined && keptPorts.has(next.nodePort)) return next;
      if (next.nodePort !== undefined) {
        const error = allocators.nodePorts.allocate(next.nodePort, `spec.ports[${i}].nodePort`);
        if (error) errors.push(error);
        else claims.ports.push(next.nodePort);
      } else {
        const port = allocators.nodePorts.allocateNext(allocators.random);
        if (port === undefined) errors.push({ type: 'Internal', field: `spec.ports[${i}].nodePort`, detail: 'range is full' });
        else {
          next.nodePort = port;
          claims.ports.push(port);
        }
      }
      return next;
    });
  }
  if (spec.type === 'LoadBalancer' && spec.externalTrafficPolicy === 'Local' && spec.healthCheckNodePort === undefined) {
    const kept = previousSpec?.healthCheckNodePort;
    const port = kept ?? allocators.nodePorts.allocateNext(allocators.random);
    if (port !== undefined) {
      spec.healthCheckNodePort = port;
      if (kept === undefined) claims.ports.push(port);
    }
  }
  if (errors.length > 0) releaseClaims(claims, allocators);
  return { claims: errors.length > 0 ? { ips: [], ports: [] } : claims, errors };
}

/** The REST storage's checks of a Service's IP families against the cluster's single-stack configuration. */
function checkIpFamilies(spec: ServiceSpec): FieldError[] {
  if (spec.type === 'ExternalName') return [];
  const errors: FieldError[] = [];
  (Array.isArray(spec.ipFamilies) ? spec.ipFamilies : []).forEach((family, i) => {
    if (family !== CLUSTER_IP_FAMILY) errors.push(invalidValue(`spec.ipFamilies[${i}]`, family, 'not configured on this cluster'));
  });
  if (spec.ipFamilyPolicy === 'RequireDualStack') {
    errors.push(invalidValue('spec.ipFamilyPolicy', spec.ipFamilyPolicy, 'this cluster is not configured for dual-stack services'));
  }
  return errors;
}

/** Gives back what a write claimed (a dry run, or a write that failed to commit). */
export function releaseClaims(claims: Claims, allocators: ServiceAllocators): void {
  for (const ip of claims.ips) allocators.clusterIps.release(ip);
  for (const port of claims.ports) allocators.nodePorts.release(port);
}

/** What a stored Service holds: its ClusterIP and NodePorts. */
export function claimsOf(service: KubeObject): Claims {
  const spec = specOf(service);
  const ips = spec?.clusterIP && spec.clusterIP !== 'None' ? [spec.clusterIP] : [];
  const ports = (spec?.ports ?? []).map((p) => p.nodePort).filter((p): p is number => typeof p === 'number');
  if (typeof spec?.healthCheckNodePort === 'number') ports.push(spec.healthCheckNodePort);
  return { ips, ports };
}

/** Releases what `previous` held and `next` no longer holds (after an update commits). */
export function releaseDropped(previous: KubeObject, next: KubeObject | undefined, allocators: ServiceAllocators): void {
  const held = claimsOf(previous);
  const kept = next ? claimsOf(next) : { ips: [], ports: [] };
  releaseClaims(
    { ips: held.ips.filter((ip) => !kept.ips.includes(ip)), ports: held.ports.filter((p) => !kept.ports.includes(p)) },
    allocators,
  );
}
