/**
 * How many pods a ReplicaSet creates or deletes in one sync (replica_set.go: manageReplicas).
 * Creations go through controller.slowStartBatch (common/slow-start-batch.ts).
 */

/** replicaset.BurstReplicas: at most this many creations or deletions per sync. */
export const BURST_REPLICAS = 500;

/** statusUpdateRetries: one more status write, after re-reading the object, when the first fails. */
export const STATUS_UPDATE_RETRIES = 1;

/** What manageReplicas does in a sync: create or delete this many pods (at most `burst`), or nothing. */
export type ReplicasAction = { kind: 'create'; count: number } | { kind: 'delete'; count: number } | { kind: 'none' };

/** The action that brings `activePods` towards `desired` replicas. */
export function replicasAction(activePods: number, desired: number, burst: number = BURST_REPLICAS): ReplicasAction {
  const diff = activePods - desired;
  if (diff < 0) return { kind: 'create', count: Math.min(-diff, burst) };
  if (diff > 0) return { kind: 'delete', count: Math.min(diff, burst) };
  return { kind: 'none' };
}
