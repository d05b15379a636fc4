/**
 * The LimitRanger admission plugin (plugin/pkg/admission/limitranger, Kubernetes v1.32): a new
 * pod's containers get the `default` limits and `defaultRequest` requests of the namespace's
 * LimitRanges (noted in the `kubernetes.io/limit-ranger` annotation), then every Container, Pod and
 * PersistentVolumeClaim limit's min, max and maxLimitRequestRatio is enforced, in its words.
 */
import type { KubeObject } from '../../api/types.js';
import type { Quantity } from '../../api/quantity.js';
import { milliValue, quantityToString, quantityValue } from '../../api/quantity.js';
import type { ResourceList } from './resource-lists.js';
import { containerResources, parseResourceList, podLimits, podRequests } from './resource-lists.js';

/** The annotation that records what LimitRanger set (limitRangerAnnotation). */
export const LIMIT_RANGER_ANNOTATION = 'kubernetes.io/limit-ranger';

interface LimitRangeItem {
  type?: unknown;
  max?: unknown;
  min?: unknown;
  default?: unknown;
  defaultRequest?: unknown;
  maxLimitRequestRatio?: unknown;
}

function limitItems(limitRange: KubeObject): LimitRangeItem[] {
  const limits = (limitRange.spec as { limits?: unknown } | undefined)?.limits;
  return Array.isArray(limits) ? limits.filter((l): l is LimitRangeItem => typeof l === 'object' && l !== null) : [];
}

