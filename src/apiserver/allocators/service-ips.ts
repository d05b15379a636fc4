/**
 * Service ClusterIP and NodePort allocation (the service REST storage's allocators), with the
 * messages kube-apiserver gives when a requested address or port cannot be had.
 */
import type { Random } from '../../api/random.js';
import type { FieldError } from '../../api/field-errors.js';
import { invalidValue } from '../../api/field-errors.js';
import { RangeAllocator, staticBandSize } from './range-allocator.js';

/** The default service CIDR of kubeadm clusters. */
export const SERVICE_CIDR = '10.96.0.0/12';
/** The default NodePort range. */
export const NODE_PORT_RANGE = { first: 30000, last: 32767 };

/** Parses dotted IPv4 to an unsigned integer; undefined if malformed. */
export function ipv4ToInt(ip: string): number | undefined {
  const parts = ip.split('.');
  if (parts.length !== 4) return undefined;
  let value = 0;
  for (const part of parts) {
    if (!/^(0|[1-9]\d{0,2})$/.test(part)) return undefined;
    const n = Number(part);
    if (n > 255) return undefined;
    value = value * 256 + n;
  }
  return value;
}

/** Formats an unsigned integer as dotted IPv4. */
export function intToIpv4(value: number): string {
  return [value >>> 24, (value >>> 16) & 255, (value >>> 8) & 255, value & 255].join('.');
}

/** ClusterIPs from the service CIDR: network and broadcast addresses excluded. */
export class ClusterIpAllocator {
  private readonly range: RangeAllocator;

  constructor(cidr: string = SERVICE_CIDR) {
    const [base, bits] = cidr.split('/');
    const network = ipv4ToInt(base ?? '');
    if (network === undefined || bits === undefined) throw new Error(`bad service CIDR ${cidr}`);
    const size = 2 ** (32 - Number(bits));
    this.range = new RangeAllocator(network + 1, network + size - 2, staticBandSize(size, 16, 16, 256));
    this.cidr = cidr;
  }

  readonly cidr: string;

  /** Claims `ip`, or explains why not as a field error on `spec.clusterIPs`. */
  allocate(ip: string): FieldError | undefined {
    const value = ipv4ToInt(ip);
    const why =
      value === undefined || !this.range.contains(value)
        ? `the provided IP (${ip}) is not in the valid range. The range of valid IPs is ${this.cidr}`
        : this.range.allocate(value)
          ? undefined
          : 'provided IP is already allocated';
    return why === undefined ? undefined : invalidValue('spec.clusterIPs', [ip], `failed to allocate IP ${ip}: ${why}`);
  }

  /** Claims a random free IP. */
  allocateNext(random: Random): string | undefined {
    const value = this.range.allocateNext(random);
    return value === undefined ? undefined : intToIpv4(value);
  }

  /** Returns an IP to the pool. */
  release(ip: string): void {
    const value = ipv4ToInt(ip);
    if (value !== undefined) this.range.release(value);
  }
}

/** NodePorts from 30000–32767. */
export class NodePortAllocator {
  private readonly range = new RangeAllocator(
    NODE_PORT_RANGE.first,
    NODE_PORT_RANGE.last,
    staticBandSize(NODE_PORT_RANGE.last - NODE_PORT_RANGE.first + 1, 16, 32, 128),
  );

  /** Claims `port` for the field `field` (e.g. `spec.ports[0].nodePort`), or explains why not. */
  allocate(port: number, field: string): FieldError | undefined {
    if (!this.range.contains(port)) {
      return invalidValue(
        field,
        port,
        `provided port is not in the valid range. The range of valid ports is ${NODE_PORT_RANGE.first}-${NODE_PORT_RANGE.last}`,
      );
    }
    return this.range.allocate(port) ? undefined : invalidValue(field, port, 'provided port is already allocated');
  }

  /** Claims a random free port. */
  allocateNext(random: Random): number | undefined {
    return this.range.allocateNext(random);
  }

  /** Returns a port to the pool. */
  release(port: number): void {
    this.range.release(port);
  }
}
