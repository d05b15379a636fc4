/**
 * discovery.k8s.io/v1 EndpointSlice shapes and the labels the EndpointSlice controller uses.
 */
import type { KubeObject } from '../../api/types.js';

/** discovery.LabelServiceName: the Service a slice belongs to. */
export const LABEL_SERVICE_NAME = 'kubernetes.io/service-name';
/** discovery.LabelManagedBy. */
export const LABEL_MANAGED_BY = 'endpointslice.kubernetes.io/managed-by';
/** The value of LABEL_MANAGED_BY on the slices this controller manages. */
export const CONTROLLER_NAME = 'endpointslice-controller.k8s.io';
/** --max-endpoints-per-slice default. */
export const MAX_ENDPOINTS_PER_SLICE = 100;
/** The node label whose value becomes an endpoint's zone. */
export const LABEL_TOPOLOGY_ZONE = 'topology.kubernetes.io/zone';

/** discovery.EndpointConditions. */
export interface EndpointConditions {
  ready: boolean;
  serving: boolean;
  terminating: boolean;
}

/** discovery.Endpoint. */
export interface SliceEndpoint {
  addresses: string[];
  conditions: EndpointConditions;
  hostname?: string;
  targetRef?: { kind: 'Pod'; namespace: string; name: string; uid: string };
  nodeName?: string;
  zone?: string;
}

/** discovery.EndpointPort. */
export interface SlicePort {
  name: string;
  protocol: string;
  port: number;
  appProtocol?: string;
}

/** discovery.EndpointSlice. */
export interface EndpointSlice extends KubeObject {
  addressType: string;
  endpoints: SliceEndpoint[];
  ports?: SlicePort[];
}

/** The port set a group of endpoints share: slices hold endpoints of one port set only. */
export function portMapKey(ports: readonly SlicePort[] | undefined): string {
  return (ports ?? [])
    .map((p) => `${p.name}/${p.protocol}/${p.port}/${p.appProtocol ?? ''}`)
    .sort()
    .join(',');
}

/** The identity of an endpoint within a Service (endpointsliceutil hashEndpoint): addresses, hostname and target. */
export function endpointKey(endpoint: Readonly<SliceEndpoint>): string {
  const target = endpoint.targetRef === undefined ? '' : `${endpoint.targetRef.namespace}/${endpoint.targetRef.name}`;
  return `${[...endpoint.addresses].sort().join(',')}|${endpoint.hostname ?? ''}|${target}`;
}
