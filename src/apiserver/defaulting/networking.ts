/**
 * Defaults of networking.k8s.io/v1 (NetworkPolicy, IngressClass) and discovery.k8s.io/v1
 * (EndpointSlice). Ingress has none: `pathType` is required, not defaulted, in networking/v1.
 */
import type { KubeObject } from '../../api/types.js';
import type { Fields } from './fields.js';
import { child, cloneJson, defaultPointer, ensureChild, isEmptyCollection, items } from './fields.js';

/**
 * SetDefaults_NetworkPolicy and SetDefaults_NetworkPolicyPort: a policy without policyTypes is an
 * `Ingress` policy (and also `Egress` when it has egress rules); ports are `TCP` unless given.
 */
export function defaultNetworkPolicy(policy: KubeObject): KubeObject {
  const copy = cloneJson(policy) as KubeObject & Fields;
  const spec = ensureChild(copy, 'spec');
  for (const direction of ['ingress', 'egress'] as const) {
    for (const rule of items(spec, direction)) {
      for (const port of items(rule, 'ports')) defaultPointer(port, 'protocol', 'TCP');
    }
  }
  if (isEmptyCollection(spec.policyTypes)) {
    spec.policyTypes = isEmptyCollection(spec.egress) ? ['Ingress'] : ['Ingress', 'Egress'];
  }
  return copy;
}

/** SetDefaults_IngressClass: parameters are cluster-scoped unless a scope is given. */
export function defaultIngressClass(ingressClass: KubeObject): KubeObject {
  const copy = cloneJson(ingressClass) as KubeObject & Fields;
  const spec = child(copy, 'spec');
  const parameters = spec ? child(spec, 'parameters') : undefined;
  if (parameters) defaultPointer(parameters, 'scope', 'Cluster');
  return copy;
}

/** SetDefaults_EndpointPort (discovery/v1): every port has a name (`""`) and protocol `TCP`. */
export function defaultEndpointSlice(slice: KubeObject): KubeObject {
  const copy = cloneJson(slice) as KubeObject & Fields;
  for (const port of items(copy, 'ports')) {
    defaultPointer(port, 'name', '');
    defaultPointer(port, 'protocol', 'TCP');
  }
  return copy;
}
