/**
 * Services (ValidateService, ValidateServiceUpdate): ports, type, selector, ClusterIP(s),
 * ExternalName, traffic policies, NodePorts, and that a ClusterIP never changes once set.
 * Defaulted fields (type, sessionAffinity, protocol, targetPort, traffic policies) are checked
 * when present and accepted when absent.
 */
import { child, duplicate, forbiddenField, index, invalidValue, notSupported, required } from '../../api/field-errors.js';
import type { Errors, Json } from './access.js';
import { asObject, intAt, intOrStringAt, objectAt, objectsAt, stringAt, stringMapAt, stringsAt } from './access.js';
import { SUPPORTED_PORT_PROTOCOLS } from './container-parts.js';
import { duplicateGo, goIntOrString } from './go-value.js';
import { validateLabels } from './labels.js';
import { metaOf, validateObjectMeta, validateObjectMetaUpdate } from './metadata.js';
import { isDNS1123Label, isDNS1123Subdomain, isQualifiedName, isValidPortNum, nameIsDNS1035Label } from './names.js';
import { validateCIDR, validateIP, validateNonSpecialIP } from './network.js';
import { validatePortNumOrName } from './probes.js';

const SERVICE_TYPES = ['ClusterIP', 'ExternalName', 'LoadBalancer', 'NodePort'];
const MAX_AFFINITY_SECONDS = 86400;

/** The service's ClusterIPs, with `clusterIP` and `clusterIPs` synced as the strategy does. */
function clusterIPsOf(errs: Errors, spec: Json): string[] {
  const ips = stringsAt(errs, spec, 'spec', 'clusterIPs');
  const ip = stringAt(errs, spec, 'spec', 'clusterIP') ?? '';
  if (ips.length === 0 && ip !== '') return [ip];
  if (ip !== '' && ips[0] !== ip) errs.push(invalidValue('spec.clusterIPs', ips, 'first value must match `clusterIP`'));
  return ips;
}

function isHeadless(ips: string[]): boolean {
  return ips.length === 1 && ips[0] === 'None';
}

function validateClusterIPs(errs: Errors, spec: Json, ips: string[]): void {
  const families = stringsAt(errs, spec, 'spec', 'ipFamilies');
  families.forEach((f, i) => {
    if (f !== 'IPv4' && f !== 'IPv6') errs.push(notSupported(index('spec.ipFamilies', i), f, ['IPv4', 'IPv6']));
    if (families.indexOf(f) < i) errs.push(duplicate(index('spec.ipFamilies', i), f));
  });
  const policy = stringAt(errs, spec, 'spec', 'ipFamilyPolicy');
  if (policy !== undefined && !['PreferDualStack', 'RequireDualStack', 'SingleStack'].includes(policy)) {
    errs.push(notSupported('spec.ipFamilyPolicy', policy, ['PreferDualStack', 'RequireDualStack', 'SingleStack']));
  }
  ips.forEach((ip, i) => {
    if (i === 0 && ip === 'None') {
      if (ips.length > 1) errs.push(invalidValue('spec.clusterIPs', ips, "'None' must be the first and only value"));
      return;
    }
    errs.push(...validateIP(index('spec.clusterIPs', i), ip));
  });
  if (ips.length > 2) errs.push(invalidValue('spec.clusterIPs', ips, 'may only hold up to 2 values'));
}

/** The duplicate-port key as kube-apiserver prints it: a core.ServicePort with only protocol and port set. */
function portKey(protocol: string, port: number): string {
  return `core.ServicePort{Name:"", Protocol:${JSON.stringify(protocol)}, AppProtocol:(*string)(nil), Port:${port}, TargetPort:${goIntOrString(0)}, NodePort:0}`;
}

/** validateServicePort for each port. */
function validatePorts(errs: Errors, spec: Json): void {
  const ports = objectsAt(errs, spec, 'spec', 'ports');
  const names = new Set<string>();
  ports.forEach((port, i) => {
    if (!port) return;
    const p = index('spec.ports', i);
    const name = stringAt(errs, port, p, 'name') ?? '';
    if (ports.length > 1 && name === '') errs.push(required(child(p, 'name'), ''));
    else if (name !== '') {
      for (const msg of isDNS1123Label(name)) errs.push(invalidValue(child(p, 'name'), name, msg));
      if (names.has(name)) errs.push(duplicate(child(p, 'name'), name));
      else names.add(name);
    }
    const number = intAt(errs, port, p, 'port') ?? 0;
    for (const msg of isValidPortNum(number)) errs.push(invalidValue(child(p, 'port'), number, msg));
    const protocol = stringAt(errs, port, p, 'protocol') || 'TCP';
    if (!SUPPORTED_PORT_PROTOCOLS.includes(protocol)) errs.push(notSupported(child(p, 'protocol'), protocol, SUPPORTED_PORT_PROTOCOLS));
    validatePortNumOrName(errs, intOrStringAt(errs, port, p, 'targetPort') ?? number, child(p, 'targetPort'));
    const appProtocol = stringAt(errs, port, p, 'appProtocol');
    if (appProtocol !== undefined) for (const msg of isQualifiedName(appProtocol)) errs.push(invalidValue(child(p, 'appProtocol'), appProtocol, msg));
  });
}

