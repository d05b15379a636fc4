/**
 * cidrset.CidrSet (pkg/controller/nodeipam/ipam/cidrset): the node-sized subnets of the cluster
 * CIDR and which are in use. AllocateNext continues after the last subnet it handed out and wraps
 * around, as upstream's `nextCandidate` does. IPv4 only.
 */
import type { ParseResult } from '../../api/parse-result.js';
import { parseError, parsed } from '../../api/parse-result.js';

/** ErrCIDRRangeNoCIDRsRemaining. */
export const NO_CIDRS_REMAINING = 'CIDR allocation failed; there are no remaining CIDRs left to allocate in the accepted range';

/** An IPv4 network: its first address as an unsigned 32-bit number and its prefix length. */
export interface Ipv4Cidr {
  readonly base: number;
  readonly prefix: number;
}

/** Parses `10.244.0.0/16` (net.ParseCIDR, masked to the network address). */
export function parseCidr(text: string): ParseResult<Ipv4Cidr> {
  const match = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})\/(\d{1,2})$/.exec(text);
  const octets = match?.slice(1, 5).map(Number);
  const prefix = Number(match?.[5]);
  if (match === null || octets === undefined || octets.some((o) => o > 255) || prefix > 32) return parseError(`invalid CIDR address: ${text}`);
  const address = (((octets[0]! << 24) | (octets[1]! << 16) | (octets[2]! << 8) | octets[3]!) >>> 0) as number;
  return parsed({ base: maskAddress(address, prefix), prefix });
}

function maskAddress(address: number, prefix: number): number {
  return prefix === 0 ? 0 : (address & ~((2 ** (32 - prefix) - 1) | 0)) >>> 0;
}

/** `10.244.1.0/24`. */
export function formatCidr(cidr: Ipv4Cidr): string {
  const a = cidr.base;
  return `${a >>> 24}.${(a >>> 16) & 255}.${(a >>> 8) & 255}.${a & 255}/${cidr.prefix}`;
}

/** The subnets of one cluster CIDR. */
export class CidrSet {
  private readonly used = new Set<number>();
  private nextCandidate = 0;
  readonly maxCidrs: number;

  constructor(
    readonly clusterCidr: Ipv4Cidr,
    readonly nodeMaskSize: number,
  ) {
    this.maxCidrs = 2 ** (nodeMaskSize - clusterCidr.prefix);
  }

  /** AllocateNext: the next free subnet after the last one handed out, or the no-CIDRs-remaining error. */
  allocateNext(): ParseResult<Ipv4Cidr> {
    for (let i = 0; i < this.maxCidrs; i++) {
      const candidate = (i + this.nextCandidate) % this.maxCidrs;
      if (this.used.has(candidate)) continue;
      this.nextCandidate = (candidate + 1) % this.maxCidrs;
      this.used.add(candidate);
      return parsed(this.cidrAt(candidate));
    }
    return parseError(NO_CIDRS_REMAINING);
  }

  /** Occupy: marks the subnets `cidr` covers as used (a node's existing podCIDR, or a service range). */
  occupy(cidr: Ipv4Cidr): ParseResult<void> {
    const range = this.indexRange(cidr);
    if (range === undefined) return parseError(`CIDR ${formatCidr(cidr)} is out of the range of CIDR allocator`);
    for (let i = range.first; i <= range.last; i++) this.used.add(i);
    return parsed(undefined);
  }

  /** Release: marks the subnets `cidr` covers as free. */
  release(cidr: Ipv4Cidr): ParseResult<void> {
    const range = this.indexRange(cidr);
    if (range === undefined) return parseError(`CIDR ${formatCidr(cidr)} is out of the range of CIDR allocator`);
    for (let i = range.first; i <= range.last; i++) this.used.delete(i);
    return parsed(undefined);
  }

  private cidrAt(index: number): Ipv4Cidr {
    return { base: (this.clusterCidr.base + index * 2 ** (32 - this.nodeMaskSize)) >>> 0, prefix: this.nodeMaskSize };
  }

  /** The subnet indexes `cidr` overlaps, or undefined when it is outside the cluster CIDR. */
  private indexRange(cidr: Ipv4Cidr): { first: number; last: number } | undefined {
    const clusterSize = 2 ** (32 - this.clusterCidr.prefix);
    const size = 2 ** (32 - cidr.prefix);
    const start = cidr.base - this.clusterCidr.base;
    if (start < 0 || start + size > clusterSize) return undefined;
    const subnet = 2 ** (32 - this.nodeMaskSize);
    return { first: Math.floor(start / subnet), last: Math.floor((start + size - 1) / subnet) };
  }
}
