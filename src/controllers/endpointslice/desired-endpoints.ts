/**
 * The endpoints a Service should have, grouped by the ports they serve (reconciler.reconcile's
 * first half, podToEndpoint and getEndpointPorts): every pod with an IP, terminating ones
 * included, with ready/serving/terminating conditions, its node, zone and target.
 */
import type { KubeObject } from '../../api/types.js';
import { isPodReady } from '../common/pod-conditions.js';
import { endpointHostname, findPort, podView, shouldPodBeInEndpoints, type Service } from '../endpoint/service.js';
import { LABEL_TOPOLOGY_ZONE, portMapKey, type SliceEndpoint, type SlicePort } from './types.js';

/** The endpoints of one port set. */
export interface EndpointGroup {
  ports: SlicePort[];
  endpoints: SliceEndpoint[];
}

/** The desired endpoints by port-set key, and the pods skipped because their node is unknown. */
export interface DesiredEndpoints {
  groups: Map<string, EndpointGroup>;
  skipped: string[];
}

/** getEndpointPorts: the Service's ports as this pod serves them (a named port it lacks is left out). */
export function endpointPorts(service: Readonly<Service>, pod: Readonly<KubeObject>): SlicePort[] {
  const ports: SlicePort[] = [];
  for (const servicePort of service.spec?.ports ?? []) {
    const port = findPort(pod, servicePort);
    if (port === undefined) continue;
    const slicePort: SlicePort = { name: servicePort.name ?? '', protocol: servicePort.protocol ?? 'TCP', port };
    if (servicePort.appProtocol !== undefined) slicePort.appProtocol = servicePort.appProtocol;
    ports.push(slicePort);
  }
  return ports;
}

/** podToEndpoint. */
export function podToEndpoint(service: Readonly<Service>, pod: Readonly<KubeObject>, node: Readonly<KubeObject> | undefined): SliceEndpoint {
  const view = podView(pod);
  const serving = isPodReady(pod);
  const terminating = pod.metadata.deletionTimestamp != null;
  const ready = service.spec?.publishNotReadyAddresses === true || (serving && !terminating);
  const endpoint: SliceEndpoint = { addresses: [view.ip], conditions: { ready, serving, terminating } };
  const hostname = endpointHostname(service, pod);
  if (hostname !== '') endpoint.hostname = hostname;
  endpoint.targetRef = { kind: 'Pod', namespace: pod.metadata.namespace ?? '', name: pod.metadata.name ?? '', uid: pod.metadata.uid ?? '' };
  if (view.nodeName !== '') endpoint.nodeName = view.nodeName;
  const zone = node?.metadata.labels?.[LABEL_TOPOLOGY_ZONE];
  if (zone !== undefined) endpoint.zone = zone;
  return endpoint;
}

/** The desired endpoints of `service` from the pods its selector matches. */
export function desiredEndpoints(
  service: Readonly<Service>,
  pods: readonly Readonly<KubeObject>[],
  getNode: (name: string) => Readonly<KubeObject> | undefined,
): DesiredEndpoints {
  const groups = new Map<string, EndpointGroup>();
  const skipped: string[] = [];
  for (const pod of pods) {
    if (!shouldPodBeInEndpoints(pod, true)) continue;
    const nodeName = podView(pod).nodeName;
    const node = nodeName === '' ? undefined : getNode(nodeName);
    if (nodeName !== '' && node === undefined) {
      // "skipping Pod … Node … Not Found": retried later, the other pods are written now.
      skipped.push(pod.metadata.name ?? '');
      continue;
    }
    const ports = endpointPorts(service, pod);
    const key = portMapKey(ports);
    let group = groups.get(key);
    if (group === undefined) groups.set(key, (group = { ports, endpoints: [] }));
    group.endpoints.push(podToEndpoint(service, pod, node));
  }
  return { groups, skipped };
}
