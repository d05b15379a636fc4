/**
 * v1.ResourceList arithmetic as LimitRanger and ResourceQuota do it (pkg/quota/v1/resources.go and
 * component-helpers/resource): lists of Quantities keyed by resource name, added, masked, compared
 * and printed `cpu=1,memory=1Gi` in sorted order; and a pod's effective requests and limits.
 */
import type { KubeObject } from '../../api/types.js';
import type { Quantity } from '../../api/quantity.js';
import { addQuantities, compareQuantities, quantityFromJson, quantityToString } from '../../api/quantity.js';

/** A ResourceList: resource name → quantity. */
export type ResourceList = Map<string, Quantity>;

/** `resource.Quantity{Format: resource.DecimalSI}`: zero. */
export const ZERO: Quantity = Object.freeze({ nanos: 0n, format: 'DecimalSI' });

/** `resource.NewQuantity(n, DecimalSI)`. */
export function count(n: number): Quantity {
  return Object.freeze({ nanos: BigInt(n) * 1_000_000_000n, format: 'DecimalSI' });
}

/** Reads a JSON ResourceList (`{ cpu: '500m' }`); members that are not quantities are skipped (validation reports them). */
export function parseResourceList(value: unknown): ResourceList {
  const list: ResourceList = new Map();
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return list;
  for (const [name, raw] of Object.entries(value)) {
    const parsed = quantityFromJson(raw);
    if (parsed.ok) list.set(name, parsed.value);
  }
  return list;
}

/** A ResourceList as JSON, keys sorted as Go's encoder writes a map. */
export function resourceListToJson(list: ResourceList): Record<string, string> {
  const json: Record<string, string> = {};
  for (const name of [...list.keys()].sort()) json[name] = quantityToString(list.get(name)!);
  return json;
}

/** `addResourceList`: adds `other` into `list` in place. */
export function addInto(list: ResourceList, other: ResourceList): void {
  for (const [name, quantity] of other) {
    const current = list.get(name);
    list.set(name, current === undefined ? quantity : addQuantities(current, quantity));
  }
}

/** `maxResourceList`: raises each resource of `list` to `other`'s where that is greater, in place. */
export function maxInto(list: ResourceList, other: ResourceList): void {
  for (const [name, quantity] of other) {
    const current = list.get(name);
    if (current === undefined || compareQuantities(quantity, current) > 0) list.set(name, quantity);
  }
}

/** `quota.Add`: a new list with every resource of either, summed. */
export function add(a: ResourceList, b: ResourceList): ResourceList {
  const result: ResourceList = new Map(a);
  addInto(result, b);
  return result;
}

/** `quota.Mask`: only the resources named. */
export function mask(list: ResourceList, names: Iterable<string>): ResourceList {
  const result: ResourceList = new Map();
  for (const name of names) {
    const quantity = list.get(name);
    if (quantity !== undefined) result.set(name, quantity);
  }
  return result;
}

/** `quota.RemoveZeros`. */
export function removeZeros(list: ResourceList): ResourceList {
  return new Map([...list].filter(([, quantity]) => quantity.nanos !== 0n));
}

/** `quota.IsNegative`: the resources with a negative quantity. */
export function negatives(list: ResourceList): string[] {
  return [...list].filter(([, quantity]) => quantity.nanos < 0n).map(([name]) => name);
}

/** `quota.LessThanOrEqual`: the resources of `b` that `a` has more of (none: allowed). */
export function exceeding(a: ResourceList, b: ResourceList): string[] {
  const exceeded: string[] = [];
  for (const [name, limit] of b) {
    const used = a.get(name);
    if (used !== undefined && compareQuantities(used, limit) > 0) exceeded.push(name);
  }
  return exceeded;
}

/** `prettyPrint`: `limits.cpu=1,pods=2`, sorted by name. */
export function prettyPrint(list: ResourceList): string {
  return [...list.keys()]
    .sort()
    .map((name) => `${name}=${quantityToString(list.get(name)!)}`)
    .join(',');
}

/** `prettyPrintResourceNames`: sorted, comma-separated. */
export function prettyPrintNames(names: Iterable<string>): string {
  return [...names].sort().join(',');
}

/** A container's `resources.requests` or `resources.limits`. */
export function containerResources(container: unknown, which: 'requests' | 'limits'): ResourceList {
  const resources = (container as { resources?: Record<string, unknown> } | null)?.resources;
  return parseResourceList(resources?.[which]);
}

function containersOf(pod: KubeObject, key: 'containers' | 'initContainers'): unknown[] {
  const list = (pod.spec as Record<string, unknown> | undefined)?.[key];
  return Array.isArray(list) ? list : [];
}

function isSidecar(container: unknown): boolean {
  return (container as { restartPolicy?: unknown } | null)?.restartPolicy === 'Always';
}

/**
 * `AggregateContainerRequests`/`Limits`: the sum over containers and sidecars, raised to what any
 * init container needs while it runs beside the sidecars started before it.
 */
function aggregate(pod: KubeObject, which: 'requests' | 'limits'): ResourceList {
  const total: ResourceList = new Map();
  for (const container of containersOf(pod, 'containers')) addInto(total, containerResources(container, which));
  const sidecars: ResourceList = new Map();
  const init: ResourceList = new Map();
  for (const container of containersOf(pod, 'initContainers')) {
    const own = containerResources(container, which);
    if (isSidecar(container)) {
      addInto(total, own);
      addInto(sidecars, own);
      maxInto(init, sidecars);
    } else {
      const running = new Map(own);
      addInto(running, sidecars);
      maxInto(init, running);
    }
  }
  maxInto(total, init);
  return total;
}

/** `resourcehelper.PodRequests`: the pod's effective requests, with its overhead. */
export function podRequests(pod: KubeObject): ResourceList {
  const requests = aggregate(pod, 'requests');
  addInto(requests, parseResourceList((pod.spec as { overhead?: unknown } | undefined)?.overhead));
  return requests;
}

/** `resourcehelper.PodLimits`: the pod's effective limits; overhead is added only to resources that have a limit. */
export function podLimits(pod: KubeObject): ResourceList {
  const limits = aggregate(pod, 'limits');
  for (const [name, quantity] of parseResourceList((pod.spec as { overhead?: unknown } | undefined)?.overhead)) {
    const limit = limits.get(name);
    if (limit !== undefined) limits.set(name, addQuantities(limit, quantity));
  }
  return limits;
}
