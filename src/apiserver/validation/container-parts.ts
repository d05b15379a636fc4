/**
 * The lists inside a container: ports, env, envFrom and volumeMounts (validateContainerPorts,
 * ValidateEnv, ValidateEnvFrom, ValidateVolumeMounts in pkg/apis/core/validation).
 */
import { child, duplicate, index, invalidValue, notFoundField, notSupported, required } from '../../api/field-errors.js';
import type { Errors, Json } from './access.js';
import { intAt, objectAt, objectsAt, stringAt } from './access.js';
import { isConfigMapKey, isEnvVarName, isValidPortName, isValidPortNum, nameIsDNSSubdomain } from './names.js';
import { validateLocalDescendingPath } from './volumes.js';

/** The protocols a port may use, as sets.List sorts them. */
export const SUPPORTED_PORT_PROTOCOLS = ['SCTP', 'TCP', 'UDP'];

/** validateContainerPorts. */
export function validateContainerPorts(errs: Errors, container: Json, path: string): void {
  const names = new Set<string>();
  objectsAt(errs, container, path, 'ports').forEach((port, i) => {
    if (!port) return;
    const p = index(child(path, 'ports'), i);
    const name = stringAt(errs, port, p, 'name');
    if (name) {
      const msgs = isValidPortName(name);
      for (const msg of msgs) errs.push(invalidValue(child(p, 'name'), name, msg));
      if (msgs.length === 0 && names.has(name)) errs.push(duplicate(child(p, 'name'), name));
      else if (msgs.length === 0) names.add(name);
    }
    const containerPort = intAt(errs, port, p, 'containerPort');
    if (containerPort === 0 || port.containerPort === undefined || port.containerPort === null) {
      errs.push(required(child(p, 'containerPort'), ''));
    } else if (containerPort !== undefined) {
      for (const msg of isValidPortNum(containerPort)) errs.push(invalidValue(child(p, 'containerPort'), containerPort, msg));
    }
    const hostPort = intAt(errs, port, p, 'hostPort');
    if (hostPort) for (const msg of isValidPortNum(hostPort)) errs.push(invalidValue(child(p, 'hostPort'), hostPort, msg));
    const protocol = stringAt(errs, port, p, 'protocol');
    if (protocol && !SUPPORTED_PORT_PROTOCOLS.includes(protocol)) errs.push(notSupported(child(p, 'protocol'), protocol, SUPPORTED_PORT_PROTOCOLS));
  });
}

const ENV_FIELD_PATHS = [
  'metadata.name',
  'metadata.namespace',
  'metadata.uid',
  'spec.nodeName',
  'spec.serviceAccountName',
  'status.hostIP',
  'status.hostIPs',
  'status.podIP',
  'status.podIPs',
];
/** Field paths the v1 downward API converts (pods.ConvertDownwardAPIFieldLabel). */
const CONVERTIBLE_FIELD_PATHS = new Set([...ENV_FIELD_PATHS, 'metadata.annotations', 'metadata.labels', 'spec.restartPolicy', 'spec.schedulerName', 'status.phase']);
const ENV_RESOURCE_PATHS = ['limits.cpu', 'limits.ephemeral-storage', 'limits.memory', 'requests.cpu', 'requests.ephemeral-storage', 'requests.memory'];

function validateFieldRef(errs: Errors, ref: Json, path: string): void {
  const fieldPath = stringAt(errs, ref, path, 'fieldPath');
  if (!fieldPath) {
    errs.push(required(child(path, 'fieldPath'), ''));
    return;
  }
  const subscript = /^(metadata\.(?:labels|annotations))\['(.*)'\]$/.exec(fieldPath);
  if (subscript) return;
  if (!CONVERTIBLE_FIELD_PATHS.has(fieldPath)) {
    errs.push(invalidValue(child(path, 'fieldPath'), fieldPath, `error converting fieldPath: field label not supported: ${fieldPath}`));
  } else if (!ENV_FIELD_PATHS.includes(fieldPath)) {
    errs.push(notSupported(child(path, 'fieldPath'), fieldPath, ENV_FIELD_PATHS));
  }
}

function validateKeySelector(errs: Errors, ref: Json, path: string): void {
  const name = stringAt(errs, ref, path, 'name') ?? '';
  for (const msg of nameIsDNSSubdomain(name, false)) errs.push(invalidValue(child(path, 'name'), name, msg));
  const key = stringAt(errs, ref, path, 'key');
  if (!key) errs.push(required(child(path, 'key'), ''));
  else for (const msg of isConfigMapKey(key)) errs.push(invalidValue(child(path, 'key'), key, msg));
}

