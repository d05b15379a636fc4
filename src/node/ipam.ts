/**
 * The node's pod IP allocator, host-local style: addresses come from the node's podCIDR, the
 * network address, the gateway (.1) and the broadcast address are never handed out, and an
 * address is free again once its pod's sandbox is gone. The lowest free address is taken.
 */

/** An IPv4 CIDR as numbers. */
interface Ipv4Range {
  base: number;
  size: number;
}

/** Parses `10.244.1.0/24`; undefined when it is not an IPv4 CIDR. */
export function parseIpv4Cidr(cidr: string): Ipv4Range | undefined {
  const match = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})\/(\d{1,2})$/.exec(cidr);
  if (!match) return undefined;
  const octets = match.slice(1, 5).map(Number);
  const prefix = Number(match[5]);
  if (octets.some((o) => o > 255) || prefix > 32) return undefined;
  const address = ((octets[0]! << 24) >>> 0) + (octets[1]! << 16) + (octets[2]! << 8) + octets[3]!;
  const size = 2 ** (32 - prefix);
  return { base: address - (address % size), size };
}

/** `167837954` → `10.1.2.2`. */
export function formatIpv4(value: number): string {
  return [value >>> 24, (value >>> 16) & 255, (value >>> 8) & 255, value & 255].join('.');
}

/** Pod IPs of one node. */
export class HostLocalIpam {
  private range: Ipv4Range | undefined;
  private cidr: string | undefined;
  /** Allocated offsets into the range, by pod uid. */
  private readonly byPod = new Map<string, number>();
  private readonly used = new Set<number>();
  /** The lowest offset that may be free. */
  private lowestFree = 2;

  /** The podCIDR addresses come from, once known. */
  get podCIDR(): string | undefined {
    return this.cidr;
  }

  /** Sets the range (from the Node's spec.podCIDR). Addresses already given out stay given out. */
  setPodCIDR(cidr: string): void {
    if (cidr === this.cidr) return;
    const range = parseIpv4Cidr(cidr);
    if (range === undefined) return;
    this.cidr = cidr;
    this.range = range;
    this.used.clear();
    this.lowestFree = 2;
    for (const [uid, offset] of this.byPod) {
      if (offset < range.size - 1) this.used.add(offset);
      else this.byPod.delete(uid);
    }
  }

  /** The address of `podUid`, allocating one if needed; undefined without a podCIDR or when the range is full. */
  allocate(podUid: string): string | undefined {
    const range = this.range;
    if (range === undefined) return undefined;
    const existing = this.byPod.get(podUid);
    if (existing !== undefined) return formatIpv4(range.base + existing);
    let offset = this.lowestFree;
    while (offset < range.size - 1 && this.used.has(offset)) offset++;
    if (offset >= range.size - 1) return undefined;
    this.used.add(offset);
    this.byPod.set(podUid, offset);
    this.lowestFree = offset + 1;
    return formatIpv4(range.base + offset);
  }

  /** The address `podUid` holds, if any. */
  addressOf(podUid: string): string | undefined {
    const offset = this.byPod.get(podUid);
    return offset === undefined || this.range === undefined ? undefined : formatIpv4(this.range.base + offset);
  }

  /** Frees the address of `podUid`. */
  release(podUid: string): void {
    const offset = this.byPod.get(podUid);
    if (offset === undefined) return;
    this.byPod.delete(podUid);
    this.used.delete(offset);
    if (offset < this.lowestFree) this.lowestFree = offset;
  }

  /** How many addresses are in use. */
  get allocated(): number {
    return this.byPod.size;
  }
}
