/**
 * Regular and init containers (validateContainers, validateInitContainers,
 * validateContainerCommon): names unique across both lists, images required, the per-container
 * lists, probes only where they may run, and host ports that do not collide.
 */
import { child, duplicate, forbiddenField, index, invalidValue, notSupported, required } from '../../api/field-errors.js';
import type { Errors, Json } from './access.js';
import { boolAt, intAt, objectAt, objectsAt, stringAt } from './access.js';
import { goPointer, invalidGo } from './go-value.js';
import { validateContainerPorts, validateEnv, validateEnvFrom, validateVolumeMounts } from './container-parts.js';
import { inclusiveRangeError, isDNS1123Label } from './names.js';
import { validateLifecycle, validateProbe } from './probes.js';
import { validateResourceRequirements } from './resources.js';

/** What container validation needs to know about the pod around it. */
export interface ContainerContext {
  /** Names of the pod's valid volumes. */
  volumes: Set<string>;
  /** The pod's terminationGracePeriodSeconds, bounding sleep hooks. */
  gracePeriod: number | undefined;
  /** True for a Pod itself, false for a pod template (validateContainerOnlyForPod). */
  isPod: boolean;
}

const PULL_POLICIES = ['Always', 'IfNotPresent', 'Never'];
const MESSAGE_POLICIES = ['File', 'FallbackToLogsOnError'];
const MAX_ID = 4294967295;

const SECURITY_CONTEXT_FIELDS: [go: string, json: string, type: string][] = [
  ['Capabilities', 'capabilities', 'core.Capabilities'], ['Privileged', 'privileged', 'bool'],
  ['SELinuxOptions', 'seLinuxOptions', 'core.SELinuxOptions'], ['WindowsOptions', 'windowsOptions', 'core.WindowsSecurityContextOptions'],
  ['RunAsUser', 'runAsUser', 'int64'], ['RunAsGroup', 'runAsGroup', 'int64'], ['RunAsNonRoot', 'runAsNonRoot', 'bool'],
  ['ReadOnlyRootFilesystem', 'readOnlyRootFilesystem', 'bool'], ['AllowPrivilegeEscalation', 'allowPrivilegeEscalation', 'bool'],
  ['ProcMount', 'procMount', 'core.ProcMountType'], ['SeccompProfile', 'seccompProfile', 'core.SeccompProfile'],
  ['AppArmorProfile', 'appArmorProfile', 'core.AppArmorProfile'],
];

/** A core.SecurityContext as Go's %#v prints it: every field a pointer. */
function goSecurityContext(sc: Json): string {
  const fields = SECURITY_CONTEXT_FIELDS.map(([name, json, type], i) => `${name}:${goPointer(type, sc[json] !== undefined && sc[json] !== null, i)}`);
  return `core.SecurityContext{${fields.join(', ')}}`;
}

function validateSecurityContext(errs: Errors, container: Json, path: string): void {
  const sc = objectAt(errs, container, path, 'securityContext');
  if (!sc) return;
  const p = child(path, 'securityContext');
  for (const field of ['runAsUser', 'runAsGroup']) {
    const id = intAt(errs, sc, p, field);
    if (id !== undefined && (id < 0 || id > MAX_ID)) errs.push(invalidValue(child(p, field), id, inclusiveRangeError(0, MAX_ID)));
  }
  if (boolAt(errs, sc, p, 'allowPrivilegeEscalation') === false && boolAt(errs, sc, p, 'privileged') === true) {
    errs.push(invalidGo(p, goSecurityContext(sc), 'cannot set `allowPrivilegeEscalation` to false and `privileged` to true'));
  }
}

function validateContainerCommon(errs: Errors, c: Json, path: string, ctx: ContainerContext): void {
  const name = stringAt(errs, c, path, 'name');
  if (!name) errs.push(required(child(path, 'name'), ''));
  else for (const msg of isDNS1123Label(name)) errs.push(invalidValue(child(path, 'name'), name, msg));
  const image = stringAt(errs, c, path, 'image');
  if (!image && (c.image === undefined || c.image === null || c.image === '')) errs.push(required(child(path, 'image'), ''));
  if (ctx.isPod && image && image.trim() !== image) {
    errs.push(invalidValue(child(path, 'image'), image, 'must not have leading or trailing whitespace'));
  }
  const messagePolicy = stringAt(errs, c, path, 'terminationMessagePolicy');
  if (messagePolicy && !MESSAGE_POLICIES.includes(messagePolicy)) {
    errs.push(notSupported(child(path, 'terminationMessagePolicy'), messagePolicy, MESSAGE_POLICIES));
  }
  validateContainerPorts(errs, c, path);
  validateEnv(errs, c, path);
  validateEnvFrom(errs, c, path);
  validateVolumeMounts(errs, c, ctx.volumes, path);
  const pullPolicy = stringAt(errs, c, path, 'imagePullPolicy');
  if (pullPolicy && !PULL_POLICIES.includes(pullPolicy)) errs.push(notSupported(child(path, 'imagePullPolicy'), pullPolicy, PULL_POLICIES));
  validateResourceRequirements(errs, c, path);
  validateSecurityContext(errs, c, path);
}

