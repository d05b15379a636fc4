/**
 * IP and CIDR formats (k8s.io/apimachinery/pkg/util/validation/ip.go and ValidateNonSpecialIP),
 * returning field errors with the upstream wording.
 */
import { isIP, isIPv4, isIPv6 } from 'node:net';
import type { FieldError } from '../../api/field-errors.js';
import { invalidValue } from '../../api/field-errors.js';

/** Accepts what netutils.ParseIPSloppy accepts: also IPv4 octets with leading zeros. */
function parseSloppy(value: string): 4 | 6 | 0 {
  if (isIPv4(value)) return 4;
  if (isIPv6(value)) return 6;
  const octets = value.split('.');
  if (octets.length === 4 && octets.every((o) => /^[0-9]{1,3}$/.test(o) && Number(o) <= 255)) return 4;
  return 0;
}

/** True when `value` parses as an IP address. */
export function isIPAddress(value: string): boolean {
  return parseSloppy(value) !== 0;
}

/** IsValidIP. */
export function validateIP(path: string, value: string): FieldError[] {
  return parseSloppy(value) === 0 ? [invalidValue(path, value, 'must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)')] : [];
}

/** IsValidIPv4Address. */
export function validateIPv4(path: string, value: string): FieldError[] {
  return parseSloppy(value) === 4 ? [] : [invalidValue(path, value, 'must be a valid IPv4 address')];
}

/** IsValidIPv6Address. */
export function validateIPv6(path: string, value: string): FieldError[] {
  return isIP(value) === 6 ? [] : [invalidValue(path, value, 'must be a valid IPv6 address')];
}

/** IsValidCIDR. */
export function validateCIDR(path: string, value: string): FieldError[] {
  const slash = value.indexOf('/');
  const ip = value.slice(0, slash);
  const bits = value.slice(slash + 1);
  const family = slash < 0 ? 0 : parseSloppy(ip);
  const max = family === 4 ? 32 : 128;
  const ok = family !== 0 && /^[0-9]{1,3}$/.test(bits) && Number(bits) <= max;
  return ok ? [] : [invalidValue(path, value, 'must be a valid CIDR value, (e.g. 10.9.8.0/24 or 2001:db8::/64)')];
}

/** ValidateNonSpecialIP: Endpoints, EndpointSlices and external IPs may not be unspecified, loopback or link-local. */
export function validateNonSpecialIP(path: string, value: string): FieldError[] {
  const family = parseSloppy(value);
  if (family === 0) return [invalidValue(path, value, 'must be a valid IP address')];
  const errs: FieldError[] = [];
  const lower = value.toLowerCase();
  const octets = family === 4 ? value.split('.').map(Number) : [];
  const unspecified = family === 4 ? octets.every((o) => o === 0) : /^(0*:)*:?0*$/.test(lower) || lower === '::';
  if (unspecified) errs.push(invalidValue(path, value, `may not be unspecified (${value})`));
  if (family === 4 ? octets[0] === 127 : lower === '::1') {
    errs.push(invalidValue(path, value, 'may not be in the loopback range (127.0.0.0/8, ::1/128)'));
  }
  if (family === 4 ? octets[0] === 169 && octets[1] === 254 : /^fe[89ab]/.test(lower)) {
    errs.push(invalidValue(path, value, 'may not be in the link-local range (169.254.0.0/16, fe80::/10)'));
  }
  if (family === 4 ? octets[0] === 224 && octets[1] === 0 && octets[2] === 0 : lower.startsWith('ff02:')) {
    errs.push(invalidValue(path, value, 'may not be in the link-local multicast range (224.0.0.0/24, ff02::/10)'));
  }
  return errs;
}
