/**
 * What PodGC decides, as pure functions of the cached pods and nodes (gc_controller.go): which
 * terminated pods exceed the threshold, which terminating pods sit on out-of-service nodes, which
 * terminating pods were never scheduled, and the Failed status a pod gets before it is deleted.
 */
import type { KubeObject } from '../../api/types.js';
import { rfc3339 } from '../../api/time.js';

interface PodStatus {
  phase?: string;
  reason?: string;
  conditions?: PodCondition[];
}

/** A pod condition as PodGC writes it. */
export interface PodCondition {
  type: string;
  status: string;
  reason?: string;
  message?: string;
  lastProbeTime?: string | null;
  lastTransitionTime?: string;
}

/** v1.TaintNodeOutOfService. */
export const TAINT_NODE_OUT_OF_SERVICE = 'node.kubernetes.io/out-of-service';

/** The DisruptionTarget condition of a pod whose node no longer exists. */
export const NODE_GONE_CONDITION: Readonly<PodCondition> = Object.freeze({
  type: 'DisruptionTarget',
  status: 'True',
  reason: 'DeletionByPodGC',
  message: 'PodGC: node no longer exists',
});

function statusOf(pod: Readonly<KubeObject>): PodStatus {
  return (pod['status'] as PodStatus | undefined) ?? {};
}

/** The pod's spec.nodeName ('' when unscheduled). */
export function nodeNameOf(pod: Readonly<KubeObject>): string {
  return ((pod['spec'] as { nodeName?: string } | undefined)?.nodeName) ?? '';
}

/** isPodTerminated: the phase is none of Pending, Running, Unknown. */
export function isPodTerminated(pod: Readonly<KubeObject>): boolean {
  const phase = statusOf(pod).phase;
  return phase !== 'Pending' && phase !== 'Running' && phase !== 'Unknown';
}

/** isPodTerminating: the pod has a deletionTimestamp. */
export function isPodTerminating(pod: Readonly<KubeObject>): boolean {
  return pod.metadata.deletionTimestamp != null;
}

/** eviction.PodIsEvicted: Failed with reason Evicted. */
function isEvicted(pod: Readonly<KubeObject>): boolean {
  const status = statusOf(pod);
  return status.phase === 'Failed' && status.reason === 'Evicted';
}

/** byEvictionAndCreationTimestamp: evicted pods first, then the oldest, then by name. */
export function byEvictionAndCreationTimestamp(a: Readonly<KubeObject>, b: Readonly<KubeObject>): number {
  const ea = isEvicted(a);
  const eb = isEvicted(b);
  if (ea !== eb) return ea ? -1 : 1;
  const ta = a.metadata.creationTimestamp ?? '';
  const tb = b.metadata.creationTimestamp ?? '';
  if (ta !== tb) return ta < tb ? -1 : 1;
  const na = a.metadata.name ?? '';
  const nb = b.metadata.name ?? '';
  return na < nb ? -1 : na > nb ? 1 : 0;
}

/** gcTerminated: the terminated pods beyond `threshold`, evicted and oldest first. */
export function terminatedPodsToDelete(pods: readonly KubeObject[], threshold: number): KubeObject[] {
  if (threshold <= 0) return [];
  const terminated = pods.filter(isPodTerminated);
  const deleteCount = terminated.length - threshold;
  if (deleteCount <= 0) return [];
  return terminated.sort(byEvictionAndCreationTimestamp).slice(0, deleteCount);
}

/** nodeutil.IsNodeReady. */
function isNodeReady(node: Readonly<KubeObject>): boolean {
  const conditions = (node['status'] as { conditions?: { type?: string; status?: string }[] } | undefined)?.conditions ?? [];
  return conditions.some((c) => c.type === 'Ready' && c.status === 'True');
}

function hasTaintKey(node: Readonly<KubeObject>, key: string): boolean {
  const taints = (node['spec'] as { taints?: { key?: string }[] } | undefined)?.taints ?? [];
  return taints.some((t) => t.key === key);
}

/** gcTerminating: terminating pods on a node that is not Ready and tainted out-of-service, sorted. */
export function terminatingPodsOnOutOfServiceNodes(pods: readonly KubeObject[], getNode: (name: string) => Readonly<KubeObject> | undefined): KubeObject[] {
  const out: KubeObject[] = [];
  for (const pod of pods) {
    if (!isPodTerminating(pod)) continue;
    const node = getNode(nodeNameOf(pod));
    if (node === undefined) continue;
    if (!isNodeReady(node) && hasTaintKey(node, TAINT_NODE_OUT_OF_SERVICE)) out.push(pod);
  }
  return out.sort(byEvictionAndCreationTimestamp);
}

/** gcUnscheduledTerminating: terminating pods never bound to a node. */
export function unscheduledTerminatingPods(pods: readonly KubeObject[]): KubeObject[] {
  return pods.filter((pod) => isPodTerminating(pod) && nodeNameOf(pod) === '');
}

/**
 * The status markFailedAndDeletePod writes before deleting a pod that has not finished: phase
 * Failed and, when given, the condition (apipod.UpdatePodCondition: its lastTransitionTime moves
 * only when its status changes). Undefined for a pod already Succeeded or Failed.
 */
export function failedStatus(pod: Readonly<KubeObject>, condition: Readonly<PodCondition> | undefined, now: number): PodStatus | undefined {
  const status = statusOf(pod);
  if (status.phase === 'Succeeded' || status.phase === 'Failed') return undefined;
  const next: PodStatus = { ...status, phase: 'Failed' };
  if (condition !== undefined) {
    const conditions = [...(status.conditions ?? [])];
    const index = conditions.findIndex((c) => c.type === condition.type);
    const existing = index < 0 ? undefined : conditions[index];
    const lastTransitionTime = existing !== undefined && existing.status === condition.status && existing.lastTransitionTime ? existing.lastTransitionTime : rfc3339(now);
    const updated: PodCondition = { ...condition, lastProbeTime: null, lastTransitionTime };
    if (index < 0) conditions.push(updated);
    else conditions[index] = updated;
    next.conditions = conditions;
  }
  return next;
}
