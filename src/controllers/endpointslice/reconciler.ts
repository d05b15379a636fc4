/**
 * The EndpointSlice reconciler (k8s.io/endpointslice reconciler.go), as a pure plan: given a
 * Service's desired endpoints and its existing slices, which slices to create, update and delete.
 * It keeps endpoints where they are, fills slices with room before creating new ones (at most
 * maxEndpointsPerSlice each), recycles a slice about to be deleted instead of creating one, and
 * keeps one empty placeholder slice while the Service has no endpoints at all.
 */
import { jsonEqual } from '../../api/equal.js';
import { rfc3339 } from '../../api/time.js';
import { newControllerRef } from '../common/owner-references.js';
import { ENDPOINTS_LAST_CHANGE_TRIGGER_TIME, IS_HEADLESS_SERVICE, isHeadless, type Service } from '../endpoint/service.js';
import type { EndpointGroup } from './desired-endpoints.js';
import {
  CONTROLLER_NAME,
  endpointKey,
  LABEL_MANAGED_BY,
  LABEL_SERVICE_NAME,
  portMapKey,
  type EndpointSlice,
  type SliceEndpoint,
  type SlicePort,
} from './types.js';

/** The API writes a sync makes, in order: creates, updates, deletes. */
export interface SlicePlan {
  create: EndpointSlice[];
  update: EndpointSlice[];
  delete: EndpointSlice[];
}

/** setEndpointSliceLabels: the Service's labels (less the reserved ones), headless, service-name and managed-by. */
export function sliceLabels(service: Readonly<Service>): Record<string, string> {
  const labels: Record<string, string> = {};
  for (const [key, value] of Object.entries(service.metadata.labels ?? {})) {
    if (key !== LABEL_SERVICE_NAME && key !== LABEL_MANAGED_BY && key !== IS_HEADLESS_SERVICE) labels[key] = value;
  }
  if (isHeadless(service)) labels[IS_HEADLESS_SERVICE] = '';
  labels[LABEL_SERVICE_NAME] = service.metadata.name ?? '';
  labels[LABEL_MANAGED_BY] = CONTROLLER_NAME;
  return labels;
}

/** newEndpointSlice: a slice to create, named by the API server from `<service>-`. */
export function newEndpointSlice(service: Readonly<Service>, ports: readonly SlicePort[]): EndpointSlice {
  const slice: EndpointSlice = {
    apiVersion: 'discovery.k8s.io/v1',
    kind: 'EndpointSlice',
    metadata: {
      generateName: `${service.metadata.name ?? ''}-`,
      namespace: service.metadata.namespace ?? '',
      labels: sliceLabels(service),
      ownerReferences: [newControllerRef({ ...service, apiVersion: 'v1', kind: 'Service' })],
    },
    addressType: 'IPv4',
    endpoints: [],
  };
  if (ports.length > 0) slice.ports = [...ports];
  return slice;
}

function ownedBy(slice: Readonly<EndpointSlice>, service: Readonly<Service>): boolean {
  return (slice.metadata.ownerReferences ?? []).some((ref) => ref.kind === 'Service' && ref.uid === service.metadata.uid);
}

function withEndpoints(slice: Readonly<EndpointSlice>, service: Readonly<Service>, endpoints: SliceEndpoint[]): EndpointSlice {
  return { ...slice, metadata: { ...slice.metadata, labels: sliceLabels(service) }, endpoints };
}

