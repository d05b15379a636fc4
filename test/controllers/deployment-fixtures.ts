/**
 * Helpers for the Deployment controller tests: a cluster running the Deployment and ReplicaSet
 * controllers, the kubelet played by hand (pods made ready, deletions finished) in small steps of
 * virtual time, and a pod watch that checks a rollout's bounds at every change.
 */
import type { KubeObject } from '../../src/api/types.js';
import type { ApiClient } from '../../src/apiserver/types.js';
import { getControllerOf } from '../../src/client/index-funcs.js';
import { deploymentControllerFactory, type DeploymentController } from '../../src/controllers/deployment/deployment-controller.js';
import { replicaSetControllerFactory } from '../../src/controllers/replicaset/factories.js';
import type { Harness } from './workload-fixtures.js';
import { finishTerminatingPods, isReady, markPodsReady, mustGet, startManager } from './replicaset-fixtures.js';

/** A cluster whose kube-controller-manager runs the Deployment and ReplicaSet controllers. */
export function startDeployments(): Harness {
  return startManager([
    ['deployment', deploymentControllerFactory],
    ['replicaset', replicaSetControllerFactory],
  ]);
}

/** The running Deployment controller. */
export function deploymentController(h: Harness): DeploymentController {
  return h.controllers.get('deployment') as DeploymentController;
}

/** Runs the controllers until nothing is pending, at most a minute of virtual time. */
export function settle(h: Harness): void {
  h.cluster.clock.runUntilIdle({ maxDuration: 60_000 });
}

/**
 * Plays kubelets for `steps` steps of `stepMs`: after each step every new pod becomes ready and
 * every deleted pod goes away. Stops early once a step changes nothing.
 */
export function runKubelets(h: Harness, steps = 100, stepMs = 200): void {
  for (let i = 0; i < steps; i++) {
    h.cluster.clock.advance(stepMs);
    const changed = markPodsReady(h.api, h.cluster.clock.now()) + finishTerminatingPods(h.api);
    if (changed === 0 && i > 0) {
      h.cluster.clock.advance(stepMs);
      if (markPodsReady(h.api, h.cluster.clock.now()) + finishTerminatingPods(h.api) === 0) return;
    }
  }
}

/** The ReplicaSets a Deployment controls, oldest first. */
export function replicaSetsOf(api: ApiClient, deploymentName: string, namespace = 'default'): KubeObject[] {
  const d = mustGet(api, 'deployments', deploymentName, namespace);
  const r = api.list('replicasets', namespace);
  if (!r.ok) return [];
  return r.value.items
    .filter((rs) => getControllerOf(rs)?.uid === d.metadata.uid)
    .sort((a, b) => ((a.metadata.creationTimestamp ?? '') + (a.metadata.name ?? '') < (b.metadata.creationTimestamp ?? '') + (b.metadata.name ?? '') ? -1 : 1));
}

/** spec.replicas of a ReplicaSet. */
export function replicasOf(rs: KubeObject): number {
  return (rs['spec'] as { replicas: number }).replicas;
}

/** Changes the Deployment's container image (kubectl set image). */
export function setImage(api: ApiClient, name: string, image: string): void {
  const r = api.patch('deployments', 'default', name, 'strategic', { spec: { template: { spec: { containers: [{ name: 'nginx', image }] } } } });
  if (!r.ok) throw new Error(`set image: ${r.status.message ?? ''}`);
}

/** Merge-patches the Deployment's spec. */
export function patchSpec(api: ApiClient, name: string, spec: Record<string, unknown>): void {
  const r = api.patch('deployments', 'default', name, 'merge', { spec });
  if (!r.ok) throw new Error(`patch: ${r.status.message ?? ''}`);
}

/** The Deployment's condition of `type`. */
export function conditionOf(api: ApiClient, name: string, type: string): Record<string, string> | undefined {
  const status = mustGet(api, 'deployments', name)['status'] as { conditions?: Record<string, string>[] } | undefined;
  return status?.conditions?.find((c) => c['type'] === type);
}

/** The counts a rollout must keep within bounds, seen at every pod change. */
export interface PodCounts {
  /** Pods not being deleted. */
  active: number;
  /** Active pods that are ready. */
  available: number;
}

/**
 * Watches the namespace's pods and calls `check` with the counts after every change, the way an
 * observer of the API would see them.
 */
export function watchPodCounts(api: ApiClient, check: (counts: PodCounts) => void, namespace = 'default'): () => void {
  const pods = new Map<string, KubeObject>();
  const watched = api.watch('pods', namespace, {}, (event) => {
    const pod = event.object as KubeObject;
    if (event.type === 'DELETED') pods.delete(pod.metadata.name ?? '');
    else if (event.type === 'ADDED' || event.type === 'MODIFIED') pods.set(pod.metadata.name ?? '', pod);
    else return;
    let active = 0;
    let available = 0;
    for (const p of pods.values()) {
      if (p.metadata.deletionTimestamp !== undefined) continue;
      active++;
      if (isReady(p)) available++;
    }
    check({ active, available });
  });
  if (!watched.ok) throw new Error(`watch pods: ${watched.status.message ?? ''}`);
  return () => watched.value.stop();
}