/** NodePorts only where they make sense, no (protocol, port) or (protocol, nodePort) twice. */
function validatePortConflicts(errs: Errors, spec: Json, type: string): void {
  const ports = (Array.isArray(spec.ports) ? spec.ports : []).map((p) => asObject(p) ?? {});
  const nodePortOf = (p: Json): number => (Number.isInteger(p.nodePort) ? (p.nodePort as number) : 0);
  const protocolOf = (p: Json): string => (typeof p.protocol === 'string' && p.protocol !== '' ? p.protocol : 'TCP');
  if (type === 'ClusterIP') {
    ports.forEach((p, i) => nodePortOf(p) !== 0 && errs.push(forbiddenField(child(index('spec.ports', i), 'nodePort'), "may not be used when `type` is 'ClusterIP'")));
  }
  const seenNodePorts = new Set<string>();
  ports.forEach((p, i) => {
    if (nodePortOf(p) === 0) return;
    const id = `${protocolOf(p)}/${nodePortOf(p)}`;
    if (seenNodePorts.has(id)) errs.push(duplicate(child(index('spec.ports', i), 'nodePort'), nodePortOf(p)));
    seenNodePorts.add(id);
  });
  const seenPorts = new Set<string>();
  ports.forEach((p, i) => {
    const port = Number.isInteger(p.port) ? (p.port as number) : 0;
    const id = `${protocolOf(p)}/${port}`;
    if (seenPorts.has(id)) errs.push(duplicateGo(index('spec.ports', i), portKey(protocolOf(p), port)));
    seenPorts.add(id);
  });
  // The NodePort range is the allocator's to check (service-allocation.ts), after validation.
}

function validateAffinity(errs: Errors, spec: Json): void {
  const affinity = stringAt(errs, spec, 'spec', 'sessionAffinity');
  if (affinity !== undefined && affinity !== 'ClientIP' && affinity !== 'None') errs.push(notSupported('spec.sessionAffinity', affinity, ['ClientIP', 'None']));
  const config = objectAt(errs, spec, 'spec', 'sessionAffinityConfig');
  if (affinity === 'None' && config) errs.push(forbiddenField('spec.sessionAffinityConfig', 'must not be set when session affinity is None'));
  const timeout = affinity === 'ClientIP' ? asObject(config?.clientIP)?.timeoutSeconds : undefined;
  if (typeof timeout === 'number' && (timeout <= 0 || timeout > MAX_AFFINITY_SECONDS)) {
    errs.push(invalidValue('spec.sessionAffinityConfig.clientIP.timeoutSeconds', timeout, `must be greater than 0 and less than ${MAX_AFFINITY_SECONDS}`));
  }
}

function validateTraffic(errs: Errors, spec: Json, type: string, externalIPs: string[]): void {
  const accessible = type === 'LoadBalancer' || type === 'NodePort' || (type === 'ClusterIP' && externalIPs.length > 0);
  const external = stringAt(errs, spec, 'spec', 'externalTrafficPolicy');
  if (external !== undefined && external !== '') {
    if (!accessible) errs.push(invalidValue('spec.externalTrafficPolicy', external, 'may only be set for externally-accessible services'));
    else if (external !== 'Cluster' && external !== 'Local') errs.push(notSupported('spec.externalTrafficPolicy', external, ['Cluster', 'Local']));
  }
  const internal = stringAt(errs, spec, 'spec', 'internalTrafficPolicy');
  if (internal !== undefined && internal !== 'Cluster' && internal !== 'Local') errs.push(notSupported('spec.internalTrafficPolicy', internal, ['Cluster', 'Local']));
  const ranges = stringsAt(errs, spec, 'spec', 'loadBalancerSourceRanges');
  if (ranges.length > 0 && type !== 'LoadBalancer') errs.push(forbiddenField('spec.LoadBalancerSourceRanges', "may only be used when `type` is 'LoadBalancer'"));
  ranges.forEach((r, i) => errs.push(...validateCIDR(index('spec.LoadBalancerSourceRanges', i), r.trim())));
  for (const field of ['allocateLoadBalancerNodePorts', 'loadBalancerClass']) {
    if (spec[field] !== undefined && spec[field] !== null && type !== 'LoadBalancer') {
      errs.push(forbiddenField(child('spec', field), "may only be used when `type` is 'LoadBalancer'"));
    }
  }
  const lbClass = stringAt(errs, spec, 'spec', 'loadBalancerClass');
  if (lbClass !== undefined && type === 'LoadBalancer') for (const msg of isQualifiedName(lbClass)) errs.push(invalidValue('spec.loadBalancerClass', lbClass, msg));
}

