/**
 * Typed views of the Service and Pod fields the endpoints and EndpointSlice controllers read,
 * and the helpers both share (pkg/controller/util/endpoint, pkg/api/v1/pod FindPort).
 */
import type { KubeObject } from '../../api/types.js';
import { selectorFromSet, type Selector } from '../../api/label-selector.js';

/** v1.ServicePort. */
export interface ServicePort {
  name?: string;
  protocol?: string;
  appProtocol?: string;
  port: number;
  targetPort?: number | string;
  nodePort?: number;
}

/** The spec fields of a v1.Service these controllers read. */
export interface ServiceSpec {
  type?: string;
  selector?: Record<string, string>;
  clusterIP?: string;
  ports?: ServicePort[];
  publishNotReadyAddresses?: boolean;
  loadBalancerClass?: string;
  loadBalancerIP?: string;
}

/** A v1.Service. */
export interface Service extends KubeObject {
  spec?: ServiceSpec;
  status?: { loadBalancer?: { ingress?: { ip?: string; hostname?: string; ipMode?: string }[] } };
}

/** v1.IsHeadlessService: the label set on the Endpoints and EndpointSlices of a headless Service. */
export const IS_HEADLESS_SERVICE = 'service.kubernetes.io/headless';
/** v1.EndpointsLastChangeTriggerTime. */
export const ENDPOINTS_LAST_CHANGE_TRIGGER_TIME = 'endpoints.kubernetes.io/last-change-trigger-time';

/** True for a headless Service (clusterIP `None`). */
export function isHeadless(service: Readonly<Service>): boolean {
  return service.spec?.clusterIP === 'None';
}

/** The Service's selector, or undefined for a selector-less Service (its endpoints are the user's). */
export function serviceSelector(service: Readonly<Service>): Selector | undefined {
  const selector = service.spec?.selector;
  // An empty map does not survive the API's JSON (omitempty): it is no selector at all.
  if (selector === undefined || selector === null || Object.keys(selector).length === 0) return undefined;
  return selectorFromSet(selector);
}

interface ContainerPort {
  name?: string;
  containerPort?: number;
  protocol?: string;
}

/** The pod fields these controllers read. */
export interface PodView {
  ip: string;
  nodeName: string;
  hostname: string;
  subdomain: string;
}

/** The pod's IP, node, hostname and subdomain. */
export function podView(pod: Readonly<KubeObject>): PodView {
  const spec = (pod['spec'] ?? {}) as { nodeName?: string; hostname?: string; subdomain?: string };
  const status = (pod['status'] ?? {}) as { podIP?: string; podIPs?: { ip?: string }[] };
  return {
    ip: status.podIP ?? status.podIPs?.[0]?.ip ?? '',
    nodeName: spec.nodeName ?? '',
    hostname: spec.hostname ?? '',
    subdomain: spec.subdomain ?? '',
  };
}

/**
 * endpointsliceutil.ShouldPodBeInEndpoints: not finished, has an IP, and (unless terminating pods
 * are included) not being deleted.
 */
export function shouldPodBeInEndpoints(pod: Readonly<KubeObject>, includeTerminating: boolean): boolean {
  const phase = ((pod['status'] ?? {}) as { phase?: string }).phase;
  if (phase === 'Succeeded' || phase === 'Failed') return false;
  if (podView(pod).ip === '') return false;
  if (!includeTerminating && pod.metadata.deletionTimestamp != null) return false;
  return true;
}

/**
 * podutil.FindPort: a numeric targetPort as is; a named one resolved against the pod's container
 * ports of the same protocol. Undefined when no container port has that name.
 */
export function findPort(pod: Readonly<KubeObject>, servicePort: Readonly<ServicePort>): number | undefined {
  const target = servicePort.targetPort ?? servicePort.port;
  if (typeof target === 'number') return target;
  if (/^[0-9]+$/.test(target)) return Number(target);
  const protocol = servicePort.protocol ?? 'TCP';
  const spec = (pod['spec'] ?? {}) as { containers?: { ports?: ContainerPort[] }[] };
  for (const container of spec.containers ?? []) {
    for (const port of container.ports ?? []) {
      if (port.name === target && (port.protocol ?? 'TCP') === protocol) return port.containerPort;
    }
  }
  return undefined;
}

/**
 * The hostname an endpoint carries: the pod's `spec.hostname` when its `spec.subdomain` names this
 * Service in the same namespace (how StatefulSet pods get DNS names).
 */
export function endpointHostname(service: Readonly<Service>, pod: Readonly<KubeObject>): string {
  const view = podView(pod);
  const sameNamespace = (pod.metadata.namespace ?? '') === (service.metadata.namespace ?? '');
  return view.hostname !== '' && view.subdomain === service.metadata.name && sameNamespace ? view.hostname : '';
}
