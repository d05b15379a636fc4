/**
 * Which Services a pod event concerns (endpointsliceutil.GetServicesToUpdateOnPodChange): those
 * selecting the pod before or after, and only when something an endpoint shows changed.
 */
import type { KubeObject } from '../../api/types.js';
import { jsonEqual } from '../../api/equal.js';
import { matches } from '../../api/label-selector.js';
import type { Lister } from '../../client/lister.js';
import { isPodReady } from '../common/pod-conditions.js';
import { podView, serviceSelector, type Service } from './service.js';

/** podEndpointsChanged: what the endpoints of a pod show (IP, node, hostname, readiness, deletion, phase). */
export function podEndpointsChanged(old: Readonly<KubeObject>, pod: Readonly<KubeObject>): boolean {
  if ((old.metadata.deletionTimestamp == null) !== (pod.metadata.deletionTimestamp == null)) return true;
  if (isPodReady(old) !== isPodReady(pod)) return true;
  const phase = (p: Readonly<KubeObject>): unknown => (p['status'] as { phase?: string } | undefined)?.phase;
  if (phase(old) !== phase(pod)) return true;
  if (!jsonEqual(podView(old), podView(pod))) return true;
  // A named targetPort resolves against the containers' ports.
  return !jsonEqual((old['spec'] as { containers?: unknown } | undefined)?.containers, (pod['spec'] as { containers?: unknown } | undefined)?.containers);
}

/** The keys (`namespace/name`) of the Services in the pod's namespace whose selector matches its labels. */
export function servicesSelecting(services: Lister<Service>, pod: Readonly<KubeObject>, labels = pod.metadata.labels): string[] {
  const namespace = pod.metadata.namespace ?? '';
  const keys: string[] = [];
  for (const service of services.listNamespace(namespace)) {
    const selector = serviceSelector(service);
    if (selector !== undefined && matches(selector, labels)) keys.push(`${namespace}/${service.metadata.name ?? ''}`);
  }
  return keys;
}

/** GetServicesToUpdateOnPodChange: the Services to sync after a pod update. */
export function servicesToUpdateOnPodChange(services: Lister<Service>, old: Readonly<KubeObject>, pod: Readonly<KubeObject>): string[] {
  const labelsChanged = !jsonEqual(old.metadata.labels ?? {}, pod.metadata.labels ?? {});
  if (!labelsChanged && !podEndpointsChanged(old, pod)) return [];
  const keys = new Set(servicesSelecting(services, pod));
  if (labelsChanged) for (const key of servicesSelecting(services, old)) keys.add(key);
  return [...keys];
}
