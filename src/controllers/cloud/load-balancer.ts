/**
 * The cloud service controller's decisions (k8s.io/cloud-provider controllers/service):
 * whether a Service wants a load balancer, needs one cleaned up, or changed in a way that matters.
 */
import { jsonEqual } from '../../api/equal.js';
import type { Service } from '../endpoint/service.js';

/** servicehelper.LoadBalancerCleanupFinalizer. */
export const LOAD_BALANCER_CLEANUP_FINALIZER = 'service.kubernetes.io/load-balancer-cleanup';

/** wantsLoadBalancer: type LoadBalancer, and no loadBalancerClass (a class is some other implementation's). */
export function wantsLoadBalancer(service: Readonly<Service>): boolean {
  return service.spec?.type === 'LoadBalancer' && (service.spec.loadBalancerClass === undefined || service.spec.loadBalancerClass === null);
}

/** HasLBFinalizer. */
export function hasLBFinalizer(service: Readonly<Service>): boolean {
  return (service.metadata.finalizers ?? []).includes(LOAD_BALANCER_CLEANUP_FINALIZER);
}

/** needsCleanup: the finalizer is there and the Service is being deleted or is no longer a LoadBalancer. */
export function needsCleanup(service: Readonly<Service>): boolean {
  if (!hasLBFinalizer(service)) return false;
  return service.metadata.deletionTimestamp != null || service.spec?.type !== 'LoadBalancer';
}

function lbPorts(service: Readonly<Service>): unknown {
  return (service.spec?.ports ?? []).map((p) => [p.name ?? '', p.protocol ?? 'TCP', p.port, p.nodePort ?? 0]);
}

/** needsUpdate: a change the load balancer must follow. */
export function needsUpdate(old: Readonly<Service>, service: Readonly<Service>): boolean {
  if (!wantsLoadBalancer(old) && !wantsLoadBalancer(service)) return false;
  if (wantsLoadBalancer(old) !== wantsLoadBalancer(service)) return true;
  const spec = (s: Readonly<Service>): Record<string, unknown> => (s.spec ?? {}) as Record<string, unknown>;
  for (const field of ['type', 'loadBalancerIP', 'loadBalancerSourceRanges', 'externalIPs', 'externalTrafficPolicy', 'healthCheckNodePort', 'ipFamilies']) {
    if (!jsonEqual(spec(old)[field], spec(service)[field])) return true;
  }
  if (!jsonEqual(lbPorts(old), lbPorts(service))) return true;
  if (!jsonEqual(old.metadata.annotations ?? {}, service.metadata.annotations ?? {})) return true;
  return old.metadata.uid !== service.metadata.uid;
}

/** v1.LoadBalancerStatus. */
export interface LoadBalancerStatus {
  ingress?: { ip: string; ipMode: 'VIP' | 'Proxy' }[];
}

/** The load-balancer status a Service carries now. */
export function loadBalancerStatusOf(service: Readonly<Service>): LoadBalancerStatus {
  return (service.status?.loadBalancer ?? {}) as LoadBalancerStatus;
}
