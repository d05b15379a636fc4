/**
 * kube-apiserver throughput: pod creates and status updates through the full write path
 * (defaulting, validation, optimistic concurrency, etcd), with informers watching.
 */
import { performance } from 'node:perf_hooks';
import type { KubeObject } from '../src/api/types.js';
import { Cluster } from '../src/cluster/cluster.js';
import type { BenchLine } from './types.js';

function pod(i: number): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: `web-${i}`, namespace: 'default', labels: { app: 'web' } },
    spec: { containers: [{ name: 'nginx', image: 'nginx:1.27', resources: { requests: { cpu: '100m', memory: '64Mi' } } }] },
  };
}

/** Creates and status-updates 20,000 pods with 10 watchers of pods. */
export function benchApiServer(): BenchLine[] {
  const cluster = new Cluster({ seed: 'bench' });
  const count = 20_000;
  let delivered = 0;
  for (let w = 0; w < 10; w++) cluster.api.watch('pods', '', { resourceVersion: String(cluster.api.resourceVersion) }, () => delivered++);

  let start = performance.now();
  const created: KubeObject[] = [];
  for (let i = 0; i < count; i++) {
    const result = cluster.api.create('pods', 'default', pod(i));
    if (result.ok) created.push(result.value);
  }
  cluster.clock.runUntilIdle();
  const createSeconds = (performance.now() - start) / 1000;

  start = performance.now();
  for (const object of created) {
    cluster.api.update('pods', 'default', { ...object, status: { phase: 'Running', podIP: '10.244.1.2' } }, { subresource: 'status' });
  }
  cluster.clock.runUntilIdle();
  const updateSeconds = (performance.now() - start) / 1000;
  cluster.dispose();
  if (delivered !== count * 2 * 10) throw new Error(`watchers saw ${delivered} events, expected ${count * 20}`);
  return [
    { name: 'kube-apiserver pod creates/s (10 watchers)', value: count / createSeconds, unit: 'creates/s' },
    { name: 'kube-apiserver pod status updates/s (10 watchers)', value: count / updateSeconds, unit: 'updates/s' },
  ];
}
