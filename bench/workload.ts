/** The workload the cluster benches run: one nginx Deployment `web` with small requests. */
import type { KubeObject } from '../src/api/types.js';

/** A Deployment `web` of `replicas` nginx pods (10m CPU, 16Mi each, so thousands fit). */
export function benchDeployment(replicas: number): KubeObject {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'web', namespace: 'default' },
    spec: {
      replicas,
      selector: { matchLabels: { app: 'web' } },
      template: {
        metadata: { labels: { app: 'web' } },
        spec: { containers: [{ name: 'nginx', image: 'nginx:1.27', resources: { requests: { cpu: '10m', memory: '16Mi' } } }] },
      },
    },
  };
}