function validateSpec(errs: Errors, spec: Json): void {
  const type = stringAt(errs, spec, 'spec', 'type') || 'ClusterIP';
  const ips = clusterIPsOf(errs, spec);
  const headless = isHeadless(ips);
  const ports = Array.isArray(spec.ports) ? spec.ports : [];
  if (ports.length === 0 && !headless && type !== 'ExternalName') errs.push(required('spec.ports', ''));
  if ((type === 'LoadBalancer' || type === 'NodePort') && headless) {
    errs.push(invalidValue(index('spec.clusterIPs', 0), 'None', `may not be set to 'None' for ${type} services`));
  }
  if (type === 'ExternalName') {
    if (ips.length > 0) errs.push(forbiddenField('spec.clusterIPs', 'may not be set for ExternalName services'));
    if (Array.isArray(spec.ipFamilies) && spec.ipFamilies.length > 0) errs.push(forbiddenField('spec.ipFamilies', 'may not be set for ExternalName services'));
    if (spec.ipFamilyPolicy !== undefined && spec.ipFamilyPolicy !== null) errs.push(forbiddenField('spec.ipFamilyPolicy', 'may not be set for ExternalName services'));
    const cname = (stringAt(errs, spec, 'spec', 'externalName') ?? '').replace(/\.$/, '');
    if (cname === '') errs.push(required('spec.externalName', ''));
    else for (const msg of isDNS1123Subdomain(cname)) errs.push(invalidValue('spec.externalName', cname, msg));
  }
  validatePorts(errs, spec);
  validateLabels(errs, stringMapAt(errs, spec, 'spec', 'selector'), 'spec.selector');
  validateAffinity(errs, spec);
  if (type !== 'ExternalName') validateClusterIPs(errs, spec, ips);
  const externalIPs = stringsAt(errs, spec, 'spec', 'externalIPs');
  externalIPs.forEach((ip, i) => {
    const ipErrs = validateIP(index('spec.externalIPs', i), ip);
    errs.push(...(ipErrs.length > 0 ? ipErrs : validateNonSpecialIP(index('spec.externalIPs', i), ip)));
  });
  if (!SERVICE_TYPES.includes(type)) errs.push(notSupported('spec.type', type, SERVICE_TYPES));
  validatePortConflicts(errs, spec, type);
  validateTraffic(errs, spec, type, externalIPs);
}

/** ValidateService on create: the name is a DNS-1035 label. */
export function validateServiceCreate(errs: Errors, service: Json): void {
  validateObjectMeta(errs, metaOf(errs, service), nameIsDNS1035Label);
  validateSpec(errs, objectAt(errs, service, '', 'spec') ?? {});
}

/** ValidateServiceUpdate: a ClusterIP, once set, may not change (unless to or from ExternalName). */
export function validateServiceUpdate(errs: Errors, service: Json, old: Json): void {
  validateObjectMetaUpdate(errs, metaOf(errs, service), metaOf([], old));
  const spec = objectAt(errs, service, '', 'spec') ?? {};
  const oldSpec = asObject(old.spec) ?? {};
  const ips = clusterIPsOf([], spec);
  const oldIPs = clusterIPsOf([], oldSpec);
  const externalName = spec.type === 'ExternalName' || oldSpec.type === 'ExternalName';
  if (!externalName && !(isHeadless(ips) && isHeadless(oldIPs)) && ips.length > 0) {
    if (ips.length === oldIPs.length) {
      oldIPs.forEach((ip, i) => ip !== ips[i] && errs.push(invalidValue(index('spec.clusterIPs', i), ips, 'may not change once set')));
    } else if (oldIPs.length > 0 && ips[0] !== oldIPs[0]) {
      errs.push(invalidValue(index('spec.clusterIPs', 0), ips, 'may not change once set'));
    }
  }
  const lb = spec.type === 'LoadBalancer' && oldSpec.type === 'LoadBalancer';
  if (lb && (spec.loadBalancerClass ?? null) !== (oldSpec.loadBalancerClass ?? null)) {
    errs.push(invalidValue('spec.loadBalancerClass', spec.loadBalancerClass ?? null, 'may not change once set'));
  }
  const healthCheck = (s: Json): boolean => s.type === 'LoadBalancer' && s.externalTrafficPolicy === 'Local';
  if (healthCheck(spec) && healthCheck(oldSpec) && spec.healthCheckNodePort !== oldSpec.healthCheckNodePort) {
    errs.push(forbiddenField('spec.healthCheckNodePort', 'field is immutable'));
  }
  validateSpec(errs, spec);
}