/** reconcileByPortMapping: the plan for the slices of one port set. */
function reconcileByPortMapping(
  service: Readonly<Service>,
  existing: readonly EndpointSlice[],
  group: EndpointGroup,
  max: number,
): SlicePlan {
  const plan: SlicePlan = { create: [], update: [], delete: [] };
  const desired = new Map<string, SliceEndpoint>();
  for (const endpoint of group.endpoints) desired.set(endpointKey(endpoint), endpoint);
  const unchanged: EndpointSlice[] = [];
  const labels = sliceLabels(service);
  // 1. Keep what is still wanted where it is; a slice that changed is updated, one left empty deleted.
  for (const slice of existing) {
    const kept: SliceEndpoint[] = [];
    let changed = !jsonEqual(slice.metadata.labels ?? {}, labels);
    for (const endpoint of slice.endpoints ?? []) {
      const key = endpointKey(endpoint);
      const want = desired.get(key);
      if (want === undefined) {
        changed = true;
        continue;
      }
      if (!jsonEqual(want, endpoint)) changed = true;
      kept.push(want);
      desired.delete(key);
    }
    if (!changed) unchanged.push(slice);
    else if (kept.length === 0) plan.delete.push(slice);
    else plan.update.push(withEndpoints(slice, service, kept));
  }
  const remaining = [...desired.values()];
  // 2. Fill the slices being updated anyway, fullest first.
  if (remaining.length > 0) {
    for (const slice of [...plan.update].sort((a, b) => b.endpoints.length - a.endpoints.length)) {
      while (remaining.length > 0 && slice.endpoints.length < max) slice.endpoints.push(remaining.shift()!);
    }
  }
  // 3. What is left goes into an unchanged slice with room for all of it, or into new slices.
  while (remaining.length > 0) {
    let target: EndpointSlice | undefined;
    if (remaining.length < max) {
      const size = (s: EndpointSlice): number => (s.endpoints ?? []).length;
      const fits = unchanged.filter((s) => size(s) + remaining.length <= max).sort((a, b) => size(b) - size(a));
      const chosen = fits[0];
      if (chosen !== undefined) {
        unchanged.splice(unchanged.indexOf(chosen), 1);
        target = withEndpoints(chosen, service, [...(chosen.endpoints ?? [])]);
        plan.update.push(target);
      }
    }
    if (target === undefined) {
      target = newEndpointSlice(service, group.ports);
      plan.create.push(target);
    }
    while (remaining.length > 0 && target.endpoints.length < max) target.endpoints.push(remaining.shift()!);
  }
  return plan;
}

/** True when `slice` is the placeholder this Service would get (placeholderSliceCompare: labels, ports, endpoints, addressType). */
function isPlaceholderFor(slice: Readonly<EndpointSlice>, service: Readonly<Service>): boolean {
  return (
    slice.addressType === 'IPv4' &&
    (slice.endpoints ?? []).length === 0 &&
    (slice.ports ?? []).length === 0 &&
    jsonEqual(slice.metadata.labels ?? {}, sliceLabels(service))
  );
}

/**
 * reconcile + finalize: the writes that make `existing` (the Service's managed slices) hold
 * `groups`, with the trigger time (epoch ms, if any) on every slice written.
 */
export function planSlices(
  service: Readonly<Service>,
  existing: readonly EndpointSlice[],
  groups: ReadonlyMap<string, EndpointGroup>,
  triggerTime: number | undefined,
  max: number,
): SlicePlan {
  const plan: SlicePlan = { create: [], update: [], delete: [] };
  const byPorts = new Map<string, EndpointSlice[]>();
  for (const slice of existing) {
    // Slices of another address type or of an earlier Service of the same name are removed.
    if (slice.addressType !== 'IPv4' || !ownedBy(slice, service)) {
      plan.delete.push(slice);
      continue;
    }
    const key = portMapKey(slice.ports);
    byPorts.set(key, [...(byPorts.get(key) ?? []), slice]);
  }
  for (const [key, slices] of byPorts) if (!groups.has(key)) plan.delete.push(...slices);
  for (const [key, group] of groups) {
    const part = reconcileByPortMapping(service, byPorts.get(key) ?? [], group, max);
    plan.create.push(...part.create);
    plan.update.push(...part.update);
    plan.delete.push(...part.delete);
  }
  // A Service without endpoints keeps one empty placeholder slice.
  if (existing.length === plan.delete.length && plan.create.length === 0) {
    const placeholder = plan.delete.length === 1 && isPlaceholderFor(plan.delete[0]!, service);
    if (placeholder) plan.delete = [];
    else plan.create.push(newEndpointSlice(service, []));
  }
  // finalize: recycle a slice about to be deleted instead of creating another.
  while (plan.create.length > 0 && plan.delete.length > 0) {
    const created = plan.create.pop()!;
    const recycled = plan.delete.pop()!;
    plan.update.push({ ...created, metadata: { ...recycled.metadata, labels: created.metadata.labels, ownerReferences: created.metadata.ownerReferences } });
  }
  const stamp = (slice: EndpointSlice): EndpointSlice => {
    const annotations: Record<string, string> = { ...(slice.metadata.annotations ?? {}) };
    if (triggerTime !== undefined) annotations[ENDPOINTS_LAST_CHANGE_TRIGGER_TIME] = rfc3339(triggerTime);
    else delete annotations[ENDPOINTS_LAST_CHANGE_TRIGGER_TIME];
    const { annotations: _old, ...rest } = slice.metadata;
    return { ...slice, metadata: Object.keys(annotations).length === 0 ? rest : { ...rest, annotations } };
  };
  return { create: plan.create.map(stamp), update: plan.update.map(stamp), delete: plan.delete };
}
