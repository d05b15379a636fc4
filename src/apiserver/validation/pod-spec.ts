/**
 * ValidatePodSpec, for Pods and for the pod templates of workloads (with the template's path as
 * prefix, e.g. `spec.template.spec`). Defaulted fields (restartPolicy, dnsPolicy, …) are checked
 * when present and accepted when absent, since defaulting runs first.
 */
import { child, forbiddenField, index, invalidValue, notSupported, required } from '../../api/field-errors.js';
import type { Errors, Json } from './access.js';
import { boolAt, intAt, objectAt, objectsAt, stringAt, stringMapAt } from './access.js';
import type { ContainerContext } from './containers.js';
import { validateContainers, validateInitContainers } from './containers.js';
import { validateLabels } from './labels.js';
import { inclusiveRangeError, isDNS1123Label, isDNS1123Subdomain, isQualifiedName, nameIsDNSSubdomain } from './names.js';
import { validateIP } from './network.js';
import { validateAffinity, validateSchedulingGates, validateTolerations, validateTopologySpreadConstraints } from './scheduling.js';
import { validateVolumes } from './volumes.js';

/** The restart policies of a pod, in upstream order. */
export const RESTART_POLICIES = ['Always', 'OnFailure', 'Never'];
const DNS_POLICIES = ['ClusterFirstWithHostNet', 'ClusterFirst', 'Default', 'None'];
const MAX_INT32 = 2147483647;
const MAX_ID = 4294967295;

/** How a pod spec is validated. */
export interface PodSpecOptions {
  /** The spec belongs to a Pod, not a template (ResourceIsPod). */
  isPod: boolean;
}

function validateHostNetworkDeps(errs: Errors, spec: Json, path: string, isPod: boolean): void {
  if (spec.hostNetwork !== true) return;
  const containers = Array.isArray(spec.containers) ? spec.containers : [];
  containers.forEach((c, i) => {
    const ports = Array.isArray((c as Json)?.ports) ? ((c as Json).ports as Json[]) : [];
    ports.forEach((port, j) => {
      // A Pod's missing hostPort is defaulted to its containerPort when hostNetwork is true.
      const missing = typeof port?.hostPort !== 'number';
      const hostPort = missing ? (isPod ? port?.containerPort : 0) : port.hostPort;
      if ((isPod || hostPort !== 0) && hostPort !== port?.containerPort) {
        const p = child(index(child(index(child(path, 'containers'), i), 'ports'), j), 'hostPort');
        errs.push(invalidValue(p, hostPort, 'must match `containerPort` when `hostNetwork` is true'));
      }
    });
  });
}

function validateSecurityContext(errs: Errors, spec: Json, path: string): void {
  const sc = objectAt(errs, spec, path, 'securityContext');
  if (!sc) return;
  const p = child(path, 'securityContext');
  for (const field of ['fsGroup', 'runAsUser', 'runAsGroup']) {
    const id = intAt(errs, sc, p, field);
    if (id !== undefined && (id < 0 || id > MAX_ID)) errs.push(invalidValue(child(p, field), id, inclusiveRangeError(0, MAX_ID)));
  }
}

function validateDNS(errs: Errors, spec: Json, path: string): void {
  const dnsPolicy = stringAt(errs, spec, path, 'dnsPolicy');
  if (dnsPolicy && !DNS_POLICIES.includes(dnsPolicy)) errs.push(notSupported(child(path, 'dnsPolicy'), dnsPolicy, DNS_POLICIES));
  const dnsConfig = objectAt(errs, spec, path, 'dnsConfig');
  const configPath = child(path, 'dnsConfig');
  const nameservers = Array.isArray(dnsConfig?.nameservers) ? dnsConfig.nameservers : [];
  if (dnsPolicy === 'None') {
    if (!dnsConfig) return void errs.push(required(configPath, 'must provide `dnsConfig` when `dnsPolicy` is None'));
    if (nameservers.length === 0) {
      return void errs.push(required(child(configPath, 'nameservers'), 'must provide at least one DNS nameserver when `dnsPolicy` is None'));
    }
  }
  if (nameservers.length > 3) errs.push(invalidValue(child(configPath, 'nameservers'), nameservers, 'must not have more than 3 nameservers'));
  nameservers.forEach((ns, i) => errs.push(...validateIP(index(child(configPath, 'nameservers'), i), String(ns))));
}