/** The raw JSON of a ResourceList field, for copying quantities as written. */
function rawList(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

/** `defaultContainerResourceRequirements`: the Container items' defaults, later items winning. */
function containerDefaults(limitRange: KubeObject): { requests: Record<string, unknown>; limits: Record<string, unknown> } {
  const requests: Record<string, unknown> = {};
  const limits: Record<string, unknown> = {};
  for (const item of limitItems(limitRange)) {
    if (item.type !== 'Container') continue;
    Object.assign(requests, rawList(item.defaultRequest));
    Object.assign(limits, rawList(item.default));
  }
  return { requests, limits };
}

type Container = Record<string, unknown>;

/** `mergeContainerResources`: fills in what the container lacks; returns the annotation parts. */
function mergeContainer(container: Container, defaults: { requests: Record<string, unknown>; limits: Record<string, unknown> }, prefix: string): string[] {
  const resources = { ...rawList(container.resources) };
  const limits = { ...rawList(resources.limits) };
  const requests = { ...rawList(resources.requests) };
  const setLimits = Object.keys(defaults.limits).filter((name) => limits[name] === undefined);
  const setRequests = Object.keys(defaults.requests).filter((name) => requests[name] === undefined);
  for (const name of setLimits) limits[name] = defaults.limits[name];
  for (const name of setRequests) requests[name] = defaults.requests[name];
  if (Object.keys(limits).length > 0) resources.limits = limits;
  if (Object.keys(requests).length > 0) resources.requests = requests;
  container.resources = resources;
  const notes: string[] = [];
  const name = typeof container.name === 'string' ? container.name : '';
  if (setRequests.length > 0) notes.push(`${setRequests.sort().join(', ')} request for ${prefix} ${name}`);
  if (setLimits.length > 0) notes.push(`${setLimits.sort().join(', ')} limit for ${prefix} ${name}`);
  return notes;
}

/**
 * LimitRanger's mutation of a new pod (PodMutateLimitFunc, once per LimitRange): containers and
 * init containers get the defaults they lack. Returns a new object; `pod` is not modified.
 */
export function applyLimitRangeDefaults(pod: KubeObject, limitRanges: readonly KubeObject[]): KubeObject {
  let result = pod;
  for (const limitRange of limitRanges) {
    const defaults = containerDefaults(limitRange);
    if (Object.keys(defaults.requests).length === 0 && Object.keys(defaults.limits).length === 0) continue;
    const spec = { ...(result.spec as Record<string, unknown>) };
    const notes: string[] = [];
    for (const [key, prefix] of [['containers', 'container'], ['initContainers', 'init container']] as const) {
      if (!Array.isArray(spec[key])) continue;
      spec[key] = (spec[key] as unknown[]).map((c) => {
        const container: Container = { ...rawList(c) };
        notes.push(...mergeContainer(container, defaults, prefix));
        return container;
      });
    }
    const metadata = { ...result.metadata };
    if (notes.length > 0) metadata.annotations = { ...metadata.annotations, [LIMIT_RANGER_ANNOTATION]: `LimitRanger plugin set: ${notes.join('; ')}` };
    result = { ...result, metadata, spec };
  }
  return result;
}

/** resource.MaxMilliValue: the largest value whose milli-units fit an int64. */
const MAX_MILLI_VALUE = 9223372036854775;

/** `requestLimitEnforcedValues`: milli-units when nothing overflows them, else whole units. */
function enforcedValues(request: Quantity | undefined, limit: Quantity | undefined, enforced: Quantity): [number, number, number] {
  const values = [request, limit, enforced].map((q) => (q ? quantityValue(q) : 0));
  if (values.every((v) => v <= MAX_MILLI_VALUE)) return [request ? milliValue(request) : 0, limit ? milliValue(limit) : 0, milliValue(enforced)];
  return values as [number, number, number];
}

function minConstraint(type: string, name: string, enforced: Quantity, requests: ResourceList, limits: ResourceList): string | undefined {
  const req = requests.get(name);
  const lim = limits.get(name);
  const [r, l, e] = enforcedValues(req, lim, enforced);
  const min = quantityToString(enforced);
  if (!req) return `minimum ${name} usage per ${type} is ${min}.  No request is specified`;
  if (r < e) return `minimum ${name} usage per ${type} is ${min}, but request is ${quantityToString(req)}`;
  if (lim && l < e) return `minimum ${name} usage per ${type} is ${min}, but limit is ${quantityToString(lim)}`;
  return undefined;
}

function maxConstraint(type: string, name: string, enforced: Quantity, requests: ResourceList, limits: ResourceList): string | undefined {
  const req = requests.get(name);
  const lim = limits.get(name);
  const [r, l, e] = enforcedValues(req, lim, enforced);
  const max = quantityToString(enforced);
  if (!lim) return `maximum ${name} usage per ${type} is ${max}.  No limit is specified`;
  if (l > e) return `maximum ${name} usage per ${type} is ${max}, but limit is ${quantityToString(lim)}`;
  if (req && r > e) return `maximum ${name} usage per ${type} is ${max}, but request is ${quantityToString(req)}`;
  return undefined;
}

/** `maxRequestConstraint`: for PersistentVolumeClaims, whose limits are not user input. */
function maxRequestConstraint(type: string, name: string, enforced: Quantity, requests: ResourceList): string | undefined {
  const req = requests.get(name);
  const [r, , e] = enforcedValues(req, undefined, enforced);
  const max = quantityToString(enforced);
  if (!req) return `maximum ${name} usage per ${type} is ${max}.  No request is specified`;
  if (r > e) return `maximum ${name} usage per ${type} is ${max}, but request is ${quantityToString(req)}`;
  return undefined;
}

function ratioConstraint(type: string, name: string, enforced: Quantity, requests: ResourceList, limits: ResourceList): string | undefined {
  const [r, l] = enforcedValues(requests.get(name), limits.get(name), enforced);
  const ratio = quantityToString(enforced);
  if (!requests.has(name) || r === 0) return `${name} max limit to request ratio per ${type} is ${ratio}, but no request is specified or request is 0`;
  if (!limits.has(name) || l === 0) return `${name} max limit to request ratio per ${type} is ${ratio}, but no limit is specified or limit is 0`;
  const observed = l / r;
  const inMilli = quantityValue(enforced) <= MAX_MILLI_VALUE;
  const compared = inMilli ? observed * 1000 : observed;
  const allowed = inMilli ? milliValue(enforced) : quantityValue(enforced);
  return compared > allowed ? `${name} max limit to request ratio per ${type} is ${ratio}, but provided ratio is ${observed.toFixed(6)}` : undefined;
}

/** The min, max and ratio checks of one item against one set of requests and limits. */
function checkItem(item: LimitRangeItem, type: string, requests: ResourceList, limits: ResourceList, errors: string[]): void {
  const push = (error: string | undefined): void => void (error && errors.push(error));
  for (const [name, q] of parseResourceList(item.min)) push(minConstraint(type, name, q, requests, limits));
  for (const [name, q] of parseResourceList(item.max)) push(maxConstraint(type, name, q, requests, limits));
  for (const [name, q] of parseResourceList(item.maxLimitRequestRatio)) push(ratioConstraint(type, name, q, requests, limits));
}

/** PodValidateLimitFunc: every container against Container items, the whole pod against Pod items. */
function podLimitErrors(limitRange: KubeObject, pod: KubeObject): string[] {
  const errors: string[] = [];
  const spec = (pod.spec ?? {}) as { containers?: unknown; initContainers?: unknown };
  const containers = [spec.containers, spec.initContainers].flatMap((list) => (Array.isArray(list) ? (list as unknown[]) : []));
  for (const item of limitItems(limitRange)) {
    if (item.type === 'Container') {
      for (const container of containers) checkItem(item, 'Container', containerResources(container, 'requests'), containerResources(container, 'limits'), errors);
    }
    if (item.type === 'Pod') checkItem(item, 'Pod', podRequests(pod), podLimits(pod), errors);
  }
  return errors;
}

/** PersistentVolumeClaimValidateLimitFunc: the claim's storage request against min and max. */
function claimLimitErrors(limitRange: KubeObject, claim: KubeObject): string[] {
  const errors: string[] = [];
  const requests = parseResourceList((claim.spec as { resources?: { requests?: unknown } } | undefined)?.resources?.requests);
  for (const item of limitItems(limitRange)) {
    if (item.type !== 'PersistentVolumeClaim') continue;
    for (const [name, q] of parseResourceList(item.min)) {
      const error = minConstraint('PersistentVolumeClaim', name, q, requests, new Map());
      if (error) errors.push(error);
    }
    for (const [name, q] of parseResourceList(item.max)) {
      const error = maxRequestConstraint('PersistentVolumeClaim', name, q, requests);
      if (error) errors.push(error);
    }
  }
  return errors;
}

/**
 * LimitRanger's validation of a new Pod or PersistentVolumeClaim: the reason it is refused, as
 * `utilerrors.NewAggregate` prints the first LimitRange's errors (one bare, several in
 * brackets), or undefined when every LimitRange admits it.
 */
export function checkLimitRanges(kind: string, object: KubeObject, limitRanges: readonly KubeObject[]): string | undefined {
  for (const limitRange of limitRanges) {
    const errors = kind === 'Pod' ? podLimitErrors(limitRange, object) : kind === 'PersistentVolumeClaim' ? claimLimitErrors(limitRange, object) : [];
    if (errors.length === 1) return errors[0];
    if (errors.length > 1) return `[${errors.join(', ')}]`;
  }
  return undefined;
}
