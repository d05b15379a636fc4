/**
 * The control plane's static pod manifests, as kubeadm writes them to /etc/kubernetes/manifests on
 * the control-plane node (images of v1.32.0, commands cut to their telling flags), and the mirror
 * pods the node's kubelet creates for them in `kube-system`.
 */
import { createHash } from 'node:crypto';
import type { JsonObject, KubeObject } from '../api/types.js';

/** One control-plane component run as a static pod. */
export interface StaticPodManifest {
  /** The component (`etcd`, `kube-apiserver`, …): container name and `component` label. */
  component: string;
  image: string;
  command: string[];
  /** The CPU (and memory) kubeadm requests for it. */
  requests: Record<string, string>;
  /** kubeadm's extra annotations (advertise addresses). */
  annotations: Record<string, string>;
}

/** The static pods of a kubeadm control plane whose node has the address `address`. */
export function controlPlaneManifests(nodeName: string, address: string): StaticPodManifest[] {
  return [
    {
      component: 'etcd',
      image: 'registry.k8s.io/etcd:3.5.16-0',
      command: ['etcd', `--advertise-client-urls=https://${address}:2379`, '--data-dir=/var/lib/etcd', `--listen-client-urls=https://127.0.0.1:2379,https://${address}:2379`, `--name=${nodeName}`],
      requests: { cpu: '100m', memory: '100Mi' },
      annotations: { 'kubeadm.kubernetes.io/etcd.advertise-client-urls': `https://${address}:2379` },
    },
    {
      component: 'kube-apiserver',
      image: 'registry.k8s.io/kube-apiserver:v1.32.0',
      command: ['kube-apiserver', `--advertise-address=${address}`, '--etcd-servers=https://127.0.0.1:2379', '--secure-port=6443', '--service-cluster-ip-range=10.96.0.0/12'],
      requests: { cpu: '250m' },
      annotations: { 'kubeadm.kubernetes.io/kube-apiserver.advertise-address.endpoint': `${address}:6443` },
    },
    {
      component: 'kube-controller-manager',
      image: 'registry.k8s.io/kube-controller-manager:v1.32.0',
      command: ['kube-controller-manager', '--allocate-node-cidrs=true', '--cluster-cidr=10.244.0.0/16', '--kubeconfig=/etc/kubernetes/controller-manager.conf', '--leader-elect=true'],
      requests: { cpu: '200m' },
      annotations: {},
    },
    {
      component: 'kube-scheduler',
      image: 'registry.k8s.io/kube-scheduler:v1.32.0',
      command: ['kube-scheduler', '--kubeconfig=/etc/kubernetes/scheduler.conf', '--leader-elect=true'],
      requests: { cpu: '100m' },
      annotations: {},
    },
  ];
}

/** The kubelet's hash of a static pod (`kubernetes.io/config.hash`, also the mirror annotation): 32 hex digits. */
export function configHash(manifest: StaticPodManifest, nodeName: string): string {
  return createHash('md5').update(JSON.stringify({ manifest, nodeName })).digest('hex');
}

/** The mirror pod's name: `<component>-<node>`, as the kubelet names static pods. */
export function mirrorPodName(component: string, nodeName: string): string {
  return `${component}-${nodeName}`;
}

/** The mirror pod the kubelet creates for `manifest` on `node` (a Node object, its owner). */
export function mirrorPod(manifest: StaticPodManifest, node: KubeObject, seenAt: string): KubeObject {
  const nodeName = node.metadata.name ?? '';
  const hash = configHash(manifest, nodeName);
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name: mirrorPodName(manifest.component, nodeName),
      namespace: 'kube-system',
      labels: { component: manifest.component, tier: 'control-plane' },
      annotations: {
        ...manifest.annotations,
        'kubernetes.io/config.hash': hash,
        'kubernetes.io/config.mirror': hash,
        'kubernetes.io/config.seen': seenAt,
        'kubernetes.io/config.source': 'file',
      },
      ownerReferences: [{ apiVersion: 'v1', kind: 'Node', name: nodeName, uid: node.metadata.uid ?? '', controller: true }],
    },
    spec: {
      containers: [
        {
          name: manifest.component,
          image: manifest.image,
          imagePullPolicy: 'IfNotPresent',
          command: manifest.command,
          resources: { requests: manifest.requests },
        } as JsonObject,
      ],
      hostNetwork: true,
      nodeName,
      priority: 2000001000,
      priorityClassName: 'system-node-critical',
      securityContext: { seccompProfile: { type: 'RuntimeDefault' } },
      tolerations: [{ operator: 'Exists', effect: 'NoExecute' }],
    },
  };
}
