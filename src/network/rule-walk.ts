/**
 * A packet through a node's kube-proxy rules, the way netfilter takes it: the nat table first
 * (KUBE-SERVICES, jumps into KUBE-SVC / KUBE-EXT / KUBE-SEP chains, `statistic` matches drawn
 * from a random source, DNAT ends it), then the filter table (REJECT for services without
 * endpoints). A packet no rule touches goes on to its original destination.
 */
import { storedProbability, type ProxyRule } from './rules.js';

/** A new connection as netfilter sees it. */
export interface Packet {
  source?: string;
  destination: string;
  port: number;
  /** Lowercase: `tcp`, `udp`. */
  protocol: string;
  /** The destination is one of the node's own addresses (`addrtype --dst-type LOCAL`). */
  destinationLocal: boolean;
}

/** What the rules did to the packet. */
export type Verdict =
  | { kind: 'dnat'; ip: string; port: number; chains: string[] }
  | { kind: 'reject'; chains: string[] }
  | { kind: 'accept' };

/** Follows the rules; `random` gives floats in [0, 1) for the statistic matches. */
export function walkRules(rules: readonly ProxyRule[], packet: Packet, random: () => number): Verdict {
  const byChain = new Map<string, ProxyRule[]>();
  for (const rule of rules) {
    const k = `${rule.table}/${rule.chain}`;
    const list = byChain.get(k);
    if (list === undefined) byChain.set(k, [rule]);
    else list.push(rule);
  }
  const nat = walk(byChain, 'nat', 'KUBE-SERVICES', packet, random, []);
  if (nat !== undefined) return nat;
  for (const chain of ['KUBE-SERVICES', 'KUBE-EXTERNAL-SERVICES']) {
    const verdict = walk(byChain, 'filter', chain, packet, random, []);
    if (verdict !== undefined) return verdict;
  }
  return { kind: 'accept' };
}

type Final = Exclude<Verdict, { kind: 'accept' }>;

function walk(byChain: Map<string, ProxyRule[]>, table: string, chain: string, packet: Packet, random: () => number, path: string[]): Final | undefined {
  const trail = [...path, chain];
  for (const rule of byChain.get(`${table}/${chain}`) ?? []) {
    if (!matches(rule, packet)) continue;
    if (rule.probability !== undefined && random() >= storedProbability(rule.probability)) continue;
    switch (rule.jump) {
      case 'MARK':
        continue;
      case 'RETURN':
        return undefined;
      case 'REJECT':
        return { kind: 'reject', chains: trail };
      case 'DNAT': {
        const [ip = '', port = ''] = (rule.toDestination ?? '').split(':');
        return { kind: 'dnat', ip, port: Number(port), chains: trail };
      }
      default: {
        const verdict = walk(byChain, table, rule.jump, packet, random, trail);
        if (verdict !== undefined) return verdict;
      }
    }
  }
  return undefined;
}

function matches(rule: ProxyRule, packet: Packet): boolean {
  if (rule.destination !== undefined && !inCidr(packet.destination, rule.destination)) return false;
  if (rule.protocol !== undefined && rule.protocol !== packet.protocol) return false;
  if (rule.destinationPort !== undefined && rule.destinationPort !== packet.port) return false;
  if (rule.destinationLocal === true && !packet.destinationLocal) return false;
  if (rule.source !== undefined && (packet.source === undefined || !inCidr(packet.source, rule.source))) return false;
  if (rule.notSource !== undefined && packet.source !== undefined && inCidr(packet.source, rule.notSource)) return false;
  return true;
}

/** Whether an IPv4 address lies in a CIDR. */
export function inCidr(ip: string, cidr: string): boolean {
  const [base = '', bitsText = '32'] = cidr.split('/');
  const bits = Number(bitsText);
  const mask = bits === 0 ? 0 : (~0 << (32 - bits)) >>> 0;
  return ((toUint(ip) & mask) >>> 0) === ((toUint(base) & mask) >>> 0);
}

function toUint(ip: string): number {
  return ip.split('.').reduce((n, part) => ((n << 8) | (Number(part) & 255)) >>> 0, 0);
}
