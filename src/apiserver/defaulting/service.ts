/**
 * A Service as a write leaves it, short of address allocation: SetDefaults_Service, the
 * strategy's clusterIP/clusterIPs normalization, and the IP family fields the Service REST
 * storage fills for a single-stack IPv4 cluster (initIPFamilyFields). ClusterIPs and NodePorts
 * themselves are allocated by the API server after defaulting.
 */
import type { KubeObject } from '../../api/types.js';
import type { Fields } from './fields.js';
import { cloneJson, defaultPointer, defaultString, ensureChild, isEmptyCollection, isFields, items } from './fields.js';

/** The cluster's only IP family: the playground's service network is IPv4 single-stack. */
export const CLUSTER_IP_FAMILY = 'IPv4';
/** v1.DefaultClientIPServiceAffinitySeconds: three hours. */
export const DEFAULT_CLIENT_IP_SERVICE_AFFINITY_SECONDS = 10800;

/** service.ExternallyAccessible: NodePort, LoadBalancer, or ClusterIP with external IPs. */
function externallyAccessible(spec: Fields): boolean {
  return spec.type === 'LoadBalancer' || spec.type === 'NodePort' || (spec.type === 'ClusterIP' && !isEmptyCollection(spec.externalIPs));
}

function defaultSessionAffinity(spec: Fields): void {
  defaultString(spec, 'sessionAffinity', 'None');
  if (spec.sessionAffinity === 'None') delete spec.sessionAffinityConfig;
  if (spec.sessionAffinity !== 'ClientIP') return;
  const config = isFields(spec.sessionAffinityConfig) ? spec.sessionAffinityConfig : undefined;
  const clientIP = config && isFields(config.clientIP) ? config.clientIP : undefined;
  if (clientIP?.timeoutSeconds == null) {
    spec.sessionAffinityConfig = { clientIP: { timeoutSeconds: DEFAULT_CLIENT_IP_SERVICE_AFFINITY_SECONDS } };
  }
}

/** SetDefaults_Service. */
function setDefaultsService(service: Fields, spec: Fields): void {
  defaultSessionAffinity(spec);
  defaultString(spec, 'type', 'ClusterIP');
  for (const port of items(spec, 'ports')) {
    defaultString(port, 'protocol', 'TCP');
    const unset = port.targetPort === undefined || port.targetPort === null || port.targetPort === 0 || port.targetPort === '';
    if (unset && typeof port.port === 'number') port.targetPort = port.port;
  }
  if (externallyAccessible(spec)) defaultString(spec, 'externalTrafficPolicy', 'Cluster');
  if (spec.type === 'NodePort' || spec.type === 'LoadBalancer' || spec.type === 'ClusterIP') {
    defaultPointer(spec, 'internalTrafficPolicy', 'Cluster');
  }
  if (spec.type === 'LoadBalancer') {
    defaultPointer(spec, 'allocateLoadBalancerNodePorts', true);
    const status = isFields(service.status) ? service.status : undefined;
    const loadBalancer = status && isFields(status.loadBalancer) ? status.loadBalancer : undefined;
    for (const ingress of loadBalancer ? items(loadBalancer, 'ingress') : []) {
      if (typeof ingress.ip === 'string' && ingress.ip !== '') defaultPointer(ingress, 'ipMode', 'VIP');
    }
  }
}

/**
 * NormalizeClusterIPs: `clusterIP` and `clusterIPs[0]` say the same thing; whichever the user
 * wrote fills the other.
 */
function normalizeClusterIPs(spec: Fields): void {
  const clusterIP = typeof spec.clusterIP === 'string' ? spec.clusterIP : '';
  const clusterIPs = Array.isArray(spec.clusterIPs) ? spec.clusterIPs : [];
  if (clusterIP !== '' && clusterIPs.length === 0) spec.clusterIPs = [clusterIP];
  else if (clusterIP === '' && typeof clusterIPs[0] === 'string' && clusterIPs[0] !== '') spec.clusterIP = clusterIPs[0];
}

/**
 * initIPFamilyFields in a single-stack IPv4 cluster: every Service but an ExternalName one
 * (headless ones too) gets `ipFamilyPolicy: SingleStack` (RequireDualStack when it already names
 * two families or addresses) and `ipFamilies: [IPv4]`.
 */
function initIPFamilyFields(spec: Fields): void {
  if (spec.type === 'ExternalName') return;
  const twoOfSomething =
    (Array.isArray(spec.clusterIPs) && spec.clusterIPs.length === 2) || (Array.isArray(spec.ipFamilies) && spec.ipFamilies.length === 2);
  defaultPointer(spec, 'ipFamilyPolicy', twoOfSomething ? 'RequireDualStack' : 'SingleStack');
  if (isEmptyCollection(spec.ipFamilies)) spec.ipFamilies = [CLUSTER_IP_FAMILY];
}

/**
 * SetDefaults_Service and the IP family fields: session affinity `None`, type `ClusterIP`, port
 * protocol `TCP` and targetPort = port, traffic policies `Cluster`, LoadBalancers allocate node
 * ports; every non-ExternalName Service is SingleStack IPv4.
 */
export function defaultService(service: KubeObject): KubeObject {
  const copy = cloneJson(service) as KubeObject & Fields;
  const spec = ensureChild(copy, 'spec');
  setDefaultsService(copy, spec);
  normalizeClusterIPs(spec);
  initIPFamilyFields(spec);
  return copy;
}
