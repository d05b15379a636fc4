/**
 * ClaimPods for a ReplicaSet (replica_set.go claimPods): the active pods it controls and selects,
 * after adopting matching orphans and releasing pods that stopped matching. Between syncs the
 * result is kept up to date from pod events (owned-pods.ts); a full claim runs when that cannot
 * answer or when an orphan may be adopted.
 */
import type { Selector } from '../../api/label-selector.js';
import { matches } from '../../api/label-selector.js';
import type { ApiClient } from '../../apiserver/types.js';
import type { Lister } from '../../client/lister.js';
import { orphanPodIndexKeyForNamespace, POD_CONTROLLER_UID_INDEX } from '../../client/index-funcs.js';
import { claimObjects } from '../common/claim-pods.js';
import { candidatePods } from '../common/pods-for-owner.js';
import type { OwnedPods, OwnedPodsCache } from './owned-pods.js';
import { podFacts } from './pod-facts.js';
import { minReadySeconds, type Pod, type ReplicaSet } from './types.js';

/** The claimed active pods of `rs` (`resource`: replicasets or replicationcontrollers) at `now`. */
export function claimReplicaSetPods(
  api: ApiClient,
  resource: string,
  pods: Lister<Pod>,
  cache: OwnedPodsCache,
  rs: Readonly<ReplicaSet>,
  selector: Selector,
  now: number,
): OwnedPods {
  const minReady = minReadySeconds(rs);
  if (!hasOrphansToAdopt(pods, rs, selector)) {
    const current = cache.current(rs, pods, now, minReady);
    if (current !== undefined) return current;
  }
  return cache.rebuild(rs, selector, claimPods(api, resource, pods, rs, selector), now, minReady);
}

/** Whether the namespace has active orphans the selector matches (ClaimPods would adopt them). */
function hasOrphansToAdopt(pods: Lister<Pod>, rs: Readonly<ReplicaSet>, selector: Selector): boolean {
  const orphans = pods.byIndex(POD_CONTROLLER_UID_INDEX, orphanPodIndexKeyForNamespace(rs.metadata.namespace ?? ''));
  return orphans.some((pod) => podFacts(pod).active && matches(selector, pod.metadata.labels));
}

/**
 * A full claim over the candidates (its own pods and the namespace's orphans, active only). Pods
 * it controls that still match are kept as they are; only orphans and pods that stopped matching
 * go through the adopt/release logic of claimObjects.
 */
function claimPods(api: ApiClient, resource: string, pods: Lister<Pod>, rs: Readonly<ReplicaSet>, selector: Selector): Pod[] {
  const uid = rs.metadata.uid ?? '';
  const owned: Pod[] = [];
  const others: Pod[] = [];
  for (const pod of candidatePods(pods, rs)) {
    const facts = podFacts(pod);
    if (!facts.active) continue;
    if (facts.controllerUid === uid && matches(selector, pod.metadata.labels)) owned.push(pod);
    else others.push(pod);
  }
  if (others.length === 0) return owned;
  return [...owned, ...(claimObjects(api, 'pods', rs, selector, others, () => canAdopt(api, resource, rs)) as Pod[])];
}

/** RecheckDeletionTimestamp: adopt only if a fresh read shows the same owner, not being deleted. */
function canAdopt(api: ApiClient, resource: string, rs: Readonly<ReplicaSet>): boolean {
  const fresh = api.get(resource, rs.metadata.namespace ?? '', rs.metadata.name ?? '');
  return fresh.ok && fresh.value.metadata.uid === rs.metadata.uid && fresh.value.metadata.deletionTimestamp == null;
}