/** checkHostPortConflicts: `<protocol>/<hostIP>/<port>` may appear once. */
function checkHostPortConflicts(errs: Errors, containers: (Json | undefined)[], path: string, seen = new Set<string>()): void {
  containers.forEach((c, ci) => {
    const ports = Array.isArray(c?.ports) ? c.ports : [];
    ports.forEach((raw, pi) => {
      const port = raw as Json;
      if (typeof port?.hostPort !== 'number' || port.hostPort === 0) return;
      const id = `${String(port.protocol ?? 'TCP')}/${String(port.hostIP ?? '')}/${port.hostPort}`;
      if (seen.has(id)) errs.push(duplicate(child(index(child(index(path, ci), 'ports'), pi), 'hostPort'), id));
      else seen.add(id);
    });
  });
}

/** validateContainers: at least one, names unique, probes and hooks valid. Returns the names. */
export function validateContainers(errs: Errors, spec: Json, path: string, ctx: ContainerContext): string[] {
  const listPath = child(path, 'containers');
  const containers = objectsAt(errs, spec, path, 'containers');
  if (containers.length === 0) {
    errs.push(required(listPath, ''));
    return [];
  }
  const names = new Set<string>();
  containers.forEach((c, i) => {
    if (!c) return;
    const p = index(listPath, i);
    validateContainerCommon(errs, c, p, ctx);
    const name = typeof c.name === 'string' ? c.name : '';
    if (names.has(name)) errs.push(duplicate(child(p, 'name'), name));
    else names.add(name);
    validateLifecycle(errs, c, p, ctx.gracePeriod);
    validateProbe(errs, c, 'livenessProbe', p, ctx.gracePeriod);
    validateProbe(errs, c, 'readinessProbe', p, ctx.gracePeriod);
    validateProbe(errs, c, 'startupProbe', p, ctx.gracePeriod);
    if (c.restartPolicy !== undefined && c.restartPolicy !== null) {
      errs.push(forbiddenField(child(p, 'restartPolicy'), 'may not be set for non-init containers'));
    }
  });
  checkHostPortConflicts(errs, containers, listPath);
  return [...names];
}

const INIT_ONLY = 'may not be set for init containers without restartPolicy=Always';

/** validateInitContainers: names unique across init and regular containers; probes only for sidecars. */
export function validateInitContainers(errs: Errors, spec: Json, path: string, ctx: ContainerContext, regularNames: string[]): void {
  const listPath = child(path, 'initContainers');
  const names = new Set(regularNames);
  objectsAt(errs, spec, path, 'initContainers').forEach((c, i) => {
    if (!c) return;
    const p = index(listPath, i);
    validateContainerCommon(errs, c, p, ctx);
    const restartPolicy = stringAt(errs, c, p, 'restartPolicy');
    if (restartPolicy !== undefined && restartPolicy !== 'Always') errs.push(notSupported(child(p, 'restartPolicy'), restartPolicy, ['Always']));
    const name = typeof c.name === 'string' ? c.name : '';
    if (names.has(name)) errs.push(duplicate(child(p, 'name'), name));
    else if (name !== '') names.add(name);
    checkHostPortConflicts(errs, [c], listPath);
    if (restartPolicy === 'Always') {
      validateLifecycle(errs, c, p, ctx.gracePeriod);
      validateProbe(errs, c, 'livenessProbe', p, ctx.gracePeriod);
      validateProbe(errs, c, 'readinessProbe', p, ctx.gracePeriod);
      validateProbe(errs, c, 'startupProbe', p, ctx.gracePeriod);
      return;
    }
    for (const field of ['lifecycle', 'livenessProbe', 'readinessProbe', 'startupProbe']) {
      if (c[field] !== undefined && c[field] !== null) errs.push(forbiddenField(child(p, field), INIT_ONLY));
    }
  });
}
