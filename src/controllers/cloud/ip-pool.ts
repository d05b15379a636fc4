/**
 * The simulated cloud's pool of load-balancer addresses: 172.18.255.200–250, the range kind's
 * cloud-provider-kind and the usual MetalLB setup for kind hand out. The lowest free address goes
 * first, so that the same manifests always get the same EXTERNAL-IPs.
 */

/** The first address of the pool. */
export const LOAD_BALANCER_POOL_START = '172.18.255.200';
/** The last address of the pool. */
export const LOAD_BALANCER_POOL_END = '172.18.255.250';

function toNumber(ip: string): number | undefined {
  const parts = ip.split('.');
  if (parts.length !== 4 || parts.some((p) => !/^[0-9]{1,3}$/.test(p) || Number(p) > 255)) return undefined;
  return parts.reduce((n, p) => n * 256 + Number(p), 0);
}

function toIP(n: number): string {
  return [n >>> 24, (n >>> 16) & 255, (n >>> 8) & 255, n & 255].join('.');
}

/** Which pool address each load balancer (by Service key) holds. */
export class LoadBalancerIPPool {
  private readonly first: number;
  private readonly last: number;
  private readonly holders = new Map<string, string>();
  private readonly byIP = new Map<string, string>();

  constructor(start = LOAD_BALANCER_POOL_START, end = LOAD_BALANCER_POOL_END) {
    const first = toNumber(start);
    const last = toNumber(end);
    if (first === undefined || last === undefined || last < first) throw new Error(`bad load-balancer pool ${start}-${end}`);
    this.first = first;
    this.last = last;
  }

  /** `start-end`, for messages. */
  describe(): string {
    return `${toIP(this.first)}-${toIP(this.last)}`;
  }

  /** True when `ip` lies in the pool. */
  contains(ip: string): boolean {
    const n = toNumber(ip);
    return n !== undefined && n >= this.first && n <= this.last;
  }

  /** The address `key` holds, if any. */
  heldBy(key: string): string | undefined {
    return this.holders.get(key);
  }

  /**
   * The address for `key`: the one it holds, else `wanted` when in the pool and free, else the
   * lowest free one; undefined when the pool is exhausted (or `wanted` is taken or outside it).
   */
  allocate(key: string, wanted?: string): string | undefined {
    const held = this.holders.get(key);
    if (held !== undefined && (wanted === undefined || wanted === held)) return held;
    if (wanted !== undefined) {
      if (!this.contains(wanted) || this.byIP.has(wanted)) return undefined;
      this.release(key);
      this.hold(key, wanted);
      return wanted;
    }
    for (let n = this.first; n <= this.last; n++) {
      const ip = toIP(n);
      if (this.byIP.has(ip)) continue;
      this.hold(key, ip);
      return ip;
    }
    return undefined;
  }

  /** Records that `key` already holds `ip` (found in a Service's status); false when someone else does. */
  claim(key: string, ip: string): boolean {
    if (!this.contains(ip)) return false;
    const holder = this.byIP.get(ip);
    if (holder !== undefined) return holder === key;
    this.release(key);
    this.hold(key, ip);
    return true;
  }

  /** Frees the address `key` holds; true when it held one. */
  release(key: string): boolean {
    const ip = this.holders.get(key);
    if (ip === undefined) return false;
    this.holders.delete(key);
    this.byIP.delete(ip);
    return true;
  }

  private hold(key: string, ip: string): void {
    this.holders.set(key, ip);
    this.byIP.set(ip, key);
  }
}
