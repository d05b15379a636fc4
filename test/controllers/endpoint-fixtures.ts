/**
 * Fixtures of the endpoints, EndpointSlice and cloud service controller tests: Services, pods with
 * ports, nodes, and the kubelet played by hand (IP, phase and Ready condition).
 */
import type { KubeObject } from '../../src/api/types.js';
import type { ApiClient } from '../../src/apiserver/types.js';
import { rfc3339 } from '../../src/api/time.js';
import { getObject } from './garbagecollector-harness.js';

/** A Service selecting `app: <app>` (none when `selector` is null). */
export function service(name: string, options: { app?: string; selector?: null; type?: string; clusterIP?: string; ports?: object[]; publishNotReadyAddresses?: boolean; loadBalancerClass?: string; labels?: Record<string, string> } = {}): KubeObject {
  const spec: Record<string, unknown> = { ports: options.ports ?? [{ name: 'http', port: 80, targetPort: 8080 }] };
  if (options.selector !== null) spec['selector'] = { app: options.app ?? name };
  if (options.type) spec['type'] = options.type;
  if (options.clusterIP) spec['clusterIP'] = options.clusterIP;
  if (options.publishNotReadyAddresses) spec['publishNotReadyAddresses'] = true;
  if (options.loadBalancerClass) spec['loadBalancerClass'] = options.loadBalancerClass;
  const metadata: KubeObject['metadata'] = { name, namespace: 'default' };
  if (options.labels) metadata.labels = options.labels;
  return { apiVersion: 'v1', kind: 'Service', metadata, spec };
}

/** A pod labelled `app: <app>` on `node`, its container serving 8080 named `http-web`. */
export function webPod(name: string, app: string, node = 'node-1'): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, namespace: 'default', labels: { app } },
    spec: { nodeName: node, containers: [{ name: 'web', image: 'nginx:1.27', ports: [{ name: 'http-web', containerPort: 8080 }] }] },
  };
}

/** A Ready node, in `zone` when given. */
export function node(name: string, zone?: string): KubeObject {
  const metadata: KubeObject['metadata'] = { name };
  if (zone) metadata.labels = { 'topology.kubernetes.io/zone': zone };
  return { apiVersion: 'v1', kind: 'Node', metadata, spec: {}, status: { conditions: [{ type: 'Ready', status: 'True' }] } };
}

/** Plays the kubelet: the pod runs with `ip`, Ready or not, the Ready transition stamped at `now`. */
export function runPod(api: ApiClient, name: string, ip: string, ready: boolean, now: number): KubeObject {
  const current = getObject(api, 'pods', 'default', name);
  if (current === undefined) throw new Error(`no pod ${name}`);
  const status = {
    phase: 'Running',
    podIP: ip,
    podIPs: [{ ip }],
    conditions: [{ type: 'Ready', status: ready ? 'True' : 'False', lastProbeTime: null, lastTransitionTime: rfc3339(now) }],
  };
  const r = api.update('pods', 'default', { ...current, status }, { subresource: 'status' });
  if (!r.ok) throw new Error(`pod status ${name}: ${r.status.message ?? ''}`);
  return r.value;
}
