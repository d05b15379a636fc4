/**
 * What kube-apiserver creates when it first starts: the system namespaces and, from its
 * bootstrap controller, the `kubernetes` Service in `default` with the Endpoints and
 * EndpointSlice that point at the API server itself, and from the scheduling storage's PostStartHook
 * (`scheduling/bootstrap-system-priority-classes`) the PriorityClasses `system-node-critical` and
 * `system-cluster-critical`. Also the `default` ServiceAccount of each system namespace, which in a
 * real cluster the serviceaccount controller creates moments later.
 */
import type { KubeObject } from '../api/types.js';
import type { ApiClient } from './types.js';
import { SYSTEM_NAMESPACES } from './admission.js';
import { DEFAULT_SERVICE_ACCOUNT_NAME } from './defaulting/pod-admission.js';
import { SYSTEM_PRIORITY_CLASSES } from './defaulting/priority.js';

/** The first address of the service CIDR, always the `kubernetes` Service. */
export const KUBERNETES_SERVICE_IP = '10.96.0.1';
/** The port kube-apiserver listens on. */
export const SECURE_PORT = 6443;

/** Creates the objects every cluster starts with. Existing ones are left alone. */
export function bootstrapApiServer(api: ApiClient, advertiseAddress: string): void {
  for (const name of SYSTEM_NAMESPACES) {
    api.create('namespaces', '', { apiVersion: 'v1', kind: 'Namespace', metadata: { name } });
  }
  // The serviceaccount controller's work for the namespaces that exist from the start, so pods
  // can be created before any controller runs (ServiceAccount admission needs `default`).
  for (const namespace of SYSTEM_NAMESPACES) {
    api.create('serviceaccounts', namespace, { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: DEFAULT_SERVICE_ACCOUNT_NAME, namespace } });
  }
  for (const [resource, object] of kubernetesServiceObjects(advertiseAddress)) api.create(resource, 'default', object);
  // addSystemPriorityClasses: each class that does not exist yet, in SystemPriorityClasses() order.
  for (const priorityClass of SYSTEM_PRIORITY_CLASSES) api.create('priorityclasses', '', priorityClass);
}

function kubernetesServiceObjects(address: string): [string, KubeObject][] {
  const labels = { component: 'apiserver', provider: 'kubernetes' };
  return [
    [
      'services',
      {
        apiVersion: 'v1',
        kind: 'Service',
        metadata: { name: 'kubernetes', namespace: 'default', labels },
        spec: { clusterIP: KUBERNETES_SERVICE_IP, ports: [{ name: 'https', port: 443, protocol: 'TCP', targetPort: SECURE_PORT }] },
      },
    ],
    [
      'endpoints',
      {
        apiVersion: 'v1',
        kind: 'Endpoints',
        metadata: { name: 'kubernetes', namespace: 'default', labels: { 'endpointslice.kubernetes.io/skip-mirror': 'true' } },
        subsets: [{ addresses: [{ ip: address }], ports: [{ name: 'https', port: SECURE_PORT, protocol: 'TCP' }] }],
      },
    ],
    [
      'endpointslices',
      {
        apiVersion: 'discovery.k8s.io/v1',
        kind: 'EndpointSlice',
        metadata: { name: 'kubernetes', namespace: 'default', labels: { 'kubernetes.io/service-name': 'kubernetes' } },
        addressType: 'IPv4',
        endpoints: [{ addresses: [address], conditions: { ready: true } }],
        ports: [{ name: 'https', port: SECURE_PORT, protocol: 'TCP' }],
      },
    ],
  ];
}
