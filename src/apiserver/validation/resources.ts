/**
 * Container resource requirements (validateResourceRequirements): resource names, quantities,
 * requests no greater than limits, and extended resources that may not be overcommitted.
 */
import { child, forbiddenField, invalidValue, key, required } from '../../api/field-errors.js';
import type { Quantity } from '../../api/quantity.js';
import { compareQuantities, milliValue, quantityFromJson, quantityToString } from '../../api/quantity.js';
import type { Errors, Json } from './access.js';
import { objectAt } from './access.js';
import { isQualifiedName } from './names.js';

const STANDARD_CONTAINER_RESOURCES = new Set(['cpu', 'memory', 'ephemeral-storage']);
const STANDARD_RESOURCES = new Set([
  'cpu', 'memory', 'ephemeral-storage', 'requests.cpu', 'requests.memory', 'requests.ephemeral-storage', 'limits.cpu',
  'limits.memory', 'limits.ephemeral-storage', 'pods', 'services', 'replicationcontrollers', 'resourcequotas', 'secrets',
  'configmaps', 'persistentvolumeclaims', 'storage', 'requests.storage', 'services.nodeports', 'services.loadbalancers',
]);

function isHugePages(name: string): boolean {
  return name.startsWith('hugepages-') || name.startsWith('requests.hugepages-');
}

/** Native resources have no prefix or the kubernetes.io/ prefix. */
function isNative(name: string): boolean {
  return !name.includes('/') || name.includes('kubernetes.io/');
}

/** Only native resources other than hugepages may have requests below limits (helper.IsOvercommitAllowed). */
function isOvercommitAllowed(name: string): boolean {
  return isNative(name) && !name.startsWith('hugepages-');
}

/** validateContainerResourceName. */
function validateContainerResourceName(errs: Errors, name: string, path: string): void {
  const msgs = isQualifiedName(name);
  for (const msg of msgs) errs.push(invalidValue(path, name, msg));
  if (msgs.length > 0) return;
  if (!name.includes('/')) {
    if (!STANDARD_RESOURCES.has(name) && !isHugePages(name)) {
      errs.push(invalidValue(path, name, 'must be a standard resource type or fully qualified'));
      return;
    }
    if (!STANDARD_CONTAINER_RESOURCES.has(name) && !name.startsWith('hugepages-')) {
      errs.push(invalidValue(path, name, 'must be a standard resource for containers'));
    }
  } else if (!isNative(name) && isQualifiedName(`requests.${name}`).length > 0) {
    errs.push(invalidValue(path, name, "doesn't follow extended resource name standard"));
  }
}

function readList(errs: Errors, resources: Json, path: string, which: 'limits' | 'requests'): Map<string, Quantity> {
  const out = new Map<string, Quantity>();
  const list = objectAt(errs, resources, path, which);
  for (const [name, raw] of Object.entries(list ?? {})) {
    const p = key(child(path, which), name);
    validateContainerResourceName(errs, name, p);
    const parsed = quantityFromJson(raw);
    if (!parsed.ok) {
      errs.push(invalidValue(p, raw, parsed.message));
      continue;
    }
    const q = parsed.value;
    if (q.nanos < 0n) errs.push(invalidValue(p, quantityToString(q), 'must be greater than or equal to 0'));
    if (!isNative(name) && milliValue(q) % 1000 !== 0) errs.push(invalidValue(p, quantityToString(q), 'must be an integer'));
    out.set(name, q);
  }
  return out;
}

/** ValidateContainerResourceRequirements at `path` (`…containers[0].resources`). */
export function validateResourceRequirements(errs: Errors, container: Json, path: string): void {
  const resources = objectAt(errs, container, path, 'resources');
  if (!resources) return;
  const p = child(path, 'resources');
  const limPath = child(p, 'limits');
  const reqPath = child(p, 'requests');
  const limits = readList(errs, resources, p, 'limits');
  const requests = readList(errs, resources, p, 'requests');
  const cpuOrMemory = [...limits.keys(), ...requests.keys()].some((n) => n === 'cpu' || n === 'memory');
  for (const [name, request] of requests) {
    const limit = limits.get(name);
    if (limit) {
      const cmp = compareQuantities(request, limit);
      if (cmp !== 0 && !isOvercommitAllowed(name)) {
        errs.push(invalidValue(reqPath, quantityToString(request), `must be equal to ${name} limit of ${quantityToString(limit)}`));
      } else if (cmp > 0) {
        errs.push(invalidValue(reqPath, quantityToString(request), `must be less than or equal to ${name} limit of ${quantityToString(limit)}`));
      }
    } else if (!isOvercommitAllowed(name)) {
      errs.push(required(limPath, 'Limit must be set for non overcommitable resources'));
    }
  }
  const hugePages = [...limits.keys(), ...requests.keys()].some((n) => n.startsWith('hugepages-'));
  if (hugePages && !cpuOrMemory) errs.push(forbiddenField(p, 'HugePages require cpu or memory'));
}
