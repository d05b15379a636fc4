/**
 * Endpoints and EndpointSlices (ValidateEndpoints, pkg/apis/discovery/validation): addresses that
 * are real, non-special IPs (or FQDNs), named ports when there are several, known protocols.
 */
import { child, duplicate, index, invalidValue, notSupported, required } from '../../api/field-errors.js';
import type { Errors, Json } from './access.js';
import { intAt, objectsAt, stringAt, stringsAt } from './access.js';
import { SUPPORTED_PORT_PROTOCOLS } from './container-parts.js';
import { metaOf, validateImmutableField, validateObjectMeta, validateObjectMetaUpdate } from './metadata.js';
import { isDNS1123Label, isDNS1123Subdomain, isQualifiedName, isValidPortNum, nameIsDNSSubdomain } from './names.js';
import { validateIP, validateIPv4, validateIPv6, validateNonSpecialIP } from './network.js';

function validateHostnameAndNode(errs: Errors, o: Json, path: string): void {
  const hostname = stringAt(errs, o, path, 'hostname');
  if (hostname) for (const msg of isDNS1123Label(hostname)) errs.push(invalidValue(child(path, 'hostname'), hostname, msg));
  const nodeName = stringAt(errs, o, path, 'nodeName');
  if (nodeName !== undefined) for (const msg of nameIsDNSSubdomain(nodeName, false)) errs.push(invalidValue(child(path, 'nodeName'), nodeName, msg));
}

function validatePort(errs: Errors, port: Json, path: string, requireName: boolean): string {
  const name = stringAt(errs, port, path, 'name') ?? '';
  if (requireName && name === '') errs.push(required(child(path, 'name'), ''));
  else if (name !== '') for (const msg of isDNS1123Label(name)) errs.push(invalidValue(child(path, 'name'), name, msg));
  const protocol = stringAt(errs, port, path, 'protocol');
  if (protocol !== undefined && !SUPPORTED_PORT_PROTOCOLS.includes(protocol)) errs.push(notSupported(child(path, 'protocol'), protocol, SUPPORTED_PORT_PROTOCOLS));
  const appProtocol = stringAt(errs, port, path, 'appProtocol');
  if (appProtocol !== undefined) for (const msg of isQualifiedName(appProtocol)) errs.push(invalidValue(child(path, 'appProtocol'), appProtocol, msg));
  return name;
}

function validateSubsets(errs: Errors, endpoints: Json): void {
  objectsAt(errs, endpoints, '', 'subsets').forEach((subset, i) => {
    if (!subset) return;
    const p = index('subsets', i);
    const addresses = objectsAt(errs, subset, p, 'addresses');
    const notReady = objectsAt(errs, subset, p, 'notReadyAddresses');
    if (addresses.length === 0 && notReady.length === 0) errs.push(required(p, 'must specify `addresses` or `notReadyAddresses`'));
    for (const [list, items] of [['addresses', addresses], ['notReadyAddresses', notReady]] as const) {
      items.forEach((address, j) => {
        if (!address) return;
        const ap = index(child(p, list), j);
        const ip = stringAt(errs, address, ap, 'ip') ?? '';
        errs.push(...validateIP(child(ap, 'ip'), ip));
        validateHostnameAndNode(errs, address, ap);
        errs.push(...validateNonSpecialIP(child(ap, 'ip'), ip));
      });
    }
    const ports = objectsAt(errs, subset, p, 'ports');
    ports.forEach((port, j) => {
      if (!port) return;
      const pp = index(child(p, 'ports'), j);
      validatePort(errs, port, pp, ports.length > 1);
      const number = intAt(errs, port, pp, 'port') ?? 0;
      for (const msg of isValidPortNum(number)) errs.push(invalidValue(child(pp, 'port'), number, msg));
    });
  });
}

/** ValidateEndpoints (create and, with the metadata rules, update). */
export function validateEndpointsCreate(errs: Errors, endpoints: Json): void {
  validateObjectMeta(errs, metaOf(errs, endpoints), nameIsDNSSubdomain);
  validateSubsets(errs, endpoints);
}

/** ValidateEndpointsUpdate. */
export function validateEndpointsUpdate(errs: Errors, endpoints: Json, old: Json): void {
  validateObjectMetaUpdate(errs, metaOf(errs, endpoints), metaOf([], old));
  validateEndpointsCreate(errs, endpoints);
}

const ADDRESS_TYPES = ['FQDN', 'IPv4', 'IPv6'];

function validateSliceAddress(errs: Errors, type: string, address: string, path: string): void {
  if (type === 'IPv4' || type === 'IPv6') {
    const ipErrs = type === 'IPv4' ? validateIPv4(path, address) : validateIPv6(path, address);
    errs.push(...(ipErrs.length > 0 ? ipErrs : validateNonSpecialIP(path, address)));
  } else if (type === 'FQDN') {
    const name = address.replace(/\.$/, '');
    const msgs = isDNS1123Subdomain(name);
    if (address === '') errs.push(required(path, ''));
    else if (msgs.length > 0) errs.push(invalidValue(path, name, msgs.join(',')));
    else if (name.split('.').length < 2) errs.push(invalidValue(path, name, 'should be a domain with at least two segments separated by dots'));
  }
}

/** ValidateEndpointSlice: addressType, endpoints and ports. */
export function validateEndpointSliceCreate(errs: Errors, slice: Json): void {
  validateObjectMeta(errs, metaOf(errs, slice), nameIsDNSSubdomain);
  const type = stringAt(errs, slice, '', 'addressType') ?? '';
  if (type === '') errs.push(required('addressType', ''));
  else if (!ADDRESS_TYPES.includes(type)) errs.push(notSupported('addressType', type, ADDRESS_TYPES));
  objectsAt(errs, slice, '', 'endpoints').forEach((endpoint, i) => {
    if (!endpoint) return;
    const p = index('endpoints', i);
    const addresses = stringsAt(errs, endpoint, p, 'addresses');
    if (addresses.length === 0) errs.push(required(child(p, 'addresses'), 'must contain at least 1 address'));
    addresses.forEach((address, j) => validateSliceAddress(errs, type, address, index(child(p, 'addresses'), j)));
    validateHostnameAndNode(errs, endpoint, p);
  });
  const names = new Set<string>();
  objectsAt(errs, slice, '', 'ports').forEach((port, i) => {
    if (!port) return;
    const p = index('ports', i);
    const name = validatePort(errs, port, p, false);
    if (names.has(name)) errs.push(duplicate(child(p, 'name'), name));
    names.add(name);
  });
}

/** ValidateEndpointSliceUpdate: addressType is immutable. */
export function validateEndpointSliceUpdate(errs: Errors, slice: Json, old: Json): void {
  validateObjectMetaUpdate(errs, metaOf(errs, slice), metaOf([], old));
  validateEndpointSliceCreate(errs, slice);
  validateImmutableField(errs, slice.addressType ?? '', old.addressType ?? '', 'addressType');
}
