/**
 * The Endpoints object syncService wants for a Service, and whether the stored one already is it
 * (endpoints_controller.go): subsets, the Service's labels plus the headless label, the
 * last-change-trigger-time annotation, and the over-capacity truncation at 1000 addresses.
 */
import type { KubeObject } from '../../api/types.js';
import { jsonEqual } from '../../api/equal.js';
import { rfc3339 } from '../../api/time.js';
import { ENDPOINTS_LAST_CHANGE_TRIGGER_TIME, IS_HEADLESS_SERVICE, isHeadless, type Service } from './service.js';
import type { EndpointSubset } from './subsets.js';

/** maxCapacity: the most addresses an Endpoints object holds. */
export const MAX_ENDPOINTS_CAPACITY = 1000;
/** v1.EndpointsOverCapacity. */
export const ENDPOINTS_OVER_CAPACITY = 'endpoints.kubernetes.io/over-capacity';

/** A v1.Endpoints. */
export interface Endpoints extends KubeObject {
  subsets?: EndpointSubset[];
}

/** The labels of a Service's Endpoints: the Service's own, with the headless label exactly when headless. */
export function endpointsLabels(service: Readonly<Service>): Record<string, string> {
  const labels: Record<string, string> = { ...(service.metadata.labels ?? {}) };
  if (isHeadless(service)) labels[IS_HEADLESS_SERVICE] = '';
  else delete labels[IS_HEADLESS_SERVICE];
  return labels;
}

/** truncateEndpoints: keeps at most MAX_ENDPOINTS_CAPACITY addresses, ready ones first. */
export function truncateSubsets(subsets: readonly EndpointSubset[]): EndpointSubset[] {
  let room = MAX_ENDPOINTS_CAPACITY;
  const take = (list: EndpointSubset['addresses']): EndpointSubset['addresses'] => {
    if (list === undefined) return undefined;
    const kept = list.slice(0, Math.max(0, room));
    room -= kept.length;
    return kept.length > 0 ? kept : undefined;
  };
  const readyFirst = subsets.map((s) => ({ ...s, addresses: take(s.addresses) }));
  const out = readyFirst.map((s) => ({ ...s, notReadyAddresses: take(s.notReadyAddresses) }));
  return out.filter((s) => s.addresses !== undefined || s.notReadyAddresses !== undefined).map((s) => {
    const clean: EndpointSubset = {};
    if (s.addresses) clean.addresses = s.addresses;
    if (s.notReadyAddresses) clean.notReadyAddresses = s.notReadyAddresses;
    if (s.ports) clean.ports = s.ports;
    return clean;
  });
}

/**
 * The Endpoints to write, or undefined when `current` already matches (subsets, labels and the
 * over-capacity annotation; the trigger time alone does not make a write).
 */
export function desiredEndpoints(
  service: Readonly<Service>,
  current: Readonly<Endpoints> | undefined,
  subsets: readonly EndpointSubset[],
  triggerTime: number | undefined,
): Endpoints | undefined {
  const total = subsets.reduce((n, s) => n + (s.addresses?.length ?? 0) + (s.notReadyAddresses?.length ?? 0), 0);
  const overCapacity = total > MAX_ENDPOINTS_CAPACITY;
  const finalSubsets = overCapacity ? truncateSubsets(subsets) : [...subsets];
  const labels = endpointsLabels(service);
  if (current !== undefined) {
    const capacityCorrect = (current.metadata.annotations?.[ENDPOINTS_OVER_CAPACITY] === 'truncated') === overCapacity;
    if (capacityCorrect && jsonEqual(current.subsets ?? [], finalSubsets) && jsonEqual(current.metadata.labels ?? {}, labels)) return undefined;
  }
  const annotations: Record<string, string> = { ...(current?.metadata.annotations ?? {}) };
  if (triggerTime !== undefined) annotations[ENDPOINTS_LAST_CHANGE_TRIGGER_TIME] = rfc3339(triggerTime);
  else delete annotations[ENDPOINTS_LAST_CHANGE_TRIGGER_TIME];
  if (overCapacity) annotations[ENDPOINTS_OVER_CAPACITY] = 'truncated';
  else delete annotations[ENDPOINTS_OVER_CAPACITY];
  const metadata: Endpoints['metadata'] =
    current !== undefined
      ? { ...current.metadata, labels, annotations }
      : { name: service.metadata.name ?? '', namespace: service.metadata.namespace ?? '', labels, annotations };
  if (Object.keys(annotations).length === 0) delete metadata.annotations;
  const endpoints: Endpoints = { apiVersion: 'v1', kind: 'Endpoints', metadata };
  if (finalSubsets.length > 0) endpoints.subsets = finalSubsets; // omitempty
  return endpoints;
}
