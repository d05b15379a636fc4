/**
 * framework.HostPortInfo: the host ports in use on a node, by host IP, for NodePorts' conflict
 * check (`0.0.0.0` conflicts with every IP).
 */
import type { HostPort } from './pod-info.js';

/** The wildcard host IP (DefaultBindAllHostIP). */
export const BIND_ALL_HOST_IP = '0.0.0.0';

/** The host ports used on one node. */
export class HostPortInfo {
  /** ip → `protocol/port` → how many pods use it. */
  private readonly byIp = new Map<string, Map<string, number>>();

  /** Whether no port is in use. */
  get empty(): boolean {
    return this.byIp.size === 0;
  }

  /** Records a used port. */
  add(p: HostPort): void {
    let ports = this.byIp.get(p.ip);
    if (ports === undefined) this.byIp.set(p.ip, (ports = new Map()));
    const key = `${p.protocol}/${p.port}`;
    ports.set(key, (ports.get(key) ?? 0) + 1);
  }

  /** Forgets a used port. */
  remove(p: HostPort): void {
    const ports = this.byIp.get(p.ip);
    if (ports === undefined) return;
    const key = `${p.protocol}/${p.port}`;
    const n = (ports.get(key) ?? 0) - 1;
    if (n > 0) ports.set(key, n);
    else ports.delete(key);
    if (ports.size === 0) this.byIp.delete(p.ip);
  }

  /** HostPortInfo.CheckConflict. */
  conflicts(p: HostPort): boolean {
    if (p.port <= 0) return false;
    const key = `${p.protocol}/${p.port}`;
    if (p.ip === BIND_ALL_HOST_IP) {
      for (const ports of this.byIp.values()) if (ports.has(key)) return true;
      return false;
    }
    return (this.byIp.get(BIND_ALL_HOST_IP)?.has(key) ?? false) || (this.byIp.get(p.ip)?.has(key) ?? false);
  }

  /** A copy (for preemption's what-if evaluation). */
  clone(): HostPortInfo {
    const copy = new HostPortInfo();
    for (const [ip, ports] of this.byIp) copy.byIp.set(ip, new Map(ports));
    return copy;
  }
}
