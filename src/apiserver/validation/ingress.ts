/**
 * Ingresses, networking.k8s.io/v1 (pkg/apis/networking/validation): rules or a default backend,
 * hosts that are DNS names, paths with a pathType, and backends naming a Service and a port.
 */
import { child, index, invalidValue, notSupported, required } from '../../api/field-errors.js';
import type { Errors, Json } from './access.js';
import { asObject, intAt, objectAt, objectsAt, stringAt, stringsAt } from './access.js';
import { metaOf, validateObjectMeta, validateObjectMetaUpdate } from './metadata.js';
import { isDNS1123Subdomain, isValidPathSegmentName, isValidPortName, isValidPortNum, isWildcardDNS1123Subdomain, nameIsDNS1035Label, nameIsDNSSubdomain } from './names.js';
import { isIPAddress } from './network.js';
import { invalidGo } from './go-value.js';

const PATH_TYPES = ['Exact', 'ImplementationSpecific', 'Prefix'];
const INVALID_SEQUENCES = ['//', '/./', '/../', '%2f', '%2F'];
const INVALID_SUFFIXES = ['/..', '/.'];

function validateHost(errs: Errors, host: string, path: string): void {
  const msgs = host.includes('*') ? isWildcardDNS1123Subdomain(host) : isDNS1123Subdomain(host);
  for (const msg of msgs) errs.push(invalidValue(path, host, msg));
}

/** validateIngressBackend. */
function validateBackend(errs: Errors, backend: Json, path: string): void {
  const resource = objectAt(errs, backend, path, 'resource');
  const service = objectAt(errs, backend, path, 'service');
  if (resource && service) return void errs.push(invalidValue(path, '', 'cannot set both resource and service backends'));
  if (resource) {
    const p = child(path, 'resource');
    for (const field of ['kind', 'name']) {
      const value = stringAt(errs, resource, p, field) ?? '';
      if (value === '') errs.push(required(child(p, field), `${field} is required`));
      else for (const msg of isValidPathSegmentName(value)) errs.push(invalidValue(child(p, field), value, msg));
    }
    return;
  }
  if (!service) return void errs.push(invalidValue(path, '', 'resource or service backend is required'));
  const p = child(path, 'service');
  const name = stringAt(errs, service, p, 'name') ?? '';
  if (name === '') errs.push(required(child(p, 'name'), ''));
  else for (const msg of nameIsDNS1035Label(name, false)) errs.push(invalidValue(child(p, 'name'), name, msg));
  const port = objectAt(errs, service, p, 'port') ?? {};
  const portName = stringAt(errs, port, child(p, 'port'), 'name') ?? '';
  const portNumber = intAt(errs, port, child(p, 'port'), 'number') ?? 0;
  if (portName !== '' && portNumber !== 0) errs.push(invalidValue(path, '', 'cannot set both port name & port number'));
  else if (portName !== '') for (const msg of isValidPortName(portName)) errs.push(invalidValue(child(p, 'port.name'), portName, msg));
  else if (portNumber !== 0) for (const msg of isValidPortNum(portNumber)) errs.push(invalidValue(child(p, 'port.number'), portNumber, msg));
  else errs.push(required(path, 'port name or number is required'));
}

function validatePath(errs: Errors, httpPath: Json, p: string): void {
  const pathType = stringAt(errs, httpPath, p, 'pathType');
  if (pathType === undefined) return void errs.push(required(child(p, 'pathType'), 'pathType must be specified'));
  const value = stringAt(errs, httpPath, p, 'path') ?? '';
  if (pathType === 'Exact' || pathType === 'Prefix') {
    if (!value.startsWith('/')) errs.push(invalidValue(child(p, 'path'), value, 'must be an absolute path'));
    if (value.length > 0) {
      for (const seq of INVALID_SEQUENCES) if (value.includes(seq)) errs.push(invalidValue(child(p, 'path'), value, `must not contain '${seq}'`));
      for (const suffix of INVALID_SUFFIXES) if (value.endsWith(suffix)) errs.push(invalidValue(child(p, 'path'), value, `cannot end with '${suffix}'`));
    }
  } else if (pathType === 'ImplementationSpecific') {
    if (value.length > 0 && !value.startsWith('/')) errs.push(invalidValue(child(p, 'path'), value, 'must be an absolute path'));
  } else errs.push(notSupported(child(p, 'pathType'), pathType, PATH_TYPES));
  validateBackend(errs, objectAt(errs, httpPath, p, 'backend') ?? {}, child(p, 'backend'));
}