function validateValueFrom(errs: Errors, env: Json, path: string): void {
  const from = objectAt(errs, env, path, 'valueFrom');
  if (!from) return;
  const p = child(path, 'valueFrom');
  let sources = 0;
  const fieldRef = objectAt(errs, from, p, 'fieldRef');
  if (fieldRef) {
    sources++;
    validateFieldRef(errs, fieldRef, child(p, 'fieldRef'));
  }
  const resourceRef = objectAt(errs, from, p, 'resourceFieldRef');
  if (resourceRef) {
    sources++;
    const resource = stringAt(errs, resourceRef, child(p, 'resourceFieldRef'), 'resource');
    const rp = child(child(p, 'resourceFieldRef'), 'resource');
    if (!resource) errs.push(required(rp, ''));
    else if (!ENV_RESOURCE_PATHS.includes(resource) && !/^(requests|limits)\.hugepages-/.test(resource)) {
      errs.push(notSupported(rp, resource, ENV_RESOURCE_PATHS));
    }
  }
  for (const kind of ['configMapKeyRef', 'secretKeyRef']) {
    const ref = objectAt(errs, from, p, kind);
    if (!ref) continue;
    sources++;
    validateKeySelector(errs, ref, child(p, kind));
  }
  if (sources === 0) {
    errs.push(invalidValue(p, '', 'must specify one of: `fieldRef`, `resourceFieldRef`, `configMapKeyRef` or `secretKeyRef`'));
  } else if (typeof env.value === 'string' && env.value !== '') {
    errs.push(invalidValue(p, '', 'may not be specified when `value` is not empty'));
  } else if (sources > 1) {
    errs.push(invalidValue(p, '', 'may not have more than one field specified at a time'));
  }
}

/** ValidateEnv. */
export function validateEnv(errs: Errors, container: Json, path: string): void {
  objectsAt(errs, container, path, 'env').forEach((env, i) => {
    if (!env) return;
    const p = index(child(path, 'env'), i);
    const name = stringAt(errs, env, p, 'name');
    if (!name) errs.push(required(child(p, 'name'), ''));
    else for (const msg of isEnvVarName(name)) errs.push(invalidValue(child(p, 'name'), name, msg));
    stringAt(errs, env, p, 'value');
    validateValueFrom(errs, env, p);
  });
}

/** ValidateEnvFrom. */
export function validateEnvFrom(errs: Errors, container: Json, path: string): void {
  const listPath = child(path, 'envFrom');
  objectsAt(errs, container, path, 'envFrom').forEach((source, i) => {
    if (!source) return;
    const p = index(listPath, i);
    const prefix = stringAt(errs, source, p, 'prefix');
    if (prefix) for (const msg of isEnvVarName(prefix)) errs.push(invalidValue(child(p, 'prefix'), prefix, msg));
    let sources = 0;
    for (const kind of ['configMapRef', 'secretRef']) {
      const ref = objectAt(errs, source, p, kind);
      if (!ref) continue;
      sources++;
      const name = stringAt(errs, ref, child(p, kind), 'name');
      if (!name) errs.push(required(child(child(p, kind), 'name'), ''));
      else for (const msg of nameIsDNSSubdomain(name, true)) errs.push(invalidValue(child(child(p, kind), 'name'), name, msg));
    }
    if (sources === 0) errs.push(invalidValue(listPath, '', 'must specify one of: `configMapRef` or `secretRef`'));
    else if (sources > 1) errs.push(invalidValue(listPath, '', 'may not have more than one field specified at a time'));
  });
}

/** ValidateVolumeMounts: each mount names a volume of the pod, at a unique mountPath. */
export function validateVolumeMounts(errs: Errors, container: Json, volumes: Set<string>, path: string): void {
  const mountPoints = new Set<string>();
  const listPath = child(path, 'volumeMounts');
  objectsAt(errs, container, path, 'volumeMounts').forEach((mount, i) => {
    if (!mount) return;
    const p = index(listPath, i);
    const name = stringAt(errs, mount, p, 'name') ?? '';
    if (name === '') errs.push(required(child(p, 'name'), ''));
    if (!volumes.has(name)) errs.push(notFoundField(child(p, 'name'), name));
    const mountPath = stringAt(errs, mount, p, 'mountPath') ?? '';
    if (mountPath === '') errs.push(required(child(p, 'mountPath'), ''));
    if (mountPoints.has(mountPath)) errs.push(invalidValue(child(p, 'mountPath'), mountPath, 'must be unique'));
    mountPoints.add(mountPath);
    const subPath = stringAt(errs, mount, p, 'subPath');
    if (subPath) validateLocalDescendingPath(errs, subPath, child(listPath, 'subPath'));
    const subPathExpr = stringAt(errs, mount, p, 'subPathExpr');
    if (subPathExpr && subPath) {
      errs.push(invalidValue(child(p, 'subPathExpr'), subPathExpr, 'subPathExpr and subPath are mutually exclusive'));
    }
  });
}
