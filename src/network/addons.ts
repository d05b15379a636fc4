/**
 * The objects kubeadm's CoreDNS add-on and the ingress-nginx add-on create at cluster start: the
 * `coredns` ConfigMap (Corefile), ServiceAccount and Deployment (2 replicas) and the `kube-dns`
 * Service at 10.96.0.10 in kube-system, and the default IngressClass `nginx`.
 */
import type { KubeObject } from '../api/types.js';
import type { ApiClient } from '../apiserver/types.js';

/** The ClusterIP of kube-dns: the 10th address of the service CIDR, the kubelet's `clusterDNS`. */
export const KUBE_DNS_IP = '10.96.0.10';
/** The CoreDNS image kubeadm v1.32 deploys. */
export const COREDNS_IMAGE = 'registry.k8s.io/coredns/coredns:v1.11.3';
/** The IngressClass the ingress add-on serves. */
export const INGRESS_CLASS = 'nginx';
/** The controller value of that IngressClass. */
export const INGRESS_CONTROLLER = 'k8s.io/ingress-nginx';

const KUBE_DNS_LABELS = { 'k8s-app': 'kube-dns' };

/** kubeadm's Corefile. */
export const COREFILE = `.:53 {
    errors
    health {
       lameduck 5s
    }
    ready
    kubernetes cluster.local in-addr.arpa ip6.arpa {
       pods insecure
       fallthrough in-addr.arpa ip6.arpa
       ttl 30
    }
    prometheus :9153
    forward . /etc/resolv.conf {
       max_concurrent 1000
    }
    cache 30
    loop
    reload
    loadbalance
}
`;

/** The objects of the CoreDNS add-on, in creation order, with their resources. */
export function coreDnsObjects(): { resource: string; object: KubeObject }[] {
  const meta = (name: string, labels?: Record<string, string>): KubeObject['metadata'] => ({ name, namespace: 'kube-system', ...(labels ? { labels } : {}) });
  return [
    { resource: 'serviceaccounts', object: { apiVersion: 'v1', kind: 'ServiceAccount', metadata: meta('coredns') } },
    { resource: 'configmaps', object: { apiVersion: 'v1', kind: 'ConfigMap', metadata: meta('coredns'), data: { Corefile: COREFILE } } },
    {
      resource: 'services',
      object: {
        apiVersion: 'v1',
        kind: 'Service',
        metadata: {
          ...meta('kube-dns', { ...KUBE_DNS_LABELS, 'kubernetes.io/cluster-service': 'true', 'kubernetes.io/name': 'CoreDNS' }),
          annotations: { 'prometheus.io/port': '9153', 'prometheus.io/scrape': 'true' },
        },
        spec: {
          clusterIP: KUBE_DNS_IP,
          selector: KUBE_DNS_LABELS,
          ports: [
            { name: 'dns', port: 53, protocol: 'UDP', targetPort: 53 },
            { name: 'dns-tcp', port: 53, protocol: 'TCP', targetPort: 53 },
            { name: 'metrics', port: 9153, protocol: 'TCP', targetPort: 9153 },
          ],
        },
      },
    },
    { resource: 'deployments', object: coreDnsDeployment() },
  ];
}

function coreDnsDeployment(): KubeObject {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'coredns', namespace: 'kube-system', labels: KUBE_DNS_LABELS },
    spec: {
      replicas: 2,
      strategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 1 } },
      selector: { matchLabels: KUBE_DNS_LABELS },
      template: {
        metadata: { labels: KUBE_DNS_LABELS },
        spec: {
          priorityClassName: 'system-cluster-critical',
          serviceAccountName: 'coredns',
          affinity: {
            podAntiAffinity: {
              preferredDuringSchedulingIgnoredDuringExecution: [
                {
                  weight: 100,
                  podAffinityTerm: {
                    labelSelector: { matchExpressions: [{ key: 'k8s-app', operator: 'In', values: ['kube-dns'] }] },
                    topologyKey: 'kubernetes.io/hostname',
                  },
                },
              ],
            },
          },
          tolerations: [
            { key: 'CriticalAddonsOnly', operator: 'Exists' },
            { key: 'node-role.kubernetes.io/control-plane', effect: 'NoSchedule' },
          ],
          nodeSelector: { 'kubernetes.io/os': 'linux' },
          containers: [
            {
              name: 'coredns',
              image: COREDNS_IMAGE,
              imagePullPolicy: 'IfNotPresent',
              resources: { limits: { memory: '170Mi' }, requests: { cpu: '100m', memory: '70Mi' } },
              args: ['-conf', '/etc/coredns/Corefile'],
              volumeMounts: [{ name: 'config-volume', mountPath: '/etc/coredns', readOnly: true }],
              ports: [
                { containerPort: 53, name: 'dns', protocol: 'UDP' },
                { containerPort: 53, name: 'dns-tcp', protocol: 'TCP' },
                { containerPort: 9153, name: 'metrics', protocol: 'TCP' },
              ],
              livenessProbe: { httpGet: { path: '/health', port: 8080, scheme: 'HTTP' }, initialDelaySeconds: 60, timeoutSeconds: 5, successThreshold: 1, failureThreshold: 5 },
              readinessProbe: { httpGet: { path: '/ready', port: 8181, scheme: 'HTTP' } },
              securityContext: { allowPrivilegeEscalation: false, capabilities: { add: ['NET_BIND_SERVICE'], drop: ['ALL'] }, readOnlyRootFilesystem: true },
            },
          ],
          dnsPolicy: 'Default',
          volumes: [{ name: 'config-volume', configMap: { name: 'coredns', items: [{ key: 'Corefile', path: 'Corefile' }] } }],
        },
      },
    },
  };
}

/** The default IngressClass of the ingress-nginx add-on. */
export function nginxIngressClass(): KubeObject {
  return {
    apiVersion: 'networking.k8s.io/v1',
    kind: 'IngressClass',
    metadata: {
      name: INGRESS_CLASS,
      labels: { 'app.kubernetes.io/component': 'controller', 'app.kubernetes.io/name': 'ingress-nginx' },
      annotations: { 'ingressclass.kubernetes.io/is-default-class': 'true' },
    },
    spec: { controller: INGRESS_CONTROLLER },
  };
}

/** Creates the add-ons' objects; the messages of any the API server refused (none in a healthy cluster). */
export function createNetworkAddons(api: ApiClient): string[] {
  const errors: string[] = [];
  for (const { resource, object } of coreDnsObjects()) {
    const created = api.create(resource, 'kube-system', object);
    if (!created.ok) errors.push(created.status.message ?? created.status.reason ?? 'refused');
  }
  const ingressClass = api.create('ingressclasses', '', nginxIngressClass());
  if (!ingressClass.ok) errors.push(ingressClass.status.message ?? ingressClass.status.reason ?? 'refused');
  return errors;
}