function validateNames(errs: Errors, spec: Json, path: string): void {
  const subdomainFields: [string, (v: string) => string[]][] = [
    ['serviceAccountName', (v) => nameIsDNSSubdomain(v, false)],
    ['nodeName', (v) => nameIsDNSSubdomain(v, false)],
    ['hostname', isDNS1123Label],
    ['subdomain', isDNS1123Label],
    ['priorityClassName', (v) => nameIsDNSSubdomain(v, false)],
    ['runtimeClassName', (v) => nameIsDNSSubdomain(v, false)],
  ];
  for (const [field, check] of subdomainFields) {
    const value = stringAt(errs, spec, path, field);
    if (value) for (const msg of check(value)) errs.push(invalidValue(child(path, field), value, msg));
  }
}

function validateMisc(errs: Errors, spec: Json, path: string): void {
  const deadline = intAt(errs, spec, path, 'activeDeadlineSeconds');
  if (deadline !== undefined && (deadline < 1 || deadline > MAX_INT32)) {
    errs.push(invalidValue(child(path, 'activeDeadlineSeconds'), deadline, inclusiveRangeError(1, MAX_INT32)));
  }
  intAt(errs, spec, path, 'terminationGracePeriodSeconds');
  boolAt(errs, spec, path, 'hostNetwork');
  objectsAt(errs, spec, path, 'imagePullSecrets');
  objectsAt(errs, spec, path, 'readinessGates').forEach((gate, i) => {
    const p = child(index(child(path, 'readinessGates'), i), 'conditionType');
    const type = typeof gate?.conditionType === 'string' ? gate.conditionType : '';
    for (const msg of isQualifiedName(type)) errs.push(invalidValue(p, type, msg));
  });
  objectsAt(errs, spec, path, 'hostAliases').forEach((alias, i) => {
    const p = index(child(path, 'hostAliases'), i);
    errs.push(...validateIP(child(p, 'ip'), typeof alias?.ip === 'string' ? alias.ip : ''));
    (Array.isArray(alias?.hostnames) ? alias.hostnames : []).forEach((h, j) => {
      for (const msg of isDNS1123Subdomain(String(h))) errs.push(invalidValue(index(child(p, 'hostnames'), j), h, msg));
    });
  });
  const preemption = stringAt(errs, spec, path, 'preemptionPolicy');
  if (preemption !== undefined && preemption !== 'PreemptLowerPriority' && preemption !== 'Never') {
    errs.push(notSupported(child(path, 'preemptionPolicy'), preemption, ['PreemptLowerPriority', 'Never']));
  }
  const os = objectAt(errs, spec, path, 'os');
  if (os) {
    const name = stringAt(errs, os, child(path, 'os'), 'name') ?? '';
    if (name === '') errs.push(required(child(child(path, 'os'), 'name'), 'cannot be empty'));
    else if (name !== 'linux' && name !== 'windows') errs.push(notSupported(child(path, 'os'), name, ['linux', 'windows']));
  }
}

/** ValidatePodSpec at `path` (`spec` for a Pod, `spec.template.spec` for a Deployment). */
export function validatePodSpec(errs: Errors, spec: Json, path: string, opts: PodSpecOptions): void {
  const volumes = validateVolumes(errs, spec, path);
  const grace = typeof spec.terminationGracePeriodSeconds === 'number' ? spec.terminationGracePeriodSeconds : undefined;
  const ctx: ContainerContext = { volumes, gracePeriod: grace, isPod: opts.isPod };
  const names = validateContainers(errs, spec, path, ctx);
  validateInitContainers(errs, spec, path, ctx, names);
  validateHostNetworkDeps(errs, spec, path, opts.isPod);
  const restartPolicy = stringAt(errs, spec, path, 'restartPolicy');
  if (restartPolicy && !RESTART_POLICIES.includes(restartPolicy)) {
    errs.push(notSupported(child(path, 'restartPolicy'), restartPolicy, RESTART_POLICIES));
  }
  validateDNS(errs, spec, path);
  validateLabels(errs, stringMapAt(errs, spec, path, 'nodeSelector'), child(path, 'nodeSelector'));
  validateSecurityContext(errs, spec, path);
  validateAffinity(errs, spec, path);
  validateSchedulingGates(errs, spec, path);
  validateTopologySpreadConstraints(errs, spec, path);
  validateNames(errs, spec, path);
  validateTolerations(errs, spec, path);
  validateMisc(errs, spec, path);
}

/** `ephemeralContainers` cannot be set by create or in a template. */
export function forbidEphemeralContainers(errs: Errors, spec: Json, path: string, detail: string): void {
  if (Array.isArray(spec.ephemeralContainers) && spec.ephemeralContainers.length > 0) {
    errs.push(forbiddenField(child(path, 'ephemeralContainers'), detail));
  }
}