function validateRules(errs: Errors, spec: Json): void {
  objectsAt(errs, spec, 'spec', 'rules').forEach((rule, i) => {
    if (!rule) return;
    const p = index('spec.rules', i);
    const host = stringAt(errs, rule, p, 'host') ?? '';
    if (host !== '') {
      if (isIPAddress(host)) errs.push(invalidValue(child(p, 'host'), host, 'must be a DNS name, not an IP address'));
      validateHost(errs, host, child(p, 'host'));
    }
    const http = objectAt(errs, rule, p, 'http');
    if (!http) return;
    const paths = objectsAt(errs, http, child(p, 'http'), 'paths');
    if (paths.length === 0) errs.push(required(child(p, 'http.paths'), ''));
    paths.forEach((httpPath, j) => httpPath && validatePath(errs, httpPath, index(child(p, 'http.paths'), j)));
  });
}

function validateSpec(errs: Errors, ingress: Json): void {
  const spec = objectAt(errs, ingress, '', 'spec') ?? {};
  const rules = Array.isArray(spec.rules) ? spec.rules : [];
  const defaultBackend = objectAt(errs, spec, 'spec', 'defaultBackend');
  if (rules.length === 0 && !defaultBackend) {
    errs.push(invalidGo('spec', Array.isArray(spec.rules) ? '[]networking.IngressRule{}' : '[]networking.IngressRule(nil)', 'either `defaultBackend` or `rules` must be specified'));
  }
  if (defaultBackend) validateBackend(errs, defaultBackend, 'spec.defaultBackend');
  validateRules(errs, spec);
  objectsAt(errs, spec, 'spec', 'tls').forEach((tls, i) => {
    if (!tls) return;
    const p = index('spec.tls', i);
    stringsAt(errs, tls, p, 'hosts').forEach((host, j) => validateHost(errs, host, index(child(p, 'hosts'), j)));
    const secretName = stringAt(errs, tls, p, 'secretName') ?? '';
    if (secretName !== '') for (const msg of nameIsDNSSubdomain(secretName, false)) errs.push(invalidValue(child(p, 'secretName'), secretName, msg));
  });
  const className = stringAt(errs, spec, 'spec', 'ingressClassName');
  if (className !== undefined) for (const msg of nameIsDNSSubdomain(className, false)) errs.push(invalidValue('spec.ingressClassName', className, msg));
}

/** ValidateIngressCreate: also, the legacy class annotation must agree with ingressClassName. */
export function validateIngressCreate(errs: Errors, ingress: Json): void {
  const meta = metaOf(errs, ingress);
  validateObjectMeta(errs, meta, nameIsDNSSubdomain);
  validateSpec(errs, ingress);
  const annotation = asObject(meta.annotations)?.['kubernetes.io/ingress.class'];
  const className = asObject(ingress.spec)?.ingressClassName;
  if (typeof annotation === 'string' && typeof className === 'string' && annotation !== className) {
    errs.push(invalidValue('annotations.kubernetes.io/ingress.class', annotation, 'must match `ingressClassName` when both are specified'));
  }
}

/** ValidateIngressUpdate. */
export function validateIngressUpdate(errs: Errors, ingress: Json, old: Json): void {
  validateObjectMetaUpdate(errs, metaOf(errs, ingress), metaOf([], old));
  validateSpec(errs, ingress);
}
