/**
 * Helpers for the ReplicaSet, ReplicationController and Deployment controller tests, on top of the
 * shared workload harness: objects to create, the kubelet's part (pods marked Running and Ready,
 * graceful deletions finished), and a view of the pods of an owner.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { KubeObject } from '../../src/api/types.js';
import { parseManifest } from '../../src/manifests/parse-manifest.js';
import type { ApiClient } from '../../src/apiserver/types.js';
import { getControllerOf } from '../../src/client/index-funcs.js';
import { Cluster } from '../../src/cluster/cluster.js';
import type { ControllerFactory } from '../../src/controllers/common/controller.js';
import { KubeControllerManager } from '../../src/controllers/controller-manager.js';
import { recordingApi, setPodStatus, type Harness } from './workload-fixtures.js';

/**
 * A cluster with a kube-controller-manager running `factories` (by their registered names); the
 * harness's `writes` log every write the controllers make, events left out.
 */
export function startManager(factories: [string, ControllerFactory][]): Harness & { manager: KubeControllerManager } {
  const cluster = new Cluster({ seed: 1 });
  const writes: string[] = [];
  const ctx = { api: recordingApi(cluster.api, writes), clock: cluster.clock, random: cluster.random.fork('kcm'), profile: 'real' as const };
  const manager = new KubeControllerManager(ctx, new Map(factories));
  manager.start();
  cluster.clock.runUntilIdle({ maxDuration: 0 });
  return { cluster, api: cluster.api, writes, controllers: new Map(manager.controllers()), manager };
}

/** A pod template with `labels` and one nginx container. */
export function template(labels: Record<string, string>, spec: Record<string, unknown> = {}, image = 'nginx:1.27'): Record<string, unknown> {
  return { metadata: { labels }, spec: { containers: [{ name: 'nginx', image }], ...spec } };
}

/** An apps/v1 ReplicaSet selecting `labels`. */
export function replicaSet(name: string, replicas: number, labels: Record<string, string>, spec: Record<string, unknown> = {}): KubeObject {
  return {
    apiVersion: 'apps/v1',
    kind: 'ReplicaSet',
    metadata: { name },
    spec: { replicas, selector: { matchLabels: labels }, template: template(labels), ...spec },
  };
}

/** An apps/v1 Deployment selecting `labels`, running `image`. */
export function deployment(name: string, replicas: number, labels: Record<string, string>, spec: Record<string, unknown> = {}, image = 'nginx:1.27'): KubeObject {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name },
    spec: { replicas, selector: { matchLabels: labels }, template: template(labels, {}, image), ...spec },
  };
}

/** Every pod of the namespace, sorted by name. */
export function listPods(api: ApiClient, namespace = 'default'): KubeObject[] {
  const r = api.list('pods', namespace);
  if (!r.ok) return [];
  return r.value.items.sort((a, b) => ((a.metadata.name ?? '') < (b.metadata.name ?? '') ? -1 : 1));
}

/** The pods controlled by the object with uid `ownerUid`. */
export function podsOf(api: ApiClient, ownerUid: string | undefined, namespace = 'default'): KubeObject[] {
  return listPods(api, namespace).filter((p) => getControllerOf(p)?.uid === ownerUid);
}

/** The pods not being deleted. */
export function activePods(pods: readonly KubeObject[]): KubeObject[] {
  return pods.filter((p) => p.metadata.deletionTimestamp === undefined);
}

/** True if the pod's Ready condition is True. */
export function isReady(pod: KubeObject): boolean {
  const conditions = (pod['status'] as { conditions?: { type: string; status: string }[] } | undefined)?.conditions ?? [];
  return conditions.some((c) => c.type === 'Ready' && c.status === 'True');
}

/** Plays the scheduler: binds the pod to `node` unless it is bound already. */
export function bindPod(api: ApiClient, pod: KubeObject, node = 'node-1'): void {
  if ((pod['spec'] as { nodeName?: string }).nodeName) return;
  const binding = { apiVersion: 'v1', kind: 'Binding', metadata: { name: pod.metadata.name ?? '' }, target: { kind: 'Node', name: node } };
  const r = api.create('pods/binding', pod.metadata.namespace ?? 'default', binding);
  if (!r.ok) throw new Error(`bind ${pod.metadata.name ?? ''}: ${r.status.message ?? ''}`);
}

/**
 * Plays the scheduler and the kubelet: every pod not being deleted and not yet ready is bound (so
 * that deleting it is graceful) and becomes Running and Ready at `now`; returns how many.
 */
export function markPodsReady(api: ApiClient, now: number, namespace = 'default'): number {
  let marked = 0;
  for (const pod of activePods(listPods(api, namespace))) {
    if (isReady(pod)) continue;
    bindPod(api, pod);
    setPodStatus(api, namespace, pod.metadata.name ?? '', { phase: 'Running', ready: true }, now);
    marked++;
  }
  return marked;
}

/** Plays the kubelet: pods being deleted go away (grace period 0). */
export function finishTerminatingPods(api: ApiClient, namespace = 'default'): number {
  let removed = 0;
  for (const pod of listPods(api, namespace)) {
    if (pod.metadata.deletionTimestamp === undefined) continue;
    if (api.delete('pods', namespace, pod.metadata.name ?? '', { gracePeriodSeconds: 0 }).ok) removed++;
  }
  return removed;
}

/** Reads an object or fails the test. */
export function mustGet(api: ApiClient, resource: string, name: string, namespace = 'default'): KubeObject {
  const r = api.get(resource, namespace, name);
  if (!r.ok) throw new Error(`get ${resource} ${name}: ${r.status.message ?? ''}`);
  return r.value;
}

/** Writes with generated pod names masked: `create pods frontend-x7k2p` → `create pods frontend-*`. */
export function masked(writes: readonly string[]): string[] {
  return writes.map((w) => w.replace(/^(create|delete|patch)( pods \S+)-[bcdfghjklmnpqrstvwxz2456789]{5}$/, '$1$2-*'));
}

/** The objects of a file of the shared corpus of real manifests (`website/controllers/frontend.yaml`). */
export function corpusObjects(path: string): KubeObject[] {
  const file = fileURLToPath(new URL(`../../../../shared/corpus/k8s-examples/${path}`, import.meta.url));
  const parsed = parseManifest(readFileSync(file, 'utf8'), path);
  if (parsed.errors.length > 0) throw new Error(`${path}: ${parsed.errors[0]!.message}`);
  return parsed.objects.map((o) => o.object);
}
