/**
 * One iptables rule as data, and its `iptables-save` line. kube-proxy's rules are generated as
 * these records; traffic follows the same records, so what a user reads is what packets do.
 */

/** The iptables tables kube-proxy writes. */
export type RuleTable = 'filter' | 'nat';

/** One rule (`-A CHAIN matches -j TARGET`). */
export interface ProxyRule {
  table: RuleTable;
  chain: string;
  /** `-s` (a CIDR). */
  source?: string;
  /** `! -s` (a CIDR). */
  notSource?: string;
  /** `-d` (a CIDR). */
  destination?: string;
  /** `-p` (lowercase). */
  protocol?: string;
  /** `-m comment --comment`. */
  comment?: string;
  /** `-m addrtype --dst-type LOCAL`: the destination is one of the node's own addresses. */
  destinationLocal?: boolean;
  /** `-m tcp --dport`. */
  destinationPort?: number;
  /** `-m statistic --mode random --probability`. */
  probability?: number;
  /** `-j`: a chain, or DNAT, REJECT, MARK, MASQUERADE, RETURN. */
  jump: string;
  /** DNAT `--to-destination ip:port`. */
  toDestination?: string;
  /** REJECT `--reject-with`. */
  rejectWith?: string;
  /** MARK `--or-mark`. */
  orMark?: string;
}

/**
 * A probability as iptables stores it (a 32-bit fraction of 2^31, xt_statistic) and iptables-save
 * prints it back, with 11 decimals: 1/3 → `0.33333333349`.
 */
export function formatProbability(p: number): string {
  const stored = Math.round(p * 0x80000000);
  return (stored / 0x80000000).toFixed(11);
}

/** The probability a packet really has after the 32-bit rounding iptables applies. */
export function storedProbability(p: number): number {
  return Math.round(p * 0x80000000) / 0x80000000;
}

/** A comment as iptables-save quotes it: only when it holds a space. */
function quote(comment: string): string {
  return /\s/.test(comment) ? `"${comment}"` : comment;
}

/** The rule as `iptables-save` prints it. */
export function formatRule(rule: ProxyRule): string {
  const parts = [`-A ${rule.chain}`];
  if (rule.source !== undefined) parts.push(`-s ${rule.source}`);
  if (rule.notSource !== undefined) parts.push(`! -s ${rule.notSource}`);
  if (rule.destination !== undefined) parts.push(`-d ${rule.destination}`);
  if (rule.protocol !== undefined) parts.push(`-p ${rule.protocol}`);
  if (rule.comment !== undefined) parts.push(`-m comment --comment ${quote(rule.comment)}`);
  if (rule.destinationLocal === true) parts.push('-m addrtype --dst-type LOCAL');
  if (rule.protocol !== undefined && (rule.destinationPort !== undefined || rule.jump === 'DNAT')) {
    parts.push(rule.destinationPort === undefined ? `-m ${rule.protocol}` : `-m ${rule.protocol} --dport ${rule.destinationPort}`);
  }
  if (rule.probability !== undefined) parts.push(`-m statistic --mode random --probability ${formatProbability(rule.probability)}`);
  parts.push(`-j ${rule.jump}`);
  if (rule.toDestination !== undefined) parts.push(`--to-destination ${rule.toDestination}`);
  if (rule.rejectWith !== undefined) parts.push(`--reject-with ${rule.rejectWith}`);
  if (rule.orMark !== undefined) parts.push(`--or-mark ${rule.orMark}`);
  return parts.join(' ');
}

/** The whole rule set as `iptables-save` prints it: per table, the chains then the rules. */
export function iptablesSave(rules: readonly ProxyRule[]): string {
  const lines: string[] = [];
  for (const table of ['filter', 'nat'] as const) {
    const ofTable = rules.filter((r) => r.table === table);
    const chains = new Set<string>(table === 'filter' ? FILTER_CHAINS : NAT_CHAINS);
    for (const rule of ofTable) chains.add(rule.chain);
    lines.push(`*${table}`);
    for (const chain of [...chains].sort()) lines.push(`:${chain} - [0:0]`);
    for (const rule of ofTable) lines.push(formatRule(rule));
    lines.push('COMMIT');
  }
  return lines.join('\n');
}

const FILTER_CHAINS = ['KUBE-EXTERNAL-SERVICES', 'KUBE-FORWARD', 'KUBE-NODEPORTS', 'KUBE-SERVICES'];
const NAT_CHAINS = ['KUBE-MARK-MASQ', 'KUBE-NODEPORTS', 'KUBE-POSTROUTING', 'KUBE-SERVICES'];
