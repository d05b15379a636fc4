/**
 * kube-proxy's iptables chain names (pkg/proxy/iptables/proxier.go): a prefix and the first 16
 * characters of the base32 SHA-256 of the service port name and protocol (and, for an endpoint
 * chain, the endpoint), so names are stable across restarts and nodes.
 */
import { createHash } from 'node:crypto';

const BASE32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

/** base32.StdEncoding of `bytes` (no padding needed for the 16-character prefix kube-proxy keeps). */
function base32(bytes: Uint8Array): string {
  let out = '';
  let buffer = 0;
  let bits = 0;
  for (const byte of bytes) {
    buffer = (buffer << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += BASE32[(buffer >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  if (bits > 0) out += BASE32[(buffer << (5 - bits)) & 31];
  return out;
}

/** portProtoHash: the 16-character hash of a service port name and its (lowercase) protocol. */
function portProtoHash(servicePortName: string, protocol: string): string {
  return base32(createHash('sha256').update(servicePortName + protocol.toLowerCase()).digest()).slice(0, 16);
}

/** `KUBE-SVC-…`: the chain that load-balances one service port over its endpoints. */
export function serviceChainName(servicePortName: string, protocol: string): string {
  return `KUBE-SVC-${portProtoHash(servicePortName, protocol)}`;
}

/** `KUBE-EXT-…`: the chain for traffic to a NodePort or LoadBalancer IP of one service port. */
export function externalChainName(servicePortName: string, protocol: string): string {
  return `KUBE-EXT-${portProtoHash(servicePortName, protocol)}`;
}

/** `KUBE-SEP-…`: the chain that DNATs to one endpoint (`ip:port`) of one service port. */
export function endpointChainName(servicePortName: string, protocol: string, endpoint: string): string {
  const hash = createHash('sha256').update(servicePortName + protocol.toLowerCase() + endpoint).digest();
  return `KUBE-SEP-${base32(hash).slice(0, 16)}`;
}
